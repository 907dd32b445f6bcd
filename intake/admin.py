"""Intake in the admin: import an article, decide on its claim suggestions, upload ClaimReviews.

Thin: every write is a call to intake.services; a ClaimError becomes an admin error message.
"""

from itertools import pairwise

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from claims.models import PUBLIC_STATUSES, Claim
from claims.services import ClaimError
from intake.fetch import FetchError, fetch_url
from intake.forms import ArticleImportForm, ClaimReviewUploadForm, SuggestionDecisionForm
from intake.matching import claims_similar_many
from intake.models import ClaimSuggestion, ExternalReview, RatingMapping, SuggestionStatus
from intake.selectors import other_factchecks
from intake.services import (
    article_import,
    claimreviews_import,
    external_reviews_remap,
    suggestion_accept,
    suggestion_dismiss,
    suggestion_link,
    suggestions_refresh,
)
from intake.suggest import matching_text
from sources.models import Article

DUPLICATES_PAGE = 100  # the newest unpublished claims checked on the duplicates page


def highlighted_body(body: str, suggestions) -> SafeString:
    """The article's body with each suggestion's span in a <mark>; nested spans nest."""
    cuts = sorted({0, len(body), *(s.start for s in suggestions), *(s.end for s in suggestions)})
    pieces = []
    for a, b in pairwise(cuts):
        covering = [s for s in suggestions if s.start <= a and b <= s.end]
        if not covering:
            pieces.append(format_html("{}", body[a:b]))
            continue
        inner = min(covering, key=lambda s: s.end - s.start)
        pieces.append(
            format_html(
                '<mark class="fc-suggestion fc-suggestion--{}" data-depth="{}" title="{}">'
                '<a href="#suggestion-{}">{}</a></mark>',
                inner.status,
                len(covering),
                inner.text,
                inner.pk,
                body[a:b],
            )
        )
    return mark_safe("".join(pieces).replace("\n", "<br>"))


@admin.register(ClaimSuggestion)
class ClaimSuggestionAdmin(admin.ModelAdmin):
    list_display = ["short_text", "article_link", "score", "claimant_name", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["text", "quote", "article__title"]
    list_select_related = ["article"]
    readonly_fields = ["article", "start", "end", "quote", "score", "reasons", "quantities", "claim", "decided_by"]
    fields = ["article", "quote", "text", "claim_date", "score", "reasons", "quantities", "attributions", "status",
              "claim", "decided_by"]  # fmt: skip

    @admin.display(description=_("suggestion"), ordering="text")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 90 else obj.text[:89] + "…"

    @admin.display(description=_("article"), ordering="article__title")
    def article_link(self, obj):
        url = reverse("admin:intake_article_suggestions", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.title[:60])

    @admin.display(description=_("claimant"))
    def claimant_name(self, obj):
        claimant = obj.claimant
        return claimant["name"] if claimant else "—"

    def has_add_permission(self, request):
        return False  # suggestions come from an imported article

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_article_view), name="intake_article_import"),
            path("article/<int:article_id>/", wrap(self.article_view), name="intake_article_suggestions"),
            path("article/<int:article_id>/refresh/", wrap(self.refresh_view), name="intake_article_refresh"),
            path("<int:pk>/decide/", wrap(self.decide_view), name="intake_suggestion_decide"),
            path("duplicates/", wrap(self.duplicates_view), name="intake_claim_duplicates"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "import_url": reverse("admin:intake_article_import"),
            "duplicates_url": reverse("admin:intake_claim_duplicates"),
        }
        return super().changelist_view(request, extra_context)

    # -- views ---------------------------------------------------------------------------------

    def _require(self, request, *perms):
        if not request.user.has_perms(perms):
            raise PermissionDenied

    def import_article_view(self, request):
        self._require(request, "sources.add_article", "intake.change_claimsuggestion")
        posted = request.method == "POST"
        form = ArticleImportForm(request.POST if posted else None, request.FILES if posted else None)
        if posted and form.is_valid():
            data = form.cleaned_data
            try:
                result = article_import(
                    url=data.get("url") or "",
                    html=data.get("html"),
                    text=data.get("text") or None,
                    title=data.get("title") or "",
                )
            except ClaimError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, result.message) if result.created else messages.warning(
                    request, result.message
                )
                return redirect("admin:intake_article_suggestions", result.article.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import article"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, "admin/intake/import_article.html", context, status=400 if form.errors else 200
        )

    def article_view(self, request, article_id):
        self._require(request, "intake.view_claimsuggestion")
        article = get_object_or_404(Article.objects.select_related("publisher"), pk=article_id)
        suggestions = list(ClaimSuggestion.objects.filter(article=article).select_related("claim"))
        open_ones = [s for s in suggestions if s.status == SuggestionStatus.NEW]
        candidates = claims_similar_many(texts=[matching_text(s.text, language=s.language) for s in open_ones])
        by_suggestion = dict(zip((s.pk for s in open_ones), candidates, strict=True))
        # Checked by another fact-checker already? Their reviews of the candidate claims, in one query.
        reviews: dict[int, list] = {}
        candidate_ids = {c.claim.pk for found in candidates for c in found}
        for review in other_factchecks().filter(claim_id__in=candidate_ids) if candidate_ids else ():
            reviews.setdefault(review.claim_id, []).append(review)
        for found in candidates:
            for candidate in found:
                candidate.reviews = reviews.get(candidate.claim.pk, [])
        for s in suggestions:
            s.candidates = by_suggestion.get(s.pk, [])
        context = {
            **self.admin_site.each_context(request),
            "title": _("Claims in “%(title)s”") % {"title": article.title},
            "article": article,
            "suggestions": suggestions,
            "body_html": highlighted_body(article.body, suggestions),
            "opts": self.model._meta,
            "statuses": SuggestionStatus,
        }
        return TemplateResponse(request, "admin/intake/article_suggestions.html", context)

    def duplicates_view(self, request):
        """Claims not yet published that resemble another claim: merge before researching twice."""
        self._require(request, "claims.view_claim")
        recent = list(
            Claim.objects.exclude(status__in=PUBLIC_STATUSES)
            .order_by("-created_at", "-id")
            .only("pk", "text", "status")[:DUPLICATES_PAGE]
        )
        candidates = claims_similar_many(texts=[c.text for c in recent], limit=4)
        rows = []
        for claim, found in zip(recent, candidates, strict=True):
            others = [c for c in found if c.claim.pk != claim.pk][:3]
            if others:
                rows.append((claim, others))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Claims that resemble another claim"),
            "rows": rows,
            "checked": len(recent),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/intake/duplicates.html", context)

    def refresh_view(self, request, article_id):
        self._require(request, "intake.change_claimsuggestion")
        if request.method != "POST":
            return redirect("admin:intake_article_suggestions", article_id)
        article = get_object_or_404(Article, pk=article_id)
        count = len(suggestions_refresh(article=article))
        messages.success(request, _("%(count)d new suggestion(s).") % {"count": count})
        return redirect("admin:intake_article_suggestions", article_id)

    def decide_view(self, request, pk):
        self._require(request, "intake.change_claimsuggestion")
        suggestion = get_object_or_404(ClaimSuggestion, pk=pk)
        back = reverse("admin:intake_article_suggestions", args=[suggestion.article_id]) + f"#suggestion-{pk}"
        if request.method != "POST":
            return redirect(back)
        data = request.POST.copy()
        if data.get("link"):  # one button per candidate claim: its value is the claim's id
            data["action"], data["claim"] = SuggestionDecisionForm.LINK, data["link"]
        form = SuggestionDecisionForm(data)
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
            return redirect(back)
        data = form.cleaned_data
        try:
            if data["action"] == form.ACCEPT:
                self._require(request, "claims.add_claim")
                claim = suggestion_accept(
                    suggestion=suggestion,
                    user=request.user,
                    text=data.get("text") or "",
                    claim_date=data.get("claim_date"),
                )
                messages.success(
                    request,
                    format_html(
                        'Claim created: <a href="{}">{}</a>',
                        reverse("admin:claims_claim_change", args=[claim.pk]),
                        claim.text[:80],
                    ),
                )
            elif data["action"] == form.LINK:
                self._require(request, "claims.add_appearance")
                claim = suggestion_link(suggestion=suggestion, claim=data["claim"], user=request.user)
                messages.success(request, _("Linked to the existing claim “%(claim)s”.") % {"claim": claim.text[:80]})
            else:
                suggestion_dismiss(suggestion=suggestion, user=request.user)
                messages.info(request, _("Suggestion dismissed."))
        except ClaimError as exc:
            messages.error(request, str(exc))
        return redirect(back)


@admin.register(ExternalReview)
class ExternalReviewAdmin(admin.ModelAdmin):
    list_display = ["short_claim", "publisher", "rating_text_short", "mapped_rating", "claim_link", "published_on"]
    list_filter = ["rating", "rating_method", "publisher"]
    search_fields = ["claim_reviewed", "publisher", "url", "rating_text"]
    list_select_related = ["claim", "rating"]
    autocomplete_fields = ["claim"]
    date_hierarchy = "published_on"
    readonly_fields = ["raw", "imported_at", "updated_at", "rating_method"]
    actions = ["map_ratings_again"]

    @admin.action(description=_("Map the selected reviews' ratings again (after a mapping change)"))
    def map_ratings_again(self, request, queryset):
        mapped = external_reviews_remap(reviews=queryset)
        self.message_user(request, _("%(count)d review(s) now mapped onto our scale.") % {"count": mapped})

    @admin.display(description=_("claim reviewed"), ordering="claim_reviewed")
    def short_claim(self, obj):
        return obj.claim_reviewed if len(obj.claim_reviewed) <= 80 else obj.claim_reviewed[:79] + "…"

    @admin.display(description=_("their rating"))
    def rating_text_short(self, obj):
        return obj.rating_text[:40] or (
            f"{obj.rating_value:g} ({obj.worst_rating:g}–{obj.best_rating:g})" if obj.rating_value is not None else "—"
        )

    @admin.display(description=_("on our scale"), ordering="rating__position")
    def mapped_rating(self, obj):
        if obj.rating is None:
            return format_html('<strong class="fc-flag">{}</strong>', _("unmapped: add a rating mapping"))
        return obj.rating.label

    @admin.display(description=_("our claim"))
    def claim_link(self, obj):
        if obj.claim is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:claims_claim_change", args=[obj.claim_id]), obj.claim.text[:50]
        )

    def get_urls(self):
        return [
            path("upload/", self.admin_site.admin_view(self.upload_view), name="intake_claimreview_upload"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "upload_url": reverse("admin:intake_claimreview_upload")}
        return super().changelist_view(request, extra_context)

    def upload_view(self, request):
        if not request.user.has_perms(["intake.add_externalreview", "claims.add_claim"]):
            raise PermissionDenied
        posted = request.method == "POST"
        form = ClaimReviewUploadForm(request.POST if posted else None, request.FILES if posted else None)
        result = None
        if posted and form.is_valid():
            data = form.cleaned_data.get("data")
            try:
                if data is None:
                    data = fetch_url(form.cleaned_data["url"]).content
            except FetchError as exc:
                form.add_error("url", str(exc))
            else:
                result = claimreviews_import(data=data, user=request.user, language=form.cleaned_data["language"])
                if result.ok:
                    messages.success(
                        request,
                        _("%(created)d review(s) imported, %(updated)d updated, %(new)d new draft claim(s).")
                        % {
                            "created": len(result.created),
                            "updated": len(result.updated),
                            "new": len(result.new_claims),
                        },
                    )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import ClaimReviews"),
            "form": form,
            "result": result,
            "opts": self.model._meta,
        }
        status = 400 if form.errors or (result is not None and not result.ok) else 200
        return TemplateResponse(request, "admin/intake/claimreview_upload.html", context, status=status)


@admin.register(RatingMapping)
class RatingMappingAdmin(admin.ModelAdmin):
    list_display = ["label", "rating", "publisher"]
    list_filter = ["rating", "publisher"]
    search_fields = ["label", "publisher"]
    list_select_related = ["rating"]
