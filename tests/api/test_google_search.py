"""/api/v1/claims:search answers like Google Fact Check Tools' claims:search."""

import datetime

import pytest
from django.utils import timezone

from claims.models import Claim, Rating
from tests.factories import SourceFactory, published_claim

pytestmark = pytest.mark.django_db

URL = "/api/v1/claims:search"


@pytest.fixture
def bridge(db):
    return published_claim(
        text="The bridge cost 40 million euros",
        claim_date=datetime.date(2025, 3, 1),
        source=SourceFactory(name="Ann Minister"),
        rating=Rating.objects.get(slug="mostly-false"),
    )


def test_it_answers_in_googles_shape(api, bridge, settings):
    settings.SITE_URL = "https://factcheck.example"
    settings.FACTCHECK_ORG_NAME = "Desk"
    body = api.get(URL, {"query": "bridge"}).json()
    assert set(body) == {"claims"}
    (claim,) = body["claims"]
    assert claim["text"] == "The bridge cost 40 million euros"
    assert claim["claimant"] == "Ann Minister"
    assert claim["claimDate"] == "2025-03-01T00:00:00Z"
    (review,) = claim["claimReview"]
    assert review["publisher"] == {"name": "Desk", "site": "factcheck.example"}
    assert review["url"] == f"https://factcheck.example/claims/{bridge.slug}/"
    assert review["title"] == bridge.text
    assert review["textualRating"] == "Mostly false"
    assert review["languageCode"] == "en"
    assert datetime.datetime.strptime(review["reviewDate"], "%Y-%m-%dT%H:%M:%SZ")


def test_no_match_is_an_empty_object_like_google(api, bridge):
    assert api.get(URL, {"query": "volcano"}).json() == {}


def test_page_tokens_walk_all_results_once(api, db):
    ids = {published_claim(text=f"bridge claim {n}").pk for n in range(5)}
    texts, token = [], None
    for _ in range(5):
        params = {"query": "bridge", "pageSize": 2, **({"pageToken": token} if token else {})}
        body = api.get(URL, params).json()
        texts += [c["text"] for c in body["claims"]]
        token = body.get("nextPageToken")
        if not token:
            break
    assert sorted(texts) == sorted(Claim.objects.filter(pk__in=ids).values_list("text", flat=True))


def test_offset_starts_further_down_when_no_token_is_given(api, db):
    for n in range(3):
        published_claim(text=f"bridge claim {n}")
    all_texts = [c["text"] for c in api.get(URL, {"query": "bridge"}).json()["claims"]]
    assert [c["text"] for c in api.get(URL, {"query": "bridge", "offset": 1}).json()["claims"]] == all_texts[1:]


def test_language_code_matches_the_primary_subtag(api, bridge):
    assert len(api.get(URL, {"query": "bridge", "languageCode": "en-US"}).json()["claims"]) == 1
    assert api.get(URL, {"query": "bridge", "languageCode": "de"}).json() == {}


def test_max_age_days_drops_old_reviews_and_claims(api, bridge):
    Claim.objects.filter(pk=bridge.pk).update(published_at=timezone.now() - datetime.timedelta(days=400))
    assert api.get(URL, {"query": "bridge", "maxAgeDays": 30}).json() == {}
    assert len(api.get(URL, {"query": "bridge", "maxAgeDays": 1000}).json()["claims"]) == 1


def test_the_publisher_site_filter_keeps_only_our_site(api, bridge, settings):
    settings.SITE_URL = "https://factcheck.example"
    assert len(api.get(URL, {"reviewPublisherSiteFilter": "factcheck.example"}).json()["claims"]) == 1
    assert api.get(URL, {"reviewPublisherSiteFilter": "politifact.com"}).json() == {}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "query"),
        ({"query": "x", "pageSize": 0}, "pageSize"),
        ({"query": "x", "pageSize": 1000}, "pageSize"),
        ({"query": "x", "maxAgeDays": "soon"}, "maxAgeDays"),
        ({"query": "x", "offset": -1}, "offset"),
        ({"query": "x", "pageToken": "!!!"}, "pageToken"),
        ({"query": "x", "languageCode": "english please"}, "languageCode"),
    ],
)
def test_bad_parameters_are_a_400_naming_them(api, db, params, field):
    response = api.get(URL, params)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
