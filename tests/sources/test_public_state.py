"""Every sources write moves the public-state token once it commits, so cached public pages refresh."""

import pytest
from django.urls import reverse

from factcheck.publicstate import public_state_token
from sources import services
from sources.models import Article
from tests.factories import ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db

WRITES = {
    "source_create": lambda: services.source_create(name="Ann Minister"),
    "source_save": lambda: services.source_save(source=SourceFactory()),
    "source_delete": lambda: services.source_delete(source=SourceFactory()),
    "article_create": lambda: services.article_create(url="https://news.example/a", title="A", body="Text."),
    "article_save": lambda: services.article_save(article=ArticleFactory()),
    "article_delete": lambda: services.article_delete(article=ArticleFactory()),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_sources_write_moves_the_public_state_token_when_it_commits(write, django_capture_on_commit_callbacks):
    before = public_state_token()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        write()
    assert public_state_token() == before  # not before the commit: a rollback must not refresh anything
    for callback in callbacks:
        callback()
    assert public_state_token() != before


def test_saving_an_article_keeps_its_url_canonical_and_its_hash_in_step_with_its_text():
    article = ArticleFactory()
    article.url = "http://www.news.example/story/?utm_source=feed"
    article.body = "A   new text."
    services.article_save(article=article)
    article.refresh_from_db()
    assert article.url == "https://news.example/story"
    assert article.content_hash == services.content_hash("A new text.")


def test_the_admin_refuses_a_second_copy_of_an_article_under_another_form_of_its_url(editor_client):
    ArticleFactory(url="https://news.example/story")
    copy = ArticleFactory(url="https://news.example/other")
    data = {
        "url": "http://www.news.example/story/?utm_medium=social",
        "title": copy.title,
        "slug": copy.slug,
        "language": "en",
        "body": copy.body,
        "appearances-TOTAL_FORMS": 0,
        "appearances-INITIAL_FORMS": 0,
    }
    response = editor_client.post(reverse("admin:sources_article_change", args=[copy.pk]), data)
    assert response.status_code == 200
    assert "Article with this Url already exists." in response.content.decode()
    assert Article.objects.get(pk=copy.pk).url == "https://news.example/other"


def test_the_admin_records_who_edited_a_source_in_its_history(editor_client, editor):
    source = SourceFactory(name="Ann Minister", slug="ann")
    data = {"kind": source.kind, "name": "Ann Ex-Minister", "slug": "ann", "description": "", "url": ""}
    response = editor_client.post(reverse("admin:sources_source_change", args=[source.pk]), data)
    assert response.status_code == 302
    assert source.history.first().history_user == editor
