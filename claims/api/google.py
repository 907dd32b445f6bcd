"""/api/v1/claims:search — the request and response of Google's Fact Check Tools claims:search.

Code written for https://factchecktools.googleapis.com/v1alpha1/claims:search works against this
server: same parameters, same JSON shape (camelCase), an opaque nextPageToken.
"""

import base64
import binascii
from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from claims.api.queries import claims_for_list
from claims.jsonld import absolute_url, claim_path
from claims.search import claims_search
from claims.selectors import claims_public
from factcheck.api.fields import language_code
from factcheck.api.views import ApiView

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 10
MAX_OFFSET = 10_000


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or ""


class SearchParamsSerializer(serializers.Serializer):
    query = serializers.CharField(
        required=False, allow_blank=True, max_length=500, help_text="Textual query string. Example: bridge budget"
    )
    languageCode = serializers.CharField(
        required=False,
        validators=[language_code],
        help_text="BCP-47 language code; en-US also matches claims in en. Example: en",
    )
    reviewPublisherSiteFilter = serializers.CharField(
        required=False,
        max_length=253,
        help_text="Only reviews by this publisher site (ours is the SITE_URL host). Example: factcheck.example",
    )
    maxAgeDays = serializers.IntegerField(
        required=False, min_value=1, max_value=36500, help_text="Claimed or reviewed within this many days. Example: 30"
    )
    pageSize = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        default=DEFAULT_PAGE_SIZE,
        help_text=f"Results per page, at most {MAX_PAGE_SIZE}. Example: 10",
    )
    pageToken = serializers.CharField(
        required=False, allow_blank=True, help_text="nextPageToken of the previous answer. Example: MTA"
    )
    offset = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_OFFSET,
        help_text="Start position; used only without pageToken. Example: 0",
    )

    def validate_pageToken(self, value):
        if not value:
            return None
        try:
            offset = int(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode())
        except (ValueError, binascii.Error, UnicodeDecodeError):
            raise serializers.ValidationError("This page token is invalid; start again without it.") from None
        if not 0 <= offset <= MAX_OFFSET:
            raise serializers.ValidationError("This page token is invalid; start again without it.")
        return offset

    def validate(self, attrs):
        if not (attrs.get("query") or "").strip() and not attrs.get("reviewPublisherSiteFilter"):
            raise serializers.ValidationError({"query": "Give a query (or a reviewPublisherSiteFilter)."})
        return attrs


class ReviewPublisherSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Example: Factcheck Desk")
    site = serializers.CharField(help_text="Example: factcheck.example")


class SearchClaimReviewSerializer(serializers.Serializer):
    publisher = ReviewPublisherSerializer()
    url = serializers.URLField(help_text="The review's page. Example: https://factcheck.example/claims/bridge-cost/")
    title = serializers.CharField(help_text="Example: The bridge cost 40 million euros.")
    reviewDate = serializers.DateTimeField(help_text="Example: 2025-08-25T10:00:00Z")
    textualRating = serializers.CharField(help_text="Example: Mostly false")
    languageCode = serializers.CharField(help_text="Example: en")


class SearchClaimSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="Example: The bridge cost 40 million euros.")
    claimant = serializers.CharField(required=False, help_text="Who made it. Example: Ann Minister")
    claimDate = serializers.DateTimeField(required=False, help_text="Example: 2025-08-24T00:00:00Z")
    claimReview = SearchClaimReviewSerializer(many=True)


class SearchResponseSerializer(serializers.Serializer):
    claims = SearchClaimSerializer(many=True, required=False)
    nextPageToken = serializers.CharField(required=False, help_text="Pass as pageToken for more. Example: MTA")


def _claim_result(claim, publisher) -> dict:
    result = {"text": claim.text}
    claimants = [a.source.name for a in claim.attributions.all() if a.role == "made"]
    if claimants:
        result["claimant"] = ", ".join(claimants)
    if claim.claim_date:
        result["claimDate"] = claim.claim_date.isoformat() + "T00:00:00Z"
    verdict = getattr(claim, "verdict", None)
    review = {"publisher": publisher, "url": absolute_url(claim_path(claim)), "title": claim.text}
    if claim.published_at:
        review["reviewDate"] = claim.published_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if verdict is not None and verdict.rating is not None:
        review["textualRating"] = verdict.rating.label
    review["languageCode"] = claim.language
    result["claimReview"] = [review]
    return result


class ClaimSearchView(ApiView):
    @extend_schema(
        operation_id="claims_search_google",
        summary="Search claims (Google Fact Check Tools compatible)",
        description=(
            "Same parameters and answer as Google's `claims:search`. Only published claims are searched. "
            "Without pageToken, `offset` sets the start."
        ),
        parameters=[SearchParamsSerializer],
        responses={200: SearchResponseSerializer},
        filters=False,
    )
    def get(self, request):
        params = SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        publisher = {"name": settings.FACTCHECK_ORG_NAME, "site": site_domain()}
        site_filter = (data.get("reviewPublisherSiteFilter") or "").strip().lower()
        if site_filter and site_filter.removeprefix("www.") != publisher["site"].lower().removeprefix("www."):
            return Response({})
        qs = claims_public()
        query = (data.get("query") or "").strip()
        if query:
            qs = claims_search(qs, query)
        if code := data.get("languageCode"):
            primary = code.split("-")[0]
            qs = qs.filter(Q(language__iexact=code) | Q(language__iexact=primary))
        if days := data.get("maxAgeDays"):
            since = timezone.now() - timedelta(days=days)
            qs = qs.filter(Q(published_at__gte=since) | Q(claim_date__gte=since.date()))
        order = ["-relevance", "-published_at", "-id"] if query else ["-published_at", "-id"]
        start = data.get("pageToken")
        if start is None:
            start = data.get("offset") or 0
        size = data["pageSize"]
        rows = list(claims_for_list(qs).order_by(*order)[start : start + size + 1])
        body = {}
        if rows[:size]:
            body["claims"] = [_claim_result(claim, publisher) for claim in rows[:size]]
        if len(rows) > size and start + size <= MAX_OFFSET:
            body["nextPageToken"] = base64.urlsafe_b64encode(str(start + size).encode()).decode().rstrip("=")
        return Response(body)
