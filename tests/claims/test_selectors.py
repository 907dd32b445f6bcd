import pytest

from claims.models import ClaimStatus, Rating
from claims.selectors import claims_public, claims_visible_to, source_scorecard
from tests.factories import AttributionFactory, ClaimFactory, SourceFactory, published_claim

pytestmark = pytest.mark.django_db


def _counts(source):
    return {row["rating"].slug: row["count"] for row in source_scorecard(source=source)}


def test_the_scorecard_counts_published_verdicts_per_rating_in_scale_order():
    source = SourceFactory()
    published_claim(source=source, rating=Rating.objects.get(slug="false"))
    published_claim(source=source, rating=Rating.objects.get(slug="false"))
    published_claim(source=source, rating=Rating.objects.get(slug="true"))
    rows = source_scorecard(source=source)
    assert [row["rating"].slug for row in rows] == list(Rating.objects.values_list("slug", flat=True))
    assert _counts(source)["false"] == 2
    assert _counts(source)["true"] == 1
    assert _counts(source)["half-true"] == 0


def test_the_scorecard_leaves_out_drafts_retractions_and_other_roles():
    source = SourceFactory()
    published_claim(source=source)
    published_claim(source=source, status=ClaimStatus.RETRACTED)
    AttributionFactory(source=source, claim=ClaimFactory(status=ClaimStatus.IN_REVIEW))
    reported = published_claim()
    AttributionFactory(source=source, claim=reported, role="reported")
    assert sum(_counts(source).values()) == 1


def test_the_public_sees_only_published_corrected_and_retracted_claims(reviewer, reader):
    for status in ClaimStatus.values:
        ClaimFactory(status=status)
    public = {ClaimStatus.PUBLISHED, ClaimStatus.CORRECTED, ClaimStatus.RETRACTED}
    assert set(claims_public().values_list("status", flat=True)) == public
    assert set(claims_visible_to(user=reader).values_list("status", flat=True)) == public
    assert set(claims_visible_to(user=reviewer).values_list("status", flat=True)) == set(ClaimStatus.values)


def test_the_scorecard_is_counted_once_until_the_public_data_changes(django_assert_num_queries):
    from factcheck.publicstate import KEY

    source = SourceFactory()
    published_claim(source=source)
    source_scorecard(source=source)
    with django_assert_num_queries(1):  # the rating scale; the counts come from the cache
        assert sum(row["count"] for row in source_scorecard(source=source)) == 1
    published_claim(source=source)
    from django.core.cache import cache

    cache.delete(KEY)  # what a publish does, through public_state_changed()
    assert sum(row["count"] for row in source_scorecard(source=source)) == 2
