"""'Other fact-checks' in the API: other fact-checkers' reviews of the same claim.

To show them on a claim, add to its serializer:
    other_factchecks = OtherFactchecksField()
and prefetch them in the view's queryset with intake.selectors.other_factchecks_prefetch().
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from intake.models import ExternalReview
from intake.selectors import other_factchecks_for


class OtherFactcheckSerializer(serializers.ModelSerializer):
    publisher = serializers.CharField(read_only=True, help_text="The fact-checker. Example: AFP")
    url = serializers.URLField(
        read_only=True, help_text="Their review. Example: https://factual.afp.com/doc.afp.com.32DZ4YE"
    )
    published_on = serializers.DateField(read_only=True, allow_null=True, help_text="Example: 2022-07-08")
    claim_reviewed = serializers.CharField(
        read_only=True, help_text="The claim as they worded it. Example: The call lasted 45 minutes."
    )
    rating_text = serializers.CharField(read_only=True, help_text="Their rating, as they wrote it. Example: Falso")
    rating_value = serializers.FloatField(read_only=True, allow_null=True, help_text="Their numeric rating. Example: 1")
    best_rating = serializers.FloatField(read_only=True, allow_null=True, help_text="Example: 5")
    worst_rating = serializers.FloatField(read_only=True, allow_null=True, help_text="Example: 1")
    rating = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text="Their rating on our scale (a rating slug), or null when it has no equivalent yet. Example: false",
    )

    class Meta:
        model = ExternalReview
        fields = [
            "publisher",
            "url",
            "published_on",
            "claim_reviewed",
            "rating_text",
            "rating_value",
            "best_rating",
            "worst_rating",
            "rating",
        ]


@extend_schema_field(OtherFactcheckSerializer(many=True))
class OtherFactchecksField(serializers.Field):
    """Read-only: the claim's other fact-checks (prefetched with other_factchecks_prefetch())."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", "Other fact-checkers' reviews of this claim, newest first.")
        super().__init__(**kwargs)

    def to_representation(self, claim):
        return OtherFactcheckSerializer(other_factchecks_for(claim=claim), many=True).data
