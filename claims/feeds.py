"""RSS and Atom feeds of the latest published verdicts: all, per source, per tag."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from claims.models import Attribution, Correction, Tag
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
        # Queries: one for the claims with their verdict, rating and latest public correction (two
        # subqueries in the same statement), one for their tags.
        latest = Correction.objects.filter(claim=OuterRef("pk"), minor=False).order_by("-created_at", "-id")
        qs = (
            self.claims(obj)
            .filter(published_at__isnull=False)
            .select_related("verdict__rating")
            .annotate(
                correction_note=Subquery(latest.values("note")[:1]),
                corrected_at=Subquery(latest.values("created_at")[:1]),
            )
        )
        return qs.prefetch_related("tags")[:FEED_LENGTH]

    def item_title(self, claim):
        verdict = getattr(claim, "verdict", None)
        rating = verdict.rating.label if verdict is not None and verdict.rating else _("Not rated")
        return f"{rating}: {claim.text}"

    def item_description(self, claim):
        verdict = getattr(claim, "verdict", None)
        parts = [verdict.summary if verdict is not None else ""]
        if claim.status == "retracted":
            parts.insert(0, _("Retracted."))
        if claim.corrected_at is not None:
            # Open and honest corrections: the feed says what changed and when, as the claim page does.
            parts.append(
                _("Corrected on %(date)s: %(note)s")
                % {"date": date_format(localtime(claim.corrected_at), "j F Y"), "note": claim.correction_note}
            )
        return " ".join(part for part in parts if part)

    def item_pubdate(self, claim):
        return claim.first_published_at or claim.published_at

    def item_updateddate(self, claim):
        """The last public change (publication, public correction, retraction), as on the claim page;
        internal edits that the public cannot see do not move it."""
        moments = [claim.published_at, claim.corrected_at, claim.retracted_at]
        return max((moment for moment in moments if moment is not None), default=claim.updated_at)

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
