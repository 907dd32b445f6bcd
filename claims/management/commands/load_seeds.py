from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.seeding import SeedError, load_seeds


class Command(BaseCommand):
    help = "Load the demo data set from seeds/ (idempotent: a second run changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(Path(settings.BASE_DIR) / "seeds"), help="Folder of *.yaml seeds")

    def handle(self, *args, path, **options):
        try:
            report = load_seeds(Path(path))
        except SeedError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc
        if not report.changed:
            self.stdout.write("Seeds already loaded: nothing changed.")
            return
        for label, counts in (("created", report.created), ("updated", report.updated)):
            if counts:
                summary = ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))
                self.stdout.write(self.style.SUCCESS(f"Seeds {label}: {summary}"))
