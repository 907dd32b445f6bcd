"""Lists cost the same number of queries for 1 row and for 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Correction
from tests.factories import TagFactory, published_claim

pytestmark = pytest.mark.django_db


def _grow(n):
    tag = TagFactory()
    for _ in range(n):
        claim = published_claim()
        claim.tags.add(tag)
        Correction.objects.create(claim=claim, note="Fixed a figure.")


def _count(api, url):
    api.get(url)  # a first request remembers a filter's rating or source (factcheck.api.fields.known_objects)
    with CaptureQueriesContext(connection) as ctx:
        response = api.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), response


# url → expected queries, each named
LISTS = {
    # claims+verdict+rating+names+scale+evidence count, tags, appearances+articles+publishers, attributions+sources
    "/api/v1/claims/?page_size=100": 4,
    # claims+verdict+rating+scale, tags, appearances, attributions, evidence, public corrections (dateModified)
    "/api/v1/claims/?page_size=100&format=jsonld": 6,
    "/api/v1/claims/?page_size=100&format=csv": 4,
    # claims+verdict+rating+scale, appearances+articles+publishers, attributions+sources, public corrections
    "/api/v1/claims/feed/?page_size=100": 4,
    # articles+publisher, authors, visible appearances+claims+verdicts+ratings
    "/api/v1/articles/?page_size=100": 3,
    # sources+parent
    "/api/v1/sources/?page_size=100": 1,
    # a known rating costs no lookup: the same 4 queries as the plain list
    "/api/v1/claims/?page_size=100&rating=false": 4,
    # claims+verdict+rating+scale+evidence count, tags, appearances, attributions
    "/api/v1/claims:search?query=claim&pageSize=100": 4,
}


@pytest.mark.parametrize("url", list(LISTS))
def test_a_list_costs_the_same_queries_for_1_and_50_rows(api, url, django_assert_num_queries):
    _grow(1)
    one, _ = _count(api, url)
    _grow(49)
    fifty, big = _count(api, url)
    assert (one, fifty) == (LISTS[url], LISTS[url])
    if "format" not in url and "feed" not in url:
        rows = big.json().get("results", big.json().get("claims"))
        assert len(rows) >= 50


def test_the_claims_list_names_its_four_queries(api, django_assert_num_queries):
    _grow(3)
    # 1 claims with verdict, rating, reviewer, editor, scale bounds and evidence count
    # 2 tags  3 appearances with article and publisher  4 attributions with source
    with django_assert_num_queries(4):
        api.get("/api/v1/claims/")


def test_the_claim_detail_costs_a_fixed_number_of_queries(api, django_assert_num_queries):
    claim = published_claim()
    # 1 claim+verdict+rating+names+scale, 2 tags, 3 appearances, 4 attributions, 5 evidence, 6 corrections,
    # 7 other fact-checkers' reviews
    with django_assert_num_queries(7):
        api.get(f"/api/v1/claims/{claim.pk}/")


def test_a_conditional_hit_costs_no_query(api, django_assert_num_queries):
    _grow(2)
    etag = api.get("/api/v1/claims/")["ETag"]
    with django_assert_num_queries(0):
        assert api.get("/api/v1/claims/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_filter_by_a_known_source_costs_no_lookup_query(api, django_assert_num_queries):
    from tests.factories import SourceFactory

    source = SourceFactory()
    for _ in range(3):
        published_claim(source=source)
    api.get(f"/api/v1/claims/?source={source.slug}")  # the first request looks the source up and remembers it
    # 1 claims (EXISTS on the source's attributions by id)  2 tags  3 appearances  4 attributions
    with django_assert_num_queries(4):
        response = api.get(f"/api/v1/claims/?source={source.slug}")
    assert len(response.json()["results"]) == 3


def test_an_unknown_rating_is_still_a_400_after_known_ones_were_remembered(api):
    published_claim()
    rating = published_claim().verdict.rating
    assert api.get(f"/api/v1/claims/?rating={rating.slug}").status_code == 200
    response = api.get(f"/api/v1/claims/?rating={rating.slug}&rating=no-such-rating")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["rating"]
