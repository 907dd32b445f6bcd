"""Has this claim been seen before? Trigram similarity, then a check of its numbers and names.

On PostgreSQL the similarity is pg_trgm's `similarity()` (the extension is enabled by
intake/migrations/0002). Elsewhere the same measure is computed in Python, so the threshold setting
FACTCHECK_DUPLICATE_THRESHOLD means the same on both databases.

Two texts that are alike but disagree on a number or a name ("lasted 40 minutes" / "lasted 45
minutes") are a conflict, not a duplicate: the reviewer should see both, never merge them.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

from claims.models import Claim

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_UNITS = (
    "%|percent|per cent|million|billion|thousand|trillion|seconds?|minutes?|hours?|days?|weeks?|months?|years?|"
    "km|kilometres?|kilometers?|miles?|metres?|meters?|kg|tonnes?|tons?|euros?|dollars?|pounds?|people|deaths|"
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"}  # fmt: skip
_NUMBER = re.compile(rf"(?<![\w.])(\d+(?:[.,]\d+)*)(?:\s*({_UNITS})\b)?", re.UNICODE | re.IGNORECASE)
_NAME = re.compile(r"\b([A-Z][\w'’-]+)")
# Capitalised words that start sentences without naming anyone.
_NOT_NAMES = {
    "The", "A", "An", "In", "On", "At", "He", "She", "They", "It", "We", "I", "This", "That", "These", "Those",
    "According", "After", "Before", "But", "And", "Or", "If", "When", "While", "Their", "His", "Her", "Our", "Just",
    "Photo", "There", "As", "For", "From", "With", "By", "To", "Of", "Its", "What", "Who", "Why", "How",
}  # fmt: skip


# pg_trgm.similarity_threshold, the bar of the `%` operator; a lower setting cannot use the index.
PG_TRGM_DEFAULT_LIMIT = 0.3


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams: per lower-cased word, padded with two spaces before and one after."""
    grams = set()
    for word in _WORD.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def trigram_similarity(a: str, b: str) -> float:
    """The same number as pg_trgm's similarity(a, b)."""
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    shared = len(ta & tb)
    return shared / (len(ta) + len(tb) - shared)


def numbers_in(text: str) -> set[str]:
    """The figures of a text with the word after them: {"40 minutes", "2025"}."""
    found = set()
    for number, unit in _NUMBER.findall(text):
        number = number.replace(",", "")
        found.add(f"{number} {unit.lower()}".strip())
    return found


def names_in(text: str) -> set[str]:
    return {m.lower() for m in _NAME.findall(text) if m not in _NOT_NAMES}


def conflicts(a: str, b: str) -> list[str]:
    """Why two alike texts disagree: a figure or a name in one that the other replaces."""
    reasons = []
    na, nb = numbers_in(a), numbers_in(b)
    for label, is_date in (("dates", True), ("figures", False)):
        pa = {n for n in na if (n.split(" ")[-1] in _MONTHS) == is_date}
        pb = {n for n in nb if (n.split(" ")[-1] in _MONTHS) == is_date}
        only_a, only_b = sorted(pa - pb), sorted(pb - pa)
        if only_a and only_b:
            reasons.append(f"different {label}: {', '.join(only_a)} / {', '.join(only_b)}")
    ea, eb = names_in(a), names_in(b)
    if ea and eb and (ea - eb) and (eb - ea) and not (ea & eb):
        reasons.append(f"different names: {', '.join(sorted(ea - eb))} / {', '.join(sorted(eb - ea))}")
    return reasons


@dataclass
class Candidate:
    claim: Claim
    score: float
    conflict_reasons: list[str] = field(default_factory=list)

    @property
    def is_conflict(self) -> bool:
        return bool(self.conflict_reasons)

    @property
    def kind(self) -> str:
        return "conflict" if self.is_conflict else "duplicate"


def claims_similar(
    *, text: str, threshold: float | None = None, exclude_ids=(), limit: int = 5, queryset=None
) -> list[Candidate]:
    """Claims whose text is at least THRESHOLD alike to TEXT, best first, each marked duplicate or conflict.

    Drafts are included: the desk must not research the same claim twice. This is a staff read.
    """
    if threshold is None:
        threshold = settings.FACTCHECK_DUPLICATE_THRESHOLD
    queryset = (queryset if queryset is not None else Claim.objects.all()).exclude(pk__in=list(exclude_ids))
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        annotated = queryset.annotate(similarity=TrigramSimilarity("text", text))
        if threshold >= PG_TRGM_DEFAULT_LIMIT:
            annotated = annotated.filter(text__trigram_similar=text)  # `%`: served by the trigram index
        rows = [
            (claim, claim.similarity)
            for claim in annotated.filter(similarity__gte=threshold).order_by("-similarity", "pk")[:limit]
        ]
    else:
        scored = (
            (claim, trigram_similarity(text, claim.text)) for claim in queryset.only("pk", "text", "slug", "status")
        )
        rows = sorted((row for row in scored if row[1] >= threshold), key=lambda row: (-row[1], row[0].pk))[:limit]
    return [
        Candidate(claim=claim, score=round(score, 3), conflict_reasons=conflicts(text, claim.text))
        for claim, score in rows
    ]


def claims_similar_many(*, texts: list[str], threshold: float | None = None, limit: int = 3) -> list[list[Candidate]]:
    """claims_similar for many texts in one query (the suggestions page asks for all at once)."""
    if threshold is None:
        threshold = settings.FACTCHECK_DUPLICATE_THRESHOLD
    if not texts:
        return []
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity
        from django.db.models import Q

        names = [f"similarity_{i}" for i in range(len(texts))]
        annotations = {name: TrigramSimilarity("text", text) for name, text in zip(names, texts, strict=True)}
        matches = Q()
        for name, text in zip(names, texts, strict=True):
            if threshold >= PG_TRGM_DEFAULT_LIMIT:  # `%` lets the trigram index find the few alike claims
                matches |= Q(text__trigram_similar=text) & Q(**{f"{name}__gte": threshold})
            else:
                matches |= Q(**{f"{name}__gte": threshold})
        claims = list(Claim.objects.annotate(**annotations).filter(matches).only("pk", "text", "slug", "status"))
        scores = [[(c, getattr(c, name)) for c in claims] for name in names]
    else:
        claims = list(Claim.objects.only("pk", "text", "slug", "status"))
        scores = [[(c, trigram_similarity(text, c.text)) for c in claims] for text in texts]
    out = []
    for text, rows in zip(texts, scores, strict=True):
        kept = sorted((r for r in rows if r[1] >= threshold), key=lambda r: (-r[1], r[0].pk))[:limit]
        out.append([Candidate(claim=c, score=round(s, 3), conflict_reasons=conflicts(text, c.text)) for c, s in kept])
    return out
