"""The claim page: verdict first, then explanation, evidence, who said it, where, and the corrections log."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings

from claims import services
from claims.jsonld import claimreview_for
from claims.models import Claim, Correction, Rating
from claims.selectors import claims_with_details
from tests.factories import AttributionFactory, SourceFactory, published_claim
from tests.pages.conftest import get_fresh

pytestmark = pytest.mark.django_db


class _Head(HTMLParser):
    """Collects the JSON-LD scripts and the meta tags of a page."""

    def __init__(self):
        super().__init__()
        self.jsonld, self.meta, self._in_jsonld = [], {}, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")
        if tag == "meta" and "content" in attrs:
            self.meta[attrs.get("property") or attrs.get("name")] = attrs["content"]

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld[-1] += data


def _head(response) -> _Head:
    parser = _Head()
    parser.feed(response.content.decode())
    return parser


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_it_shows_the_claim_the_rating_in_words_and_colour_and_the_summary_first(client, published):
    response = get_fresh(client, "/claims/bridge-cost/")
    assert response.status_code == 200
    html = response.content.decode()
    box = html[html.index('class="verdict-box"') : html.index("</header>", html.index('class="verdict-box"'))]
    assert "<h1" in box and "The minister said the bridge cost 40 million euros." in box
    assert "False" in box  # the rating as a word ...
    assert "--rating: #cf222e" in box  # ... and as a colour
    assert "The figure is wrong." in box


def test_it_shows_the_explanation_evidence_attributions_and_appearances(client, published):
    evidence = published.verdict.evidence.get()
    text = _text(get_fresh(client, "/claims/bridge-cost/"))
    html = get_fresh(client, "/claims/bridge-cost/").content.decode()
    assert "The audit says <strong>otherwise</strong>." in html  # sanitised Markdown
    assert f'href="{evidence.url}"' in html and "Audit report" in text
    assert "Made the claim: Ann Minister" in text
    assert 'href="/sources/ann-minister/"' in html
    # The quote in its sentence, with a link to its place in the article.
    appearance = published.appearances.get()
    assert "The minister said <mark" in html and "the bridge cost 40 million euros</mark>." in html
    assert f'href="/articles/bridge-article/#appearance-{appearance.pk}"' in html


def test_it_shows_how_the_article_described_the_source(client, published, article):
    reporter = SourceFactory(name="Rita Reporter", slug="rita")
    AttributionFactory(
        claim=published, source=reporter, role="reported", described_as="Axios journalist", article=article
    )
    text = _text(get_fresh(client, "/claims/bridge-cost/"))
    assert "Reported it: Rita Reporter — described as “Axios journalist” in The bridge that cost too much" in text


def test_its_json_ld_parses_and_matches_the_api_and_the_page(client, published):
    response = get_fresh(client, "/claims/bridge-cost/")
    head = _head(response)
    assert len(head.jsonld) == 1
    data = json.loads(head.jsonld[0])
    expected = claimreview_for(claims_with_details(Claim.objects.filter(pk=published.pk)).get())
    assert data == json.loads(json.dumps(expected))
    assert data["@type"] == "ClaimReview"
    assert data["url"] == settings.SITE_URL + "/claims/bridge-cost/"
    assert data["claimReviewed"] in _text(response)
    assert data["reviewRating"]["alternateName"] == "False"
    assert data["reviewRating"]["ratingExplanation"] == "The figure is wrong."


def test_its_json_ld_cannot_break_out_of_its_script(client):
    published_claim(slug="tricky", text="He said </script><script>alert(1)</script> & more.")
    data = _head(get_fresh(client, "/claims/tricky/"))
    assert json.loads(data.jsonld[0])["claimReviewed"].startswith("He said </script>")
    assert "</script><script>alert" not in get_fresh(client, "/claims/tricky/").content.decode()


def test_it_has_open_graph_and_twitter_meta(client, published):
    meta = _head(get_fresh(client, "/claims/bridge-cost/")).meta
    assert meta["og:title"] == "False: The minister said the bridge cost 40 million euros."
    assert meta["og:description"] == "The figure is wrong."
    assert meta["og:url"] == settings.SITE_URL + "/claims/bridge-cost/"
    assert meta["og:type"] == "article"
    assert meta["twitter:card"] == "summary"
    assert meta["twitter:title"] == meta["og:title"]


def test_it_lists_public_corrections_but_not_minor_ones(client, published, editor):
    services.verdict_update(
        verdict=published.verdict, user=editor, correction_note="We fixed the audit figure.", summary="Still wrong."
    )
    verdict = published.verdict
    verdict.refresh_from_db()
    services.verdict_update(
        verdict=verdict, user=editor, correction_note="Typo in the summary.", minor=True, summary="Still wrong!"
    )
    response = get_fresh(client, "/claims/bridge-cost/")
    text = _text(response)
    assert "We fixed the audit figure." in text
    assert "Typo in the summary." not in text
    assert "Corrected" in text
    public = Correction.objects.get(minor=False)
    assert response.context["last_changed"] == public.created_at
    assert f'datetime="{public.created_at.isoformat()}"'.replace("+00:00", "+00:00") in response.content.decode()


def test_an_uncorrected_claim_says_so_and_was_last_changed_when_published(client, published):
    response = get_fresh(client, "/claims/bridge-cost/")
    assert "No corrections since publication." in _text(response)
    assert response.context["last_changed"] == published.published_at


def test_a_retracted_claim_keeps_its_page_with_the_notice_and_the_reason(client, published, editor):
    services.claim_retract(claim=published, editor=editor, reason="The audit we relied on was withdrawn.")
    response = get_fresh(client, "/claims/bridge-cost/")
    assert response.status_code == 200
    text = _text(response)
    assert "This verdict has been retracted" in text
    assert "Reason: The audit we relied on was withdrawn." in text
    assert '<span class="flag flag-retracted">Retracted</span>' in response.content.decode()
    assert _head(response).jsonld == []  # no ClaimReview for a verdict that no longer stands
    published.refresh_from_db()
    assert response.context["last_changed"] == published.retracted_at


def test_it_offers_the_embed_snippet(client, published):
    response = get_fresh(client, "/claims/bridge-cost/")
    snippet = str(response.context["embed_snippet"])
    assert snippet.startswith(f'<iframe src="{settings.SITE_URL}/embed/claims/bridge-cost/"')
    assert "&lt;iframe src=" in response.content.decode()  # shown as code to copy, not run
    assert '<label for="embed-snippet">' in response.content.decode()


def test_an_unknown_claim_is_a_styled_404(client):
    response = get_fresh(client, "/claims/no-such-claim/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b'class="site-header"' in response.content


def test_it_shows_an_off_scale_rating_by_name(client):
    published_claim(slug="spin", rating=Rating.objects.get(slug="misleading"))
    assert "Misleading" in _text(get_fresh(client, "/claims/spin/"))


def test_the_claim_text_carries_its_language(client):
    published_claim(slug="auf-deutsch", text="Die Brücke kostete 40 Millionen Euro.", language="de")
    assert b'<h1 id="claim-title" class="claim-text" lang="de">' in get_fresh(client, "/claims/auf-deutsch/").content
