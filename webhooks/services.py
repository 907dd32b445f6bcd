"""Partner webhooks: deliveries are created and sent only after the change that caused them commits.

Nothing here may block or undo an editorial action: scheduling runs in a robust on-commit hook, the
HTTP work runs in a Celery task, and every failure is logged on the delivery, then retried with backoff.
"""

import json
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch
from django.utils import timezone

from webhooks import signing, transport
from webhooks.models import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)

# Seconds to wait before attempts 2, 3, ...; after the last one the delivery is given up.
BACKOFF_SECONDS = (30, 120, 600, 3600, 6 * 3600)
MAX_ATTEMPTS = len(BACKOFF_SECONDS) + 1
TIMEOUT_SECONDS = 10


def backoff_seconds(attempt_count: int) -> int:
    return BACKOFF_SECONDS[min(attempt_count, len(BACKOFF_SECONDS)) - 1]


def webhook_event_schedule(*, event: str, claim) -> None:
    """Call inside the service's transaction: deliveries start after commit, never on rollback."""
    claim_pk = claim.pk
    transaction.on_commit(lambda: _deliveries_start(event=event, claim_pk=claim_pk), robust=True)


def _deliveries_start(*, event: str, claim_pk: int) -> None:
    from claims.models import Claim

    try:
        deliveries = webhook_deliveries_create(event=event, claim=Claim.objects.get(pk=claim_pk))
    except Exception:
        logger.exception("Could not create webhook deliveries for %s of claim %s", event, claim_pk)
        return
    for delivery in deliveries:
        webhook_delivery_enqueue(delivery=delivery)


def _claim_url(claim) -> str:
    try:
        path = claim.get_absolute_url()
    except NoReverseMatch:
        path = f"/claims/{claim.slug}/"
    return settings.SITE_URL + path


def webhook_payload(*, event: str, claim, delivery_id: str) -> dict:
    verdict = getattr(claim, "verdict", None)
    rating = verdict.rating if verdict else None
    payload = {
        "id": delivery_id,
        "event": event,
        "created_at": timezone.now().isoformat(),
        "claim": {
            "id": claim.pk,
            "slug": claim.slug,
            "url": _claim_url(claim),
            "text": claim.text,
            "status": claim.status,
            "claim_date": claim.claim_date.isoformat() if claim.claim_date else None,
            "first_published_at": claim.first_published_at.isoformat() if claim.first_published_at else None,
            "published_at": claim.published_at.isoformat() if claim.published_at else None,
            "rating": {"slug": rating.slug, "label": rating.label, "value": rating.value} if rating else None,
            "summary": verdict.summary if verdict else "",
        },
    }
    if event == "corrected":
        correction = claim.corrections.filter(minor=False).order_by("-created_at", "-id").first()
        payload["correction"] = (
            {"note": correction.note, "created_at": correction.created_at.isoformat()} if correction else None
        )
    if event == "retracted":
        payload["retraction"] = {
            "reason": claim.retraction_reason,
            "retracted_at": claim.retracted_at.isoformat() if claim.retracted_at else None,
        }
    return payload


@transaction.atomic
def webhook_deliveries_create(*, event: str, claim) -> list[WebhookDelivery]:
    """One delivery per active subscription of an active partner that wants EVENT."""
    subscriptions = WebhookSubscription.objects.filter(is_active=True, partner__is_active=True).select_related(
        "partner"
    )
    deliveries = []
    for subscription in subscriptions:
        if not subscription.wants(event):
            continue
        delivery = WebhookDelivery(subscription=subscription, event=event, claim=claim)
        delivery.body = json.dumps(
            webhook_payload(event=event, claim=claim, delivery_id=str(delivery.pk)), ensure_ascii=False
        )
        delivery.save()
        deliveries.append(delivery)
    return deliveries


def webhook_delivery_enqueue(*, delivery: WebhookDelivery, countdown: int = 0) -> None:
    """Hand the delivery to a worker. If the broker is down it stays pending for `send_webhooks`."""
    from webhooks.tasks import deliver_webhook

    try:
        deliver_webhook.apply_async((str(delivery.pk),), countdown=countdown, retry=False)
    except Exception:
        logger.exception("Could not queue webhook delivery %s; `manage.py send_webhooks` will send it", delivery.pk)


def webhook_attempt(*, delivery: WebhookDelivery) -> WebhookAttempt | None:
    """POST the delivery once, log the attempt, and decide: delivered, retry later, or give up."""
    subscription = delivery.subscription
    now = timezone.now()
    if not (subscription.is_active and subscription.partner.is_active):
        delivery.status = DeliveryStatus.SKIPPED
        delivery.next_attempt_at = None
        delivery.save(update_fields=["status", "next_attempt_at"])
        return None
    body = delivery.body.encode()
    headers = signing.signed_headers(
        secret=subscription.secret, body=body, event=delivery.event, delivery_id=str(delivery.pk)
    )
    status_code, response_body, error = None, "", ""
    try:
        status_code, response_body = transport.send(
            url=subscription.url, body=body, headers=headers, timeout=TIMEOUT_SECONDS
        )
    except Exception as exc:  # network errors, timeouts, bad URLs: all mean "try again later"
        error = f"{type(exc).__name__}: {exc}"
    succeeded = status_code is not None and 200 <= status_code < 300
    if status_code is not None and not succeeded:
        error = f"HTTP {status_code}"
    delivery.attempt_count += 1
    attempt = WebhookAttempt.objects.create(
        delivery=delivery,
        number=delivery.attempt_count,
        sent_at=now,
        status_code=status_code,
        response_body=(response_body or "")[:2000],
        error=error,
        succeeded=succeeded,
    )
    if succeeded:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = DeliveryStatus.DELIVERED, now, None
    elif delivery.attempt_count >= MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
    else:
        delivery.status = DeliveryStatus.RETRYING
        delivery.next_attempt_at = now + timedelta(seconds=backoff_seconds(delivery.attempt_count))
    delivery.save(update_fields=["status", "attempt_count", "delivered_at", "next_attempt_at"])
    return attempt


# A delivery this late was lost (broker down, worker killed): the sweep sends it. The margin keeps the
# sweep from racing a retry that the worker has scheduled and is about to run.
SWEEP_GRACE_SECONDS = 600


def webhook_deliveries_due(*, now=None, grace_seconds: int = SWEEP_GRACE_SECONDS):
    """Deliveries a worker should have sent more than GRACE_SECONDS ago."""
    cutoff = (now or timezone.now()) - timedelta(seconds=grace_seconds)
    return WebhookDelivery.objects.filter(
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING], created_at__lte=cutoff
    ).exclude(next_attempt_at__gt=cutoff)


def webhook_deliveries_sweep(*, grace_seconds: int = SWEEP_GRACE_SECONDS) -> dict[str, int]:
    """Send every lost delivery once, now; returns how many ended in each status."""
    counts: dict[str, int] = {}
    for delivery in webhook_deliveries_due(grace_seconds=grace_seconds).select_related("subscription__partner"):
        webhook_attempt(delivery=delivery)
        counts[delivery.status] = counts.get(delivery.status, 0) + 1
    return counts
