import pytest
from django.core.cache import cache

from claims.cache import KEY
from tests.factories import published_claim

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/api/v1/claims/", "/api/v1/claims/{pk}/", "/api/v1/ratings/", "/api/v1/articles/", "/api/v1/claims/feed/"]


@pytest.fixture
def claim(db):
    return published_claim()


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_matching_etag_gets_304_without_a_body(api, claim, path):
    url = path.format(pk=claim.pk)
    first = api.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert first["Last-Modified"]
    again = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_if_modified_since_gets_304_until_public_data_changes(api, claim):
    first = api.get("/api/v1/claims/")
    assert api.get("/api/v1/claims/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    cache.set(KEY, cache.get(KEY) + 5_000_000_000)  # what a publish does: the token moves on
    changed = api.get("/api/v1/claims/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert changed.status_code == 200


def test_the_etag_changes_when_public_data_changes(api, claim):
    etag = api.get("/api/v1/claims/")["ETag"]
    cache.set(KEY, cache.get(KEY) + 1)
    response = api.get("/api/v1/claims/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_the_etag_differs_by_path_format_and_caller(api, partner_api, claim):
    etags = {
        api.get("/api/v1/claims/")["ETag"],
        api.get("/api/v1/claims/?language=en")["ETag"],
        api.get("/api/v1/claims/?format=jsonld")["ETag"],
        partner_api.get("/api/v1/claims/")["ETag"],
    }
    assert len(etags) == 4


def test_signed_in_staff_get_no_validators_because_they_see_drafts(reviewer_api, claim):
    response = reviewer_api.get("/api/v1/claims/")
    assert response.status_code == 200
    assert not response.has_header("ETag")


def test_errors_carry_no_etag(api, db):
    assert not api.get("/api/v1/claims/?language=%20x%20").has_header("ETag")
