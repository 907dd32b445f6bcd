from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.services import ClaimError
from intake.services import article_import


class Command(BaseCommand):
    help = "Import an article from a URL or a saved HTML (or .txt) file, and propose its claims."

    def add_arguments(self, parser):
        parser.add_argument("location", help="An http(s) URL or a file path.")
        parser.add_argument("--url", default="", help="The article's URL, when the saved file does not say.")
        parser.add_argument("--title", default="", help="The title, overriding the one found.")

    def handle(self, *args, location, url="", title="", **options):
        try:
            if location.startswith(("http://", "https://")):
                result = article_import(url=location, title=title)
            else:
                path = Path(location)
                if not path.is_file():
                    raise CommandError(f"No such file: {location}")
                if path.suffix.lower() in (".txt", ".md"):
                    result = article_import(text=path.read_text(), url=url, title=title)
                else:
                    result = article_import(html=path.read_bytes(), url=url, title=title)
        except ClaimError as exc:
            raise CommandError(str(exc)) from exc
        article = result.article
        self.stdout.write(result.message)
        self.stdout.write(f"  {article.url}")
        if result.created:
            count = article.claim_suggestions.count()
            self.stdout.write(self.style.SUCCESS(f"{count} claim suggestion(s) to review."))
