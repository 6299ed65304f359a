"""Filing an interdiction report through the API: the facts it becomes, who may file, and
refusals that name the field at fault."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_lookouts import auth
from tests.web.conftest import World
from tests.web.test_lookouts import build_template, copy_world
from vigie.api.app import create_app
from vigie.cycle.coverage import answering_reports
from vigie.cycle.requirements import create_requirement
from vigie.model.handling import Handling
from vigie.model.lookout import Category
from vigie.model.requirement import Priority, RequirementDraft
from vigie.policy import audit
from vigie.policy.reader import Clearance, Reader, Role


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The marked world of the workspace's tests, built once for the module."""
    return build_template(tmp_path_factory)


@pytest.fixture
def world(template: Path, tmp_path: Path) -> Iterator[World]:
    """A fresh copy of the marked world for one test."""
    copied = copy_world(template, tmp_path)
    yield copied
    copied.store.close()


@pytest.fixture
def api(world: World) -> Iterator[TestClient]:
    """A client of the application over that world."""
    with TestClient(create_app(world.settings, world.store)) as client:
        yield client


def report(**changes: Any) -> dict[str, Any]:
    """A complete interdiction report."""
    values: dict[str, Any] = {
        "reference": "ACC-2026-014",
        "date": "2026-01-10",
        "post": "Accra",
        "location": "Kotoka International Airport",
        "country": "gh",
        "carrier": "KLM",
        "flight": "KL590",
        "full_name": "Kwame Mensah",
        "nationality": "gh",
        "document_type": "passport",
        "document_country": "ca",
        "document_number": "HK123456",
        "fraud_type": "impostor",
        "outcome": "boarding-denied",
        "facilitator_name": "Kofi Boateng",
        "smuggling_indicators": ["escorted", "coached"],
        "narrative": "Presented the Canadian passport of another person.",
    }
    values.update(changes)
    return values


def test_a_report_becomes_facts(api: TestClient, world: World) -> None:
    mio = auth(api, "mio")
    answer = api.post("/api/interdictions", json=report(), headers=mio)
    assert answer.status_code == 201
    filed = answer.json()
    assert set(filed["entity_ids"]) == {"person", "document", "facilitator", "interdiction"}
    assert filed["event_id"] == filed["entity_ids"]["interdiction"] and not filed["repeated"]

    event = api.get(f"/api/entities/{filed['event_id']}", headers=mio).json()
    assert event["schema"] == "Event" and event["caption"] == "Interdiction ACC-2026-014"
    assert {"fraud-type:impostor", "indicator:coached"} <= set(event["properties"]["keywords"])
    assert {f["source"] for f in event["facts"]} == {"interdiction-reports"}
    assert {f["grading"] for f in event["facts"]} == {"B2"}
    assert event["handling"]["banner"] == "PROTECTED B"
    [entry] = audit.events(world.store.engine, "mio", "import")
    assert entry.details["source"] == "interdiction-reports"

    again = api.post("/api/interdictions", json=report(), headers=mio)
    assert again.status_code == 200 and again.json()["repeated"] is True
    assert again.json()["report_id"] == filed["report_id"]


def test_handling_and_grading_travel_with_the_facts(api: TestClient) -> None:
    mio = auth(api, "mio")
    marked = report(marking="SECRET", caveats=["canadian eyes only"], reliability="C")
    filed = api.post("/api/interdictions", json=marked, headers=mio).json()
    person = api.get(f"/api/entities/{filed['entity_ids']['person']}", headers=mio).json()
    assert person["handling"]["banner"] == "SECRET // CANADIAN EYES ONLY"
    assert {f["grading"] for f in person["facts"]} == {"C2"}
    officer = auth(api, "officer")
    assert api.get(f"/api/entities/{filed['event_id']}", headers=officer).status_code == 404


def test_who_may_file(api: TestClient) -> None:
    for user, status in (("officer", 403), ("partner-uk", 403), ("analyst", 201)):
        answer = api.post("/api/interdictions", json=report(), headers=auth(api, user))
        assert answer.status_code == status, user
    assert api.post("/api/interdictions", json=report()).status_code == 401


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reference": ""}, "reference"),
        ({"date": "yesterday"}, "date"),
        ({"date": "2999-01-01"}, "date"),
        ({"outcome": "vanished"}, "outcome"),
        ({"fraud_type": "forged-ish"}, "fraud_type"),
        ({"smuggling_indicators": ["rumour"]}, "smuggling_indicators"),
        ({"nationality": "atlantis"}, "nationality"),
        ({"marking": "VERY SECRET"}, "marking"),
        ({"caveats": ["<b>"]}, "caveats"),
        ({"reliability": "Z"}, "reliability"),
        ({"marking": "TOP SECRET"}, "marking"),
        # A misspelt field would otherwise be dropped, and what it held lost.
        ({"narative": "Presented another person's passport."}, "narative"),
        ({"requirement": "IR-99"}, "requirement"),
        ({"requirement": "soon"}, "requirement"),
    ],
)
def test_refusals_name_the_field(api: TestClient, changes: dict[str, Any], field: str) -> None:
    mio = auth(api, "mio")  # secret clearance: TOP SECRET is beyond what they may read back
    answer = api.post("/api/interdictions", json=report(**changes), headers=mio)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", field]


def test_a_report_may_answer_a_requirement(api: TestClient, world: World) -> None:
    analyst = Reader("analyst", Role.ANALYST, Clearance.SECRET)
    draft = RequirementDraft(
        "Escorts on the Accra hub", Category.SMUGGLING_TRAFFICKING, Priority.HIGH, "Accra",
        "Regional director", date.today() + timedelta(days=30), Handling.make("PROTECTED A"),
        ("Who escorts?",),
    )  # fmt: skip
    found = create_requirement(world.store, analyst, draft)
    answer = api.post(
        "/api/interdictions",
        json=report(requirement="ir-" + str(found.id)),
        headers=auth(api, "mio"),
    )
    assert answer.status_code == 201, answer.json()
    with world.store.engine.connect() as conn:
        [reports] = [answering_reports(world.store, conn, analyst, found.id)]
    assert [r.id for r in reports] == [answer.json()["report_id"]]
