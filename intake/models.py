"""What arrives from outside: other fact-checkers' reviews, and claims proposed from an article."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RatingMapping(models.Model):
    """An external textual rating ("Falso", "Incorrect") and the step of our scale it means."""

    publisher = models.CharField(
        max_length=200, blank=True, help_text=_("Only for this fact-checker; empty means any publisher.")
    )
    label = models.CharField(
        max_length=200, help_text=_("The external rating, compared without case or surrounding punctuation.")
    )
    rating = models.ForeignKey("claims.Rating", on_delete=models.CASCADE, related_name="external_mappings")

    class Meta:
        ordering = ["publisher", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["publisher", "label"],
                name="rating_mapping_unique_label",
                violation_error_message=_("This publisher's label is already mapped."),
            ),
        ]

    def __str__(self):
        return f"{self.label} → {self.rating}" + (f" ({self.publisher})" if self.publisher else "")

    def clean(self):
        # Stored the way intake.ratings compares: lower case, single spaces, no surrounding punctuation.
        from intake.ratings import normalise_label

        self.label = normalise_label(self.label)
        self.publisher = self.publisher.strip()


class RatingMethod(models.TextChoices):
    LABEL = "label", _("Mapped from its label")
    SCALE = "scale", _("Scaled from its numbers")
    NONE = "", _("Not mapped")


class ExternalReview(models.Model):
    """Another fact-checker's review of a claim, imported from its ClaimReview markup."""

    claim = models.ForeignKey(
        "claims.Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="external_reviews"
    )
    url = models.URLField(max_length=1000, unique=True, help_text=_("The review's own URL; a re-import updates it."))
    publisher = models.CharField(max_length=200)
    publisher_url = models.CharField(max_length=500, blank=True)
    published_on = models.DateField(null=True, blank=True)
    claim_reviewed = models.TextField()
    claimant = models.CharField(max_length=300, blank=True, help_text=_("Who made the claim, as the review says."))
    claim_date = models.DateField(null=True, blank=True)
    appearance_urls = models.JSONField(default=list, blank=True)
    language = models.CharField(max_length=12, blank=True)
    rating_text = models.TextField(blank=True, help_text=_("The review's textual rating (alternateName)."))
    rating_value = models.FloatField(null=True, blank=True)
    best_rating = models.FloatField(null=True, blank=True)
    worst_rating = models.FloatField(null=True, blank=True)
    rating = models.ForeignKey(
        "claims.Rating", null=True, blank=True, on_delete=models.SET_NULL, related_name="external_reviews"
    )
    rating_method = models.CharField(max_length=10, choices=RatingMethod.choices, blank=True)
    raw = models.JSONField(default=dict, blank=True, help_text=_("The ClaimReview as published."))
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["claim", "-published_on"])]

    def __str__(self):
        return f"{self.publisher}: {self.claim_reviewed[:80]}"

    @property
    def needs_mapping(self) -> bool:
        """Flagged for a reviewer: the external rating means nothing on our scale yet."""
        return self.rating_id is None


class SuggestionStatus(models.TextChoices):
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    LINKED = "linked", _("Linked to an existing claim")
    DISMISSED = "dismissed", _("Dismissed")


class ClaimSuggestion(models.Model):
    """A candidate claim found in an article's body, waiting for a reviewer's decision."""

    article = models.ForeignKey("sources.Article", on_delete=models.CASCADE, related_name="claim_suggestions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField(help_text=_("The exact text at start..end in the article's body."))
    text = models.TextField(help_text=_("Normalised, stand-alone wording."))
    claim_date = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=12, default="en")
    score = models.FloatField(help_text=_("Check-worthiness, 0 to 1."))
    reasons = models.JSONField(default=list, blank=True)
    quantities = models.JSONField(default=list, blank=True)
    # [{"name", "source_id", "role", "described_as", "claimant": bool}]
    attributions = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.NEW)
    claim = models.ForeignKey(
        "claims.Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="intake_suggestions"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "start", "end"],
                name="claim_suggestion_unique_span",
                violation_error_message=_("This passage of the article is already suggested."),
            ),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="claim_suggestion_end_after_start",
                violation_error_message=_("The quote must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.text[:100]

    @property
    def claimant(self) -> dict | None:
        return next((a for a in self.attributions if a.get("claimant")), None)
