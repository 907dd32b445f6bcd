"""A reader's walk through the public site, in Debian's Chromium: each step checked and screenshotted."""

import os
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from claims.models import Tip

pytestmark = pytest.mark.browser

README_SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
# The README's screenshots are tracked files: they are rewritten only when asked, with
# README_SCREENSHOTS=1 .venv/bin/pytest tests/browser/test_reader_walk.py
UPDATE_README = os.environ.get("README_SCREENSHOTS") == "1"
CLAIM = "anna-kelly-is-white-house-press-secretary"


def test_a_reader_finds_a_verdict_reads_its_evidence_and_suggests_a_claim(page, live_site, screenshot):
    # 1. Home: the latest verdicts, a search box and the rating legend.
    page.goto(live_site + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search the verdicts")).to_be_visible()
    expect(page.get_by_role("heading", name="Our rating scale")).to_be_visible()
    expect(page.locator(".card")).to_have_count(3)
    screenshot(page, "1-home")

    # 2. Filter by a rating: only the Mostly false verdict is left, and the URL can be shared.
    page.get_by_role("link", name="Verdicts", exact=True).first.click()
    page.get_by_label("Mostly false").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"rating=mostly-false"))
    expect(page.locator(".result-count")).to_contain_text("1 verdict")
    expect(page.locator(".card")).to_have_count(1)
    screenshot(page, "2-filtered")

    # 3. Open the claim: claim, verdict word and summary in the first screen, then the evidence.
    page.locator(".card-title a").first.click()
    expect(page).to_have_url(re.compile(rf"/claims/{CLAIM}/$"))
    verdict_box = page.locator(".verdict-box")
    expect(verdict_box.get_by_role("heading", level=1)).to_have_text("Anna Kelly is the White House Press Secretary.")
    expect(verdict_box).to_contain_text("Mostly false")
    expect(verdict_box.locator(".summary")).to_contain_text("deputy press secretary")
    assert verdict_box.bounding_box()["y"] + verdict_box.bounding_box()["height"] <= 900  # within one screen
    evidence = page.locator("#evidence")
    evidence.scroll_into_view_if_needed()
    expect(evidence.get_by_role("link", name="The White House press office")).to_have_attribute(
        "href", "https://www.whitehouse.gov/"
    )
    screenshot(page, "3-claim")
    if UPDATE_README:
        screenshot(page, "claim", path=README_SCREENSHOTS / "claim-page.png", full_page=False)

    # 4. Open the article: the quote is highlighted in the rating's colour, with its rating in words.
    page.get_by_role("link", name=re.compile("Trump and Zelensky Speak")).first.click()
    highlight = page.locator(f'a.hl[href="/claims/{CLAIM}/"]')
    expect(highlight).to_contain_text("White House Press Secretary Anna Kelly")
    expect(highlight).to_contain_text("Mostly false")
    assert highlight.evaluate("e => getComputedStyle(e).borderBottomColor") == "rgb(212, 112, 11)"  # #d4700b
    expect(page.locator("a.hl, .hl-link")).to_have_count(3)  # the three published claims, no drafts
    highlight.scroll_into_view_if_needed()
    screenshot(page, "4-article")
    if UPDATE_README:
        page.evaluate("document.querySelector('a.hl').scrollIntoView({block: 'center', behavior: 'instant'})")
        screenshot(page, "article", path=README_SCREENSHOTS / "article-highlights.png", full_page=False)

    # 5. The source's scorecard: one Mostly false verdict on a claim it made.
    page.goto(live_site + f"/claims/{CLAIM}/")
    page.get_by_role("link", name="Seed article publisher (unnamed)").click()
    scorecard = page.locator("table.scorecard")
    row = scorecard.get_by_role("row").filter(has_text="Mostly false")
    expect(row.locator(".bar-count")).to_have_text("1")
    expect(scorecard.get_by_role("row").filter(has_text="Pants on fire").locator(".bar-count")).to_have_text("0")
    screenshot(page, "5-scorecard")

    # 6. Suggest a claim: the form thanks the reader and the tip reaches the desk.
    page.get_by_role("link", name="Suggest a claim").first.click()
    page.get_by_label("The claim").fill("The mayor said the new tram line cost 2 billion euros.")
    page.get_by_label("Link to where it appeared").fill("https://news.example/tram")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your suggestion")
    assert Tip.objects.filter(url="https://news.example/tram").exists()
    screenshot(page, "6-thanks")


@pytest.mark.parametrize(
    "path",
    ["/", "/claims/", f"/claims/{CLAIM}/", "/articles/trump-zelensky-independence-day/", "/sources/donald-trump/"],
)
def test_every_page_fits_a_phone_screen_without_sideways_scrolling(chromium, live_site, screenshot, path):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(live_site + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        screenshot(page, "phone")
    finally:
        context.close()


def test_the_keyboard_focus_is_visible(page, live_site):
    page.goto(live_site + "/")
    page.keyboard.press("Tab")  # the skip link comes first
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


@pytest.fixture
def partner_site():
    """serve(html) puts HTML on a real local web server: another origin than the live server."""
    servers = []

    def serve(html: str) -> str:
        class Page(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(html.encode())

            def log_message(self, *args):
                pass

        server = HTTPServer(("127.0.0.1", 0), Page)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_partner_site_can_frame_the_verdict_card_but_not_the_other_pages(page, live_site, partner_site, screenshot):
    card = f"{live_site}/embed/claims/{CLAIM}/"
    claim_page = f"{live_site}/claims/{CLAIM}/"
    page.goto(
        partner_site(
            "<!doctype html><title>Partner</title><h1>Partner news</h1>"
            f'<iframe id="card" src="{card}" width="100%" height="260" style="border:0;max-width:36rem"></iframe>'
            f'<iframe id="page" src="{claim_page}" width="600" height="200"></iframe>'
        )
    )
    framed_card = page.frame_locator("#card")
    expect(framed_card.get_by_role("heading", level=1)).to_have_text("Anna Kelly is the White House Press Secretary.")
    expect(framed_card.locator(".badge")).to_have_text("Mostly false")
    expect(framed_card.get_by_role("link", name=re.compile("Read the evidence"))).to_be_in_viewport()
    # The claim page itself refuses to be framed (X-Frame-Options: DENY): Chromium shows its error page.
    framed_page = page.locator("#page").element_handle().content_frame()
    assert framed_page.url.startswith("chrome-error://"), framed_page.url
    expect(page.frame_locator("#page").get_by_text("Our verdict")).to_have_count(0)
    screenshot(page, "partner")
