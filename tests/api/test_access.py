"""API keys (creation, hashing, revocation, rates), throttling, CORS and the error shape."""

import hashlib

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from rest_framework.test import APIClient

from partners.models import ApiKey
from partners.services import ApiKeyError, api_key_authenticate, api_key_create, api_key_revoke

pytestmark = pytest.mark.django_db


def test_a_new_key_is_returned_once_and_stored_only_as_a_hash(partner):
    api_key, raw = api_key_create(partner=partner, name="Sync")
    assert raw.startswith(f"fck_{api_key.prefix}_")
    assert len(raw) > 40
    stored = ApiKey.objects.get(pk=api_key.pk)
    assert stored.hashed_key == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {getattr(stored, f.attname) for f in ApiKey._meta.concrete_fields}


def test_two_keys_never_share_a_secret(partner):
    raws = {api_key_create(partner=partner, name=f"k{n}")[1] for n in range(5)}
    assert len(raws) == 5


def test_a_key_authenticates_only_while_it_is_active(partner_key, partner):
    api_key, raw = partner_key
    assert api_key_authenticate(raw_key=raw) == api_key
    assert api_key_authenticate(raw_key=raw[:-1] + ("A" if raw[-1] != "A" else "B")) is None
    assert api_key_authenticate(raw_key=f"fck_{api_key.prefix}") is None
    partner.is_active = False
    partner.save()
    assert api_key_authenticate(raw_key=raw) is None
    partner.is_active = True
    partner.save()
    api_key_revoke(api_key=api_key)
    assert api_key_authenticate(raw_key=raw) is None
    with pytest.raises(ApiKeyError):
        api_key_revoke(api_key=api_key)


def test_an_inactive_partner_gets_no_new_key(partner):
    partner.is_active = False
    partner.save()
    with pytest.raises(ApiKeyError, match="inactive"):
        api_key_create(partner=partner, name="Sync")


def test_the_contact_comes_from_the_key_or_else_the_partner(partner):
    own, _ = api_key_create(partner=partner, name="a", contact_email="ops@newsroom.example")
    inherited, _ = api_key_create(partner=partner, name="b")
    assert own.contact == "Nia Dev <ops@newsroom.example>"
    assert inherited.contact == "Nia Dev <dev@newsroom.example>"


@pytest.mark.parametrize("header", ["HTTP_AUTHORIZATION", "HTTP_X_API_KEY"])
def test_a_revoked_or_unknown_key_is_a_401(partner_key, header):
    api_key, raw = partner_key
    api_key_revoke(api_key=api_key)
    value = f"Api-Key {raw}" if header == "HTTP_AUTHORIZATION" else raw
    response = APIClient().get("/api/v1/claims/", **{header: value})
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
    unknown = APIClient().get("/api/v1/claims/", HTTP_X_API_KEY="fck_nothing_here")
    assert unknown.status_code == 401


def test_an_editor_creates_a_key_in_the_admin_and_sees_it_once(editor, partner):
    client = APIClient()
    client.force_login(editor)
    response = client.post(
        reverse("admin:partners_apikey_add"),
        {
            "partner": partner.pk,
            "name": "Newsroom CMS",
            "contact_name": "",
            "contact_email": "",
            "rate_per_minute": 900,
        },
        follow=True,
    )
    assert response.status_code == 200
    api_key = ApiKey.objects.get(name="Newsroom CMS")
    shown = [str(m) for m in response.context["messages"]]
    (message,) = [m for m in shown if "fck_" in m]
    raw = next(word for word in message.split() if word.startswith("fck_"))
    assert api_key_authenticate(raw_key=raw) == api_key
    assert api_key.created_by == editor
    assert api_key.rate_per_minute == 900
    page = client.get(reverse("admin:partners_apikey_change", args=[api_key.pk])).content.decode()
    assert raw not in page


def test_an_editor_revokes_keys_with_the_admin_action(editor, partner_key):
    api_key, raw = partner_key
    client = APIClient()
    client.force_login(editor)
    client.post(
        reverse("admin:partners_apikey_changelist"),
        {"action": "revoke_keys", "_selected_action": [api_key.pk]},
    )
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None
    assert api_key.revoked_by == editor
    assert api_key_authenticate(raw_key=raw) is None


def test_editors_have_the_key_permissions_and_reviewers_do_not(editor, reviewer):
    codes = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    assert {"view_apikey", "add_apikey", "change_apikey"} <= codes
    assert not reviewer.has_perm("partners.add_apikey")


def test_anonymous_callers_are_throttled_with_retry_after(api, settings):
    settings.API_ANON_RATE = "3/min"
    statuses = [api.get("/api/v1/ratings/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = api.get("/api/v1/ratings/")
    assert int(response["Retry-After"]) > 0
    assert response.json()["code"] == "throttled"


def test_each_key_has_its_own_higher_rate(settings, partner):
    settings.API_ANON_RATE = "2/min"
    _, fast_raw = api_key_create(partner=partner, name="fast", rate_per_minute=5)
    _, slow_raw = api_key_create(partner=partner, name="slow", rate_per_minute=1)
    fast_client, slow_client, anon = APIClient(), APIClient(), APIClient()
    fast_client.credentials(HTTP_X_API_KEY=fast_raw)
    slow_client.credentials(HTTP_X_API_KEY=slow_raw)
    assert [fast_client.get("/api/v1/ratings/").status_code for _ in range(6)] == [200] * 5 + [429]
    assert [slow_client.get("/api/v1/ratings/").status_code for _ in range(2)] == [200, 429]
    assert [anon.get("/api/v1/ratings/").status_code for _ in range(3)] == [200, 200, 429]


def test_read_endpoints_are_open_to_other_origins(api, db):
    response = api.get("/api/v1/claims/", HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_an_unknown_api_path_answers_in_the_error_shape(api, db):
    response = api.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json() == {
        "status": 404,
        "code": "not_found",
        "detail": "There is no API endpoint at this address.",
    }


def test_an_unknown_claim_answers_in_the_error_shape(api, db):
    response = api.get("/api/v1/claims/999999/")
    assert response.status_code == 404
    assert set(response.json()) == {"status", "code", "detail"}


def test_a_browser_may_send_a_key_and_read_the_paging_and_cache_headers(api, db):
    preflight = api.options(
        "/api/v1/claims/",
        HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-api-key, if-none-match",
    )
    assert "x-api-key" in preflight["Access-Control-Allow-Headers"]
    response = api.get("/api/v1/claims/", HTTP_ORIGIN="https://partner.example")
    exposed = response["Access-Control-Expose-Headers"]
    assert {"ETag", "Link", "Retry-After"} <= {h.strip() for h in exposed.split(",")}


def test_the_api_refuses_cross_origin_writes_at_preflight(api, db):
    preflight = api.options(
        "/api/v1/claims/",
        HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "POST" not in preflight.get("Access-Control-Allow-Methods", "")


def test_the_key_admin_pages_open_for_editors_and_not_for_reviewers(editor, reviewer, partner_key):
    api_key, _ = partner_key
    editor_client, reviewer_client = APIClient(), APIClient()
    editor_client.force_login(editor)
    reviewer_client.force_login(reviewer)
    for url in (
        reverse("admin:partners_apikey_changelist"),
        reverse("admin:partners_apikey_add"),
        reverse("admin:partners_apikey_change", args=[api_key.pk]),
        reverse("admin:partners_partner_change", args=[api_key.partner_id]),
    ):
        assert editor_client.get(url).status_code == 200, url
    assert reviewer_client.get(reverse("admin:partners_apikey_changelist")).status_code == 403


def test_an_inactive_partner_cannot_get_a_key_in_the_admin(editor, partner):
    partner.is_active = False
    partner.save()
    client = APIClient()
    client.force_login(editor)
    response = client.post(
        reverse("admin:partners_apikey_add"),
        {"partner": partner.pk, "name": "x", "contact_name": "", "contact_email": "", "rate_per_minute": 60},
    )
    assert response.status_code == 200
    assert "inactive" in response.content.decode()
    assert not ApiKey.objects.exists()


def test_a_bug_answers_500_in_the_error_shape(api, db, monkeypatch):
    from claims.api import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.RatingViewSet, "list", broken)
    api.raise_request_exception = False
    response = api.get("/api/v1/ratings/")
    assert response.status_code == 500
    assert response.json() == {
        "status": 500,
        "code": "server_error",
        "detail": "Something went wrong on our side; it has been logged.",
    }


def test_a_bug_still_surfaces_in_tests(api, db, monkeypatch):
    from claims.api import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.RatingViewSet, "list", broken)
    with pytest.raises(RuntimeError, match="boom"):
        api.get("/api/v1/ratings/")
