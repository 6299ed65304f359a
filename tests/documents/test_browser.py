"""The officer's document check in a real browser (Debian's Chromium through Playwright, against
uvicorn on loopback): paste a zone, read the verdict, refer it; upload a data page."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import Page, expect

from tests.documents.conftest import load_document_world, mrz
from tests.web.conftest import LiveServer, World, free_port
from tests.web.test_browser import browser, page, sign_in
from vigie.api.app import create_app
from vigie.demo.accounts import ensure_demo_users
from vigie.demo.datapage import render_data_page, world_documents
from vigie.settings import Settings
from vigie.store import Store

pytestmark = pytest.mark.browser
__all__ = ["browser", "page"]  # fixtures used by the tests below


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The document world with the demo users, served by uvicorn on a free loopback port."""
    folder = tmp_path_factory.mktemp("documents-live")
    settings = Settings(data_dir=folder / "data", secret_key="test-secret")
    store = Store.open(settings)
    ensure_demo_users(store.engine, "test")
    load_document_world(store, folder / "world")
    port = free_port()
    config = uvicorn.Config(
        create_app(settings, store), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    httpx.get(f"{origin}/login", timeout=5).raise_for_status()
    yield LiveServer(origin, World(settings, store))
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


def test_officer_checks_and_refers_a_stolen_passport(page: Page, live_server: LiveServer) -> None:
    sign_in(page, live_server, "officer", "/documents/check")
    page.get_by_label("Machine-readable zone").fill("\n".join(mrz("RL1234567", "Khoury", "Rania")))
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.locator("#verdict-title")).to_have_text(
        "Alert: reported lost or stolen, or matching a document alert"
    )
    expect(page.locator("table.findings")).to_contain_text("The document number is reported stolen")
    page.get_by_label("Reason").fill("Stolen booklet presented at boarding")
    page.get_by_role("button", name="Refer to intelligence").click()
    expect(page.locator(".notice")).to_contain_text("was referred to intelligence")


def test_officer_uploads_a_data_page(page: Page, live_server: LiveServer, tmp_path: Path) -> None:
    document = next(iter(world_documents(7, 1)))
    image = tmp_path / "page.png"
    image.write_bytes(render_data_page(document))
    sign_in(page, live_server, "officer", "/documents/check")
    page.get_by_label("Or an image of the data page").set_input_files(str(image))
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.locator("#verdict-title")).to_have_text("No problem found")
    expect(page.locator("pre.mrz")).to_have_text("\n".join(document.mrz))
