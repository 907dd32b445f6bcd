import pytest

from factcheck.celery import app as celery_app
from partners.models import Partner
from webhooks.models import WebhookSubscription


@pytest.fixture(autouse=True)
def _eager_celery():
    """Tasks run in-process; a retry runs at once (eager mode ignores the countdown)."""
    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = saved


class FakeTransport:
    """Stands in for webhooks.transport.send: records each POST and answers from a script."""

    def __init__(self):
        self.requests = []
        self.responses = []  # consumed in order; each a status code or an exception; then 200

    def __call__(self, *, url, body, headers, timeout):
        self.requests.append({"url": url, "body": body, "headers": headers})
        outcome = self.responses.pop(0) if self.responses else 200
        if isinstance(outcome, Exception):
            raise outcome
        return outcome, "ok" if outcome < 300 else "nope"


@pytest.fixture
def transport(monkeypatch):
    fake = FakeTransport()
    monkeypatch.setattr("webhooks.transport.send", fake)
    return fake


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="Newsroom", contact_email="tech@newsroom.example")


@pytest.fixture
def subscription(partner):
    return WebhookSubscription.objects.create(
        partner=partner, url="https://hooks.newsroom.example/factcheck", events=["published", "corrected", "retracted"]
    )
