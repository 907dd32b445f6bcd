"""One throttle, three rates: anonymous callers (by IP), partner keys (each key its own rate), users.

Rates come from settings when present (API_ANON_RATE, API_USER_RATE, e.g. "60/min"); a key's rate
is its `rate_per_minute`. A throttled call gets 429 with Retry-After (DRF sets the header).
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from partners.models import ApiKey

DEFAULT_ANON_RATE = "60/min"
DEFAULT_USER_RATE = "1200/min"


def caller_class(request) -> str:
    """anon, partner or user: who is asking, for throttles and for ETags."""
    if isinstance(getattr(request, "auth", None), ApiKey):
        return "partner"
    if request.user and request.user.is_authenticated:
        return "user"
    return "anon"


class ApiRateThrottle(SimpleRateThrottle):
    scope = "api"

    def __init__(self):
        pass  # the rate depends on the caller, so it is chosen per request in allow_request

    def allow_request(self, request, view):
        kind = caller_class(request)
        if kind == "partner":
            self.rate = f"{request.auth.rate_per_minute}/min"
        elif kind == "user":
            self.rate = getattr(settings, "API_USER_RATE", DEFAULT_USER_RATE)
        else:
            self.rate = getattr(settings, "API_ANON_RATE", DEFAULT_ANON_RATE)
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        kind = caller_class(request)
        if kind == "partner":
            ident = f"key-{request.auth.pk}"
        elif kind == "user":
            ident = f"user-{request.user.pk}"
        else:
            ident = f"ip-{self.get_ident(request)}"
        return f"throttle:{self.scope}:{ident}"
