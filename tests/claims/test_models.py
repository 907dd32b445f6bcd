import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims import services
from claims.models import Appearance, Attribution, Claim, Evidence, Rating
from tests.factories import (
    AppearanceFactory,
    ArticleFactory,
    AttributionFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def test_the_default_scale_has_six_steps_and_two_verdicts_off_the_scale():
    on_scale = list(Rating.objects.filter(value__isnull=False).values_list("label", flat=True))
    assert on_scale == ["True", "Mostly true", "Half true", "Mostly false", "False", "Pants on fire"]
    assert set(Rating.objects.filter(value__isnull=True).values_list("slug", flat=True)) == {"misleading", "unproven"}


def test_a_rating_colour_must_be_hex():
    rating = Rating(label="Odd", slug="odd", position=99, colour="red", definition="x")
    with pytest.raises(ValidationError, match="hex colour"):
        rating.full_clean()


def test_two_ratings_cannot_share_a_value_on_the_scale():
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(label="Dup", slug="dup", value=6, position=50, colour="#000000", definition="x")


def test_two_ratings_off_the_scale_may_both_have_no_value():
    Rating.objects.create(label="Satire", slug="satire", value=None, position=60, colour="#000000", definition="x")


def test_claim_slugs_are_unique():
    ClaimFactory(slug="same")
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(slug="same")


def test_the_service_gives_each_claim_a_unique_slug():
    first = services.claim_create(text="The call lasted 40 minutes.")
    second = services.claim_create(text="The call lasted 40 minutes.")
    assert (first.slug, second.slug) == ("the-call-lasted-40-minutes", "the-call-lasted-40-minutes-2")


def test_the_service_creates_tags_once_whatever_their_case():
    services.claim_create(text="A", tags=["Ukraine"])
    claim = services.claim_create(text="B", tags=["ukraine", "Air defence"])
    assert sorted(claim.tags.values_list("name", flat=True)) == ["Air defence", "Ukraine"]


def test_an_appearance_must_end_after_it_starts():
    appearance = AppearanceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Appearance.objects.filter(pk=appearance.pk).update(end=appearance.start)


def test_an_article_url_is_unique():
    ArticleFactory(url="https://news.example/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(url="https://news.example/a")


def test_a_source_has_one_attribution_per_role_per_claim():
    attribution = AttributionFactory()
    with pytest.raises(ValidationError, match="already has this role"):
        services.attribution_create(claim=attribution.claim, source=attribution.source, role=attribution.role)
    services.attribution_create(claim=attribution.claim, source=attribution.source, role="confirmed")
    assert Attribution.objects.count() == 2


def test_evidence_needs_a_source_or_a_url():
    verdict = VerdictFactory()
    with pytest.raises(ValidationError, match="needs a source, a URL"):
        services.evidence_add(verdict=verdict, title="Nothing to point at")
    services.evidence_add(verdict=verdict, source=SourceFactory())
    assert Evidence.objects.count() == 1


def test_evidence_without_source_or_url_is_refused_by_the_database_too():
    evidence = EvidenceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.filter(pk=evidence.pk).update(url="", source=None)


def test_a_source_cannot_be_its_own_parent():
    source = SourceFactory()
    source.parent = source
    with pytest.raises(ValidationError, match="own parent"):
        source.full_clean()


def test_the_explanation_is_rendered_as_sanitised_markdown():
    verdict = VerdictFactory(explanation="**Bold** <script>alert(1)</script> [link](javascript:alert(1))")
    html = verdict.explanation_html
    assert "<strong>Bold</strong>" in html
    assert "<script>" not in html
    assert "javascript:" not in html


def test_a_published_verdict_cannot_be_rewritten_without_a_correction():
    claim = ClaimFactory(status="published")
    with pytest.raises(services.ClaimError, match="correction"):
        services.verdict_save(claim=claim, summary="New")


def test_claims_are_ordered_newest_published_first():
    assert Claim._meta.ordering == ["-published_at", "-id"]


def test_rendering_one_explanation_leaves_nothing_behind_for_the_next():
    from claims.markdown import render_markdown

    first = render_markdown("A footnote[^1].\n\n[^1]: From the audit.\n\n*[HTML]: Hyper Text")
    second = render_markdown("Plain text.")
    assert "audit" in first
    assert second == "<p>Plain text.</p>"
