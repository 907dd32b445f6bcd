"""One token that changes whenever anything the public can see changes.

Public pages, feeds and API responses key their caches and ETags on it, so a publish, correction or
retraction, or an edit to a source or an article, clears them all at once, precisely, without
scanning keys. The token is a nanosecond timestamp kept in the shared cache (Redis in production, so
every worker agrees). It lives in the project package so that every app may bump it: `sources`
never imports from `claims`.
"""

import time
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import transaction

KEY = "claims:public-state"  # the name predates this module; kept so that a deploy does not reset it


def public_state_token() -> int:
    token = cache.get(KEY)
    if token is None:
        cache.add(KEY, time.time_ns(), None)
        token = cache.get(KEY) or time.time_ns()
    return token


def public_last_modified() -> datetime:
    """When the public data last changed, as far as this cache knows (never earlier than the truth)."""
    return datetime.fromtimestamp(public_state_token() / 1e9, tz=UTC).replace(microsecond=0)


def public_state_changed() -> None:
    """Call from any service that changes what the public sees; takes effect when the transaction commits."""
    transaction.on_commit(lambda: cache.set(KEY, time.time_ns(), None))
