from factcheck.celery import app
from webhooks.models import DeliveryStatus, WebhookDelivery
from webhooks.services import MAX_ATTEMPTS, backoff_seconds, webhook_attempt, webhook_deliveries_sweep


@app.task(bind=True, max_retries=MAX_ATTEMPTS - 1, acks_late=True, ignore_result=True)
def deliver_webhook(self, delivery_id: str) -> str:
    """Send one delivery; on failure, retry with backoff until it succeeds or MAX_ATTEMPTS is reached."""
    delivery = WebhookDelivery.objects.select_related("subscription__partner").filter(pk=delivery_id).first()
    if delivery is None or delivery.status not in (DeliveryStatus.PENDING, DeliveryStatus.RETRYING):
        return "nothing to do"
    webhook_attempt(delivery=delivery)
    if delivery.status == DeliveryStatus.RETRYING:
        raise self.retry(countdown=backoff_seconds(delivery.attempt_count))
    return delivery.status


@app.task(ignore_result=True)
def sweep_webhooks() -> None:
    """Run by celery beat (CELERY_BEAT_SCHEDULE): sends deliveries lost to a broker outage or a dead worker."""
    webhook_deliveries_sweep()
