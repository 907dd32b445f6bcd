"""What reviewer tools send. These only check shapes and look objects up: every rule is in
claims/services.py, which the views call exactly as the admin does."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from claims.models import AttributionRole, Rating, Stance
from factcheck.api.fields import language_code
from sources.models import Article, Source


class VersionedInput(serializers.Serializer):
    expected_version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="The version you edited (from `version`); a stale one is a 409. Or send If-Match. Example: 3",
    )


class ClaimCreateInput(serializers.Serializer):
    text = serializers.CharField(
        max_length=5000, help_text="The claim, worded to stand alone. Example: The bridge cost 40 million euros."
    )
    slug = serializers.SlugField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Made from the text when empty. Example: bridge-cost",
    )
    claim_date = serializers.DateField(required=False, allow_null=True, help_text="Example: 2025-08-24")
    language = serializers.CharField(
        required=False, default="en", max_length=12, validators=[language_code], help_text="Example: en"
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=60),
        required=False,
        default=list,
        help_text='Tag names. Example: ["Ukraine"]',
    )


class ClaimUpdateInput(VersionedInput):
    text = serializers.CharField(
        required=False, max_length=5000, help_text="Example: The bridge cost 40 million euros."
    )
    claim_date = serializers.DateField(required=False, allow_null=True, help_text="Example: 2025-08-24")
    language = serializers.CharField(required=False, max_length=12, validators=[language_code], help_text="Example: en")
    tags = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False, help_text='Tag names. Example: ["Ukraine"]'
    )


class AppearanceInput(serializers.Serializer):
    article = serializers.PrimaryKeyRelatedField(queryset=Article.objects.all(), help_text="Article id. Example: 1")
    quote = serializers.CharField(
        max_length=5000, help_text="The exact words in the article. Example: the bridge cost 40 million euros"
    )
    start = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, help_text="Found from the quote if empty. Example: 18"
    )
    end = serializers.IntegerField(required=False, allow_null=True, min_value=1, help_text="Example: 50")


class AttributionInput(serializers.Serializer):
    source = serializers.PrimaryKeyRelatedField(queryset=Source.objects.all(), help_text="Source id. Example: 3")
    role = serializers.ChoiceField(
        choices=AttributionRole.choices, default=AttributionRole.MADE, help_text="Example: made"
    )
    described_as = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200, help_text="Example: Axios journalist"
    )
    article = serializers.PrimaryKeyRelatedField(
        queryset=Article.objects.all(), required=False, allow_null=True, help_text="Article id. Example: 1"
    )


class VerdictInput(VersionedInput):
    rating = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Rating.objects.all(),
        required=False,
        allow_null=True,
        help_text="Rating slug. Example: false",
    )
    summary = serializers.CharField(
        required=False, allow_blank=True, max_length=300, help_text="Example: The figure is wrong."
    )
    explanation = serializers.CharField(
        required=False, allow_blank=True, max_length=50000, help_text="Markdown. Example: The audit says **otherwise**."
    )
    correction_note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=2000,
        help_text="Needed to change a published verdict: what changed and why. Example: 40, not 50 million.",
    )
    minor = serializers.BooleanField(
        required=False, default=False, help_text="A typo-level correction, kept out of the public log. Example: false"
    )


class EvidenceInput(serializers.Serializer):
    source = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, allow_null=True, help_text="Source id. Example: 3"
    )
    url = serializers.URLField(
        required=False, allow_blank=True, default="", max_length=1000, help_text="Example: https://audit.example/report"
    )
    title = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=300, help_text="Example: Audit report 2024"
    )
    quote = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=10000, help_text="Example: 12 percent over budget"
    )
    stance = serializers.ChoiceField(choices=Stance.choices, default=Stance.CONTEXT, help_text="Example: refutes")
    accessed_on = serializers.DateField(required=False, allow_null=True, help_text="Example: 2025-08-25")


class NoteInput(serializers.Serializer):
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=5000,
        help_text="Goes into the workflow log. Example: Sources checked.",
    )


class RetractInput(serializers.Serializer):
    reason = serializers.CharField(
        max_length=5000, help_text="Shown publicly on the claim's page. Example: The quote was misattributed."
    )


class AssignInput(serializers.Serializer):
    reviewer = serializers.SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="Username of the reviewer. Example: jdoe",
    )
    editor = serializers.SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="Username of the editor. Example: sroe",
    )
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000, help_text="Example: Urgent."
    )
