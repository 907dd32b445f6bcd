"""RSS and Atom feeds of the latest published verdicts: all, per source, per tag."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from claims.models import Attribution, Tag
from claims.selectors import claims_public
from sources.models import Source

FEED_LENGTH = 30


class LatestVerdictsFeed(Feed):
    description_template = None

    def title(self, obj=None):
        return _("%(org)s: latest verdicts") % {"org": settings.FACTCHECK_ORG_NAME}

    def link(self, obj=None):
        return reverse("claims:claim-list")

    def description(self, obj=None):
        return _("The latest published fact-check verdicts.")

    def claims(self, obj):
        return claims_public()

    def items(self, obj=None):
        # Query: one for the claims with their verdict and rating, one for their tags.
        qs = self.claims(obj).filter(published_at__isnull=False).select_related("verdict__rating")
        return qs.prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, claim):
        verdict = getattr(claim, "verdict", None)
        rating = verdict.rating.label if verdict is not None and verdict.rating else _("Not rated")
        return f"{rating}: {claim.text}"

    def item_description(self, claim):
        verdict = getattr(claim, "verdict", None)
        summary = verdict.summary if verdict is not None else ""
        if claim.status == "retracted":
            return _("Retracted.") + " " + summary
        return summary

    def item_pubdate(self, claim):
        return claim.first_published_at or claim.published_at

    def item_updateddate(self, claim):
        return claim.updated_at

    def item_categories(self, claim):
        return [tag.name for tag in claim.tags.all()]


class SourceVerdictsFeed(LatestVerdictsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Source, slug=slug)

    def title(self, obj=None):
        return _("%(org)s: verdicts on claims by %(source)s") % {"org": settings.FACTCHECK_ORG_NAME, "source": obj}

    def link(self, obj=None):
        return obj.get_absolute_url()

    def description(self, obj=None):
        return _("Published verdicts on claims that %(source)s made, reported, confirmed or repeated.") % {
            "source": obj
        }

    def claims(self, obj):
        return claims_public().filter(pk__in=Attribution.objects.filter(source=obj).values("claim_id"))


class TagVerdictsFeed(LatestVerdictsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj=None):
        return _("%(org)s: verdicts tagged %(tag)s") % {"org": settings.FACTCHECK_ORG_NAME, "tag": obj}

    def link(self, obj=None):
        return reverse("claims:claim-list") + f"?tag={obj.slug}"

    def description(self, obj=None):
        return _("Published verdicts tagged %(tag)s.") % {"tag": obj}

    def claims(self, obj):
        return claims_public().filter(tags=obj)


class LatestVerdictsAtomFeed(LatestVerdictsFeed):
    feed_type = Atom1Feed
    subtitle = LatestVerdictsFeed.description


class SourceVerdictsAtomFeed(SourceVerdictsFeed):
    feed_type = Atom1Feed
    subtitle = SourceVerdictsFeed.description


class TagVerdictsAtomFeed(TagVerdictsFeed):
    feed_type = Atom1Feed
    subtitle = TagVerdictsFeed.description
