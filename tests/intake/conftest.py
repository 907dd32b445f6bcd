import json
from pathlib import Path

import pytest
from django.conf import settings

FIXTURES = Path(settings.BASE_DIR).parent / "shared" / "fixtures"
CLAIMREVIEW_DIR = FIXTURES / "claimreview"
ARTICLES_DIR = FIXTURES / "articles"
SEED_ARTICLE = Path(settings.BASE_DIR) / "seeds" / "articles" / "trump-zelensky-independence-day.txt"


def claimreview_expectations() -> dict:
    return json.loads((CLAIMREVIEW_DIR / "expected.json").read_text())["files"]


@pytest.fixture
def seeded(db):
    """The seed data set: the seed article, its sources and its claims."""
    from django.core.management import call_command

    call_command("load_seeds", verbosity=0)
