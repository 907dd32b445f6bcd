"""A claim that is not public never shows, to anonymous callers or partners, anywhere in the API."""

import pytest

from claims.models import ClaimStatus
from tests.factories import (
    AppearanceFactory,
    ArticleFactory,
    AttributionFactory,
    ClaimFactory,
    EvidenceFactory,
    OutletFactory,
    SourceFactory,
    VerdictFactory,
    published_claim,
)

pytestmark = pytest.mark.django_db

SECRET = "Zanzibar secret draft claim"


@pytest.fixture
def planted(db):
    """A published claim, and unpublished claims with their own source, outlet, article and tag."""
    public = published_claim(text="The bridge cost 40 million euros")
    made_by = SourceFactory(name="Hidden Person", slug="hidden-person")
    outlet = OutletFactory(name="Hidden Outlet", slug="hidden-outlet")
    article = ArticleFactory(title="Hidden article", slug="hidden-article", publisher=outlet)
    drafts = []
    for status in (ClaimStatus.DRAFT, ClaimStatus.IN_RESEARCH, ClaimStatus.IN_REVIEW):
        draft = ClaimFactory(text=f"{SECRET} {status}", status=status)
        verdict = VerdictFactory(claim=draft)
        EvidenceFactory(verdict=verdict)
        AppearanceFactory(claim=draft, article=article)
        AttributionFactory(claim=draft, source=made_by)
        # the draft also touches the public claim's source: its scorecard must not count it
        AttributionFactory(claim=draft, source=public.attributions.get().source)
        drafts.append(draft)
    return {"public": public, "drafts": drafts, "source": made_by, "outlet": outlet, "article": article}


def _urls(planted):
    public = planted["public"]
    return [
        "/api/v1/claims/",
        "/api/v1/claims/?page_size=100&q=Zanzibar",
        "/api/v1/claims/?source=hidden-person",
        "/api/v1/claims/?format=jsonld",
        "/api/v1/claims/?format=csv",
        "/api/v1/claims/feed/",
        "/api/v1/claims:search?query=Zanzibar",
        "/api/v1/claims:search?query=secret",
        "/api/v1/articles/",
        "/api/v1/articles/?q=Hidden",
        f"/api/v1/articles/{public.appearances.get().article_id}/",
        "/api/v1/sources/",
        "/api/v1/sources/?q=Hidden",
        f"/api/v1/sources/{public.attributions.get().source_id}/",
    ]


@pytest.mark.parametrize("who", ["anonymous", "partner", "reader"])
def test_no_endpoint_shows_an_unpublished_claim(planted, who, api, partner_api, reader_api):
    client = {"anonymous": api, "partner": partner_api, "reader": reader_api}[who]
    for url in _urls(planted):
        response = client.get(url)
        assert response.status_code in (200, 400), url
        body = response.content.decode()
        assert "Zanzibar" not in body, url
        assert "Hidden" not in body, url
        for draft in planted["drafts"]:
            assert f"/claims/{draft.pk}/" not in body, url
            assert draft.slug not in body, url


@pytest.mark.parametrize("who", ["anonymous", "partner"])
def test_unpublished_claims_their_article_and_source_are_404(planted, who, api, partner_api):
    client = {"anonymous": api, "partner": partner_api}[who]
    for draft in planted["drafts"]:
        assert client.get(f"/api/v1/claims/{draft.pk}/").status_code == 404
        assert client.get(f"/api/v1/claims/{draft.pk}/?format=jsonld").status_code == 404
    assert client.get(f"/api/v1/articles/{planted['article'].pk}/").status_code == 404
    assert client.get(f"/api/v1/sources/{planted['source'].pk}/").status_code == 404
    assert client.get(f"/api/v1/sources/{planted['outlet'].pk}/").status_code == 404


def test_the_scorecard_counts_only_published_verdicts(planted, api):
    source_id = planted["public"].attributions.get().source_id
    scorecard = api.get(f"/api/v1/sources/{source_id}/").json()["scorecard"]
    assert sum(row["count"] for row in scorecard) == 1
    assert [row["count"] for row in scorecard if row["rating"]["slug"] == "false"] == [1]


def test_a_retracted_claim_stays_readable_but_loses_its_claimreview(api, db):
    claim = published_claim(text="Retracted bridge claim")
    claim.status = ClaimStatus.RETRACTED
    claim.save()
    body = api.get(f"/api/v1/claims/{claim.pk}/").json()
    assert body["status"] == "retracted"
    assert body["links"]["jsonld"] is None
    gone = api.get(f"/api/v1/claims/{claim.pk}/?format=jsonld")
    assert gone.status_code == 410
    assert gone.json()["code"] == "gone"
    assert "Retracted bridge claim" not in api.get("/api/v1/claims/feed/").content.decode()
    assert "Retracted bridge claim" not in api.get("/api/v1/claims/?format=jsonld").content.decode()


def test_staff_with_the_view_permission_see_drafts(planted, reviewer_api):
    ids = [row["id"] for row in reviewer_api.get("/api/v1/claims/?page_size=100").json()["results"]]
    assert {d.pk for d in planted["drafts"]} <= set(ids)
    assert "Zanzibar" not in reviewer_api.get("/api/v1/claims/feed/").content.decode()
