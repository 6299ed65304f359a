"""The network API: each question on the caller's own graph, audited; exports and charts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from vigie.api.app import create_app
from vigie.demo.accounts import DEMO_PASSWORD
from vigie.settings import Settings
from vigie.store import Store
from vigie.store.tables import audit


@pytest.fixture
def api(ring_sqlite: Store, sqlite_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(sqlite_settings, ring_sqlite)) as client:
        yield client


def auth(api: TestClient, user: str) -> dict[str, str]:
    answer = api.post("/api/token", data={"username": user, "password": DEMO_PASSWORD})
    assert answer.status_code == 200
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def audited(store: Store, action: str) -> list[tuple[str, str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(audit.c.actor, audit.c.target).where(audit.c.action == action))
        return [(r[0], r[1]) for r in rows]


def test_questions_answer_from_the_callers_graph(api: TestClient, ring_sqlite: Store) -> None:
    analyst, officer = auth(api, "analyst"), auth(api, "officer")
    near = api.get("/api/network/neighbourhood/r1?hops=1", headers=analyst).json()
    assert "Associate" in {link["kind"] for link in near["links"]}
    assert near["handling"]["marking"] == "SECRET"
    hidden = api.get("/api/network/neighbourhood/r1?hops=1", headers=officer).json()
    assert "Associate" not in {link["kind"] for link in hidden["links"]}
    assert hidden["handling"]["marking"] == "UNCLASSIFIED"
    only = api.get(
        "/api/network/neighbourhood/r1?kind=shared-phone&schema=Person", headers=analyst
    ).json()
    assert {e["id"] for e in only["entities"]} == {"r1", "r2", "r3"}
    assert ("analyst", "r1") in audited(ring_sqlite, "network.read")

    path = api.get("/api/network/path?first=r6&second=r2", headers=analyst).json()
    assert [e["id"] for e in path["entities"]] == ["r6", "ev1", "r3", "r2"]
    assert path["handling"]["marking"] == "PROTECTED B"
    assert api.get("/api/network/path?first=r6&second=zz", headers=analyst).status_code == 404

    central = api.get("/api/network/centrality?top=3&schema=Person", headers=analyst).json()
    assert len(central) == 3
    assert set(central[0]) == {"id", "name", "degree", "betweenness", "closeness", "eigenvector"}
    rings = api.get("/api/network/rings", headers=analyst).json()
    assert len(rings) == 1 and rings[0]["reasons"]
    assert api.get("/api/network/communities", headers=analyst).status_code == 200
    assert {t for _a, t in audited(ring_sqlite, "network.analyse")} >= {
        "centrality",
        "rings",
        "communities",
    }
    assert api.get("/api/network/rings").status_code == 401


def test_export_and_charts(api: TestClient, ring_sqlite: Store) -> None:
    analyst, officer = auth(api, "analyst"), auth(api, "officer")
    graphml = api.get("/api/network/export?format=graphml&entity=r1&entity=r2", headers=analyst)
    assert graphml.status_code == 200 and "attachment" in graphml.headers["content-disposition"]
    assert graphml.text.startswith("<?xml")
    assert api.get("/api/network/export?format=dot", headers=analyst).status_code == 422
    # Officers may read but not export.
    assert api.get("/api/network/export", headers=officer).status_code == 403
    assert ("analyst", "network") in audited(ring_sqlite, "export")

    body = {"name": "Ring of r1", "entities": ["r1", "r2", "r3"], "pinned": ["r1"]}
    saved = api.post("/api/network/charts", json=body, headers=analyst)
    assert saved.status_code == 201 and saved.json()["handling"]["marking"] == "SECRET"
    number = saved.json()["id"]
    opened = api.get(f"/api/network/charts/{number}", headers=analyst).json()
    assert {e["id"] for e in opened["graph"]["entities"]} == {"r1", "r2", "r3"}
    assert api.get(f"/api/network/charts/{number}", headers=officer).status_code == 404
    assert [c["id"] for c in api.get("/api/network/charts", headers=analyst).json()] == [number]
