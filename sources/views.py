"""Public pages of sources and articles.

sources never imports claims: what these pages show about claims (the scorecard, the claims a
source is attributed, the highlighted quotes) comes from the claims app's template tags.
"""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from factcheck.pagecache import cache_public_page
from sources.models import Article, Source

MEMBERS_SHOWN = 50


@require_safe
@cache_public_page
def source_detail(request, slug):
    source = get_object_or_404(Source.objects.select_related("parent"), slug=slug)
    members = source.members.order_by("name")[:MEMBERS_SHOWN]
    return render(request, "sources/source_detail.html", {"source": source, "members": members})


@require_safe
@cache_public_page
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.select_related("publisher"), slug=slug)
    return render(request, "sources/article_detail.html", {"article": article, "authors": article.authors.all()})
