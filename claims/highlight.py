"""Article text with the quotes of published claims marked, for the public article and claim pages."""

import re
from dataclasses import dataclass, field
from itertools import pairwise

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s+|\n")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")  # U.S, e.g, J
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "no", "vs"}


def _ends_sentence(body: str, match: re.Match) -> bool:
    """Whether MATCH (punctuation and the space after it) really ends a sentence, not an abbreviation."""
    if match.group().startswith("\n"):
        return True
    word = body[: match.start()].rsplit(None, 1)[-1] if body[: match.start()].strip() else ""
    word = word.lstrip("\"'“‘(")
    if body[match.start()] == "." and (_INITIALS.fullmatch(word) or word.lower() in _ABBREVIATIONS):
        return False
    following = body[match.end() : match.end() + 2].lstrip("\"'“‘(")
    return not following or not following[0].islower()


def _sentence_ends(body: str, start: int, end: int):
    return (m for m in _SENTENCE_END.finditer(body, start, end) if _ends_sentence(body, m))


def sentence_around(body: str, start: int, end: int) -> tuple[str, str, str]:
    """(text before, quote, text after) for the sentence(s) holding body[start:end]."""
    start, end = max(0, min(start, len(body))), max(0, min(end, len(body)))
    before_start = 0
    for match in _sentence_ends(body, 0, start):
        before_start = match.end()
    if end > start and body[end - 1] in ".!?…\n":
        after_end = end
    else:
        match = next(_sentence_ends(body, end, len(body)), None)
        after_end = match.end() if match else len(body)
    return body[before_start:start], body[start:end], body[end:after_end].rstrip()


@dataclass
class _Cluster:
    start: int
    end: int
    appearances: list = field(default_factory=list)


def _clusters(appearances, length: int) -> list[_Cluster]:
    """Group appearances whose quotes overlap, so that no link is ever nested in another."""
    clusters: list[_Cluster] = []
    spans = sorted(
        (a for a in appearances if 0 <= a.start < a.end <= length),
        key=lambda a: (a.start, -a.end, a.pk or 0),
    )
    for appearance in spans:
        if clusters and appearance.start < clusters[-1].end:
            clusters[-1].end = max(clusters[-1].end, appearance.end)
            clusters[-1].appearances.append(appearance)
        else:
            clusters.append(_Cluster(appearance.start, appearance.end, [appearance]))
    return clusters


NEUTRAL = "#6e7781"


def _label_and_colour(appearance) -> tuple[str, str]:
    """The rating's name and colour; a retracted verdict no longer stands, so it is shown as retracted."""
    if getattr(appearance.claim, "status", "") == "retracted":
        return _("Retracted"), NEUTRAL
    verdict = getattr(appearance.claim, "verdict", None)
    rating = verdict.rating if verdict is not None else None
    return (rating.label, rating.colour) if rating is not None else (_("Not rated"), NEUTRAL)


def _badge(appearance, number: int | None = None) -> SafeString:
    label, colour = _label_and_colour(appearance)
    prefix = f"{number}. " if number else ""
    return format_html(
        '<span class="hl-badge" style="--rating: {}"><span class="visually-hidden">{}</span>{}{}</span>',
        colour,
        _("Checked claim, verdict:") + " ",
        prefix,
        label,
    )


def _colour(appearance) -> str:
    return _label_and_colour(appearance)[1]


def highlight_body(body: str, appearances) -> SafeString:
    """BODY as escaped HTML with each appearance's quote highlighted in its rating's colour.

    A quote that overlaps no other becomes one link to its claim. Overlapping quotes are drawn as
    nested marks (the shared words get a stronger underline) followed by one numbered link per claim,
    because a link inside a link is not valid HTML and screen readers could not announce it.
    """
    out: list[str] = []
    cursor = 0
    for cluster in _clusters(appearances, len(body)):
        out.append(escape(body[cursor : cluster.start]))
        if len(cluster.appearances) == 1:
            appearance = cluster.appearances[0]
            out.append(
                format_html(
                    '<a class="hl" id="appearance-{}" href="{}" style="--rating: {}">{}{}</a>',
                    appearance.pk,
                    appearance.claim.get_absolute_url(),
                    _colour(appearance),
                    body[cluster.start : cluster.end],
                    _badge(appearance),
                )
            )
        else:
            out.append(_overlapping(body, cluster))
        cursor = cluster.end
    out.append(escape(body[cursor:]))
    return mark_safe("".join(out))  # every piece above is escaped or built by format_html


def _overlapping(body: str, cluster: _Cluster) -> str:
    bounds = sorted({cluster.start, cluster.end} | {p for a in cluster.appearances for p in (a.start, a.end)})
    parts = ['<span class="hl-group">']
    for left, right in pairwise(bounds):
        covering = [a for a in cluster.appearances if a.start <= left and right <= a.end]
        if not covering:
            parts.append(escape(body[left:right]))
            continue
        innermost = min(covering, key=lambda a: a.end - a.start)
        css = "hl hl-overlap" if len(covering) > 1 else "hl"
        parts.append(
            format_html('<mark class="{}" style="--rating: {}">{}</mark>', css, _colour(innermost), body[left:right])
        )
    for number, appearance in enumerate(cluster.appearances, start=1):
        parts.append(
            format_html(
                '<a class="hl-link" id="appearance-{}" href="{}" title="{}">{}</a>',
                appearance.pk,
                appearance.claim.get_absolute_url(),
                appearance.claim.text,
                _badge(appearance, number),
            )
        )
    parts.append("</span>")
    return "".join(parts)
