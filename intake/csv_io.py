"""CSV of claims with django-import-export: export claims with their verdicts; import new draft claims.

The import shows a dry-run preview first (django-import-export's confirm step) and creates each claim
through claims.services.claim_create, so an imported claim is a draft with its workflow log, like
one typed in the admin. It only adds claims: a row whose slug exists already is an error on that row.
"""

from django.core.exceptions import ValidationError
from import_export import fields, resources
from import_export.admin import ImportExportMixin

from claims.models import Claim
from claims.services import claim_create

EXPORT_COLUMNS = (
    "id", "slug", "text", "claim_date", "language", "status", "tags", "rating", "rating_value", "summary",
    "explanation", "claimants", "published_at", "updated_at",
)  # fmt: skip
IMPORT_COLUMNS = ("slug", "text", "claim_date", "language", "tags")


def _split_tags(raw) -> list[str]:
    return [t.strip() for t in str(raw or "").replace(";", ",").split(",") if t.strip()]


class ClaimExportResource(resources.ModelResource):
    """One row per claim, with its verdict: what a partner or a spreadsheet needs."""

    tags = fields.Field(column_name="tags")
    rating = fields.Field(column_name="rating")
    rating_value = fields.Field(column_name="rating_value")
    summary = fields.Field(column_name="summary")
    explanation = fields.Field(column_name="explanation")
    claimants = fields.Field(column_name="claimants")

    class Meta:
        model = Claim
        fields = EXPORT_COLUMNS
        export_order = EXPORT_COLUMNS

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("verdict__rating").prefetch_related("tags", "attributions__source")

    @staticmethod
    def _verdict(claim):
        return getattr(claim, "verdict", None)

    def dehydrate_tags(self, claim):
        return ", ".join(t.name for t in claim.tags.all())

    def dehydrate_rating(self, claim):
        verdict = self._verdict(claim)
        return verdict.rating.label if verdict and verdict.rating else ""

    def dehydrate_rating_value(self, claim):
        verdict = self._verdict(claim)
        return verdict.rating.value if verdict and verdict.rating and verdict.rating.value is not None else ""

    def dehydrate_summary(self, claim):
        verdict = self._verdict(claim)
        return verdict.summary if verdict else ""

    def dehydrate_explanation(self, claim):
        verdict = self._verdict(claim)
        return verdict.explanation if verdict else ""

    def dehydrate_claimants(self, claim):
        return "; ".join(a.source.name for a in claim.attributions.all() if a.role == "made")


class ClaimImportResource(resources.ModelResource):
    """New draft claims from a CSV with the columns slug, text, claim_date, language, tags."""

    tags = fields.Field(column_name="tags")  # read in save_instance and given to claim_create

    class Meta:
        model = Claim
        fields = IMPORT_COLUMNS
        import_id_fields = ("slug",)
        clean_model_instances = True
        skip_diff = False

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        if not str(row.get("text") or "").strip():
            errors["text"] = "The claim text is empty."
        if not str(row.get("slug") or "").strip():
            errors["slug"] = "Give each claim a slug (a short unique name for its address)."
        if errors:
            raise ValidationError(errors)
        super().import_instance(instance, row, **kwargs)
        instance.language = instance.language or "en"

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.pk:
            errors["slug"] = f"A claim with the slug “{instance.slug}” exists already; the import only adds claims."
        if errors:
            raise ValidationError(errors)
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def save_instance(self, instance, is_create, row, **kwargs):
        if self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs):
            return
        claim = claim_create(
            text=instance.text,
            slug=instance.slug,
            claim_date=instance.claim_date,
            language=instance.language,
            tags=_split_tags(row.get("tags")),
            user=kwargs.get("user"),
        )
        instance.pk = claim.pk
        instance.status = claim.status

    def save_m2m(self, instance, row, **kwargs):
        pass  # tags were given to claim_create


class ClaimCSVAdminMixin(ImportExportMixin):
    """For ClaimAdmin: Export (filtered like the list) and Import (dry-run preview, then confirm)."""

    def get_export_resource_classes(self, request):
        return [ClaimExportResource]

    def get_import_resource_classes(self, request):
        return [ClaimImportResource]

    def has_import_permission(self, request):
        return request.user.has_perm("claims.add_claim")

    def has_export_permission(self, request):
        return request.user.has_perm("claims.view_claim")
