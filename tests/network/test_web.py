"""The link-analysis pages: the start page, a chart with its tables, timeline and forms, the
JSON the chart expands with, saving and exporting (with CSRF), and centrality."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of, sign_in
from vigie.api.app import create_app
from vigie.cycle import cases
from vigie.model.case import ItemKind
from vigie.policy.accounts import get_reader
from vigie.settings import Settings
from vigie.store import Store


@pytest.fixture
def web(ring_sqlite: Store, sqlite_settings: Settings) -> Iterator[TestClient]:
    settings = replace(sqlite_settings, secure_cookies=True)
    app = create_app(settings, ring_sqlite)
    with TestClient(app, base_url="https://testserver") as client:
        yield client


def test_start_page_chart_and_expansion(web: TestClient) -> None:
    sign_in(web, "analyst")
    home = web.get("/network")
    assert home.status_code == 200
    assert 'href="/network"' in home.text and "Candidate rings" in home.text
    assert "/network/chart?ring=1" in home.text
    assert "Content-Security-Policy" in home.headers

    chart = web.get("/network/chart?entity=r1&hops=1")
    assert chart.status_code == 200
    assert 'id="chart-data"' in chart.text and "/static/vis/vis-network.min.js" in chart.text
    assert "SECRET" in chart.text  # the Associate is on the chart: the page is marked so
    assert "2025-03-01" in chart.text  # the timeline holds the flight
    data = web.get("/network/chart?entity=r6&hops=1&format=json").json()
    assert {e["id"] for e in data["entities"]} == {"r6", "ev1"}
    ring = web.get("/network/chart?ring=1")
    assert ring.status_code == 200 and "Karim Haddad" in ring.text
    path = web.get("/network/chart?first=r6&second=r2")
    assert path.status_code == 200 and "Samir Khoury" in path.text
    assert web.get("/network/chart?ring=9").status_code == 422
    assert web.get("/network/chart?entity=r1&since=03/2025").status_code == 422
    assert web.get("/static/vis/vis-network.min.js").status_code == 200
    assert web.get("/static/network.js").status_code == 200


def test_save_export_and_centrality(web: TestClient) -> None:
    sign_in(web, "analyst")
    chart = web.get("/network/chart?entity=r3&hops=1")
    token = csrf_of(chart)
    refused = web.post(
        "/network/charts", data={"name": "x", "entities": "r3", "csrf_token": "forged"}
    )
    assert refused.status_code == 403
    saved = web.post(
        "/network/charts",
        data={
            "name": "Nadia",
            "entities": "r3 r1",
            "pinned": "r3",
            "hidden": "",
            "csrf_token": token,
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    number = re.search(r"chart=(\d+)", saved.headers["location"])
    assert number is not None
    opened = web.get(saved.headers["location"])
    assert opened.status_code == 200 and "Nadia" in opened.text
    assert '"pinned": ["r3"]' in opened.text
    assert "Nadia" in web.get("/network").text

    exported = web.post(
        "/network/export", data={"graph_format": "gexf", "ids": "r1 r2", "csrf_token": token}
    )
    assert exported.status_code == 200 and "<gexf" in exported.text
    central = web.get("/network/centrality?by=degree&schema=Person")
    assert central.status_code == 200 and "Karim Haddad" in central.text
    assert web.get("/network/centrality?by=charm").status_code == 422


def test_pages_need_a_session(web: TestClient) -> None:
    answer = web.get("/network", follow_redirects=False)
    assert answer.status_code in (302, 303, 401)


def test_a_chart_is_saved_into_a_case(web: TestClient, ring_sqlite: Store) -> None:
    analyst = get_reader(ring_sqlite.engine, "analyst")
    case = cases.open_case(ring_sqlite, analyst, "Haddad facilitation ring", "OP-NORTHERN-STAR")
    sign_in(web, "analyst")
    chart = web.get("/network/chart?entity=r3&hops=1")
    assert 'name="case"' in chart.text
    form = {"name": "Ring", "entities": "r3 r1", "csrf_token": csrf_of(chart)}
    assert web.post("/network/charts", data={**form, "case": "x1"}).status_code == 422
    saved = web.post("/network/charts", data={**form, "case": str(case.id)}, follow_redirects=False)
    assert saved.status_code == 303
    number = re.search(r"chart=(\d+)", saved.headers["location"])
    assert number is not None
    [item] = [
        i for i in cases.read_case(ring_sqlite, analyst, case.id).items if i.kind is ItemKind.CHART
    ]
    assert item.ref == number.group(1) and item.note == "Ring"
