"""Every word a reader sees in the public templates goes through {% translate %} / {% blocktranslate %}."""

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# The public site's templates: the base, the error pages, and the claims and sources pages.
PUBLIC_TEMPLATES = sorted(
    [*TEMPLATES.glob("*.html"), *(TEMPLATES / "claims").rglob("*.html"), *(TEMPLATES / "sources").rglob("*.html")]
)

_STRIP = [
    re.compile(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", re.S),
    re.compile(r"{#.*?#}", re.S),
    re.compile(r"{%.*?%}", re.S),
    re.compile(r"{{.*?}}", re.S),
    re.compile(r"<!doctype html>", re.I),
    re.compile(r"<[^>]*>", re.S),
    re.compile(r"&[a-z]+;|&#\d+;"),
]


def _visible_untranslated_text(source: str) -> str:
    for pattern in _STRIP:
        source = pattern.sub(" ", source)
    return " ".join(source.split())


def test_there_are_public_templates():
    assert len(PUBLIC_TEMPLATES) >= 15


@pytest.mark.parametrize("template", PUBLIC_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_the_template_has_no_untranslated_words(template):
    leftover = _visible_untranslated_text(template.read_text())
    assert not re.search(r"[A-Za-z]{2,}", leftover), f"untranslated text in {template.name}: {leftover!r}"
