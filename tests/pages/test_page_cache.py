"""Public pages are cached on the public-state token: served from the cache until a verdict changes."""

import pytest

from claims import services
from claims.models import ClaimStatus, Rating
from tests.factories import AppearanceFactory, EvidenceFactory, VerdictFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready_for_review(article, minister):
    """A claim in review, with everything a publish needs, written by nobody in particular."""
    from tests.factories import AttributionFactory, ClaimFactory

    claim = ClaimFactory(status=ClaimStatus.IN_REVIEW, text="The tunnel cost 90 million euros.", slug="tunnel")
    verdict = VerdictFactory(claim=claim, rating=Rating.objects.get(slug="half-true"), summary="Partly.")
    EvidenceFactory(verdict=verdict)
    AppearanceFactory(claim=claim, article=article)
    AttributionFactory(claim=claim, source=minister)
    return claim


CACHED_URLS = [
    "/",
    "/claims/",
    "/articles/bridge-article/",
    "/sources/ann-minister/",
    "/feeds/verdicts/rss/",
    "/sitemap-claims.xml",
]


@pytest.mark.parametrize("url", CACHED_URLS)
def test_publishing_a_verdict_refreshes_the_cached_page(
    client, published, ready_for_review, editor, url, django_capture_on_commit_callbacks
):
    assert b"/claims/tunnel/" not in client.get(url).content
    ready_for_review.status = ClaimStatus.PUBLISHED  # behind the services' back: the token does not move ...
    ready_for_review.save()
    assert b"/claims/tunnel/" not in client.get(url).content  # ... so the cached page is served
    ready_for_review.status = ClaimStatus.IN_REVIEW
    ready_for_review.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.claim_publish(claim=ready_for_review, editor=editor)
    assert b"/claims/tunnel/" in client.get(url).content


def test_a_correction_refreshes_the_cached_claim_page(client, published, editor, django_capture_on_commit_callbacks):
    assert b"The figure is wrong." in client.get("/claims/bridge-cost/").content
    with django_capture_on_commit_callbacks(execute=True):
        services.verdict_update(
            verdict=published.verdict, user=editor, summary="The figure is too low.", correction_note="New audit."
        )
    page = client.get("/claims/bridge-cost/").content
    assert b"The figure is too low." in page and b"New audit." in page


def test_a_retraction_refreshes_the_cached_claim_page(client, published, editor, django_capture_on_commit_callbacks):
    assert b"has been retracted" not in client.get("/claims/bridge-cost/").content
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_retract(claim=published, editor=editor, reason="Wrong audit.")
    assert b"has been retracted" in client.get("/claims/bridge-cost/").content


def test_a_cached_page_is_served_without_touching_the_database(client, published, django_assert_num_queries):
    client.get("/claims/bridge-cost/")
    with django_assert_num_queries(0):
        assert client.get("/claims/bridge-cost/").status_code == 200


def test_pages_with_different_query_strings_are_cached_apart(client, published):
    assert len(client.get("/claims/?rating=false").context["page"]) == 1
    assert b"No published verdict matches" in client.get("/claims/?rating=true").content


def test_the_suggestion_form_is_not_cached(client):
    first = client.get("/suggest/")
    second = client.get("/suggest/")
    assert second.context is not None  # rendered again, with its own CSRF token
    assert first.status_code == second.status_code == 200
