"""Feeds, sitemap, robots.txt, the embeddable card, the static pages and the error pages."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import pytest
from django.test import Client, override_settings
from django.urls import path

from claims import services
from claims.models import Claim, Correction
from tests.factories import published_claim
from tests.pages.conftest import get_fresh, queries_for

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _rss_titles(response) -> list[str]:
    return [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]


def test_the_rss_feed_lists_the_latest_verdicts_with_their_rating(client, published):
    response = get_fresh(client, "/feeds/verdicts/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    item = channel.find("item")
    assert item.findtext("title") == "False: The minister said the bridge cost 40 million euros."
    assert item.findtext("description") == "The figure is wrong."
    assert item.findtext("link").endswith("/claims/bridge-cost/")
    assert [c.text for c in item.findall("category")] == ["Bridges"]


def test_the_atom_feed_has_the_same_entries(client, published):
    response = get_fresh(client, "/feeds/verdicts/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "False: The minister said the bridge cost 40 million euros."
    ]
    assert entries[0].find(f"{ATOM}updated") is not None


PUBLISHED_AT = datetime(2026, 1, 10, 8, 0, tzinfo=UTC)
CORRECTED_AT = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


def _correct(claim, editor, *, summary, note, at, minor=False):
    """Correct CLAIM's verdict through the service, dated AT (the service stamps the time of the call)."""
    services.verdict_update(verdict=claim.verdict, user=editor, summary=summary, correction_note=note, minor=minor)
    Correction.objects.filter(claim=claim, note=note).update(created_at=at)


@pytest.fixture
def published_in_january(published):
    Claim.objects.filter(pk=published.pk).update(published_at=PUBLISHED_AT, first_published_at=PUBLISHED_AT)
    published.refresh_from_db()
    return published


def test_the_rss_feed_shows_the_latest_public_correction_and_its_date(client, published_in_january, editor):
    claim = published_in_january
    _correct(claim, editor, summary="The figure is too low.", note="Old audit.", at=datetime(2026, 2, 1, tzinfo=UTC))
    _correct(claim, editor, summary="The figure is 45 million.", note="New audit.", at=CORRECTED_AT)
    _correct(claim, editor, summary="The figure is 45 million euros.", note="Typo.", at=datetime.now(UTC), minor=True)
    channel = ET.fromstring(get_fresh(client, "/feeds/verdicts/rss/").content).find("channel")
    assert channel.find("item").findtext("description") == (
        "The figure is 45 million euros. Corrected on 14 March 2026: New audit."
    )
    # RSS has no per-item update date: the channel's last build date is the newest item's change.
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")) == CORRECTED_AT


def test_the_atom_feed_dates_a_corrected_entry_by_its_correction(client, published_in_january, editor):
    _correct(published_in_january, editor, summary="The figure is too low.", note="New audit.", at=CORRECTED_AT)
    entry = ET.fromstring(get_fresh(client, "/feeds/verdicts/atom/").content).find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}summary") == "The figure is too low. Corrected on 14 March 2026: New audit."
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == CORRECTED_AT
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}published")) == PUBLISHED_AT


def test_neither_a_minor_correction_nor_an_internal_edit_moves_an_entrys_date(client, published_in_january, editor):
    claim = published_in_january
    _correct(claim, editor, summary="The figure is wrong!", note="Typo.", at=datetime.now(UTC), minor=True)
    Claim.objects.filter(pk=claim.pk).update(updated_at=datetime.now(UTC))  # e.g. an editor assigned
    entry = ET.fromstring(get_fresh(client, "/feeds/verdicts/atom/").content).find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}summary") == "The figure is wrong!"
    assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == PUBLISHED_AT


def test_a_retracted_claim_in_the_feed_keeps_its_correction_note(client, published_in_january, editor):
    _correct(published_in_january, editor, summary="The figure is too low.", note="New audit.", at=CORRECTED_AT)
    services.claim_retract(claim=published_in_january, editor=editor, reason="Wrong audit.")
    item = ET.fromstring(get_fresh(client, "/feeds/verdicts/rss/").content).find("channel/item")
    assert item.findtext("description") == "Retracted. The figure is too low. Corrected on 14 March 2026: New audit."


@pytest.mark.parametrize("url", ["/feeds/verdicts/rss/", "/feeds/tags/bridges/atom/"])
def test_corrections_add_no_query_per_feed_item(client, published, editor, bridges, url):
    with_one = queries_for(client, url)
    for i in range(5):
        claim = published_claim(slug=f"corrected-{i}", text=f"Corrected claim {i}.")
        claim.tags.add(bridges)
        _correct(claim, editor, summary=f"Now {i}.", note=f"Note {i}.", at=CORRECTED_AT)
    # The claims with their verdict, rating and latest public correction | their tags (| the tag).
    assert queries_for(client, url) == with_one == (2 if "verdicts" in url else 3)


def test_the_source_feed_has_only_that_sources_claims(client, published):
    published_claim(slug="someone-else", text="Someone else spoke.")
    assert _rss_titles(get_fresh(client, "/feeds/sources/ann-minister/rss/")) == [
        "False: The minister said the bridge cost 40 million euros."
    ]
    assert len(_rss_titles(get_fresh(client, "/feeds/verdicts/rss/"))) == 2


def test_the_tag_feed_has_only_claims_with_that_tag(client, published):
    published_claim(slug="untagged", text="Untagged claim.")
    assert _rss_titles(get_fresh(client, "/feeds/tags/bridges/rss/")) == [
        "False: The minister said the bridge cost 40 million euros."
    ]


@pytest.mark.parametrize("url", ["/feeds/sources/nobody/rss/", "/feeds/tags/nothing/atom/"])
def test_a_feed_for_an_unknown_source_or_tag_is_a_404(client, url):
    assert get_fresh(client, url).status_code == 404


def _locations(response) -> set[str]:
    return {
        loc.text.split("testserver", 1)[1] for loc in ET.fromstring(response.content).iter() if loc.tag.endswith("loc")
    }


def test_the_sitemap_index_points_to_each_section(client, published):
    assert _locations(get_fresh(client, "/sitemap.xml")) == {
        "/sitemap-pages.xml",
        "/sitemap-claims.xml",
        "/sitemap-articles.xml",
        "/sitemap-sources.xml",
    }


def test_the_sitemaps_list_published_claims_their_articles_and_sources(client, published, unpublished):
    from tests.factories import AppearanceFactory, ArticleFactory, AttributionFactory, SourceFactory

    # An article and a source known only from a draft stay out of the sitemaps.
    AppearanceFactory(claim=unpublished[0], article=ArticleFactory(slug="secret-article"))
    AttributionFactory(claim=unpublished[0], source=SourceFactory(slug="secret-source"))
    paths = set()
    for section in ("pages", "claims", "articles", "sources"):
        paths |= _locations(get_fresh(client, f"/sitemap-{section}.xml"))
    assert {"/claims/bridge-cost/", "/articles/bridge-article/", "/sources/ann-minister/", "/methodology/"} <= paths
    assert not {p for p in paths if "secret" in p}


def test_a_long_sitemap_section_is_split_into_pages(client, published, monkeypatch):
    from claims.sitemaps import ClaimSitemap

    published_claim(slug="second")
    published_claim(slug="third")
    monkeypatch.setattr(ClaimSitemap, "limit", 2)
    index = _locations(get_fresh(client, "/sitemap.xml"))
    assert {"/sitemap-claims.xml", "/sitemap-claims.xml?p=2"} <= index
    assert len(_locations(get_fresh(client, "/sitemap-claims.xml?p=2"))) == 1
    assert get_fresh(client, "/sitemap-claims.xml?p=3").status_code == 404


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_the_embed_card_may_be_framed_by_any_site(client, published):
    response = get_fresh(client, "/embed/claims/bridge-cost/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "frame-ancestors *"
    assert "X-Frame-Options" not in response
    html = response.content.decode()
    assert published.text in html and "False" in html and "The figure is wrong." in html
    assert 'target="_blank"' in html and "/claims/bridge-cost/" in html


def test_the_embed_card_keeps_its_headers_when_served_from_the_cache(client, published):
    client.get("/embed/claims/bridge-cost/")
    cached = client.get("/embed/claims/bridge-cost/")
    assert cached["Content-Security-Policy"] == "frame-ancestors *"
    assert "X-Frame-Options" not in cached


def test_other_pages_still_refuse_to_be_framed(client, published):
    assert get_fresh(client, "/claims/bridge-cost/")["X-Frame-Options"] == "DENY"


def test_the_methodology_page_defines_every_rating(client):
    from claims.models import Rating

    html = get_fresh(client, "/methodology/").content.decode()
    assert "How we choose claims" in html and "How we check them" in html
    for rating in Rating.objects.all():
        assert rating.label in html and rating.definition in html


def test_the_corrections_policy_page_explains_corrections_and_retractions(client):
    html = get_fresh(client, "/corrections-policy/").content.decode()
    assert "Corrections policy" in html and "retract" in html and 'href="/suggest/"' in html


def test_an_unknown_address_gets_the_styled_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content and b'<main id="main"' in response.content


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_gets_the_styled_500_page():
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert b"/static/css/site.css" in response.content
