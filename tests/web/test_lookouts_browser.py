"""Lookouts and interdiction reports in a real browser: Debian's Chromium through Playwright
against uvicorn on loopback, every request kept on that server. The module's server has a world
of its own, so the lookout approved and the report filed here stay here."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.web.conftest import LiveServer
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium (never a downloaded browser)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is not installed: run `make test`, which installs it")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def open_page(browser: Browser, requested: list[str]) -> Page:
    """A fresh browser context (no cookies) that notes every URL it requests."""
    page = browser.new_context(locale="en-CA").new_page()
    page.on("request", lambda request: requested.append(request.url))
    return page


def test_lookout_approval_and_interdiction_report(
    browser: Browser, live_server: LiveServer
) -> None:
    requested: list[str] = []
    origin = live_server.origin

    analyst = open_page(browser, requested)
    sign_in(analyst, live_server, "analyst", "/entities/p-amira")
    analyst.get_by_role("link", name="Request a lookout").click()
    expect(analyst.get_by_label("Name")).to_have_value("Amira Haddad")
    expect(analyst.locator(".banner.top")).to_have_text("PROTECTED B // REL FVEY-UK")
    analyst.get_by_label("Category").select_option("document-fraud")
    analyst.get_by_label("Requesting unit").fill("HQ Intelligence, Documents desk")
    analyst.get_by_label("Why the subject is of interest").fill(
        "Brokers forged Lebanese passports for the network; see report 12."
    )
    analyst.get_by_role("button", name="Request the lookout").click()
    expect(analyst.get_by_role("status")).to_contain_text("Lookout requested.")
    number = analyst.url.split("/lookouts/")[1].split("?")[0]
    analyst.context.close()

    supervisor = open_page(browser, requested)
    sign_in(supervisor, live_server, "supervisor", "/lookouts")
    supervisor.get_by_role("link", name="Pending").click()
    supervisor.get_by_role("link", name=number, exact=True).click()
    supervisor.get_by_label("Reason for the decision").fill("Corroborated by UK liaison.")
    supervisor.get_by_role("button", name="Approve").click()
    expect(supervisor.get_by_role("status")).to_contain_text("Lookout approved")
    supervisor.get_by_role("link", name="Amira Haddad").first.click()
    expect(supervisor).to_have_url(f"{origin}/entities/p-amira")
    risk = supervisor.locator("table.related tr", has_text="Risk")
    expect(risk).to_contain_text("Brokers forged Lebanese passports")
    supervisor.context.close()

    mio = open_page(browser, requested)
    sign_in(mio, live_server, "mio")
    mio.get_by_role("navigation").get_by_role("link", name="Report an interdiction").click()
    mio.get_by_label("Reference").fill("ACC-2026-014")
    # The label reads "Post *": the asterisk marks a required field.
    mio.get_by_label(re.compile(r"^Post\b")).fill("Accra")
    mio.get_by_label("Full name").fill("Kwame Mensah")
    mio.get_by_label("Document number").fill("HK123456")
    mio.get_by_label("Fraud type").select_option("impostor")
    mio.get_by_label("Outcome").select_option("boarding-denied")
    mio.get_by_label("Escorted by a suspected facilitator").check()
    mio.get_by_label("What happened").fill("Presented the Canadian passport of another person.")
    mio.get_by_role("button", name="File the report").click()
    expect(mio.get_by_role("status")).to_contain_text("Interdiction report filed.")
    expect(mio.locator("h1")).to_have_text("Interdiction ACC-2026-014")
    expect(mio.locator(".kicker")).to_have_text("Event")
    expect(mio.get_by_role("link", name="Kwame Mensah").first).to_be_visible()
    expect(mio.locator(".banner.bottom")).to_have_text("PROTECTED B")
    mio.context.close()

    assert [url for url in requested if not url.startswith(origin + "/")] == []
