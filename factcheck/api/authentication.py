"""Partners authenticate with an API key: `Authorization: Api-Key <key>` or `X-Api-Key: <key>`.

A key identifies a partner, not a user: request.user stays anonymous (partners read what the
public reads, and never write), request.auth is the ApiKey (for its rate and for logs).
"""

from django.contrib.auth.models import AnonymousUser
from rest_framework import authentication, exceptions

from partners.services import api_key_authenticate

KEYWORD = "Api-Key"


class ApiKeyAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        raw_key = request.META.get("HTTP_X_API_KEY", "")
        if not raw_key:
            header = authentication.get_authorization_header(request).decode("latin-1").split()
            if not header or header[0].lower() != KEYWORD.lower():
                return None
            if len(header) != 2:
                raise exceptions.AuthenticationFailed("Give the key as `Authorization: Api-Key <key>`.")
            raw_key = header[1]
        api_key = api_key_authenticate(raw_key=raw_key)
        if api_key is None:
            raise exceptions.AuthenticationFailed("This API key is unknown or has been revoked.")
        return AnonymousUser(), api_key

    def authenticate_header(self, request):
        return KEYWORD
