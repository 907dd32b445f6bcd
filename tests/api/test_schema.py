"""The OpenAPI schema documents every parameter and field with an example."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(api):
    response = api.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_every_parameter_has_a_description_and_an_example(schema):
    missing = [
        (path, parameter["name"])
        for path, operations in schema["paths"].items()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if not parameter.get("description") or "example" not in parameter
    ]
    assert missing == []


def test_every_scalar_field_has_an_example(schema):
    missing = [
        (name, field)
        for name, component in schema["components"]["schemas"].items()
        for field, spec in component.get("properties", {}).items()
        if spec.get("type") in ("string", "integer", "number", "boolean") and "example" not in spec
    ]
    assert missing == []


def test_the_claims_list_documents_every_filter(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/claims/"]["get"]["parameters"]}
    from claims.filtersets import ClaimFilterSet

    assert set(ClaimFilterSet.base_filters) | {"ordering", "cursor", "page_size"} <= names


def test_it_documents_the_api_key_scheme_and_the_error_shape(schema):
    assert schema["components"]["securitySchemes"]["ApiKey"]["type"] == "apiKey"
    assert schema["components"]["schemas"]["Error"]["required"] == ["status", "code", "detail"]
