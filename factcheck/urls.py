from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Factcheck desk"
admin.site.site_title = "Factcheck desk"
admin.site.index_title = "Claims, verdicts and sources"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("factcheck.api.urls")),
    path("", include("sources.urls")),
    path("", include("claims.urls")),
]
