"""Full-text search: ranked websearch on PostgreSQL, a word match on SQLite."""

import pytest
from django.db import connection

from claims.models import Claim
from claims.search import claims_search, search_terms
from tests.factories import published_claim

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="uses the tsvector column and ts_rank")


def _found(query):
    return list(claims_search(Claim.objects.all(), query).order_by("-relevance", "-pk").values_list("text", flat=True))


def test_a_blank_query_changes_nothing(db):
    published_claim()
    qs = Claim.objects.all()
    assert claims_search(qs, "   ") is qs


def test_every_word_must_match_and_a_minus_word_excludes(db):
    published_claim(text="The bridge cost 40 million euros")
    published_claim(text="The bridge opened two years late")
    assert _found("bridge cost") == ["The bridge cost 40 million euros"]
    assert _found("bridge -cost") == ["The bridge opened two years late"]


def test_search_terms_read_web_search_syntax():
    assert search_terms('"two years" late -bridge or') == (["two years", "late"], ["bridge"])


@postgres_only
def test_postgres_stems_words_and_ranks_denser_matches_first(db):
    published_claim(text="The bridge was late")
    published_claim(text="Bridges and more bridges: the bridge budget doubled")
    assert _found("bridges") == ["Bridges and more bridges: the bridge budget doubled", "The bridge was late"]


@postgres_only
def test_postgres_matches_quoted_phrases_in_order(db):
    published_claim(text="Two years late, the bridge opened")
    published_claim(text="The late bridge took two more years")
    assert _found('"two years late"') == ["Two years late, the bridge opened"]


@postgres_only
def test_postgres_search_uses_the_gin_index_column(db):
    sql = str(claims_search(Claim.objects.all(), "bridge").query)
    assert "search_vector" in sql
    assert "websearch_to_tsquery" in sql


@postgres_only
def test_postgres_search_works_inside_a_subquery(db):
    match = published_claim(text="The bridge cost 40 million euros")
    published_claim(text="Taxes rose")
    inner = claims_search(Claim.objects.all(), "bridge").values("pk")
    assert list(Claim.objects.filter(pk__in=inner).values_list("pk", flat=True)) == [match.pk]
