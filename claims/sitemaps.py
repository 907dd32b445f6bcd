"""sitemap.xml: published claims, and the articles and sources that have one."""

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse
from django.utils.functional import cached_property

from claims.models import Attribution
from claims.selectors import articles_visible_to, claims_public
from sources.models import Source

# sitemap.xml is an index of per-section sitemaps of LIMIT addresses each. Counting stops after
# MAX_PAGES of them (500,000 claims), so no request counts a whole large table.
MAX_PAGES = 100


class CappedPaginator(Paginator):
    """Counts rows only up to what MAX_PAGES sitemap pages can hold, not over the whole table."""

    @cached_property
    def count(self):
        return self.object_list[: self.per_page * MAX_PAGES].count()


class CappedSitemap(Sitemap):
    limit = 5000

    @property
    def paginator(self):
        return CappedPaginator(self._items(), self.limit)

    def get_latest_lastmod(self):
        # Django's default walks every item in Python; one aggregate query does the same.
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]


class ClaimSitemap(CappedSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return claims_public().only("slug", "updated_at").order_by("-published_at", "-id")

    def lastmod(self, claim):
        return claim.updated_at


class ArticleSitemap(CappedSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return articles_visible_to(user=None).only("slug", "updated_at").order_by("-id")

    def lastmod(self, article):
        return article.updated_at


class SourceSitemap(CappedSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        with_public_claims = Attribution.objects.filter(claim__in=claims_public()).values("source_id")
        return Source.objects.filter(pk__in=with_public_claims).only("slug", "updated_at").order_by("name")

    def lastmod(self, source):
        return source.updated_at


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return ["claims:home", "claims:claim-list", "claims:methodology", "claims:corrections-policy", "claims:suggest"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "claims": ClaimSitemap, "articles": ArticleSitemap, "sources": SourceSitemap}
