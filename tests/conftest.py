import pytest
from django.test import Client

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached pages, throttle counters and the public-state token."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reader(db):
    """A signed-in member of the public: no staff rights."""
    return UserFactory(username="reader")


@pytest.fixture
def reviewer(db):
    return UserFactory(username="reviewer", group="Reviewer")


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", group="Editor")


@pytest.fixture
def second_editor(db):
    return UserFactory(username="editor2", group="Editor")


@pytest.fixture
def admin_user(db):
    user = UserFactory(username="admin")
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def reviewer_client(reviewer):
    return _client_for(reviewer)


@pytest.fixture
def editor_client(editor):
    return _client_for(editor)


@pytest.fixture
def reader_client(reader):
    return _client_for(reader)


@pytest.fixture
def admin_client(admin_user):
    return _client_for(admin_user)
