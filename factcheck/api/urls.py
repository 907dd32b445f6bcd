"""/api/: version 1 of the partner API, its OpenAPI schema and the interactive docs (no CDN)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from factcheck.api.exceptions import not_found
from factcheck.api.schema import SCHEMA_SETTINGS
from factcheck.api.views import ApiRootView

app_name = "api"

urlpatterns = [
    path("v1/", ApiRootView.as_view(), name="root"),
    path("v1/", include("claims.api.urls")),
    path("v1/schema/", SpectacularAPIView.as_view(custom_settings=SCHEMA_SETTINGS), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    re_path(r"^.*$", not_found),
]
