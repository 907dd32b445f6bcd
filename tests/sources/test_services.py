import pytest

from sources import services
from sources.models import Article


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("http://www.Example.com/news/story/?utm_source=x&id=3#top", "https://example.com/news/story?id=3"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/a?b=2&a=1&fbclid=zz", "https://example.com/a?a=1&b=2"),
    ],
)
def test_it_normalises_article_urls(raw, canonical):
    assert services.normalize_url(raw) == canonical


def test_it_refuses_a_url_that_is_not_http():
    with pytest.raises(ValueError, match="not an http"):
        services.normalize_url("ftp://example.com/file")


def test_the_content_hash_ignores_white_space_changes():
    assert services.content_hash("a  b\n c") == services.content_hash("a b c")
    assert services.content_hash("a b c") != services.content_hash("a b d")


@pytest.mark.django_db
def test_an_article_is_found_again_by_url_or_by_text():
    article = services.article_create(url="https://www.news.example/x?utm_medium=y", title="X", body="Body text.")
    assert article.url == "https://news.example/x"
    assert services.article_find_duplicate(url="http://news.example/x/") == article
    assert services.article_find_duplicate(body="Body   text.") == article
    assert services.article_find_duplicate(url="https://news.example/other", body="Other.") is None
    assert Article.objects.count() == 1
