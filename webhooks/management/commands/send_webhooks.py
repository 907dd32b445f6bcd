from django.core.management.base import BaseCommand

from webhooks.models import DeliveryStatus
from webhooks.services import webhook_attempt, webhook_deliveries_due


class Command(BaseCommand):
    help = "Send webhook deliveries that are due now (after a broker outage, or from cron without a worker)."

    def handle(self, *args, **options):
        counts = {}
        for delivery in webhook_deliveries_due().select_related("subscription__partner"):
            webhook_attempt(delivery=delivery)
            counts[delivery.status] = counts.get(delivery.status, 0) + 1
        summary = ", ".join(f"{n} {DeliveryStatus(status).label.lower()}" for status, n in counts.items())
        self.stdout.write(summary or "No deliveries due.")
