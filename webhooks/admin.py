from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
    new_secret,
)
from webhooks.services import webhook_delivery_enqueue


class WebhookSubscriptionForm(forms.ModelForm):
    events = forms.MultipleChoiceField(choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = WebhookSubscription
        fields = ["partner", "url", "events", "is_active", "description"]


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    form = WebhookSubscriptionForm
    list_display = ["url", "partner", "event_list", "is_active", "created_at"]
    list_filter = ["is_active", ("partner", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["url", "partner__name", "description"]
    list_select_related = ["partner"]
    readonly_fields = ["secret", "created_at"]
    actions = ["disable", "enable", "rotate_secret"]

    def get_fields(self, request, obj=None):
        fields = ["partner", "url", "events", "is_active", "description"]
        return [*fields, "secret", "created_at"] if obj else fields

    @admin.display(description=_("events"))
    def event_list(self, obj):
        return ", ".join(obj.events)

    @admin.action(description=_("Disable the selected subscriptions"), permissions=["change"])
    def disable(self, request, queryset):
        self.message_user(request, _("%d disabled.") % queryset.update(is_active=False))

    @admin.action(description=_("Enable the selected subscriptions"), permissions=["change"])
    def enable(self, request, queryset):
        self.message_user(request, _("%d enabled.") % queryset.update(is_active=True))

    @admin.action(description=_("Give the selected subscriptions a new secret"), permissions=["change"])
    def rotate_secret(self, request, queryset):
        # One by one: each subscription gets its own secret. Partners must be given the new one.
        for subscription in queryset:
            subscription.secret = new_secret()
            subscription.save(update_fields=["secret"])
        self.message_user(request, _("%d new secrets: send each partner theirs.") % queryset.count(), messages.WARNING)


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    fields = ["number", "sent_at", "status_code", "succeeded", "error", "response_body"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log: read-only, with every attempt; failed deliveries can be sent again."""

    list_display = ["created_at", "event", "subscription", "claim", "status", "attempt_count", "delivered_at"]
    list_filter = ["status", "event", ("subscription__partner", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["subscription__url", "subscription__partner__name", "claim__slug"]
    date_hierarchy = "created_at"
    list_select_related = ["subscription__partner", "claim"]
    fields = [
        "id",
        "subscription",
        "event",
        "claim",
        "status",
        "attempt_count",
        "next_attempt_at",
        "delivered_at",
        "body",
    ]
    readonly_fields = fields
    inlines = [WebhookAttemptInline]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the selected failed deliveries again"), permissions=["view"])
    def send_again(self, request, queryset):
        # Safe in bulk: only deliveries that gave up are touched, and a delivery is never sent twice at once.
        failed = list(queryset.filter(status=DeliveryStatus.FAILED))
        for delivery in failed:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.RETRYING, timezone.now()
            delivery.save(update_fields=["status", "next_attempt_at"])
            webhook_delivery_enqueue(delivery=delivery)
        skipped = queryset.count() - len(failed)
        self.message_user(request, _("%(n)d queued again.") % {"n": len(failed)}, messages.SUCCESS)
        if skipped:
            self.message_user(request, _("%(n)d skipped: only failed deliveries are sent again.") % {"n": skipped})
