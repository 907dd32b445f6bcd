"""ClaimReview JSON-LD through the API: ?format=jsonld, Accept: application/ld+json, the feed."""

import pytest

from claims.models import Rating
from claims.selectors import rating_scale_bounds
from tests.factories import published_claim

pytestmark = pytest.mark.django_db

REQUIRED = {"@context", "@type", "url", "claimReviewed", "reviewRating", "author", "datePublished", "itemReviewed"}


def _check_review(review):
    assert set(review) >= REQUIRED
    assert review["@type"] == "ClaimReview"
    assert len(review["claimReviewed"]) < 75
    assert review["url"].startswith("http")
    rating = review["reviewRating"]
    assert rating["alternateName"]
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert (rating["worstRating"], rating["bestRating"]) == rating_scale_bounds()


@pytest.mark.parametrize("how", ["format", "accept"])
def test_a_claim_answers_its_claimreview(api, how):
    claim = published_claim(rating=Rating.objects.get(slug="half-true"))
    if how == "format":
        response = api.get(f"/api/v1/claims/{claim.pk}/?format=jsonld")
    else:
        response = api.get(f"/api/v1/claims/{claim.pk}/", HTTP_ACCEPT="application/ld+json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    review = response.json()
    _check_review(review)
    assert review["reviewRating"]["ratingValue"] == 4


def test_the_api_links_to_the_same_claimreview(api):
    claim = published_claim()
    links = api.get(f"/api/v1/claims/{claim.pk}/").json()["links"]
    assert links["jsonld"].endswith(f"/api/v1/claims/{claim.pk}/?format=jsonld")
    assert links["page"].endswith(f"/claims/{claim.slug}/")


def test_the_feed_holds_every_published_review_across_its_pages(api):
    claims = [published_claim(rating=Rating.objects.get(slug=s)) for s in ("true", "misleading", "false")]
    reviews, url = [], "/api/v1/claims/feed/?page_size=2"
    while url:
        response = api.get(url)
        assert response["Content-Type"].startswith("application/ld+json")
        feed = response.json()
        assert feed["@type"] == "DataFeed"
        reviews += [element["item"][0] for element in feed["dataFeedElement"]]
        link = response.headers.get("Link", "")
        url = link.split(";")[0].strip("<>") if 'rel="next"' in link else None
    assert len(reviews) == len(claims)
    for review in reviews:
        _check_review(review)


def test_a_list_page_in_jsonld_is_a_datafeed(api):
    published_claim()
    feed = api.get("/api/v1/claims/?format=jsonld").json()
    assert feed["@type"] == "DataFeed"
    _check_review(feed["dataFeedElement"][0]["item"][0])
