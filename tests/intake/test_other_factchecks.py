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
