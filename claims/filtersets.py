"""Claim filters, shared by the API and the public /claims/ page.

Every filter validates its value: an unknown slug, a malformed date or a non-boolean is a form
error naming the field (the API turns it into a 400), never an empty list or a server error.
Relations that can hold several rows per claim are filtered with EXISTS, so no DISTINCT is needed
and ordering by relevance or cursor pagination keep working.
"""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from claims.models import Appearance, Attribution, AttributionRole, Claim, Evidence, Rating, Tag
from claims.search import claims_search
from factcheck.api.fields import (
    IdFilter,
    KnownSlugFilter,
    KnownSlugsFilter,
    SlugFilter,
    SlugsFilter,
    StrictBooleanFilter,
    language_code,
)
from sources.models import Article, Source


class ClaimFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        help_text=_("Full-text search in the claim text. Example: bridge budget"),
    )
    # Ratings and sources are looked up once per process and remembered (factcheck.api.fields), so a
    # filtered list costs the same queries as the plain list; the filters themselves use the slug or
    # the id, never a join to the rating or source table.
    rating = KnownSlugsFilter(
        field_name="verdict__rating__slug",
        queryset=Rating.objects.all(),
        distinct=False,
        label=_("Rating"),
        help_text=_("Rating slug; repeat the parameter for any of several. Example: false"),
    )
    rating_value_min = django_filters.NumberFilter(
        field_name="verdict__rating__value",
        lookup_expr="gte",
        label=_("Lowest rating value"),
        help_text=_("Only ratings on the numeric scale at or above this value. Example: 1"),
    )
    rating_value_max = django_filters.NumberFilter(
        field_name="verdict__rating__value",
        lookup_expr="lte",
        label=_("Highest rating value"),
        help_text=_("Only ratings on the numeric scale at or below this value. Example: 3"),
    )
    source = KnownSlugFilter(
        queryset=Source.objects.all(),
        method="filter_source",
        label=_("Source"),
        help_text=_("Slug of a source the claim is attributed to (see role). Example: donald-trump"),
    )
    source_id = IdFilter(
        queryset=Source.objects.all(),
        method="filter_source",
        label=_("Source id"),
        help_text=_("Id of a source the claim is attributed to (see role). Example: 1"),
    )
    role = django_filters.ChoiceFilter(
        choices=AttributionRole.choices,
        method="filter_role",
        label=_("Attribution role"),
        help_text=_(
            "With source/source_id: the role that source played; alone: any source in this role. Example: made"
        ),
    )
    article = SlugFilter(
        queryset=Article.objects.all(),
        method="filter_article",
        label=_("Article"),
        help_text=_("Slug of an article the claim appears in. Example: trump-zelensky-independence-day"),
    )
    article_id = IdFilter(
        queryset=Article.objects.all(),
        method="filter_article",
        label=_("Article id"),
        help_text=_("Id of an article the claim appears in. Example: 1"),
    )
    publisher = SlugFilter(
        queryset=Source.objects.all(),
        method="filter_publisher",
        label=_("Publisher"),
        help_text=_("Slug of the outlet that published an article the claim appears in. Example: axios"),
    )
    publisher_id = IdFilter(
        queryset=Source.objects.all(),
        method="filter_publisher",
        label=_("Publisher id"),
        help_text=_("Id of the outlet that published an article the claim appears in. Example: 2"),
    )
    tag = SlugsFilter(
        queryset=Tag.objects.all(),
        method="filter_tag",
        label=_("Tag"),
        help_text=_("Tag slug; repeat the parameter for any of several. Example: economy"),
    )
    language = django_filters.CharFilter(
        validators=[language_code],
        label=_("Language"),
        help_text=_("Language code of the claim. Example: en"),
    )
    claim_date_after = django_filters.DateFilter(
        field_name="claim_date",
        lookup_expr="gte",
        label=_("Claimed on or after"),
        help_text=_("Claims made on or after this date (YYYY-MM-DD). Example: 2025-01-01"),
    )
    claim_date_before = django_filters.DateFilter(
        field_name="claim_date",
        lookup_expr="lte",
        label=_("Claimed on or before"),
        help_text=_("Claims made on or before this date (YYYY-MM-DD). Example: 2025-12-31"),
    )
    updated_since = django_filters.IsoDateTimeFilter(
        method="filter_updated_since",
        label=_("Updated since"),
        help_text=_(
            "Claims changed at or after this ISO 8601 time, for incremental sync. Example: 2025-06-01T00:00:00Z"
        ),
    )
    published_since = django_filters.IsoDateTimeFilter(
        field_name="published_at",
        lookup_expr="gte",
        label=_("Published since"),
        help_text=_("Claims (re)published at or after this ISO 8601 time. Example: 2025-06-01T00:00:00Z"),
    )
    has_evidence = StrictBooleanFilter(
        method="filter_has_evidence",
        label=_("Has evidence"),
        help_text=_("true: only verdicts backed by evidence; false: only those without. Example: true"),
    )

    class Meta:
        model = Claim
        fields = []

    def filter_q(self, queryset, name, value):
        return claims_search(queryset, value)

    def _role(self):
        return self.form.cleaned_data.get("role") or None

    def filter_source(self, queryset, name, value):
        attributions = Attribution.objects.filter(claim=OuterRef("pk"), source=value)
        if self._role():
            attributions = attributions.filter(role=self._role())
        return queryset.filter(Exists(attributions))

    def filter_role(self, queryset, name, value):
        data = self.form.cleaned_data
        if data.get("source") or data.get("source_id"):
            return queryset  # applied together with the source, on the same attribution
        return queryset.filter(Exists(Attribution.objects.filter(claim=OuterRef("pk"), role=value)))

    def filter_article(self, queryset, name, value):
        return queryset.filter(Exists(Appearance.objects.filter(claim=OuterRef("pk"), article=value)))

    def filter_publisher(self, queryset, name, value):
        return queryset.filter(Exists(Appearance.objects.filter(claim=OuterRef("pk"), article__publisher=value)))

    def filter_tag(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Claim.tags.through.objects.filter(claim_id=OuterRef("pk"), tag__in=value)))

    def filter_updated_since(self, queryset, name, value):
        # A minor correction changes the verdict without saving the claim: look at both.
        return queryset.filter(Q(updated_at__gte=value) | Q(verdict__updated_at__gte=value))

    def filter_has_evidence(self, queryset, name, value):
        if value is None:
            return queryset
        evidence = Exists(Evidence.objects.filter(verdict__claim=OuterRef("pk")))
        return queryset.filter(evidence if value else ~evidence)
