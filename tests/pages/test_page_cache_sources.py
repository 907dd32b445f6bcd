"""Cached public pages refresh when a source or an article is edited in the admin, not only when a verdict
changes: sources bump the same public-state token (factcheck.publicstate) without importing claims."""

import pytest
from django.urls import reverse

from sources.models import Article, Source
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def _source_form(source, **changes):
    fields = ["kind", "name", "slug", "description", "url", "external_id"]
    return {**{name: getattr(source, name) for name in fields}, "parent": source.parent_id or "", **changes}


def _article_form(article, **changes):
    fields = ["url", "title", "slug", "byline", "language", "body"]
    return {
        **{name: getattr(article, name) for name in fields},
        "publisher": article.publisher_id or "",
        "published_on": article.published_on or "",
        # The claims-in-this-article inline (claims.admin): none added, the existing ones untouched.
        "appearances-TOTAL_FORMS": 0,
        "appearances-INITIAL_FORMS": 0,
        **changes,
    }


def _stale_until_edited(client, url, old, change_behind_the_back):
    """URL shows OLD and is cached: a change that bypasses the services does not show."""
    assert old in client.get(url).content.decode()
    change_behind_the_back()
    assert old in client.get(url).content.decode()


@pytest.mark.parametrize("url", ["/sources/ann-minister/", "/claims/bridge-cost/"])
def test_renaming_a_source_in_the_admin_refreshes_the_cached_pages_that_name_it(
    client, editor_client, published, minister, url, django_capture_on_commit_callbacks
):
    _stale_until_edited(
        client, url, "Ann Minister",
        lambda: Source.objects.filter(pk=minister.pk).update(description="Changed behind the back."),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:sources_source_change", args=[minister.pk]), _source_form(minister, name="Ann Ex-Minister")
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(url).content.decode()
    assert "Ann Ex-Minister" in page and "Ann Minister" not in page


@pytest.mark.parametrize("url", ["/articles/bridge-article/", "/claims/bridge-cost/"])
def test_correcting_an_article_title_in_the_admin_refreshes_the_cached_pages_that_show_it(
    client, editor_client, published, article, url, django_capture_on_commit_callbacks
):
    published.attributions.update(article=article, described_as="the minister")  # the claim page names the article
    _stale_until_edited(
        client, url, "The bridge that cost too much",
        lambda: Article.objects.filter(pk=article.pk).update(byline="Changed behind the back."),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:sources_article_change", args=[article.pk]),
            _article_form(article, title="The bridge that cost too little"),
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(url).content.decode()
    assert "The bridge that cost too little" in page and "The bridge that cost too much" not in page


def test_deleting_a_member_in_the_admin_refreshes_its_organisations_cached_page(
    client, editor_client, django_capture_on_commit_callbacks
):
    ministry = SourceFactory(name="Ministry of Transport", slug="ministry", kind="organisation")
    officer = SourceFactory(name="Press Officer", parent=ministry)
    assert "Press Officer" in client.get("/sources/ministry/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("admin:sources_source_delete", args=[officer.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert "Press Officer" not in client.get("/sources/ministry/").content.decode()


def test_an_edit_that_does_not_commit_leaves_the_cached_page_alone(client, editor_client, published, minister):
    assert "Ann Minister" in client.get("/sources/ann-minister/").content.decode()
    # Without the commit (the test's transaction never commits), the token must not move.
    editor_client.post(
        reverse("admin:sources_source_change", args=[minister.pk]), _source_form(minister, name="Ann Ex-Minister")
    )
    assert "Ann Ex-Minister" not in client.get("/sources/ann-minister/").content.decode()
