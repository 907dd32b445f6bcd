from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from intake.fetch import FetchError, fetch_url
from intake.services import claimreviews_import


class Command(BaseCommand):
    help = (
        "Import other fact-checkers' ClaimReview markup (JSON-LD, a list, @graph, a DataFeed, or an HTML page "
        "with JSON-LD) from a FILE or a URL. All or none: one bad item and nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("location", help="A file path or an http(s) URL.")
        parser.add_argument("--language", default="", help="Language of new draft claims when the review has none.")

    def handle(self, *args, location, language="", **options):
        if location.startswith(("http://", "https://")):
            try:
                data = fetch_url(location).content
            except FetchError as exc:
                raise CommandError(str(exc)) from exc
        else:
            path = Path(location)
            if not path.is_file():
                raise CommandError(f"No such file: {location}")
            data = path.read_bytes()
        result = claimreviews_import(data=data, language=language)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Nothing imported: {len(result.errors)} problem(s) in {location}.")
        for review in result.saved:
            mapped = review.rating.label if review.rating else "UNMAPPED, needs a reviewer"
            self.stdout.write(f"  {review.publisher}: {review.claim_reviewed[:70]} → {mapped}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result.created)} review(s) created, {len(result.updated)} updated, "
                f"{len(result.new_claims)} new draft claim(s)."
            )
        )
