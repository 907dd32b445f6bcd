"""Source and article filters, shared by the API and the public pages. No imports from claims."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from factcheck.api.fields import IdFilter, SlugFilter, language_code
from sources.models import Article, Source, SourceKind


class SourceFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        help_text=_("Words in the name or description. Example: president"),
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=SourceKind.choices,
        label=_("Kind"),
        help_text=_("Kind of source; repeat the parameter for any of several. Example: person"),
    )
    parent = SlugFilter(
        queryset=Source.objects.all(),
        label=_("Parent organisation"),
        help_text=_("Slug of the organisation the source belongs to. Example: axios"),
    )
    parent_id = IdFilter(
        field_name="parent",
        queryset=Source.objects.all(),
        label=_("Parent organisation id"),
        help_text=_("Id of the organisation the source belongs to. Example: 2"),
    )

    class Meta:
        model = Source
        fields = []

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(name__icontains=word) | Q(description__icontains=word))
        return queryset


class ArticleFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        help_text=_("Words in the title or byline. Example: Zelensky"),
    )
    publisher = SlugFilter(
        queryset=Source.objects.all(),
        label=_("Publisher"),
        help_text=_("Slug of the outlet that published the article. Example: axios"),
    )
    publisher_id = IdFilter(
        field_name="publisher",
        queryset=Source.objects.all(),
        label=_("Publisher id"),
        help_text=_("Id of the outlet that published the article. Example: 2"),
    )
    language = django_filters.CharFilter(
        validators=[language_code],
        label=_("Language"),
        help_text=_("Language code of the article. Example: en"),
    )
    published_after = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="gte",
        label=_("Published on or after"),
        help_text=_("Articles published on or after this date (YYYY-MM-DD). Example: 2025-01-01"),
    )
    published_before = django_filters.DateFilter(
        field_name="published_on",
        lookup_expr="lte",
        label=_("Published on or before"),
        help_text=_("Articles published on or before this date (YYYY-MM-DD). Example: 2025-12-31"),
    )

    class Meta:
        model = Article
        fields = []

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(byline__icontains=word))
        return queryset
