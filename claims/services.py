"""Every write to claims that carries a rule. Admin, API, pages and commands call these."""

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
    Evidence,
    Rating,
    StatusChange,
    Tag,
    Verdict,
)
from factcheck.slugs import unique_slug
from sources.models import Article, Source


class ClaimError(Exception):
    """A rule refused the change; the message says what to do about it."""


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


@transaction.atomic
def appearance_create(
    *, claim: Claim, article: Article, quote: str, start: int | None = None, end: int | None = None
) -> Appearance:
    """Anchor CLAIM to QUOTE in ARTICLE. Offsets are checked, or found when only the quote is given."""
    appearance = Appearance(claim=claim, article=article, quote=quote, start=start, end=end)
    appearance.full_clean()  # Appearance.clean anchors the quote, or says why it cannot.
    appearance.save()
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
    attribution = Attribution(claim=claim, source=source, role=role, described_as=described_as, article=article)
    attribution.full_clean()
    attribution.save()
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


def _set_status(*, claim: Claim, to_status: str, user, note: str = "") -> Claim:
    StatusChange.objects.create(claim=claim, from_status=claim.status, to_status=to_status, user=user, note=note)
    claim.status = to_status
    claim.version += 1
    claim.save()
    return claim


@transaction.atomic
def claim_publish(*, claim: Claim, editor, note: str = "") -> Claim:
    """Approve and publish CLAIM's verdict. Needs the publish permission and a second pair of eyes."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.status not in (ClaimStatus.IN_REVIEW, ClaimStatus.IN_RESEARCH, ClaimStatus.DRAFT):
        raise ClaimError(f"A claim that is {claim.get_status_display().lower()} cannot be published again.")
    if not editor.has_perm("claims.publish_claim"):
        raise ClaimError("Only an editor can publish a verdict.")
    verdict = Verdict.objects.filter(claim=claim).first()
    if verdict is not None and verdict.reviewer_id == editor.pk:
        raise ClaimError("You wrote this verdict: another editor must approve it (four eyes).")
    missing = publish_prerequisites(claim)
    if missing:
        raise ClaimError("Before publishing, add " + ", ".join(missing) + ".")
    now = timezone.now()
    verdict.editor = editor
    verdict.save()
    claim.editor = claim.editor or editor
    claim.published_at = now
    claim.first_published_at = claim.first_published_at or now
    claim = _set_status(claim=claim, to_status=ClaimStatus.PUBLISHED, user=editor, note=note)
    public_state_changed()
    return claim


def validation_messages(exc: ValidationError) -> str:
    """One readable line from a ValidationError, for command output and API details."""
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)
