"""Public pages: thin views over claims.selectors. Every read starts from claims_public()."""

import json

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from claims.filtersets import ClaimFilterSet
from claims.forms import TipForm
from claims.jsonld import claimreview_for, in_claimreview_feed, latest_public_correction
from claims.models import ClaimStatus, Rating, StatusChange, Tag
from claims.paging import ClaimPage
from claims.selectors import claims_public, claims_with_details
from claims.tips import tip_rate_limit_reached, tip_submit
from factcheck.pagecache import cache_public_page
from intake.selectors import other_factchecks_prefetch

HOME_LATEST = 10


@require_safe
@cache_public_page
def home(request):
    latest = claims_with_details(claims_public())[:HOME_LATEST]
    return render(request, "claims/home.html", {"latest": latest, "ratings": Rating.objects.all()})


@require_safe
@cache_public_page
def claim_list(request):
    # Only published rows can be listed; saying so lets PostgreSQL walk the newest-first index
    # without stepping over every draft (150,000 of them at a million claims).
    filterset = ClaimFilterSet(request.GET or None, queryset=claims_public().filter(published_at__isnull=False))
    claims = filterset.qs
    if filterset.is_bound and filterset.form.cleaned_data.get("q"):
        claims = claims.order_by("-relevance", "-published_at", "-id")
    page = ClaimPage(claims_with_details(claims), number=request.GET.get("page"))
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page": page,
        "ratings": Rating.objects.all(),
        "tags": Tag.objects.all(),
        "chosen_ratings": request.GET.getlist("rating"),
        "chosen_tags": request.GET.getlist("tag"),
    }
    status = 400 if filterset.is_bound and filterset.errors else 200
    return render(request, "claims/claim_list.html", context, status=status)


def _json_for_script(data) -> str:
    """JSON that cannot close its <script> element early."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@require_safe
@cache_public_page
def claim_detail(request, slug):
    # Queries: the claim with its verdict and rating; its tags, appearances, attributions, evidence
    # and corrections, other fact-checkers' reviews (prefetches); the rating scale's bounds for the JSON-LD.
    claim = get_object_or_404(
        claims_with_details(claims_public()).prefetch_related("corrections", other_factchecks_prefetch()), slug=slug
    )
    canonical_url = settings.SITE_URL + claim.get_absolute_url()
    embed_url = settings.SITE_URL + reverse("claims:claim-embed", kwargs={"slug": claim.slug})
    context = {
        "claim": claim,
        "verdict": getattr(claim, "verdict", None),
        "corrections": [correction for correction in claim.corrections.all() if not correction.minor],
        "retraction": _retraction(claim),
        "other_factchecks": claim.other_factchecks,
        "last_changed": _last_changed(claim),
        # A retracted verdict no longer stands: it keeps its page but loses its ClaimReview markup.
        "jsonld": _json_for_script(claimreview_for(claim, request=request)) if in_claimreview_feed(claim) else "",
        "canonical_url": canonical_url,
        "embed_snippet": format_html(
            '<iframe src="{}" title="{}" width="100%" height="260" style="border:0;max-width:36rem" '
            'loading="lazy"></iframe>',
            embed_url,
            _("Fact-check: %(claim)s") % {"claim": Truncator(claim.text).chars(80)},
        ),
    }
    return render(request, "claims/claim_detail.html", context)


def _retraction(claim) -> dict | None:
    """When and why a retracted claim was withdrawn (the reason is shown publicly)."""
    if claim.status != ClaimStatus.RETRACTED:
        return None
    if claim.retraction_reason:
        return {"at": claim.retracted_at, "reason": claim.retraction_reason}
    change = StatusChange.objects.filter(claim=claim, to_status=ClaimStatus.RETRACTED).order_by("-created_at", "-id")
    change = change.first()
    return {"at": change.created_at, "reason": change.note} if change else {"at": claim.retracted_at, "reason": ""}


def _last_changed(claim):
    """The last public change: publication, a public correction, or the retraction."""
    moments = [claim.published_at, latest_public_correction(claim), claim.retracted_at]
    return max((moment for moment in moments if moment is not None), default=claim.updated_at)


@require_safe
@xframe_options_exempt
@cache_public_page
def claim_embed(request, slug):
    claim = get_object_or_404(claims_public().select_related("verdict__rating"), slug=slug)
    response = render(request, "claims/claim_embed.html", {"claim": claim, "verdict": getattr(claim, "verdict", None)})
    # Partner sites may frame this page, and only this page (X-Frame-Options stays DENY elsewhere).
    response["Content-Security-Policy"] = "frame-ancestors *"
    return response


@require_safe
@cache_public_page
def methodology(request):
    return render(request, "claims/methodology.html", {"ratings": Rating.objects.all()})


@require_safe
@cache_public_page
def corrections_policy(request):
    return render(request, "claims/corrections_policy.html", {})


def tip_suggest(request):
    form = TipForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if form.is_spam():
                # Give a bot no sign that it was caught.
                return redirect("claims:suggest-thanks")
            if tip_rate_limit_reached(client_ip=request.META.get("REMOTE_ADDR", "")):
                form.add_error(None, _("You have sent many suggestions in a short time. Please try again in an hour."))
                status = 429
            else:
                data = form.cleaned_data
                tip_submit(text=data["text"], url=data["url"], email=data["email"])
                return redirect("claims:suggest-thanks")
        else:
            status = 400
    return render(request, "claims/suggest.html", {"form": form}, status=status)


@require_safe
def tip_thanks(request):
    return render(request, "claims/suggest_thanks.html", {})


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('claims:sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
