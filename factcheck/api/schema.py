"""OpenAPI details: the API-key security scheme, examples lifted from descriptions, error responses."""

import json
import re

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from factcheck.api.pagination import MAX_PAGE_SIZE

_EXAMPLE = re.compile(r"[ \t]*Example:[ \t]*([^\n]+?)[ \t]*(?=\n|$)")

# Parameters drf-spectacular cannot describe by itself.
GENERIC_PARAMETERS = {
    "id": ("The object's id.", 42),
    "slug": ("The rating's slug.", "false"),
    "format": ("Response format: json (default), jsonld (schema.org) or csv where offered.", "json"),
}

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
            "name": "X-Api-Key",
            "description": "A partner key, sent as `X-Api-Key: <key>` (or `Authorization: Api-Key <key>`).",
        }


def _example(value: str):
    try:
        return json.loads(value)
    except ValueError:
        return value


def _filter_help() -> dict[str, dict[str, str]]:
    """Filter help texts per list path, for the parameters whose filter class sets their type."""
    from claims.filtersets import ClaimFilterSet
    from sources.filtersets import ArticleFilterSet, SourceFilterSet

    def texts(filterset):
        return {name: str(f.extra.get("help_text", "")) for name, f in filterset.base_filters.items()}

    claims = texts(ClaimFilterSet)
    return {
        "/api/v1/claims/": claims,
        "/api/v1/claims/feed/": claims,
        "/api/v1/sources/": texts(SourceFilterSet),
        "/api/v1/articles/": texts(ArticleFilterSet),
    }


def _lift(node: dict) -> None:
    description = node.get("description")
    if description is not None and not isinstance(description, str):
        description = node["description"] = str(description)  # a lazy translation
    if isinstance(description, str) and "example" not in node:
        match = _EXAMPLE.search(description)
        if match:
            node["description"] = (description[: match.start()] + description[match.end() :]).strip()
            raw = match.group(1)
            schema = node.get("schema", node)
            schema_type = schema.get("type")
            if schema_type == "array":
                node["example"] = [raw]
            elif schema_type in ("integer", "number", "boolean"):
                node["example"] = _example(raw)
            else:
                node["example"] = raw


def _error_responses(path: str, method: str) -> list[tuple[str, str]]:
    errors = [
        ("400", "Bad input: `errors` names each field."),
        ("401", "The API key is unknown or revoked, or the credentials are wrong."),
        ("403", "Not allowed: API keys and anonymous callers only read; writes need the model permission."),
        ("406", "No representation for the Accept header or format asked for."),
        ("429", "Throttled: retry after the seconds in Retry-After."),
    ]
    if "{" in path:
        errors.append(("404", "No such object, or not published."))
    if path == "/api/v1/claims/{id}/" and method == "get":
        errors.append(("410", "JSON-LD asked for a retracted verdict: it no longer has ClaimReview markup."))
    if method in ("post", "put", "patch", "delete"):
        errors += [
            ("409", "The object changed since you read it (a stale version)."),
            ("412", "If-Match does not match the current version."),
        ]
    return errors


def lift_examples(result, generator, request, public):
    """'… Example: X' at the end of a description becomes the OpenAPI `example` X."""
    for schema in result.get("components", {}).get("schemas", {}).values():
        for prop in schema.get("properties", {}).values():
            _lift(prop)
    help_by_path = _filter_help()
    for path_name, path in result.get("paths", {}).items():
        for method, operation in path.items():
            if method in ("get", "head") and {} not in operation.setdefault("security", []):
                operation["security"].append({})  # reads are open to anonymous callers
            for parameter in operation.get("parameters", []):
                if not parameter.get("description"):
                    help_text = help_by_path.get(path_name, {}).get(parameter["name"])
                    if help_text:
                        parameter["description"] = help_text
                    elif parameter["name"] in GENERIC_PARAMETERS:
                        text, example = GENERIC_PARAMETERS[parameter["name"]]
                        parameter["description"] = f"{text} Example: {example}"
                _lift(parameter)
            responses = operation.setdefault("responses", {})
            for code, text in _error_responses(path_name, method):
                responses.setdefault(
                    code,
                    {
                        "description": text,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
            if method == "get":
                responses.setdefault(
                    "304", {"description": "Not modified: your If-None-Match/If-Modified-Since still holds."}
                )
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    return result


SCHEMA_SETTINGS = {
    "DESCRIPTION": DESCRIPTION,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "factcheck.api.schema.lift_examples"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}
