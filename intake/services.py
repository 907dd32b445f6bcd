"""Writes of the intake: ClaimReview import, article import, accepting claim suggestions.

Every write goes through claims.services and sources.services, inside one transaction.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from claims.models import Claim
from claims.services import ClaimError, claim_create, validation_messages
from intake.claimreview import DocumentError, FieldError, ParsedReview, parse_claimreviews
from intake.matching import claims_similar
from intake.models import ExternalReview
from intake.ratings import rating_map

# -- ClaimReview import ------------------------------------------------------------------------------


@dataclass
class ClaimReviewImport:
    """What an import did, or why it did nothing: one line per bad item and field."""

    reviews: list[ParsedReview] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)
    created: list[ExternalReview] = field(default_factory=list)
    updated: list[ExternalReview] = field(default_factory=list)
    new_claims: list[Claim] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def saved(self) -> list[ExternalReview]:
        return self.created + self.updated


def _claim_for_review(*, parsed: ParsedReview, existing: ExternalReview | None, user, language: str):
    """The claim this review is about: the one it was linked to, an alike claim, or a new draft."""
    if existing is not None and existing.claim_id:
        return existing.claim, False
    matches = [c for c in claims_similar(text=parsed.claim_reviewed, limit=1) if not c.is_conflict]
    if matches:
        return matches[0].claim, False
    claim = claim_create(
        text=parsed.claim_reviewed,
        claim_date=parsed.claim_date,
        language=(parsed.language or language)[:12],
        user=user,
    )
    return claim, True


def external_review_save(*, parsed: ParsedReview, user=None, language: str = "") -> tuple[ExternalReview, bool, bool]:
    """Create or update the external review at PARSED.url. Returns (review, created, started a new claim)."""
    existing = ExternalReview.objects.filter(url=parsed.url).select_related("claim").first()
    claim, new_claim = _claim_for_review(
        parsed=parsed, existing=existing, user=user, language=language or settings.LANGUAGE_CODE
    )
    rating, method = rating_map(
        label=parsed.rating_text,
        value=parsed.rating_value,
        best=parsed.best_rating,
        worst=parsed.worst_rating,
        publisher=parsed.publisher,
    )
    review = existing or ExternalReview(url=parsed.url)
    review.claim = claim
    review.publisher = parsed.publisher[:200]
    review.publisher_url = parsed.publisher_url[:500]
    review.published_on = parsed.published_on
    review.claim_reviewed = parsed.claim_reviewed
    review.claimant = parsed.claimant[:300]
    review.claim_date = parsed.claim_date
    review.appearance_urls = parsed.appearance_urls + (
        [parsed.first_appearance_url] if parsed.first_appearance_url else []
    )
    review.language = parsed.language
    review.rating_text = parsed.rating_text
    review.rating_value = parsed.rating_value
    review.best_rating = parsed.best_rating
    review.worst_rating = parsed.worst_rating
    review.rating = rating
    review.rating_method = method
    review.raw = parsed.raw
    review.full_clean()
    review.save()
    return review, existing is None, new_claim


def claimreviews_import(*, data: str | bytes, user=None, language: str = "") -> ClaimReviewImport:
    """Import every ClaimReview in DATA, or none of them.

    All or none: when any item of the document is bad, nothing is written and the result lists every
    bad item with its field and the reason. A fact-checker's file is one batch; importing part of it
    would leave the reviewer to work out which reviews are missing.
    """
    result = ClaimReviewImport()
    try:
        result.reviews = parse_claimreviews(data)
    except DocumentError as exc:
        result.errors.append(FieldError("document", "document", str(exc)))
        return result
    seen = {}
    for parsed in result.reviews:
        if parsed.url and parsed.url in seen:
            parsed.error("url", f"the same review URL as {seen[parsed.url]}.")
        seen.setdefault(parsed.url, parsed.label)
        result.errors.extend(parsed.errors)
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for parsed in result.reviews:
                try:
                    review, created, new_claim = external_review_save(parsed=parsed, user=user, language=language)
                except ValidationError as exc:
                    result.errors.append(FieldError(parsed.label, "review", validation_messages(exc)))
                    raise ClaimError("rolled back") from exc
                (result.created if created else result.updated).append(review)
                if new_claim:
                    result.new_claims.append(review.claim)
    except ClaimError:
        result.created, result.updated, result.new_claims = [], [], []
    return result
