"""Every write to claims that carries a rule. Admin, API, pages and commands call these.

The editorial workflow: draft → in research → in review → published → corrected / retracted.
Every transition records a StatusChange (who, when, note). Claims and verdicts carry a version number
for optimistic locking: pass the version the user started from as `expected_version` and a change
made meanwhile by someone else is refused with ConcurrentEditError, never silently overwritten.
"""

import logging
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from claims.cache import public_state_changed
from claims.models import (
    Appearance,
    Attribution,
    AttributionRole,
    Claim,
    ClaimStatus,
    Correction,
    Evidence,
    Rating,
    StatusChange,
    Tag,
    Verdict,
)
from factcheck.slugs import unique_slug
from sources.models import Article, Source

logger = logging.getLogger(__name__)


class ClaimError(Exception):
    """A rule refused the change; the message says what to do about it."""


class ClaimPermissionError(ClaimError):
    """The user's role may not do this."""


class ConcurrentEditError(ClaimError):
    """Someone else saved the claim or verdict after the user loaded it; the message says who and what."""

    def __init__(self, message: str, *, current_version: int):
        super().__init__(message)
        self.current_version = current_version


def tags_get_or_create(*, names: list[str]) -> list[Tag]:
    tags = []
    for name in names:
        name = name.strip()
        if not name:
            continue
        tag = Tag.objects.filter(name__iexact=name).first()
        if tag is None:
            tag = Tag(name=name, slug=unique_slug(Tag, name, max_length=60))
            tag.full_clean()
            tag.save()
        tags.append(tag)
    return tags


@transaction.atomic
def claim_create(
    *,
    text: str,
    slug: str = "",
    claim_date: date | None = None,
    language: str = "en",
    tags: list[str] | tuple = (),
    user=None,
    is_demo: bool = False,
) -> Claim:
    claim = Claim(
        text=text.strip(),
        slug=slug or unique_slug(Claim, text, max_length=80),
        claim_date=claim_date,
        language=language,
        reviewer=user if user is not None and user.is_authenticated else None,
        is_demo=is_demo,
    )
    claim.full_clean()
    claim.save()
    claim.tags.set(tags_get_or_create(names=list(tags)))
    StatusChange.objects.create(claim=claim, from_status="", to_status=claim.status, user=claim.reviewer)
    return claim


def _refuse_if_retracted(claim: Claim) -> None:
    if claim.status == ClaimStatus.RETRACTED:
        raise ClaimError("This claim is retracted: its record can no longer change.")


@transaction.atomic
def appearance_create(
    *, claim: Claim, article: Article, quote: str, start: int | None = None, end: int | None = None
) -> Appearance:
    """Anchor CLAIM to QUOTE in ARTICLE. Offsets are checked, or found when only the quote is given."""
    _refuse_if_retracted(claim)
    appearance = Appearance(claim=claim, article=article, quote=quote, start=start, end=end)
    appearance.full_clean()  # Appearance.clean anchors the quote, or says why it cannot.
    appearance.save()
    if claim.is_public:
        public_state_changed()
    return appearance


@transaction.atomic
def attribution_create(
    *,
    claim: Claim,
    source: Source,
    role: str = AttributionRole.MADE,
    described_as: str = "",
    article: Article | None = None,
) -> Attribution:
    _refuse_if_retracted(claim)
    attribution = Attribution(claim=claim, source=source, role=role, described_as=described_as, article=article)
    attribution.full_clean()
    attribution.save()
    if claim.is_public:
        public_state_changed()
    return attribution


@transaction.atomic
def verdict_save(
    *,
    claim: Claim,
    rating: Rating | None = None,
    summary: str = "",
    explanation: str = "",
    reviewer=None,
) -> Verdict:
    """Create or update the verdict of a claim that is not yet public."""
    if claim.is_public:
        raise ClaimError("This verdict is published: change it with a correction.")
    verdict = Verdict.objects.filter(claim=claim).first() or Verdict(claim=claim)
    verdict.rating = rating
    verdict.summary = summary
    verdict.explanation = explanation
    if reviewer is not None:
        verdict.reviewer = reviewer
    if verdict.pk:
        verdict.version += 1
    verdict.full_clean()
    verdict.save()
    return verdict


@transaction.atomic
def evidence_add(
    *,
    verdict: Verdict,
    source: Source | None = None,
    url: str = "",
    title: str = "",
    quote: str = "",
    stance: str = "context",
    accessed_on: date | None = None,
) -> Evidence:
    _refuse_if_retracted(verdict.claim)
    position = verdict.evidence.count()
    evidence = Evidence(
        verdict=verdict,
        source=source,
        url=url,
        title=title,
        quote=quote,
        stance=stance,
        accessed_on=accessed_on,
        position=position,
    )
    evidence.full_clean()
    evidence.save()
    if verdict.claim.is_public:
        public_state_changed()
    return evidence


def publish_prerequisites(claim: Claim) -> list[str]:
    """What is missing before CLAIM's verdict may be published; empty when ready."""
    missing = []
    verdict = Verdict.objects.filter(claim=claim).first()
    if verdict is None or verdict.rating_id is None:
        missing.append("a rating")
    if verdict is None or not verdict.summary.strip():
        missing.append("a one-line summary")
    if verdict is None or not verdict.evidence.exists():
        missing.append("at least one evidence item")
    if not claim.appearances.exists() and not claim.attributions.exists():
        missing.append("at least one appearance or attribution")
    return missing


# ---------------------------------------------------------------------------------------------------
# Roles, versions and history
# ---------------------------------------------------------------------------------------------------

PRE_PUBLIC_STATUSES = (ClaimStatus.DRAFT, ClaimStatus.IN_RESEARCH, ClaimStatus.IN_REVIEW)
CLAIM_FIELDS = frozenset({"text", "slug", "claim_date", "language", "tags", "is_demo", "reviewer", "editor"})
FROZEN_WHEN_PUBLIC = ("text", "slug")  # a published claim keeps its wording; retract it instead
VERDICT_FIELDS = frozenset({"rating", "summary", "explanation", "reviewer"})
CORRECTABLE_FIELDS = ("rating", "summary", "explanation")  # changing these after publication is a correction
HISTORY_NOISE = ["version", "updated_at", "created_at"]


def _is_editor(user) -> bool:
    return user is not None and user.is_authenticated and user.has_perm("claims.publish_claim")


def _may_edit(user) -> bool:
    return user is not None and user.is_authenticated and user.has_perm("claims.change_claim")


def _require(user, perm: str, message: str) -> None:
    if user is None or not user.is_authenticated or not user.has_perm(perm):
        raise ClaimPermissionError(message)


def user_label(user) -> str:
    if user is None:
        return "someone (a script or import)"
    full = user.get_full_name().strip()
    return f"{full} ({user.get_username()})" if full else user.get_username()


def _field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def record_changes(record) -> list[str]:
    """Names of the fields one simple-history record changed against the one before it."""
    prev = record.prev_record
    if prev is None:
        return ["created"]
    delta = record.diff_against(prev, excluded_fields=HISTORY_NOISE)
    return [change.field for change in delta.changes]


def _changes_since(obj, version: int) -> str:
    """'Ann (ann) changed the summary and rating; Bob (bob) changed the status' since VERSION."""
    model = type(obj)
    records = obj.history.filter(version__gt=version).select_related("history_user").order_by("history_date")
    by_user: dict[str, list[str]] = {}
    for record in records:
        names = by_user.setdefault(user_label(record.history_user), [])
        for name in record_changes(record):
            label = _field_label(model, name)
            if label not in names:
                names.append(label)
    if not by_user:
        return "someone changed it"
    return "; ".join(f"{who} changed {', '.join(fields) or 'it'}" for who, fields in by_user.items())


def _check_version(obj, expected_version, noun: str) -> None:
    if expected_version in (None, ""):
        return
    expected_version = int(expected_version)
    if expected_version == obj.version:
        return
    raise ConcurrentEditError(
        f"This {noun} was changed after you opened it (you started from version {expected_version}, "
        f"it is now version {obj.version}): {_changes_since(obj, expected_version)}. "
        "Your changes were not saved: reload it, look at theirs, and make yours again.",
        current_version=obj.version,
    )


def claim_check_version(*, claim: Claim, expected_version) -> None:
    """Raise ConcurrentEditError if CLAIM changed in the database since EXPECTED_VERSION (for forms)."""
    _check_version(Claim.objects.get(pk=claim.pk), expected_version, "claim")


def verdict_check_version(*, verdict: Verdict, expected_version) -> None:
    _check_version(Verdict.objects.get(pk=verdict.pk), expected_version, "verdict")


def verdict_authors(verdict: Verdict | None) -> set[int]:
    """Ids of the users who wrote VERDICT: its reviewer and whoever changed its rating, summary or explanation."""
    if verdict is None or verdict.pk is None:
        return set()
    authors = {verdict.reviewer_id} if verdict.reviewer_id else set()
    prev = None
    for record in verdict.history.order_by("history_date").only(
        "rating_id", "summary", "explanation", "history_user_id", "history_date"
    ):
        text = (record.rating_id, record.summary, record.explanation)
        if record.history_user_id and text != prev and (prev is not None or any(text)):
            authors.add(record.history_user_id)
        prev = text
    return authors


def _notify_partners(*, event: str, claim: Claim) -> None:
    """Partners hear about it once the transaction commits; a failing endpoint never blocks the change."""
    from webhooks.services import webhook_event_schedule

    webhook_event_schedule(event=event, claim=claim)


# ---------------------------------------------------------------------------------------------------
# Edits
# ---------------------------------------------------------------------------------------------------


def _tags_from(values) -> list[Tag]:
    values = list(values or [])
    names = [v for v in values if isinstance(v, str)]
    return [v for v in values if isinstance(v, Tag)] + tags_get_or_create(names=names)


@transaction.atomic
def claim_update(*, claim: Claim, user, expected_version=None, **fields) -> Claim:
    """Edit a claim's own fields. Statuses change only through the transitions below."""
    unknown = sorted(set(fields) - CLAIM_FIELDS)
    if unknown:
        raise ClaimError(
            f"{', '.join(unknown)} cannot be edited directly"
            + (": use the workflow actions to change the status." if "status" in unknown else ".")
        )
    _require(user, "claims.change_claim", "Only reviewers and editors can edit claims.")
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    _check_version(claim, expected_version, "claim")
    if claim.status == ClaimStatus.RETRACTED:
        raise ClaimError("This claim is retracted and can no longer be edited.")

    assignment = {name: fields.pop(name) for name in ("reviewer", "editor") if name in fields}
    assignment = {name: value for name, value in assignment.items() if getattr(claim, f"{name}_id") != _pk(value)}
    tags = fields.pop("tags", None)
    new_tags = None
    if tags is not None:
        new_tags = _tags_from(tags)
        if {t.pk for t in new_tags} == set(claim.tags.values_list("pk", flat=True)):
            new_tags = None
    if "text" in fields:
        fields["text"] = (fields["text"] or "").strip()
    changed = [name for name, value in fields.items() if getattr(claim, name) != value]
    if claim.is_public:
        frozen = [name for name in changed if name in FROZEN_WHEN_PUBLIC]
        if frozen:
            raise ClaimError(
                f"The {' and '.join(frozen)} of a published claim cannot change: the public and partners "
                "link to it. Correct the verdict, or retract the claim and publish a new one."
            )
    if not changed and not assignment and new_tags is None:
        return claim
    for name in changed:
        setattr(claim, name, fields[name])
    if assignment:
        _assign(claim=claim, by=user, changes=assignment, note="")
    claim.version += 1
    claim._history_user = user
    claim.full_clean()
    claim.save()
    if new_tags is not None:
        claim.tags.set(new_tags)
    if claim.is_public:
        public_state_changed()
    return claim


def _pk(value):
    return getattr(value, "pk", value)


def _assign(*, claim: Claim, by, changes: dict, note: str) -> None:
    """Check and apply reviewer/editor changes to CLAIM (not saved) and log them."""
    if not _may_edit(by):
        raise ClaimPermissionError("Only reviewers and editors can assign claims.")
    # A reviewer may take an unassigned claim for themselves, nothing more.
    takes_free_claim = (
        set(changes) == {"reviewer"} and _pk(changes["reviewer"]) == by.pk and claim.reviewer_id in (None, by.pk)
    )
    if not _is_editor(by) and not takes_free_claim:
        raise ClaimPermissionError("Only an editor can assign claims to others; you can only take a free claim.")
    reviewer, editor = changes.get("reviewer"), changes.get("editor")
    if reviewer is not None and not (reviewer.is_staff and reviewer.has_perm("claims.change_claim")):
        raise ClaimError(f"{user_label(reviewer)} is not a reviewer or editor and cannot research claims.")
    if editor is not None and not (editor.is_staff and editor.has_perm("claims.publish_claim")):
        raise ClaimError(f"{user_label(editor)} is not an editor and cannot approve verdicts.")
    lines = []
    for name, value in changes.items():
        setattr(claim, name, value)
        lines.append(f"{name}: {user_label(value) if value is not None else 'nobody'}")
    StatusChange.objects.create(
        claim=claim,
        from_status=claim.status,
        to_status=claim.status,
        user=by,
        note="Assigned " + ", ".join(lines) + (f". {note}" if note else ""),
    )


@transaction.atomic
def claim_assign(*, claim: Claim, by, reviewer=None, editor=None, note: str = "") -> Claim:
    """Assign a reviewer and/or an editor (None leaves that role as it is)."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    changes = {}
    if reviewer is not None and claim.reviewer_id != reviewer.pk:
        changes["reviewer"] = reviewer
    if editor is not None and claim.editor_id != editor.pk:
        changes["editor"] = editor
    if not changes:
        return claim
    _assign(claim=claim, by=by, changes=changes, note=note)
    claim.version += 1
    claim._history_user = by
    claim.save()
    return claim


@transaction.atomic
def verdict_update(
    *, verdict: Verdict, user, expected_version=None, correction_note: str = "", minor: bool = False, **fields
) -> Verdict:
    """Edit a verdict. After publication, a change to its rating, summary or explanation is a correction:
    it needs a note, which goes into the public correction log unless the edit is marked minor."""
    unknown = sorted(set(fields) - VERDICT_FIELDS)
    if unknown:
        raise ClaimError(f"{', '.join(unknown)} cannot be edited on a verdict.")
    _require(user, "claims.change_verdict", "Only reviewers and editors can edit verdicts.")
    verdict = Verdict.objects.select_for_update().get(pk=verdict.pk)
    claim = Claim.objects.select_for_update().get(pk=verdict.claim_id)
    _check_version(verdict, expected_version, "verdict")
    if "summary" in fields:
        fields["summary"] = (fields["summary"] or "").strip()
    changed = [name for name, value in fields.items() if getattr(verdict, name) != value]
    if not changed:
        return verdict
    if claim.status == ClaimStatus.RETRACTED:
        raise ClaimError("This claim is retracted: its verdict can no longer change.")
    corrected = [name for name in changed if name in CORRECTABLE_FIELDS]
    correction_note = (correction_note or "").strip()
    if claim.is_public:
        if not _is_editor(user):
            raise ClaimPermissionError("Only an editor can correct a published verdict.")
        if corrected and not correction_note:
            raise ClaimError(
                f"This verdict is published: changing its {', '.join(corrected)} needs a correction note "
                "that says what changed and why (mark it minor for a typo)."
            )
    for name in changed:
        setattr(verdict, name, fields[name])
    verdict.version += 1
    verdict._history_user = user
    verdict.full_clean()
    verdict.save()
    if claim.is_public:
        if corrected:
            Correction.objects.create(claim=claim, note=correction_note, minor=minor, user=user)
            if not minor:
                claim._history_user = user
                _set_status(claim=claim, to_status=ClaimStatus.CORRECTED, user=user, note=correction_note)
                _notify_partners(event="corrected", claim=claim)
        public_state_changed()
    return verdict


# ---------------------------------------------------------------------------------------------------
# Transitions. Each has a check, so the admin can offer only what the user may do now.
# ---------------------------------------------------------------------------------------------------


def _status_is(claim: Claim, statuses: Iterable[str], action: str) -> None:
    if claim.status not in statuses:
        raise ClaimError(f"A claim that is {claim.get_status_display().lower()} cannot be {action}.")


def _check_start_research(claim: Claim, user) -> None:
    _require(user, "claims.change_claim", "Only reviewers and editors can research claims.")
    _status_is(claim, [ClaimStatus.DRAFT], "moved into research")


def _check_submit_for_review(claim: Claim, user) -> None:
    _require(user, "claims.change_claim", "Only reviewers and editors can submit claims for review.")
    _status_is(claim, [ClaimStatus.DRAFT, ClaimStatus.IN_RESEARCH], "submitted for review")


def _check_request_changes(claim: Claim, user) -> None:
    _require(user, "claims.publish_claim", "Only an editor can send a claim back to research.")
    _status_is(claim, [ClaimStatus.IN_REVIEW], "sent back to research")


def _check_publish(claim: Claim, user) -> None:
    if claim.is_public:
        raise ClaimError(f"A claim that is {claim.get_status_display().lower()} cannot be published again.")
    _require(user, "claims.publish_claim", "Only an editor can publish a verdict.")
    _status_is(claim, PRE_PUBLIC_STATUSES, "published")
    if user.pk in verdict_authors(Verdict.objects.filter(claim=claim).first()):
        raise ClaimPermissionError("You wrote this verdict: another editor must approve it (four eyes).")


def _check_retract(claim: Claim, user) -> None:
    _require(user, "claims.retract_claim", "Only an editor can retract a verdict.")
    _status_is(claim, [ClaimStatus.PUBLISHED, ClaimStatus.CORRECTED], "retracted")


TRANSITION_CHECKS = {
    "start_research": _check_start_research,
    "submit_for_review": _check_submit_for_review,
    "request_changes": _check_request_changes,
    "publish": _check_publish,
    "retract": _check_retract,
}


def allowed_transitions(*, claim: Claim, user) -> list[str]:
    """Names of the transitions USER may perform on CLAIM now (publishing prerequisites not included:
    the confirmation page lists what is still missing)."""
    allowed = []
    for name, check in TRANSITION_CHECKS.items():
        try:
            check(claim, user)
        except ClaimError:
            continue
        allowed.append(name)
    return allowed


def _set_status(*, claim: Claim, to_status: str, user, note: str = "") -> Claim:
    StatusChange.objects.create(claim=claim, from_status=claim.status, to_status=to_status, user=user, note=note)
    claim.status = to_status
    claim.version += 1
    claim._history_user = user
    claim.save()
    return claim


def _locked(claim: Claim) -> Claim:
    return Claim.objects.select_for_update().get(pk=claim.pk)


@transaction.atomic
def claim_start_research(*, claim: Claim, user, note: str = "") -> Claim:
    claim = _locked(claim)
    _check_start_research(claim, user)
    if claim.reviewer_id is None:
        claim.reviewer = user
    return _set_status(claim=claim, to_status=ClaimStatus.IN_RESEARCH, user=user, note=note)


@transaction.atomic
def claim_submit_for_review(*, claim: Claim, user, note: str = "") -> Claim:
    claim = _locked(claim)
    _check_submit_for_review(claim, user)
    if claim.reviewer_id is None:
        claim.reviewer = user
    return _set_status(claim=claim, to_status=ClaimStatus.IN_REVIEW, user=user, note=note)


@transaction.atomic
def claim_request_changes(*, claim: Claim, editor, note: str) -> Claim:
    """Send a claim in review back to research, with the editor's note saying what to change."""
    claim = _locked(claim)
    _check_request_changes(claim, editor)
    if not (note or "").strip():
        raise ClaimError("Say what needs to change: the note goes to the reviewer.")
    return _set_status(claim=claim, to_status=ClaimStatus.IN_RESEARCH, user=editor, note=note.strip())


@transaction.atomic
def claim_publish(*, claim: Claim, editor, note: str = "") -> Claim:
    """Approve and publish CLAIM's verdict. Needs the publish permission and a second pair of eyes."""
    claim = _locked(claim)
    _check_publish(claim, editor)
    missing = publish_prerequisites(claim)
    if missing:
        raise ClaimError("Before publishing, add " + ", ".join(missing) + ".")
    verdict = Verdict.objects.get(claim=claim)
    now = timezone.now()
    verdict.editor = editor
    verdict._history_user = editor
    verdict.save()
    claim.editor = claim.editor or editor
    claim.published_at = now
    claim.first_published_at = claim.first_published_at or now
    claim = _set_status(claim=claim, to_status=ClaimStatus.PUBLISHED, user=editor, note=note)
    public_state_changed()
    _notify_partners(event="published", claim=claim)
    return claim


@transaction.atomic
def claim_retract(*, claim: Claim, editor, reason: str) -> Claim:
    """Withdraw a published verdict. Its page stays, with a retraction notice and the reason."""
    claim = _locked(claim)
    _check_retract(claim, editor)
    reason = (reason or "").strip()
    if not reason:
        raise ClaimError("Give the reason for the retraction: it is shown publicly on the claim's page.")
    claim.retracted_at = timezone.now()
    claim.retraction_reason = reason
    claim = _set_status(claim=claim, to_status=ClaimStatus.RETRACTED, user=editor, note=reason)
    public_state_changed()
    _notify_partners(event="retracted", claim=claim)
    return claim


TRANSITIONS = {
    "start_research": lambda *, claim, user, note: claim_start_research(claim=claim, user=user, note=note),
    "submit_for_review": lambda *, claim, user, note: claim_submit_for_review(claim=claim, user=user, note=note),
    "request_changes": lambda *, claim, user, note: claim_request_changes(claim=claim, editor=user, note=note),
    "publish": lambda *, claim, user, note: claim_publish(claim=claim, editor=user, note=note),
    "retract": lambda *, claim, user, note: claim_retract(claim=claim, editor=user, reason=note),
}


def claim_transition(*, claim: Claim, user, name: str, note: str = "") -> Claim:
    """Run the transition called NAME (as listed by allowed_transitions), e.g. from an admin button."""
    if name not in TRANSITIONS:
        raise ClaimError(f"Unknown workflow action '{name}'.")
    return TRANSITIONS[name](claim=claim, user=user, note=note)


def validation_messages(exc: ValidationError) -> str:
    """One readable line from a ValidationError, for command output and API details."""
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)
