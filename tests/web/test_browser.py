"""The workspace in a real browser: Debian's Chromium driven by Playwright against uvicorn on
loopback. Every request the pages make must go to that server and nowhere else."""

from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.web.conftest import LiveServer
from vigie.demo.accounts import DEMO_PASSWORD

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
# No first-run pages, component updates, sync or QUIC probes: the browser must not reach out.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SECRET_RED = "rgb(200, 16, 46)"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium (never a downloaded browser)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is not installed: run `make test`, which installs it")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A fresh browser context (no cookies) whose every request is checked to stay on the
    test server."""
    context = browser.new_context(locale="en-CA")
    opened = context.new_page()
    requested: list[str] = []
    opened.on("request", lambda request: requested.append(request.url))
    yield opened
    context.close()
    assert requested, "the page made no request at all"
    strays = [url for url in requested if not url.startswith(live_server.origin + "/")]
    assert strays == []


def sign_in(page: Page, server: LiveServer, user: str, path: str = "/") -> None:
    """Open a page, get sent to the sign-in form, sign in, and land back on the page."""
    page.goto(server.origin + path)
    query = "" if path == "/" else "?" + urlencode({"next": path})
    expect(page).to_have_url(f"{server.origin}/login{query}")
    page.get_by_label("User name").fill(user)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(server.origin + path)


def test_analyst_journey(page: Page, live_server: LiveServer) -> None:
    sign_in(page, live_server, "analyst")
    expect(page.locator(".who")).to_contain_text("analyst")
    expect(page.locator(".who")).to_contain_text("Top Secret clearance")

    page.get_by_role("searchbox").fill("أميرة حداد")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("table.results tbody tr")).to_have_count(1)
    page.get_by_role("link", name="Amira Haddad").click()

    expect(page.locator("h1")).to_have_text("Amira Haddad")
    top, bottom = page.locator(".banner.top"), page.locator(".banner.bottom")
    expect(top).to_have_text("SECRET // CANADIAN EYES ONLY")
    expect(bottom).to_have_text("SECRET // CANADIAN EYES ONLY")
    expect(top).to_have_css("background-color", SECRET_RED)
    top_box, bottom_box = top.bounding_box(), bottom.bounding_box()
    assert top_box is not None and bottom_box is not None
    assert top_box["y"] == 0
    height = page.evaluate("document.documentElement.scrollHeight")
    assert abs(bottom_box["y"] + bottom_box["height"] - height) < 1
    expect(page.locator("abbr.grade", has_text="C3")).to_have_attribute(
        "title", "Source: Fairly reliable. Information: Possibly true."
    )
    expect(page.get_by_role("link", name="Ivan Petrov")).to_be_visible()

    page.get_by_role("button", name="Français").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("#facts-title")).to_contain_text("Faits")
    expect(page.get_by_role("row", name="Date de naissance")).to_be_visible()
    expect(page.locator(".banner.top")).to_have_text("SECRET // CANADIAN EYES ONLY")

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page).to_have_url(live_server.origin + "/login")
    page.goto(live_server.origin + "/entities/p-amira")
    expect(page).to_have_url(live_server.origin + "/login?next=%2Fentities%2Fp-amira")


def test_session_cookie_is_secure_even_on_loopback(page: Page, live_server: LiveServer) -> None:
    # Chromium treats http://127.0.0.1 as a secure context, so it keeps Secure cookies there:
    # the test server runs with the production default (secure_cookies on).
    assert live_server.world.settings.secure_cookies
    sign_in(page, live_server, "officer")
    cookies = {c["name"]: c for c in page.context.cookies()}
    session = cookies["vigie_session"]
    assert session["secure"] and session["httpOnly"] and session["sameSite"] == "Strict"


def test_partner_sees_only_releasable_facts(page: Page, live_server: LiveServer) -> None:
    sign_in(page, live_server, "partner-uk", "/entities/p-amira")
    expect(page.locator("h1")).to_have_text("Amira Haddad")
    expect(page.locator(".banner.top")).to_have_text("PROTECTED B // REL FVEY-UK")
    expect(page.get_by_text("Document broker")).to_have_count(0)
    expect(page.get_by_text("Ivan Petrov")).to_have_count(0)
    expect(page.get_by_role("link", name="N0123456")).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="Search").click()
    page.get_by_role("searchbox").fill("Петров")
    page.get_by_role("searchbox").press("Enter")
    expect(page.get_by_text("Nothing you may see matches this search.")).to_be_visible()
