"""Structure every public page shares: landmarks, one h1, headings in order, a label on every field."""

from html.parser import HTMLParser

import pytest

from tests.pages.conftest import get_fresh

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/claims/",
    "/claims/?rating=nonsense",
    "/claims/bridge-cost/",
    "/articles/bridge-article/",
    "/sources/ann-minister/",
    "/methodology/",
    "/corrections-policy/",
    "/suggest/",
    "/suggest/thanks/",
    "/no-such-page/",
]


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings, self.tags, self.fields, self.labels = [], set(), [], set()
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        if tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        if tag in {"input", "select", "textarea"} and attrs.get("type") not in {"hidden", "submit"}:
            self.fields.append(attrs)


@pytest.mark.parametrize("url", PAGES)
def test_the_page_has_landmarks_ordered_headings_and_labelled_fields(client, published, url):
    outline = _Outline()
    outline.feed(get_fresh(client, url).content.decode())
    assert outline.html_lang == "en"
    assert {"header", "nav", "main", "footer"} <= outline.tags
    assert outline.headings.count(1) == 1 and outline.headings[0] == 1
    for previous, current in zip(outline.headings, outline.headings[1:], strict=False):
        assert current <= previous + 1, f"heading level skipped on {url}: {outline.headings}"
    for field in outline.fields:
        assert field.get("id") in outline.labels or field.get("aria-label"), f"unlabelled field {field} on {url}"


def test_the_skip_link_leads_to_the_main_content(client):
    html = get_fresh(client, "/").content.decode()
    assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html


def test_colour_is_never_the_only_sign_of_a_rating(client, published):
    # Wherever a rating's colour is used, its name is written next to it.
    for url in ["/", "/claims/", "/claims/bridge-cost/", "/sources/ann-minister/", "/embed/claims/bridge-cost/"]:
        html = get_fresh(client, url).content.decode()
        for badge in html.split('<span class="badge"')[1:]:
            assert badge.split("</span>", 2)[1].strip(), f"a badge without words on {url}"
