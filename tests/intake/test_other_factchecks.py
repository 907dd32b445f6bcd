from django.template.loader import render_to_string

from claims.models import Claim
from intake.api import OtherFactcheckSerializer, OtherFactchecksField
from intake.selectors import other_factchecks_for, other_factchecks_prefetch
from intake.services import claimreviews_import
from tests.intake.conftest import CLAIMREVIEW_DIR


def _imported(*names):
    for name in names:
        claimreviews_import(data=(CLAIMREVIEW_DIR / name).read_bytes())
    return Claim.objects.get()


def test_the_claims_other_factchecks_carry_their_rating_and_ours(db):
    claim = _imported("graph_afp_factual_es.json")

    (review,) = OtherFactcheckSerializer(other_factchecks_for(claim=claim), many=True).data

    assert review["publisher"] == "AFP"
    assert (review["rating_text"], review["rating_value"], review["best_rating"], review["rating"]) == (
        "Falso",
        1.0,
        5.0,
        "false",
    )


def test_the_field_reads_the_prefetched_reviews_without_a_query(db, django_assert_num_queries):
    _imported("graph_afp_factual_es.json")
    claim = Claim.objects.prefetch_related(other_factchecks_prefetch()).get()

    with django_assert_num_queries(0):
        data = OtherFactchecksField().to_representation(claim)

    assert [r["publisher"] for r in data] == ["AFP"]


def test_the_partial_shows_the_publisher_their_rating_and_ours(db):
    claim = _imported("graph_afp_factual_es.json")

    html = render_to_string("intake/_other_factchecks.html", {"reviews": other_factchecks_for(claim=claim)})

    assert "Other fact-checks" in html
    assert 'href="https://factual.afp.com/doc.afp.com.32DZ4YE"' in html
    assert "“Falso”" in html
    assert "on our scale: False" in html


def test_the_partial_says_nothing_when_there_is_no_other_factcheck():
    assert render_to_string("intake/_other_factchecks.html", {"reviews": []}).strip() == ""


def _published_with_afp_review():
    from django.utils import timezone

    claim = _imported("graph_afp_factual_es.json")
    claim.status, claim.published_at = "published", timezone.now()
    claim.save()
    return claim


def test_the_public_claim_page_shows_other_fact_checks(client, db):
    claim = _published_with_afp_review()
    content = client.get(claim.get_absolute_url()).content.decode()
    assert "Other fact-checks" in content
    assert "AFP" in content


def test_the_api_claim_detail_lists_other_fact_checks(client, db):
    claim = _published_with_afp_review()
    data = client.get(f"/api/v1/claims/{claim.pk}/").json()
    assert [review["publisher"] for review in data["other_factchecks"]] == ["AFP"]


def test_a_draft_claim_is_not_shown_because_another_fact_checker_reviewed_it(client, db):
    claim = _imported("graph_afp_factual_es.json")
    assert claim.status == "draft"
    assert client.get(claim.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/claims/{claim.pk}/").status_code == 404
