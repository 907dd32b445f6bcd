"""Four eyes in a real browser: a reviewer drafts and submits, a second session as an editor publishes."""

import re

import pytest
from playwright.sync_api import expect

from claims.models import Claim, ClaimStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

QUOTE = "He also stated that Ukraine is ready to pursue direct defense projects with the United States"
TEXT = "Zelensky said on 4 July 2025 that Ukraine is ready to pursue direct defence projects with the United States."


def log_in(page, live_site, username):
    page.goto(live_site + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_be_visible()


def choose_autocomplete(page, container, search, option):
    """Pick OPTION in the admin's select2 autocomplete inside CONTAINER."""
    container.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).first.click()


def test_a_reviewer_submits_and_a_second_editor_publishes(chromium, page, live_site, screenshot):
    UserFactory(username="rita", group="Reviewer")
    UserFactory(username="eddie", group="Editor")

    # 1. The reviewer drafts a claim from the seed article, with a verdict and evidence.
    log_in(page, live_site, "rita")
    page.goto(live_site + "/admin/claims/claim/add/")
    page.fill("#id_text", TEXT)

    page.locator("a.djn-add-handler.djn-model-claims-appearance").click()
    choose_autocomplete(page, page.locator("#appearances-0"), "Zelensky", "Trump and Zelensky")
    page.fill("#id_appearances-0-quote", QUOTE)

    page.locator("a.djn-add-handler.djn-model-claims-verdict").click()
    page.select_option("#id_verdict-0-rating", label="True")
    page.fill("#id_verdict-0-summary", "Zelensky's office published these words on 4 July 2025.")
    page.fill("#id_verdict-0-explanation", "The president's read-out of the call says so.")
    page.locator("#verdict-0 a.djn-add-handler.djn-model-claims-evidence").click()
    page.select_option("#id_verdict-0-evidence-0-stance", "supports")
    page.fill("#id_verdict-0-evidence-0-url", "https://www.president.gov.ua/en/news")
    page.fill("#id_verdict-0-evidence-0-title", "Read-out of the call with President Trump")
    screenshot(page, "1-reviewer-drafts")
    page.locator("input[name='_continue']").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    claim = Claim.objects.get(text=TEXT)  # its slug was filled in from the text by the admin's script
    assert claim.appearances.get().quote == QUOTE
    assert claim.verdict.evidence.count() == 1

    # 2. She submits it for review; she is offered no way to publish it herself.
    expect(page.locator("a.fc-workflow-action[data-action='publish']")).to_have_count(0)
    page.locator("a.fc-workflow-action[data-action='submit_for_review']").click()
    page.fill("#id_note", "Checked against the presidential read-out.")
    screenshot(page, "2-reviewer-confirms")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".fc-workflow-status")).to_contain_text("In review")

    # 3. A second session, as an editor: the claim awaits review; approve and publish it.
    editor_context = chromium.new_context(viewport={"width": 1280, "height": 900})
    try:
        editor_page = editor_context.new_page()
        editor_page.set_default_timeout(15_000)
        log_in(editor_page, live_site, "eddie")
        editor_page.goto(live_site + "/admin/claims/claim/?mine=review")
        editor_page.get_by_role("link", name=re.compile("direct defence projects")).click()
        editor_page.locator("a.fc-workflow-action[data-action='publish']").click()
        expect(editor_page.locator(".messagelist")).to_have_count(0)  # nothing missing
        screenshot(editor_page, "3-editor-confirms")
        editor_page.get_by_role("button", name="Approve and publish").click()
        expect(editor_page.locator(".fc-workflow-status")).to_contain_text("Published")
    finally:
        editor_context.close()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLISHED
    assert claim.verdict.editor.username == "eddie" and claim.verdict.reviewer.username == "rita"

    # 4. The public sees it on the claim page.
    page.goto(f"{live_site}/claims/{claim.slug}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("direct defence projects")
    expect(page.locator("body")).to_contain_text("True")
    expect(page.locator("body")).to_contain_text("Zelensky's office published these words")
    screenshot(page, "4-public-page")
