from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from claims import feeds, views
from claims.sitemaps import SITEMAPS
from factcheck.pagecache import cache_public_page

app_name = "claims"
urlpatterns = [
    path("", views.home, name="home"),
    path("claims/", views.claim_list, name="claim-list"),
    path("claims/<slug:slug>/", views.claim_detail, name="claim-detail"),
    path("embed/claims/<slug:slug>/", views.claim_embed, name="claim-embed"),
    path("methodology/", views.methodology, name="methodology"),
    path("corrections-policy/", views.corrections_policy, name="corrections-policy"),
    path("suggest/", views.tip_suggest, name="suggest"),
    path("suggest/thanks/", views.tip_thanks, name="suggest-thanks"),
    path("feeds/verdicts/rss/", cache_public_page(feeds.LatestVerdictsFeed()), name="feed-rss"),
    path("feeds/verdicts/atom/", cache_public_page(feeds.LatestVerdictsAtomFeed()), name="feed-atom"),
    path("feeds/sources/<slug:slug>/rss/", cache_public_page(feeds.SourceVerdictsFeed()), name="feed-source-rss"),
    path("feeds/sources/<slug:slug>/atom/", cache_public_page(feeds.SourceVerdictsAtomFeed()), name="feed-source-atom"),
    path("feeds/tags/<slug:slug>/rss/", cache_public_page(feeds.TagVerdictsFeed()), name="feed-tag-rss"),
    path("feeds/tags/<slug:slug>/atom/", cache_public_page(feeds.TagVerdictsAtomFeed()), name="feed-tag-atom"),
    path(
        "sitemap.xml",
        cache_public_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "claims:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cache_public_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
]
