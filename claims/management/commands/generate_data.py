"""Generate a large, realistic, deterministic data set for benchmarks: `generate_data --claims N`.

Rows are written in bulk (COPY on PostgreSQL, bulk_create elsewhere) and so create no history rows.
Every generated source, article and claim has a slug starting with "gen-"; the command refuses to
write into a database that holds anything else unless --force is given.
"""

import hashlib
import itertools
import random
import time
from bisect import bisect
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, models, transaction

from claims.models import (
    Appearance,
    Attribution,
    AttributionRole,
    Claim,
    ClaimStatus,
    Evidence,
    Rating,
    Stance,
    Tag,
    Verdict,
)
from sources.models import Article, Source, SourceKind

PREFIX = "gen-"
BATCH_CLAIMS = 6000  # claims per batch: one transaction, one COPY per table

# Share of claims per status; the rest are published.
STATUS_WEIGHTS = [
    (ClaimStatus.DRAFT, 8),
    (ClaimStatus.IN_RESEARCH, 4),
    (ClaimStatus.IN_REVIEW, 3),
    (ClaimStatus.PUBLISHED, 80),
    (ClaimStatus.CORRECTED, 4),
    (ClaimStatus.RETRACTED, 1),
]
# How often each rating is given, by slug: false claims are what desks check most.
RATING_WEIGHTS = {
    "true": 10,
    "mostly-true": 12,
    "half-true": 15,
    "mostly-false": 15,
    "false": 25,
    "pants-on-fire": 6,
    "misleading": 12,
    "unproven": 5,
}
RETRACTION_REASON = "The official series the verdict relied on was withdrawn by the statistics office."
LANGUAGES = [("en", 70), ("es", 10), ("fr", 8), ("de", 7), ("pt", 5)]
TOPICS = [
    "unemployment", "inflation", "vaccines", "crime", "immigration", "taxes", "housing", "climate",
    "energy prices", "the deficit", "wages", "school funding", "hospital waiting lists", "pensions",
    "fuel duty", "police numbers", "rents", "food prices", "child poverty", "emissions", "exports",
    "broadband", "rail fares", "the minimum wage", "student debt", "homelessness", "obesity",
    "drug deaths", "voter turnout", "foreign aid",
]  # fmt: skip
VERBS = ["rose", "fell", "doubled", "halved", "tripled", "stayed flat", "hit a record", "dropped sharply"]
PLACES = ["nationwide", "in the capital", "in rural areas", "in the north", "in the south", "among young people"]
FIRST = ["Maria", "John", "Aisha", "Pedro", "Chen", "Olga", "Kwame", "Sofia", "David", "Fatima", "Lars", "Ines"]
LAST = ["Garcia", "Smith", "Khan", "Silva", "Wang", "Petrova", "Mensah", "Rossi", "Cohen", "Haddad", "Berg", "Costa"]
OUTLET_WORDS = ["Daily", "Herald", "Times", "Post", "Radio", "News", "Chronicle", "Observer", "Tribune", "Courier"]
FILLER = [
    "officials said the figures would be published later this year",
    "analysts were cautious about the trend",
    "the report covered the last financial year",
    "critics questioned the methodology behind the numbers",
    "the minister spoke at a press conference on tuesday",
    "opposition members called for an inquiry",
    "data from the statistics office show a more mixed picture",
    "the debate continued in parliament",
]


class GenerationRefused(CommandError):
    pass


def _zipf_cum_weights(n: int, s: float = 1.1) -> list[float]:
    """Cumulative weights for ranks 1..n with P(rank) ∝ 1/rank^s: a few items get most of the picks."""
    return list(itertools.accumulate(1.0 / (rank**s) for rank in range(1, n + 1)))


class Writer:
    """Writes rows (dicts keyed by attname) for one model; fills unnamed fields with their defaults."""

    def __init__(self, model, stdout_counts: dict):
        self.model = model
        self.counts = stdout_counts
        self.fields = [f for f in model._meta.concrete_fields if not _db_default_only(f)]
        self.defaults = {}
        for f in self.fields:
            if f.has_default() or f.null or f.blank:
                self.defaults[f.attname] = f.get_default() if f.has_default() else (None if f.null else "")

    def write(self, rows: list[dict]) -> None:
        if not rows:
            return
        values = []
        for row in rows:
            try:
                values.append([row[f.attname] if f.attname in row else self.defaults[f.attname] for f in self.fields])
            except KeyError as exc:
                raise CommandError(
                    f"generate_data does not know how to fill {self.model.__name__}.{exc.args[0]}"
                ) from exc
        if connection.vendor == "postgresql":
            table = connection.ops.quote_name(self.model._meta.db_table)
            columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
            with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
        else:
            names = [f.attname for f in self.fields]
            self.model.objects.bulk_create(
                [self.model(**dict(zip(names, value, strict=True))) for value in values], batch_size=500
            )
        self.counts[self.model._meta.label] = self.counts.get(self.model._meta.label, 0) + len(rows)


def _db_default_only(field) -> bool:
    return getattr(field, "db_default", models.NOT_PROVIDED) is not models.NOT_PROVIDED and not field.has_default()


def _next_id(model) -> int:
    return (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1


class Generator:
    def __init__(self, *, claims: int, seed: int, stdout):
        self.n_claims = claims
        self.rng = random.Random(seed)
        self.stdout = stdout
        self.counts: dict[str, int] = {}
        self.epoch = datetime(2026, 1, 1, tzinfo=UTC)  # fixed, so the output depends on the seed only
        self.ratings = list(Rating.objects.all())
        if not self.ratings:
            raise CommandError("No ratings: run `manage.py migrate` first (the scale comes from a migration).")
        self.rating_cum = list(itertools.accumulate(RATING_WEIGHTS.get(r.slug, 5) for r in self.ratings))
        self.status_cum = list(itertools.accumulate(w for _, w in STATUS_WEIGHTS))
        self.lang_cum = list(itertools.accumulate(w for _, w in LANGUAGES))

    # -- helpers --------------------------------------------------------------------------------
    def pick(self, items, cum):
        return items[bisect(cum, self.rng.random() * cum[-1])]

    def moment(self, days_back_max: int) -> datetime:
        return self.epoch - timedelta(seconds=self.rng.randrange(days_back_max * 86400))

    # -- reference rows ------------------------------------------------------------------------
    def make_people(self):
        User = get_user_model()
        start = _next_id(User)
        users = [User(id=start + i, username=f"{PREFIX}reviewer-{start + i}", is_staff=True) for i in range(8)]
        for user in users:
            user.set_unusable_password()
        User.objects.bulk_create(users)
        self.user_ids = [u.id for u in users]

    def make_tags(self):
        existing = {t.slug: t.id for t in Tag.objects.filter(slug__startswith=PREFIX)}
        new = []
        start = _next_id(Tag)
        for topic in TOPICS:
            slug = PREFIX + topic.replace(" ", "-")
            if slug not in existing:
                existing[slug] = start + len(new)
                new.append({"id": existing[slug], "name": f"{topic} (generated)", "slug": slug})
        Writer(Tag, self.counts).write(new)
        self.tag_ids = [existing[PREFIX + t.replace(" ", "-")] for t in TOPICS]

    def make_sources(self):
        n = min(5000, max(100, self.n_claims // 50))
        start = _next_id(Source)
        rows = []
        self.outlet_ids, self.person_ids = [], []
        for i in range(n):
            sid = start + i
            if i % 12 == 3:
                kind = SourceKind.OUTLET
                name = f"The {self.rng.choice(OUTLET_WORDS)} {self.rng.choice(OUTLET_WORDS)} {sid}"
                self.outlet_ids.append(sid)
            else:
                kind = self.rng.choice([SourceKind.PERSON] * 6 + [SourceKind.ORGANISATION, SourceKind.GOVERNMENT])
                name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)} {sid}"
                self.person_ids.append(sid)
            created = self.moment(4000)
            rows.append(
                {
                    "id": sid,
                    "kind": kind,
                    "name": name,
                    "slug": f"{PREFIX}{name.lower().replace(' ', '-')}",
                    "description": f"Generated {kind} for benchmarks.",
                    "url": f"https://example.org/sources/{sid}",
                    "parent_id": None,
                    "external_id": f"Q{900000 + sid}",
                    "created_at": created,
                    "updated_at": created,
                }
            )
        Writer(Source, self.counts).write(rows)
        # Claims go to people with a Zipf law, so a handful of sources hold most of them.
        self.person_cum = _zipf_cum_weights(len(self.person_ids))
        self.outlet_cum = _zipf_cum_weights(len(self.outlet_ids), 0.9)

    # -- the claims, batch by batch -------------------------------------------------------------
    def claim_text(self, speaker_name: str) -> tuple[str, str]:
        rng = self.rng
        topic = rng.choice(TOPICS)
        text = (
            f"{speaker_name.rsplit(' ', 1)[0]} said {topic} {rng.choice(VERBS)} {rng.choice(PLACES)} "
            f"by {rng.randrange(2, 95)}% between {rng.randrange(2000, 2015)} and {rng.randrange(2016, 2026)}"
        )
        return text, topic

    def run(self):
        t0 = time.monotonic()
        with transaction.atomic():
            self.make_people()
            self.make_tags()
            self.make_sources()
        self.source_names = dict(Source.objects.filter(id__in=self.person_ids).values_list("id", "name"))
        ids = {m: _next_id(m) for m in (Article, Claim, Appearance, Attribution, Verdict, Evidence)}
        ids["article_authors"] = _next_id(Article.authors.through)
        ids["claim_tags"] = _next_id(Claim.tags.through)
        writers = {
            m: Writer(m, self.counts)
            for m in (
                Article,
                Article.authors.through,
                Claim,
                Claim.tags.through,
                Appearance,
                Attribution,
                Verdict,
                Evidence,
            )
        }
        done = 0
        while done < self.n_claims:
            size = min(BATCH_CLAIMS, self.n_claims - done)
            rows = self.batch(ids, size)
            with transaction.atomic():
                for model, batch_rows in rows.items():
                    writers[model].write(batch_rows)
            done += size
            elapsed = time.monotonic() - t0
            total = sum(self.counts.values())
            eta = elapsed / done * (self.n_claims - done)
            self.stdout.write(
                f"  {done:>9,}/{self.n_claims:,} claims  {total:>11,} rows  {total / elapsed:>9,.0f} rows/s"
                f"  eta {eta:5.0f} s"
            )
        self.finish()
        return time.monotonic() - t0

    def batch(self, ids: dict, size: int) -> dict:
        rng = self.rng
        out = {m: [] for m in (Article, Article.authors.through, Claim, Claim.tags.through)}
        out.update({m: [] for m in (Appearance, Attribution, Verdict, Evidence)})
        first_claim = ids[Claim]
        claim_ids = list(range(first_claim, first_claim + size))
        ids[Claim] += size
        # One article per three claims; each article quotes its claims, and sometimes echoes one more.
        groups = [claim_ids[i : i + 3] for i in range(0, size, 3)]
        claims_meta = {}
        for cid in claim_ids:
            speaker = self.pick(self.person_ids, self.person_cum)
            text, topic = self.claim_text(self.source_names[speaker])
            claims_meta[cid] = (speaker, text, topic)
        for g, group in enumerate(groups):
            aid = ids[Article]
            ids[Article] += 1
            publisher = self.pick(self.outlet_ids, self.outlet_cum)
            quoted = list(group)
            if g > 0 and rng.random() < 0.1:
                quoted.append(groups[g - 1][0])
            parts, anchors, pos = [], [], 0
            for cid in quoted:
                for sentence in rng.sample(FILLER, 2):
                    chunk = sentence.strip().capitalize() + ". "
                    parts.append(chunk)
                    pos += len(chunk)
                quote = claims_meta[cid][1]
                anchors.append((cid, quote, pos, pos + len(quote)))
                chunk = quote + ".\n\n"
                parts.append(chunk)
                pos += len(chunk)
            parts.append(rng.choice(FILLER).strip().capitalize() + ".")
            body = "".join(parts)
            published = self.moment(3650)
            lang = self.pick(LANGUAGES, self.lang_cum)[0]
            out[Article].append(
                {
                    "id": aid,
                    "url": f"https://news.example.org/{aid}/{claims_meta[group[0]][2].replace(' ', '-')}",
                    "title": claims_meta[group[0]][1][:120],
                    "slug": f"{PREFIX}article-{aid}",
                    "publisher_id": publisher,
                    "byline": f"By {rng.choice(FIRST)} {rng.choice(LAST)}",
                    "published_on": published.date(),
                    "language": lang,
                    "body": body,
                    "content_hash": hashlib.sha256(body.encode()).hexdigest(),
                    "created_at": published,
                    "updated_at": published,
                }
            )
            out[Article.authors.through].append(
                {"id": self._take(ids, "article_authors"), "article_id": aid, "source_id": publisher}
            )
            for cid, quote, start, end in anchors:
                out[Appearance].append(
                    {
                        "id": self._take(ids, Appearance),
                        "claim_id": cid,
                        "article_id": aid,
                        "quote": quote,
                        "start": start,
                        "end": end,
                        "created_at": published,
                    }
                )
                if cid in group:
                    claims_meta[cid] = (*claims_meta[cid], aid, publisher, published, lang)
        for cid in claim_ids:
            self.claim_rows(out, ids, cid, claims_meta[cid])
        return out

    def claim_rows(self, out, ids, cid, meta):
        rng = self.rng
        speaker, text, topic, aid, publisher, published, lang = meta
        status = self.pick(STATUS_WEIGHTS, self.status_cum)[0]
        public = status in (ClaimStatus.PUBLISHED, ClaimStatus.CORRECTED, ClaimStatus.RETRACTED)
        reviewer, editor = rng.choice(self.user_ids), rng.choice(self.user_ids)
        checked_at = published + timedelta(hours=rng.randrange(2, 24 * 14))
        out[Claim].append(
            {
                "id": cid,
                "text": text,
                "slug": f"{PREFIX}{cid}-{topic.replace(' ', '-')}",
                "claim_date": published.date() - timedelta(days=rng.randrange(3)),
                "language": lang,
                "status": status,
                "reviewer_id": reviewer if status != ClaimStatus.DRAFT else None,
                "editor_id": editor if public else None,
                "is_demo": False,
                "created_at": published,
                "updated_at": checked_at,
                "first_published_at": checked_at if public else None,
                "published_at": checked_at if public else None,
                "version": 1 + (status == ClaimStatus.CORRECTED),
                "retracted_at": checked_at + timedelta(days=30) if status == ClaimStatus.RETRACTED else None,
                "retraction_reason": RETRACTION_REASON if status == ClaimStatus.RETRACTED else "",
            }
        )
        tag_index = TOPICS.index(topic)
        tag_ids = {self.tag_ids[tag_index]} | {rng.choice(self.tag_ids) for _ in range(rng.randrange(2))}
        for tag_id in sorted(tag_ids):
            out[Claim.tags.through].append({"id": self._take(ids, "claim_tags"), "claim_id": cid, "tag_id": tag_id})
        out[Attribution].append(
            {
                "id": self._take(ids, Attribution),
                "claim_id": cid,
                "source_id": speaker,
                "role": AttributionRole.MADE,
                "described_as": rng.choice(["", "the minister", "a spokesperson", "an MP", "the mayor"]),
                "article_id": aid,
            }
        )
        if rng.random() < 0.3:
            out[Attribution].append(
                {
                    "id": self._take(ids, Attribution),
                    "claim_id": cid,
                    "source_id": publisher,
                    "role": AttributionRole.REPORTED,
                    "described_as": "",
                    "article_id": aid,
                }
            )
        if status == ClaimStatus.DRAFT:
            return
        rating = self.pick(self.ratings, self.rating_cum)
        if status == ClaimStatus.IN_RESEARCH and rng.random() < 0.5:
            rating = None
        vid = self._take(ids, Verdict)
        label = rating.label if rating else "Not yet rated"
        out[Verdict].append(
            {
                "id": vid,
                "claim_id": cid,
                "rating_id": rating.id if rating else None,
                "summary": f"{label}: the official figures for {topic} do not show this.",
                "explanation": (
                    f"We checked the claim about **{topic}** against the official statistics.\n\n"
                    f"The published series shows a different change over the period. Rated *{label}*."
                ),
                "reviewer_id": reviewer,
                "editor_id": editor if public else None,
                "created_at": checked_at,
                "updated_at": checked_at,
                "version": 1,
            }
        )
        for position in range(rng.randrange(4)):
            with_source = rng.random() < 0.4
            out[Evidence].append(
                {
                    "id": self._take(ids, Evidence),
                    "verdict_id": vid,
                    "source_id": self.pick(self.person_ids, self.person_cum) if with_source else None,
                    "url": f"https://stats.example.org/{topic.replace(' ', '-')}/{vid}-{position}",
                    "title": f"Official statistics on {topic}",
                    "quote": f"The series for {topic} changed by {rng.randrange(1, 40)}% over the period.",
                    "stance": rng.choice([Stance.REFUTES, Stance.REFUTES, Stance.SUPPORTS, Stance.CONTEXT]),
                    "accessed_on": checked_at.date(),
                    "position": position,
                }
            )

    @staticmethod
    def _take(ids, key) -> int:
        value = ids[key]
        ids[key] += 1
        return value

    def finish(self):
        models_ = [
            Tag,
            Source,
            Article,
            Article.authors.through,
            Claim,
            Claim.tags.through,
            Appearance,
            Attribution,
            Verdict,
            Evidence,
            get_user_model(),
        ]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models_):
                cursor.execute(sql)
            if connection.vendor == "postgresql":
                self.stdout.write("  analyzing tables ...")
                for model in models_:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def foreign_rows() -> dict[str, int]:
    """Rows that generate_data did not create, by kind; generation refuses to mix with them unless forced."""
    return {
        label: n
        for label, n in (
            ("claims", Claim.objects.exclude(slug__startswith=PREFIX).count()),
            ("sources", Source.objects.exclude(slug__startswith=PREFIX).count()),
            ("articles", Article.objects.exclude(slug__startswith=PREFIX).count()),
        )
        if n
    }


def delete_generated() -> None:
    """Remove an earlier generated data set (fast: TRUNCATE when nothing else is in the tables)."""
    content = [
        Evidence,
        Verdict,
        Attribution,
        Appearance,
        Claim.tags.through,
        Claim,
        Article.authors.through,
        Article,
        Source,
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        if not foreign_rows() and connection.vendor == "postgresql":
            tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in content)
            # Deferred foreign-key checks still queued (inside an outer transaction) would block TRUNCATE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {tables} CASCADE")
        else:
            generated_claims = Claim.objects.filter(slug__startswith=PREFIX)
            Evidence.objects.filter(verdict__claim__in=generated_claims)._raw_delete(connection.alias)
            Verdict.objects.filter(claim__in=generated_claims)._raw_delete(connection.alias)
            Attribution.objects.filter(claim__in=generated_claims)._raw_delete(connection.alias)
            Appearance.objects.filter(claim__in=generated_claims)._raw_delete(connection.alias)
            Claim.tags.through.objects.filter(claim__in=generated_claims)._raw_delete(connection.alias)
            # Claims may be touched by other tables (tips, history); let the ORM handle those few.
            generated_claims.delete()
            Article.authors.through.objects.filter(article__slug__startswith=PREFIX)._raw_delete(connection.alias)
            Article.objects.filter(slug__startswith=PREFIX).delete()
            Source.objects.filter(slug__startswith=PREFIX).delete()
        Tag.objects.filter(slug__startswith=PREFIX).delete()
        get_user_model().objects.filter(username__startswith=PREFIX).delete()


class Command(BaseCommand):
    help = "Generate N realistic claims with sources, articles, verdicts and evidence, for benchmarks."
    requires_system_checks = []  # a data command: it must not depend on the URL conf being importable

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, required=True, help="How many claims to generate.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed; the same seed gives the same data.")
        parser.add_argument(
            "--force", action="store_true", help="Write even though the database holds data not made by this command."
        )

    def handle(self, *args, claims, seed, force, **options):
        if claims < 1:
            raise CommandError("--claims must be at least 1.")
        foreign = foreign_rows()
        if foreign and not force:
            found = ", ".join(f"{n:,} {label}" for label, n in foreign.items())
            raise GenerationRefused(
                f"This database ({connection.settings_dict['NAME']}) holds data that generate_data did not create "
                f"({found}). Use an empty database, or pass --force to add generated data beside it."
            )
        self.stdout.write(f"Removing any earlier generated data from {connection.settings_dict['NAME']} ...")
        delete_generated()
        self.stdout.write(f"Generating {claims:,} claims (seed {seed}) on {connection.vendor} ...")
        generator = Generator(claims=claims, seed=seed, stdout=self.stdout)
        elapsed = generator.run()
        total = sum(generator.counts.values())
        for label, n in sorted(generator.counts.items()):
            self.stdout.write(f"  {label:<28} {n:>12,}")
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {total:,} rows in {elapsed:.1f} s ({total / elapsed:,.0f} rows/s).")
        )
