"""The resolution pages: the review queue, the pair page with its explanation, chart and
decision (CSRF-checked), and the cluster on the entity page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.resolve.population import load_population
from tests.web.conftest import World, csrf_of, sign_in
from vigie.api.app import create_app
from vigie.demo.accounts import ensure_demo_users
from vigie.policy.accounts import get_reader
from vigie.resolve import service
from vigie.settings import Settings
from vigie.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[World]:
    """The resolution tests' population, resolved by ``analyst``."""
    settings = Settings(data_dir=tmp_path / "data", secret_key="test-secret")
    opened = Store.open(settings)
    ensure_demo_users(opened.engine, "test")
    load_population(opened, tmp_path / "population")
    service.run(opened, get_reader(opened.engine, "analyst"))
    yield World(settings, opened)
    opened.close()


def _client(world: World, user: str) -> TestClient:
    client = TestClient(create_app(world.settings, world.store), base_url="https://testserver")
    assert sign_in(client, user).status_code == 303
    return client


def test_queue_pair_page_and_decision(store: World) -> None:
    client = _client(store, "analyst")
    queue = client.get("/resolve")
    assert queue.status_code == 200
    assert "Review queue" in queue.text
    page = client.get("/resolve/pair", params={"left": "a-1", "right": "b-1"})
    assert page.status_code == 200
    assert "<svg" in page.text and "Not the same person" in page.text
    assert "the same name words, in any order" in page.text
    refused = client.post(
        "/resolve/pair",
        data={
            "left": "a-1",
            "right": "b-1",
            "verdict": "not-same",
            "reason": "x",
            "csrf_token": "forged",
        },
        follow_redirects=False,
    )
    assert refused.status_code == 403
    token = csrf_of(page)
    done = client.post(
        "/resolve/pair",
        data={
            "left": "a-1",
            "right": "b-1",
            "verdict": "not-same",
            "reason": "twins",
            "csrf_token": token,
        },
        follow_redirects=False,
    )
    assert done.status_code == 303
    after = client.get(done.headers["location"])
    assert "kept apart" in after.text
    assert "Withdraw the judgement" in after.text
    short = client.post(
        "/resolve/pair/retract",
        data={"left": "a-1", "right": "b-1", "reason": "", "csrf_token": csrf_of(after)},
    )
    assert short.status_code == 422
    undone = client.post(
        "/resolve/pair/retract",
        data={"left": "a-1", "right": "b-1", "reason": "misread", "csrf_token": csrf_of(after)},
        follow_redirects=False,
    )
    assert undone.status_code == 303


def test_the_entity_page_shows_the_cluster(store: World) -> None:
    client = _client(store, "analyst")
    page = client.get("/entities/a-0")
    assert page.status_code == 200
    assert "Same person" in page.text
    assert "/entities/leo-0" in page.text
    # The page is marked for everything it shows, the caveated record included.
    assert "LAW ENFORCEMENT ONLY" in page.text
    hidden = _client(store, "mio").get("/entities/a-0")
    assert "leo-0" not in hidden.text


def test_officers_do_not_see_the_queue(store: World) -> None:
    client = _client(store, "officer")
    assert client.get("/resolve").status_code == 403
    assert 'href="/resolve"' not in client.get("/").text
