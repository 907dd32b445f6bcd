"""factory_boy factories: test data is built here, never from hand-edited fixtures."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from claims.models import (
    Appearance,
    Attribution,
    Claim,
    ClaimStatus,
    Evidence,
    Rating,
    Tag,
    Verdict,
)
from sources.models import Article, Source, SourceKind
from sources.services import content_hash

ARTICLE_BODY = (
    "The minister said the bridge cost 40 million euros. "
    "Critics noted that the project ran two years late. "
    "According to the audit office, the budget was exceeded by 12 percent."
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw")

    @factory.post_generation
    def group(self, create, extracted, **kwargs):
        if create and extracted:
            self.is_staff = True
            self.save()
            self.groups.add(Group.objects.get(name=extracted))


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")
    slug = factory.Sequence(lambda n: f"source-{n}")
    kind = SourceKind.PERSON


class OutletFactory(SourceFactory):
    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.Sequence(lambda n: f"outlet-{n}")
    kind = SourceKind.OUTLET


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    url = factory.Sequence(lambda n: f"https://news.example/article-{n}")
    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    publisher = factory.SubFactory(OutletFactory)
    body = ARTICLE_BODY
    content_hash = factory.LazyAttribute(lambda o: content_hash(o.body))
    language = "en"


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    text = factory.Sequence(lambda n: f"Claim number {n} about the bridge budget.")
    slug = factory.Sequence(lambda n: f"claim-{n}")
    language = "en"
    status = ClaimStatus.DRAFT


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    rating = factory.LazyFunction(lambda: Rating.objects.get(slug="false"))
    summary = "The figure is wrong."
    explanation = "The audit says **otherwise**."


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    verdict = factory.SubFactory(VerdictFactory)
    url = factory.Sequence(lambda n: f"https://evidence.example/{n}")
    title = "Audit report"
    stance = "refutes"


class AppearanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appearance

    claim = factory.SubFactory(ClaimFactory)
    article = factory.SubFactory(ArticleFactory)
    quote = "the bridge cost 40 million euros"
    start = factory.LazyAttribute(lambda o: o.article.body.index(o.quote))
    end = factory.LazyAttribute(lambda o: o.start + len(o.quote))


class AttributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attribution

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    role = "made"


def published_claim(**kwargs) -> Claim:
    """A claim with a full verdict, an appearance and an attribution, published directly.

    Tests of reads use this; the publishing rules themselves are tested through the services.
    """
    from django.utils import timezone

    rating = kwargs.pop("rating", None)
    source = kwargs.pop("source", None)
    article = kwargs.pop("article", None)
    now = timezone.now()
    kwargs.setdefault("status", ClaimStatus.PUBLISHED)
    claim = ClaimFactory(published_at=now, first_published_at=now, **kwargs)
    verdict = VerdictFactory(claim=claim, **({"rating": rating} if rating else {}))
    EvidenceFactory(verdict=verdict)
    AppearanceFactory(claim=claim, **({"article": article} if article else {}))
    AttributionFactory(claim=claim, **({"source": source} if source else {}))
    return claim
