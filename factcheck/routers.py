"""Reads go to a read replica when DATABASE_REPLICA_URL is set; writes always go to the primary.

Some reads must see the primary, because a replica lags behind it by a moment:
- everything a signed-in staff user does (a reviewer who saves a verdict must see it on the next page);
- any read after a write in the same request or task, and any read inside a transaction;
- sessions and users, so that a fresh login is not lost on a replica that has not caught up.
Anonymous readers and API partners, who are most of the traffic, read from the replica.
"""

from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
PRIMARY_ONLY_APPS = {"sessions", "auth"}

_pinned_to_primary: ContextVar[bool] = ContextVar("pinned_to_primary", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def pin_to_primary() -> None:
    """Send every further read of this request (or task) to the primary."""
    _pinned_to_primary.set(True)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if not replica_configured():
            return None
        if (
            _pinned_to_primary.get()
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        pin_to_primary()  # read your own writes
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class PrimaryForStaffMiddleware:
    """Pins the requests of signed-in staff (reviewers, editors) to the primary; runs after authentication."""

    def __init__(self, get_response):
        if not replica_configured():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        token = _pinned_to_primary.set(False)
        try:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and user.is_staff:
                pin_to_primary()
            return self.get_response(request)
        finally:
            _pinned_to_primary.reset(token)
