"""The editorial workflow in claims.services: who may move a claim where, and what each move records."""

import pytest

from claims import services
from claims.cache import public_state_token
from claims.models import ClaimStatus, StatusChange
from claims.selectors import claims_public
from tests.factories import (
    AppearanceFactory,
    AttributionFactory,
    ClaimFactory,
    EvidenceFactory,
    UserFactory,
    VerdictFactory,
    published_claim,
)

pytestmark = pytest.mark.django_db


def claim_in(status, *, writer=None):
    """A claim in STATUS that meets every publishing prerequisite, its verdict written by WRITER."""
    claim = ClaimFactory(status=status)
    verdict = VerdictFactory(claim=claim, reviewer=writer)
    EvidenceFactory(verdict=verdict)
    AppearanceFactory(claim=claim)
    return claim


@pytest.fixture
def roles(reader, reviewer, editor, admin_user):
    return {"reader": reader, "reviewer": reviewer, "editor": editor, "admin": admin_user}


def run(name, claim, user, note="A note."):
    return services.claim_transition(claim=claim, user=user, name=name, note=note)


# (transition, status it starts from, status it leads to, roles allowed); every other role is refused.
MATRIX = [
    ("start_research", ClaimStatus.DRAFT, ClaimStatus.IN_RESEARCH, {"reviewer", "editor", "admin"}),
    ("submit_for_review", ClaimStatus.IN_RESEARCH, ClaimStatus.IN_REVIEW, {"reviewer", "editor", "admin"}),
    ("submit_for_review", ClaimStatus.DRAFT, ClaimStatus.IN_REVIEW, {"reviewer", "editor", "admin"}),
    ("request_changes", ClaimStatus.IN_REVIEW, ClaimStatus.IN_RESEARCH, {"editor", "admin"}),
    ("publish", ClaimStatus.IN_REVIEW, ClaimStatus.PUBLISHED, {"editor", "admin"}),
    ("retract", ClaimStatus.PUBLISHED, ClaimStatus.RETRACTED, {"editor", "admin"}),
    ("retract", ClaimStatus.CORRECTED, ClaimStatus.RETRACTED, {"editor", "admin"}),
]
CASES = [
    pytest.param(name, start, end, role, role in allowed, id=f"{name}-from-{start}-as-{role}")
    for name, start, end, allowed in MATRIX
    for role in ("reader", "reviewer", "editor", "admin")
]


@pytest.mark.parametrize(("name", "start", "end", "role", "allowed"), CASES)
def test_each_transition_is_allowed_for_its_roles_and_refused_for_the_others(roles, name, start, end, role, allowed):
    user = roles[role]
    claim = claim_in(start, writer=UserFactory(username="writer", group="Reviewer"))
    assert (name in services.allowed_transitions(claim=claim, user=user)) is allowed
    if allowed:
        claim = run(name, claim, user)
        assert claim.status == end
        change = StatusChange.objects.filter(claim=claim).latest("id")
        assert (change.from_status, change.to_status, change.user, change.note) == (start, end, user, "A note.")
    else:
        with pytest.raises(services.ClaimPermissionError):
            run(name, claim, user)
        claim.refresh_from_db()
        assert claim.status == start
        assert not StatusChange.objects.filter(claim=claim).exists()


# Transitions that make no sense from a status are refused for everyone, editors included.
WRONG_STATUS = [
    ("start_research", ClaimStatus.IN_REVIEW),
    ("start_research", ClaimStatus.PUBLISHED),
    ("submit_for_review", ClaimStatus.IN_REVIEW),
    ("submit_for_review", ClaimStatus.PUBLISHED),
    ("request_changes", ClaimStatus.IN_RESEARCH),
    ("request_changes", ClaimStatus.PUBLISHED),
    ("publish", ClaimStatus.PUBLISHED),
    ("publish", ClaimStatus.CORRECTED),
    ("publish", ClaimStatus.RETRACTED),
    ("retract", ClaimStatus.IN_REVIEW),
    ("retract", ClaimStatus.RETRACTED),
]


@pytest.mark.parametrize(("name", "start"), WRONG_STATUS, ids=[f"{n}-from-{s}" for n, s in WRONG_STATUS])
def test_a_transition_from_the_wrong_status_is_refused_even_for_an_admin(admin_user, name, start):
    claim = claim_in(start)
    assert name not in services.allowed_transitions(claim=claim, user=admin_user)
    with pytest.raises(services.ClaimError, match="cannot be"):
        run(name, claim, admin_user)
    claim.refresh_from_db()
    assert claim.status == start


@pytest.mark.parametrize("status", [ClaimStatus.PUBLISHED, ClaimStatus.CORRECTED, ClaimStatus.RETRACTED])
def test_a_public_claim_never_drops_back_to_draft_research_or_review(admin_user, status):
    claim = claim_in(status)
    assert set(services.allowed_transitions(claim=claim, user=admin_user)) <= {"retract"}
    for name in ("start_research", "submit_for_review", "request_changes"):
        with pytest.raises(services.ClaimError):
            run(name, claim, admin_user)
    with pytest.raises(services.ClaimError, match="workflow actions"):
        services.claim_update(claim=claim, user=admin_user, status=ClaimStatus.DRAFT)
    claim.refresh_from_db()
    assert claim.status == status


def test_a_reviewer_cannot_publish(reviewer, editor):
    claim = claim_in(ClaimStatus.IN_REVIEW, writer=editor)
    with pytest.raises(services.ClaimPermissionError, match="Only an editor"):
        services.claim_publish(claim=claim, editor=reviewer)
    assert claim.__class__.objects.get(pk=claim.pk).status == ClaimStatus.IN_REVIEW


def test_an_editor_cannot_approve_a_verdict_they_wrote(editor, second_editor):
    claim = claim_in(ClaimStatus.IN_REVIEW, writer=editor)
    assert "publish" not in services.allowed_transitions(claim=claim, user=editor)
    with pytest.raises(services.ClaimPermissionError, match="four eyes"):
        services.claim_publish(claim=claim, editor=editor)
    assert "publish" in services.allowed_transitions(claim=claim, user=second_editor)
    claim = services.claim_publish(claim=claim, editor=second_editor)
    assert claim.status == ClaimStatus.PUBLISHED
    assert claim.verdict.editor == second_editor


def test_an_editor_who_rewrote_the_summary_counts_as_a_writer(reviewer, editor, second_editor):
    claim = claim_in(ClaimStatus.IN_REVIEW, writer=reviewer)
    services.verdict_update(verdict=claim.verdict, user=editor, summary="The figure is wrong by half.")
    with pytest.raises(services.ClaimPermissionError, match="four eyes"):
        services.claim_publish(claim=claim, editor=editor)
    services.claim_publish(claim=claim, editor=second_editor)


def test_an_editor_who_only_assigned_the_reviewer_may_still_approve(reviewer, editor):
    claim = claim_in(ClaimStatus.IN_REVIEW)
    services.verdict_update(verdict=claim.verdict, user=editor, reviewer=reviewer)
    assert services.claim_publish(claim=claim, editor=editor).status == ClaimStatus.PUBLISHED


def _without_rating(claim):
    claim.verdict.rating = None
    claim.verdict.save()


def _without_summary(claim):
    claim.verdict.summary = ""
    claim.verdict.save()


def _without_evidence(claim):
    claim.verdict.evidence.all().delete()


def _without_appearance(claim):
    claim.appearances.all().delete()


@pytest.mark.parametrize(
    ("remove", "missing"),
    [
        (_without_rating, "a rating"),
        (_without_summary, "a one-line summary"),
        (_without_evidence, "at least one evidence item"),
        (_without_appearance, "at least one appearance or attribution"),
    ],
)
def test_publishing_needs_every_prerequisite(editor, remove, missing):
    claim = claim_in(ClaimStatus.IN_REVIEW)
    remove(claim)
    with pytest.raises(services.ClaimError, match=f"Before publishing, add {missing}"):
        services.claim_publish(claim=claim, editor=editor)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW


def test_an_attribution_is_enough_without_an_appearance(editor):
    claim = claim_in(ClaimStatus.IN_REVIEW)
    claim.appearances.all().delete()
    AttributionFactory(claim=claim)
    assert services.claim_publish(claim=claim, editor=editor).status == ClaimStatus.PUBLISHED


def test_a_claim_without_a_verdict_cannot_be_published(editor):
    claim = ClaimFactory(status=ClaimStatus.IN_REVIEW)
    with pytest.raises(services.ClaimError, match="a rating, a one-line summary, at least one evidence item"):
        services.claim_publish(claim=claim, editor=editor)


def test_publishing_stamps_the_dates_and_changes_the_public_state(editor, django_capture_on_commit_callbacks):
    claim = claim_in(ClaimStatus.IN_REVIEW)
    before = public_state_token()
    assert not claims_public().filter(pk=claim.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        claim = services.claim_publish(claim=claim, editor=editor, note="Checked twice.")
    assert claim.published_at is not None and claim.first_published_at == claim.published_at
    assert claim.editor == editor
    assert public_state_token() != before
    assert claims_public().filter(pk=claim.pk).exists()


def test_requesting_changes_needs_a_note_and_sends_the_claim_back_to_research(reviewer, editor):
    claim = claim_in(ClaimStatus.IN_REVIEW, writer=reviewer)
    with pytest.raises(services.ClaimError, match="Say what needs to change"):
        services.claim_request_changes(claim=claim, editor=editor, note="  ")
    claim = services.claim_request_changes(claim=claim, editor=editor, note="Add the audit office's report.")
    assert claim.status == ClaimStatus.IN_RESEARCH
    assert claim.status_changes.latest("id").note == "Add the audit office's report."
    assert "submit_for_review" in services.allowed_transitions(claim=claim, user=reviewer)


def test_retracting_needs_a_reason_keeps_the_claim_public_and_records_it(editor, django_capture_on_commit_callbacks):
    claim = published_claim()
    with pytest.raises(services.ClaimError, match="reason"):
        services.claim_retract(claim=claim, editor=editor, reason="")
    before = public_state_token()
    with django_capture_on_commit_callbacks(execute=True):
        claim = services.claim_retract(claim=claim, editor=editor, reason="The audit report was a forgery.")
    assert claim.status == ClaimStatus.RETRACTED
    assert claim.retraction_reason == "The audit report was a forgery."
    assert claim.retracted_at is not None
    assert claims_public().filter(pk=claim.pk).exists()  # the page stays, with the notice
    assert public_state_token() != before


def test_a_retracted_claim_and_its_verdict_can_no_longer_change(editor):
    claim = services.claim_retract(claim=published_claim(), editor=editor, reason="Wrong claim.")
    with pytest.raises(services.ClaimError, match="retracted"):
        services.claim_update(claim=claim, user=editor, language="de")
    with pytest.raises(services.ClaimError, match="retracted"):
        services.verdict_update(verdict=claim.verdict, user=editor, summary="New", correction_note="Why")


def test_starting_research_or_submitting_makes_the_user_the_reviewer_of_an_unassigned_claim(reviewer):
    claim = ClaimFactory()
    claim = services.claim_start_research(claim=claim, user=reviewer)
    assert claim.reviewer == reviewer
    claim = services.claim_submit_for_review(claim=claim, user=reviewer, note="Ready.")
    assert claim.status == ClaimStatus.IN_REVIEW
    assert [c.to_status for c in claim.status_changes.all()] == [ClaimStatus.IN_RESEARCH, ClaimStatus.IN_REVIEW]


def test_every_transition_bumps_the_claim_version(reviewer):
    claim = ClaimFactory()
    version = claim.version
    claim = services.claim_start_research(claim=claim, user=reviewer)
    assert claim.version == version + 1


# --- Assignment -------------------------------------------------------------------------------------


def test_an_editor_assigns_a_reviewer_and_an_editor_and_it_is_logged(editor, reviewer, second_editor):
    claim = ClaimFactory()
    claim = services.claim_assign(claim=claim, by=editor, reviewer=reviewer, editor=second_editor)
    assert (claim.reviewer, claim.editor) == (reviewer, second_editor)
    change = claim.status_changes.latest("id")
    assert change.user == editor
    assert "reviewer: " in change.note and "editor2" in change.note


def test_a_reviewer_may_take_a_free_claim_but_not_assign_others(reviewer, editor):
    other = UserFactory(username="other-reviewer", group="Reviewer")
    claim = ClaimFactory()
    with pytest.raises(services.ClaimPermissionError, match="Only an editor can assign"):
        services.claim_assign(claim=claim, by=reviewer, reviewer=other)
    with pytest.raises(services.ClaimPermissionError):
        services.claim_assign(claim=claim, by=reviewer, editor=editor)
    assert services.claim_assign(claim=claim, by=reviewer, reviewer=reviewer).reviewer == reviewer
    with pytest.raises(services.ClaimPermissionError):
        services.claim_assign(claim=claim, by=other, reviewer=other)


def test_only_an_editor_can_be_assigned_as_editor_and_only_staff_as_reviewer(editor, reviewer, reader):
    claim = ClaimFactory()
    with pytest.raises(services.ClaimError, match="is not an editor"):
        services.claim_assign(claim=claim, by=editor, editor=reviewer)
    with pytest.raises(services.ClaimError, match="is not a reviewer or editor"):
        services.claim_assign(claim=claim, by=editor, reviewer=reader)


def test_a_reader_cannot_assign_or_edit(reader):
    claim = ClaimFactory()
    with pytest.raises(services.ClaimPermissionError):
        services.claim_assign(claim=claim, by=reader, reviewer=reader)
    with pytest.raises(services.ClaimPermissionError):
        services.claim_update(claim=claim, user=reader, text="Changed")


# --- Edits ----------------------------------------------------------------------------------------


def test_a_draft_claim_is_edited_and_its_version_bumped(reviewer):
    claim = ClaimFactory()
    claim = services.claim_update(claim=claim, user=reviewer, expected_version=claim.version, text=" New text. ")
    assert claim.text == "New text."
    assert claim.version == 2


def test_an_edit_that_changes_nothing_keeps_the_version(reviewer):
    claim = ClaimFactory(text="Same.")
    assert services.claim_update(claim=claim, user=reviewer, text="Same.").version == 1


def test_the_wording_of_a_published_claim_cannot_change(editor):
    claim = published_claim()
    for field, value in [("text", "Another claim"), ("slug", "another-slug")]:
        with pytest.raises(services.ClaimError, match="of a published claim cannot change"):
            services.claim_update(claim=claim, user=editor, **{field: value})


def test_tags_of_a_published_claim_may_change_and_the_public_state_follows(editor, django_capture_on_commit_callbacks):
    claim = published_claim()
    before = public_state_token()
    with django_capture_on_commit_callbacks(execute=True):
        claim = services.claim_update(claim=claim, user=editor, tags=["Budget", "Bridges"])
    assert sorted(claim.tags.values_list("name", flat=True)) == ["Bridges", "Budget"]
    assert public_state_token() != before


def test_a_stale_claim_edit_is_refused_naming_who_changed_what(reviewer, editor):
    """The service-level twin of the admin's stale-form error and the API's 409."""
    claim = ClaimFactory(text="Original wording.")
    opened_at = claim.version  # both open the claim at the same version
    services.claim_update(claim=claim, user=editor, expected_version=opened_at, text="The editor's wording.")
    with pytest.raises(services.ConcurrentEditError) as caught:
        services.claim_update(claim=claim, user=reviewer, expected_version=opened_at, text="The reviewer's wording.")
    message = str(caught.value)
    assert "editor" in message and "text" in message
    assert f"version {opened_at}" in message
    assert caught.value.current_version == opened_at + 1
    claim.refresh_from_db()
    assert claim.text == "The editor's wording."


def test_a_status_change_meanwhile_also_makes_an_edit_stale(reviewer, editor):
    claim = claim_in(ClaimStatus.IN_REVIEW)
    opened_at = claim.version
    services.claim_request_changes(claim=claim, editor=editor, note="More sources.")
    with pytest.raises(services.ConcurrentEditError, match="status"):
        services.claim_update(claim=claim, user=reviewer, expected_version=opened_at, language="de")


def test_a_stale_verdict_edit_is_refused(reviewer, editor):
    claim = claim_in(ClaimStatus.IN_RESEARCH)
    verdict = claim.verdict
    opened_at = verdict.version
    services.verdict_update(verdict=verdict, user=editor, expected_version=opened_at, summary="Editor's summary.")
    with pytest.raises(services.ConcurrentEditError, match="summary") as caught:
        services.verdict_update(verdict=verdict, user=reviewer, expected_version=opened_at, summary="Mine.")
    assert caught.value.current_version == opened_at + 1


def test_unknown_fields_are_refused_rather_than_ignored(reviewer):
    claim = claim_in(ClaimStatus.DRAFT)
    with pytest.raises(services.ClaimError, match="published_at"):
        services.claim_update(claim=claim, user=reviewer, published_at=None)
    with pytest.raises(services.ClaimError, match="editor"):
        services.verdict_update(verdict=claim.verdict, user=reviewer, editor=reviewer)


def test_nothing_can_be_added_to_a_retracted_claim(editor):
    from tests.factories import ArticleFactory, SourceFactory

    claim = services.claim_retract(claim=published_claim(), editor=editor, reason="Withdrawn.")
    with pytest.raises(services.ClaimError, match="retracted"):
        services.evidence_add(verdict=claim.verdict, url="https://late.example/")
    with pytest.raises(services.ClaimError, match="retracted"):
        services.attribution_create(claim=claim, source=SourceFactory())
    with pytest.raises(services.ClaimError, match="retracted"):
        services.appearance_create(claim=claim, article=ArticleFactory(), quote="ran two years late")
