"""Writes for sources and articles. Every rule lives here; admin, API and commands call it.

Each write bumps the public-state token (factcheck.publicstate): a source's name, an organisation's
members or an article's title and text show on cached public pages, which must not stay stale.
"""

import hashlib
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db import transaction

from factcheck.publicstate import public_state_changed
from factcheck.slugs import unique_slug
from sources.models import Article, Source, SourceKind

# Query parameters that track a reader, not identify a page.
_TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "smid")


def normalize_url(url: str) -> str:
    """Canonical form of an article URL: https, lower-case host, no www, fragment or tracking."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"“{url}” is not an http(s) URL.")
    host = parts.hostname or ""
    if host.startswith("www."):
        host = host[4:]
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith(_TRACKING_PARAMS)
    ]
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/")
    return urlunsplit(("https", host, path, urlencode(sorted(query)), ""))


def content_hash(body: str) -> str:
    """SHA-256 of the body with white space folded, so re-saved copies of one text match."""
    return hashlib.sha256(" ".join(body.split()).encode()).hexdigest()


@transaction.atomic
def source_create(
    *,
    name: str,
    kind: str = SourceKind.PERSON,
    slug: str = "",
    description: str = "",
    url: str = "",
    parent: Source | None = None,
    external_id: str = "",
) -> Source:
    source = Source(
        name=name,
        kind=kind,
        slug=slug or unique_slug(Source, name),
        description=description,
        url=url,
        parent=parent,
        external_id=external_id,
    )
    source.full_clean()
    source.save()
    public_state_changed()  # a new member shows on its organisation's page
    return source


@transaction.atomic
def source_save(*, source: Source) -> Source:
    """Save an edited source (the admin's form, a revert from its history)."""
    source.full_clean()
    source.save()
    public_state_changed()
    return source


@transaction.atomic
def source_delete(*, source: Source) -> None:
    source.delete()
    public_state_changed()


@transaction.atomic
def article_create(
    *,
    url: str,
    title: str,
    body: str,
    publisher: Source | None = None,
    authors: list[Source] | tuple = (),
    byline: str = "",
    published_on: date | None = None,
    language: str = "en",
    slug: str = "",
) -> Article:
    article = Article(
        url=normalize_url(url),
        title=title,
        body=body,
        publisher=publisher,
        byline=byline,
        published_on=published_on,
        language=language,
        slug=slug or unique_slug(Article, title),
        content_hash=content_hash(body),
    )
    article.full_clean()
    article.save()
    article.authors.set(authors)
    public_state_changed()
    return article


@transaction.atomic
def article_save(*, article: Article) -> Article:
    """Save an edited article: its URL in canonical form and its content hash kept in step with its text."""
    article.url = normalize_url(article.url)
    article.content_hash = content_hash(article.body)
    article.full_clean()
    article.save()
    public_state_changed()
    return article


@transaction.atomic
def article_delete(*, article: Article) -> None:
    article.delete()
    public_state_changed()


def article_find_duplicate(*, url: str = "", body: str = "") -> Article | None:
    """The article already stored under this canonical URL or with this text, if any."""
    if url:
        found = Article.objects.filter(url=normalize_url(url)).first()
        if found:
            return found
    if body:
        return Article.objects.filter(content_hash=content_hash(body)).first()
    return None
