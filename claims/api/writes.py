"""Writes for reviewer tools. Filled in last; for now the claims endpoint is read-only."""

from claims.api.views import ClaimReadViewSet


class ClaimViewSet(ClaimReadViewSet):
    pass
