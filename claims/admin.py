from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from nested_admin import NestedModelAdminMixin, NestedStackedInline, NestedTabularInline
from simple_history.admin import SimpleHistoryAdmin

from claims.models import (
    Appearance,
    Attribution,
    Claim,
    Correction,
    Evidence,
    Rating,
    StatusChange,
    Tag,
    Tip,
    Verdict,
)
from sources.admin import ArticleAdmin


def rating_badge(rating):
    if rating is None:
        return format_html('<span class="fc-badge fc-badge--none">{}</span>', _("Unrated"))
    return format_html(
        '<span class="fc-badge" style="--fc-colour: {}" title="{}">{}</span>',
        rating.colour,
        rating.definition,
        rating.label,
    )


class AppearanceForm(forms.ModelForm):
    class Meta:
        model = Appearance
        fields = ["article", "quote", "start", "end"]
        widgets = {"quote": forms.Textarea(attrs={"rows": 2, "cols": 60})}


class AppearanceInline(NestedTabularInline):
    model = Appearance
    form = AppearanceForm
    extra = 0
    autocomplete_fields = ["article"]


class AttributionInline(NestedTabularInline):
    model = Attribution
    fields = ["source", "role", "described_as", "article"]
    extra = 0
    autocomplete_fields = ["source", "article"]


class EvidenceInline(NestedTabularInline):
    model = Evidence
    fields = ["stance", "source", "url", "title", "quote", "accessed_on", "position"]
    extra = 0
    autocomplete_fields = ["source"]
    formfield_overrides = {Evidence._meta.get_field("quote"): {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


class VerdictInline(NestedStackedInline):
    model = Verdict
    fields = ["rating", "summary", "explanation", "reviewer", "editor"]
    readonly_fields = ["editor"]
    extra = 0
    max_num = 1
    can_delete = False
    autocomplete_fields = ["reviewer"]
    inlines = [EvidenceInline]


class PublisherFilter(admin.SimpleListFilter):
    title = _("publisher")
    parameter_name = "publisher"

    def lookups(self, request, model_admin):
        from sources.models import Source, SourceKind

        return (
            Source.objects.filter(kind=SourceKind.OUTLET, published_articles__isnull=False)
            .distinct()
            .values_list("pk", "name")
        )

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(appearances__article__publisher_id=self.value()).distinct()
        return queryset


@admin.register(Claim)
class ClaimAdmin(NestedModelAdminMixin, SimpleHistoryAdmin):
    list_display = ["short_text", "verdict_badge", "status", "claim_date", "reviewer", "updated_at"]
    list_filter = ["status", "verdict__rating", PublisherFilter, "tags", "language", "claim_date", "is_demo"]
    search_fields = ["text", "slug", "verdict__summary"]
    date_hierarchy = "claim_date"
    autocomplete_fields = ["tags", "reviewer", "editor"]
    prepopulated_fields = {"slug": ["text"]}
    readonly_fields = ["status", "first_published_at", "published_at", "created_at", "updated_at", "version"]
    fieldsets = [
        (None, {"fields": ["text", "slug", "claim_date", "language", "tags"]}),
        (_("Workflow"), {"fields": ["status", "reviewer", "editor", "is_demo"]}),
        (
            _("Dates"),
            {
                "fields": ["created_at", "updated_at", "first_published_at", "published_at", "version"],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [AppearanceInline, AttributionInline, VerdictInline]
    list_select_related = ["verdict__rating", "reviewer"]
    list_per_page = 50

    @admin.display(description=_("claim"), ordering="text")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 90 else obj.text[:89] + "…"

    @admin.display(description=_("verdict"), ordering="verdict__rating__position")
    def verdict_badge(self, obj):
        verdict = getattr(obj, "verdict", None)
        return rating_badge(verdict.rating if verdict else None)

    class Media:
        css = {"all": ["claims/admin.css"]}


@admin.register(Verdict)
class VerdictAdmin(NestedModelAdminMixin, SimpleHistoryAdmin):
    list_display = ["claim", "rating_badge", "summary", "reviewer", "editor", "updated_at"]
    list_filter = ["rating"]
    search_fields = ["summary", "explanation", "claim__text"]
    autocomplete_fields = ["claim", "reviewer", "editor"]
    list_select_related = ["claim", "rating", "reviewer", "editor"]
    inlines = [EvidenceInline]

    @admin.display(description=_("rating"), ordering="rating__position")
    def rating_badge(self, obj):
        return rating_badge(obj.rating)

    class Media:
        css = {"all": ["claims/admin.css"]}


@admin.register(Appearance)
class AppearanceAdmin(SimpleHistoryAdmin):
    form = AppearanceForm
    list_display = ["quote", "claim", "article", "start", "end"]
    search_fields = ["quote", "claim__text", "article__title"]
    autocomplete_fields = ["claim", "article"]
    list_select_related = ["claim", "article"]

    def get_fields(self, request, obj=None):
        return ["claim", *AppearanceForm.Meta.fields]


@admin.register(Attribution)
class AttributionAdmin(SimpleHistoryAdmin):
    list_display = ["source", "role", "described_as", "claim"]
    list_filter = ["role"]
    search_fields = ["source__name", "described_as", "claim__text"]
    autocomplete_fields = ["claim", "source", "article"]
    list_select_related = ["source", "claim"]


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "stance", "source", "accessed_on", "verdict"]
    list_filter = ["stance"]
    search_fields = ["title", "url", "quote"]
    autocomplete_fields = ["verdict", "source"]
    list_select_related = ["source", "verdict__claim"]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["badge", "slug", "value", "position", "definition"]
    ordering = ["position"]
    search_fields = ["label"]

    @admin.display(description=_("rating"))
    def badge(self, obj):
        return rating_badge(obj)

    class Media:
        css = {"all": ["claims/admin.css"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "claim_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description=_("claims"), ordering="claim_count")
    def claim_count(self, obj):
        return obj.claim_count


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["claim", "from_status", "to_status", "user", "created_at"]
    list_filter = ["to_status"]
    date_hierarchy = "created_at"
    list_select_related = ["claim", "user"]
    search_fields = ["claim__text", "note"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["claim", "note", "minor", "user", "created_at"]
    list_filter = ["minor"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["claim"]
    list_select_related = ["claim", "user"]
    search_fields = ["note", "claim__text"]


@admin.register(Tip)
class TipAdmin(admin.ModelAdmin):
    list_display = ["text", "url", "status", "created_at"]
    list_filter = ["status"]
    date_hierarchy = "created_at"
    search_fields = ["text", "url"]
    autocomplete_fields = ["claim"]


class ArticleAppearanceInline(admin.TabularInline):
    """The claims an article contains, shown on the article page."""

    model = Appearance
    form = AppearanceForm
    fields = ["claim", "quote", "start", "end"]
    extra = 0
    autocomplete_fields = ["claim"]
    verbose_name = _("claim in this article")
    verbose_name_plural = _("claims in this article")


ArticleAdmin.inlines = [*ArticleAdmin.inlines, ArticleAppearanceInline]
