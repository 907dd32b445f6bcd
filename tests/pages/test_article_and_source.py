"""The article page with highlighted quotes, and the source page with its scorecard."""

import re
from html.parser import HTMLParser

import pytest

from claims.models import Rating
from tests.factories import AppearanceFactory, AttributionFactory, SourceFactory, published_claim
from tests.pages.conftest import get_fresh

pytestmark = pytest.mark.django_db


def test_the_article_highlights_a_published_quote_in_its_rating_colour_with_a_label(client, published):
    html = get_fresh(client, "/articles/bridge-article/").content.decode()
    appearance = published.appearances.get()
    assert (
        f'<a class="hl" id="appearance-{appearance.pk}" href="/claims/bridge-cost/" style="--rating: #cf222e">'
        "the bridge cost 40 million euros"
    ) in html
    assert '<span class="visually-hidden">Checked claim, verdict: </span>False</span></a>' in html
    assert "The bridge that cost too much" in html


class _LinkNesting(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = self.deepest = 0
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)
            self.hrefs.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag == "a":
            self.depth -= 1


def test_overlapping_quotes_are_all_marked_without_nesting_links(client, published, article):
    other = published_claim(slug="other", rating=Rating.objects.get(slug="true"), article=article)
    AppearanceFactory(claim=other, article=article, quote="said the bridge cost 40 million euros. Critics")
    html = get_fresh(client, "/articles/bridge-article/").content.decode()
    body = html[html.index('<div class="article-body"') : html.index("</div>", html.index('class="article-body"'))]
    links = _LinkNesting()
    links.feed(body)
    assert links.deepest == 1  # a link inside a link is invalid HTML
    assert sorted(links.hrefs) == ["/claims/bridge-cost/", "/claims/other/", "/claims/other/"]
    assert 'class="hl hl-overlap"' in body  # the words the quotes share are marked as shared
    assert body.count('<span class="hl-group">') == 1
    # One numbered link per claim after the passage, longest quote first, each with its rating in words.
    assert "Checked claim, verdict: </span>1. True" in body
    assert "Checked claim, verdict: </span>2. False" in body
    assert "Checked claim, verdict: </span>3. True" in body
    # The text itself is intact, in order, once.
    assert re.sub(r"<[^>]+>", "", body).startswith("The minister said the bridge cost 40 million euros")


def test_the_article_lists_its_checked_claims(client, published):
    html = get_fresh(client, "/articles/bridge-article/").content.decode()
    assert "Claims checked in this article" in html
    assert published.text in html


def test_an_unknown_article_is_a_404(client):
    assert get_fresh(client, "/articles/nope/").status_code == 404


def test_the_source_page_draws_the_scorecard_as_html_bars(client, published):
    published_claim(source=published.attributions.get().source, rating=Rating.objects.get(slug="true"))
    published_claim(source=published.attributions.get().source, rating=Rating.objects.get(slug="true"))
    response = get_fresh(client, "/sources/ann-minister/")
    html = response.content.decode()
    rows = {row["rating"].slug: (row["count"], row["percent"]) for row in response.context["scorecard"]}
    assert rows["true"] == (2, 100) and rows["false"] == (1, 50) and rows["half-true"] == (0, 0)
    assert '<table class="scorecard">' in html
    assert "--rating: #1a7f37; --share: 100%" in html
    assert "<script" not in html  # no JavaScript needed


def test_the_source_page_lists_their_claims_with_their_role_and_organisation(client, published):
    ministry = SourceFactory(name="Ministry of Transport", slug="ministry", kind="government")
    minister = published.attributions.get().source
    minister.parent = ministry
    minister.save()
    AttributionFactory(claim=published_claim(slug="reported-one"), source=minister, role="reported")
    response = get_fresh(client, "/sources/ann-minister/")
    html = response.content.decode()
    assert '<span class="role">Made the claim</span>' in html and 'href="/claims/bridge-cost/"' in html
    assert '<span class="role">Reported it</span>' in html and 'href="/claims/reported-one/"' in html
    assert 'Organisation: <a href="/sources/ministry/">Ministry of Transport</a>' in html
    ministry_page = get_fresh(client, "/sources/ministry/").content.decode()
    assert 'href="/sources/ann-minister/">Ann Minister</a>' in ministry_page


def test_an_unknown_source_is_a_404(client):
    assert get_fresh(client, "/sources/nobody/").status_code == 404
