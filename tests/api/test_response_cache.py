"""Rendered responses for anonymous callers and partners are cached on the ETag seed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.cache import public_state_changed
from tests.factories import ClaimFactory, published_claim

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _response_cache_on(settings):
    settings.API_RESPONSE_CACHE_SECONDS = 600


def _ids(response):
    return {row["id"] for row in response.json()["results"]}


def test_a_second_identical_anonymous_get_costs_no_query_and_returns_the_same_body(api):
    published_claim()
    first = api.get("/api/v1/claims/?page_size=10")
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        again = api.get("/api/v1/claims/?page_size=10")
    assert len(ctx.captured_queries) == 0
    assert again.status_code == 200
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["ETag"] == first["ETag"]


def test_each_format_is_cached_under_its_own_key(api):
    published_claim()
    json_body = api.get("/api/v1/claims/").content
    csv = api.get("/api/v1/claims/?format=csv")
    assert csv.content != json_body
    assert csv["Content-Type"].startswith("text/csv")
    assert api.get("/api/v1/claims/?format=csv").content == csv.content


def test_a_publish_makes_the_cached_response_fresh(api, django_capture_on_commit_callbacks):
    old = published_claim()
    assert _ids(api.get("/api/v1/claims/")) == {old.pk}
    new = published_claim()
    assert _ids(api.get("/api/v1/claims/")) == {old.pk}  # factories do not announce it: still cached
    with django_capture_on_commit_callbacks(execute=True):
        public_state_changed()  # what verdict_publish, correct and retract do
    assert _ids(api.get("/api/v1/claims/")) == {old.pk, new.pk}


def test_a_staff_get_is_never_served_from_the_cache(api, reviewer_api):
    public = published_claim()
    assert _ids(api.get("/api/v1/claims/")) == {public.pk}
    draft = ClaimFactory()
    with CaptureQueriesContext(connection) as ctx:
        staff = reviewer_api.get("/api/v1/claims/")
    assert len(ctx.captured_queries) > 0
    assert draft.pk in _ids(staff)


def test_a_staff_response_is_never_stored_so_a_draft_cannot_leak_through_it(api, reviewer_api):
    public = published_claim()
    draft = ClaimFactory()
    assert draft.pk in _ids(reviewer_api.get("/api/v1/claims/"))
    anonymous = api.get("/api/v1/claims/")
    assert _ids(anonymous) == {public.pk}
    assert api.get(f"/api/v1/claims/{draft.pk}/").status_code == 404


def test_partners_and_anonymous_callers_get_separate_entries(api, partner_api):
    published_claim()
    assert api.get("/api/v1/claims/").status_code == 200
    response = partner_api.get("/api/v1/claims/")
    assert response.status_code == 200
    assert response["ETag"] != api.get("/api/v1/claims/")["ETag"]


def test_a_cached_hit_still_counts_against_the_throttle(api, settings):
    settings.API_ANON_RATE = "2/min"
    published_claim()
    assert api.get("/api/v1/claims/").status_code == 200
    assert api.get("/api/v1/claims/").status_code == 200  # from the cache
    assert api.get("/api/v1/claims/").status_code == 429


def test_an_error_is_not_cached(api):
    assert api.get("/api/v1/claims/?rating=no-such-rating").status_code == 400
    assert api.get("/api/v1/claims/?rating=no-such-rating").status_code == 400
