"""Whole-page cache for public pages, keyed on the public-state token.

Every publish, correction or retraction, and every edit to a source or an article, changes the token
(factcheck.publicstate), so every cached page is stale at once and precisely then; old entries simply
expire. Only pages that are the same for every visitor may use it: no forms with a CSRF token,
nothing about the signed-in user.
"""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.utils.translation import get_language

from factcheck.publicstate import public_state_token

PAGE_TTL_SECONDS = 60 * 60


def public_page_key(request) -> str:
    where = f"{request.get_host()}|{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:32]
    return f"page:{public_state_token()}:{get_language()}:{digest}"


def cache_public_page(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = public_page_key(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, response, PAGE_TTL_SECONDS)
        return response

    return wrapped
