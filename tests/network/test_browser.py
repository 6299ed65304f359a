"""The link chart in a real browser (Debian's Chromium through Playwright, uvicorn on
loopback): it draws from the installed vis-network under the workspace's CSP, expands an entity
on click, hides and saves, and never asks anything of another origin."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, expect, sync_playwright

from tests.network.conftest import load_ring_world
from tests.web.conftest import LiveServer, World, free_port
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, sign_in
from vigie.api.app import create_app
from vigie.settings import Settings
from vigie.store import Store

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def ring_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The ring world served by uvicorn in a daemon thread."""
    folder = tmp_path_factory.mktemp("ring-server")
    settings = Settings(data_dir=folder / "data", secret_key="test-secret", secure_cookies=False)
    store = Store.open(settings)
    load_ring_world(store, Path(folder) / "world")
    port = free_port()
    config = uvicorn.Config(
        create_app(settings, store), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    origin = f"http://127.0.0.1:{port}"
    httpx.get(f"{origin}/login", timeout=5).raise_for_status()
    yield LiveServer(origin, World(settings, store))
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium (never a downloaded browser)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is not installed: run `make test`, which installs it")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_chart_expands_hides_and_saves(browser: Browser, ring_server: LiveServer) -> None:
    context = browser.new_context(locale="en-CA")
    page = context.new_page()
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))

    sign_in(page, ring_server, "analyst", "/network/chart?entity=r6&hops=1")
    chart = page.locator("#chart")
    expect(chart).to_have_attribute("data-ready", "true")
    expect(page.locator("#chart-tools")).to_be_visible()
    expect(page.locator("#chart canvas")).to_have_count(1)
    entities = page.locator("#save-chart input[name='entities']")
    assert sorted(entities.input_value().split()) == ["ev1", "r6"]

    # Click where the interdiction is drawn: its neighbours (the facilitator r3) join the chart.
    chart.scroll_into_view_if_needed()
    # Let the layout settle: the node stays put between two looks 300 ms apart (on a loaded
    # machine the simulation runs for longer than on an idle one).
    page.wait_for_function(
        """() => {
            const chart = document.getElementById("chart").chart;
            const here = JSON.stringify(chart.getPositions(["ev1"]));
            const still = window.lastSeenAt === here;
            window.lastSeenAt = here;
            return still;
        }""",
        polling=300,
        timeout=20_000,
    )
    spot = page.evaluate(
        """() => {
            const chart = document.getElementById("chart").chart;
            const box = document.querySelector("#chart canvas").getBoundingClientRect();
            const at = chart.canvasToDOM(chart.getPositions(["ev1"]).ev1);
            return {x: box.left + at.x, y: box.top + at.y};
        }"""
    )
    page.mouse.click(spot["x"], spot["y"])
    # The expansion is a request to the server, which a loaded machine answers slowly.
    expect(chart).to_have_attribute("data-expanded", "ev1", timeout=20_000)
    assert sorted(entities.input_value().split()) == ["ev1", "r3", "r6"]
    expect(page.locator("#timeline tbody tr")).to_have_count(1)

    page.get_by_role("button", name="Hide the selection").click()
    hidden = page.locator("#save-chart input[name='hidden']")
    assert hidden.input_value() == "ev1"
    page.get_by_label("Save the chart as").fill("Omar and his facilitator")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("h1")).to_have_text("Omar and his facilitator")
    expect(page.locator("#chart")).to_have_attribute("data-ready", "true")
    assert hidden.input_value() == "ev1"
    assert sorted(entities.input_value().split()) == ["ev1", "r3", "r6"]

    context.close()
    assert errors == []
    strays = [url for url in requested if not url.startswith(ring_server.origin + "/")]
    assert strays == []
