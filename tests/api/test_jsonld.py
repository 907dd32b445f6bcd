import pytest
from django.conf import settings

from claims.jsonld import CLAIM_REVIEWED_MAX, claimreview_for, datafeed_for, shorten_claim
from claims.models import Claim, Correction, Rating
from claims.selectors import claims_with_details, rating_scale_bounds
from tests.factories import AttributionFactory, SourceFactory, published_claim

pytestmark = pytest.mark.django_db


def _review(claim):
    return claimreview_for(claims_with_details(Claim.objects.filter(pk=claim.pk)).get())


def test_it_has_every_required_claimreview_property():
    claim = published_claim(text="The bridge cost 40 million euros.")
    review = _review(claim)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "The bridge cost 40 million euros."
    assert review["url"].startswith(settings.SITE_URL + "/")
    assert review["url"].endswith(f"{claim.slug}/")
    assert review["reviewRating"]["@type"] == "Rating"
    assert review["reviewRating"]["alternateName"] == "False"


def test_its_scale_numbers_are_consistent():
    claim = published_claim(rating=Rating.objects.get(slug="mostly-true"))
    rating = _review(claim)["reviewRating"]
    worst, best = rating_scale_bounds()
    assert (rating["worstRating"], rating["bestRating"]) == (worst, best)
    assert worst <= rating["ratingValue"] <= best
    assert rating["ratingValue"] == Rating.objects.get(slug="mostly-true").value
    assert rating["ratingExplanation"] == "The figure is wrong."


def test_an_off_scale_rating_has_no_numbers():
    rating = _review(published_claim(rating=Rating.objects.get(slug="misleading")))["reviewRating"]
    assert rating["alternateName"] == "Misleading"
    assert not {"ratingValue", "bestRating", "worstRating"} & set(rating)


def test_it_names_the_organisation_as_author(settings):
    settings.FACTCHECK_ORG_NAME = "Desk"
    settings.FACTCHECK_ORG_LOGO = "https://desk.example/logo.png"
    author = _review(published_claim())["author"]
    assert author["@type"] == "Organization"
    assert author["name"] == "Desk"
    assert author["logo"]["url"] == "https://desk.example/logo.png"


def test_the_item_reviewed_is_the_claim_with_its_makers_and_appearances():
    import datetime

    person = SourceFactory(name="Ann Minister", kind="person")
    claim = published_claim(source=person, claim_date=datetime.date(2025, 3, 1))
    AttributionFactory(claim=claim, role="reported")  # not an author of the claim
    item = _review(claim)["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Ann Minister"}
    assert item["datePublished"] == "2025-03-01"
    appearance = claim.appearances.get()
    assert item["appearance"][0]["url"] == appearance.article.url
    assert item["appearance"][0]["headline"] == appearance.article.title
    assert item["appearance"][0]["publisher"]["name"] == appearance.article.publisher.name
    assert item["firstAppearance"]["url"] == appearance.article.url


def test_date_modified_is_the_latest_public_correction():
    claim = published_claim()
    review = _review(claim)
    assert review["dateModified"] == claim.published_at.isoformat()
    minor = Correction.objects.create(claim=claim, note="typo", minor=True)
    assert _review(claim)["dateModified"] == claim.published_at.isoformat()
    Correction.objects.create(claim=claim, note="figure fixed")
    public = Correction.objects.filter(minor=False).get()
    assert public.created_at >= minor.created_at
    assert _review(claim)["dateModified"] == public.created_at.isoformat()


def test_a_short_claim_is_kept_whole():
    assert shorten_claim("Taxes rose.") == "Taxes rose."


def test_a_long_claim_is_cut_at_a_word_with_a_visible_ellipsis():
    text = "The minister said that the bridge over the river cost forty million euros and was not late at all"
    short = shorten_claim(text)
    assert len(short) < CLAIM_REVIEWED_MAX
    assert short.endswith("…")
    assert text.startswith(short[:-1])
    assert short[:-1].split()[-1] not in {"and", "not", "was"}


def test_the_feed_wraps_each_review_in_a_datafeed_item():
    claim = published_claim()
    feed = datafeed_for(claims_with_details(Claim.objects.filter(pk=claim.pk)), url="https://x.example/feed")
    assert feed["@type"] == "DataFeed"
    (element,) = feed["dataFeedElement"]
    assert element["@type"] == "DataFeedItem"
    assert element["item"][0]["@type"] == "ClaimReview"
