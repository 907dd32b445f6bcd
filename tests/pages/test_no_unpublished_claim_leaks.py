"""Drafts, claims in research and claims in review never reach a public page, feed or sitemap."""

import pytest

from tests.pages.conftest import SECRET, get_fresh

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/",
    "/claims/",
    "/claims/?q=bridge",
    "/claims/?q=claim",
    "/claims/?rating=pants-on-fire",
    "/claims/?source=ann-minister",
    "/claims/?tag=bridges",
    "/articles/bridge-article/",
    "/sources/ann-minister/",
    "/feeds/verdicts/rss/",
    "/feeds/verdicts/atom/",
    "/feeds/sources/ann-minister/rss/",
    "/feeds/sources/ann-minister/atom/",
    "/feeds/tags/bridges/rss/",
    "/feeds/tags/bridges/atom/",
    "/sitemap-claims.xml",
    "/sitemap-articles.xml",
    "/sitemap-sources.xml",
]


NOT_LISTING_CLAIMS = {"/sitemap-articles.xml", "/sitemap-sources.xml"}


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_it_never_shows_an_unpublished_claim(client, published, unpublished, url):
    response = get_fresh(client, url)
    assert response.status_code == 200
    body = response.content.decode()
    assert SECRET not in body
    for claim in unpublished:
        assert claim.slug not in body
    # The page is not simply empty: the published claim is there (unless the filter rules it out).
    if "q=claim" not in url and "pants-on-fire" not in url and url not in NOT_LISTING_CLAIMS:
        assert published.slug in body


@pytest.mark.parametrize("prefix", ["/claims/", "/embed/claims/"])
def test_an_unpublished_claims_page_and_embed_are_not_found(client, unpublished, prefix):
    for claim in unpublished:
        assert get_fresh(client, f"{prefix}{claim.slug}/").status_code == 404


def test_staff_see_only_published_claims_on_the_public_site_too(editor_client, published, unpublished):
    # The public site shows what the public sees, whoever is signed in (and pages are shared in the cache).
    for url in ["/claims/", f"/claims/{unpublished[0].slug}/", "/articles/bridge-article/"]:
        response = get_fresh(editor_client, url)
        assert SECRET.encode() not in response.content


def test_search_finds_published_claims_only(client, published, unpublished):
    response = get_fresh(client, "/claims/?q=bridge")
    assert list(response.context["page"]) == [published]


def test_the_scorecard_counts_published_verdicts_only(client, published, unpublished):
    scorecard = {
        row["rating"].slug: row["count"] for row in get_fresh(client, "/sources/ann-minister/").context["scorecard"]
    }
    assert scorecard["false"] == 1
    assert scorecard["pants-on-fire"] == 0  # every unpublished claim is rated Pants on fire


def test_the_article_marks_only_published_quotes(client, published, unpublished):
    body = get_fresh(client, "/articles/bridge-article/").content.decode()
    assert f'href="/claims/{published.slug}/"' in body
    assert "Critics noted that the project ran two years late" in body  # the text is there ...
    assert body.count('class="hl"') == 1  # ... but only the published quote is marked
