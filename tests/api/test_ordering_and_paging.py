import datetime

import pytest
from django.utils import timezone

from claims.models import Claim, Rating
from tests.factories import published_claim

pytestmark = pytest.mark.django_db


def _ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def three(db):
    """Three claims whose published, claim-date and rating orders all differ."""
    now = timezone.now()
    specs = [
        ("old", 3, datetime.date(2025, 5, 1), "true"),
        ("mid", 2, None, "misleading"),
        ("new", 1, datetime.date(2025, 1, 1), "false"),
    ]
    claims = {}
    for name, days_ago, claim_date, rating in specs:
        claim = published_claim(
            text=f"{name} bridge claim", claim_date=claim_date, rating=Rating.objects.get(slug=rating)
        )
        Claim.objects.filter(pk=claim.pk).update(published_at=now - datetime.timedelta(days=days_ago))
        claims[name] = claim.pk
    return claims


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("", ["new", "mid", "old"]),
        ("-published", ["new", "mid", "old"]),
        ("published", ["old", "mid", "new"]),
        ("-claim_date", ["old", "new", "mid"]),  # no claim date sorts last
        ("claim_date", ["mid", "new", "old"]),
        ("-rating", ["old", "new", "mid"]),  # off the scale sorts below the worst rating
        ("rating", ["mid", "new", "old"]),
    ],
)
def test_each_ordering_sorts_the_list(api, three, ordering, expected):
    params = {"ordering": ordering} if ordering else {}
    assert _ids(api.get("/api/v1/claims/", params)) == [three[name] for name in expected]


def test_relevance_ranks_the_better_match_first(api, db):
    weak = published_claim(text="The bridge was late")
    strong = published_claim(text="The bridge budget for the bridge was exceeded")
    published_claim(text="Taxes rose")
    ids = _ids(api.get("/api/v1/claims/", {"q": "bridge budget", "ordering": "-relevance"}))
    assert ids == [strong.pk]  # every word must match
    assert _ids(api.get("/api/v1/claims/", {"q": "bridge"}))[-1] == weak.pk


@pytest.mark.parametrize("ordering", ["relevance", "-relevance"])
def test_relevance_without_a_search_is_a_400(api, db, ordering):
    response = api.get("/api/v1/claims/", {"ordering": ordering})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["ordering"]


def test_an_unknown_ordering_is_a_400(api, db):
    response = api.get("/api/v1/claims/", {"ordering": "text"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["ordering"]


@pytest.mark.parametrize("ordering", ["-published", "published", "-claim_date", "rating", "-relevance", "relevance"])
def test_the_cursor_walks_every_claim_once_forwards_and_back(api, db, ordering):
    texts = ["bridge", "bridge bridge", "bridge, bridge and bridge"]  # ranks with ties
    ids = {
        published_claim(text=f"{texts[n % 3]} claim {n}", claim_date=datetime.date(2025, 1, 1 + n % 3)).pk
        for n in range(7)
    }
    seen, pages = [], []
    url = f"/api/v1/claims/?page_size=3&ordering={ordering}&q=bridge"
    while url:
        body = api.get(url).json()
        pages.append(body)
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(ids)
    assert len(seen) == len(ids)
    assert [len(p["results"]) for p in pages] == [3, 3, 1]
    back = api.get(pages[-1]["previous"]).json()
    assert [row["id"] for row in back["results"]] == [row["id"] for row in pages[1]["results"]]
    assert pages[0]["previous"] is None


def test_a_page_stays_stable_when_a_claim_is_published_in_front(api, db):
    for _ in range(4):
        published_claim()
    first = api.get("/api/v1/claims/?page_size=2").json()
    published_claim()  # newest: lands before page 1
    second = api.get(first["next"]).json()
    expected = list(Claim.objects.order_by("-published_at", "-id").values_list("pk", flat=True))[3:5]
    assert [row["id"] for row in second["results"]] == expected


@pytest.mark.parametrize("size", ["0", "101", "-1", "ten", "1e3"])
def test_an_absurd_page_size_is_a_400(api, db, size):
    response = api.get("/api/v1/claims/", {"page_size": size})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["page_size"]


@pytest.mark.parametrize("cursor", ["garbage", "eyJhIjoxfQ", "WyJzb3J0X3JhdGluZyIsMSwxLDBd"])
def test_a_forged_or_foreign_cursor_is_a_400(api, db, cursor):
    response = api.get("/api/v1/claims/", {"cursor": cursor})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["cursor"]


def test_the_page_size_is_capped_at_100(api, db):
    response = api.get("/api/v1/claims/", {"page_size": 100})
    assert response.status_code == 200
    assert response.json()["page_size"] == 100


def test_articles_and_sources_page_with_cursors_too(api, db):
    for _ in range(3):
        published_claim()
    for resource in ("articles", "sources"):
        first = api.get(f"/api/v1/{resource}/?page_size=2").json()
        rest = api.get(first["next"]).json()
        assert len(first["results"]) == 2
        assert rest["results"]
        assert not {r["id"] for r in first["results"]} & {r["id"] for r in rest["results"]}
