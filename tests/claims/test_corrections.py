"""Changing a published verdict: a correction with a note, public unless minor."""

import pytest

from claims import services
from claims.cache import public_state_token
from claims.models import ClaimStatus, Correction, Rating
from tests.factories import published_claim

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "change",
    [{"summary": "The figure is half right."}, {"explanation": "New reading."}, {"rating": "half-true"}],
    ids=["summary", "explanation", "rating"],
)
def test_changing_a_published_verdict_needs_a_correction_note(editor, change):
    claim = published_claim()
    if "rating" in change:
        change = {"rating": Rating.objects.get(slug=change["rating"])}
    with pytest.raises(services.ClaimError, match="needs a correction note"):
        services.verdict_update(verdict=claim.verdict, user=editor, **change)
    claim.verdict.refresh_from_db()
    assert claim.verdict.version == 1
    assert not Correction.objects.exists()


def test_a_correction_is_logged_publicly_and_marks_the_claim_corrected(editor, django_capture_on_commit_callbacks):
    claim = published_claim()
    before = public_state_token()
    with django_capture_on_commit_callbacks(execute=True):
        verdict = services.verdict_update(
            verdict=claim.verdict,
            user=editor,
            correction_note="The audit figure was 12 percent, not 21 percent.",
            rating=Rating.objects.get(slug="mostly-false"),
            summary="Mostly wrong.",
        )
    assert verdict.rating.slug == "mostly-false"
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.CORRECTED
    correction = claim.corrections.get()
    assert (correction.note, correction.minor, correction.user) == (
        "The audit figure was 12 percent, not 21 percent.",
        False,
        editor,
    )
    assert claim.status_changes.latest("id").to_status == ClaimStatus.CORRECTED
    assert public_state_token() != before


def test_a_minor_edit_stays_out_of_the_public_log_and_keeps_the_status(editor, django_capture_on_commit_callbacks):
    claim = published_claim()
    before = public_state_token()
    with django_capture_on_commit_callbacks(execute=True):
        services.verdict_update(
            verdict=claim.verdict, user=editor, correction_note="Typo.", minor=True, summary="The figure is wrong!"
        )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLISHED
    assert claim.corrections.get().minor is True
    assert not claim.corrections.filter(minor=False).exists()
    assert claim.verdict.history.count() == 2  # still in the history
    assert public_state_token() != before  # the page shows the fixed typo


def test_a_reviewer_cannot_correct_a_published_verdict(reviewer):
    claim = published_claim()
    with pytest.raises(services.ClaimPermissionError, match="Only an editor can correct"):
        services.verdict_update(verdict=claim.verdict, user=reviewer, summary="X", correction_note="Y")


def test_a_second_correction_of_a_corrected_claim_is_logged_too(editor):
    claim = published_claim()
    services.verdict_update(verdict=claim.verdict, user=editor, summary="One.", correction_note="First.")
    services.verdict_update(verdict=claim.verdict, user=editor, summary="Two.", correction_note="Second.")
    assert list(claim.corrections.values_list("note", flat=True)) == ["Second.", "First."]


def test_an_unpublished_verdict_changes_freely_without_a_note(reviewer):
    claim = published_claim()
    claim.status = ClaimStatus.IN_RESEARCH
    claim.save()
    verdict = services.verdict_update(verdict=claim.verdict, user=reviewer, summary="Draft summary.")
    assert verdict.summary == "Draft summary."
    assert not Correction.objects.exists()


def test_changing_only_the_reviewer_of_a_published_verdict_is_not_a_correction(editor, reviewer):
    claim = published_claim()
    services.verdict_update(verdict=claim.verdict, user=editor, reviewer=reviewer)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLISHED
    assert not Correction.objects.exists()
