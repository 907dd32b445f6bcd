import json
import re
import urllib.error
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from claims.services import ClaimError
from intake import fetch
from intake.extract import extract_article
from intake.fetch import FetchError, fetch_url
from intake.services import article_import
from sources.models import Article, Source
from tests.intake.conftest import ARTICLES_DIR, SEED_ARTICLE

PAGES = sorted(p.name for p in ARTICLES_DIR.iterdir() if (p / "source.html").exists())


def _page(name):
    return (ARTICLES_DIR / name / "source.html").read_bytes(), json.loads(
        (ARTICLES_DIR / name / "expected-metadata.json").read_text()
    )


@pytest.mark.parametrize("name", PAGES)
def test_it_extracts_the_title_site_and_main_text_of_a_saved_page(name):
    html, expected = _page(name)

    extracted = extract_article(html)

    assert extracted.title == expected["title"]
    if expected.get("siteName"):
        assert extracted.publisher == expected["siteName"]
    if expected.get("lang"):
        assert extracted.language == expected["lang"]
    # The excerpt is the page's description or the article's opening, never boilerplate.
    assert expected["excerpt"][:40] in f"{extracted.description} {extracted.body}".replace("\n", " ")
    assert len(extracted.body) > 1500
    assert extracted.url.startswith("https://")


@pytest.mark.parametrize(
    ("name", "author"),
    [("cnn", "Ahiza Garcia"), ("nytimes-1", "Jeffrey Gettleman"), ("wapo-2", "Steven Mufson")],
)
def test_it_finds_the_author_once_even_when_the_page_repeats_it(name, author):
    extracted = extract_article(_page(name)[0])

    assert extracted.authors == [author]


def test_it_normalises_the_canonical_url_of_the_page():
    extracted = extract_article(_page("nytimes-1")[0])

    assert extracted.url == "https://nytimes.com/2017/01/13/world/africa/sudan-sanctions.html"


def test_it_reads_the_publication_date():
    assert extract_article(_page("bbc-1")[0]).published_on == date(2015, 7, 24)


def test_importing_a_saved_page_stores_the_article_with_its_publisher_and_authors(db):
    result = article_import(html=_page("cnn")[0])

    article = result.article
    assert result.created
    assert article.publisher.name == "CNNMoney"
    assert [a.name for a in article.authors.all()] == ["Ahiza Garcia"]
    assert article.url == "https://money.cnn.com/2016/02/01/news/economy/poverty-inequality-united-states/index.html"


def test_the_same_page_imported_twice_is_recognised_by_its_canonical_url(db):
    first = article_import(html=_page("wapo-2")[0])
    second = article_import(html=_page("wapo-2")[0])

    assert (second.created, second.duplicate_by, second.article) == (False, "canonical URL", first.article)
    assert Article.objects.count() == 1


def test_the_same_text_under_another_url_is_recognised_by_its_content_hash(db):
    body = SEED_ARTICLE.read_text()
    first = article_import(text=body, url="https://one.example/story")
    second = article_import(text=body, url="https://two.example/copy-of-the-story")

    assert (second.created, second.duplicate_by, second.article) == (False, "text", first.article)


def test_an_existing_source_is_reused_for_the_publisher(db):
    outlet = Source.objects.create(name="CNNMoney", slug="cnnmoney", kind="outlet")

    assert article_import(html=_page("cnn")[0]).article.publisher == outlet


def test_importing_pasted_text_proposes_its_claims(db):
    result = article_import(text=SEED_ARTICLE.read_text(), url="https://seed.example/story")

    assert result.article.title == "Zelensky and Trump Agree to Boost Air Defense Cooperation"
    assert result.article.claim_suggestions.count() >= 13


@pytest.fixture(autouse=True)
def _public_dns(monkeypatch):
    """No DNS in tests: every host is a public address unless a test says otherwise."""
    monkeypatch.setattr(fetch, "resolve", lambda host: ["93.184.215.14"])


class _Response:
    def __init__(self, body: bytes, headers: dict | None = None):
        self.body, self.headers = body, headers or {}

    def read(self, n=-1):
        return self.body if n < 0 else self.body[:n]

    def geturl(self):
        return "https://news.example/story"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_the_fetcher_refuses_a_page_over_the_size_cap(monkeypatch):
    monkeypatch.setattr(fetch, "_open", lambda request, timeout: _Response(b"x" * 101))

    with pytest.raises(FetchError, match="larger than the limit of 100 bytes"):
        fetch_url("https://news.example/story", max_bytes=100)


def test_the_fetcher_refuses_a_declared_oversize_page_without_reading_it(monkeypatch):
    response = _Response(b"", {"Content-Length": "5000"})
    monkeypatch.setattr(fetch, "_open", lambda request, timeout: response)

    with pytest.raises(FetchError, match="5,000 bytes; the limit is 100"):
        fetch_url("https://news.example/story", max_bytes=100)


def test_the_fetcher_turns_a_timeout_into_a_clear_error(monkeypatch):
    def slow(request, timeout):
        raise urllib.error.URLError(TimeoutError("timed out"))

    monkeypatch.setattr(fetch, "_open", slow)

    with pytest.raises(FetchError, match=re.escape("No answer from https://news.example/story within 2 seconds")):
        fetch_url("https://news.example/story", timeout=2)


def test_the_fetcher_passes_the_timeout_to_the_connection(monkeypatch, settings):
    settings.FACTCHECK_FETCH_TIMEOUT = 7
    seen = {}

    def record(request, timeout):
        seen["timeout"] = timeout
        return _Response(b"<html></html>", {"Content-Type": "text/html; charset=utf-8"})

    monkeypatch.setattr(fetch, "_open", record)

    assert fetch_url("https://news.example/story").text == "<html></html>"
    assert seen["timeout"] == 7


def test_an_import_from_an_unreachable_url_gives_a_clear_error(db, monkeypatch):
    def refused(request, timeout):
        raise urllib.error.URLError("Connection refused")

    monkeypatch.setattr(fetch, "_open", refused)

    with pytest.raises(ClaimError, match=re.escape("Could not reach https://news.example/x: Connection refused")):
        article_import(url="https://news.example/x")


def test_the_command_imports_a_saved_page_and_says_when_it_is_a_duplicate(db, capsys):
    path = str(ARTICLES_DIR / "nytimes-1" / "source.html")
    call_command("import_article", path)
    call_command("import_article", path)

    out = capsys.readouterr().out
    assert "Imported “United States to Lift Sudan Sanctions”" in out
    assert "Already imported (same canonical URL)" in out


def test_the_command_exits_non_zero_on_a_missing_file(db):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_article", "/nonexistent/page.html")


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.5", "169.254.169.254", "::1"])
def test_the_fetcher_refuses_a_local_or_private_address(monkeypatch, address):
    monkeypatch.setattr(fetch, "resolve", lambda host: [address])
    monkeypatch.setattr(fetch, "_open", lambda request, timeout: pytest.fail("must not connect"))

    with pytest.raises(FetchError, match="local or private address"):
        fetch_url("http://intranet.example/admin")


def test_the_fetcher_refuses_a_redirect_to_a_private_address(monkeypatch):
    monkeypatch.setattr(
        fetch, "resolve", lambda host: ["10.0.0.5"] if host == "internal.example" else ["93.184.215.14"]
    )
    handler = fetch._CheckedRedirects()

    with pytest.raises(FetchError, match="local or private address"):
        handler.redirect_request(None, None, 302, "Found", {}, "http://internal.example/secret")


def test_the_fetcher_refuses_a_non_http_url():
    with pytest.raises(FetchError, match="is not an http"):
        fetch_url("file:///etc/passwd")
