from django.contrib import admin
from django.urls import path

admin.site.site_header = "Factcheck desk"
admin.site.site_title = "Factcheck desk"
admin.site.index_title = "Claims, verdicts and sources"

urlpatterns = [
    path("admin/", admin.site.urls),
]
