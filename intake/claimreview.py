"""Read schema.org ClaimReview markup in every shape fact-checkers publish it.

Pure parsing, no database: `parse_claimreviews(text)` returns one `ParsedReview` per ClaimReview
found, each with its own list of field errors. Shapes: a single object, a list, an `@graph`, a
DataFeed / DataFeedItem wrapper, and JSON-LD blocks embedded in an HTML page.
"""

import html
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import dateparser
import lxml.html


class DocumentError(Exception):
    """The document as a whole cannot be read (malformed JSON, nothing to import)."""


@dataclass
class FieldError:
    item: str  # "review 2 (@graph[3])" or "document"
    field: str  # "reviewRating.ratingValue"
    message: str

    def __str__(self):
        return f"{self.item}: {self.field}: {self.message}"


@dataclass
class ParsedReview:
    index: int
    location: str
    raw: dict
    claim_reviewed: str = ""
    url: str = ""
    published_on: date | None = None
    publisher: str = ""
    publisher_url: str = ""
    item_reviewed_type: str = ""
    claimant_type: str = ""
    claimant_names: list[str] = field(default_factory=list)
    claim_date: date | None = None
    appearance_urls: list[str] = field(default_factory=list)
    first_appearance_url: str = ""
    rating_text: str = ""
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    language: str = ""
    errors: list[FieldError] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"review {self.index} ({self.location})"

    @property
    def claimant(self) -> str:
        return ", ".join(self.claimant_names)

    def error(self, field_name: str, message: str) -> None:
        self.errors.append(FieldError(self.label, field_name, message))


# -- finding the ClaimReview objects ---------------------------------------------------------------


def _types(node: dict) -> set[str]:
    raw = node.get("@type") or node.get("type") or []
    if isinstance(raw, str):
        raw = [raw]
    # "ClaimReview", "schema:ClaimReview" and "http://schema.org/ClaimReview" are one type.
    return {re.split(r"[/#:]", str(t))[-1] for t in raw}


def _find(node, location: str):
    """Yield (location, object) for every ClaimReview inside NODE, depth first."""
    if isinstance(node, list):
        for i, child in enumerate(node):
            yield from _find(child, f"{location}[{i}]" if location else f"[{i}]")
        return
    if not isinstance(node, dict):
        return
    if "ClaimReview" in _types(node):
        yield location or "document", node
        return
    for key in ("@graph", "item", "dataFeedElement", "mainEntity", "review"):
        if key in node:
            yield from _find(node[key], f"{location}.{key}" if location else key)


def _json_blocks(text: str) -> list[tuple[str, object]]:
    """The JSON documents in TEXT: the text itself, or each ld+json script of an HTML page."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped.startswith("<"):
        try:
            return [("", json.loads(stripped))]
        except json.JSONDecodeError as exc:
            raise DocumentError(f"Not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.") from exc
    try:
        tree = lxml.html.fromstring(stripped)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DocumentError(f"Not a readable HTML page: {exc}.") from exc
    blocks = []
    for n, script in enumerate(tree.xpath('//script[@type="application/ld+json"]'), start=1):
        body = (script.text or "").strip()
        if not body:
            continue
        try:
            blocks.append((f"script {n}", json.loads(body)))
        except json.JSONDecodeError as exc:
            if "ClaimReview" in body:  # a broken block that would have mattered
                raise DocumentError(f"script {n}: not valid JSON: {exc.msg} at line {exc.lineno}.") from exc
    return blocks


# -- reading one ClaimReview -----------------------------------------------------------------------


def _text(value) -> str:
    """A clean string from a JSON-LD value: entities unescaped, white space trimmed."""
    if value is None:
        return ""
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or ""
    if isinstance(value, list):
        value = " ".join(_text(v) for v in value)
    return html.unescape(str(value)).replace("\r\n", "\n").strip()


def _names(value) -> list[str]:
    if isinstance(value, list):
        return [n for v in value if (n := _text(v))]
    n = _text(value)
    return [n] if n else []


def _first(value):
    return value[0] if isinstance(value, list) and value else value


def _url(value) -> str:
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id") or ""
    return _text(_first(value))


def parse_date(raw) -> date | None:
    """A date from ISO 8601 or the looser forms publishers use ('2022-07-08 09:48', '+0200')."""
    raw = _text(raw)
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        pass
    parsed = dateparser.parse(raw, settings={"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "YMD"})
    if parsed is None:
        raise ValueError(f"“{raw}” is not a date")
    return parsed.date()


def _number(raw) -> float | None:
    text = _text(raw)
    if text == "":
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError as exc:
        raise ValueError(f"“{text}” is not a number") from exc


def _read_rating(review: ParsedReview, rating) -> None:
    rating = _first(rating)
    if not isinstance(rating, dict):
        review.error("reviewRating", "missing: give a ratingValue or a textual rating (alternateName).")
        return
    review.rating_text = _text(rating.get("alternateName") or rating.get("name"))
    numbers = {}
    for key in ("ratingValue", "bestRating", "worstRating"):
        try:
            numbers[key] = _number(rating.get(key))
        except ValueError as exc:
            review.error(f"reviewRating.{key}", f"{exc}.")
            return
    value = numbers["ratingValue"]
    # schema.org defaults: best 5, worst 1.
    best = numbers["bestRating"] if numbers["bestRating"] is not None else 5.0
    worst = numbers["worstRating"] if numbers["worstRating"] is not None else 1.0
    if value is None:
        if not review.rating_text:
            review.error("reviewRating", "empty: neither a ratingValue nor a textual rating (alternateName).")
        return
    if best == worst:  # a degenerate scale says nothing: keep the textual rating only
        if not review.rating_text:
            review.error("reviewRating.bestRating", f"best and worst ratings are both {best:g}: no scale to read.")
        return
    low, high = sorted((worst, best))
    if not low <= value <= high:
        review.error(
            "reviewRating.ratingValue",
            f"{value:g} is outside the scale worstRating {worst:g} .. bestRating {best:g}.",
        )
        return
    review.rating_value, review.best_rating, review.worst_rating = value, best, worst


def read_claimreview(node: dict, *, index: int, location: str) -> ParsedReview:
    review = ParsedReview(index=index, location=location, raw=node)
    review.claim_reviewed = _text(node.get("claimReviewed"))
    if not review.claim_reviewed:
        review.error("claimReviewed", "missing: the review must say which claim it reviews.")
    review.url = _url(node.get("url") or node.get("@id"))
    if not re.match(r"^https?://", review.url):
        review.error("url", "missing or not an http(s) URL: the review needs its own address.")
    author = _first(node.get("author") or node.get("publisher"))
    if isinstance(author, dict):
        review.publisher = ", ".join(_names(author.get("name")))
        review.publisher_url = _url(author.get("url") or author.get("@id") or "")
    else:
        review.publisher = _text(author)
    if not review.publisher:
        review.error("author", "missing: the review must name the fact-checker that published it.")
    try:
        review.published_on = parse_date(node.get("datePublished"))
    except ValueError as exc:
        review.error("datePublished", f"{exc}.")
    review.language = _text(node.get("inLanguage"))[:12]

    item = _first(node.get("itemReviewed"))
    if isinstance(item, dict):
        review.item_reviewed_type = next(iter(sorted(_types(item))), "")
        claimant = _first(item.get("author"))
        if isinstance(claimant, dict):
            review.claimant_type = next(iter(sorted(_types(claimant))), "")
            review.claimant_names = _names(claimant.get("name"))
        elif claimant:
            review.claimant_names = _names(claimant)
        try:
            review.claim_date = parse_date(item.get("datePublished"))
        except ValueError as exc:
            review.error("itemReviewed.datePublished", f"{exc}.")
        appearance = item.get("appearance") or []
        review.appearance_urls = [
            u for a in (appearance if isinstance(appearance, list) else [appearance]) if (u := _url(a))
        ]
        review.first_appearance_url = _url(item.get("firstAppearance") or "")
    _read_rating(review, node.get("reviewRating"))
    return review


def parse_claimreviews(text: str | bytes) -> list[ParsedReview]:
    """Every ClaimReview in TEXT, each with its field errors. Raises DocumentError when unreadable."""
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig", errors="replace")
    reviews = []
    for block_location, block in _json_blocks(text):
        for location, node in _find(block, ""):
            where = " ".join(p for p in (block_location, location) if p and p != "document") or "document"
            reviews.append(read_claimreview(node, index=len(reviews) + 1, location=where))
    if not reviews:
        raise DocumentError("No ClaimReview found: expected an object whose @type is ClaimReview.")
    return reviews
