import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from claims.models import Appearance, Attribution, Claim, ClaimStatus, Evidence, Verdict
from sources.models import Article, Source

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR) / "seeds"
SHARED_SEED = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "000_3acf36cfc1cf10ec.txt"


def _snapshot():
    models = [Source, Article, Claim, Appearance, Attribution, Verdict, Evidence]
    rows = {m.__name__: m.objects.count() for m in models}
    history = {m.__name__: m.history.count() for m in models}
    stamps = sorted(Claim.objects.values_list("slug", "updated_at", "version"))
    return rows, history, stamps


def test_it_loads_the_seed_article_broken_down_into_claims():
    call_command("load_seeds")
    article = Article.objects.get(slug="trump-zelensky-independence-day")
    assert article.title == "Trump and Zelensky Speak on Independence Day Amid U.S. Arms Freeze"
    assert Claim.objects.count() >= 8
    for appearance in Appearance.objects.select_related("article"):
        assert appearance.article.body[appearance.start : appearance.end] == appearance.quote
    ravid = Attribution.objects.get(claim__slug="zelensky-trump-call-lasted-40-minutes", source__slug="barak-ravid")
    assert (ravid.role, ravid.described_as) == ("reported", "Axios journalist")
    assert Source.objects.get(slug="anna-kelly").parent.slug == "white-house"


def test_the_seed_body_is_the_shared_article_text():
    if not SHARED_SEED.exists():
        pytest.skip("../shared/seeds is not beside the checkout")
    call_command("load_seeds")
    body = Article.objects.get(slug="trump-zelensky-independence-day").body
    assert body.strip() in SHARED_SEED.read_text()


def test_demo_verdicts_are_published_with_evidence_and_marked_as_demo():
    call_command("load_seeds")
    published = Claim.objects.filter(status=ClaimStatus.PUBLISHED)
    assert 2 <= published.count() <= 3
    for claim in published:
        assert claim.is_demo
        assert claim.verdict.rating is not None
        assert claim.verdict.evidence.exists()
        assert "Demo verdict" in claim.verdict.explanation
        assert claim.verdict.reviewer != claim.verdict.editor


def test_loading_twice_changes_nothing(capsys):
    call_command("load_seeds")
    first = capsys.readouterr().out
    assert "Seeds created" in first
    assert "updated" not in first
    before = _snapshot()
    call_command("load_seeds")
    assert _snapshot() == before
    assert "nothing changed" in capsys.readouterr().out


def _broken_copy(tmp_path, old, new):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    path = tmp_path / "seeds" / "trump-zelensky-independence-day.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return tmp_path / "seeds"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "quote: Their conversation reportedly lasted 40 minutes.",
            "quote: It lasted 45 minutes.",
            "not in the article",
        ),
        ("rating: mostly-true", "rating: very-true", "unknown rating 'very-true'"),
        ("claims:\n", "claims: [\n", "not valid YAML"),
        ("claim_date: 2025-07-03", "claim_date: last Thursday", "is not a date"),
        ("source: barak-ravid\n        role: reported", "source: nobody\n        role: reported", "unknown source"),
    ],
)
def test_a_malformed_file_names_the_file_and_problem_and_writes_nothing(tmp_path, old, new, message):
    seeds = _broken_copy(tmp_path, old, new)
    with pytest.raises(CommandError) as exc:
        call_command("load_seeds", path=str(seeds))
    assert "trump-zelensky-independence-day.yaml" in str(exc.value)
    assert message in str(exc.value)
    assert Claim.objects.count() == 0
    assert Source.objects.count() == 0
    assert Article.objects.count() == 0


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(CommandError, match=r"no \*\.yaml seed files"):
        call_command("load_seeds", path=str(tmp_path))
