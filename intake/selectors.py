"""Reads of the intake: other fact-checkers' reviews of a claim, for the claim page and the API."""

from django.db.models import Prefetch, QuerySet

from intake.models import ExternalReview

OTHER_FACTCHECK_FIELDS = (
    "id", "claim_id", "url", "publisher", "publisher_url", "published_on", "claim_reviewed", "rating_text",
    "rating_value", "best_rating", "worst_rating", "rating__slug", "rating__label", "rating__colour",
)  # fmt: skip


def other_factchecks() -> QuerySet[ExternalReview]:
    """External reviews as the public sees them: newest first, with our reading of their rating.

    They are published work of other fact-checkers, so they are public wherever the claim is.
    """
    return (
        ExternalReview.objects.select_related("rating").only(*OTHER_FACTCHECK_FIELDS).order_by("-published_on", "-id")
    )


def other_factchecks_prefetch() -> Prefetch:
    """For a claims queryset: `.prefetch_related(other_factchecks_prefetch())` fills claim.other_factchecks."""
    return Prefetch("external_reviews", queryset=other_factchecks(), to_attr="other_factchecks")


def other_factchecks_for(*, claim) -> list[ExternalReview]:
    prefetched = getattr(claim, "other_factchecks", None)
    if prefetched is not None:
        return prefetched
    return list(other_factchecks().filter(claim=claim))
