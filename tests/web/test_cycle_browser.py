"""The whole intelligence cycle in a real browser (Debian's Chromium through Playwright against
uvicorn on loopback): a requirement, a task, the report that answers it, a bulletin citing
graded facts, a supervisor's approval, the release to a partner, the partner's redacted PDF
(its text extracted: nothing above the partner's releasability in it), the partner's feedback
and the requirement's coverage updated. The module's server has a world of its own."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from pypdf import PdfReader

from tests.web.conftest import LiveServer
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, sign_in

pytestmark = pytest.mark.browser

SECRET_TEXT = "Viktor Sokolov prints the passports in a shop near the port."
TEARLINE = "A second member of the network prints the passports."


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


def test_the_whole_cycle(browser: Browser, live_server: LiveServer) -> None:
    requested: list[str] = []
    origin = live_server.origin

    # Plan: a requirement with two questions, and a task on the first.
    analyst = open_page(browser, requested)
    sign_in(analyst, live_server, "analyst", "/requirements")
    analyst.get_by_role("link", name="New requirement").click()
    analyst.get_by_label("Title").fill("Forged passports on the Beirut route")
    analyst.get_by_label("Topic").select_option("document-fraud")
    analyst.get_by_label("Priority").select_option("high")
    analyst.get_by_label("Region or route").fill("Beirut – Montréal")
    analyst.get_by_label("Requesting client").fill("Director General, Enforcement")
    analyst.get_by_label("Questions").fill("Who supplies the passports?\nWhich carriers?")
    analyst.get_by_role("button", name="Record the requirement").click()
    expect(analyst.get_by_role("status")).to_contain_text("Requirement recorded.")
    requirement_url = analyst.url.split("?")[0]
    reference = analyst.locator(".kicker").inner_text().split(" · ")[0]
    analyst.get_by_label("Question", exact=True).select_option(
        label="1. Who supplies the passports?"
    )
    analyst.get_by_label("Unit or post").fill("MIO Beirut")
    analyst.get_by_label("Instructions").fill("Report any broker offering Canadian passports.")
    analyst.get_by_role("button", name="Issue the task").click()
    expect(analyst.get_by_role("status")).to_contain_text("Task issued.")
    task_url = analyst.url.split("?")[0]

    # Collect: the migration integrity officer files a report and answers the task with it.
    mio = open_page(browser, requested)
    sign_in(mio, live_server, "mio", "/interdictions/new")
    mio.get_by_label("Reference").fill("BEY-2026-031")
    mio.get_by_label(re.compile(r"^Post\b")).fill("Beirut")
    mio.get_by_label("Full name").fill("Amira Haddad")
    mio.get_by_label("Document number").fill("N0123456")
    mio.get_by_label("Fraud type").select_option("counterfeit")
    mio.get_by_label("Outcome").select_option("boarding-denied")
    mio.get_by_label("What happened").fill("Offered forged passports to travellers at the gate.")
    mio.get_by_role("button", name="File the report").click()
    expect(mio.get_by_role("status")).to_contain_text("Interdiction report filed.")
    mio.goto(task_url)
    option = mio.locator("#answer-report option", has_text="interdiction-reports").first
    mio.get_by_label("Report that answers the task").select_option(option.get_attribute("value"))
    mio.get_by_role("button", name="Record the answer").click()
    expect(mio.get_by_role("status")).to_contain_text("Task answered")
    mio.context.close()

    # Analyse and write: a bulletin citing graded facts, one paragraph with a tear-line.
    analyst.goto(origin + "/products/new")
    analyst.get_by_label("Product type").select_option("bulletin")
    need = analyst.locator("#requirement_id option", has_text=reference).get_attribute("value")
    analyst.get_by_label("Requirement it answers").select_option(need)
    analyst.get_by_label("Title").fill("Passport brokers on the Beirut route")
    analyst.get_by_label("Releasable to").fill("FVEY-UK")
    analyst.get_by_role("button", name="Start the product").click()
    expect(analyst.get_by_role("status")).to_contain_text("Product started.")
    analyst.locator("#text").fill(
        "Amira Haddad offers forged passports to travellers bound for Canada."
    )
    analyst.locator("#releasable_to").fill("FVEY-UK")
    analyst.get_by_label("Cite the facts of").fill("p-amira")
    analyst.get_by_role("button", name="Add the paragraph").click()
    expect(analyst.get_by_role("status")).to_contain_text("Paragraph added.")
    citations = analyst.locator("table.citations")
    expect(citations).to_contain_text("Document broker")
    expect(citations).to_contain_text("C3")
    expect(citations).to_contain_text("B2")
    analyst.locator("#text").fill(SECRET_TEXT)
    analyst.locator("#marking").select_option("SECRET")
    analyst.get_by_label("Caveats").fill("CANADIAN EYES ONLY")
    analyst.locator("#tearline").fill(TEARLINE)
    analyst.get_by_label("Marking of the tear-line").select_option("PROTECTED A")
    analyst.get_by_label("Tear-line releasable to").fill("FVEY-UK")
    analyst.get_by_role("button", name="Add the paragraph").click()
    expect(analyst.locator(".banner.top")).to_have_text("SECRET // CANADIAN EYES ONLY")
    analyst.get_by_role("button", name="Submit for review").click()
    expect(analyst.get_by_role("status")).to_contain_text("Submitted for review")
    product_url = analyst.url.split("?")[0]

    # Approve and release.
    supervisor = open_page(browser, requested)
    sign_in(supervisor, live_server, "supervisor", product_url.removeprefix(origin))
    supervisor.get_by_label("Reason for the decision").fill("Well sourced; tear-line checked.")
    supervisor.get_by_role("button", name="Approve").click()
    expect(supervisor.locator(".alternative")).to_contain_text(TEARLINE)
    expect(supervisor.get_by_role("status")).to_contain_text("Version approved")
    supervisor.get_by_label("Partner", exact=True).select_option("partner-uk")
    supervisor.get_by_label("Authority").fill("Canada–UK information sharing MOU, art. 4")
    supervisor.get_by_role("button", name="Release").click()
    expect(supervisor.get_by_role("status")).to_contain_text("Released.")
    release_path = supervisor.url.split("?")[0].removeprefix(origin)
    expect(supervisor.locator(".banner.top")).to_have_text("PROTECTED A // REL FVEY-UK")
    supervisor.context.close()

    # The partner reads its redacted version, downloads the PDF and gives feedback.
    partner = open_page(browser, requested)
    sign_in(partner, live_server, "partner-uk", "/releases")
    partner.get_by_role("link", name="Passport brokers on the Beirut route").click()
    expect(partner).to_have_url(origin + release_path)
    expect(partner.locator("main")).to_contain_text(TEARLINE)
    expect(partner.locator("main")).not_to_contain_text("Viktor")
    expect(partner.locator("main")).not_to_contain_text("Document broker")
    answer = partner.request.get(origin + release_path + "/output/pdf")
    assert answer.ok and answer.headers["content-type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(answer.body()))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Amira Haddad" in text and TEARLINE in text and "B2" in text
    for hidden in ("SECRET", "CANADIAN EYES ONLY", "Viktor", "Document broker", "C3"):
        assert hidden not in text, hidden
    for page in pdf.pages:
        assert page.extract_text().count("PROTECTED A // REL FVEY-UK") >= 2
    partner.get_by_label("Was it useful?").select_option("actioned")
    partner.get_by_label("Comment").fill("Subject refused boarding at Heathrow.")
    partner.get_by_role("button", name="Send the feedback").click()
    expect(partner.get_by_role("status")).to_contain_text("feedback is recorded")
    partner.context.close()

    # The requirement's coverage shows the report, the remaining gap and the feedback.
    analyst.goto(origin + "/requirements")
    row = analyst.locator("table.coverage tr", has_text=reference)
    expect(row.locator("td.num").nth(0)).to_have_text("1")
    expect(row.locator("td.num").nth(1)).to_have_text("1")
    expect(row).to_contain_text("Actioned: 1")
    analyst.goto(requirement_url)
    expect(analyst.locator("table.reports")).to_contain_text("interdiction-reports")
    analyst.context.close()

    assert [url for url in requested if not url.startswith(origin + "/")] == []
