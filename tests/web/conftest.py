"""The workspace's fixtures: a tiny named world with facts at every marking that matters, the
demo users, an in-process client, and a real server on loopback for the browser tests.

The world (``marked world``):

| entity | facts | handling |
| --- | --- | --- |
| ``p-amira`` Person | names (Latin, Arabic), birth date | UNCLASSIFIED, REL FVEY-UK |
| ``p-amira`` Person | notes | SECRET // CANADIAN EYES ONLY |
| ``pp-amira`` Passport | holder ``p-amira``, number | PROTECTED B, REL FVEY-UK, FVEY-US |
| ``p-ivan`` Person | names (Latin, Cyrillic) | CONFIDENTIAL |
| ``as-amira-ivan`` Associate | ``p-amira`` and ``p-ivan`` | CONFIDENTIAL |
| ``p-viktor`` Person | name | SECRET |
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from tests.helpers import load, person
from vigie.api.app import create_app
from vigie.demo.accounts import DEMO_PASSWORD, ensure_demo_users
from vigie.model.handling import Handling
from vigie.settings import Settings
from vigie.store import Store

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class World:
    """A store loaded with the marked world, and its settings."""

    settings: Settings
    store: Store


def load_marked_world(store: Store, folder: Path) -> None:
    """Import the marked world (see the module docstring)."""
    folder.mkdir(parents=True, exist_ok=True)
    amira = person("p-amira", "Amira Haddad", "أميرة حداد", birthDate=["1988-03-14"])
    load(
        store,
        folder / "watchlist.json",
        [amira],
        Handling.make("UNCLASSIFIED", releasable_to=["FVEY-UK"]),
        source="watchlist",
        grading="B2",
    )
    notes = {"id": "p-amira", "schema": "Person", "properties": {"notes": ["Document broker"]}}
    load(
        store,
        folder / "assessment.json",
        [notes],
        Handling.make("SECRET", caveats=["CANADIAN EYES ONLY"]),
        source="hq-assessment",
        grading="C3",
    )
    passport = {
        "id": "pp-amira",
        "schema": "Passport",
        "properties": {"holder": ["p-amira"], "number": ["N0123456"]},
    }
    load(
        store,
        folder / "visa.json",
        [passport],
        Handling.make("PROTECTED B", releasable_to=["FVEY-UK", "FVEY-US"]),
        source="visa-files",
        grading="A1",
    )
    associate = {
        "id": "as-amira-ivan",
        "schema": "Associate",
        "properties": {"person": ["p-amira"], "associate": ["p-ivan"]},
    }
    load(
        store,
        folder / "liaison.json",
        [person("p-ivan", "Ivan Petrov", "Иван Петров"), associate],
        Handling.make("CONFIDENTIAL"),
        source="liaison",
        grading="B3",
    )
    load(
        store,
        folder / "secret.json",
        [person("p-viktor", "Viktor Sokolov")],
        Handling.make("SECRET"),
        source="hq-assessment",
        grading="B2",
    )


def open_world(folder: Path, secure_cookies: bool = True) -> World:
    """A fresh store with the demo users and the marked world."""
    settings = Settings(
        data_dir=folder / "data", secret_key="test-secret", secure_cookies=secure_cookies
    )
    store = Store.open(settings)
    ensure_demo_users(store.engine, "test")
    load_marked_world(store, folder / "world")
    return World(settings, store)


@pytest.fixture(scope="module")
def web_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """The marked world, shared by a test module: tests may sign in, search and read (which
    writes audit rows and sessions), never change facts or fail sign-ins."""
    world = open_world(tmp_path_factory.mktemp("web-world"))
    yield world
    world.store.close()


@pytest.fixture
def client(web_world: World) -> Iterator[TestClient]:
    """An in-process client with its own cookie jar. The base URL is HTTPS because the cookies
    are ``Secure`` and the client, like a browser, sends those only over HTTPS."""
    app = create_app(web_world.settings, web_world.store)
    with TestClient(app, base_url="https://testserver") as test_client:
        yield test_client


def csrf_of(page: httpx.Response) -> str:
    """The CSRF token of the first form on a page."""
    found = CSRF.search(page.text)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def sign_in(
    client: TestClient, name: str, password: str = DEMO_PASSWORD, next_path: str = "/"
) -> httpx.Response:
    """Sign in through the form, as a browser does; returns the answer to the POST."""
    form = client.get("/login")
    data = {"username": name, "password": password, "csrf_token": csrf_of(form)}
    answer: httpx.Response = client.post(
        "/login", data={**data, "next": next_path}, follow_redirects=False
    )
    return answer


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class LiveServer:
    """A workspace served by uvicorn on loopback."""

    origin: str
    world: World


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A real uvicorn server in a daemon thread, on a free loopback port, for the browser."""
    world = open_world(tmp_path_factory.mktemp("live-world"))
    port = free_port()
    config = uvicorn.Config(
        create_app(world.settings, world.store), host="127.0.0.1", port=port, log_level="warning"
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
    yield LiveServer(origin, world)
    server.should_exit = True
    thread.join(timeout=10)
    world.store.close()
