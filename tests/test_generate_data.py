from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.models import Appearance, Attribution, Claim, ClaimStatus, Rating, Verdict
from sources.models import Article, Source
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def generate(claims=300, seed=7, **options):
    call_command("generate_data", claims=claims, seed=seed, stdout=StringIO(), **options)


def snapshot():
    return list(Claim.objects.order_by("slug").values_list("slug", "text", "status", "language", "published_at"))


def test_it_generates_the_same_data_for_the_same_seed():
    generate(seed=7)
    first = snapshot()
    generate(seed=7)
    assert snapshot() == first
    generate(seed=8)
    assert snapshot() != first


def test_it_refuses_a_database_holding_other_data():
    ClaimFactory(slug="a-real-claim")
    with pytest.raises(CommandError, match="holds data that generate_data did not create"):
        generate()
    assert Claim.objects.count() == 1


def test_it_adds_beside_other_data_when_forced_and_keeps_it():
    ClaimFactory(slug="a-real-claim")
    generate(claims=60, force=True)
    assert Claim.objects.filter(slug="a-real-claim").exists()
    assert Claim.objects.filter(slug__startswith="gen-").count() == 60


def test_a_second_run_replaces_the_first():
    generate(claims=90)
    generate(claims=60)
    assert Claim.objects.count() == 60


def test_every_quote_is_the_article_text_at_its_offsets():
    generate()
    appearances = list(Appearance.objects.select_related("article"))
    assert len(appearances) >= 300
    for appearance in appearances:
        assert appearance.article.body[appearance.start : appearance.end] == appearance.quote


def test_it_makes_about_one_article_per_three_claims_with_long_tailed_sources():
    generate(claims=900)
    assert Article.objects.count() == 300
    made_by = Counter(Attribution.objects.filter(role="made").values_list("source_id", flat=True))
    top_source, top_count = made_by.most_common(1)[0]
    # Zipf: the busiest source makes far more claims than an even split (900 / sources) would give it.
    assert top_count > 10 * 900 / Source.objects.filter(kind="person").count()
    assert Source.objects.get(pk=top_source).slug.startswith("gen-")


def test_it_keeps_a_share_of_claims_unpublished_and_without_public_verdicts():
    generate(claims=1200)
    statuses = Counter(Claim.objects.values_list("status", flat=True))
    assert 0.04 < statuses[ClaimStatus.DRAFT] / 1200 < 0.12
    assert statuses[ClaimStatus.IN_RESEARCH] and statuses[ClaimStatus.IN_REVIEW]
    assert not Claim.objects.filter(status=ClaimStatus.DRAFT, published_at__isnull=False).exists()
    assert not Verdict.objects.filter(claim__status=ClaimStatus.DRAFT).exists()


def test_verdicts_use_the_whole_rating_scale_and_several_languages():
    generate(claims=1200)
    used = set(Verdict.objects.exclude(rating=None).values_list("rating__slug", flat=True))
    assert used == set(Rating.objects.values_list("slug", flat=True))
    assert len(set(Claim.objects.values_list("language", flat=True))) >= 4
    assert Claim.tags.through.objects.count() >= 1200


def test_it_writes_no_history_rows():
    generate(claims=60)
    assert not Claim.history.exists()
    assert not Article.history.exists()


def test_it_rejects_a_non_positive_claim_count():
    with pytest.raises(CommandError, match="at least 1"):
        generate(claims=0)
