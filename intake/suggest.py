"""Claim suggestions: candidate claims in an article's body, per language.

A language is a class with `language = "xx"` and `suggest(...)`, registered with `@register`;
English lives in intake/lang/en.py. What is shared by every language lives here: the result types,
sentence splitting (pysbd, rule based, offline), quantities (quantulum3) and matching a name to an
existing source (rapidfuzz).
"""

import re
import warnings
from dataclasses import asdict, dataclass, field
from datetime import date

import pysbd
from rapidfuzz import fuzz

with warnings.catch_warnings():
    # quantulum3 warns at import that its optional (scikit-learn) classifier is absent: intended.
    warnings.simplefilter("ignore")
    from quantulum3 import parser as quantity_parser

MIN_SCORE = 0.4


@dataclass
class Attributed:
    name: str
    role: str  # an AttributionRole value
    described_as: str = ""
    source_id: int | str | None = None  # an existing source, when the name matched one
    claimant: bool = False


@dataclass
class Suggestion:
    start: int
    end: int
    quote: str
    text: str
    score: float
    reasons: list[str] = field(default_factory=list)
    quantities: list[dict] = field(default_factory=list)
    attributions: list[Attributed] = field(default_factory=list)
    claim_date: date | None = None
    language: str = "en"

    @property
    def claimant(self) -> Attributed | None:
        return next((a for a in self.attributions if a.claimant), None)

    def attributions_as_dicts(self) -> list[dict]:
        return [asdict(a) for a in self.attributions]


@dataclass
class SourceRef:
    """An existing source the suggester may name: its key (pk or slug) and name."""

    key: int | str
    name: str


class SourceIndex:
    """Names are matched to existing sources before new ones are proposed."""

    def __init__(self, sources: list[SourceRef]):
        self.sources = list(sources)

    def match(self, name: str) -> SourceRef | None:
        name = name.strip()
        if not name:
            return None
        lowered = name.lower()
        for source in self.sources:
            if source.name.lower() == lowered:
                return source
        # A surname alone ("Zelensky") names the one source whose last word it is, spelling aside.
        last = lowered.split()[-1]
        close = [s for s in self.sources if fuzz.ratio(s.name.lower().split()[-1], last) >= 90]
        if len(close) == 1 and (len(name.split()) == 1 or close[0].name.lower().endswith(lowered)):
            return close[0]
        scored = [(fuzz.token_sort_ratio(s.name.lower(), lowered), s) for s in self.sources]
        best = max(scored, default=(0, None), key=lambda pair: pair[0])
        return best[1] if best[0] >= 92 else None


@dataclass
class Span:
    start: int
    end: int
    text: str


def sentences(body: str, *, language: str) -> list[Span]:
    """Sentences with exact offsets in BODY, never across a paragraph (line) break."""
    segmenter = pysbd.Segmenter(language=language, clean=False, char_span=True)
    spans = []
    offset = 0
    for line in body.split("\n"):
        if line.strip():
            for piece in segmenter.segment(line):
                text = piece.sent.rstrip()
                lead = len(text) - len(text.lstrip())
                if text.strip():
                    spans.append(Span(offset + piece.start + lead, offset + piece.start + len(text), text.strip()))
        offset += len(line) + 1
    return spans


_UNIT_FIXES = {"minute of arc": ("minute", "duration"), "second of arc": ("second", "duration")}
_KINDS = {"time": "duration", "currency": "money", "length": "length", "mass": "mass", "area": "area"}


def quantities_in(text: str, *, language: str = "en") -> list[dict]:
    """Structured quantities: "40 minutes" → {"value": 40, "unit": "minute", "kind": "duration"}."""
    try:
        found = quantity_parser.parse(text, lang="en_US" if language == "en" else language)
    except (ValueError, KeyError, NotImplementedError):
        return []
    out = []
    for q in found:
        unit, kind = q.unit.name, _KINDS.get(q.unit.entity.name, q.unit.entity.name)
        unit, kind = _UNIT_FIXES.get(unit, (unit, kind))
        if unit == "percentage":
            kind = "percentage"
        elif unit == "dimensionless":
            if re.fullmatch(r"(1[89]|20)\d\d", q.surface.strip()):
                kind, unit = "year", ""
            elif not any(ch.isdigit() for ch in q.surface):
                continue  # "the two leaders": a spelled-out small number is wording, not a figure
            else:
                kind, unit = "count", ""
        out.append({"text": q.surface, "value": q.value, "unit": unit, "kind": kind})
    return out


_REGISTRY: dict[str, type] = {}


def register(cls):
    _REGISTRY[cls.language] = cls
    return cls


def suggester_for(language: str):
    from intake.lang import en  # noqa: F401  (registers English)

    base = (language or "en").split("-")[0].lower()
    return _REGISTRY.get(base, _REGISTRY["en"])()


def matching_text(text: str, *, language: str = "en") -> str:
    return suggester_for(language).matching_text(text)


def suggest_claims(
    *,
    body: str,
    language: str = "en",
    published_on: date | None = None,
    sources: list[SourceRef] = (),
    publisher: SourceRef | None = None,
    min_score: float = MIN_SCORE,
) -> list[Suggestion]:
    suggester = suggester_for(language)
    found = suggester.suggest(body, published_on=published_on, sources=SourceIndex(sources), publisher=publisher)
    for s in found:
        assert body[s.start : s.end] == s.quote, "a suggestion's offsets must give back its quote"
    return [s for s in found if s.score >= min_score]
