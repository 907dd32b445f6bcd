from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SourceKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")
    OUTLET = "outlet", _("Media outlet")
    GOVERNMENT = "government", _("Government body")
    DOCUMENT = "document", _("Document")
    DATASET = "dataset", _("Data set")


class Source(models.Model):
    """Who or what a claim is attributed to: a person, an organisation, an outlet, a document."""

    kind = models.CharField(max_length=20, choices=SourceKind.choices, default=SourceKind.PERSON)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True, help_text=_("Who they are, in one or two sentences."))
    url = models.URLField(max_length=500, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        help_text=_("The organisation they belong to: a journalist's outlet, a spokesperson's office."),
    )
    external_id = models.CharField(
        max_length=50, blank=True, help_text=_("An external identifier such as a Wikidata QID (Q42).")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")),
                name="source_not_its_own_parent",
                violation_error_message=_("A source cannot be its own parent organisation."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sources:source-detail", kwargs={"slug": self.slug})


class Article(models.Model):
    """A published piece. Its body is kept because claims are anchored in it by character offsets."""

    url = models.URLField(max_length=1000, unique=True, help_text=_("Canonical URL, normalised."))
    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=200, unique=True)
    publisher = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_articles",
        limit_choices_to={"kind": SourceKind.OUTLET},
    )
    authors = models.ManyToManyField(Source, blank=True, related_name="authored_articles")
    byline = models.CharField(max_length=300, blank=True, help_text=_("The byline as printed."))
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=12, default="en")
    body = models.TextField(help_text=_("The full article text; claims are anchored in it."))
    content_hash = models.CharField(max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["publisher", "-published_on"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sources:article-detail", kwargs={"slug": self.slug})
