"""The referral flow in a real browser (Debian's Chromium through Playwright, against uvicorn on
loopback): an officer screens a traveller, confirms the hit, refers it citing a fact for a
ground of inadmissibility, and records the decision with its reason, which is refused without
one. Every request stays on the server."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.helpers import load, person
from tests.web.conftest import LiveServer, live_server  # noqa: F401
from tests.web.test_browser import sign_in
from tests.web.test_lookouts_browser import browser, open_page  # noqa: F401
from vigie.model.handling import Handling

pytestmark = pytest.mark.browser


def test_hit_to_referral_to_decision(
    browser: Browser,  # noqa: F811
    live_server: LiveServer,  # noqa: F811
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    karim = person("wl-karim", "Karim Nasser", topics=["sanction"], birthDate=["1971-04-09"])
    folder = tmp_path_factory.mktemp("referral-list")
    store = live_server.world.store
    load(store, folder / "list.json", [karim], Handling.make("UNCLASSIFIED"), "sanctions", "B2")
    requested: list[str] = []
    officer = open_page(browser, requested)
    sign_in(officer, live_server, "officer", "/screen")
    officer.get_by_label("Name (any script)").fill("Карим Нассер")
    officer.get_by_label("Birth date").fill("1971-04-09")
    officer.get_by_role("button", name="Screen", exact=True).click()
    hit_link = officer.locator("table.hits tbody tr", has_text="Karim Nasser").get_by_role("link")
    hit_link.first.click()
    officer.get_by_label("True match").check()
    officer.get_by_label("Reason").fill("Same person: photograph and birth date")
    officer.get_by_role("button", name="Record the decision").click()
    officer.get_by_role("link", name="Refer for an admissibility decision").click()
    expect(officer.get_by_text("suggested by the topic sanction")).to_be_visible()
    officer.get_by_label("s. 35", exact=False).first.check()
    officer.get_by_label("s. 35: topics sanction").check()
    officer.get_by_label("Basis for s. 35").fill("Listed under the sanctions regulations")
    officer.get_by_label("Narrative").fill("Confirmed match with a sanctioned person.")
    officer.get_by_role("button", name="Write the referral").click()
    expect(officer.get_by_role("heading", level=3)).to_have_text(
        "IRPA s. 35: Human or international rights violations"
    )
    evidence = officer.locator("table.evidence tbody tr")
    expect(evidence).to_contain_text("sanctions")
    expect(evidence).to_contain_text("B2")
    expect(officer.get_by_role("status")).to_contain_text("No decision yet")
    # The browser will not send the form without a reason (the field is required): blank it
    # out of the form's checks to see the server refuse it too.
    officer.get_by_label("Inadmissible").check()
    officer.locator("form.record").evaluate("form => form.noValidate = true")
    officer.get_by_role("button", name="Record the decision").click()
    expect(officer.get_by_role("alert")).to_contain_text("Reason")
    officer.get_by_label("Inadmissible").check()
    officer.get_by_label("Reason").fill("Listed; no exemption applies")
    officer.get_by_role("button", name="Record the decision").click()
    expect(officer.locator(".status")).to_have_text("Inadmissible")
    expect(officer.get_by_text("Listed; no exemption applies")).to_be_visible()
    expect(officer.get_by_role("button", name="Record the decision")).to_have_count(0)
    officer.context.close()
    assert [url for url in requested if not url.startswith(live_server.origin + "/")] == []
