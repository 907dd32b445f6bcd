"""The home page and the /claims/ list: latest verdicts, search, filters, a capped count, pagination."""

import datetime

import pytest

from claims.models import Rating
from tests.factories import OutletFactory, TagFactory, published_claim
from tests.pages.conftest import get_fresh

pytestmark = pytest.mark.django_db


def _slugs(response) -> list[str]:
    return [claim.slug for claim in response.context["page"]]


def test_the_home_page_shows_the_latest_verdicts_a_search_box_and_the_legend(client, published):
    response = get_fresh(client, "/")
    html = response.content.decode()
    assert response.status_code == 200
    assert published.text in html
    assert '<form class="search" role="search" action="/claims/" method="get">' in html
    assert '<label for="home-q">' in html
    for rating in Rating.objects.all():
        assert rating.label in html and rating.definition in html


def test_the_home_page_lists_the_newest_verdicts_first(client):
    older = published_claim(slug="older")
    newer = published_claim(slug="newer")
    type(older).objects.filter(pk=older.pk).update(published_at=newer.published_at - datetime.timedelta(days=1))
    assert [c.slug for c in get_fresh(client, "/").context["latest"]] == ["newer", "older"]


@pytest.fixture
def three_claims(db):
    axios = OutletFactory(name="Axios", slug="axios")
    economy = TagFactory(name="Economy", slug="economy")
    true = published_claim(
        slug="a-true", text="Unemployment fell to 5 percent.", rating=Rating.objects.get(slug="true")
    )
    true.tags.add(economy)
    false = published_claim(slug="a-false", text="The bridge cost nothing.", claim_date=datetime.date(2025, 7, 4))
    false.appearances.update(article=false.appearances.get().article)
    false.appearances.get().article.__class__.objects.filter(pk=false.appearances.get().article_id).update(
        publisher=axios
    )
    half = published_claim(
        slug="a-half", text="Taxes rose for most people.", rating=Rating.objects.get(slug="half-true"), language="de"
    )
    return true, false, half


def test_the_list_shows_every_published_claim_with_a_count(client, three_claims):
    response = get_fresh(client, "/claims/")
    assert sorted(_slugs(response)) == ["a-false", "a-half", "a-true"]
    assert "3 verdicts" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rating=true", ["a-true"]),
        ("rating=true&rating=half-true", ["a-half", "a-true"]),
        ("tag=economy", ["a-true"]),
        ("publisher=axios", ["a-false"]),
        ("language=de", ["a-half"]),
        ("claim_date_after=2025-07-01", ["a-false"]),
        ("claim_date_before=2025-07-01", []),
        ("q=bridge", ["a-false"]),
        ("q=unemployment+percent", ["a-true"]),
    ],
)
def test_the_list_filters_with_the_api_parameters(client, three_claims, query, expected):
    response = get_fresh(client, f"/claims/?{query}")
    assert response.status_code == 200
    assert sorted(_slugs(response)) == expected


def test_the_list_filters_by_source_and_names_it(client, published, three_claims):
    response = get_fresh(client, "/claims/?source=ann-minister")
    assert _slugs(response) == ["bridge-cost"]
    assert 'Attributed to <a href="/sources/ann-minister/">Ann Minister</a>' in response.content.decode()


def test_the_filter_form_keeps_the_chosen_filters_so_the_url_can_be_shared(client, three_claims):
    html = get_fresh(client, "/claims/?rating=true&q=percent&tag=economy").content.decode()
    assert 'value="true" id="rating-true" checked' in html
    assert 'name="q" id="id_q" value="percent"' in html
    assert '<option value="economy" selected>' in html


def test_every_filter_field_has_a_label(client, three_claims):
    html = get_fresh(client, "/claims/").content.decode()
    for field_id in ["id_q", "id_source", "id_publisher", "id_tag", "id_language", "id_claim_date_after",
                     "id_claim_date_before", "rating-true"]:  # fmt: skip
        assert f'for="{field_id}"' in html and f'id="{field_id}"' in html


def test_a_bad_filter_is_a_400_that_names_the_field(client, three_claims):
    response = get_fresh(client, "/claims/?rating=not-a-rating&claim_date_after=yesterday")
    assert response.status_code == 400
    assert "rating" in response.context["form"].errors
    assert "claim_date_after" in response.context["form"].errors
    assert b"Some filters could not be used" in response.content


def test_the_list_is_paginated_with_links_that_keep_the_filters(client, settings):
    for i in range(23):
        published_claim(slug=f"claim-{i:02d}", rating=Rating.objects.get(slug="false"))
    first = get_fresh(client, "/claims/?rating=false")
    assert len(first.context["page"]) == 20
    assert "23 verdicts" in first.content.decode()
    assert 'href="?rating=false&amp;page=2" rel="next"' in first.content.decode()
    second = get_fresh(client, "/claims/?rating=false&page=2")
    assert len(second.context["page"]) == 3
    assert not set(_slugs(first)) & set(_slugs(second))
    assert "Page 2 of 2" in second.content.decode()
    assert get_fresh(client, "/claims/?page=99").context["page"].object_list == []
    assert get_fresh(client, "/claims/?page=nonsense").context["page"].number == 1


def test_the_count_is_capped_instead_of_counting_the_whole_table(client, monkeypatch):
    monkeypatch.setattr("claims.paging.COUNT_CAP", 3)
    monkeypatch.setattr("claims.paging.ClaimPage.__init__.__defaults__", None, raising=False)
    for i in range(5):
        published_claim(slug=f"claim-{i}")
    from claims.paging import ClaimPage
    from claims.selectors import claims_public

    page = ClaimPage(claims_public(), number=1, per_page=2, cap=3)
    assert (page.count, page.count_capped, page.has_next, page.num_pages) == (3, True, True, None)


def test_the_list_says_one_thousand_plus_beyond_the_cap(client, monkeypatch):
    monkeypatch.setattr("claims.views.ClaimPage", _small_cap_page)
    for i in range(4):
        published_claim(slug=f"claim-{i}")
    response = get_fresh(client, "/claims/")
    assert "3+ verdicts" in response.content.decode()
    assert "Page 1 of" not in response.content.decode()


def _small_cap_page(queryset, *, number):
    from claims.paging import ClaimPage

    return ClaimPage(queryset, number=number, per_page=2, cap=3)


def test_a_filtered_list_advertises_the_matching_feed(client, published):
    html = get_fresh(client, "/claims/?tag=bridges&source=ann-minister").content.decode()
    assert 'href="/feeds/tags/bridges/rss/"' in html and 'href="/feeds/sources/ann-minister/rss/"' in html
