import pytest
from django.contrib import admin
from django.urls import reverse

from claims.models import Appearance, Claim
from tests.factories import (
    AppearanceFactory,
    ArticleFactory,
    AttributionFactory,
    EvidenceFactory,
    SourceFactory,
    published_claim,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    claim = published_claim()
    AppearanceFactory(claim=claim, article=claim.appearances.first().article, quote="exceeded by 12 percent")
    return claim


def _models_for(app_labels):
    return [m for m in admin.site._registry if m._meta.app_label in app_labels]


@pytest.mark.parametrize("app_label", ["claims", "sources"])
def test_every_list_page_and_edit_form_renders_for_a_reviewer(reviewer_client, reviewer, data, app_label):
    for model in _models_for({app_label}):
        opts = model._meta
        if not reviewer.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            continue
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        response = reviewer_client.get(changelist)
        assert response.status_code == 200, changelist
        obj = model.objects.first()
        if obj is not None:
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            assert reviewer_client.get(change).status_code == 200, change
        if reviewer.has_perm(f"{opts.app_label}.add_{opts.model_name}"):
            add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
            assert reviewer_client.get(add).status_code == 200, add


def test_the_claims_list_shows_verdict_badges_and_filters(reviewer_client, data):
    response = reviewer_client.get(reverse("admin:claims_claim_changelist"))
    content = response.content.decode()
    assert 'class="fc-badge"' in content
    assert "By status" in content or "status" in content
    response = reviewer_client.get(reverse("admin:claims_claim_changelist"), {"verdict__rating__id__exact": "999"})
    assert response.status_code == 200
    response = reviewer_client.get(reverse("admin:claims_claim_changelist"), {"q": "bridge"})
    assert data.text in response.content.decode()


def test_the_article_page_shows_its_claims_inline(reviewer_client, data):
    article = data.appearances.first().article
    response = reviewer_client.get(reverse("admin:sources_article_change", args=[article.pk]))
    assert "claims in this article" in response.content.decode().lower()
    assert "exceeded by 12 percent" in response.content.decode()


def test_the_claim_page_shows_appearances_attributions_and_the_verdict_with_evidence(reviewer_client, data):
    EvidenceFactory(verdict=data.verdict, title="Ministry spreadsheet")
    AttributionFactory(claim=data, source=SourceFactory(name="Jane Quoted"), described_as="a spokesperson")
    content = reviewer_client.get(reverse("admin:claims_claim_change", args=[data.pk])).content.decode()
    assert "the bridge cost 40 million euros" in content
    assert "a spokesperson" in content
    assert "Ministry spreadsheet" in content
    assert data.verdict.summary in content


def test_sources_articles_and_claims_use_autocomplete(reviewer_client, data):
    url = reverse("admin:autocomplete")
    for app, model, field in [
        ("claims", "attribution", "source"),
        ("claims", "appearance", "article"),
        ("claims", "appearance", "claim"),
    ]:
        response = reviewer_client.get(url, {"app_label": app, "model_name": model, "field_name": field, "term": ""})
        assert response.status_code == 200, (app, model, field)
        assert response.json()["results"]


def _appearance_post(claim, article, quote):
    return {
        "claim": claim.pk,
        "article": article.pk,
        "quote": quote,
        "start": "",
        "end": "",
    }


def test_a_quote_not_in_the_article_is_a_form_error_that_names_the_problem(reviewer_client):
    article = ArticleFactory()
    claim = published_claim()
    response = reviewer_client.post(
        reverse("admin:claims_appearance_add"), _appearance_post(claim, article, "the bridge cost 45 million euros")
    )
    assert response.status_code == 200
    assert "is not in the article" in response.content.decode()
    assert not Appearance.objects.filter(article=article).exists()


def test_a_quote_given_alone_is_located_in_the_article(reviewer_client):
    article = ArticleFactory()
    claim = published_claim()
    response = reviewer_client.post(
        reverse("admin:claims_appearance_add"), _appearance_post(claim, article, "ran two years late")
    )
    assert response.status_code == 302
    appearance = Appearance.objects.get(article=article)
    assert article.body[appearance.start : appearance.end] == "ran two years late"


def test_a_reviewer_cannot_delete_a_claim(reviewer_client, data):
    response = reviewer_client.get(reverse("admin:claims_claim_delete", args=[data.pk]))
    assert response.status_code == 403
    assert Claim.objects.filter(pk=data.pk).exists()


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("admin:claims_claim_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
