"""Reviewer tools write through the API via the services; anonymous callers and partners cannot."""

import pytest

from claims.models import Claim, ClaimStatus, Correction, Rating, StatusChange
from tests.factories import (
    AppearanceFactory,
    ArticleFactory,
    AttributionFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    VerdictFactory,
    published_claim,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(reviewer):
    return ClaimFactory(text="The bridge cost 40 million euros", reviewer=reviewer)


def _writes(claim_id):
    return [
        ("post", "/api/v1/claims/", {"text": "A new claim"}),
        ("patch", f"/api/v1/claims/{claim_id}/", {"text": "Edited"}),
        ("post", f"/api/v1/claims/{claim_id}/appearances/", {"article": 1, "quote": "x"}),
        ("post", f"/api/v1/claims/{claim_id}/attributions/", {"source": 1}),
        ("patch", f"/api/v1/claims/{claim_id}/verdict/", {"summary": "x"}),
        ("post", f"/api/v1/claims/{claim_id}/evidence/", {"url": "https://e.example"}),
        ("post", f"/api/v1/claims/{claim_id}/submit-for-review/", {}),
        ("post", f"/api/v1/claims/{claim_id}/publish/", {}),
        ("post", f"/api/v1/claims/{claim_id}/retract/", {"reason": "x"}),
    ]


@pytest.mark.parametrize("who", ["anonymous", "partner", "reader"])
def test_anonymous_callers_partners_and_readers_cannot_write(who, api, partner_api, reader_api, draft):
    client = {"anonymous": api, "partner": partner_api, "reader": reader_api}[who]
    before = (Claim.objects.count(), StatusChange.objects.count(), draft.version)
    for method, url, body in _writes(draft.pk):
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code in (401, 403), (url, response.status_code)
        assert response.json()["status"] == response.status_code
    draft.refresh_from_db()
    assert (Claim.objects.count(), StatusChange.objects.count(), draft.version) == before


def test_a_partner_is_told_keys_are_read_only(partner_api, draft):
    response = partner_api.post("/api/v1/claims/", {"text": "x"}, format="json")
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


def test_a_reviewer_builds_a_draft_from_scratch_and_submits_it(reviewer_api, reviewer):
    article = ArticleFactory()
    source = SourceFactory()
    created = reviewer_api.post(
        "/api/v1/claims/", {"text": "The bridge cost 40 million euros", "tags": ["Infrastructure"]}, format="json"
    )
    assert created.status_code == 201, created.content
    claim_id = created.json()["id"]
    assert created.json()["status"] == "draft"
    assert [t["name"] for t in created.json()["tags"]] == ["Infrastructure"]

    steps = [
        ("post", "appearances", {"article": article.pk, "quote": "the bridge cost 40 million euros"}),
        ("post", "attributions", {"source": source.pk, "role": "made", "described_as": "the minister"}),
        ("patch", "verdict", {"rating": "false", "summary": "Wrong figure.", "explanation": "The audit says *50*."}),
        ("post", "evidence", {"url": "https://audit.example/r", "title": "Audit", "stance": "refutes"}),
        ("post", "submit-for-review", {"note": "Ready."}),
    ]
    for method, path, body in steps:
        response = getattr(reviewer_api, method)(f"/api/v1/claims/{claim_id}/{path}/", body, format="json")
        assert response.status_code in (200, 201), (path, response.content)
    body = response.json()
    assert body["status"] == "in_review"
    assert body["appearances"][0]["start"] == article.body.index("the bridge cost")
    assert body["attributions"][0]["described_as"] == "the minister"
    assert body["verdict"]["rating"]["slug"] == "false"
    assert body["verdict"]["reviewer"] == "Test " + reviewer.last_name
    assert len(body["verdict"]["evidence"]) == 1


def test_an_editor_publishes_and_the_claim_becomes_public(editor_api, reviewer, api):
    claim = ClaimFactory(status=ClaimStatus.IN_REVIEW, reviewer=reviewer)
    verdict = VerdictFactory(claim=claim, reviewer=reviewer)
    EvidenceFactory(verdict=verdict)
    AppearanceFactory(claim=claim)
    assert api.get(f"/api/v1/claims/{claim.pk}/").status_code == 404
    response = editor_api.post(f"/api/v1/claims/{claim.pk}/publish/", {"note": "Approved."}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "published"
    assert api.get(f"/api/v1/claims/{claim.pk}/").status_code == 200


def test_a_reviewer_cannot_publish(reviewer_api, draft):
    response = reviewer_api.post(f"/api/v1/claims/{draft.pk}/publish/", {}, format="json")
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == ClaimStatus.DRAFT


def test_a_service_refusal_is_a_400_with_its_message(editor_api, reviewer):
    claim = ClaimFactory(status=ClaimStatus.IN_REVIEW, reviewer=reviewer)
    response = editor_api.post(f"/api/v1/claims/{claim.pk}/publish/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "refused"
    assert "Before publishing, add" in response.json()["detail"]


def test_a_quote_not_in_the_article_is_a_400_on_the_quote(reviewer_api, draft):
    article = ArticleFactory()
    response = reviewer_api.post(
        f"/api/v1/claims/{draft.pk}/appearances/", {"article": article.pk, "quote": "words nowhere"}, format="json"
    )
    assert response.status_code == 400
    assert "quote" in response.json()["errors"]


@pytest.mark.parametrize(
    ("path", "method", "body", "field"),
    [
        ("", "patch", {"claim_date": "not a date"}, "claim_date"),
        ("", "patch", {"language": "??"}, "language"),
        ("verdict/", "patch", {"rating": "no-such"}, "rating"),
        ("evidence/", "post", {"url": "not a url"}, "url"),
        ("attributions/", "post", {"source": 999999}, "source"),
        ("attributions/", "post", {"source": 1, "role": "invented"}, "role"),
    ],
)
def test_malformed_write_input_is_a_400_naming_the_field(reviewer_api, draft, path, method, body, field):
    SourceFactory(pk=1)
    response = getattr(reviewer_api, method)(f"/api/v1/claims/{draft.pk}/{path}", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_a_stale_version_is_a_409_and_with_if_match_a_412(reviewer_api, draft):
    fresh = reviewer_api.patch(
        f"/api/v1/claims/{draft.pk}/", {"text": "Edited once", "expected_version": draft.version}, format="json"
    )
    assert fresh.status_code == 200, fresh.content
    stale = reviewer_api.patch(
        f"/api/v1/claims/{draft.pk}/", {"text": "Edited twice", "expected_version": draft.version}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "conflict"
    with_header = reviewer_api.patch(
        f"/api/v1/claims/{draft.pk}/", {"text": "Edited twice"}, format="json", HTTP_IF_MATCH=f'"{draft.version}"'
    )
    assert with_header.status_code == 412
    draft.refresh_from_db()
    assert draft.text == "Edited once"


def test_correcting_a_published_verdict_needs_a_note_and_logs_it(editor_api):
    claim = published_claim()
    without = editor_api.patch(f"/api/v1/claims/{claim.pk}/verdict/", {"rating": "half-true"}, format="json")
    assert without.status_code == 400
    assert "correction note" in without.json()["detail"]
    corrected = editor_api.patch(
        f"/api/v1/claims/{claim.pk}/verdict/",
        {"rating": "half-true", "correction_note": "New audit figures."},
        format="json",
    )
    assert corrected.status_code == 200, corrected.content
    assert corrected.json()["status"] == "corrected"
    assert corrected.json()["verdict"]["rating"]["slug"] == "half-true"
    assert Correction.objects.filter(claim=claim, note="New audit figures.").exists()
    assert claim.verdict.__class__.objects.get(claim=claim).rating == Rating.objects.get(slug="half-true")


def test_an_editor_retracts_with_a_public_reason(editor_api, api):
    claim = published_claim()
    response = editor_api.post(f"/api/v1/claims/{claim.pk}/retract/", {"reason": "Misattributed."}, format="json")
    assert response.status_code == 200, response.content
    assert api.get(f"/api/v1/claims/{claim.pk}/").json()["status"] == "retracted"


def test_a_draft_attribution_can_name_the_article(reviewer_api, draft):
    article, source = ArticleFactory(), SourceFactory()
    AttributionFactory(claim=draft)
    response = reviewer_api.post(
        f"/api/v1/claims/{draft.pk}/attributions/",
        {"source": source.pk, "role": "reported", "article": article.pk},
        format="json",
    )
    assert response.status_code == 201
    assert {a["article_id"] for a in response.json()["attributions"]} == {None, article.pk}


def test_a_malformed_json_body_is_a_400_in_the_error_shape(reviewer_api):
    response = reviewer_api.post("/api/v1/claims/", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
