"""Claims, ratings, the ClaimReview feed and the Google-compatible claims:search, read side.

Every queryset starts from claims.selectors (see claims/api/queries.py). Writes are in
claims/api/writes.py and mixed into ClaimViewSet there.
"""

import datetime

from django.db.models import DateField, DateTimeField, F, IntegerField, Prefetch, Value
from django.db.models.functions import Coalesce
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.mixins import ListModelMixin, RetrieveModelMixin
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from claims.api import queries
from claims.api.serializers import (
    ClaimBriefSerializer,
    ClaimDetailSerializer,
    ClaimSerializer,
    RatingSerializer,
)
from claims.filtersets import ClaimFilterSet
from claims.jsonld import absolute_url, claim_path, claimreview_for, datafeed_for, in_claimreview_feed
from claims.models import Appearance, Claim, ClaimStatus, Rating
from claims.selectors import (
    articles_visible_to,
    claims_standing,
    claims_visible_to,
    newest_first_from_the_source_side,
    source_scorecard,
    sources_visible_to,
)
from factcheck.api.pagination import KeysetPagination, SortKey
from factcheck.api.renderers import CSVRenderer, JSONLDRenderer
from factcheck.api.views import ApiViewSet
from intake.selectors import other_factchecks_prefetch
from sources.api.serializers import ArticleSerializer, SourceSerializer
from sources.api.views import ArticleViewSetBase, SourceViewSetBase


class Gone(APIException):
    status_code = 410
    default_code = "gone"
    default_detail = "This resource is gone."


EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
NO_DATE = datetime.date(1, 1, 1)

# ordering value → (annotation, cursor kind, expression). "-" in front: descending.
CLAIM_ORDERINGS = {
    "published": ("sort_published", "datetime", Coalesce("published_at", Value(EPOCH), output_field=DateTimeField())),
    "claim_date": ("sort_claim_date", "date", Coalesce("claim_date", Value(NO_DATE), output_field=DateField())),
    "rating": ("sort_rating", "int", Coalesce("verdict__rating__value", Value(0), output_field=IntegerField())),
    "relevance": ("sort_relevance", "float", F("relevance")),
}
ORDERING_HELP = (
    "published, claim_date, rating (scale value; off-scale verdicts count as 0) or relevance (needs q); "
    "prefix with - for descending. Default: -relevance with q, else -published. Example: -claim_date"
)

CSV_HEADER = [
    "id",
    "slug",
    "text",
    "claim_date",
    "language",
    "status",
    "rating",
    "rating_value",
    "summary",
    "claimants",
    "tags",
    "published_at",
    "updated_at",
    "url",
]

JSONLD_OBJECT = OpenApiResponse(
    OpenApiTypes.OBJECT, description="schema.org JSON-LD: a ClaimReview, or a DataFeed of ClaimReviews."
)
CSV_TEXT = OpenApiResponse(OpenApiTypes.STR, description="CSV, one claim per row, with a header row.")

ordering_parameter = OpenApiParameter(
    "ordering",
    OpenApiTypes.STR,
    description=ORDERING_HELP,
    enum=[*CLAIM_ORDERINGS, *(f"-{name}" for name in CLAIM_ORDERINGS)],
    examples=[],
)


def csv_row(claim) -> dict:
    try:
        verdict = claim.verdict
    except Claim.verdict.RelatedObjectDoesNotExist:
        verdict = None
    rating = verdict.rating if verdict is not None else None
    return {
        "id": claim.pk,
        "slug": claim.slug,
        "text": claim.text,
        "claim_date": claim.claim_date,
        "language": claim.language,
        "status": claim.status,
        "rating": rating.slug if rating else None,
        "rating_value": rating.value if rating else None,
        "summary": verdict.summary if verdict else None,
        "claimants": [a.source.name for a in claim.attributions.all() if a.role == "made"],
        "tags": [t.slug for t in claim.tags.all()],
        "published_at": claim.published_at.isoformat() if claim.published_at else None,
        "updated_at": claim.updated_at.isoformat(),
        "url": absolute_url(claim_path(claim)),
    }


@extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description=(
            "Published claims with their verdicts, newest first, one cursor page at a time (no total count). "
            "A list row carries the evidence count; the evidence items are in the detail. "
            "`?format=jsonld` answers a schema.org DataFeed of the page's ClaimReviews and `?format=csv` a CSV "
            "of the page; both keep the filters and give the next page in a `Link` header."
        ),
        parameters=[ordering_parameter],
        responses={
            (200, "application/json"): ClaimSerializer(many=True),
            (200, "application/ld+json"): JSONLD_OBJECT,
            (200, "text/csv"): CSV_TEXT,
        },
    ),
    retrieve=extend_schema(
        summary="A claim",
        description="A claim with its verdict, evidence and public corrections. "
        "`?format=jsonld` or `Accept: application/ld+json` answers its schema.org ClaimReview.",
        responses={(200, "application/json"): ClaimDetailSerializer, (200, "application/ld+json"): JSONLD_OBJECT},
    ),
)
class ClaimReadViewSet(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    filterset_class = ClaimFilterSet
    pagination_class = KeysetPagination
    lookup_value_regex = r"\d+"
    queryset = Claim.objects.none()  # for the schema and permissions; get_queryset picks what the caller may see

    def get_renderers(self):
        if self.action == "list":
            return [JSONRenderer(), JSONLDRenderer(), CSVRenderer()]
        if self.action == "retrieve":
            return [JSONRenderer(), JSONLDRenderer()]
        if self.action == "feed":
            return [JSONLDRenderer(), JSONRenderer()]
        return [JSONRenderer()]

    def get_serializer_class(self):
        return ClaimSerializer if self.action == "list" else ClaimDetailSerializer

    def get_queryset(self):
        visible = claims_visible_to(user=self.request.user)
        if self.action == "list":
            qs = queries.claims_for_list(visible)
            if self._format() == "jsonld":
                qs = queries.claims_for_detail(visible)
            return qs
        qs = queries.claims_for_detail(visible)
        if self.action == "retrieve":
            qs = qs.prefetch_related(other_factchecks_prefetch())
        return qs

    def _format(self) -> str:
        renderer = getattr(self.request, "accepted_renderer", None)
        return getattr(renderer, "format", "json")

    def _ordering(self, request) -> tuple[str, bool]:
        has_query = bool((request.query_params.get("q") or "").strip())
        raw = (request.query_params.get("ordering") or "").strip() or ("-relevance" if has_query else "-published")
        name = raw.removeprefix("-")
        if name not in CLAIM_ORDERINGS:
            raise ValidationError(
                {"ordering": [f"Order by one of {', '.join(CLAIM_ORDERINGS)}, with - for descending."]}
            )
        if name == "relevance" and not has_query:
            raise ValidationError({"ordering": ["Ordering by relevance needs a search: give q."]})
        return name, raw.startswith("-")

    def get_sort_key(self, request):
        name, descending = self._ordering(request)
        key, kind, _ = CLAIM_ORDERINGS[name]
        return SortKey(key, kind, descending)

    def filter_queryset(self, queryset):
        name, _ = self._ordering(self.request)  # validate before running any filter query
        queryset = super().filter_queryset(queryset)
        key, _, expression = CLAIM_ORDERINGS[name]
        if name == "published" and (self.action == "feed" or not self.request.user.is_authenticated):
            # Only public claims here, and each has a publication time: order by the bare, indexed column
            # so PostgreSQL walks the index instead of sorting every public claim for each page.
            queryset = queryset.filter(published_at__isnull=False)
            expression = F("published_at")
        return queryset.annotate(**{key: expression})

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        fmt = self._format()
        if fmt == "jsonld":
            bounds = (page[0].scale_worst, page[0].scale_best) if page else None
            response = Response(
                datafeed_for(
                    # Only verdicts that stand carry ClaimReview markup: not retracted ones, not drafts.
                    [claim for claim in page if in_claimreview_feed(claim)],
                    url=request.build_absolute_uri(),
                    scale_bounds=bounds or (None, None),
                )
            )
        elif fmt == "csv":
            response = Response({"results": [csv_row(claim) for claim in page]})
            response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        else:
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        if link := self.paginator.link_header():
            response["Link"] = link
        return response

    csv_header = CSV_HEADER

    def retrieve(self, request, *args, **kwargs):
        claim = self.get_object()
        if self._format() == "jsonld":
            if claim.status == ClaimStatus.RETRACTED:
                raise Gone("This verdict was retracted: it no longer has ClaimReview markup.")
            return Response(claimreview_for(claim, scale_bounds=(claim.scale_worst, claim.scale_best)))
        return Response(self.get_serializer(claim).data)

    @extend_schema(
        summary="ClaimReview feed",
        description=(
            "Every published (or corrected) ClaimReview as a schema.org DataFeed, newest first, for aggregators. "
            "Retracted verdicts leave the feed. Paged: the next page is in the `Link` header (rel=next). "
            "The same filters as the claims list apply."
        ),
        responses={(200, "application/ld+json"): JSONLD_OBJECT, (200, "application/json"): JSONLD_OBJECT},
        filters=True,
    )
    @action(detail=False, methods=["get"], url_path="feed", pagination_class=KeysetPagination)
    def feed(self, request):
        queryset = queries.claims_for_feed(claims_standing())
        queryset = self.filter_queryset(queryset)
        page = self.paginate_queryset(queryset)
        bounds = (page[0].scale_worst, page[0].scale_best) if page else (None, None)
        feed = datafeed_for(
            page, url=absolute_url(request.get_full_path()), scale_bounds=bounds, date_modified=_latest(page)
        )
        response = Response(feed)
        if link := self.paginator.link_header():
            response["Link"] = link
        return response


def _latest(claims):
    dates = [claim.published_at for claim in claims if claim.published_at]
    return max(dates) if dates else None


@extend_schema_view(
    list=extend_schema(summary="The rating scale", description="Every rating, best first, with its definition."),
    retrieve=extend_schema(summary="A rating"),
)
class RatingViewSet(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    queryset = Rating.objects.all()
    serializer_class = RatingSerializer
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    pagination_class = None
    filter_backends = []


class ScorecardRowSerializer(serializers.Serializer):
    rating = RatingSerializer()
    count = serializers.IntegerField(help_text="Published verdicts with this rating. Example: 4")


class SourceDetailSerializer(SourceSerializer):
    scorecard = serializers.SerializerMethodField(
        help_text="Published verdicts per rating for claims this source made, in scale order, zeros included."
    )
    claims = serializers.SerializerMethodField(help_text="The latest claims attributed to the source (any role).")
    claims_url = serializers.SerializerMethodField(
        help_text="All its claims, filterable. Example: https://factcheck.example/api/v1/claims/?source_id=3"
    )

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "scorecard", "claims", "claims_url"]

    @extend_schema_field(ScorecardRowSerializer(many=True))
    def get_scorecard(self, source):
        return ScorecardRowSerializer(source_scorecard(source=source), many=True).data

    @extend_schema_field(ClaimBriefSerializer(many=True))
    def get_claims(self, source):
        return ClaimBriefSerializer(self.context["source_claims"], many=True).data

    def get_claims_url(self, source) -> str:
        return absolute_url(f"/api/v1/claims/?source_id={source.pk}")


class ArticleDetailSerializer(ArticleSerializer):
    claims = serializers.SerializerMethodField(help_text="The claims that appear in the article, in brief.")

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "claims"]

    @extend_schema_field(ClaimBriefSerializer(many=True))
    def get_claims(self, article):
        claims, seen = [], set()
        for appearance in article.visible_appearances:
            if appearance.claim_id not in seen:
                seen.add(appearance.claim_id)
                claims.append(appearance.claim)
        return ClaimBriefSerializer(claims, many=True).data


SOURCE_CLAIMS_SHOWN = 20


class SourceViewSet(SourceViewSetBase):
    def get_queryset(self):
        return sources_visible_to(user=self.request.user).select_related("parent")

    def get_serializer_class(self):
        return SourceDetailSerializer if self.action == "retrieve" else SourceSerializer

    @extend_schema(summary="A source, with its scorecard and latest claims")
    def retrieve(self, request, *args, **kwargs):
        source = self.get_object()
        claims = (
            claims_visible_to(user=request.user)
            .filter(pk__in=source.attributions.values("claim"))
            .select_related("verdict__rating")
            .order_by(newest_first_from_the_source_side(), "-id")[:SOURCE_CLAIMS_SHOWN]
        )
        context = {**self.get_serializer_context(), "source_claims": claims}
        return Response(SourceDetailSerializer(source, context=context).data)


class ArticleViewSet(ArticleViewSetBase):
    def get_queryset(self):
        visible = claims_visible_to(user=self.request.user).values("pk")
        return (
            articles_visible_to(user=self.request.user)
            .select_related("publisher")
            .prefetch_related(
                "authors",
                Prefetch(
                    "appearances",
                    queryset=Appearance.objects.filter(claim__in=visible)
                    .select_related("claim__verdict__rating")
                    .order_by("start"),
                    to_attr="visible_appearances",
                ),
            )
        )

    def get_serializer_class(self):
        return ArticleDetailSerializer
