"""Writes for reviewer tools: drafts, their verdicts and evidence, and the workflow actions.

Signed-in users with the model permissions only (never an API key, never anonymous: see
factcheck.api.permissions). Every change goes through claims/services.py, as the admin's do, so the
same rules and messages apply; a service's ClaimError becomes a 400 (403 for a role it refuses,
409/412 for a stale version). Optimistic locking: send `expected_version`, or the version in If-Match.
"""

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from claims import services
from claims.api import queries
from claims.api.serializers import ClaimDetailSerializer
from claims.api.views import ClaimReadViewSet
from claims.api.write_serializers import (
    AppearanceInput,
    AssignInput,
    AttributionInput,
    ClaimCreateInput,
    ClaimUpdateInput,
    EvidenceInput,
    NoteInput,
    RetractInput,
    VerdictInput,
)
from claims.models import Verdict
from claims.selectors import claims_visible_to

WRITE_RESPONSES = {200: ClaimDetailSerializer}


def _expected_version(request, data):
    """expected_version from the body, else from If-Match ("3", W/"3" or 3)."""
    if data.get("expected_version") is not None:
        return data["expected_version"]
    header = request.META.get("HTTP_IF_MATCH", "").strip()
    if not header or header == "*":
        return None
    value = header.removeprefix("W/").strip('"')
    if not value.isdigit():
        raise ValidationError({"If-Match": ['Send the version number you edited, e.g. If-Match: "3".']})
    return int(value)


class ClaimViewSet(ClaimReadViewSet):
    write_permissions = {
        "create": ["claims.add_claim"],
        "partial_update": ["claims.change_claim"],
        "add_appearance": ["claims.add_appearance"],
        "add_attribution": ["claims.add_attribution"],
        "save_verdict": ["claims.add_verdict", "claims.change_verdict"],
        "add_evidence": ["claims.add_evidence"],
        "start_research": ["claims.change_claim"],
        "submit_for_review": ["claims.change_claim"],
        "request_changes": ["claims.change_claim"],
        "publish": ["claims.publish_claim"],
        "retract": ["claims.retract_claim"],
        "assign": ["claims.change_claim"],
    }
    http_method_names = ["get", "post", "patch", "head", "options"]

    def _input(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _claim(self):
        """The claim named in the URL, among those the user may see (a 404 otherwise)."""
        return self.get_object()

    def _answer(self, claim, code=status.HTTP_200_OK):
        claim = queries.claims_for_detail(claims_visible_to(user=self.request.user)).get(pk=claim.pk)
        return Response(ClaimDetailSerializer(claim, context=self.get_serializer_context()).data, status=code)

    @extend_schema(summary="Create a draft claim", request=ClaimCreateInput, responses={201: ClaimDetailSerializer})
    def create(self, request, *args, **kwargs):
        data = self._input(ClaimCreateInput)
        claim = services.claim_create(user=request.user, **data)
        return self._answer(claim, status.HTTP_201_CREATED)

    @extend_schema(summary="Edit a claim", request=ClaimUpdateInput, responses=WRITE_RESPONSES)
    def partial_update(self, request, *args, **kwargs):
        claim = self._claim()
        data = dict(self._input(ClaimUpdateInput))
        expected = _expected_version(request, data)
        data.pop("expected_version", None)
        claim = services.claim_update(claim=claim, user=request.user, expected_version=expected, **data)
        return self._answer(claim)

    @extend_schema(
        summary="Anchor the claim to a quote in an article",
        request=AppearanceInput,
        responses={201: ClaimDetailSerializer},
    )
    @action(detail=True, methods=["post"], url_path="appearances")
    def add_appearance(self, request, pk=None):
        claim = self._claim()
        services.appearance_create(claim=claim, **self._input(AppearanceInput))
        return self._answer(claim, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Attribute the claim to a source", request=AttributionInput, responses={201: ClaimDetailSerializer}
    )
    @action(detail=True, methods=["post"], url_path="attributions")
    def add_attribution(self, request, pk=None):
        claim = self._claim()
        services.attribution_create(claim=claim, **self._input(AttributionInput))
        return self._answer(claim, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Write or edit the verdict",
        description="Creates the verdict if there is none. After publication a change to the rating, summary "
        "or explanation is a correction and needs `correction_note` (editors only).",
        request=VerdictInput,
        responses=WRITE_RESPONSES,
    )
    @action(detail=True, methods=["patch"], url_path="verdict")
    def save_verdict(self, request, pk=None):
        claim = self._claim()
        data = dict(self._input(VerdictInput))
        expected = _expected_version(request, data)
        fields = {name: data[name] for name in ("rating", "summary", "explanation") if name in data}
        with transaction.atomic():
            verdict = Verdict.objects.filter(claim=claim).first()
            if verdict is None:
                services.verdict_save(claim=claim, reviewer=request.user, **fields)
            else:
                services.verdict_update(
                    verdict=verdict,
                    user=request.user,
                    expected_version=expected,
                    correction_note=data.get("correction_note", ""),
                    minor=data.get("minor", False),
                    **fields,
                )
        return self._answer(claim)

    @extend_schema(
        summary="Add an evidence item to the verdict", request=EvidenceInput, responses={201: ClaimDetailSerializer}
    )
    @action(detail=True, methods=["post"], url_path="evidence")
    def add_evidence(self, request, pk=None):
        claim = self._claim()
        data = self._input(EvidenceInput)
        verdict = Verdict.objects.filter(claim=claim).first()
        if verdict is None:
            raise services.ClaimError("Write the verdict first: evidence backs a verdict.")
        services.evidence_add(verdict=verdict, **data)
        return self._answer(claim, status.HTTP_201_CREATED)

    def _transition(self, run):
        claim = self._claim()
        return self._answer(run(claim))

    @extend_schema(summary="Start research", request=NoteInput, responses=WRITE_RESPONSES)
    @action(detail=True, methods=["post"], url_path="start-research")
    def start_research(self, request, pk=None):
        note = self._input(NoteInput)["note"]
        return self._transition(lambda c: services.claim_start_research(claim=c, user=request.user, note=note))

    @extend_schema(summary="Submit for review", request=NoteInput, responses=WRITE_RESPONSES)
    @action(detail=True, methods=["post"], url_path="submit-for-review")
    def submit_for_review(self, request, pk=None):
        note = self._input(NoteInput)["note"]
        return self._transition(lambda c: services.claim_submit_for_review(claim=c, user=request.user, note=note))

    @extend_schema(summary="Send back to research", request=NoteInput, responses=WRITE_RESPONSES)
    @action(detail=True, methods=["post"], url_path="request-changes")
    def request_changes(self, request, pk=None):
        note = self._input(NoteInput)["note"]
        return self._transition(lambda c: services.claim_request_changes(claim=c, editor=request.user, note=note))

    @extend_schema(summary="Publish the verdict", request=NoteInput, responses=WRITE_RESPONSES)
    @action(detail=True, methods=["post"], url_path="publish")
    def publish(self, request, pk=None):
        note = self._input(NoteInput)["note"]
        return self._transition(lambda c: services.claim_publish(claim=c, editor=request.user, note=note))

    @extend_schema(summary="Retract a published verdict", request=RetractInput, responses=WRITE_RESPONSES)
    @action(detail=True, methods=["post"], url_path="retract")
    def retract(self, request, pk=None):
        reason = self._input(RetractInput)["reason"]
        return self._transition(lambda c: services.claim_retract(claim=c, editor=request.user, reason=reason))

    @extend_schema(summary="Assign a reviewer and/or an editor", request=AssignInput, responses=WRITE_RESPONSES)
    @action(detail=True, methods=["post"], url_path="assign")
    def assign(self, request, pk=None):
        data = self._input(AssignInput)
        return self._transition(
            lambda c: services.claim_assign(
                claim=c, by=request.user, reviewer=data.get("reviewer"), editor=data.get("editor"), note=data["note"]
            )
        )
