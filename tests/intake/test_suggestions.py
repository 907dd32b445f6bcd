from datetime import date

import pytest
import yaml
from django.conf import settings

from claims.models import Appearance, Attribution, Claim
from claims.services import ClaimError
from intake.models import ClaimSuggestion, SuggestionStatus
from intake.services import suggestion_accept, suggestion_dismiss, suggestion_link, suggestions_refresh
from intake.suggest import SourceRef, suggest_claims
from sources.models import Article, Source
from tests.factories import ArticleFactory, ClaimFactory, SourceFactory
from tests.intake.conftest import SEED_ARTICLE

SEED = yaml.safe_load((settings.BASE_DIR / "seeds" / "trump-zelensky-independence-day.yaml").read_text())
BODY = SEED_ARTICLE.read_text()
SOURCES = [SourceRef(s["slug"], s["name"]) for s in SEED["sources"]]
PUBLISHER = SourceRef("seed-article-publisher", "Seed article publisher (unnamed)")


@pytest.fixture(scope="module")
def seed_suggestions():
    return suggest_claims(body=BODY, published_on=date(2025, 7, 4), sources=SOURCES, publisher=PUBLISHER)


def _at(suggestions, quote):
    start = BODY.index(quote)
    found = [s for s in suggestions if s.start <= start and start + len(quote) <= s.end + 1]
    assert found, f"no suggestion covers {quote!r}"
    return min(found, key=lambda s: s.end - s.start)


@pytest.mark.parametrize("claim", SEED["claims"], ids=lambda c: c["slug"])
def test_it_recovers_every_seed_claim_with_its_claimant(seed_suggestions, claim):
    quote = claim["appearances"][0]["quote"]
    suggestion = _at(seed_suggestions, quote)
    made = [a["source"] for a in claim["attributions"] if a["role"] == "made"] or [claim["attributions"][0]["source"]]

    assert suggestion.claimant.source_id == made[0]


def test_every_suggestion_quotes_the_body_at_its_exact_offsets(seed_suggestions):
    assert all(BODY[s.start : s.end] == s.quote for s in seed_suggestions)


def test_the_offsets_of_a_whole_sentence_claim_are_exact(seed_suggestions):
    quote = "Their conversation reportedly lasted 40 minutes."
    suggestion = _at(seed_suggestions, quote)

    assert (suggestion.start, suggestion.end) == (BODY.index(quote), BODY.index(quote) + len(quote))


def test_a_pronoun_becomes_the_name_the_article_gives(seed_suggestions):
    suggestion = _at(seed_suggestions, "He also stated that Ukraine is ready")

    assert suggestion.text == (
        "On 4 July 2025, Volodymyr Zelensky stated that Ukraine is ready to pursue direct defense projects "
        "with the United States."
    )


def test_a_relative_date_is_read_from_the_article_date(seed_suggestions):
    suggestion = _at(seed_suggestions, "Trump acknowledged that no substantial breakthrough had been reached")

    assert suggestion.claim_date == date(2025, 7, 3)
    assert suggestion.text.startswith("On 3 July 2025, Donald Trump acknowledged")


def test_their_and_the_two_leaders_become_the_two_people_named(seed_suggestions):
    suggestion = _at(seed_suggestions, "Their conversation reportedly lasted 40 minutes.")

    assert "Volodymyr Zelensky and Donald Trump's conversation reportedly lasted 40 minutes" in suggestion.text


def test_a_duration_becomes_a_structured_quantity(seed_suggestions):
    suggestion = _at(seed_suggestions, "Their conversation reportedly lasted 40 minutes.")

    assert {"text": "40 minutes", "value": 40.0, "unit": "minute", "kind": "duration"} in suggestion.quantities
    assert "duration: 40 minutes" in suggestion.reasons


def test_an_entity_mention_stays_an_entity_not_a_quantity(seed_suggestions):
    suggestion = _at(seed_suggestions, "the U.S. had paused certain military deliveries")

    assert suggestion.quantities == []


def test_greetings_and_opinions_score_low_and_are_not_proposed(seed_suggestions):
    quotes = " ".join(s.quote for s in seed_suggestions)

    assert "congratulated Trump" not in quotes
    assert "essential to national security" not in quotes
    assert "I appreciate his close attention" not in quotes


def test_a_measured_claim_scores_higher_than_a_plain_statement(seed_suggestions):
    measured = _at(seed_suggestions, "Their conversation reportedly lasted 40 minutes.")
    plain = _at(seed_suggestions, "reaffirmed Kyiv’s support")

    assert measured.score > plain.score


# -- attribution patterns --------------------------------------------------------------------------

PEOPLE = [SourceRef(1, "Barak Ravid"), SourceRef(2, "Maria Lopez"), SourceRef(3, "Tom Baker")]


def _one(text, **kwargs):
    """The sentence's suggestion (a title claim such as "Tom Baker is a finance minister" aside)."""
    found = suggest_claims(body=text, sources=PEOPLE, min_score=0, **kwargs)
    (suggestion,) = [s for s in found if "a title or function given to a named person" not in s.reasons]
    return suggestion


def test_journalist_confirmed_yields_the_source_its_description_and_role():
    s = _one("Axios journalist Barak Ravid confirmed that the ministry spent 40 million euros on the bridge.")

    (who,) = s.attributions
    assert (who.name, who.source_id, who.described_as, who.role) == ("Barak Ravid", 1, "Axios journalist", "confirmed")


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Maria Lopez said the bridge cost 40 million euros.", "Maria Lopez", "made"),
        ("According to Maria Lopez, the bridge cost 40 million euros.", "Maria Lopez", "made"),
        ("Finance minister Tom Baker noted that the budget rose by 12 percent.", "Tom Baker", "made"),
        ("Tom Baker acknowledged that the project ran two years late.", "Tom Baker", "made"),
        ("“The bridge cost 40 million euros,” Maria Lopez said.", "Maria Lopez", "made"),
        ("Lopez denied that the bridge cost 40 million euros.", "Maria Lopez", "denied"),
    ],
)
def test_it_finds_the_claimant_from_the_reporting_pattern(text, name, role):
    s = _one(text)

    assert (s.claimant.name, s.claimant.role) == (name, role)


def test_a_surname_is_matched_to_the_existing_source_before_a_new_one_is_proposed():
    s = _one("Ravid confirmed that the bridge cost 40 million euros.")

    assert (s.claimant.name, s.claimant.source_id) == ("Barak Ravid", 1)


def test_an_unknown_name_is_proposed_as_a_new_source():
    s = _one("Economist Jane Roe said the bridge cost 40 million euros.")

    assert (s.claimant.name, s.claimant.source_id, s.claimant.described_as) == ("Jane Roe", None, "Economist")


# -- accepting, linking, dismissing ----------------------------------------------------------------


@pytest.fixture
def seed_article(seeded):
    article = Article.objects.get(slug="trump-zelensky-independence-day")
    suggestions_refresh(article=article)
    return article


def _suggestion(article, quote):
    return ClaimSuggestion.objects.get(article=article, quote__startswith=quote)


def test_accepting_creates_the_claim_its_appearance_and_its_attributions(seed_article, reviewer):
    suggestion = _suggestion(seed_article, "Axios journalist Barak Ravid confirmed")

    claim = suggestion_accept(suggestion=suggestion, user=reviewer)

    assert claim.status == "draft" and claim.reviewer == reviewer
    appearance = claim.appearances.get()
    assert seed_article.body[appearance.start : appearance.end] == suggestion.quote
    assert sorted(claim.attributions.values_list("source__slug", "role", "described_as")) == [
        ("barak-ravid", "confirmed", "Axios journalist"),
        ("volodymyr-zelensky", "made", ""),
    ]
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.claim) == (SuggestionStatus.ACCEPTED, claim)


def test_accepting_with_an_edited_wording_uses_the_reviewers_text(seed_article, reviewer):
    suggestion = _suggestion(seed_article, "Their conversation reportedly lasted")

    claim = suggestion_accept(suggestion=suggestion, user=reviewer, text="The call lasted 40 minutes.")

    assert claim.text == "The call lasted 40 minutes."


def test_accepting_is_all_or_nothing(seed_article, reviewer):
    suggestion = _suggestion(seed_article, "Their conversation reportedly lasted")
    ClaimSuggestion.objects.filter(pk=suggestion.pk).update(
        attributions=[{"name": "Maria Lopez", "role": "made"}, {"name": "Tom Baker", "role": "invented"}]
    )
    claims_before, attributions_before = Claim.objects.count(), Attribution.objects.count()

    with pytest.raises(ClaimError):
        suggestion_accept(suggestion=suggestion, user=reviewer)

    assert (Claim.objects.count(), Attribution.objects.count()) == (claims_before, attributions_before)
    assert ClaimSuggestion.objects.get(pk=suggestion.pk).status == SuggestionStatus.NEW


def test_a_suggestion_cannot_be_accepted_twice(seed_article, reviewer):
    suggestion = _suggestion(seed_article, "Their conversation reportedly lasted")
    suggestion_accept(suggestion=suggestion, user=reviewer)

    with pytest.raises(ClaimError, match="already accepted"):
        suggestion_accept(suggestion=suggestion, user=reviewer)


def test_linking_adds_the_appearance_to_the_existing_claim(seed_article, reviewer):
    claim = Claim.objects.get(slug="zelensky-trump-call-lasted-40-minutes")
    suggestion = _suggestion(seed_article, "Their conversation reportedly lasted")
    Appearance.objects.filter(claim=claim).delete()

    suggestion_link(suggestion=suggestion, claim=claim, user=reviewer)

    assert claim.appearances.get().quote == "Their conversation reportedly lasted 40 minutes."
    assert ClaimSuggestion.objects.get(pk=suggestion.pk).status == SuggestionStatus.LINKED


def test_dismissing_keeps_the_decision_when_suggestions_are_refreshed(seed_article, reviewer):
    suggestion = _suggestion(seed_article, "Their conversation reportedly lasted")
    suggestion_dismiss(suggestion=suggestion, user=reviewer)

    suggestions_refresh(article=seed_article)

    assert ClaimSuggestion.objects.filter(article=seed_article, quote=suggestion.quote).count() == 1
    assert ClaimSuggestion.objects.get(pk=suggestion.pk).status == SuggestionStatus.DISMISSED


def test_refreshing_matches_names_to_the_sources_in_the_database(db):
    source = SourceFactory(name="Maria Lopez")
    article = ArticleFactory(body="Maria Lopez said the bridge cost 40 million euros.")

    (suggestion,) = suggestions_refresh(article=article)

    assert suggestion.claimant["source_id"] == source.pk
    assert Source.objects.count() == 2  # the author and the article's outlet: nothing new proposed yet


def test_refreshing_leaves_the_claims_alone(db):
    article = ArticleFactory()
    ClaimFactory()

    suggestions_refresh(article=article)

    assert Claim.objects.count() == 1


@pytest.mark.parametrize("name", ["bbc-1", "cnn", "herald-sun-1", "nytimes-1", "wapo-2"])
def test_suggestions_on_a_real_news_page_quote_it_exactly(name):
    from intake.extract import extract_article
    from tests.intake.conftest import ARTICLES_DIR

    article = extract_article((ARTICLES_DIR / name / "source.html").read_bytes())

    found = suggest_claims(body=article.body, published_on=article.published_on)

    assert found
    assert all(article.body[s.start : s.end] == s.quote for s in found)


def test_a_dateline_is_not_part_of_the_claim():
    (suggestion,) = suggest_claims(
        body="LONDON — The government said the embargo had cost Sudan 4 billion dollars since 1997.", min_score=0
    )

    assert suggestion.quote.startswith("The government said")


def test_a_sentence_with_its_own_date_gets_no_article_date_in_front():
    (suggestion,) = suggest_claims(
        body="In 1997, the president imposed a trade embargo that cost 4 billion dollars.",
        published_on=date(2017, 1, 13),
        min_score=0,
    )

    assert suggestion.text.startswith("In 1997, the president imposed")


def test_another_language_is_a_class_registered_for_its_code():
    from intake import suggest

    @suggest.register
    class Toy:
        language = "zz"

        @staticmethod
        def matching_text(text):
            return text

        def suggest(self, body, *, published_on, sources, publisher=None):
            return [suggest.Suggestion(start=0, end=len(body), quote=body, text=body.upper(), score=0.9)]

    try:
        (found,) = suggest_claims(body="bla bla 40", language="zz-ZZ")
        assert found.text == "BLA BLA 40"
        assert suggest.suggester_for("en").language == "en"
    finally:
        suggest._REGISTRY.pop("zz")


def test_an_opening_phrase_before_he_said_keeps_the_claimant():
    body = (
        "President Barack Obama said the law cost 4 billion dollars. "
        "But with just 18 months left in power, he said gun control had cost him 3 votes in 2013."
    )

    suggestion = suggest_claims(body=body, min_score=0)[-1]

    assert (suggestion.claimant.name, suggestion.claimant.role) == ("Barack Obama", "made")
    assert suggestion.text == "Barack Obama said gun control had cost him 3 votes in 2013."


def test_an_honorific_is_not_part_of_the_name():
    s = _one("Mr Baker said the budget rose by 12 percent.")

    assert (s.claimant.name, s.claimant.source_id) == ("Tom Baker", 3)
