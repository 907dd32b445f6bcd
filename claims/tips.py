"""Claims suggested by readers: the one way a Tip is created, and the rate limit in front of it."""

from django.core.cache import cache
from django.db import transaction

from claims.models import Tip

# At most TIP_LIMIT suggestions from one address per TIP_WINDOW_SECONDS.
TIP_LIMIT = 5
TIP_WINDOW_SECONDS = 60 * 60


@transaction.atomic
def tip_submit(*, text: str, url: str = "", email: str = "") -> Tip:
    tip = Tip(text=text.strip(), url=url.strip(), email=email.strip())
    tip.full_clean()
    tip.save()
    return tip


def tip_rate_limit_reached(*, client_ip: str) -> bool:
    """Count one attempt from CLIENT_IP; True once it has used up its allowance for this window."""
    key = f"tips:rate:{client_ip}"
    cache.add(key, 0, TIP_WINDOW_SECONDS)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, TIP_WINDOW_SECONDS)
        attempts = 1
    return attempts > TIP_LIMIT
