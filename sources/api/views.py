"""Source and article endpoints, without claims: claims/api/views.py extends them with claims and
scorecards and restricts them to what the public may see (sources never imports from claims)."""

from django.db.models import F
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.mixins import ListModelMixin, RetrieveModelMixin

from factcheck.api.pagination import KeysetPagination, SortKey
from factcheck.api.views import ApiViewSet
from sources.api.serializers import ArticleSerializer, SourceSerializer
from sources.filtersets import ArticleFilterSet, SourceFilterSet
from sources.models import Article, Source


@extend_schema_view(
    list=extend_schema(summary="List sources", description="People, organisations and outlets, by name."),
    retrieve=extend_schema(summary="A source"),
)
class SourceViewSetBase(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    queryset = Source.objects.select_related("parent")
    serializer_class = SourceSerializer
    filterset_class = SourceFilterSet
    pagination_class = KeysetPagination
    lookup_value_regex = r"\d+"

    def get_sort_key(self, request):
        return SortKey("sort_name", "str", descending=False)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action == "list":
            queryset = queryset.annotate(sort_name=F("name"))
        return queryset


@extend_schema_view(
    list=extend_schema(
        summary="List articles", description="Articles in which claims appear, most recently added first."
    ),
    retrieve=extend_schema(summary="An article"),
)
class ArticleViewSetBase(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    queryset = Article.objects.select_related("publisher").prefetch_related("authors")
    serializer_class = ArticleSerializer
    filterset_class = ArticleFilterSet
    pagination_class = KeysetPagination
    lookup_value_regex = r"\d+"

    def get_sort_key(self, request):
        # Newest added first: the primary key's index serves every page at once, where a sort by the
        # (nullable, unindexed) publication date would sort every article for each page.
        return SortKey("sort_id", "int", descending=True)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action == "list":
            queryset = queryset.annotate(sort_id=F("id"))
        return queryset
