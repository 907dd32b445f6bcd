from django.core.management.base import BaseCommand

from webhooks.models import DeliveryStatus
from webhooks.services import SWEEP_GRACE_SECONDS, webhook_deliveries_sweep


class Command(BaseCommand):
    help = "Send webhook deliveries that a worker should have sent by now (after a broker outage, or from cron)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace-seconds",
            type=int,
            default=SWEEP_GRACE_SECONDS,
            help=f"Only deliveries overdue by this much (default {SWEEP_GRACE_SECONDS}); 0 sends all due now.",
        )

    def handle(self, *args, grace_seconds, **options):
        counts = webhook_deliveries_sweep(grace_seconds=grace_seconds)
        summary = ", ".join(f"{n} {DeliveryStatus(status).label.lower()}" for status, n in counts.items())
        self.stdout.write(summary or "No deliveries due.")
