"""An article page → its main text and metadata, with trafilatura (no hand-written scraping).

trafilatura finds the main text, title, site name, authors and date (through htmldate). Around it,
this module only reads what a page states about itself: `<link rel=canonical>` / `og:url` for the
canonical URL and `<html lang>` / `og:locale` for the language.
"""

import re
from dataclasses import dataclass, field
from datetime import date

import lxml.html
import trafilatura

from sources.services import normalize_url


class ExtractionError(Exception):
    """No article text could be found in the page."""


@dataclass
class ExtractedArticle:
    title: str
    body: str
    url: str = ""  # canonical and normalised, or "" when the page does not say
    publisher: str = ""
    authors: list[str] = field(default_factory=list)
    byline: str = ""
    published_on: date | None = None
    language: str = ""
    description: str = ""


def _first(tree, xpath: str) -> str:
    for value in tree.xpath(xpath):
        value = str(value).strip()
        if value:
            return value
    return ""


def canonical_url(tree, fallback: str = "") -> str:
    for raw in (
        _first(tree, '//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href'),
        _first(tree, '//meta[@property="og:url"]/@content'),
        fallback,
    ):
        if raw:
            try:
                return normalize_url(raw)
            except ValueError:
                continue
    return ""


def page_language(tree) -> str:
    raw = (
        _first(tree, "/html/@lang")
        or _first(tree, '//meta[@http-equiv="content-language" or @http-equiv="Content-Language"]/@content')
        or _first(tree, '//meta[@itemprop="inLanguage"]/@content')
        or _first(tree, '//meta[@property="og:locale"]/@content')
    )
    return raw.replace("_", "-").lower()[:12]


def _clean_authors(raw: str) -> list[str]:
    """trafilatura's '; '-joined authors, without repeats or one-word handles ("Username")."""
    authors, seen = [], set()
    for name in re.split(r";|\band\b", raw or ""):
        name = re.sub(r"^\s*by[:\s]+", "", name.strip(), flags=re.IGNORECASE).strip(" ,")
        if len(name.split()) < 2 or name.lower() in seen:
            continue
        seen.add(name.lower())
        authors.append(name if not name.isupper() else name.title())
    return authors


def _byline(tree) -> str:
    """The printed byline, as Readability reads it, when the metadata names nobody."""
    for element in tree.xpath('//*[@rel="author" or contains(@class, "byline")]'):
        text = re.sub(r"\s+", " ", element.text_content()).strip()
        text = re.sub(r"^by[:\s]+", "", text, flags=re.IGNORECASE).strip()
        if text:
            return text
    return ""


def extract_article(html: str | bytes, *, url: str = "") -> ExtractedArticle:
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"Not a readable HTML page: {exc}.") from exc
    doc = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,  # drops "Related: …" links and section menus; the claims are in the text
    )
    body = (doc.text if doc else "") or ""
    if not body.strip():
        raise ExtractionError("No article text found in this page: paste the text instead.")
    authors = _clean_authors(doc.author or "")
    byline = doc.author or ""
    if not authors:
        byline = _byline(tree)
        authors = _clean_authors(byline)
    published_on = None
    if doc.date:
        try:
            published_on = date.fromisoformat(doc.date[:10])
        except ValueError:
            published_on = None
    return ExtractedArticle(
        title=(doc.title or "").strip(),
        body=body.strip(),
        url=canonical_url(tree, fallback=doc.url or url),
        publisher=(doc.sitename or "").strip(),
        authors=authors,
        byline=byline.strip()[:300],
        published_on=published_on,
        language=page_language(tree),
        description=(
            doc.description or _first(tree, '//meta[@name="description" or @property="og:description"]/@content') or ""
        ).strip(),
    )


def article_from_text(text: str, *, title: str = "", url: str = "") -> ExtractedArticle:
    """Pasted text: the first line is the title unless one is given."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ExtractionError("The pasted text is empty.")
    if not title:
        title = text.split("\n", 1)[0].strip()[:500]
    return ExtractedArticle(title=title, body=text, url=normalize_url(url) if url else "")
