"""What public pages outside the claims app show about claims, read through claims.selectors."""

from django import template

from claims.highlight import highlight_body, sentence_around
from claims.models import Appearance, Attribution
from claims.selectors import claims_public, newest_first_from_the_source_side, source_scorecard

register = template.Library()

SOURCE_CLAIMS_SHOWN = 50


@register.simple_tag
def scorecard_for(source) -> list[dict]:
    """source_scorecard() rows, each with `percent` of the largest count for the bar length."""
    rows = source_scorecard(source=source)
    largest = max((row["count"] for row in rows), default=0)
    for row in rows:
        row["percent"] = round(100 * row["count"] / largest) if largest else 0
    return rows


@register.simple_tag
def public_attributions_of(source):
    """The source's roles in published claims, latest first (one query)."""
    return list(
        Attribution.objects.filter(source=source, claim__in=claims_public())
        .select_related("claim__verdict__rating", "article")
        .order_by(newest_first_from_the_source_side("claim__published_at"), "-claim_id", "role")[:SOURCE_CLAIMS_SHOWN]
    )


@register.simple_tag
def public_appearances_in(article):
    """Appearances of published claims in the article, in reading order (one query)."""
    return list(
        Appearance.objects.filter(article=article, claim__in=claims_public())
        .select_related("claim__verdict__rating")
        .order_by("start", "id")
    )


@register.simple_tag
def highlighted(body, appearances):
    return highlight_body(body, appearances)


@register.simple_tag
def sentence_of(appearance) -> dict:
    before, quote, after = sentence_around(appearance.article.body, appearance.start, appearance.end)
    return {"before": before, "quote": quote, "after": after}
