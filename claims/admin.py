"""The desk's admin. Thin: every edit of a claim or verdict, and every workflow step, goes through
claims.services, so the admin obeys the same rules as the API and the commands."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from nested_admin import NestedModelAdminMixin, NestedStackedInline, NestedTabularInline
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import update_change_reason

from claims import services
from claims.admin_history import HistoryCompareMixin
from claims.cache import public_state_changed
from claims.models import (
    Appearance,
    Attribution,
    Claim,
    ClaimStatus,
    Correction,
    Evidence,
    Rating,
    StatusChange,
    Tag,
    Tip,
    Verdict,
)
from intake.csv_io import ClaimCSVAdminMixin
from sources.admin import ArticleAdmin
from sources.models import Article, Source


def rating_badge(rating):
    if rating is None:
        return format_html('<span class="fc-badge fc-badge--none">{}</span>', _("Unrated"))
    return format_html(
        '<span class="fc-badge" style="--fc-colour: {}" title="{}">{}</span>',
        rating.colour,
        rating.definition,
        rating.label,
    )


def _is_editor(user) -> bool:
    return user.has_perm("claims.publish_claim")


def _claim_of(obj):
    """The claim an inline's parent object belongs to (a claim, or a verdict of one)."""
    if isinstance(obj, Claim):
        return obj
    return getattr(obj, "claim", None)


# ---------------------------------------------------------------------------------------------------
# Optimistic locking in forms: a hidden version field, checked in clean() so a stale save is a form error.
# ---------------------------------------------------------------------------------------------------


class VersionedForm(forms.ModelForm):
    expected_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    check_version = None  # services.claim_check_version or services.verdict_check_version

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The version in the database, not the instance's: on simple-history's revert form the
            # instance is an old version, and the revert must count as an edit of the current one.
            current = type(self.instance).objects.filter(pk=self.instance.pk).values_list("version", flat=True)
            self.fields["expected_version"].initial = current.first()

    def has_changed(self):
        return bool(set(self.changed_data) - {"expected_version"})

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("expected_version") is not None:
            try:
                type(self).check_version(self.instance, cleaned["expected_version"])
            except services.ConcurrentEditError as exc:
                raise ValidationError(str(exc), code="stale") from exc
        return cleaned


class ClaimAdminForm(VersionedForm):
    check_version = staticmethod(lambda claim, v: services.claim_check_version(claim=claim, expected_version=v))

    class Meta:
        model = Claim
        fields = ["text", "slug", "claim_date", "language", "tags", "reviewer", "editor", "is_demo"]


CORRECTION_NOTE_HELP = _(
    "This verdict is published: a change to its rating, summary or explanation needs a note saying what "
    "changed and why. It is shown publicly on the claim page, in the API and the feeds, unless minor."
)


class VerdictFormMixin(VersionedForm):
    """Verdict edits: versioned, and after publication a change of substance needs a correction note."""

    check_version = staticmethod(lambda verdict, v: services.verdict_check_version(verdict=verdict, expected_version=v))
    correction_note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}), help_text=CORRECTION_NOTE_HELP
    )
    minor = forms.BooleanField(
        required=False, help_text=_("Typo-level: kept in the history, left out of the public correction log.")
    )

    def clean(self):
        cleaned = super().clean()
        claim = self.instance.claim if self.instance.claim_id else None
        # Against the database, not the form's initial values: on a revert form those are the old version.
        current = Verdict.objects.filter(pk=self.instance.pk).first()
        changed = [
            name
            for name in services.CORRECTABLE_FIELDS
            if current is not None and name in cleaned and getattr(current, name) != cleaned[name]
        ]
        if claim is not None and claim.is_public and changed and not (cleaned.get("correction_note") or "").strip():
            self.add_error(
                "correction_note",
                _("You changed the %(fields)s of a published verdict: give a correction note.")
                % {"fields": ", ".join(changed)},
            )
        return cleaned


class VerdictInlineForm(VerdictFormMixin):
    class Meta:
        model = Verdict
        fields = ["rating", "summary", "explanation", "reviewer"]


def _verdict_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in services.VERDICT_FIELDS if name in form.cleaned_data}


def _save_verdict_form(request, form, claim) -> Verdict:
    """Create or update the verdict behind FORM through the services; returns the saved verdict."""
    data = _verdict_fields(form)
    if form.instance.pk:
        verdict = services.verdict_update(
            verdict=form.instance,
            user=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
            correction_note=form.cleaned_data.get("correction_note", ""),
            minor=form.cleaned_data.get("minor", False),
            **data,
        )
    else:
        verdict = services.verdict_save(
            claim=claim,
            rating=data.get("rating"),
            summary=data.get("summary", ""),
            explanation=data.get("explanation", ""),
            reviewer=data.get("reviewer") or request.user,
        )
    # The form's instance is what nested evidence formsets hang on: give it the saved identity.
    form.instance.pk, form.instance.version = verdict.pk, verdict.version
    form.instance._state.adding = False
    return verdict


# ---------------------------------------------------------------------------------------------------
# Inlines. On a public claim only editors change them; on a retracted claim nobody does.
# ---------------------------------------------------------------------------------------------------


class GuardedInlineMixin:
    def _editable(self, request, obj) -> bool:
        claim = _claim_of(obj)
        if claim is None or claim.pk is None:
            return True
        if claim.status == ClaimStatus.RETRACTED:
            return False
        return not claim.is_public or _is_editor(request.user)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._editable(request, obj)


class AppearanceForm(forms.ModelForm):
    class Meta:
        model = Appearance
        fields = ["article", "quote", "start", "end"]
        widgets = {"quote": forms.Textarea(attrs={"rows": 2, "cols": 60})}


class AppearanceInline(GuardedInlineMixin, NestedTabularInline):
    model = Appearance
    form = AppearanceForm
    extra = 0
    autocomplete_fields = ["article"]


class AttributionInline(GuardedInlineMixin, NestedTabularInline):
    model = Attribution
    fields = ["source", "role", "described_as", "article"]
    extra = 0
    autocomplete_fields = ["source", "article"]


class EvidenceInline(GuardedInlineMixin, NestedTabularInline):
    model = Evidence
    fields = ["stance", "source", "url", "title", "quote", "accessed_on", "position"]
    extra = 0
    autocomplete_fields = ["source"]
    formfield_overrides = {Evidence._meta.get_field("quote"): {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


class VerdictInline(GuardedInlineMixin, NestedStackedInline):
    model = Verdict
    form = VerdictInlineForm
    readonly_fields = ["editor"]
    extra = 0
    max_num = 1
    can_delete = False
    autocomplete_fields = ["reviewer"]
    inlines = [EvidenceInline]

    def get_fields(self, request, obj=None):
        fields = ["rating", "summary", "explanation", "reviewer", "editor", "expected_version"]
        if obj is not None and obj.is_public:
            fields += ["correction_note", "minor"]
        return fields


# ---------------------------------------------------------------------------------------------------
# Claims
# ---------------------------------------------------------------------------------------------------

TRANSITION_TEXT = {
    "start_research": (_("Start research"), _("Move the claim into research."), ClaimStatus.IN_RESEARCH),
    "submit_for_review": (
        _("Submit for review"),
        _("Hand the claim and its verdict to an editor for approval."),
        ClaimStatus.IN_REVIEW,
    ),
    "request_changes": (
        _("Request changes"),
        _("Send the claim back to research. Your note tells the reviewer what to change."),
        ClaimStatus.IN_RESEARCH,
    ),
    "publish": (
        _("Approve and publish"),
        _(
            "Publish the verdict: it appears on the public site, in the API and the feeds, and partners "
            "are notified. You cannot approve a verdict you wrote."
        ),
        ClaimStatus.PUBLISHED,
    ),
    "retract": (
        _("Retract"),
        _("Withdraw the verdict. Its page stays, with a retraction notice and your reason; partners are notified."),
        ClaimStatus.RETRACTED,
    ),
}
NOTE_REQUIRED = {"request_changes": _("What should change?"), "retract": _("Reason (shown publicly)")}


class TransitionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_("Kept in the claim's workflow log."),
    )

    def __init__(self, *args, required_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if required_label:
            self.fields["note"].required = True
            self.fields["note"].label = required_label


class MyWorkFilter(admin.SimpleListFilter):
    title = _("my work")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        choices = [("assigned", _("Assigned to me")), ("returned", _("Sent back to me"))]
        if _is_editor(request.user):
            choices.insert(1, ("review", _("Awaiting my review")))
        return choices

    def queryset(self, request, queryset):
        user = request.user
        open_work = Q(status__in=services.PRE_PUBLIC_STATUSES)
        if self.value() == "assigned":
            return queryset.filter(open_work & (Q(reviewer=user) | Q(editor=user)))
        if self.value() == "review":
            if not _is_editor(user):
                return queryset.none()
            return queryset.filter(Q(status=ClaimStatus.IN_REVIEW) & (Q(editor=user) | Q(editor__isnull=True))).exclude(
                verdict__reviewer=user
            )
        if self.value() == "returned":
            return queryset.filter(
                status=ClaimStatus.IN_RESEARCH,
                reviewer=user,
                status_changes__from_status=ClaimStatus.IN_REVIEW,
                status_changes__to_status=ClaimStatus.IN_RESEARCH,
            ).distinct()
        return queryset


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


class ServiceErrorsAsMessagesMixin:
    """A rule broken between the form check and the save (a race) rolls back and becomes a message."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.ClaimError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        try:
            with transaction.atomic():
                response = super().history_form_view(request, object_id, version_id, extra_context)
        except services.ClaimError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        if request.method == "POST" and response.status_code == 302:
            obj = self.model.objects.get(pk=unquote(object_id))
            record = obj.history.filter(history_id=version_id).first() if hasattr(obj, "history") else None
            if record is not None and obj.history.latest().history_id != int(version_id):
                update_change_reason(obj, f"Reverted to the version of {record.history_date:%Y-%m-%d %H:%M:%S}")
        return response


@admin.register(Claim)
class ClaimAdmin(
    ClaimCSVAdminMixin, ServiceErrorsAsMessagesMixin, HistoryCompareMixin, NestedModelAdminMixin, SimpleHistoryAdmin
):
    form = ClaimAdminForm
    list_display = ["short_text", "verdict_badge", "status", "claim_date", "reviewer", "editor", "updated_at"]
    list_filter = [
        MyWorkFilter,
        "status",
        "verdict__rating",
        PublisherFilter,
        "tags",
        "language",
        "claim_date",
        "is_demo",
    ]
    search_fields = ["text", "slug", "verdict__summary"]
    date_hierarchy = "claim_date"
    autocomplete_fields = ["tags", "reviewer", "editor"]
    prepopulated_fields = {"slug": ["text"]}
    readonly_fields = [
        "status",
        "workflow_log",
        "first_published_at",
        "published_at",
        "retracted_at",
        "retraction_reason",
        "created_at",
        "updated_at",
        "version",
    ]
    fieldsets = [
        (None, {"fields": ["text", "slug", "claim_date", "language", "tags", "expected_version"]}),
        (_("Workflow"), {"fields": ["status", "reviewer", "editor", "is_demo", "workflow_log"]}),
        (
            _("Dates"),
            {
                "fields": [
                    "created_at",
                    "updated_at",
                    "first_published_at",
                    "published_at",
                    "retracted_at",
                    "retraction_reason",
                    "version",
                ],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [AppearanceInline, AttributionInline, VerdictInline]
    list_select_related = ["verdict__rating", "reviewer", "editor"]
    list_per_page = 50
    actions = ["take_claims", "start_research"]

    @admin.display(description=_("claim"), ordering="text")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 90 else obj.text[:89] + "…"

    @admin.display(description=_("verdict"), ordering="verdict__rating__position")
    def verdict_badge(self, obj):
        verdict = getattr(obj, "verdict", None)
        return rating_badge(verdict.rating if verdict else None)

    @admin.display(description=_("workflow log"))
    def workflow_log(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        changes = obj.status_changes.select_related("user").order_by("-created_at", "-id")[:30]
        rows = format_html_join(
            "",
            "<li>{} · {} · {} → {}{}</li>",
            (
                (
                    f"{c.created_at:%Y-%m-%d %H:%M}",
                    services.user_label(c.user),
                    c.get_from_status_display() or "—",
                    c.get_to_status_display(),
                    f" — {c.note}" if c.note else "",
                )
                for c in changes
            ),
        )
        return format_html('<ul class="fc-workflow-log">{}</ul>', rows)

    # --- permissions ---

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == ClaimStatus.RETRACTED:
            return False  # a retracted claim is a closed record; its history stays browsable
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_public:
            return False  # retract instead: the public and partners link to it
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # it would skip the per-claim "never delete published" rule
        return actions

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_public:
            fields += ["text", "slug"]
        if not _is_editor(request.user):
            fields += ["reviewer", "editor"]  # reviewers take claims with the action or by starting research
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and obj.is_public else super().get_prepopulated_fields(request, obj)

    # --- saving through the services ---

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in services.CLAIM_FIELDS if name in form.cleaned_data}
        if "tags" in data:
            data["tags"] = list(data["tags"])
        if not change:
            claim = services.claim_create(
                text=data["text"],
                slug=data.get("slug", ""),
                claim_date=data.get("claim_date"),
                language=data.get("language", "en"),
                tags=[tag.name for tag in data.get("tags", [])],
                user=request.user,
                is_demo=data.get("is_demo", False),
            )
            assign = {k: data[k] for k in ("reviewer", "editor") if data.get(k) is not None}
            if assign:
                claim = services.claim_assign(claim=claim, by=request.user, **assign)
        else:
            claim = services.claim_update(
                claim=obj, user=request.user, expected_version=form.cleaned_data.get("expected_version"), **data
            )
        # Django goes on with OBJ (inlines hang on it): give it what the service saved.
        obj.pk, obj.version, obj.status = claim.pk, claim.version, claim.status
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        # Tags were saved by the service; the inlines are saved below, each through its rule.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Verdict:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            for verdict_form in formset.forms:
                if not verdict_form.has_changed():
                    continue
                created = verdict_form.instance.pk is None
                verdict = _save_verdict_form(request, verdict_form, formset.instance)
                if created:
                    formset.new_objects.append(verdict)
                else:
                    formset.changed_objects.append((verdict, list(verdict_form.changed_data)))
            return
        formset.save()
        claim = _claim_of(formset.instance)
        if (
            claim is not None
            and claim.is_public
            and (formset.new_objects or formset.changed_objects or formset.deleted_objects)
        ):
            public_state_changed()

    # --- workflow buttons ---

    def get_urls(self):
        return [
            path(
                "<path:object_id>/workflow/<str:name>/",
                self.admin_site.admin_view(self.transition_view),
                name="claims_claim_transition",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if claim is not None:
            extra_context["workflow_actions"] = [
                {
                    "name": name,
                    "label": TRANSITION_TEXT[name][0],
                    "url": reverse("admin:claims_claim_transition", args=[claim.pk, name]),
                }
                for name in services.allowed_transitions(claim=claim, user=request.user)
            ]
        return super().change_view(request, object_id, form_url, extra_context)

    def transition_view(self, request, object_id, name):
        claim = self.get_object(request, unquote(object_id))
        if claim is None or name not in TRANSITION_TEXT:
            raise Http404
        if name not in services.allowed_transitions(claim=claim, user=request.user):
            raise PermissionDenied
        label, help_text, target = TRANSITION_TEXT[name]
        form = TransitionForm(request.POST or None, required_label=NOTE_REQUIRED.get(name))
        error = None
        if request.method == "POST" and form.is_valid():
            try:
                services.claim_transition(claim=claim, user=request.user, name=name, note=form.cleaned_data["note"])
            except services.ClaimError as exc:
                error = str(exc)
            else:
                claim.refresh_from_db()
                self.message_user(
                    request, _("%(claim)s: now %(status)s.") % {"claim": claim, "status": claim.get_status_display()}
                )
                return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"{label}?",
            "opts": self.model._meta,
            "original": claim,
            "action_label": label,
            "action_help": help_text,
            "target_status": ClaimStatus(target).label,
            "form": form,
            "error": error,
            "missing": services.publish_prerequisites(claim) if name == "publish" else [],
        }
        return TemplateResponse(request, "admin/claims/claim/transition_confirm.html", context)

    # --- bulk actions: each claim through its service, so a refusal skips that claim only ---

    def _each(self, request, queryset, run, done_message):
        done, refused = 0, []
        for claim in queryset:
            try:
                run(claim)
            except services.ClaimError as exc:
                refused.append(f"{claim}: {exc}")
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"n": done}, messages.SUCCESS)
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(description=_("Take the selected claims (assign me as reviewer)"), permissions=["change"])
    def take_claims(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda claim: services.claim_assign(claim=claim, by=request.user, reviewer=request.user),
            _("%(n)d claims assigned to you."),
        )

    @admin.action(description=_("Start research on the selected drafts"), permissions=["change"])
    def start_research(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda claim: services.claim_start_research(claim=claim, user=request.user),
            _("%(n)d claims moved into research."),
        )

    class Media:
        css = {"all": ["claims/admin.css"]}


# ---------------------------------------------------------------------------------------------------
# Verdicts and the claim's parts on their own pages
# ---------------------------------------------------------------------------------------------------


class VerdictAdminForm(VerdictFormMixin):
    class Meta:
        model = Verdict
        fields = ["claim", "rating", "summary", "explanation", "reviewer"]


@admin.register(Verdict)
class VerdictAdmin(ServiceErrorsAsMessagesMixin, HistoryCompareMixin, NestedModelAdminMixin, SimpleHistoryAdmin):
    form = VerdictAdminForm
    list_display = ["claim", "rating_badge", "summary", "reviewer", "editor", "updated_at"]
    list_filter = ["rating"]
    search_fields = ["summary", "explanation", "claim__text"]
    autocomplete_fields = ["claim", "reviewer"]
    readonly_fields = ["editor", "version"]
    list_select_related = ["claim", "rating", "reviewer", "editor"]
    inlines = [EvidenceInline]

    def get_fields(self, request, obj=None):
        fields = ["claim", "rating", "summary", "explanation", "reviewer", "editor", "expected_version"]
        if obj is not None and obj.claim.is_public:
            fields += ["correction_note", "minor"]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "claim"] if obj is not None else self.readonly_fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and (
            obj.claim.status == ClaimStatus.RETRACTED or (obj.claim.is_public and not _is_editor(request.user))
        ):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.claim.is_public:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        claim = obj.claim if not change else Claim.objects.get(pk=obj.claim_id)
        _save_verdict_form(request, form, claim)

    def save_formset(self, request, form, formset, change):
        formset.save()
        if formset.instance.claim.is_public and (
            formset.new_objects or formset.changed_objects or formset.deleted_objects
        ):
            public_state_changed()

    @admin.display(description=_("rating"), ordering="rating__position")
    def rating_badge(self, obj):
        return rating_badge(obj.rating)

    class Media:
        css = {"all": ["claims/admin.css"]}


class ClaimPartAdmin(HistoryCompareMixin, SimpleHistoryAdmin):
    """Evidence, appearances and attributions: editors only once the claim is public, nobody once retracted."""

    def _claim(self, obj):
        return obj.verdict.claim if isinstance(obj, Evidence) else obj.claim

    def _editable(self, request, obj):
        if obj is None:
            return True
        claim = self._claim(obj)
        return claim.status != ClaimStatus.RETRACTED and (not claim.is_public or _is_editor(request.user))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._editable(request, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if self._claim(obj).is_public:
            public_state_changed()

    def delete_model(self, request, obj):
        public = self._claim(obj).is_public
        super().delete_model(request, obj)
        if public:
            public_state_changed()


@admin.register(Appearance)
class AppearanceAdmin(ClaimPartAdmin):
    form = AppearanceForm
    list_display = ["quote", "claim", "article", "start", "end"]
    search_fields = ["quote", "claim__text", "article__title"]
    autocomplete_fields = ["claim", "article"]
    list_select_related = ["claim", "article"]

    def get_fields(self, request, obj=None):
        return ["claim", *AppearanceForm.Meta.fields]


@admin.register(Attribution)
class AttributionAdmin(ClaimPartAdmin):
    list_display = ["source", "role", "described_as", "claim"]
    list_filter = ["role"]
    search_fields = ["source__name", "described_as", "claim__text"]
    autocomplete_fields = ["claim", "source", "article"]
    list_select_related = ["source", "claim"]


@admin.register(Evidence)
class EvidenceAdmin(ClaimPartAdmin):
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
    """The correction log. Corrections are made by editing a published verdict, never added here."""

    list_display = ["claim", "note", "minor", "user", "created_at"]
    list_filter = ["minor"]
    date_hierarchy = "created_at"
    list_select_related = ["claim", "user"]
    search_fields = ["note", "claim__text"]
    fields = ["claim", "note", "minor", "user", "created_at"]
    readonly_fields = ["claim", "user", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # an honest correction log keeps every entry

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        public_state_changed()


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


# Articles and sources keep their history too; give their history pages the version comparison.
for _model in (Article, Source):
    _base = type(admin.site._registry[_model])
    if not issubclass(_base, HistoryCompareMixin):
        admin.site.unregister(_model)
        admin.site.register(_model, type(_base.__name__, (HistoryCompareMixin, _base), {}))
