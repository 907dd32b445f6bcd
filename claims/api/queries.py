"""The querysets the API reads, built on claims.selectors so a draft can never slip through.

Anonymous callers and partners see what claims_public() allows; signed-in staff with the view
permission see drafts too (claims_visible_to). Articles and sources are shown to the public only
when a claim they may see refers to them, so a draft's new article or source does not leak either.
"""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from claims.models import Appearance, Attribution, Claim, Correction, Evidence, Rating
from claims.selectors import claims_with_details


def with_scale(qs: QuerySet[Claim]) -> QuerySet[Claim]:
    """Annotate the scale's bounds (worst, best) in the claim query itself: no extra query per page."""
    on_scale = Rating.objects.filter(value__isnull=False)
    return qs.annotate(
        scale_worst=Subquery(on_scale.order_by("value").values("value")[:1]),
        scale_best=Subquery(on_scale.order_by("-value").values("value")[:1]),
    )


def claims_for_list(qs: QuerySet[Claim]) -> QuerySet[Claim]:
    """What a claims list shows, in 4 queries whatever the page size:
    claims with verdict, rating and names (1), tags (2), appearances with articles (3), attributions (4).
    Evidence is counted in query 1; the items themselves are in the detail."""
    evidence_total = (
        Evidence.objects.filter(verdict__claim=OuterRef("pk"))
        .order_by()
        .values("verdict__claim")
        .annotate(n=Count("id"))
        .values("n")
    )
    return with_scale(
        qs.select_related("verdict__rating", "verdict__reviewer", "verdict__editor")
        .prefetch_related(
            "tags",
            Prefetch("appearances", queryset=Appearance.objects.select_related("article__publisher")),
            Prefetch("attributions", queryset=Attribution.objects.select_related("source")),
        )
        .annotate(evidence_total=Coalesce(Subquery(evidence_total, output_field=IntegerField()), 0))
    )


def claims_for_detail(qs: QuerySet[Claim]) -> QuerySet[Claim]:
    """claims_with_details, the public corrections (for the detail and dateModified) and the scale."""
    return with_scale(
        claims_with_details(qs).prefetch_related(
            Prefetch("corrections", queryset=Correction.objects.filter(minor=False).order_by("-created_at"))
        )
    )


def claims_for_feed(qs: QuerySet[Claim]) -> QuerySet[Claim]:
    """What a ClaimReview shows, in 4 queries whatever the page size: claims with verdict, rating and the
    scale (1), appearances with articles and publishers (2), attributions with sources (3), and the dates
    of the public corrections for dateModified (4). No tags, evidence or reviewer names: the feed does
    not show them."""
    return with_scale(
        qs.select_related("verdict__rating").prefetch_related(
            Prefetch("appearances", queryset=Appearance.objects.select_related("article__publisher")),
            Prefetch("attributions", queryset=Attribution.objects.select_related("source")),
            Prefetch(
                "corrections",
                queryset=Correction.objects.filter(minor=False).only("id", "claim_id", "created_at", "minor"),
            ),
        )
    )
