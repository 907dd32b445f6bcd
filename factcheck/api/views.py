"""Base classes every API view builds on: access, throttling, one error shape, conditional GET."""

import hashlib
import logging
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.core.signals import got_request_exception
from django.http import HttpResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from drf_spectacular.utils import extend_schema
from rest_framework import authentication, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.cache import public_state_token
from factcheck.api.authentication import ApiKeyAuthentication
from factcheck.api.exceptions import NotModified, api_exception_handler, error_body
from factcheck.api.permissions import ReadOnlyOrModelPermission
from factcheck.api.throttles import ApiRateThrottle, caller_class

logger = logging.getLogger("django.request")

VARY = ["Accept", "Authorization", "X-Api-Key", "Cookie"]

# How long a rendered public response stays in the cache. A publish, correction or retraction changes
# the public-state token and so every key at once; the timeout only bounds the memory of stale keys.
DEFAULT_RESPONSE_CACHE_SECONDS = 600
# Headers worth keeping with the body; the validators and Vary are set afresh on every answer.
_CACHED_HEADERS = ("Content-Type", "Content-Disposition", "Link", "Allow")


def response_cache_seconds() -> int:
    return getattr(settings, "API_RESPONSE_CACHE_SECONDS", DEFAULT_RESPONSE_CACHE_SECONDS)


class CachedResponse(Exception):
    """Raised by the response-cache lookup in `initial` to skip the handler; carries the response."""

    def __init__(self, response):
        super().__init__()
        self.response = response


def _etag_matches(header: str, etag: str) -> bool:
    candidates = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in candidates or etag in candidates


class ApiMixin:
    """Access rules, the error shape, and ETag/Last-Modified for what the public sees.

    The ETag is a hash of the public-state token (claims.cache: bumped by every service that changes
    what the public sees), the request's full path, the response format and the caller's class, so a
    conditional GET is answered 304 before any database query. Signed-in users may see drafts, which
    change without bumping the token: their responses carry no validators.

    The same seed keys a cache of rendered responses (status, body, content type) for anonymous and
    partner GETs: a second identical request is answered from the cache with no database query and
    no serializer. Throttling runs before the lookup, so cached hits count against the caller's rate.
    Signed-in users are never served from it nor stored in it (they may see drafts).
    """

    authentication_classes = [
        ApiKeyAuthentication,
        authentication.SessionAuthentication,
        authentication.BasicAuthentication,
    ]
    permission_classes = [ReadOnlyOrModelPermission]
    throttle_classes = [ApiRateThrottle]
    conditional_get = True

    def get_exception_handler(self):
        return api_exception_handler

    def initial(self, request, *args, **kwargs):
        self._validators = None
        self._response_cache_key = None
        super().initial(request, *args, **kwargs)
        kind = caller_class(request)
        if not self.conditional_get or request.method not in ("GET", "HEAD") or kind == "user":
            return
        media_type = getattr(request, "accepted_media_type", "")
        token = public_state_token()
        seed = f"{token}|{kind}|{media_type}|{request.get_full_path()}"
        etag = '"' + hashlib.sha256(seed.encode()).hexdigest()[:32] + '"'
        # As public_last_modified(), from the token already read: one cache round trip fewer per GET.
        last_modified = datetime.fromtimestamp(token / 1e9, tz=UTC).replace(microsecond=0)
        self._validators = (etag, last_modified)
        if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None:
            if _etag_matches(if_none_match, etag):
                raise NotModified()
        else:
            since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
            if since is not None and int(last_modified.timestamp()) <= since:
                raise NotModified()
        if response_cache_seconds() > 0:
            self._response_cache_key = "api:response:" + hashlib.sha256(seed.encode()).hexdigest()
            cached = cache.get(self._response_cache_key)
            if cached is not None:
                status, headers, content = cached
                response = HttpResponse(content, status=status)
                for name, value in headers.items():
                    response[name] = value
                raise CachedResponse(response)

    def handle_exception(self, exc):
        if isinstance(exc, CachedResponse):
            self._response_cache_key = None  # already stored: do not store it again
            return exc.response
        # Errors are JSON whatever format was asked for: a CSV or JSON-LD error would help nobody.
        if getattr(self.request, "accepted_renderer", None) is not None:
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        try:
            return super().handle_exception(exc)
        except Exception:
            if settings.DEBUG:
                raise  # the debug page is more use to a developer
            # A bug: log it as Django would (the test client re-raises it from this signal), and answer
            # in the API's error shape rather than with the site's HTML error page.
            logger.error("Internal Server Error: %s", self.request.path, exc_info=True)
            got_request_exception.send(sender=type(self), request=self.request._request)
            body = error_body(500, "server_error", "Something went wrong on our side; it has been logged.")
            return Response(body, status=500)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        validators = getattr(self, "_validators", None)
        if validators and response.status_code in (200, 304):
            etag, last_modified = validators
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified.timestamp())
        patch_vary_headers(response, VARY)
        self._store_in_response_cache(request, response)
        return response

    def _store_in_response_cache(self, request, response):
        key = getattr(self, "_response_cache_key", None)
        if key is None or request.method != "GET" or response.status_code != 200 or response.streaming:
            return
        if hasattr(response, "render"):
            response.render()
        headers = {name: response[name] for name in _CACHED_HEADERS if response.has_header(name)}
        cache.set(key, (response.status_code, headers, response.content), response_cache_seconds())


class ApiView(ApiMixin, APIView):
    pass


class ReadOnlyApiViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ApiViewSet(ApiMixin, viewsets.GenericViewSet):
    pass


class ApiRootView(ApiView):
    """Where everything is."""

    conditional_get = False

    @extend_schema(exclude=True)
    def get(self, request):
        def url(name, **kwargs):
            return request.build_absolute_uri(reverse(name, kwargs=kwargs))

        return Response(
            {
                "claims": url("api:claim-list"),
                "claims_search": url("api:claims-search"),
                "feed": url("api:claim-feed"),
                "ratings": url("api:rating-list"),
                "sources": url("api:source-list"),
                "articles": url("api:article-list"),
                "schema": url("api:schema"),
                "docs": url("api:docs"),
            }
        )
