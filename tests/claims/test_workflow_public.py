"""What the workflow does to the public side: nothing before publication, then the verdict, its
corrections (page, API, feed, JSON-LD dateModified) and, if it comes to that, the retraction notice."""

import json
import re

import pytest
from django.core.cache import cache

from claims import services
from claims.models import ClaimStatus
from tests.factories import AppearanceFactory, ClaimFactory, EvidenceFactory, VerdictFactory, published_claim

pytestmark = pytest.mark.django_db

SECRET = "Quagga-secret claim about the harbour"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call a service and let its on-commit hooks (cache token, webhooks) run, as a real request would."""

    def _run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return _run


def public_urls(claim):
    return {
        "page": f"/claims/{claim.slug}/",
        "api": f"/api/v1/claims/{claim.pk}/",
        "api list": "/api/v1/claims/?page_size=100",
        "list": "/claims/",
        "rss": "/feeds/verdicts/rss/",
        "sitemap": "/sitemap-claims.xml",
        "claimreview feed": "/api/v1/claims/feed/",
    }


def visible_anywhere(client, claim) -> dict:
    seen = {}
    for name, url in public_urls(claim).items():
        response = client.get(url)
        content = response.content.decode()
        seen[name] = response.status_code == 200 and (SECRET in content or f"/claims/{claim.slug}/" in content)
    return seen


def test_a_claim_is_invisible_until_published_at_every_step(client, reviewer, editor, run):
    claim = ClaimFactory(text=SECRET, slug="quagga")
    EvidenceFactory(verdict=VerdictFactory(claim=claim, reviewer=reviewer))
    AppearanceFactory(claim=claim)
    steps = [
        (services.claim_start_research, {"claim": claim, "user": reviewer}),
        (services.claim_submit_for_review, {"claim": claim, "user": reviewer}),
        (services.claim_request_changes, {"claim": claim, "editor": editor, "note": "More."}),
        (services.claim_submit_for_review, {"claim": claim, "user": reviewer}),
    ]
    assert not any(visible_anywhere(client, claim).values()), ClaimStatus.DRAFT
    for service, kwargs in steps:
        status = run(service, **kwargs).status
        seen = visible_anywhere(client, claim)
        assert not any(seen.values()), (status, seen)
    run(services.claim_publish, claim=claim, editor=editor)
    seen = visible_anywhere(client, claim)
    assert all(seen.values()), seen


def _jsonld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_a_correction_shows_on_the_page_in_the_api_the_feed_and_the_json_ld(client, editor, run):
    claim = published_claim(text=SECRET)
    before = _jsonld(client.get(f"/claims/{claim.slug}/").content.decode())
    note = "We first misread the audit office table."
    run(services.verdict_update, verdict=claim.verdict, user=editor, summary="Mostly wrong.", correction_note=note)
    correction = claim.corrections.get()

    page = client.get(f"/claims/{claim.slug}/").content.decode()
    assert note in page
    ld = _jsonld(page)
    assert ld["dateModified"] != before["dateModified"]
    assert ld["dateModified"][:19] == correction.created_at.isoformat()[:19]

    api = client.get(f"/api/v1/claims/{claim.pk}/").json()
    assert api["status"] == "corrected"
    assert [c["note"] for c in api["corrections"]] == [note]

    rss = client.get("/feeds/verdicts/rss/").content.decode()
    assert "Mostly wrong." in rss


def test_a_minor_correction_stays_off_the_public_log(client, editor, run):
    claim = published_claim(text=SECRET)
    run(
        services.verdict_update,
        verdict=claim.verdict,
        user=editor,
        summary="Typo fixed.",
        correction_note="typo-x",
        minor=True,
    )
    page = client.get(f"/claims/{claim.slug}/").content.decode()
    assert "Typo fixed." in page
    assert "typo-x" not in page
    assert client.get(f"/api/v1/claims/{claim.pk}/").json()["corrections"] == []


def test_a_retracted_claim_keeps_its_page_with_the_notice_and_reason(client, editor, run):
    claim = published_claim(text=SECRET)
    run(services.claim_retract, claim=claim, editor=editor, reason="The quoted document was forged.")
    response = client.get(f"/claims/{claim.slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "The quoted document was forged." in page
    assert "etract" in page  # "Retracted" / "retraction" notice
    assert client.get(f"/api/v1/claims/{claim.pk}/").json()["status"] == "retracted"
