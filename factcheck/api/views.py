"""Base classes every API view builds on: access, throttling, one error shape, conditional GET."""

import hashlib
import logging

from django.conf import settings
from django.core.signals import got_request_exception
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from drf_spectacular.utils import extend_schema
from rest_framework import authentication, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.cache import public_last_modified, public_state_token
from factcheck.api.authentication import ApiKeyAuthentication
from factcheck.api.exceptions import NotModified, api_exception_handler, error_body
from factcheck.api.permissions import ReadOnlyOrModelPermission
from factcheck.api.throttles import ApiRateThrottle, caller_class

logger = logging.getLogger("django.request")

VARY = ["Accept", "Authorization", "X-Api-Key", "Cookie"]


def _etag_matches(header: str, etag: str) -> bool:
    candidates = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in candidates or etag in candidates


class ApiMixin:
    """Access rules, the error shape, and ETag/Last-Modified for what the public sees.

    The ETag is a hash of the public-state token (claims.cache: bumped by every service that changes
    what the public sees), the request's full path, the response format and the caller's class, so a
    conditional GET is answered 304 before any database query. Signed-in users may see drafts, which
    change without bumping the token: their responses carry no validators.
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
        super().initial(request, *args, **kwargs)
        kind = caller_class(request)
        if not self.conditional_get or request.method not in ("GET", "HEAD") or kind == "user":
            return
        media_type = getattr(request, "accepted_media_type", "")
        seed = f"{public_state_token()}|{kind}|{media_type}|{request.get_full_path()}"
        etag = '"' + hashlib.sha256(seed.encode()).hexdigest()[:32] + '"'
        last_modified = public_last_modified()
        self._validators = (etag, last_modified)
        if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None:
            if _etag_matches(if_none_match, etag):
                raise NotModified()
            return
        since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
        if since is not None and int(last_modified.timestamp()) <= since:
            raise NotModified()

    def handle_exception(self, exc):
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
        return response


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
