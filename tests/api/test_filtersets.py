import pytest

from claims.filtersets import ClaimFilterSet
from claims.models import Claim
from tests.factories import published_claim

pytestmark = pytest.mark.django_db


def test_smoke_filters():
    c = published_claim(text="The bridge cost 40 million euros")
    published_claim(text="Taxes rose")
    fs = ClaimFilterSet({"q": "bridge", "rating": ["false"], "has_evidence": "true"}, queryset=Claim.objects.all())
    assert fs.is_valid(), fs.errors
    assert list(fs.qs) == [c]
    fs = ClaimFilterSet(
        {"rating": ["nope"], "has_evidence": "maybe", "claim_date_after": "x"}, queryset=Claim.objects.all()
    )
    assert not fs.is_valid()
    assert set(fs.errors) == {"rating", "has_evidence", "claim_date_after"}


def test_smoke_search_ranks():
    from claims.search import claims_search

    a = published_claim(text="The bridge cost 40 million euros")
    published_claim(text="Taxes rose sharply")
    qs = claims_search(Claim.objects.all(), "bridge -taxes")
    assert [c.pk for c in qs] == [a.pk]
    assert qs[0].relevance > 0
