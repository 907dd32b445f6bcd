import pytest
from django.core.exceptions import ValidationError

from claims import services
from claims.anchoring import QuoteNotFound, anchor_quote
from tests.factories import ARTICLE_BODY, ArticleFactory, ClaimFactory

QUOTE = "the bridge cost 40 million euros"


def test_it_locates_a_quote_given_without_offsets():
    start, end = anchor_quote(ARTICLE_BODY, QUOTE)
    assert ARTICLE_BODY[start:end] == QUOTE


def test_it_accepts_offsets_that_point_at_the_quote():
    start = ARTICLE_BODY.index(QUOTE)
    assert anchor_quote(ARTICLE_BODY, QUOTE, start, start + len(QUOTE)) == (start, start + len(QUOTE))


def test_it_rejects_a_quote_not_in_the_article():
    with pytest.raises(QuoteNotFound, match="is not in the article"):
        anchor_quote(ARTICLE_BODY, "the bridge cost 45 million euros")


def test_it_rejects_offsets_that_point_elsewhere_and_says_where_the_quote_is():
    start = ARTICLE_BODY.index(QUOTE)
    with pytest.raises(QuoteNotFound, match=f"at characters {start}–{start + len(QUOTE)}, not at 0–"):
        anchor_quote(ARTICLE_BODY, QUOTE, 0, len(QUOTE))


def test_it_asks_for_offsets_when_the_quote_occurs_twice():
    with pytest.raises(QuoteNotFound, match="more than once"):
        anchor_quote("He said no. Then he said no.", "said no")
    assert anchor_quote("He said no. Then he said no.", "said no", 20) == (20, 27)


def test_it_rejects_an_empty_quote():
    with pytest.raises(QuoteNotFound, match="empty"):
        anchor_quote(ARTICLE_BODY, "")


@pytest.mark.django_db
def test_the_service_anchors_a_quote_and_stores_its_offsets():
    article = ArticleFactory()
    appearance = services.appearance_create(claim=ClaimFactory(), article=article, quote=QUOTE)
    assert article.body[appearance.start : appearance.end] == QUOTE


@pytest.mark.django_db
def test_the_service_refuses_a_quote_not_in_the_article_with_a_field_error():
    with pytest.raises(ValidationError) as exc:
        services.appearance_create(claim=ClaimFactory(), article=ArticleFactory(), quote="the moon is cheese")
    assert "is not in the article" in exc.value.message_dict["quote"][0]
