"""The replica router, tried with a real second alias that mirrors the test database (TEST: MIRROR)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from factcheck.routers import REPLICA, PrimaryForStaffMiddleware, PrimaryReplicaRouter, pin_to_primary
from tests.factories import ClaimFactory, UserFactory


@pytest.fixture(scope="module")
def _replica_alias(django_db_setup):
    """A 'replica' connection to the test database, as DATABASE_REPLICA_URL (with TEST: MIRROR) gives."""
    original = connections.settings  # the very dict of settings.DATABASES: leave it untouched
    alias_settings = {**connections["default"].settings_dict, "TEST": {"MIRROR": "default"}}
    connections.settings = {**original, REPLICA: alias_settings}
    yield alias_settings
    connections[REPLICA].close()
    delattr(connections._connections, REPLICA)
    connections.settings = original


@pytest.fixture
def replica(_replica_alias):
    with override_settings(DATABASES={**settings.DATABASES, REPLICA: _replica_alias}):
        yield REPLICA


both_databases = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture(autouse=True)
def _fresh_request_state():
    """Each test starts as a new request would: not pinned to the primary."""
    from factcheck import routers

    token = routers._pinned_to_primary.set(False)
    yield
    routers._pinned_to_primary.reset(token)


def queries_on(alias, func):
    with CaptureQueriesContext(connections[alias]) as captured:
        func()
    return len(captured)


@both_databases
def test_anonymous_reads_run_on_the_replica(replica):
    ClaimFactory()

    def read():
        assert Claim.objects.count() == 1

    from factcheck import routers

    routers._pinned_to_primary.set(False)  # the factory's write pinned this "request"; start a fresh one
    assert queries_on(REPLICA, read) == 1
    assert queries_on("default", read) == 0


@both_databases
def test_writes_run_on_the_primary_and_later_reads_follow_them(replica):
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        claim = ClaimFactory()
        assert Claim.objects.get(pk=claim.pk).text == claim.text
    assert len(on_replica) == 0


@both_databases
def test_reads_inside_a_transaction_stay_on_the_primary(replica):
    with transaction.atomic():
        assert Claim.objects.all().db == "default"
    assert Claim.objects.all().db == REPLICA


@both_databases
def test_a_staff_request_reads_from_the_primary(replica):
    seen = {}

    def view(request):
        seen["db"] = Claim.objects.all().db
        return HttpResponse()

    middleware = PrimaryForStaffMiddleware(view)
    request = RequestFactory().get("/claims/")
    request.user = UserFactory(username="staff-reviewer", is_staff=True)
    middleware(request)
    assert seen["db"] == "default"

    request.user = AnonymousUser()
    middleware(request)
    assert seen["db"] == REPLICA


@both_databases
def test_a_signed_in_reader_who_is_not_staff_reads_from_the_replica(replica):
    seen = {}

    def view(request):
        seen["db"] = Claim.objects.all().db
        return HttpResponse()

    request = RequestFactory().get("/claims/")
    request.user = UserFactory(username="reader")
    PrimaryForStaffMiddleware(view)(request)
    assert seen["db"] == REPLICA


@both_databases
def test_the_pin_ends_with_the_request(replica):
    def view(request):
        pin_to_primary()
        return HttpResponse()

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    PrimaryForStaffMiddleware(view)(request)
    assert Claim.objects.all().db == REPLICA


def test_sessions_and_users_are_read_from_the_primary(replica):
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Session) == "default"
    assert router.db_for_read(Claim) == REPLICA


def test_migrations_run_on_the_primary_only(replica):
    router = PrimaryReplicaRouter()
    assert router.allow_migrate("default", "claims")
    assert not router.allow_migrate(REPLICA, "claims")


def test_without_a_replica_the_router_and_middleware_stand_aside():
    from django.core.exceptions import MiddlewareNotUsed

    assert PrimaryReplicaRouter().db_for_read(Claim) is None
    with pytest.raises(MiddlewareNotUsed):
        PrimaryForStaffMiddleware(lambda request: HttpResponse())


def settings_with(env: dict) -> dict:
    """Settings as a fresh process reads them from ENV (the settings module reads the environment once)."""
    script = (
        "import json, factcheck.settings as s; print(json.dumps({'databases': s.DATABASES, "
        "'routers': s.DATABASE_ROUTERS, 'caches': s.CACHES, 'middleware': s.MIDDLEWARE}, default=str))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("DATABASE_REPLICA_URL", "REDIS_URL")}
    out = subprocess.run(
        [sys.executable, "-c", script], env={**clean, **env}, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_the_replica_url_adds_a_replica_that_tests_mirror_to_the_primary():
    found = settings_with({"DATABASE_REPLICA_URL": "postgres://reader@replica.internal:5432/factcheck"})
    replica = found["databases"][REPLICA]
    assert replica["HOST"] == "replica.internal"
    assert replica["TEST"] == {"MIRROR": "default"}
    assert found["routers"] == ["factcheck.routers.PrimaryReplicaRouter"]
    assert "factcheck.routers.PrimaryForStaffMiddleware" in found["middleware"]


def test_without_a_replica_url_there_is_one_database():
    assert list(settings_with({})["databases"]) == ["default"]


def test_redis_url_selects_the_redis_cache_with_short_timeouts():
    cache = settings_with({"REDIS_URL": "redis://127.0.0.1:6379/5"})["caches"]["default"]
    assert cache["BACKEND"] == "django_redis.cache.RedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/5"
    assert cache["OPTIONS"]["SOCKET_TIMEOUT"] <= 1
