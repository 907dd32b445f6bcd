import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import ClaimStatus, Rating
from tests.factories import (
    AppearanceFactory,
    ArticleFactory,
    AttributionFactory,
    ClaimFactory,
    EvidenceFactory,
    SourceFactory,
    TagFactory,
    VerdictFactory,
    published_claim,
)

# Every unpublished claim planted below carries this word; no public page may ever show it.
SECRET = "UNPUBLISHED"


@pytest.fixture(autouse=True)
def _no_cached_pages():
    """Pages are cached on the public-state token; the factories below do not bump it."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(db):
    return ArticleFactory(slug="bridge-article", title="The bridge that cost too much")


@pytest.fixture
def minister(db):
    return SourceFactory(name="Ann Minister", slug="ann-minister", description="Minister of transport.")


@pytest.fixture
def bridges(db):
    return TagFactory(name="Bridges", slug="bridges")


@pytest.fixture
def published(article, minister, bridges):
    """A published claim made by the minister, in the article, tagged Bridges, rated False."""
    claim = published_claim(
        text="The minister said the bridge cost 40 million euros.",
        slug="bridge-cost",
        article=article,
        source=minister,
    )
    claim.tags.add(bridges)
    return claim


@pytest.fixture
def unpublished(article, minister, bridges):
    """A claim in each status the public must not see, sharing article, source, tag and a rating."""
    claims = []
    for status in (ClaimStatus.DRAFT, ClaimStatus.IN_RESEARCH, ClaimStatus.IN_REVIEW):
        claim = ClaimFactory(status=status, text=f"{SECRET} {status} claim about the bridge.", slug=f"secret-{status}")
        claim.tags.add(bridges)
        verdict = VerdictFactory(
            claim=claim, rating=Rating.objects.get(slug="pants-on-fire"), summary=f"{SECRET} {status} summary."
        )
        EvidenceFactory(verdict=verdict, title=f"{SECRET} evidence")
        AppearanceFactory(claim=claim, article=article, quote="Critics noted that the project ran two years late")
        AttributionFactory(claim=claim, source=minister, role="made", described_as=f"{SECRET} minister")
        claims.append(claim)
    return claims


def get_fresh(client, url, **extra):
    """GET URL with the page cache emptied first."""
    cache.clear()
    return client.get(url, **extra)


def queries_for(client, url) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def more_published_claims(n, *, article, minister, tag=None):
    for i in range(n):
        claim = published_claim(text=f"Another claim {i} on the bridge.", article=article, source=minister)
        if tag is not None:
            claim.tags.add(tag)
