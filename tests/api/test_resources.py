"""What each read endpoint shows. Shared checks come from one base class, per resource."""

import csv
import io

import pytest

from claims.models import Correction, Rating
from tests.factories import (
    ArticleFactory,
    AttributionFactory,
    SourceFactory,
    UserFactory,
    published_claim,
)

pytestmark = pytest.mark.django_db


class ReadEndpoint:
    """Subclasses give the resource's path, how to make one visible object, and its detail's fields."""

    path = ""
    detail_fields: set = set()
    paged = True

    def make(self):
        raise NotImplementedError

    def key(self, obj):
        return obj.pk

    def test_the_list_shows_it(self, api):
        obj = self.make()
        body = api.get(f"/api/v1/{self.path}/").json()
        rows = body["results"] if self.paged else body
        assert self.key(obj) in [row.get("id", row.get("slug")) for row in rows]

    def test_the_detail_has_its_fields(self, api):
        obj = self.make()
        response = api.get(f"/api/v1/{self.path}/{self.key(obj)}/")
        assert response.status_code == 200
        assert self.detail_fields <= set(response.json())

    def test_an_unknown_one_is_a_404_in_the_error_shape(self, api, db):
        response = api.get(f"/api/v1/{self.path}/987654/")
        assert response.status_code == 404
        assert response.json()["status"] == 404

    def test_it_cannot_be_written_by_a_partner(self, partner_api, db):
        assert partner_api.post(f"/api/v1/{self.path}/", {}, format="json").status_code == 403

    def test_head_answers_like_get_without_a_body(self, api):
        self.make()
        response = api.head(f"/api/v1/{self.path}/")
        assert response.status_code == 200
        assert response.content == b""


class TestClaims(ReadEndpoint):
    path = "claims"
    detail_fields = {"text", "verdict", "appearances", "attributions", "tags", "links", "corrections"}

    def make(self):
        return published_claim()


class TestArticles(ReadEndpoint):
    path = "articles"
    detail_fields = {"url", "title", "publisher", "claims"}

    def make(self):
        return published_claim().appearances.get().article


class TestSources(ReadEndpoint):
    path = "sources"
    detail_fields = {"name", "kind", "url", "scorecard", "claims", "claims_url"}

    def make(self):
        return published_claim().attributions.get().source


class TestRatings(ReadEndpoint):
    path = "ratings"
    detail_fields = {"slug", "label", "value", "position", "definition"}
    paged = False

    def make(self):
        return Rating.objects.get(slug="false")

    def key(self, obj):
        return obj.slug


def test_a_claim_shows_its_verdict_with_evidence_and_public_names(api):
    reviewer = UserFactory(username="jdoe", first_name="Jane", last_name="Doe")
    claim = published_claim()
    verdict = claim.verdict
    verdict.reviewer = reviewer
    verdict.explanation = "See **the audit**. <script>alert(1)</script>"
    verdict.save()
    AttributionFactory(
        claim=claim,
        source=SourceFactory(name="Axios", kind="outlet", url="https://axios.example"),
        role="reported",
        described_as="the news site",
    )
    Correction.objects.create(claim=claim, note="Figure fixed.")
    Correction.objects.create(claim=claim, note="typo", minor=True)
    body = api.get(f"/api/v1/claims/{claim.pk}/").json()
    shown = body["verdict"]
    assert shown["reviewer"] == "Jane Doe"
    assert shown["rating"]["slug"] == "false"
    assert shown["rating"]["scale"] == {"worst": 1, "best": 6}
    assert "<strong>the audit</strong>" in shown["explanation_html"]
    assert "<script>" not in shown["explanation_html"]
    assert shown["explanation_markdown"].startswith("See **the audit**.")
    assert shown["evidence"][0]["url"].startswith("https://evidence.example/")
    appearance = body["appearances"][0]
    assert appearance["quote"] == "the bridge cost 40 million euros"
    assert set(appearance["article"]) >= {"url", "title", "publisher"}
    reported = next(a for a in body["attributions"] if a["role"] == "reported")
    assert reported["source"] == {
        "id": reported["source"]["id"],
        "slug": reported["source"]["slug"],
        "name": "Axios",
        "kind": "outlet",
        "url": "https://axios.example",
    }
    assert reported["described_as"] == "the news site"
    assert [c["note"] for c in body["corrections"]] == ["Figure fixed."]


def test_a_reviewer_without_a_full_name_is_shown_by_username(api):
    claim = published_claim()
    claim.verdict.reviewer = UserFactory(username="kim", first_name="", last_name="")
    claim.verdict.save()
    assert api.get(f"/api/v1/claims/{claim.pk}/").json()["verdict"]["reviewer"] == "kim"


def test_the_list_counts_evidence_and_leaves_the_items_to_the_detail(api):
    claim = published_claim()
    row = api.get("/api/v1/claims/").json()["results"][0]
    assert row["verdict"]["evidence_count"] == 1
    assert "evidence" not in row["verdict"]
    assert row["id"] == claim.pk


def test_an_article_lists_its_claims_in_brief(api):
    article = ArticleFactory()
    claims = [published_claim(article=article) for _ in range(2)]
    body = api.get(f"/api/v1/articles/{article.pk}/").json()
    assert sorted(c["id"] for c in body["claims"]) == sorted(c.pk for c in claims)
    assert set(body["claims"][0]) == {
        "id", "slug", "text", "claim_date", "status", "rating", "summary", "published_at", "api",
    }  # fmt: skip


def test_a_source_has_a_scorecard_in_scale_order_with_zeros(api):
    source = SourceFactory()
    published_claim(source=source, rating=Rating.objects.get(slug="false"))
    published_claim(source=source, rating=Rating.objects.get(slug="false"))
    published_claim(source=source, rating=Rating.objects.get(slug="true"))
    body = api.get(f"/api/v1/sources/{source.pk}/").json()
    assert [row["rating"]["slug"] for row in body["scorecard"]] == list(Rating.objects.values_list("slug", flat=True))
    counts = {row["rating"]["slug"]: row["count"] for row in body["scorecard"]}
    assert counts["false"] == 2
    assert counts["true"] == 1
    assert counts["half-true"] == 0
    assert len(body["claims"]) == 3


@pytest.mark.parametrize(
    ("params", "expected"),
    [({"kind": "outlet"}, {"outlet"}), ({"kind": "person"}, {"person"}), ({"q": "Zed"}, {"zed"})],
)
def test_sources_filter_by_kind_and_words(api, params, expected):
    published_claim(source=SourceFactory(name="Zed Person", slug="zed"))
    rows = api.get("/api/v1/sources/", params).json()["results"]
    kinds_or_slugs = {row["kind"] if "kind" in params else row["slug"] for row in rows}
    assert kinds_or_slugs == expected


def test_sources_filter_by_parent(api):
    outlet = SourceFactory(kind="outlet", slug="the-outlet")
    member = SourceFactory(slug="journalist", parent=outlet)
    published_claim(source=member)
    published_claim()
    assert [row["slug"] for row in api.get("/api/v1/sources/", {"parent": "the-outlet"}).json()["results"]] == [
        "journalist"
    ]
    assert api.get("/api/v1/sources/", {"parent": "no-such"}).status_code == 400


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"publisher": "mine"}, True),
        ({"language": "fr"}, True),
        ({"q": "Chocolate"}, True),
        ({"published_after": "2025-02-01"}, True),
        ({"published_before": "2025-02-01"}, False),
    ],
)
def test_articles_filter(api, params, match):
    import datetime

    mine = ArticleFactory(
        title="Chocolate prices",
        language="fr",
        publisher=SourceFactory(kind="outlet", slug="mine"),
        published_on=datetime.date(2025, 3, 1),
    )
    other = ArticleFactory(published_on=datetime.date(2025, 1, 1))
    published_claim(article=mine)
    published_claim(article=other)
    ids = [row["id"] for row in api.get("/api/v1/articles/", params).json()["results"]]
    assert ids == ([mine.pk] if match else [other.pk])


def test_articles_reject_a_bad_date(api, db):
    response = api.get("/api/v1/articles/", {"published_after": "March"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["published_after"]


def test_the_ratings_are_the_whole_scale_best_first(api, db):
    body = api.get("/api/v1/ratings/").json()
    assert [r["slug"] for r in body] == list(Rating.objects.order_by("position").values_list("slug", flat=True))
    assert body[0]["value"] > body[1]["value"]


def test_the_claims_list_downloads_as_csv_with_the_same_filters(api):
    published_claim(text="=cmd bridge claim", rating=Rating.objects.get(slug="false"))
    published_claim(text="Another claim", rating=Rating.objects.get(slug="true"))
    response = api.get("/api/v1/claims/?format=csv&rating=false")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    assert rows[0]["rating"] == "false"
    assert rows[0]["text"] == "'=cmd bridge claim"  # a formula is defused


def test_an_empty_csv_still_has_its_header(api, db):
    response = api.get("/api/v1/claims/?format=csv")
    assert response.content.decode().startswith("id,slug,text,")


def test_the_api_root_lists_the_endpoints(api, db):
    body = api.get("/api/v1/").json()
    assert {"claims", "claims_search", "feed", "ratings", "sources", "articles", "schema", "docs"} <= set(body)


def test_the_interactive_docs_use_our_own_static_files(api, db):
    page = api.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/" in page
    assert "cdn." not in page
    assert api.get("/api/v1/schema/?format=json").json()["openapi"].startswith("3.")
