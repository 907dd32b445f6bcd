"""Claims as the API shows them (reads). Writes are in claims/api/write_serializers.py."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.jsonld import absolute_url, claim_jsonld_path, claim_path
from claims.models import Appearance, Attribution, Claim, Correction, Evidence, Rating, Tag, Verdict
from intake.api import OtherFactchecksField
from sources.api.serializers import ArticleBriefSerializer, SourceBriefSerializer

NULLABLE_STRING = serializers.CharField(allow_null=True)


def public_name(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


class RatingSerializer(serializers.ModelSerializer):
    slug = serializers.SlugField(read_only=True, help_text="Example: mostly-false")
    label = serializers.CharField(read_only=True, help_text="Example: Mostly false")
    value = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Position on the numeric scale (higher is truer); null for ratings off the scale. Example: 3",
    )
    position = serializers.IntegerField(read_only=True, help_text="Display order, 1 = best. Example: 4")
    colour = serializers.CharField(read_only=True, help_text="Example: #d4700b")
    definition = serializers.CharField(
        read_only=True, help_text="What the rating means. Example: The claim contains an element of truth."
    )

    class Meta:
        model = Rating
        fields = ["slug", "label", "value", "position", "colour", "definition"]


class ScaleSerializer(serializers.Serializer):
    worst = serializers.IntegerField(allow_null=True, help_text="Lowest value on the scale. Example: 1")
    best = serializers.IntegerField(allow_null=True, help_text="Highest value on the scale. Example: 6")


class VerdictRatingSerializer(RatingSerializer):
    scale = serializers.SerializerMethodField(help_text="Bounds of the numeric scale the value sits on.")

    class Meta(RatingSerializer.Meta):
        fields = [*RatingSerializer.Meta.fields, "scale"]

    @extend_schema_field(ScaleSerializer)
    def get_scale(self, rating):
        worst, best = getattr(rating, "scale_bounds", (None, None))  # set by ClaimSerializer
        return {"worst": worst, "best": best}


class TagSerializer(serializers.ModelSerializer):
    slug = serializers.SlugField(read_only=True, help_text="Example: ukraine")
    name = serializers.CharField(read_only=True, help_text="Example: Ukraine")

    class Meta:
        model = Tag
        fields = ["slug", "name"]


class EvidenceSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True, help_text="Example: 7")
    title = serializers.CharField(read_only=True, help_text="Example: Audit office report 2024")
    url = serializers.CharField(read_only=True, help_text="May be empty. Example: https://audit.example/report")
    quote = serializers.CharField(read_only=True, help_text="The passage that bears on the claim. Example: 12 percent")
    stance = serializers.CharField(read_only=True, help_text="supports, refutes or context. Example: refutes")
    accessed_on = serializers.DateField(read_only=True, allow_null=True, help_text="Example: 2025-08-25")
    source = SourceBriefSerializer(read_only=True, allow_null=True, help_text="Who published the evidence, or null.")

    class Meta:
        model = Evidence
        fields = ["id", "title", "url", "quote", "stance", "accessed_on", "source"]


class VerdictSerializer(serializers.ModelSerializer):
    rating = VerdictRatingSerializer(read_only=True, allow_null=True, help_text="The rating, or null while unrated.")
    summary = serializers.CharField(read_only=True, help_text="The verdict in one line. Example: The figure is wrong.")
    explanation_markdown = serializers.CharField(
        source="explanation",
        read_only=True,
        help_text="The explanation as written (Markdown). Example: The audit says **otherwise**.",
    )
    explanation_html = serializers.CharField(
        read_only=True,
        help_text="The explanation as sanitised HTML. Example: <p>The audit says <strong>otherwise</strong>.</p>",
    )
    reviewer = serializers.SerializerMethodField(help_text="Public name of the reviewer. Example: Jane Doe")
    editor = serializers.SerializerMethodField(help_text="Public name of the approving editor. Example: Sam Roe")
    evidence_count = serializers.SerializerMethodField(help_text="How many evidence items back it. Example: 2")
    created_at = serializers.DateTimeField(read_only=True, help_text="Example: 2025-08-25T10:00:00Z")
    updated_at = serializers.DateTimeField(read_only=True, help_text="Example: 2025-08-26T09:30:00Z")

    class Meta:
        model = Verdict
        fields = [
            "rating",
            "summary",
            "explanation_markdown",
            "explanation_html",
            "reviewer",
            "editor",
            "evidence_count",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(NULLABLE_STRING)
    def get_reviewer(self, verdict) -> str | None:
        return public_name(verdict.reviewer)

    @extend_schema_field(NULLABLE_STRING)
    def get_editor(self, verdict) -> str | None:
        return public_name(verdict.editor)

    def get_evidence_count(self, verdict) -> int:
        claim = verdict.claim
        if hasattr(claim, "evidence_total"):
            return claim.evidence_total or 0
        return len(verdict.evidence.all())


class VerdictDetailSerializer(VerdictSerializer):
    evidence = EvidenceSerializer(many=True, read_only=True, help_text="What the verdict rests on, in order.")

    class Meta(VerdictSerializer.Meta):
        fields = [*VerdictSerializer.Meta.fields, "evidence"]


class AppearanceSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True, help_text="Example: 5")
    article = ArticleBriefSerializer(read_only=True)
    quote = serializers.CharField(
        read_only=True, help_text="The exact words in the article. Example: the bridge cost 40 million euros"
    )
    start = serializers.IntegerField(read_only=True, help_text="Offset of the quote in the article body. Example: 18")
    end = serializers.IntegerField(read_only=True, help_text="Offset just past the quote. Example: 50")

    class Meta:
        model = Appearance
        fields = ["id", "article", "quote", "start", "end"]


class AttributionSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(read_only=True, help_text="Example: 8")
    source = SourceBriefSerializer(read_only=True)
    role = serializers.CharField(
        read_only=True, help_text="made, reported, confirmed, denied or repeated. Example: made"
    )
    described_as = serializers.CharField(
        read_only=True, help_text="How the article described the source. Example: Axios journalist"
    )
    article_id = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The article that describes the source so. Example: 1"
    )

    class Meta:
        model = Attribution
        fields = ["id", "source", "role", "described_as", "article_id"]


class CorrectionSerializer(serializers.ModelSerializer):
    note = serializers.CharField(
        read_only=True, help_text="What changed and why. Example: The cost was 40, not 50 million."
    )
    created_at = serializers.DateTimeField(read_only=True, help_text="Example: 2025-09-01T12:00:00Z")

    class Meta:
        model = Correction
        fields = ["note", "created_at"]


class ClaimLinksSerializer(serializers.Serializer):
    page = serializers.URLField(help_text="The public page. Example: https://factcheck.example/claims/bridge-cost/")
    jsonld = serializers.URLField(
        allow_null=True,
        help_text="The ClaimReview JSON-LD; null once retracted. "
        "Example: https://factcheck.example/api/v1/claims/1/?format=jsonld",
    )
    api = serializers.URLField(help_text="This claim in the API. Example: https://factcheck.example/api/v1/claims/1/")


class ClaimSerializer(serializers.ModelSerializer):
    """A claim in a list: everything but the evidence items (see `verdict.evidence_count`)."""

    id = serializers.IntegerField(read_only=True, help_text="Example: 42")
    slug = serializers.SlugField(read_only=True, help_text="Example: trump-says-ukraine-cannot-win")
    text = serializers.CharField(
        read_only=True, help_text="The claim, worded to stand alone. Example: The bridge cost 40 million euros."
    )
    claim_date = serializers.DateField(
        read_only=True, allow_null=True, help_text="When it was made. Example: 2025-08-24"
    )
    language = serializers.CharField(read_only=True, help_text="Example: en")
    status = serializers.CharField(
        read_only=True, help_text="published, corrected or retracted for the public. Example: published"
    )
    tags = TagSerializer(many=True, read_only=True)
    verdict = VerdictSerializer(read_only=True, allow_null=True, help_text="The verdict, or null if there is none yet.")
    appearances = AppearanceSerializer(many=True, read_only=True, help_text="Where the claim appears, with the quote.")
    attributions = AttributionSerializer(many=True, read_only=True, help_text="Who made, reported or denied it.")
    first_published_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="Example: 2025-08-25T10:00:00Z"
    )
    published_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="Last (re)publication. Example: 2025-08-26T10:00:00Z"
    )
    updated_at = serializers.DateTimeField(read_only=True, help_text="Any change. Example: 2025-08-26T10:00:00Z")
    version = serializers.IntegerField(
        read_only=True, help_text="Bumped by every edit; send it back as expected_version. Example: 3"
    )
    links = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "slug",
            "text",
            "claim_date",
            "language",
            "status",
            "tags",
            "verdict",
            "appearances",
            "attributions",
            "first_published_at",
            "published_at",
            "updated_at",
            "version",
            "links",
        ]

    def to_representation(self, claim):
        # Nested serializers see the rating, not the claim: hand the rating the scale bounds that the
        # claim query annotated (claims.api.queries.with_scale), so no query runs per row.
        verdict = getattr(claim, "verdict", None) if hasattr(claim, "scale_worst") else None
        if verdict is not None and verdict.rating is not None:
            verdict.rating.scale_bounds = (claim.scale_worst, claim.scale_best)
        return super().to_representation(claim)

    @extend_schema_field(ClaimLinksSerializer)
    def get_links(self, claim):
        from django.urls import reverse

        return {
            "page": absolute_url(claim_path(claim)),
            "jsonld": None if claim.status == "retracted" else absolute_url(claim_jsonld_path(claim)),
            "api": absolute_url(reverse("api:claim-detail", kwargs={"pk": claim.pk})),
        }


class ClaimDetailSerializer(ClaimSerializer):
    """A claim on its own: with the evidence items and the public corrections."""

    corrections = serializers.SerializerMethodField(help_text="Public corrections, newest first.")
    other_factchecks = OtherFactchecksField()
    verdict = VerdictDetailSerializer(
        read_only=True, allow_null=True, help_text="The verdict with its evidence, or null if there is none yet."
    )

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "corrections", "other_factchecks"]

    @extend_schema_field(CorrectionSerializer(many=True))
    def get_corrections(self, claim):
        corrections = sorted(
            (c for c in claim.corrections.all() if not c.minor), key=lambda c: c.created_at, reverse=True
        )
        return CorrectionSerializer(corrections, many=True).data


class ClaimBriefSerializer(serializers.ModelSerializer):
    """A claim in another resource (an article, a source): enough to show it and follow the link."""

    id = serializers.IntegerField(read_only=True, help_text="Example: 42")
    slug = serializers.SlugField(read_only=True, help_text="Example: trump-says-ukraine-cannot-win")
    text = serializers.CharField(read_only=True, help_text="Example: The bridge cost 40 million euros.")
    claim_date = serializers.DateField(read_only=True, allow_null=True, help_text="Example: 2025-08-24")
    status = serializers.CharField(read_only=True, help_text="Example: published")
    rating = serializers.SerializerMethodField(help_text="The rating slug, or null. Example: false")
    summary = serializers.SerializerMethodField(help_text="The verdict in one line. Example: The figure is wrong.")
    published_at = serializers.DateTimeField(read_only=True, allow_null=True, help_text="Example: 2025-08-26T10:00:00Z")
    api = serializers.SerializerMethodField(help_text="Example: https://factcheck.example/api/v1/claims/42/")

    class Meta:
        model = Claim
        fields = ["id", "slug", "text", "claim_date", "status", "rating", "summary", "published_at", "api"]

    def _verdict(self, claim):
        try:
            return claim.verdict
        except Claim.verdict.RelatedObjectDoesNotExist:
            return None

    @extend_schema_field(NULLABLE_STRING)
    def get_rating(self, claim):
        verdict = self._verdict(claim)
        return verdict.rating.slug if verdict is not None and verdict.rating is not None else None

    @extend_schema_field(NULLABLE_STRING)
    def get_summary(self, claim):
        verdict = self._verdict(claim)
        return verdict.summary if verdict is not None else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_api(self, claim):
        from django.urls import reverse

        return absolute_url(reverse("api:claim-detail", kwargs={"pk": claim.pk}))
