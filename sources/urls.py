from django.urls import path

from sources import views

app_name = "sources"
urlpatterns = [
    path("sources/<slug:slug>/", views.source_detail, name="source-detail"),
    path("articles/<slug:slug>/", views.article_detail, name="article-detail"),
]
