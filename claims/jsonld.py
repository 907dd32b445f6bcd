"""schema.org ClaimReview (and a DataFeed of them), as Google's fact-check guidelines describe.

claimreview_for() is a pure function of a claim fetched with claims.selectors.claims_with_details():
the public page embeds its result in <script type="application/ld+json"> and the API serves the
same dict, so both always agree. Pass `scale_bounds` when building many (a feed, a list) to read
the rating scale once instead of once per claim.
"""

from datetime import date, datetime

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from claims.models import STANDING_STATUSES, Claim
from claims.selectors import rating_scale_bounds
from sources.models import SourceKind

CONTEXT = "https://schema.org"
CLAIM_REVIEWED_MAX = 75  # Google: keep claimReviewed under 75 characters where possible
# Words a shortened claim must not end on: the fragment would read as if it said something else.
_DANGLING = {
    "a", "an", "the", "and", "or", "but", "nor", "not", "no", "of", "to", "in", "on", "at", "by", "for",
    "with", "from", "that", "than", "as", "is", "are", "was", "were", "be", "had", "has", "have",
    "will", "would", "could", "should", "did", "does", "do", "never", "only", "about", "over", "under",
}  # fmt: skip


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


def claim_path(claim: Claim) -> str:
    """The public page's path; a fallback keeps the API working before the page's URL is routed."""
    try:
        return claim.get_absolute_url()
    except NoReverseMatch:
        return f"/claims/{claim.slug}/"


def claim_jsonld_path(claim: Claim) -> str:
    try:
        return reverse("api:claim-detail", kwargs={"pk": claim.pk}) + "?format=jsonld"
    except NoReverseMatch:
        return f"/api/v1/claims/{claim.pk}/?format=jsonld"


def shorten_claim(text: str, limit: int = CLAIM_REVIEWED_MAX) -> str:
    """TEXT if it fits under LIMIT, else cut at a word boundary with an ellipsis that shows the cut.

    The cut never ends on a word such as "not" or "than" that would leave a fragment reading as a
    different claim, and never inside the first few words (then the full text is kept: a claim too
    tangled to shorten honestly is better long than misquoted).
    """
    text = " ".join(text.split())
    if len(text) < limit:
        return text
    words = text[: limit - 1].split(" ")
    if len(text) > limit - 1 and text[limit - 1] != " ":
        words = words[:-1]  # the last word was cut in the middle
    while words and (words[-1].lower().strip(",;:-–—") in _DANGLING or not words[-1].strip(",;:-–—")):
        words.pop()
    if len(words) < 4:
        return text
    return " ".join(words).rstrip(",;:-–— ") + "…"


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def organisation() -> dict:
    org = {"@type": "Organization", "name": settings.FACTCHECK_ORG_NAME, "url": settings.FACTCHECK_ORG_URL}
    if settings.FACTCHECK_ORG_LOGO:
        org["logo"] = {"@type": "ImageObject", "url": settings.FACTCHECK_ORG_LOGO}
    return org


def _source_entity(source) -> dict:
    entity = {"@type": "Person" if source.kind == SourceKind.PERSON else "Organization", "name": source.name}
    same_as = []
    if source.url:
        entity["url"] = source.url
    if source.external_id and source.external_id.startswith("Q"):
        same_as.append(f"https://www.wikidata.org/wiki/{source.external_id}")
    if same_as:
        entity["sameAs"] = same_as
    return entity


def _appearance_work(article) -> dict:
    work = {"@type": "CreativeWork", "url": article.url, "headline": article.title}
    if article.publisher is not None:
        work["publisher"] = {"@type": "Organization", "name": article.publisher.name}
        if article.publisher.url:
            work["publisher"]["url"] = article.publisher.url
    if article.published_on:
        work["datePublished"] = _iso(article.published_on)
    return work


def latest_public_correction(claim: Claim):
    """When the newest non-minor correction was made, or None. Uses a prefetch of `corrections` if any."""
    cache = getattr(claim, "_prefetched_objects_cache", {})
    if "corrections" in cache:
        dates = [c.created_at for c in cache["corrections"] if not c.minor]
        return max(dates) if dates else None
    return claim.corrections.filter(minor=False).order_by("-created_at").values_list("created_at", flat=True).first()


def review_rating(verdict, scale_bounds) -> dict | None:
    rating = getattr(verdict, "rating", None) if verdict is not None else None
    if rating is None:
        return None
    data = {"@type": "Rating", "alternateName": rating.label}
    worst, best = scale_bounds
    if rating.value is not None and worst is not None and best is not None and best > worst:
        data.update(ratingValue=rating.value, bestRating=best, worstRating=worst)
    if verdict.summary:
        data["ratingExplanation"] = verdict.summary
    return data


def _verdict(claim):
    try:
        return claim.verdict
    except Claim.verdict.RelatedObjectDoesNotExist:
        return None


def claimreview_for(claim: Claim, *, request=None, scale_bounds=None) -> dict:
    """The schema.org ClaimReview of CLAIM (fetched with claims_with_details)."""
    if scale_bounds is None:
        scale_bounds = rating_scale_bounds()
    verdict = _verdict(claim)
    appearances = list(claim.appearances.all())
    made_by = [a.source for a in claim.attributions.all() if a.role == "made"]

    item = {"@type": "Claim"}
    authors = [_source_entity(source) for source in made_by]
    if len(authors) == 1:
        item["author"] = authors[0]
    elif authors:
        item["author"] = authors
    if claim.claim_date:
        item["datePublished"] = _iso(claim.claim_date)
    articles = []
    for appearance in appearances:
        if appearance.article not in articles:
            articles.append(appearance.article)
    if articles:
        item["appearance"] = [_appearance_work(article) for article in articles]
        first = min(articles, key=lambda a: (a.published_on is None, a.published_on or date.max, a.pk))
        item["firstAppearance"] = _appearance_work(first)

    review = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": absolute_url(claim_path(claim)),
        "claimReviewed": shorten_claim(claim.text),
        "author": organisation(),
        "datePublished": _iso((claim.first_published_at or claim.published_at or claim.created_at).date()),
        "dateModified": _iso(latest_public_correction(claim) or claim.published_at or claim.created_at),
        "inLanguage": claim.language,
        "itemReviewed": item,
    }
    rating = review_rating(verdict, scale_bounds)
    if rating is not None:
        review["reviewRating"] = rating
    return review


def in_claimreview_feed(claim: Claim) -> bool:
    """Retracted verdicts no longer stand: they stay on their page but leave the feed."""
    return claim.status in STANDING_STATUSES


def datafeed_for(claims, *, url: str, scale_bounds=None, date_modified=None) -> dict:
    """A schema.org DataFeed of ClaimReviews (one DataFeedItem per claim), for aggregators."""
    if scale_bounds is None:
        scale_bounds = rating_scale_bounds()
    items = []
    for claim in claims:
        review = claimreview_for(claim, scale_bounds=scale_bounds)
        items.append(
            {
                "@type": "DataFeedItem",
                "dateCreated": _iso(claim.first_published_at or claim.published_at),
                "dateModified": review["dateModified"],
                "item": [review],
            }
        )
    feed = {
        "@context": CONTEXT,
        "@type": "DataFeed",
        "name": f"{settings.FACTCHECK_ORG_NAME} fact checks",
        "url": url,
        "dataFeedElement": items,
    }
    if date_modified is not None:
        feed["dateModified"] = _iso(date_modified)
    return feed
