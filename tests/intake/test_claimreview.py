import html
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from claims.models import Claim, ClaimStatus, Rating
from intake.claimreview import parse_claimreviews
from intake.models import ExternalReview, RatingMapping
from intake.services import claimreviews_import
from tests.factories import ClaimFactory
from tests.intake.conftest import CLAIMREVIEW_DIR, claimreview_expectations

EXPECTED = claimreview_expectations()
VALID = sorted(name for name, e in EXPECTED.items() if e["expected_status"] == "valid")
BROKEN = sorted(name for name, e in EXPECTED.items() if e["expected_status"] != "valid")


def _as_date(raw):
    return None if raw is None else date.fromisoformat(raw[:10])


def _clean(raw):
    return html.unescape(raw).strip()


@pytest.mark.parametrize("name", VALID)
def test_it_recovers_the_expected_values_of_each_valid_document(name):
    expected = EXPECTED[name]
    reviews = parse_claimreviews((CLAIMREVIEW_DIR / name).read_bytes())

    assert len(reviews) == expected["claimreview_count"]
    for review, want in zip(reviews, expected["claimreviews"], strict=True):
        assert review.errors == []
        assert review.claim_reviewed == _clean(want["claimReviewed"])
        assert review.url == want["url"]
        assert review.published_on == _as_date(want["datePublished"])
        assert review.publisher == want["review_author"]
        assert review.item_reviewed_type == want["itemReviewed_type"]
        assert (review.claimant_type or None) == want["claim_author_type"]
        names = want["claim_author_name"]
        assert review.claimant_names == (
            [] if names is None else [n.strip() for n in names] if isinstance(names, list) else [names.strip()]
        )
        assert review.claim_date == _as_date(want["claim_date"])
        assert review.appearance_urls == want["appearance_urls"]
        assert (review.first_appearance_url or None) == want["first_appearance_url"]
        rating = want["rating"]
        assert review.rating_text == _clean(rating.get("alternateName", ""))
        if rating.get("ratingValue") and rating.get("bestRating") != rating.get("worstRating"):
            assert review.rating_value == float(rating["ratingValue"])
        else:
            assert review.rating_value is None


def test_it_unescapes_html_entities_in_the_claim():
    (review,) = parse_claimreviews((CLAIMREVIEW_DIR / "single_vishvas_news_en.json").read_bytes())

    assert review.claim_reviewed == "Rishi Sunak praises Manmohan Singh's economy ideas"


def test_it_reads_a_non_iso_date():
    (review,) = parse_claimreviews((CLAIMREVIEW_DIR / "graph_afp_factual_es.json").read_bytes())

    assert review.published_on == date(2022, 7, 8)


def test_it_finds_the_one_claimreview_among_the_json_ld_blocks_of_a_page():
    (review,) = parse_claimreviews((CLAIMREVIEW_DIR / "embedded_boom_live.html").read_bytes())

    assert review.publisher == "Nivedita Niranjankumar"
    assert review.location.startswith("script ")


@pytest.mark.parametrize("name", VALID)
def test_it_imports_each_valid_document(db, name):
    result = claimreviews_import(data=(CLAIMREVIEW_DIR / name).read_bytes())

    assert result.ok, result.errors
    assert ExternalReview.objects.count() == EXPECTED[name]["claimreview_count"]
    review = ExternalReview.objects.get()
    assert review.claim is not None
    assert review.claim.status == ClaimStatus.DRAFT


@pytest.mark.parametrize(
    ("name", "field"),
    [
        ("broken_missing_claimreviewed.json", "claimReviewed"),
        ("broken_rating_out_of_range.json", "reviewRating.ratingValue"),
        ("broken_malformed.json", "document"),
    ],
)
def test_it_rejects_a_broken_document_saying_which_item_which_field_and_why(db, name, field):
    assert name in BROKEN
    result = claimreviews_import(data=(CLAIMREVIEW_DIR / name).read_bytes())

    assert not result.ok
    (error,) = result.errors
    assert error.field == field
    assert error.item in ("review 1 (document)", "document")
    assert error.message
    assert ExternalReview.objects.count() == 0
    assert Claim.objects.count() == 0


def test_the_out_of_range_report_names_the_value_and_the_scale(db):
    result = claimreviews_import(data=(CLAIMREVIEW_DIR / "broken_rating_out_of_range.json").read_bytes())

    assert "7 is outside the scale worstRating 1 .. bestRating 5" in str(result.errors[0])


def test_it_imports_nothing_when_one_item_of_the_file_is_bad(db):
    good = (CLAIMREVIEW_DIR / "single_google_docs_example.json").read_text()
    bad = (CLAIMREVIEW_DIR / "broken_missing_claimreviewed.json").read_text()
    result = claimreviews_import(data=f"[{good}, {bad}]")

    assert [(e.item, e.field) for e in result.errors] == [("review 2 ([1])", "claimReviewed")]
    assert ExternalReview.objects.count() == 0
    assert Claim.objects.count() == 0


def test_a_second_import_updates_the_review_instead_of_duplicating_it(db):
    data = (CLAIMREVIEW_DIR / "graph_afp_factual_es.json").read_bytes()
    claimreviews_import(data=data)
    second = claimreviews_import(data=data)

    assert (len(second.created), len(second.updated), len(second.new_claims)) == (0, 1, 0)
    assert ExternalReview.objects.count() == 1
    assert Claim.objects.count() == 1


def test_it_links_the_review_to_an_alike_claim_instead_of_starting_a_draft(db):
    claim = ClaimFactory(text="The world is flat.")

    result = claimreviews_import(data=(CLAIMREVIEW_DIR / "single_google_docs_example.json").read_bytes())

    assert result.new_claims == []
    assert ExternalReview.objects.get().claim == claim


def test_it_starts_a_draft_claim_with_the_claim_date_when_nothing_matches(db):
    claimreviews_import(data=(CLAIMREVIEW_DIR / "single_google_docs_example.json").read_bytes())

    claim = Claim.objects.get()
    assert (claim.text, claim.claim_date, claim.status) == ("The world is flat", date(2016, 6, 20), "draft")


def test_it_maps_a_known_textual_rating_onto_our_scale(db):
    claimreviews_import(data=(CLAIMREVIEW_DIR / "graph_afp_factual_es.json").read_bytes())

    review = ExternalReview.objects.get()
    assert (review.rating.slug, review.rating_method) == ("false", "label")


def test_it_maps_the_lead_word_of_a_long_textual_rating(db):
    claimreviews_import(data=(CLAIMREVIEW_DIR / "array_comprova_pt.json").read_bytes())

    assert ExternalReview.objects.get().rating.slug == "false"


def test_it_leaves_an_unknown_textual_rating_unmapped_and_flagged(db):
    claimreviews_import(data=(CLAIMREVIEW_DIR / "datafeeditem_datacommons_de.json").read_bytes())

    review = ExternalReview.objects.get()
    assert review.rating is None
    assert review.needs_mapping


def test_a_publishers_own_mapping_beats_the_general_one(db):
    RatingMapping.objects.create(publisher="AFP", label="falso", rating=Rating.objects.get(slug="pants-on-fire"))

    claimreviews_import(data=(CLAIMREVIEW_DIR / "graph_afp_factual_es.json").read_bytes())

    assert ExternalReview.objects.get().rating.slug == "pants-on-fire"


def test_it_scales_a_numeric_rating_between_worst_and_best_when_the_label_is_unknown(db):
    RatingMapping.objects.filter(label="mostly false").delete()

    claimreviews_import(data=(CLAIMREVIEW_DIR / "single_india_today_en.json").read_bytes())

    # 2 on 1..5 is a quarter of the way up; a quarter of the way up our 1..6 scale is 2.25 → False.
    review = ExternalReview.objects.get()
    assert (review.rating.slug, review.rating_method) == ("false", "scale")


def test_the_command_imports_a_file(db, capsys):
    call_command("import_claimreview", str(CLAIMREVIEW_DIR / "array_newschecker_en.json"))

    assert "1 review(s) created" in capsys.readouterr().out
    assert ExternalReview.objects.get().rating.slug == "false"


def test_the_command_exits_non_zero_with_the_item_report_on_a_broken_file(db, capsys):
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_claimreview", str(CLAIMREVIEW_DIR / "broken_missing_claimreviewed.json"))

    assert "review 1 (document): claimReviewed: missing" in capsys.readouterr().err


def test_the_command_imports_from_a_url_through_the_fetcher(db, monkeypatch):
    from intake.fetch import Fetched
    from intake.management.commands import import_claimreview

    page = (CLAIMREVIEW_DIR / "embedded_boom_live.html").read_bytes()
    monkeypatch.setattr(
        import_claimreview, "fetch_url", lambda url: Fetched(url=url, content=page, content_type="text/html")
    )

    call_command("import_claimreview", "https://www.boomlive.in/some-fact-check")

    assert ExternalReview.objects.get().publisher == "Nivedita Niranjankumar"


def test_a_mapping_entered_in_the_admin_is_stored_the_way_it_is_compared(db):
    mapping = RatingMapping(label="  Pants on Fire! ", rating=Rating.objects.get(slug="pants-on-fire"), publisher="X")
    mapping.full_clean()

    assert mapping.label == "pants on fire"


def test_mapping_again_after_a_new_mapping_maps_the_flagged_reviews(db):
    from intake.services import external_reviews_remap

    claimreviews_import(data=(CLAIMREVIEW_DIR / "datafeeditem_datacommons_de.json").read_bytes())
    RatingMapping.objects.create(label="reker hat diesen satz nie gesagt", rating=Rating.objects.get(slug="false"))

    assert external_reviews_remap(reviews=ExternalReview.objects.all()) == 1
    assert ExternalReview.objects.get().rating.slug == "false"


def _review(**overrides):
    node = {
        "@type": "ClaimReview",
        "url": "https://checker.example/review",
        "claimReviewed": "The bridge cost 40 million euros.",
        "author": {"@type": "Organization", "name": "Checker"},
        "reviewRating": {"@type": "Rating", "ratingValue": "2", "bestRating": "5", "worstRating": "1"},
    }
    node.update(overrides)
    return {k: v for k, v in node.items() if v is not None}


@pytest.mark.parametrize(
    "document",
    [
        _review(**{"@type": ["ClaimReview"]}),
        _review(**{"@type": "schema:ClaimReview"}),
        _review(**{"@type": "http://schema.org/ClaimReview"}),
        {"@type": "WebPage", "mainEntity": _review()},
        {"@type": "DataFeed", "dataFeedElement": [{"@type": "DataFeedItem", "item": [_review()]}]},
    ],
    ids=["type-list", "prefixed-type", "type-iri", "main-entity", "datafeed"],
)
def test_it_finds_a_claimreview_however_it_is_typed_or_wrapped(document):
    import json

    (review,) = parse_claimreviews(json.dumps(document))

    assert (review.publisher, review.rating_value) == ("Checker", 2.0)


@pytest.mark.parametrize(
    ("overrides", "field", "why"),
    [
        ({"author": None}, "author", "missing"),
        ({"url": "not a url"}, "url", "not an http(s) URL"),
        ({"datePublished": "sometime soon-ish"}, "datePublished", "is not a date"),
        ({"reviewRating": {"ratingValue": "two", "bestRating": "5"}}, "reviewRating.ratingValue", "is not a number"),
        ({"reviewRating": {"@type": "Rating"}}, "reviewRating", "neither a ratingValue nor a textual rating"),
        ({"reviewRating": None}, "reviewRating", "missing"),
    ],
)
def test_each_bad_field_is_reported_by_name(db, overrides, field, why):
    import json

    result = claimreviews_import(data=json.dumps([_review(url="https://checker.example/ok"), _review(**overrides)]))

    (error,) = result.errors
    assert (error.item, error.field) == ("review 2 ([1])", field)
    assert why in error.message
    assert ExternalReview.objects.count() == 0


def test_a_file_without_any_claimreview_is_refused(db):
    result = claimreviews_import(data='{"@type": "NewsArticle", "headline": "Not a fact-check"}')

    assert [(e.item, e.field) for e in result.errors] == [("document", "document")]
    assert "No ClaimReview found" in result.errors[0].message


def test_the_same_review_twice_in_one_file_is_an_error(db):
    import json

    result = claimreviews_import(data=json.dumps([_review(), _review()]))

    assert [(e.item, e.field) for e in result.errors] == [("review 2 ([1])", "url")]


def test_a_review_refused_while_saving_rolls_back_the_ones_saved_before_it(db):
    import json

    too_long = "https://checker.example/" + "x" * 1100
    result = claimreviews_import(data=json.dumps([_review(url="https://checker.example/ok"), _review(url=too_long)]))

    assert [(e.item, e.field) for e in result.errors] == [("review 2 ([1])", "review")]
    assert "url" in result.errors[0].message
    assert (ExternalReview.objects.count(), Claim.objects.count()) == (0, 0)
    assert result.created == []
