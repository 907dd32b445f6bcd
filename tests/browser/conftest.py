"""Shared fixtures for the Playwright browser tests: Debian's Chromium against pytest-django's live_server.

Use them as:

    @pytest.mark.browser
    def test_something(page, live_site, screenshot):
        page.goto(live_site + "/")
        screenshot(page, "home")

`live_site` is the live server's base URL with the seed data loaded (transactional database with the
migrations' data restored, empty cache).
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django would refuse database access from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists() and shutil.which(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"Debian's Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def chromium():
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Django keeps its connections in context-local storage, and Playwright's sync API runs the test
    # in a new context: hand over the snapshot that serialized rollback restores, taken when the test
    # database was created (in the old context, if a database test ran before the first browser test).
    snapshots = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            if snapshot is not None and not hasattr(connections[alias], "_test_serialized_contents"):
                connections[alias]._test_serialized_contents = snapshot
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
def live_site(live_server, transactional_db, django_db_serialized_rollback):
    """The live server's base URL, with the seed data loaded and no page cached from an earlier test.

    The transactional database is emptied after each test; serialized rollback restores what the
    migrations put there (the rating scale, the staff groups) before the next one.
    """
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
