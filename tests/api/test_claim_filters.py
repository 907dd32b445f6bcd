"""Every claim filter, through the API, with a claim that matches and one that does not."""

import datetime

import pytest
from django.utils import timezone

from claims.models import Claim, Evidence, Rating, Verdict
from tests.factories import ArticleFactory, OutletFactory, SourceFactory, TagFactory, published_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(db):
    """Two published claims that differ in every filtered property."""
    outlet_a, outlet_b = OutletFactory(slug="daily-a"), OutletFactory(slug="daily-b")
    now = timezone.now()
    a = published_claim(
        text="The bridge cost 40 million euros",
        claim_date=datetime.date(2025, 1, 10),
        language="en",
        rating=Rating.objects.get(slug="false"),
        source=SourceFactory(slug="ann-minister"),
        article=ArticleFactory(slug="bridge-story", publisher=outlet_a),
    )
    b = published_claim(
        text="Unemployment fell to a record low",
        claim_date=datetime.date(2025, 6, 10),
        language="de",
        rating=Rating.objects.get(slug="true"),
        source=SourceFactory(slug="bob-mayor"),
        article=ArticleFactory(slug="jobs-story", publisher=outlet_b),
    )
    a.attributions.update(role="made")
    b.attributions.update(role="reported")
    a.tags.add(TagFactory(slug="infrastructure"))
    b.tags.add(TagFactory(slug="economy"))
    Evidence.objects.filter(verdict__claim=b).delete()
    Claim.objects.filter(pk=a.pk).update(published_at=now - datetime.timedelta(days=10))
    Claim.objects.filter(pk=a.pk).update(updated_at=now - datetime.timedelta(days=10))
    Verdict.objects.filter(claim=a).update(updated_at=now - datetime.timedelta(days=10))
    Claim.objects.filter(pk=b.pk).update(published_at=now, updated_at=now)
    return {"a": a, "b": b}


def _ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def _since(days):
    return (timezone.now() - datetime.timedelta(days=days)).isoformat()


FILTERS = [
    ({"rating": "false"}, ["a"]),
    ({"rating": ["false", "true"]}, ["b", "a"]),
    ({"rating_value_min": "5"}, ["b"]),
    ({"rating_value_max": "3"}, ["a"]),
    ({"source": "ann-minister"}, ["a"]),
    ({"source": "ann-minister", "role": "made"}, ["a"]),
    ({"source": "ann-minister", "role": "reported"}, []),
    ({"role": "reported"}, ["b"]),
    ({"article": "bridge-story"}, ["a"]),
    ({"publisher": "daily-b"}, ["b"]),
    ({"tag": "economy"}, ["b"]),
    ({"language": "de"}, ["b"]),
    ({"claim_date_after": "2025-03-01"}, ["b"]),
    ({"claim_date_before": "2025-03-01"}, ["a"]),
    ({"updated_since": "UPDATED"}, ["b"]),
    ({"published_since": "UPDATED"}, ["b"]),
    ({"has_evidence": "true"}, ["a"]),
    ({"has_evidence": "false"}, ["b"]),
    ({"q": "bridge"}, ["a"]),
    ({"q": "   "}, ["b", "a"]),
]


@pytest.mark.parametrize(("params", "expected"), FILTERS, ids=[str(p) for p, _ in FILTERS])
def test_each_filter_keeps_the_matching_claim_only(api, pair, params, expected):
    params = {k: (_since(5) if v == "UPDATED" else v) for k, v in params.items()}
    assert _ids(api.get("/api/v1/claims/", params)) == [pair[name].pk for name in expected]


@pytest.mark.parametrize("name", ["source_id", "article_id", "publisher_id"])
def test_the_id_filters_match_their_slug_twins(api, pair, name):
    a = pair["a"]
    value = {
        "source_id": a.attributions.get().source_id,
        "article_id": a.appearances.get().article_id,
        "publisher_id": a.appearances.get().article.publisher_id,
    }[name]
    assert _ids(api.get("/api/v1/claims/", {name: value})) == [a.pk]


BAD = [
    ("rating", "no-such-rating"),
    ("rating_value_min", "high"),
    ("source", "nobody"),
    ("source_id", "abc"),
    ("source_id", "999999"),
    ("role", "invented"),
    ("article", "missing"),
    ("publisher_id", "1.5"),
    ("tag", "no-such-tag"),
    ("language", "not a language"),
    ("claim_date_after", "2025-13-40"),
    ("claim_date_before", "yesterday"),
    ("updated_since", "last week"),
    ("published_since", "2025-02-30T00:00:00Z"),
    ("has_evidence", "maybe"),
]


@pytest.mark.parametrize(("name", "value"), BAD, ids=[f"{n}={v}" for n, v in BAD])
def test_a_malformed_or_unknown_filter_value_is_a_400_naming_the_field(api, pair, name, value):
    response = api.get("/api/v1/claims/", {name: value})
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400
    assert body["code"] == "invalid"
    assert list(body["errors"]) == [name]
    assert name in body["detail"]


def test_updated_since_sees_a_verdict_changed_without_its_claim(api, pair):
    Verdict.objects.filter(claim=pair["a"]).update(updated_at=timezone.now())
    assert sorted(_ids(api.get("/api/v1/claims/", {"updated_since": _since(5)}))) == sorted(
        [pair["a"].pk, pair["b"].pk]
    )
