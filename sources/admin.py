from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from factcheck.publicstate import public_state_changed
from sources import services
from sources.models import Article, Source

# Saves and deletes go through sources.services, which refresh the cached public pages; the admin
# stays thin. History reverts come through save_model too.


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "external_id", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "description", "external_id"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        services.source_save(source=obj)

    def delete_model(self, request, obj):
        services.source_delete(source=obj)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        public_state_changed()


class ArticleAdminForm(forms.ModelForm):
    def clean_url(self):
        # Canonical before the uniqueness check, so a second copy of a known article is refused here.
        try:
            return services.normalize_url(self.cleaned_data["url"])
        except ValueError as error:
            raise ValidationError(str(error)) from error


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    list_display = ["title", "publisher", "published_on", "language"]
    list_filter = ["language", ("publisher", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "url", "byline"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["publisher", "authors"]
    readonly_fields = ["content_hash", "created_at", "updated_at"]
    list_select_related = ["publisher"]
    # Claims are shown inline through claims.admin (sources never imports claims).
    inlines = []

    def save_model(self, request, obj, form, change):
        obj._history_user = request.user
        services.article_save(article=obj)

    def delete_model(self, request, obj):
        services.article_delete(article=obj)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        public_state_changed()
