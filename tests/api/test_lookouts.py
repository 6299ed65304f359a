"""The lookouts API: request, list, read, decide and withdraw with a bearer token, each refused
to the roles that may not, and each lookout hidden from readers its handling excludes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import World
from tests.web.test_lookouts import build_template, copy_world
from vigie.api.app import create_app
from vigie.demo.accounts import DEMO_PASSWORD


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


def auth(api: TestClient, user: str) -> dict[str, str]:
    """The bearer header of a demo user."""
    answer = api.post("/api/token", data={"username": user, "password": DEMO_PASSWORD})
    assert answer.status_code == 200
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def body(**changes: Any) -> dict[str, Any]:
    """A complete lookout request."""
    values: dict[str, Any] = {
        "subject_name": "Karim Haddad",
        "category": "smuggling-trafficking",
        "narrative": "Organises crossings for a smuggling network; see report 12.",
        "requesting_unit": "HQ Intelligence",
        "expires_on": (date.today() + timedelta(days=30)).isoformat(),
        "subject_birth_date": "1980-05-17",
        "subject_nationality": "lb",
    }
    values.update(changes)
    return values


def test_request_decide_and_read(api: TestClient) -> None:
    analyst, supervisor = auth(api, "analyst"), auth(api, "supervisor")
    created = api.post("/api/lookouts", json=body(), headers=analyst)
    assert created.status_code == 201
    lookout = created.json()
    assert lookout["status"] == "pending" and lookout["in_effect"] is False
    assert lookout["handling"]["marking"] == "PROTECTED B" and lookout["grading"] == "B2"
    number = lookout["id"]

    decision = {"decision": "approve", "reason": "Corroborated"}
    decided = api.post(f"/api/lookouts/{number}/decision", json=decision, headers=supervisor)
    assert decided.status_code == 200
    assert decided.json()["status"] == "approved" and decided.json()["in_effect"] is True
    assert decided.json()["decided_by"] == "supervisor"

    read = api.get(f"/api/lookouts/{number}", headers=analyst).json()
    assert read == decided.json()
    assert [x["id"] for x in api.get("/api/lookouts?status=approved", headers=analyst).json()] == [
        number
    ]
    assert api.get("/api/lookouts?status=pending", headers=analyst).json() == []
    subject = api.get(f"/api/entities/lookout-{number}-subject", headers=analyst)
    assert subject.json()["caption"] == "Karim Haddad"


def test_roles_that_may_not(api: TestClient) -> None:
    officer, analyst = auth(api, "officer"), auth(api, "analyst")
    refused = api.post("/api/lookouts", json=body(), headers=officer)
    assert refused.status_code == 403
    assert api.get("/api/lookouts", headers=analyst).json() == []

    number = api.post("/api/lookouts", json=body(), headers=analyst).json()["id"]
    decision = {"decision": "approve", "reason": "Looks right"}
    assert (
        api.post(f"/api/lookouts/{number}/decision", json=decision, headers=analyst).status_code
        == 403
    )
    supervisor = auth(api, "supervisor")
    own = api.post("/api/lookouts", json=body(), headers=supervisor).json()["id"]
    answer = api.post(f"/api/lookouts/{own}/decision", json=decision, headers=supervisor)
    assert answer.status_code == 403 and "other than its requester" in answer.json()["detail"]
    regional = auth(api, "regional")
    reason = {"reason": "Not mine"}
    assert (
        api.post(f"/api/lookouts/{number}/withdrawal", json=reason, headers=regional).status_code
        == 403
    )
    withdrawn = api.post(f"/api/lookouts/{number}/withdrawal", json=reason, headers=analyst)
    assert (
        withdrawn.json()["status"] == "withdrawn" and withdrawn.json()["withdrawn_by"] == "analyst"
    )
    assert api.get("/api/lookouts", headers={}).status_code == 401


def test_invalid_requests_name_the_field(api: TestClient) -> None:
    analyst = auth(api, "analyst")
    short = api.post("/api/lookouts", json=body(narrative="short"), headers=analyst)
    assert short.status_code == 422
    assert short.json()["detail"][0]["loc"] == ["body", "narrative"]
    category = api.post("/api/lookouts", json=body(category="gossip"), headers=analyst)
    assert category.json()["detail"][0]["loc"] == ["body", "category"]
    past = (date.today() - timedelta(days=1)).isoformat()
    expired = api.post("/api/lookouts", json=body(expires_on=past), headers=analyst)
    assert expired.status_code == 422 and "expiry date" in expired.json()["detail"]
    # A misspelt field would otherwise be dropped, and what it held lost.
    typo = api.post("/api/lookouts", json=body(subject_nationalty="lb"), headers=analyst)
    assert typo.status_code == 422
    assert typo.json()["detail"][0]["loc"] == ["body", "subject_nationalty"]
    unseen = api.post("/api/lookouts", json=body(subject_entity_id="p-nobody"), headers=analyst)
    assert unseen.status_code == 404
    assert api.get("/api/lookouts", headers=analyst).json() == []


def test_the_policy_hides_lookouts(api: TestClient) -> None:
    analyst = auth(api, "analyst")
    secret = api.post("/api/lookouts", json=body(marking="SECRET"), headers=analyst).json()["id"]
    uk = body(releasable_to=["FVEY-UK"])
    for_uk = api.post("/api/lookouts", json=uk, headers=analyst).json()["id"]
    canada = api.post("/api/lookouts", json=body(), headers=analyst).json()["id"]

    officer = auth(api, "officer")
    assert {x["id"] for x in api.get("/api/lookouts", headers=officer).json()} == {for_uk, canada}
    assert api.get(f"/api/lookouts/{secret}", headers=officer).status_code == 404
    partner = auth(api, "partner-uk")
    assert [x["id"] for x in api.get("/api/lookouts", headers=partner).json()] == [for_uk]
    assert api.get(f"/api/lookouts/{canada}", headers=partner).status_code == 404
