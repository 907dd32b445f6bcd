"""Partner webhooks: where to POST which events, and a log of every delivery and attempt."""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    PUBLISHED = "published", _("A verdict was published")
    CORRECTED = "corrected", _("A published verdict was corrected")
    RETRACTED = "retracted", _("A published verdict was retracted")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookSubscription(models.Model):
    """A partner's endpoint and the events it wants. Deliveries are signed with its secret."""

    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, related_name="webhook_subscriptions")
    url = models.URLField(max_length=500, help_text=_("HTTPS endpoint that receives the signed POSTs."))
    # A list of WebhookEvent values; a JSON list works on SQLite and PostgreSQL alike.
    events = models.JSONField(default=list, help_text=_("The events to send: published, corrected, retracted."))
    secret = models.CharField(
        max_length=100, default=new_secret, help_text=_("Shared secret for the X-Factcheck-Signature HMAC.")
    )
    is_active = models.BooleanField(default=True, help_text=_("Disabled endpoints receive nothing."))
    description = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["partner__name", "url"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "url"],
                name="webhook_subscription_unique_url",
                violation_error_message=_("This partner already has a subscription for this URL."),
            )
        ]

    def __str__(self):
        return f"{self.partner}: {self.url}"

    def clean(self):
        if self.url and not self.url.startswith("https://") and not settings.DEBUG:
            raise ValidationError({"url": _("Use an https:// address: deliveries carry a signature, not secrecy.")})
        if not isinstance(self.events, list) or not self.events:
            raise ValidationError({"events": _("Choose at least one event.")})
        unknown = sorted(set(self.events) - set(WebhookEvent.values))
        if unknown:
            raise ValidationError({"events": _("Unknown events: %s.") % ", ".join(unknown)})

    def wants(self, event: str) -> bool:
        return self.is_active and self.partner.is_active and event in self.events


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    RETRYING = "retrying", _("Failed, will retry")
    FAILED = "failed", _("Failed, gave up")
    SKIPPED = "skipped", _("Skipped (endpoint disabled)")


class WebhookDelivery(models.Model):
    """One event for one subscription. The body is fixed when the event happens; each attempt re-signs it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    subscription = models.ForeignKey(WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=20, choices=WebhookEvent.choices)
    claim = models.ForeignKey("claims.Claim", null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(help_text=_("The exact JSON body that is signed and sent."))
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempt_count = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.event} → {self.subscription.url}"


class WebhookAttempt(models.Model):
    """One POST of a delivery and what came back."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True, help_text=_("The first 2000 characters of the response."))
    error = models.TextField(blank=True)
    succeeded = models.BooleanField(default=False)

    class Meta:
        ordering = ["delivery_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="webhook_attempt_unique_number"),
        ]

    def __str__(self):
        return f"#{self.number}: {self.status_code or self.error[:40]}"
