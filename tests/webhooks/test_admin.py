import pytest
from django.urls import reverse

from tests.factories import published_claim
from webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from webhooks.services import webhook_attempt, webhook_deliveries_create

pytestmark = pytest.mark.django_db


def test_an_editor_registers_a_partner_webhook_for_chosen_events(editor_client, partner):
    response = editor_client.post(
        reverse("admin:webhooks_webhooksubscription_add"),
        {
            "partner": partner.pk,
            "url": "https://hooks.example/in",
            "events": ["published", "retracted"],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    subscription = WebhookSubscription.objects.get()
    assert subscription.events == ["published", "retracted"]
    assert len(subscription.secret) >= 32
    page = editor_client.get(reverse("admin:webhooks_webhooksubscription_change", args=[subscription.pk]))
    assert subscription.secret in page.content.decode()  # to hand to the partner


def test_a_subscription_without_events_is_a_form_error(editor_client, partner):
    response = editor_client.post(
        reverse("admin:webhooks_webhooksubscription_add"),
        {"partner": partner.pk, "url": "https://hooks.example/in", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()


def test_each_attempt_is_visible_on_the_delivery_page(editor_client, subscription, transport):
    transport.responses = [500]
    [delivery] = webhook_deliveries_create(event="published", claim=published_claim())
    webhook_attempt(delivery=delivery)
    webhook_attempt(delivery=delivery)
    listing = editor_client.get(reverse("admin:webhooks_webhookdelivery_changelist"))
    assert listing.status_code == 200
    page = editor_client.get(reverse("admin:webhooks_webhookdelivery_change", args=[delivery.pk])).content.decode()
    assert "HTTP 500" in page
    assert "nope" in page  # the response body of the failed attempt


def test_only_failed_deliveries_are_sent_again_in_bulk(editor_client, subscription, transport):
    claim = published_claim()
    [failed] = webhook_deliveries_create(event="published", claim=claim)
    [delivered] = webhook_deliveries_create(event="retracted", claim=claim)
    WebhookDelivery.objects.filter(pk=failed.pk).update(status=DeliveryStatus.FAILED)
    WebhookDelivery.objects.filter(pk=delivered.pk).update(status=DeliveryStatus.DELIVERED)
    response = editor_client.post(
        reverse("admin:webhooks_webhookdelivery_changelist"),
        {"action": "send_again", "_selected_action": [str(failed.pk), str(delivered.pk)]},
        follow=True,
    )
    assert "1 skipped" in response.content.decode()
    assert WebhookDelivery.objects.get(pk=failed.pk).status == DeliveryStatus.DELIVERED
    assert len(transport.requests) == 1


def test_a_reviewer_cannot_see_partner_webhooks(reviewer_client, subscription):
    assert reviewer_client.get(reverse("admin:webhooks_webhooksubscription_changelist")).status_code == 403
    assert reviewer_client.get(reverse("admin:webhooks_webhookdelivery_changelist")).status_code == 403


def test_rotating_a_secret_gives_a_new_one(editor_client, subscription):
    old = subscription.secret
    editor_client.post(
        reverse("admin:webhooks_webhooksubscription_changelist"),
        {"action": "rotate_secret", "_selected_action": [subscription.pk]},
    )
    subscription.refresh_from_db()
    assert subscription.secret != old and len(subscription.secret) >= 32
