import pytest
from django.db import connection

from intake.matching import claims_similar, conflicts, trigram_similarity
from tests.factories import ClaimFactory


def test_the_python_similarity_is_pg_trgms_on_a_known_pair():
    # pg_trgm: similarity('word', 'two words') = 4 / 11 (shared "  w", " wo", "wor", "ord").
    assert trigram_similarity("word", "two words") == pytest.approx(4 / 11)


def test_it_finds_a_reworded_claim_as_a_duplicate(db):
    claim = ClaimFactory(text="The bridge over the river cost 40 million euros to build.")
    ClaimFactory(text="Unemployment fell to 5 percent in March.")

    (candidate,) = claims_similar(text="The bridge over the river cost 40 million euros.")

    assert candidate.claim == claim
    assert candidate.kind == "duplicate"
    assert candidate.score >= 0.45


def test_a_different_figure_is_a_conflict_not_a_duplicate(db):
    claim = ClaimFactory(text="The phone call between Trump and Zelensky lasted 40 minutes.")

    (candidate,) = claims_similar(text="The phone call between Trump and Zelensky lasted 45 minutes.")

    assert candidate.claim == claim
    assert candidate.kind == "conflict"
    assert candidate.conflict_reasons == ["different figures: 45 minutes / 40 minutes"]


def test_a_different_person_is_a_conflict():
    assert conflicts("Biden said the bridge cost 40 million euros.", "Trump said the bridge cost 40 million euros.")


def test_the_same_figures_and_names_are_no_conflict():
    assert conflicts("Trump said the call lasted 40 minutes.", "The call lasted 40 minutes, Donald Trump said.") == []


def test_the_threshold_is_a_setting(db, settings):
    ClaimFactory(text="The bridge over the river cost 40 million euros to build.")
    settings.FACTCHECK_DUPLICATE_THRESHOLD = 0.99

    assert claims_similar(text="The bridge over the river cost 40 million euros.") == []


def test_unrelated_claims_are_not_candidates(db):
    ClaimFactory(text="Unemployment fell to 5 percent in March.")

    assert claims_similar(text="The bridge over the river cost 40 million euros.") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL only")
def test_pg_trgm_and_the_python_fallback_give_the_same_score(db):
    from django.contrib.postgres.search import TrigramSimilarity

    from claims.models import Claim

    a, b = "The phone call lasted 40 minutes.", "Their phone conversation reportedly lasted 40 minutes."
    claim = ClaimFactory(text=a)
    score = Claim.objects.annotate(s=TrigramSimilarity("text", b)).get(pk=claim.pk).s

    assert score == pytest.approx(trigram_similarity(a, b), abs=0.001)


def test_a_different_date_is_a_conflict_named_as_such():
    assert conflicts("Trump and Putin spoke on 3 July 2025.", "Trump and Putin spoke on 4 July 2025.") == [
        "different dates: 3 july / 4 july"
    ]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL only")
def test_the_claims_text_has_a_trigram_index_for_the_percent_operator(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'intake_claim_text_trgm'")
        (definition,) = cursor.fetchone()

    assert "gin_trgm_ops" in definition
