"""Schemathesis against our own OpenAPI schema: no server errors, no response that breaks the schema.

It runs in the normal suite with a few examples per operation; .ci/run runs it again with more
(SCHEMATHESIS_EXAMPLES). Data: the seed data set plus a few published claims, so the generated
requests hit real rows as well as empty results. Throttling is off: thousands of calls from one
client are the point here.
"""

import os

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import checks
from schemathesis.core.failures import Failure, FailureGroup

from factcheck.wsgi import application
from tests.factories import SourceFactory, published_claim

# Server errors, and responses that break the schema: undocumented status codes, content types or
# headers, bodies that do not match. Not "positive data acceptance": a well-formed but unknown slug
# or a forged cursor is a 400 by design, which the schema cannot express.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "8"))


@pytest.fixture
def api_schema(db, settings_for_fuzzing):
    call_command("load_seeds", verbosity=0)
    for n in range(3):
        published_claim(text=f"Published bridge claim {n}", source=SourceFactory())
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture
def keep_test_connection():
    """Django closes the database connection after each WSGI request; inside a test's transaction that
    would drop it (PostgreSQL). Django's test client detaches this handler the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def settings_for_fuzzing(settings, keep_test_connection):
    settings.API_ANON_RATE = None
    settings.API_USER_RATE = None
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    return settings


def _failures(operation) -> list[str]:
    """Run generated cases for one operation; the failures as readable lines (empty when all pass)."""
    failures = []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        try:
            case.call_and_validate(checks=CHECKS)
        except (AssertionError, FailureGroup, Failure) as exc:
            failures.append(f"{operation.label}: {exc}"[:2000])

    run()
    return failures


def test_the_api_honours_its_schema(api_schema):
    # The pytest plugin of schemathesis does not run under pytest 9; its engine is used directly.
    failures = []
    for result in api_schema.get_all_operations():
        failures += _failures(result.ok())
    assert failures == [], "\n\n".join(sorted(set(failures))[:20])
