"""Page numbers stop at the counted rows; past them the newest-first list goes on by keyset."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.paging import ClaimPage
from claims.selectors import claims_public
from tests.factories import ClaimFactory, published_claim
from tests.pages.conftest import get_fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def seven():
    """Seven published claims, a second apart, newest first in `slugs`; and a draft."""
    now = timezone.now().replace(microsecond=123456)
    for i in range(7):
        claim = published_claim(slug=f"claim-{i}")
        type(claim).objects.filter(pk=claim.pk).update(published_at=now - timedelta(seconds=i))
    ClaimFactory(slug="a-draft")
    return [f"claim-{i}" for i in range(7)]


def _page(number):
    return ClaimPage(claims_public().filter(published_at__isnull=False), number=number, per_page=2, cap=3)


def _slugs(page):
    return [claim.slug for claim in page]


def test_page_numbers_stop_at_the_counted_rows(seven):
    last = _page(2)
    assert _page(999).number == last.number == 2
    assert _slugs(_page(999)) == _slugs(last) == seven[2:4]


def test_past_the_last_numbered_page_the_next_link_is_a_keyset_position(seven):
    last = _page(2)
    assert last.has_next
    position = last.next_page_number
    assert isinstance(position, str) and position.startswith("3.o.")
    third = _page(position)
    assert third.number == 3
    assert _slugs(third) == seven[4:6]
    fourth = _page(third.next_page_number)
    assert _slugs(fourth) == seven[6:]
    assert not fourth.has_next


def test_a_keyset_page_links_back_to_the_newer_rows(seven):
    fourth = _page(_page(_page(2).next_page_number).next_page_number)
    back = _page(fourth.previous_page_number)
    assert back.number == 3
    assert _slugs(back) == seven[4:6]
    assert back.previous_page_number == 2  # a numbered page again


def test_a_malformed_position_is_the_first_page(seven):
    assert _page("3.x.1.2").number == 1
    assert _page("3.o.abc.2").number == 1


def test_the_list_page_follows_keyset_links_and_never_shows_a_draft(client, monkeypatch, seven):
    monkeypatch.setattr("claims.views.ClaimPage", lambda qs, *, number: ClaimPage(qs, number=number, per_page=2, cap=3))
    html = get_fresh(client, "/claims/?page=2").content.decode()
    assert 'href="?page=3.o.' in html
    position = html.split('href="?page=3.o.', 1)[1].split('"', 1)[0]
    deep = get_fresh(client, f"/claims/?page=3.o.{position}")
    assert deep.status_code == 200
    assert [claim.slug for claim in deep.context["page"]] == seven[4:6]
    assert "a-draft" not in deep.content.decode()
    assert "Page 3" in deep.content.decode()


def test_search_results_stop_at_the_last_numbered_page(client, monkeypatch, seven):
    page = ClaimPage(claims_public().order_by("-id"), number=2, per_page=2, cap=3)
    assert not page.has_next
