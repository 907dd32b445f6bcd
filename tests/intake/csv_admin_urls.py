"""A throwaway admin site with the claims CSV mixin, so the mixin is tested without ClaimAdmin."""

from django.contrib import admin
from django.urls import path

from claims.models import Claim
from intake.csv_io import ClaimCSVAdminMixin

site = admin.AdminSite(name="csvadmin")


@admin.register(Claim, site=site)
class CSVClaimAdmin(ClaimCSVAdminMixin, admin.ModelAdmin):
    list_filter = ["status", "language"]


urlpatterns = [path("csvadmin/", site.urls)]
