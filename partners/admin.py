from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from partners.models import ApiKey, Partner
from partners.services import ApiKeyError, api_key_create, api_key_revoke


class ApiKeyInline(admin.TabularInline):
    model = ApiKey
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["name", "prefix", "rate_per_minute", "created_at", "revoked_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False  # keys are created on their own page, where the secret is shown once


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "contact_email", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "contact_name", "contact_email"]
    inlines = [ApiKeyInline]


class ApiKeyForm(forms.ModelForm):
    class Meta:
        model = ApiKey
        fields = ["partner", "name", "contact_name", "contact_email", "rate_per_minute"]

    def clean_partner(self):
        partner = self.cleaned_data["partner"]
        if self.instance.pk is None and partner is not None and not partner.is_active:
            raise forms.ValidationError(_("This partner is inactive: reactivate it before issuing keys."))
        return partner


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    form = ApiKeyForm
    list_display = ["name", "partner", "prefix", "rate_per_minute", "created_at", "revoked_at"]
    list_filter = ["partner", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "partner__name", "contact_email"]
    list_select_related = ["partner"]
    readonly_fields = ["prefix", "created_at", "created_by", "revoked_at", "revoked_by"]
    actions = ["revoke_keys"]

    def get_fields(self, request, obj=None):
        fields = ["partner", "name", "contact_name", "contact_email", "rate_per_minute"]
        return fields if obj is None else fields + self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["partner", *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        try:
            api_key, raw_key = api_key_create(
                partner=obj.partner,
                name=obj.name,
                contact_name=obj.contact_name,
                contact_email=obj.contact_email,
                rate_per_minute=obj.rate_per_minute,
                user=request.user,
            )
        except ApiKeyError as exc:
            raise ValueError(str(exc)) from exc
        obj.pk = api_key.pk
        obj.prefix, obj.hashed_key = api_key.prefix, api_key.hashed_key
        messages.warning(
            request,
            _("The new key is %(key)s — copy it now: it is stored hashed and will not be shown again.")
            % {"key": raw_key},
        )

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the row stays as a record of who had access

    @admin.action(description=_("Revoke selected keys"), permissions=["change"])
    def revoke_keys(self, request, queryset):
        revoked = 0
        for api_key in queryset.filter(revoked_at__isnull=True):
            try:
                api_key_revoke(api_key=api_key, user=request.user)
                revoked += 1
            except ApiKeyError as exc:
                self.message_user(request, str(exc), messages.ERROR)
        self.message_user(request, _("%(n)d key(s) revoked.") % {"n": revoked}, messages.SUCCESS)
