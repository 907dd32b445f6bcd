from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from claims.markdown import render_markdown


class Rating(models.Model):
    """One step of the rating scale, or a verdict off the scale (value is null)."""

    label = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    value = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Position on the numeric scale; empty for verdicts off the scale.")
    )
    position = models.PositiveSmallIntegerField(help_text=_("Display order, from best to worst."))
    colour = models.CharField(max_length=7, help_text=_("Hex colour such as #1a7f37."))
    definition = models.CharField(max_length=300)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["position"], name="rating_unique_position"),
            models.UniqueConstraint(
                fields=["value"],
                condition=Q(value__isnull=False),
                name="rating_unique_value",
                violation_error_message=_("Another rating already has this value on the scale."),
            ),
            models.CheckConstraint(
                condition=Q(colour__regex=r"^#[0-9A-Fa-f]{6}$"),
                name="rating_colour_is_hex",
                violation_error_message=_("The colour must be a hex colour such as #1a7f37."),
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def on_scale(self) -> bool:
        return self.value is not None


class Tag(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_RESEARCH = "in_research", _("In research")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    CORRECTED = "corrected", _("Corrected")
    RETRACTED = "retracted", _("Retracted")


# Statuses the public may see; every public read starts from claims.selectors.claims_visible_to.
PUBLIC_STATUSES = (ClaimStatus.PUBLISHED, ClaimStatus.CORRECTED, ClaimStatus.RETRACTED)
# Public verdicts that still stand: a retracted one keeps its page but leaves feeds, scorecards and markup.
STANDING_STATUSES = (ClaimStatus.PUBLISHED, ClaimStatus.CORRECTED)


class Claim(models.Model):
    """One checkable statement, worded to stand alone."""

    text = models.TextField(help_text=_("The claim, worded to stand alone, with who, what and when."))
    slug = models.SlugField(max_length=200, unique=True)
    claim_date = models.DateField(null=True, blank=True, help_text=_("When the claim was made."))
    language = models.CharField(max_length=12, default="en")
    tags = models.ManyToManyField(Tag, blank=True, related_name="claims")
    status = models.CharField(max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims_to_research",
        help_text=_("The reviewer researching this claim."),
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claims_to_edit",
        help_text=_("The editor who approves the verdict."),
    )
    is_demo = models.BooleanField(default=False, help_text=_("Demo content from the seed data."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    # Optimistic locking: bumped by every service write; a stale version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    # A retracted claim keeps its page, with this notice instead of the verdict (claims.services.claim_retract).
    retracted_at = models.DateTimeField(null=True, blank=True, editable=False)
    retraction_reason = models.TextField(blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-id"]
        permissions = [
            ("publish_claim", _("Can approve and publish a verdict")),
            ("retract_claim", _("Can retract a published verdict")),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["claim_date"]),
            models.Index(fields=["language"]),
            # Newest-first public lists (API, pages, feeds) walk this index and stop after a page,
            # without stepping over drafts.
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                name="claim_public_newest",
                condition=Q(status__in=["published", "corrected", "retracted"]),
            ),
        ]

    def __str__(self):
        return self.text[:100]

    def get_absolute_url(self):
        return reverse("claims:claim-detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES


class Appearance(models.Model):
    """Where a claim appears: the exact quote at its character offsets in an article's body."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="appearances")
    article = models.ForeignKey("sources.Article", on_delete=models.PROTECT, related_name="appearances")
    quote = models.TextField()
    # Blank in forms: when only the quote is given, Appearance.clean() locates it.
    start = models.PositiveIntegerField(
        blank=True, help_text=_("Offset of the quote's first character in the body; found from the quote if empty.")
    )
    end = models.PositiveIntegerField(blank=True, help_text=_("Offset just past the quote's last character."))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="appearance_end_after_start",
                violation_error_message=_("The quote must end after it starts."),
            ),
            models.UniqueConstraint(
                fields=["claim", "article", "start"],
                name="appearance_unique_per_claim_article_start",
                violation_error_message=_("This claim already has an appearance at this place in the article."),
            ),
        ]

    def __str__(self):
        return f"{self.quote[:60]} ({self.article})"

    def clean(self):
        from claims.anchoring import QuoteNotFound, anchor_quote

        try:
            article = self.article  # may be an unsaved article when added in the same admin form
        except ObjectDoesNotExist:
            article = None
        if article is None or not self.quote:
            if self.start is None or self.end is None:
                raise ValidationError({"quote": _("Choose the article and give the exact quote to anchor.")})
            return
        try:
            self.start, self.end = anchor_quote(article.body, self.quote, self.start, self.end)
        except QuoteNotFound as exc:
            raise ValidationError({"quote": str(exc)}) from exc


class AttributionRole(models.TextChoices):
    MADE = "made", _("Made the claim")
    REPORTED = "reported", _("Reported it")
    CONFIRMED = "confirmed", _("Confirmed it")
    DENIED = "denied", _("Denied it")
    REPEATED = "repeated", _("Repeated it")


class Attribution(models.Model):
    """Claim ↔ source, with the source's role and how the article described them."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="attributions")
    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="attributions")
    role = models.CharField(max_length=20, choices=AttributionRole.choices, default=AttributionRole.MADE)
    described_as = models.CharField(
        max_length=200,
        blank=True,
        help_text=_('How the article describes the source, e.g. "Axios journalist".'),
    )
    article = models.ForeignKey(
        "sources.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attributions",
        help_text=_("The article in which the source is described this way."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim_id", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "source", "role"],
                name="attribution_unique_role",
                violation_error_message=_("This source already has this role for this claim."),
            ),
        ]
        indexes = [models.Index(fields=["source", "role"])]

    def __str__(self):
        return f"{self.source} — {self.get_role_display()}"


class Verdict(models.Model):
    """The review of a claim: its rating, summary and explanation, backed by evidence."""

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, related_name="verdict")
    rating = models.ForeignKey(Rating, null=True, blank=True, on_delete=models.PROTECT, related_name="verdicts")
    summary = models.CharField(max_length=300, blank=True, help_text=_("The verdict in one line."))
    explanation = models.TextField(blank=True, help_text=_("Markdown. Rendered sanitised."))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verdicts_written",
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="verdicts_approved",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["rating"])]

    def __str__(self):
        return f"{self.rating or _('Unrated')}: {self.claim}"

    @property
    def explanation_html(self) -> str:
        return render_markdown(self.explanation)


class Stance(models.TextChoices):
    SUPPORTS = "supports", _("Supports the claim")
    REFUTES = "refutes", _("Refutes the claim")
    CONTEXT = "context", _("Gives context")


class Evidence(models.Model):
    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(
        "sources.Source", null=True, blank=True, on_delete=models.PROTECT, related_name="evidence"
    )
    url = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=300, blank=True)
    quote = models.TextField(blank=True, help_text=_("The passage that bears on the claim."))
    stance = models.CharField(max_length=10, choices=Stance.choices, default=Stance.CONTEXT)
    accessed_on = models.DateField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["verdict_id", "position", "id"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=Q(source__isnull=False) | ~Q(url=""),
                name="evidence_has_source_or_url",
                violation_error_message=_("Evidence needs a source, a URL, or both."),
            ),
        ]

    def __str__(self):
        return self.title or self.url or str(self.source)


class StatusChange(models.Model):
    """The workflow log: who moved a claim from one status to another, when, and why."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=ClaimStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ClaimStatus.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "created_at", "id"]

    def __str__(self):
        return f"{self.from_status or '∅'} → {self.to_status}"


class Correction(models.Model):
    """A change to a published verdict. Public unless minor (typo-level)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="corrections")
    note = models.TextField()
    minor = models.BooleanField(default=False, help_text=_("Typo-level: kept in history, not in the public log."))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["claim_id", "-created_at"]

    def __str__(self):
        return self.note[:80]


class TipStatus(models.TextChoices):
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")


class Tip(models.Model):
    """A claim suggested by a reader through the public form."""

    text = models.TextField()
    url = models.URLField(max_length=1000, blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=10, choices=TipStatus.choices, default=TipStatus.NEW)
    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="tips")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.text[:80]
