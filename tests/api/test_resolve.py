"""The resolution API: run, queue, pair explanation and chart, judgements, clusters; refused to
the roles that may not, and showing nothing a user may not see."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.test_lookouts import auth
from tests.resolve.population import load_population
from tests.web.conftest import World
from vigie.api.app import create_app
from vigie.demo.accounts import ensure_demo_users
from vigie.settings import Settings
from vigie.store import Store


@pytest.fixture
def api(tmp_path: Path) -> Iterator[TestClient]:
    """A client over a store holding the resolution tests' population."""
    settings = Settings(data_dir=tmp_path / "data", secret_key="test-secret")
    world = World(settings, Store.open(settings))
    ensure_demo_users(world.store.engine, "test")
    load_population(world.store, tmp_path / "population")
    with TestClient(create_app(world.settings, world.store)) as client:
        yield client
    world.store.close()


def test_run_explain_judge_and_export(api: TestClient) -> None:
    analyst = auth(api, "analyst")
    ran = api.post("/api/resolve/run", json={}, headers=analyst)
    assert ran.status_code == 200, ran.text
    assert ran.json()["records"] == 91

    pair = api.get("/api/resolve/pair", params={"left": "a-1", "right": "b-1"}, headers=analyst)
    assert pair.status_code == 200
    body = pair.json()
    assert body["scored_by_run"] is True
    assert [s["comparison"] for s in body["explanation"]["steps"]][:2] == ["name", "birth"]
    assert body["explanation"]["steps"][0]["words"]
    chart = api.get(
        "/api/resolve/pair/waterfall.svg", params={"left": "a-1", "right": "b-1"}, headers=analyst
    )
    assert chart.headers["content-type"].startswith("image/svg+xml")
    assert chart.text.startswith("<svg")

    judged = api.post(
        "/api/resolve/judgements",
        json={"left_id": "b-1", "right_id": "a-1", "verdict": "not-same", "reason": "twins"},
        headers=analyst,
    )
    assert judged.status_code == 200
    cluster = api.get("/api/resolve/clusters/a-1", headers=analyst).json()
    assert "b-1" not in {m["id"] for m in cluster["members"]}
    assert ["a-1", "b-1"] in cluster["kept_apart"]
    retracted = api.post(
        "/api/resolve/judgements/retract",
        json={"left_id": "a-1", "right_id": "b-1", "reason": "misread"},
        headers=analyst,
    )
    assert retracted.status_code == 200

    rows = api.get("/api/resolve/clusters", headers=analyst).text.splitlines()
    assert rows[0] == "entity_id,canonical_id"
    assert len(rows) == 92
    assert "leo-0,a-0" in rows
    mio = api.get("/api/resolve/clusters", headers=auth(api, "mio")).text
    assert "leo-0" not in mio


def test_refusals(api: TestClient) -> None:
    officer = auth(api, "officer")
    assert api.post("/api/resolve/run", json={}, headers=officer).status_code == 403
    assert api.get("/api/resolve/queue", headers=officer).status_code == 403
    analyst = auth(api, "analyst")
    assert (
        api.post("/api/resolve/run", json={"engine": "oracle"}, headers=analyst).status_code == 422
    )
    missing = api.get("/api/resolve/pair", params={"left": "a-1", "right": "b-1"}, headers=analyst)
    assert missing.status_code == 404
    bad = api.post(
        "/api/resolve/judgements",
        json={"left_id": "a-1", "right_id": "b-1", "verdict": "maybe", "reason": "hmm"},
        headers=analyst,
    )
    assert bad.status_code == 422
