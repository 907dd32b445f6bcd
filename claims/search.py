"""Full-text search over claims: ranked on PostgreSQL, a plain word match elsewhere.

On PostgreSQL the generated, GIN-indexed column claims_claim.search_vector (migration 0003, not a
model field) is matched with websearch_to_tsquery('english', ...) and ranked with ts_rank. Other
databases (SQLite in development) get a fallback: every word must occur in the claim text or the
verdict summary; relevance counts the words found in the claim text itself.
Both annotate `relevance` (a float, higher is better) so callers can order by it.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Case, Expression, F, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Cast

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


class ClaimSearchVector(Expression):
    """The claims_claim.search_vector column of whichever alias the claim table has in the query."""

    output_field = SearchVectorField()

    def __init__(self, pk=None):
        super().__init__()
        self.pk = pk

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        clone = self.copy()
        clone.pk = F("pk").resolve_expression(query, allow_joins, reuse, summarize, for_save)
        return clone

    def get_source_expressions(self):
        return [self.pk] if self.pk is not None else []

    def set_source_expressions(self, exprs):
        if exprs:
            (self.pk,) = exprs

    def as_sql(self, compiler, connection):
        return f"{compiler.quote_name_unless_alias(self.pk.alias)}.search_vector", []


def search_terms(query: str) -> tuple[list[str], list[str]]:
    """(words that must occur, words that must not) from web-search syntax: "a phrase", -word, or."""
    wanted, unwanted = [], []
    for match in _TOKEN.finditer(query or ""):
        phrase, word = match.groups()
        term = (phrase if phrase is not None else word).strip()
        if not term or (word is not None and term.lower() == "or"):
            continue
        if word is not None and term.startswith("-") and len(term) > 1:
            unwanted.append(term[1:])
        else:
            wanted.append(term)
    return wanted, unwanted


def claims_search(queryset: QuerySet, query: str) -> QuerySet:
    """QUERYSET narrowed to claims matching QUERY, annotated with `relevance`. Blank QUERY: unchanged."""
    query = (query or "").strip()
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(query, search_type="websearch", config="english")
        return (
            queryset.alias(search_vector=ClaimSearchVector())
            .filter(search_vector=tsquery)
            # ts_rank is a float4; as double precision its value survives the round trip through a
            # cursor exactly, so keyset pages on relevance neither skip nor repeat tied rows.
            .annotate(relevance=Cast(SearchRank(ClaimSearchVector(), tsquery), FloatField()))
        )
    wanted, unwanted = search_terms(query)
    if not wanted and not unwanted:
        return queryset.annotate(relevance=Value(0.0, output_field=FloatField()))
    for term in wanted:
        queryset = queryset.filter(Q(text__icontains=term) | Q(verdict__summary__icontains=term))
    for term in unwanted:
        queryset = queryset.exclude(text__icontains=term)
    score = Value(1.0, output_field=FloatField())
    for term in wanted:
        score = score + Case(When(text__icontains=term, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
    return queryset.annotate(relevance=score)
