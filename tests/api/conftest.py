import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from partners.models import Partner
from partners.services import api_key_create


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters and the public-state token live in the cache: each test starts clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    """Factories write past the services, so the public-state token does not move and a cached response
    would go stale. The response cache has its own tests (test_response_cache.py), which turn it on."""
    settings.API_RESPONSE_CACHE_SECONDS = 0


@pytest.fixture
def api(db):
    return APIClient()


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="Newsroom", contact_name="Nia Dev", contact_email="dev@newsroom.example")


@pytest.fixture
def partner_key(partner):
    """(ApiKey, raw key) for a partner."""
    return api_key_create(partner=partner, name="CMS sync")


@pytest.fixture
def partner_api(partner_key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {partner_key[1]}")
    return client


def _api_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def reviewer_api(reviewer):
    return _api_for(reviewer)


@pytest.fixture
def editor_api(editor):
    return _api_for(editor)


@pytest.fixture
def second_editor_api(second_editor):
    return _api_for(second_editor)


@pytest.fixture
def reader_api(reader):
    return _api_for(reader)
