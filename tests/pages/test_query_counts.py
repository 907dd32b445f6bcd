"""Each page runs a fixed number of queries, whatever the amount of data (measured with an empty cache)."""

import pytest

from claims.models import Correction
from tests.factories import AttributionFactory, EvidenceFactory, SourceFactory
from tests.pages.conftest import more_published_claims, queries_for

pytestmark = pytest.mark.django_db

# Each page, with the queries it makes; the same with one published claim and with many.
PAGES = {
    # claims with verdict and rating | tags | appearances | attributions | evidence | rating scale (legend)
    "/": 6,
    # rating scale for the sidebar | tags for the sidebar | capped count | claims | 4 prefetches
    "/claims/": 8,
    # + tag validation of the filter form (a rating is remembered after the first request that uses it)
    "/claims/?rating=false&tag=bridges": 9,
    # the claim with verdict and rating | tags | appearances | attributions | evidence | corrections |
    # other fact-checkers' reviews | rating scale bounds (JSON-LD)
    "/claims/bridge-cost/": 8,
    # the claim with its verdict and rating
    "/embed/claims/bridge-cost/": 1,
    # the article with its publisher | its authors | appearances of published claims with their ratings
    "/articles/bridge-article/": 3,
    # the source with its organisation | scorecard counts | rating scale | their published claims | members
    "/sources/ann-minister/": 5,
    # the rating scale
    "/methodology/": 1,
    # text only: no query at all
    "/corrections-policy/": 0,
    "/suggest/": 0,
    "/suggest/thanks/": 0,
    "/robots.txt": 0,
    # claims with verdict and rating | their tags
    "/feeds/verdicts/rss/": 2,
    # the source | claims | tags
    "/feeds/sources/ann-minister/atom/": 3,
    # the tag | claims | tags
    "/feeds/tags/bridges/rss/": 3,
    # per section (claims, articles, sources): a capped count for the number of pages, the latest change
    "/sitemap.xml": 6,
    # a capped count for the paginator | the page of claims
    "/sitemap-claims.xml": 2,
}


@pytest.mark.parametrize(("url", "expected"), PAGES.items(), ids=PAGES.keys())
def test_the_number_of_queries_does_not_grow_with_the_data(client, published, unpublished, url, expected):
    queries_for(client, url)  # a first request remembers the filter's rating (factcheck.api.fields)
    with_one = queries_for(client, url)
    more_published_claims(6, article=published.appearances.get().article, minister=SourceFactory(), tag=None)
    for claim in type(published).objects.filter(status="published"):
        claim.tags.add(*published.tags.all())
        AttributionFactory(claim=claim, source=published.attributions.get().source, role="reported")
        EvidenceFactory(verdict=claim.verdict)
        Correction.objects.create(claim=claim, note="A public correction.")
    assert queries_for(client, url) == with_one == expected


def test_a_deep_page_of_the_list_makes_the_same_queries(client, published):
    more_published_claims(45, article=published.appearances.get().article, minister=SourceFactory())
    assert queries_for(client, "/claims/?page=3") == queries_for(client, "/claims/") == PAGES["/claims/"]
