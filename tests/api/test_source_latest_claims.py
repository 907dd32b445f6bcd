"""A source's latest claims, newest first, in the API and on its page (read from the source's side)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Claim
from claims.templatetags.claims_public import public_attributions_of
from tests.factories import ClaimFactory, SourceFactory, published_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def source_claims():
    source = SourceFactory()
    now = timezone.now()
    claims = []
    for days in (3, 1, 2):
        claim = published_claim(source=source)
        Claim.objects.filter(pk=claim.pk).update(published_at=now - timedelta(days=days))
        claims.append(claim)
    published_claim()  # another source's claim
    draft = ClaimFactory()
    draft.attributions.create(source=source, role="made")
    return source, [claims[1].pk, claims[2].pk, claims[0].pk], draft


def test_the_source_page_lists_its_published_claims_newest_first(source_claims):
    source, newest_first, _draft = source_claims
    assert [a.claim_id for a in public_attributions_of(source)] == newest_first


def test_the_api_source_lists_its_published_claims_newest_first(api, source_claims):
    source, newest_first, draft = source_claims
    response = api.get(f"/api/v1/sources/{source.pk}/")
    assert response.status_code == 200, response.content
    ids = [c["id"] for c in response.json()["claims"]]
    assert ids == newest_first
    assert draft.pk not in ids
