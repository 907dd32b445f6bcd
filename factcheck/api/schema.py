"""OpenAPI details: the API-key security scheme, examples lifted from descriptions, error responses."""

import json
import re

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from factcheck.api.pagination import MAX_PAGE_SIZE

_EXAMPLE = re.compile(r"\s*Example:\s*(.+?)\s*$", re.DOTALL)

DESCRIPTION = f"""Published fact-check verdicts: claims, ratings, sources and articles.

* **Access.** Reads are open and throttled per IP. Partners send their key as
  `Authorization: Api-Key <key>` (or `X-Api-Key: <key>`) for a higher rate. A throttled call gets
  429 with `Retry-After`. Writes need a reviewer or editor account; keys never write.
* **Paging.** Lists are cursor-paged: follow `next`. `page_size` is 1 to {MAX_PAGE_SIZE}.
* **Sync.** `updated_since` returns every claim changed since your last call, retractions included.
* **Caching.** Responses carry `ETag` and `Last-Modified`; send them back (`If-None-Match`,
  `If-Modified-Since`) and get 304 when nothing changed.
* **Errors** always look like `{{"status": 400, "code": "invalid", "detail": "...", "errors": {{"field": ["..."]}}}}`.
* **Interoperability.** `?format=jsonld` gives schema.org ClaimReview; `/api/v1/claims:search` speaks
  Google Fact Check Tools' `claims:search`.
"""

ERROR_SCHEMA = {
    "type": "object",
    "required": ["status", "code", "detail"],
    "properties": {
        "status": {"type": "integer", "example": 400},
        "code": {"type": "string", "example": "invalid"},
        "detail": {"type": "string", "example": "claim_date_after: Enter a valid date."},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "example": {"claim_date_after": ["Enter a valid date."]},
        },
    },
}


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "factcheck.api.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "A partner key, sent as `Authorization: Api-Key <key>` (or `X-Api-Key: <key>`).",
        }


def _example(value: str):
    try:
        return json.loads(value)
    except ValueError:
        return value


def _lift(node: dict) -> None:
    description = node.get("description")
    if isinstance(description, str) and "example" not in node:
        match = _EXAMPLE.search(description)
        if match:
            node["description"] = description[: match.start()].rstrip()
            raw = match.group(1)
            schema_type = node.get("type") or node.get("schema", {}).get("type")
            node["example"] = raw if schema_type == "string" else _example(raw)


def lift_examples(result, generator, request, public):
    """'… Example: X' at the end of a description becomes the OpenAPI `example` X."""
    for schema in result.get("components", {}).get("schemas", {}).values():
        for prop in schema.get("properties", {}).values():
            _lift(prop)
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                _lift(parameter)
            responses = operation.setdefault("responses", {})
            for code, text in (
                ("400", "Bad input: the errors name the field."),
                ("429", "Throttled: see Retry-After."),
            ):
                responses.setdefault(
                    code,
                    {
                        "description": text,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    return result


SCHEMA_SETTINGS = {
    "DESCRIPTION": DESCRIPTION,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "factcheck.api.schema.lift_examples"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}
