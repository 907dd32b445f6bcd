"""Load the demo data set in seeds/ through the same services the admin and API use.

Loading is idempotent: a row that already holds the seed's values is left untouched, so a second
run writes nothing (no new history rows either). Everything is validated and written in one
transaction: a malformed file writes nothing.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from claims import services
from claims.models import Appearance, Attribution, Claim, ClaimStatus, Evidence, Rating, Verdict
from sources import services as source_services
from sources.models import Article, Source


class SeedError(Exception):
    """A seed file is malformed; the message names the file and the problem."""


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, what: str) -> None:
        bucket = self.created if kind == "created" else self.updated
        bucket[what] = bucket.get(what, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


_TOP_KEYS = {"users", "sources", "articles", "claims"}


def _require(item: dict, keys: tuple[str, ...], where: str) -> None:
    if not isinstance(item, dict):
        raise SeedError(f"{where}: expected a mapping, got {type(item).__name__}")
    missing = [k for k in keys if not item.get(k)]
    if missing:
        raise SeedError(f"{where}: missing {', '.join(missing)}")


def read_seed_file(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SeedError(f"{path.name}: not valid YAML: {exc}") from exc
    except OSError as exc:
        raise SeedError(f"{path.name}: cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise SeedError(f"{path.name}: expected a mapping with users, sources, articles and claims")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise SeedError(f"{path.name}: unknown section(s) {', '.join(sorted(unknown))}")
    for key in _TOP_KEYS:
        if not isinstance(data.get(key) or [], list):
            raise SeedError(f"{path.name}: '{key}' must be a list")
    for i, user in enumerate(data.get("users") or []):
        _require(user, ("username",), f"{path.name}: users[{i}]")
    for i, source in enumerate(data.get("sources") or []):
        _require(source, ("slug", "name", "kind"), f"{path.name}: sources[{i}]")
    for i, article in enumerate(data.get("articles") or []):
        _require(article, ("slug", "url", "title"), f"{path.name}: articles[{i}]")
        if not article.get("body") and not article.get("body_file"):
            raise SeedError(f"{path.name}: articles[{i}]: give body or body_file")
        if article.get("body_file"):
            body_path = path.parent / article["body_file"]
            if not body_path.is_file():
                raise SeedError(f"{path.name}: articles[{i}]: body_file {article['body_file']} does not exist")
            article["body"] = body_path.read_text(encoding="utf-8")
    for i, claim in enumerate(data.get("claims") or []):
        _require(claim, ("slug", "text"), f"{path.name}: claims[{i}] ({claim.get('slug', '?')})")
    return data


def _as_date(value, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise SeedError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from exc


def _sync(obj, report: SeedReport, what: str, *, just_created: bool = False, **values) -> None:
    """Set VALUES on OBJ and save it only if something differs (finishing a row made in this run is no update)."""
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if not changed:
        return
    for k in changed:
        setattr(obj, k, values[k])
    obj.full_clean()
    obj.save()
    if not just_created:
        report.count("updated", what)


class _Loader:
    def __init__(self, report: SeedReport):
        self.report = report
        self.users = {}

    def get(self, model, slug: str, where: str):
        obj = model.objects.filter(slug=slug).first()
        if obj is None:
            raise SeedError(f"{where}: unknown {model._meta.verbose_name} '{slug}'")
        return obj

    def user(self, username: str | None, where: str):
        if not username:
            return None
        if username not in self.users:
            raise SeedError(f"{where}: user '{username}' is not listed under users")
        return self.users[username]

    def load_users(self, items, where):
        User = get_user_model()
        for item in items:
            user = User.objects.filter(username=item["username"]).first()
            if user is None:
                user = User(username=item["username"], is_staff=True)
                user.set_unusable_password()
                user.first_name = item.get("first_name", "")
                user.last_name = item.get("last_name", "")
                user.save()
                self.report.count("created", "users")
            if item.get("group"):
                group = Group.objects.filter(name=item["group"]).first()
                if group is None:
                    raise SeedError(f"{where}: user {item['username']}: unknown group '{item['group']}'")
                if not user.groups.filter(pk=group.pk).exists():
                    user.groups.add(group)
            self.users[item["username"]] = user

    def load_sources(self, items, where):
        # Two passes, so a parent may be listed after its members.
        created = set()
        for item in items:
            values = {
                "name": item["name"],
                "kind": item["kind"],
                "description": item.get("description", ""),
                "url": item.get("url", ""),
                "external_id": item.get("external_id", ""),
            }
            source = Source.objects.filter(slug=item["slug"]).first()
            if source is None:
                source_services.source_create(slug=item["slug"], **values)
                self.report.count("created", "sources")
                created.add(item["slug"])
            else:
                _sync(source, self.report, "sources", **values)
        for item in items:
            parent = self.get(Source, item["parent"], f"{where}: source {item['slug']}") if item.get("parent") else None
            source = Source.objects.get(slug=item["slug"])
            _sync(source, self.report, "sources", just_created=item["slug"] in created, parent=parent)

    def load_articles(self, items, where):
        for item in items:
            here = f"{where}: article {item['slug']}"
            publisher = self.get(Source, item["publisher"], here) if item.get("publisher") else None
            authors = [self.get(Source, slug, here) for slug in item.get("authors", [])]
            values = {
                "title": item["title"],
                "publisher": publisher,
                "byline": item.get("byline", ""),
                "published_on": _as_date(item.get("published_on"), here),
                "language": item.get("language", "en"),
                "body": item["body"],
            }
            article = Article.objects.filter(slug=item["slug"]).first()
            if article is None:
                article = source_services.article_create(slug=item["slug"], url=item["url"], authors=authors, **values)
                self.report.count("created", "articles")
            else:
                values["url"] = source_services.normalize_url(item["url"])
                values["content_hash"] = source_services.content_hash(item["body"])
                _sync(article, self.report, "articles", **values)
                if set(article.authors.all()) != set(authors):
                    article.authors.set(authors)
                    self.report.count("updated", "articles")

    def load_claim(self, item, where):
        here = f"{where}: claim {item['slug']}"
        claim_date = _as_date(item.get("claim_date"), here)
        claim = Claim.objects.filter(slug=item["slug"]).first()
        if claim is None:
            claim = services.claim_create(
                slug=item["slug"],
                text=item["text"],
                claim_date=claim_date,
                language=item.get("language", "en"),
                tags=item.get("tags", []),
                is_demo=True,
            )
            self.report.count("created", "claims")
        elif claim.status == ClaimStatus.DRAFT:
            _sync(claim, self.report, "claims", text=item["text"], claim_date=claim_date)

        for i, app in enumerate(item.get("appearances", [])):
            _require(app, ("article", "quote"), f"{here}: appearances[{i}]")
            article = self.get(Article, app["article"], f"{here}: appearances[{i}]")
            if not Appearance.objects.filter(claim=claim, article=article, quote=app["quote"]).exists():
                services.appearance_create(
                    claim=claim, article=article, quote=app["quote"], start=app.get("start"), end=app.get("end")
                )
                self.report.count("created", "appearances")

        for i, att in enumerate(item.get("attributions", [])):
            _require(att, ("source",), f"{here}: attributions[{i}]")
            source = self.get(Source, att["source"], f"{here}: attributions[{i}]")
            article = self.get(Article, att["article"], f"{here}: attributions[{i}]") if att.get("article") else None
            role = att.get("role", "made")
            existing = Attribution.objects.filter(claim=claim, source=source, role=role).first()
            if existing is None:
                services.attribution_create(
                    claim=claim, source=source, role=role, described_as=att.get("described_as", ""), article=article
                )
                self.report.count("created", "attributions")
            else:
                _sync(existing, self.report, "attributions", described_as=att.get("described_as", ""), article=article)

        if item.get("verdict"):
            self.load_verdict(claim, item["verdict"], item.get("status", "draft"), here)

    def load_verdict(self, claim, data, status, here):
        if claim.is_public:
            return  # a published verdict changes only through a correction, never by reseeding
        rating = Rating.objects.filter(slug=data.get("rating")).first() if data.get("rating") else None
        if data.get("rating") and rating is None:
            raise SeedError(f"{here}: verdict: unknown rating '{data['rating']}'")
        reviewer = self.user(data.get("reviewer"), f"{here}: verdict")
        editor = self.user(data.get("editor"), f"{here}: verdict")
        _sync(claim, self.report, "claims", just_created=claim.reviewer_id is None, reviewer=reviewer)
        existing = Verdict.objects.filter(claim=claim).first()
        if (
            existing is not None
            and (existing.rating, existing.summary, existing.explanation, existing.reviewer)
            == (rating, data.get("summary", ""), data.get("explanation", ""), reviewer)
            and existing.evidence.count() == len(data.get("evidence", []))
            and status != "published"
        ):
            return
        verdict = services.verdict_save(
            claim=claim,
            rating=rating,
            summary=data.get("summary", ""),
            explanation=data.get("explanation", ""),
            reviewer=reviewer,
        )
        self.report.count("created", "verdicts")
        Evidence.objects.filter(verdict=verdict).delete()
        for i, ev in enumerate(data.get("evidence", [])):
            where = f"{here}: verdict.evidence[{i}]"
            services.evidence_add(
                verdict=verdict,
                source=self.get(Source, ev["source"], where) if ev.get("source") else None,
                url=ev.get("url", ""),
                title=ev.get("title", ""),
                quote=ev.get("quote", ""),
                stance=ev.get("stance", "context"),
                accessed_on=_as_date(ev.get("accessed_on"), where),
            )
        if status == "published":
            if editor is None:
                raise SeedError(f"{here}: a published verdict needs an editor")
            services.claim_publish(claim=claim, editor=editor, note="Demo verdict from the seed data.")
            self.report.count("created", "published claims")


def seed_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if p.is_file())


def load_seeds(directory: Path) -> SeedReport:
    """Load every seeds/*.yaml file, all or nothing."""
    files = seed_files(directory)
    if not files:
        raise SeedError(f"{directory}: no *.yaml seed files")
    parsed = [(path, read_seed_file(path)) for path in files]
    report = SeedReport()
    loader = _Loader(report)
    with transaction.atomic():
        for path, data in parsed:
            where = path.name
            try:
                loader.load_users(data.get("users") or [], where)
                loader.load_sources(data.get("sources") or [], where)
                loader.load_articles(data.get("articles") or [], where)
                for item in data.get("claims") or []:
                    loader.load_claim(item, where)
            except ValidationError as exc:
                raise SeedError(f"{where}: {services.validation_messages(exc)}") from exc
            except services.ClaimError as exc:
                raise SeedError(f"{where}: {exc}") from exc
            except ValueError as exc:
                raise SeedError(f"{where}: {exc}") from exc
    return report
