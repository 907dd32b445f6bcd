import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim
from intake.models import ClaimSuggestion, ExternalReview, SuggestionStatus
from intake.services import claimreviews_import, suggestions_refresh
from sources.models import Article
from tests.factories import ArticleFactory, ClaimFactory
from tests.intake.conftest import ARTICLES_DIR, CLAIMREVIEW_DIR, SEED_ARTICLE

IMPORT_URL = "admin:intake_article_import"
UPLOAD_URL = "admin:intake_claimreview_upload"


def test_a_reader_cannot_reach_the_import_page(reader_client):
    response = reader_client.get(reverse(IMPORT_URL))

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_reviewer_sees_the_import_page(reviewer_client):
    response = reviewer_client.get(reverse(IMPORT_URL))

    assert response.status_code == 200
    assert b"Import and propose claims" in response.content


def test_pasting_text_imports_the_article_and_opens_its_suggestions(reviewer_client):
    response = reviewer_client.post(
        reverse(IMPORT_URL), {"text": SEED_ARTICLE.read_text(), "url": "https://seed.example/story"}, follow=True
    )

    article = Article.objects.get()
    assert response.redirect_chain[-1][0] == reverse("admin:intake_article_suggestions", args=[article.pk])
    assert b'<mark class="fc-suggestion' in response.content
    assert b"Their conversation reportedly lasted 40 minutes." in response.content


def test_uploading_a_saved_page_imports_it(reviewer_client):
    page = (ARTICLES_DIR / "nytimes-1" / "source.html").read_bytes()

    reviewer_client.post(reverse(IMPORT_URL), {"html_file": SimpleUploadedFile("page.html", page)})

    assert Article.objects.get().title == "United States to Lift Sudan Sanctions"


def test_importing_the_same_article_again_says_so(reviewer_client):
    data = {"text": SEED_ARTICLE.read_text(), "url": "https://seed.example/story"}
    reviewer_client.post(reverse(IMPORT_URL), data)

    response = reviewer_client.post(reverse(IMPORT_URL), data, follow=True)

    assert "Already imported (same canonical URL)" in response.content.decode()
    assert Article.objects.count() == 1


def test_an_empty_import_form_is_refused_with_a_reason(reviewer_client):
    response = reviewer_client.post(reverse(IMPORT_URL), {})

    assert response.status_code == 400
    assert "a saved HTML page, or its text." in response.content.decode()
    assert Article.objects.count() == 0


@pytest.fixture
def imported(db):
    article = ArticleFactory(body=SEED_ARTICLE.read_text(), language="en")
    suggestions_refresh(article=article)
    return article


def _decide(client, suggestion, **data):
    return client.post(reverse("admin:intake_suggestion_decide", args=[suggestion.pk]), data)


def test_accepting_in_one_click_creates_the_claim(reviewer_client, imported):
    suggestion = ClaimSuggestion.objects.get(quote="Their conversation reportedly lasted 40 minutes.")

    _decide(reviewer_client, suggestion, action="accept", text=suggestion.text)

    claim = Claim.objects.get()
    assert claim.appearances.get().quote == suggestion.quote
    assert ClaimSuggestion.objects.get(pk=suggestion.pk).status == SuggestionStatus.ACCEPTED


def test_editing_then_accepting_stores_the_edited_wording(reviewer_client, imported):
    suggestion = ClaimSuggestion.objects.get(quote="Their conversation reportedly lasted 40 minutes.")

    _decide(reviewer_client, suggestion, action="accept", text="The call lasted 40 minutes.", claim_date="2025-07-04")

    assert Claim.objects.get().text == "The call lasted 40 minutes."


def test_dismissing_in_one_click(reviewer_client, imported):
    suggestion = ClaimSuggestion.objects.get(quote="Their conversation reportedly lasted 40 minutes.")

    _decide(reviewer_client, suggestion, action="dismiss")

    assert ClaimSuggestion.objects.get(pk=suggestion.pk).status == SuggestionStatus.DISMISSED
    assert Claim.objects.count() == 0


def test_the_page_shows_a_duplicate_candidate_with_its_score_and_links_to_it(reviewer_client, imported):
    existing = ClaimFactory(text="Volodymyr Zelensky and Donald Trump's conversation lasted 40 minutes.")
    suggestion = ClaimSuggestion.objects.get(quote="Their conversation reportedly lasted 40 minutes.")

    page = reviewer_client.get(reverse("admin:intake_article_suggestions", args=[imported.pk])).content.decode()
    assert f'name="link" value="{existing.pk}"' in page
    assert 'class="fc-similarity"' in page

    _decide(reviewer_client, suggestion, link=str(existing.pk))

    assert existing.appearances.get().quote == suggestion.quote
    assert Claim.objects.count() == 1


def test_a_reader_cannot_decide(reader_client, imported):
    suggestion = ClaimSuggestion.objects.first()

    _decide(reader_client, suggestion, action="accept")

    assert ClaimSuggestion.objects.get(pk=suggestion.pk).status == SuggestionStatus.NEW


def test_the_suggestions_page_runs_the_same_queries_for_one_or_many_suggestions(reviewer_client, db):
    one = ArticleFactory(body="Maria Lopez said the bridge cost 40 million euros.")
    many = ArticleFactory(body=SEED_ARTICLE.read_text())
    suggestions_refresh(article=one)
    suggestions_refresh(article=many)
    ClaimFactory(text="The bridge cost 40 million euros.")
    ClaimFactory(text="Volodymyr Zelensky and Donald Trump's conversation lasted 40 minutes.")
    assert ClaimSuggestion.objects.filter(article=one).count() == 1
    assert ClaimSuggestion.objects.filter(article=many).count() > 10

    counts = []
    for article in (one, many):
        with CaptureQueriesContext(connection) as queries:
            assert (
                reviewer_client.get(reverse("admin:intake_article_suggestions", args=[article.pk])).status_code == 200
            )
        counts.append(len(queries))
    # 1 session, 2 user, 3-4 the user's permissions (through groups, then direct), 5 the article with its
    # publisher, 6 its suggestions with their claims, 7 the duplicate candidates of all suggestions at once,
    # 8 other fact-checkers' reviews of those candidates.
    assert counts == [8, 8]


def test_uploading_a_claimreview_file_imports_it(reviewer_client):
    data = (CLAIMREVIEW_DIR / "graph_afp_factual_es.json").read_bytes()

    response = reviewer_client.post(reverse(UPLOAD_URL), {"file": SimpleUploadedFile("afp.json", data)})

    assert response.status_code == 200
    assert ExternalReview.objects.get().publisher == "AFP"


def test_uploading_a_broken_claimreview_file_lists_each_problem_and_imports_nothing(reviewer_client):
    data = (CLAIMREVIEW_DIR / "broken_rating_out_of_range.json").read_bytes()

    response = reviewer_client.post(reverse(UPLOAD_URL), {"file": SimpleUploadedFile("bad.json", data)})

    assert response.status_code == 400
    page = response.content.decode()
    assert "review 1 (document)" in page
    assert "reviewRating.ratingValue" in page
    assert "7 is outside the scale" in page
    assert ExternalReview.objects.count() == 0


def test_the_upload_form_needs_exactly_one_input(reviewer_client):
    response = reviewer_client.post(reverse(UPLOAD_URL), {})

    assert response.status_code == 400
    assert "Give exactly one of" in response.content.decode()


def test_a_reader_cannot_upload_claimreviews(reader_client):
    assert reader_client.get(reverse(UPLOAD_URL)).status_code == 302


def test_the_external_reviews_list_runs_the_same_queries_for_one_or_many(admin_client):
    claimreviews_import(data=(CLAIMREVIEW_DIR / "single_google_docs_example.json").read_bytes())
    url = reverse("admin:intake_externalreview_changelist")
    with CaptureQueriesContext(connection) as first:
        admin_client.get(url)
    for name in ("graph_afp_factual_es.json", "array_comprova_pt.json", "datafeeditem_datacommons_de.json"):
        claimreviews_import(data=(CLAIMREVIEW_DIR / name).read_bytes())
    with CaptureQueriesContext(connection) as second:
        admin_client.get(url)
    # session, user, count, filtered count, the page of reviews with claim and rating (one join), and the
    # filter choices (ratings, publishers, dates).
    assert len(first) == len(second)


def test_the_duplicates_page_shows_a_new_claim_beside_the_one_it_resembles(reviewer_client):
    old = ClaimFactory(text="The phone call between Trump and Zelensky lasted 40 minutes.")
    new = ClaimFactory(text="The phone call between Trump and Zelensky lasted 45 minutes.")
    ClaimFactory(text="Unemployment fell to 5 percent in March.")

    page = reviewer_client.get(reverse("admin:intake_claim_duplicates")).content.decode()

    assert f'href="{reverse("admin:claims_claim_change", args=[old.pk])}"' in page
    assert f'href="{reverse("admin:claims_claim_change", args=[new.pk])}"' in page
    assert "different figures" in page
    assert "Unemployment" not in page


def test_the_duplicates_page_runs_the_same_queries_for_one_or_many_claims(reviewer_client):
    url = reverse("admin:intake_claim_duplicates")
    ClaimFactory(text="The bridge cost 40 million euros.")
    ClaimFactory(text="The bridge cost 40 million euros in 2024.")
    with CaptureQueriesContext(connection) as first:
        reviewer_client.get(url)
    for n in range(5):
        ClaimFactory(text=f"The tunnel cost {n + 50} million euros.")
    with CaptureQueriesContext(connection) as second:
        reviewer_client.get(url)
    # 1 session, 2 user, 3-4 the user's permissions, 5 the newest unpublished claims, 6 the candidates.
    assert (len(first), len(second)) == (6, 6)


def test_the_suggestions_list_runs_the_same_queries_for_one_or_many(admin_client):
    url = reverse("admin:intake_claimsuggestion_changelist")
    suggestions_refresh(article=ArticleFactory(body="Maria Lopez said the bridge cost 40 million euros."))
    with CaptureQueriesContext(connection) as first:
        assert admin_client.get(url).status_code == 200
    suggestions_refresh(article=ArticleFactory(body=SEED_ARTICLE.read_text()))
    with CaptureQueriesContext(connection) as second:
        admin_client.get(url)
    # session, user, count, filtered count, the page of suggestions with their article (one join).
    assert len(first) == len(second)


def test_the_rating_mappings_list_runs_the_same_queries_for_few_or_many(admin_client):
    from claims.models import Rating
    from intake.models import RatingMapping

    url = reverse("admin:intake_ratingmapping_changelist")
    with CaptureQueriesContext(connection) as first:
        assert admin_client.get(url).status_code == 200
    false = Rating.objects.get(slug="false")
    RatingMapping.objects.bulk_create(
        RatingMapping(label=f"bogus {n}", rating=false, publisher=f"P{n}") for n in range(20)
    )
    with CaptureQueriesContext(connection) as second:
        admin_client.get(url)
    # session, user, count, filtered count, the page of mappings with their rating (one join), the
    # rating and publisher filter choices.
    assert len(first) == len(second)


def test_a_candidate_checked_by_another_fact_checker_says_so(reviewer_client, imported):
    claimreviews_import(
        data=b"""{"@context": "https://schema.org", "@type": "ClaimReview",
        "url": "https://checker.example/call-length", "claimReviewed": "Zelensky and Trump's call lasted 40 minutes",
        "author": {"@type": "Organization", "name": "Checker"},
        "reviewRating": {"@type": "Rating", "alternateName": "Mostly true"}}"""
    )

    page = reviewer_client.get(reverse("admin:intake_article_suggestions", args=[imported.pk])).content.decode()

    assert "checked by Checker: “Mostly true”" in page
