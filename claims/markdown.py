"""Markdown for verdict explanations, rendered and then sanitised with nh3."""

import threading
from functools import lru_cache

import markdown
import nh3

_ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h3", "h4", "h5", "hr",
    "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}


# Building a Markdown instance loads every extension: the largest cost of rendering a list. One
# instance per thread, reset between documents, is what the library recommends for reuse.
_local = threading.local()


def _converter() -> markdown.Markdown:
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")
    return converter


# Explanations are rendered on every read of a list; the same text always gives the same HTML.
@lru_cache(maxsize=4096)
def render_markdown(text: str) -> str:
    if not text:
        return ""
    html = _converter().reset().convert(text)
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )
