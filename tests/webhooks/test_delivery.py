"""Partner webhooks: signed, sent after commit, retried with backoff, logged, never blocking."""

import json

import pytest
from django.db import transaction

from claims import services
from claims.models import ClaimStatus, Rating
from partners.models import Partner
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    EvidenceFactory,
    UserFactory,
    VerdictFactory,
    published_claim,
)
from webhooks import signing
from webhooks.models import DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookSubscription
from webhooks.services import MAX_ATTEMPTS

pytestmark = pytest.mark.django_db


def claim_in_review():
    claim = ClaimFactory(status=ClaimStatus.IN_REVIEW)
    EvidenceFactory(verdict=VerdictFactory(claim=claim))
    AppearanceFactory(claim=claim)
    return claim


def test_publishing_posts_a_signed_event_after_commit(
    editor, subscription, transport, django_capture_on_commit_callbacks
):
    claim = claim_in_review()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.claim_publish(claim=claim, editor=editor)
        assert transport.requests == []  # nothing leaves before the commit
        assert not WebhookDelivery.objects.exists()
    for callback in callbacks:
        callback()
    [request] = transport.requests
    assert request["url"] == subscription.url
    payload = json.loads(request["body"])
    assert payload["event"] == "published"
    assert payload["claim"]["slug"] == claim.slug
    assert payload["claim"]["rating"]["slug"] == "false"
    headers = request["headers"]
    assert headers["X-Factcheck-Event"] == "published"
    assert headers["X-Factcheck-Delivery"] == payload["id"]
    assert signing.verify(
        secret=subscription.secret,
        body=request["body"],
        timestamp=headers["X-Factcheck-Timestamp"],
        signature_header=headers["X-Factcheck-Signature"],
    )
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempt_count) == (DeliveryStatus.DELIVERED, 1)
    assert delivery.attempts.get().status_code == 200


def test_the_signature_is_hmac_sha256_of_timestamp_dot_body_with_the_secret():
    import hashlib
    import hmac

    body = b'{"event": "published"}'
    expected = hmac.new(b"s3cret", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert signing.signature(secret="s3cret", timestamp=1700000000, body=body) == f"sha256={expected}"


def test_a_tampered_body_a_wrong_secret_or_an_old_timestamp_fails_verification():
    body = b'{"event": "published"}'
    headers = signing.signed_headers(secret="s3cret", body=body, event="published", delivery_id="x", timestamp=1000)
    ts, sig = headers["X-Factcheck-Timestamp"], headers["X-Factcheck-Signature"]
    assert signing.verify(secret="s3cret", body=body, timestamp=ts, signature_header=sig, now=1010)
    assert not signing.verify(secret="s3cret", body=body + b" ", timestamp=ts, signature_header=sig, now=1010)
    assert not signing.verify(secret="other", body=body, timestamp=ts, signature_header=sig, now=1010)
    assert not signing.verify(secret="s3cret", body=body, timestamp=ts, signature_header=sig, now=1000 + 301)


def test_nothing_is_sent_when_the_transaction_rolls_back(editor, subscription, transport):
    claim = claim_in_review()

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        services.claim_publish(claim=claim, editor=editor)
        raise Abort
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW
    assert transport.requests == []
    assert not WebhookDelivery.objects.exists()


# No serialized rollback: after a transactional test whose flush let post_migrate recreate the content
# types, restoring the snapshot collides with them. The test needs nothing the migrations wrote.
@pytest.mark.django_db(transaction=True)
def test_a_real_commit_sends_and_a_real_rollback_does_not(subscription, transport):
    # Self-contained: after other transactional tests the migrations' data may not be there.
    Rating.objects.get_or_create(
        slug="false", defaults={"label": "False", "value": 2, "position": 5, "colour": "#cf222e", "definition": "-"}
    )
    editor = UserFactory(username="committing-editor")
    editor.is_staff = editor.is_superuser = True
    editor.save()
    claim = claim_in_review()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.claim_publish(claim=claim, editor=editor)
        raise RuntimeError("the request failed after publishing")
    assert transport.requests == []
    services.claim_publish(claim=claim, editor=editor)
    assert len(transport.requests) == 1


def test_a_failing_endpoint_is_retried_with_backoff_and_each_attempt_logged(
    editor, subscription, transport, django_capture_on_commit_callbacks
):
    transport.responses = [500, OSError("connection refused")]
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_publish(claim=claim_in_review(), editor=editor)
    delivery = WebhookDelivery.objects.get()
    attempts = list(delivery.attempts.order_by("number"))
    assert [(a.number, a.status_code, a.succeeded) for a in attempts] == [
        (1, 500, False),
        (2, None, False),
        (3, 200, True),
    ]
    assert attempts[0].error == "HTTP 500"
    assert "connection refused" in attempts[1].error
    assert delivery.status == DeliveryStatus.DELIVERED
    # Each attempt is signed afresh, over the same body.
    assert len({r["body"] for r in transport.requests}) == 1


def test_an_endpoint_that_keeps_failing_is_given_up_and_publishing_still_happens(
    editor, subscription, transport, django_capture_on_commit_callbacks
):
    transport.responses = [503] * (MAX_ATTEMPTS + 3)
    claim = claim_in_review()
    with django_capture_on_commit_callbacks(execute=True):
        claim = services.claim_publish(claim=claim, editor=editor)
    assert claim.status == ClaimStatus.PUBLISHED
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts.count() == MAX_ATTEMPTS


def test_a_broken_broker_or_transport_never_blocks_publishing(
    editor, subscription, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr("webhooks.tasks.deliver_webhook.apply_async", broker_down)
    claim = claim_in_review()
    with django_capture_on_commit_callbacks(execute=True):
        claim = services.claim_publish(claim=claim, editor=editor)
    assert claim.status == ClaimStatus.PUBLISHED
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING  # left for `send_webhooks`


def test_send_webhooks_sends_what_the_broker_never_got(
    editor, subscription, transport, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    monkeypatch.setattr("webhooks.tasks.deliver_webhook.apply_async", lambda *a, **k: (_ for _ in ()).throw(OSError()))
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_publish(claim=claim_in_review(), editor=editor)
    call_command("send_webhooks")  # too recent: a worker may still be about to send it
    assert WebhookDelivery.objects.get().status == DeliveryStatus.PENDING
    call_command("send_webhooks", grace_seconds=0)
    assert WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED
    assert len(transport.requests) == 1


def test_disabled_subscriptions_inactive_partners_and_unwanted_events_get_nothing(
    editor, partner, transport, django_capture_on_commit_callbacks
):
    WebhookSubscription.objects.create(
        partner=partner, url="https://a.example/off", events=["published"], is_active=False
    )
    WebhookSubscription.objects.create(partner=partner, url="https://a.example/retractions", events=["retracted"])
    sleeping = Partner.objects.create(name="Sleeping", contact_email="x@sleeping.example", is_active=False)
    WebhookSubscription.objects.create(partner=sleeping, url="https://s.example/hook", events=["published"])
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_publish(claim=claim_in_review(), editor=editor)
    assert transport.requests == []
    assert not WebhookDelivery.objects.exists()


def test_a_subscription_disabled_before_a_retry_is_skipped(
    editor, subscription, transport, django_capture_on_commit_callbacks, monkeypatch
):
    from webhooks.services import webhook_attempt

    transport.responses = [500]
    monkeypatch.setattr("webhooks.tasks.deliver_webhook.apply_async", lambda *a, **k: None)  # no worker
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_publish(claim=claim_in_review(), editor=editor)
    delivery = WebhookDelivery.objects.get()
    webhook_attempt(delivery=delivery)
    assert delivery.status == DeliveryStatus.RETRYING and delivery.next_attempt_at is not None
    WebhookSubscription.objects.update(is_active=False)
    delivery = WebhookDelivery.objects.select_related("subscription__partner").get()
    assert webhook_attempt(delivery=delivery) is None
    assert delivery.status == DeliveryStatus.SKIPPED
    assert WebhookAttempt.objects.count() == 1


def test_corrections_and_retractions_are_sent_with_their_note_and_reason(
    editor, subscription, transport, django_capture_on_commit_callbacks
):
    claim = published_claim()
    with django_capture_on_commit_callbacks(execute=True):
        services.verdict_update(verdict=claim.verdict, user=editor, summary="Half.", correction_note="Recounted.")
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_retract(claim=claim, editor=editor, reason="Wrong person quoted.")
    corrected, retracted = (json.loads(r["body"]) for r in transport.requests)
    assert corrected["event"] == "corrected"
    assert corrected["correction"]["note"] == "Recounted."
    assert corrected["claim"]["summary"] == "Half."
    assert retracted["event"] == "retracted"
    assert retracted["retraction"]["reason"] == "Wrong person quoted."
    assert retracted["claim"]["status"] == "retracted"


def test_a_minor_correction_sends_nothing(editor, subscription, transport, django_capture_on_commit_callbacks):
    claim = published_claim()
    with django_capture_on_commit_callbacks(execute=True):
        services.verdict_update(verdict=claim.verdict, user=editor, summary="Typo.", correction_note="t", minor=True)
    assert transport.requests == []


def test_a_subscription_needs_known_events(partner):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Choose at least one event"):
        WebhookSubscription(partner=partner, url="https://x.example/", events=[]).full_clean()
    with pytest.raises(ValidationError, match="Unknown events: deleted"):
        WebhookSubscription(partner=partner, url="https://x.example/", events=["deleted"]).full_clean()


def test_the_worker_retries_a_failed_attempt_after_the_backoff(editor, subscription, transport, monkeypatch):
    from webhooks.services import BACKOFF_SECONDS, webhook_deliveries_create
    from webhooks.tasks import deliver_webhook

    claim = published_claim()
    [delivery] = webhook_deliveries_create(event="published", claim=claim)
    scheduled = []

    def fake_retry(**kwargs):
        scheduled.append(kwargs)
        return RuntimeError("retry scheduled")

    monkeypatch.setattr(deliver_webhook, "retry", fake_retry)
    transport.responses = [502, 502]
    for _ in range(2):
        with pytest.raises(RuntimeError, match="retry scheduled"):
            deliver_webhook(str(delivery.pk))
    assert scheduled == [{"countdown": BACKOFF_SECONDS[0]}, {"countdown": BACKOFF_SECONDS[1]}]
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.RETRYING
    last = delivery.attempts.latest("number")
    assert (delivery.next_attempt_at - last.sent_at).total_seconds() == BACKOFF_SECONDS[1]
    assert deliver_webhook(str(delivery.pk)) == DeliveryStatus.DELIVERED
    assert deliver_webhook(str(delivery.pk)) == "nothing to do"  # a duplicate task does not resend
    assert len(transport.requests) == 3


def test_the_sweep_leaves_scheduled_retries_to_the_worker_until_they_are_overdue(subscription, transport):
    from datetime import timedelta

    from django.utils import timezone

    from webhooks.services import SWEEP_GRACE_SECONDS, webhook_deliveries_create, webhook_deliveries_due

    [delivery] = webhook_deliveries_create(event="published", claim=published_claim())
    soon = timezone.now() + timedelta(seconds=30)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.RETRYING, next_attempt_at=soon)
    assert not webhook_deliveries_due().exists()
    later = soon + timedelta(seconds=SWEEP_GRACE_SECONDS + 1)
    assert list(webhook_deliveries_due(now=later)) == [delivery]


def test_a_subscription_needs_an_https_address(partner):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="https"):
        WebhookSubscription(partner=partner, url="http://plain.example/hook", events=["published"]).full_clean()
