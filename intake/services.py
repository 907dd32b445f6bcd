"""Writes of the intake: ClaimReview import, article import, accepting claim suggestions.

Every write goes through claims.services and sources.services, inside one transaction.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from claims.models import Claim
from claims.services import (
    ClaimError,
    appearance_create,
    attribution_create,
    claim_create,
    validation_messages,
)
from intake.claimreview import DocumentError, FieldError, ParsedReview, parse_claimreviews
from intake.extract import ExtractionError, article_from_text, extract_article
from intake.fetch import FetchError, fetch_url
from intake.matching import claims_similar
from intake.models import ClaimSuggestion, ExternalReview, SuggestionStatus
from intake.ratings import rating_map
from intake.suggest import SourceRef, suggest_claims
from sources.models import Article, Source, SourceKind
from sources.services import article_create, article_find_duplicate, content_hash, source_create

# -- ClaimReview import ------------------------------------------------------------------------------


@dataclass
class ClaimReviewImport:
    """What an import did, or why it did nothing: one line per bad item and field."""

    reviews: list[ParsedReview] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)
    created: list[ExternalReview] = field(default_factory=list)
    updated: list[ExternalReview] = field(default_factory=list)
    new_claims: list[Claim] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def saved(self) -> list[ExternalReview]:
        return self.created + self.updated


def _claim_for_review(*, parsed: ParsedReview, existing: ExternalReview | None, user, language: str):
    """The claim this review is about: the one it was linked to, an alike claim, or a new draft."""
    if existing is not None and existing.claim_id:
        return existing.claim, False
    threshold = max(settings.FACTCHECK_REVIEW_LINK_THRESHOLD, settings.FACTCHECK_DUPLICATE_THRESHOLD)
    matches = [c for c in claims_similar(text=parsed.claim_reviewed, threshold=threshold, limit=1) if not c.is_conflict]
    if matches:
        return matches[0].claim, False
    claim = claim_create(
        text=parsed.claim_reviewed,
        claim_date=parsed.claim_date,
        language=(parsed.language or language)[:12],
        user=user,
    )
    return claim, True


def external_review_save(*, parsed: ParsedReview, user=None, language: str = "") -> tuple[ExternalReview, bool, bool]:
    """Create or update the external review at PARSED.url. Returns (review, created, started a new claim)."""
    existing = ExternalReview.objects.filter(url=parsed.url).select_related("claim").first()
    claim, new_claim = _claim_for_review(
        parsed=parsed, existing=existing, user=user, language=language or settings.LANGUAGE_CODE
    )
    rating, method = rating_map(
        label=parsed.rating_text,
        value=parsed.rating_value,
        best=parsed.best_rating,
        worst=parsed.worst_rating,
        publisher=parsed.publisher,
    )
    review = existing or ExternalReview(url=parsed.url)
    review.claim = claim
    review.publisher = parsed.publisher[:200]
    review.publisher_url = parsed.publisher_url[:500]
    review.published_on = parsed.published_on
    review.claim_reviewed = parsed.claim_reviewed
    review.claimant = parsed.claimant[:300]
    review.claim_date = parsed.claim_date
    review.appearance_urls = parsed.appearance_urls + (
        [parsed.first_appearance_url] if parsed.first_appearance_url else []
    )
    review.language = parsed.language
    review.rating_text = parsed.rating_text
    review.rating_value = parsed.rating_value
    review.best_rating = parsed.best_rating
    review.worst_rating = parsed.worst_rating
    review.rating = rating
    review.rating_method = method
    review.raw = parsed.raw
    review.full_clean()
    review.save()
    return review, existing is None, new_claim


class _RollBack(Exception):
    """Leaves the import's transaction so that none of the file is kept."""


def external_reviews_remap(*, reviews) -> int:
    """Map REVIEWS' ratings again with the current mappings; returns how many are mapped."""
    mapped = 0
    with transaction.atomic():
        for review in reviews:
            review.rating, review.rating_method = rating_map(
                label=review.rating_text,
                value=review.rating_value,
                best=review.best_rating,
                worst=review.worst_rating,
                publisher=review.publisher,
            )
            review.save(update_fields=["rating", "rating_method", "updated_at"])
            mapped += review.rating is not None
    return mapped


def claimreviews_import(*, data: str | bytes, user=None, language: str = "") -> ClaimReviewImport:
    """Import every ClaimReview in DATA, or none of them.

    All or none: when any item of the document is bad, nothing is written and the result lists every
    bad item with its field and the reason. A fact-checker's file is one batch; importing part of it
    would leave the reviewer to work out which reviews are missing.
    """
    result = ClaimReviewImport()
    try:
        result.reviews = parse_claimreviews(data)
    except DocumentError as exc:
        result.errors.append(FieldError("document", "document", str(exc)))
        return result
    seen = {}
    for parsed in result.reviews:
        if parsed.url and parsed.url in seen:
            parsed.error("url", f"the same review URL as {seen[parsed.url]}.")
        seen.setdefault(parsed.url, parsed.label)
        result.errors.extend(parsed.errors)
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for parsed in result.reviews:
                try:
                    review, created, new_claim = external_review_save(parsed=parsed, user=user, language=language)
                except ValidationError as exc:
                    result.errors.append(FieldError(parsed.label, "review", validation_messages(exc)))
                    raise _RollBack from exc
                (result.created if created else result.updated).append(review)
                if new_claim:
                    result.new_claims.append(review.claim)
    except _RollBack:
        result.created, result.updated, result.new_claims = [], [], []
    return result


# -- article import ----------------------------------------------------------------------------------


@dataclass
class ArticleImport:
    article: Article
    created: bool
    duplicate_by: str = ""  # "canonical URL" or "same text" when the article was already stored

    @property
    def message(self) -> str:
        if self.created:
            return f"Imported “{self.article.title}”."
        return f"Already imported (same {self.duplicate_by}): “{self.article.title}”."


def _source_named(*, name: str, kind: str) -> Source:
    """The existing source of this name, or a new one: names are matched before sources are proposed."""
    found = Source.objects.filter(name__iexact=name.strip()).first()
    return found or source_create(name=name.strip()[:200], kind=kind)


def _stand_in_url(body: str) -> str:
    # Article.url is required and unique; a page without a URL gets a stable, non-resolvable one.
    return f"https://imported.invalid/{content_hash(body)[:20]}"


def article_import(
    *,
    url: str = "",
    html: str | bytes | None = None,
    text: str | None = None,
    title: str = "",
    suggest: bool = True,
) -> ArticleImport:
    """Store an article from a URL, a saved page (HTML) or pasted text; recognise one stored before.

    Raises ClaimError with a reviewer-readable reason when the page cannot be fetched or read.
    """
    try:
        if text is not None and text.strip():
            extracted = article_from_text(text, title=title, url=url)
        else:
            if html is None:
                if not url:
                    raise ClaimError("Give a URL, an HTML file or the article's text.")
                fetched = fetch_url(url)
                html, url = fetched.text, fetched.url
            extracted = extract_article(html, url=url)
    except (FetchError, ExtractionError, ValueError) as exc:
        raise ClaimError(str(exc)) from exc
    if title:
        extracted.title = title
    if not extracted.title:
        extracted.title = extracted.body.split("\n", 1)[0][:500]

    by_url = article_find_duplicate(url=extracted.url) if extracted.url else None
    by_text = None if by_url else article_find_duplicate(body=extracted.body)
    if by_url or by_text:
        article = by_url or by_text
        if suggest and not article.claim_suggestions.exists():
            suggestions_refresh(article=article)  # stored before intake existed (the seeds): propose now
        return ArticleImport(article=article, created=False, duplicate_by="canonical URL" if by_url else "text")

    with transaction.atomic():
        publisher = _source_named(name=extracted.publisher, kind=SourceKind.OUTLET) if extracted.publisher else None
        authors = [_source_named(name=name, kind=SourceKind.PERSON) for name in extracted.authors]
        try:
            article = article_create(
                url=extracted.url or _stand_in_url(extracted.body),
                title=extracted.title[:500],
                body=extracted.body,
                publisher=publisher,
                authors=authors,
                byline=extracted.byline,
                published_on=extracted.published_on,
                language=(extracted.language or settings.LANGUAGE_CODE).split("-")[0][:12],
            )
        except ValidationError as exc:
            raise ClaimError(validation_messages(exc)) from exc
        if suggest:
            suggestions_refresh(article=article)
    return ArticleImport(article=article, created=True)


# -- claim suggestions -------------------------------------------------------------------------------


def suggestions_refresh(*, article: Article) -> list[ClaimSuggestion]:
    """Propose the article's claims again; decisions already taken (accepted, linked, dismissed) stay."""
    sources = [SourceRef(pk, name) for pk, name in Source.objects.values_list("pk", "name")]
    publisher = SourceRef(article.publisher.pk, article.publisher.name) if article.publisher_id else None
    found = suggest_claims(
        body=article.body,
        language=article.language,
        published_on=article.published_on,
        sources=sources,
        publisher=publisher,
    )
    with transaction.atomic():
        ClaimSuggestion.objects.filter(article=article, status=SuggestionStatus.NEW).delete()
        decided = set(ClaimSuggestion.objects.filter(article=article).values_list("start", "end"))
        rows = [
            ClaimSuggestion(
                article=article,
                start=s.start,
                end=s.end,
                quote=s.quote,
                text=s.text,
                claim_date=s.claim_date,
                language=article.language,
                score=s.score,
                reasons=s.reasons,
                quantities=s.quantities,
                attributions=s.attributions_as_dicts(),
            )
            for s in found
            if (s.start, s.end) not in decided
        ]
        ClaimSuggestion.objects.bulk_create(rows)
    return rows


def _locked_new_suggestion(suggestion: ClaimSuggestion) -> ClaimSuggestion:
    suggestion = ClaimSuggestion.objects.select_for_update().select_related("article").get(pk=suggestion.pk)
    if suggestion.status != SuggestionStatus.NEW:
        raise ClaimError(f"This suggestion was already {suggestion.get_status_display().lower()}.")
    return suggestion


def _attribute(*, claim: Claim, article: Article, attributions: list[dict]) -> None:
    for item in attributions:
        source = Source.objects.filter(pk=item.get("source_id")).first() if item.get("source_id") else None
        if source is None:
            if not item.get("name", "").strip():
                continue
            source = _source_named(name=item["name"], kind=SourceKind.PERSON)
        if claim.attributions.filter(source=source, role=item.get("role") or "made").exists():
            continue
        attribution_create(
            claim=claim,
            source=source,
            role=item.get("role") or "made",
            described_as=(item.get("described_as") or "")[:200],
            article=article,
        )


def suggestion_accept(
    *, suggestion: ClaimSuggestion, user, text: str = "", claim_date=None, tags: list[str] | tuple = ()
) -> Claim:
    """Turn a suggestion into a draft claim with its appearance and attributions, all or nothing.

    TEXT and CLAIM_DATE, when given, are the reviewer's edits of the proposed wording and date.
    """
    try:
        with transaction.atomic():
            suggestion = _locked_new_suggestion(suggestion)
            claim = claim_create(
                text=text.strip() or suggestion.text,
                claim_date=claim_date or suggestion.claim_date,
                language=suggestion.language,
                tags=list(tags),
                user=user,
            )
            _anchor_and_decide(suggestion=suggestion, claim=claim, user=user, status=SuggestionStatus.ACCEPTED)
    except ValidationError as exc:
        raise ClaimError(validation_messages(exc)) from exc
    return claim


def _anchor_and_decide(*, suggestion: ClaimSuggestion, claim: Claim, user, status: str) -> None:
    """Anchor the suggestion's quote to CLAIM, attribute it, and record the reviewer's decision."""
    appearance_create(
        claim=claim,
        article=suggestion.article,
        quote=suggestion.quote,
        start=suggestion.start,
        end=suggestion.end,
    )
    _attribute(claim=claim, article=suggestion.article, attributions=suggestion.attributions)
    suggestion.status = status
    suggestion.claim = claim
    suggestion.decided_by = user if user is not None and user.is_authenticated else None
    suggestion.save(update_fields=["status", "claim", "decided_by"])


def suggestion_link(*, suggestion: ClaimSuggestion, claim: Claim, user) -> Claim:
    """The suggestion is a claim already in the database: add this appearance to it instead."""
    try:
        with transaction.atomic():
            suggestion = _locked_new_suggestion(suggestion)
            _anchor_and_decide(suggestion=suggestion, claim=claim, user=user, status=SuggestionStatus.LINKED)
    except ValidationError as exc:
        raise ClaimError(validation_messages(exc)) from exc
    return claim


def suggestion_dismiss(*, suggestion: ClaimSuggestion, user) -> ClaimSuggestion:
    with transaction.atomic():
        suggestion = _locked_new_suggestion(suggestion)
        suggestion.status = SuggestionStatus.DISMISSED
        suggestion.decided_by = user if user is not None and user.is_authenticated else None
        suggestion.save(update_fields=["status", "decided_by"])
    return suggestion
