"""Shared fixtures for the Playwright browser tests: Debian's Chromium against pytest-django's live_server.

Use them as:

    @pytest.mark.browser
    def test_something(page, live_site, screenshot):
        page.goto(live_site + "/")
        screenshot(page, "home")

`live_site` is the live server's base URL with the seed data loaded (transactional database with the
migrations' data written again, empty cache), whatever test ran before.
"""

import re
import shutil
from functools import cache as memoize
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"

# The migrations whose RunPython writes rows (the rating scale, the staff groups and their permissions,
# the default rating mappings): a transactional test's flush deletes those rows. Their functions are
# idempotent, so live_site runs them again. The others only change the schema and must not run twice.
DATA_MIGRATIONS = [
    ("claims", "0002_rating_scale_and_groups"),
    ("intake", "0002_pg_trgm_and_rating_mappings"),
    ("partners", "0003_editor_api_key_permissions"),
    ("webhooks", "0002_editor_permissions"),
]
SCHEMA_MIGRATIONS = [
    ("claims", "0003_claim_search_vector"),
    ("intake", "0003_claim_text_trigram_index"),
]


def _has_code(migration) -> bool:
    return any(isinstance(operation, RunPython) for operation in migration.operations)


@memoize
def _data_migration_steps(alias: str) -> tuple:
    """(state apps, [RunPython code]) of DATA_MIGRATIONS; refuses a RunPython migration in neither list."""
    loader = MigrationLoader(connections[alias])
    ours = {config.label for config in django_apps.get_app_configs() if Path(config.path).parent == settings.BASE_DIR}
    with_code = {key for key, migration in loader.disk_migrations.items() if key[0] in ours and _has_code(migration)}
    unsorted = with_code - set(DATA_MIGRATIONS) - set(SCHEMA_MIGRATIONS)
    if unsorted:
        raise RuntimeError(
            f"tests/browser/conftest.py: add {sorted(unsorted)} to DATA_MIGRATIONS (it writes rows) "
            "or to SCHEMA_MIGRATIONS (it only changes the schema)."
        )
    code = []
    for key in DATA_MIGRATIONS:
        code += [op.code for op in loader.disk_migrations[key].operations if isinstance(op, RunPython)]
    return loader.project_state().apps, code


def restore_migration_data(alias: str = DEFAULT_DB_ALIAS) -> None:
    """Write the data migrations' rows again, whether the database still has them (the first
    transactional test), was flushed (after one) or holds only what post_migrate recreates."""
    apps, code = _data_migration_steps(alias)
    with connections[alias].schema_editor() as schema_editor:
        for forwards in code:
            forwards(apps, schema_editor)


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists() and shutil.which(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def chromium():
    """Chromium for one test module. Playwright's sync API keeps an event loop running in this thread,
    from which Django refuses database access unless DJANGO_ALLOW_ASYNC_UNSAFE is set: both last only
    as long as the module, so the tests after it (and the subprocesses they start, which would fail
    `check --deploy` with that variable set) run as usual."""
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def live_site(live_server, transactional_db):
    """The live server's base URL, with the seed data loaded and no page cached from an earlier test.

    The transactional database is emptied after each test, so the migrations' data is written again
    here rather than restored by serialized rollback: that depends on what the previous test did and
    on which context's connection holds the snapshot (Playwright runs the test in another one).
    """
    restore_migration_data()
    call_command("load_seeds", verbosity=0)
    cache.clear()
    return live_server.url


@pytest.fixture
def screenshot(request):
    """screenshot(page, name) saves test-artifacts/<test name>-<name>.png (full page) and returns its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    test_name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)

    def take(page, name: str, *, path: Path | None = None, full_page: bool = True) -> Path:
        target = path or ARTIFACTS / f"{test_name}-{name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=full_page)
        return target

    return take
