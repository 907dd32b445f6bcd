"""Suggest a claim: a reader's tip lands in the admin; bots and floods do not."""

import pytest

from claims.models import Tip, TipStatus
from claims.tips import TIP_LIMIT, tip_submit

pytestmark = pytest.mark.django_db

VALID = {"text": "The mayor said the tram cost 2 billion euros.", "url": "https://news.example/tram", "email": ""}


def test_the_form_has_a_label_for_every_field(client):
    html = client.get("/suggest/").content.decode()
    for name in ("text", "url", "email", "website"):
        assert f'<label for="id_{name}">' in html
    assert 'aria-describedby="id_text_helptext"' in html


def test_a_valid_suggestion_becomes_a_new_tip_and_thanks_the_reader(client):
    response = client.post("/suggest/", VALID)
    assert response.status_code == 302
    assert response["Location"] == "/suggest/thanks/"
    tip = Tip.objects.get()
    assert (tip.text, tip.url, tip.status) == (VALID["text"], VALID["url"], TipStatus.NEW)
    thanks = client.get(response["Location"])
    assert b"Thank you for your suggestion" in thanks.content


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": ""}, "text"),
        ({"url": "not a link"}, "url"),
        ({"email": "nobody-at-example"}, "email"),
        ({"text": "x" * 2001}, "text"),
    ],
)
def test_an_invalid_suggestion_is_a_400_with_the_field_error(client, data, field):
    response = client.post("/suggest/", {**VALID, **data})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert f'id="id_{field}_errors"'.encode() in response.content
    assert not Tip.objects.exists()


def test_a_bot_filling_the_honeypot_is_thanked_but_nothing_is_saved(client):
    response = client.post("/suggest/", {**VALID, "website": "http://spam.example"})
    assert response.status_code == 302 and response["Location"] == "/suggest/thanks/"
    assert not Tip.objects.exists()


def test_one_address_is_limited_to_a_few_suggestions_an_hour(client):
    for _ in range(TIP_LIMIT):
        assert client.post("/suggest/", VALID, REMOTE_ADDR="203.0.113.9").status_code == 302
    refused = client.post("/suggest/", VALID, REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    assert b"many suggestions in a short time" in refused.content
    assert Tip.objects.count() == TIP_LIMIT
    # Another reader is not affected.
    assert client.post("/suggest/", VALID, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_the_form_is_protected_by_csrf():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/suggest/", VALID)
    assert response.status_code == 403
    assert not Tip.objects.exists()


def test_the_service_validates_the_tip():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        tip_submit(text="A claim", url="javascript:alert(1)")
    assert tip_submit(text="  A claim  ").text == "A claim"
