"""Every API error has one JSON shape:

    {"status": 400, "code": "invalid", "detail": "One line a person can act on.",
     "errors": {"field": ["What is wrong with it."]}}

`errors` is present only for field errors. Domain exceptions from the services become 400 (409/412
for a stale version, 403 for a refused permission) with the service's message as `detail`.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class NotModified(exceptions.APIException):
    """Raised by the conditional-GET check; becomes an empty 304."""

    status_code = status.HTTP_304_NOT_MODIFIED
    default_detail = ""
    default_code = "not_modified"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The claim changed since you read it: fetch it again and reapply your change."
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The claim changed since you read it: fetch it again and reapply your change."
    default_code = "conflict"


def _flatten(errors) -> dict[str, list[str]]:
    """DRF error detail (nested dicts/lists) → {"field": ["message", ...]} with dotted paths."""
    flat: dict[str, list[str]] = {}

    def walk(value, path):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list):
            if all(not isinstance(v, dict | list) for v in value):
                flat.setdefault(path or "non_field_errors", []).extend(str(v) for v in value)
            else:
                for index, inner in enumerate(value):
                    walk(inner, f"{path}.{index}" if path else str(index))
        else:
            flat.setdefault(path or "non_field_errors", []).append(str(value))

    walk(errors, "")
    return flat


def error_body(status_code: int, code: str, detail: str, errors: dict | None = None) -> dict:
    body = {"status": status_code, "code": code, "detail": detail}
    if errors:
        body["errors"] = errors
    return body


def _summary(errors: dict[str, list[str]]) -> str:
    return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in errors.items())


def _domain_error(exc, context):
    """A service's refusal → 400/403/409/412 with its message; anything else is a bug (500)."""
    from claims import services  # late: factcheck.api is imported by every app's API

    if not isinstance(exc, services.ClaimError):
        return None
    permission_error = getattr(services, "ClaimPermissionError", None)
    concurrent_error = getattr(services, "ConcurrentEditError", None)
    if permission_error is not None and isinstance(exc, permission_error):
        return Response(error_body(403, "permission_denied", str(exc)), status=403)
    if concurrent_error is not None and isinstance(exc, concurrent_error):
        request = context.get("request")
        if request is not None and request.META.get("HTTP_IF_MATCH"):
            return Response(error_body(412, "precondition_failed", str(exc)), status=412)
        return Response(error_body(409, "conflict", str(exc)), status=409)
    return Response(error_body(400, "refused", str(exc)), status=400)


def api_exception_handler(exc, context):
    if isinstance(exc, NotModified):
        return Response(status=304)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "message_dict") else {"non_field_errors": exc.messages}
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return _domain_error(exc, context)
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        response.data = error_body(response.status_code, "invalid", _summary(errors), errors)
    else:
        detail = getattr(exc, "detail", None)
        if isinstance(exc, Http404):
            code, text = "not_found", "Not found."
        elif isinstance(exc, PermissionDenied):
            code, text = "permission_denied", "You do not have permission to do this."
        else:
            code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
            code = code if isinstance(code, str) else "error"
            text = str(detail) if detail is not None else str(exc)
        response.data = error_body(response.status_code, code, text)
    return response


def not_found(request, *args, **kwargs):
    """404 for unknown paths under /api/, in the API's error shape instead of an HTML page."""
    return JsonResponse(error_body(404, "not_found", "There is no API endpoint at this address."), status=404)
