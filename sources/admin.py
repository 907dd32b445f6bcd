from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sources.models import Article, Source


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "external_id", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "description", "external_id"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
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
        from sources.services import content_hash, normalize_url

        obj.url = normalize_url(obj.url)
        obj.content_hash = content_hash(obj.body)
        super().save_model(request, obj, form, change)
