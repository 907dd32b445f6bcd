from django.urls import path
from rest_framework.routers import SimpleRouter

from claims.api.google import ClaimSearchView
from claims.api.views import ArticleViewSet, RatingViewSet, SourceViewSet
from claims.api.writes import ClaimViewSet

router = SimpleRouter()
router.register("claims", ClaimViewSet, basename="claim")
router.register("ratings", RatingViewSet, basename="rating")
router.register("sources", SourceViewSet, basename="source")
router.register("articles", ArticleViewSet, basename="article")

urlpatterns = [
    path("claims:search", ClaimSearchView.as_view(), name="claims-search"),
    *router.urls,
]
