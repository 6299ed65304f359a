"""The cycle's JSON API with bearer tokens: the same rules as the services, errors naming the
field, and outputs that only ever hold what the partner may receive."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import stix2
from fastapi.testclient import TestClient
from pypdf import PdfReader

from tests.api.test_lookouts import auth
from tests.web.conftest import World
from tests.web.test_lookouts import build_template, copy_world
from vigie.api.app import create_app

SOON = (date.today() + timedelta(days=30)).isoformat()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The marked world of the workspace's tests, built once for the module."""
    return build_template(tmp_path_factory)


@pytest.fixture
def api(template: Path, tmp_path: Path) -> Iterator[TestClient]:
    """A client over a fresh copy of the marked world."""
    world: World = copy_world(template, tmp_path)
    with TestClient(create_app(world.settings, world.store)) as client:
        yield client
    world.store.close()


def test_plan_and_disseminate_over_the_api(api: TestClient) -> None:
    analyst, supervisor, uk = auth(api, "analyst"), auth(api, "supervisor"), auth(api, "partner-uk")
    need = {
        "title": "Brokers on the Beirut route",
        "topic": "document-fraud",
        "priority": "high",
        "region": "Beirut",
        "client": "DG Enforcement",
        "due_on": SOON,
        "questions": ["Who supplies?"],
    }
    refused = api.post("/api/requirements", json={**need, "priority": "urgent"}, headers=analyst)
    assert refused.status_code == 422 and "priority" in refused.text
    assert api.post("/api/requirements", json=need, headers=uk).status_code == 403
    created = api.post("/api/requirements", json=need, headers=analyst)
    assert created.status_code == 201
    rid = created.json()["id"]
    task = api.post(
        f"/api/requirements/{rid}/tasks",
        json={"unit": "MIO Beirut", "instructions": "Collect on brokers.", "due_on": SOON},
        headers=analyst,
    )
    assert task.status_code == 201

    product = api.post(
        "/api/products",
        json={
            "kind": "bulletin",
            "title": "Brokers in Beirut",
            "requirement_id": rid,
            "releasable_to": ["FVEY-UK"],
        },
        headers=analyst,
    ).json()
    pid = product["id"]
    for paragraph in (
        {"text": "Amira Haddad brokers passports.", "marking": "UNCLASSIFIED",
         "releasable_to": ["FVEY-UK"], "cite": ["p-amira"]},
        {"text": "Viktor Sokolov prints them.", "marking": "SECRET"},
    ):  # fmt: skip
        added = api.post(f"/api/products/{pid}/paragraphs", json=paragraph, headers=analyst)
        assert added.status_code == 201, added.text
    content = added.json()["content"]
    assert content["handling"]["marking"] == "SECRET"
    assert api.post(f"/api/products/{pid}/submission", headers=analyst).status_code == 200
    decision = {"decision": "approve", "reason": "Sound"}
    assert (
        api.post(f"/api/products/{pid}/decision", json=decision, headers=analyst).status_code == 403
    )
    assert (
        api.post(f"/api/products/{pid}/decision", json=decision, headers=supervisor).status_code
        == 200
    )
    sent = api.post(
        f"/api/products/{pid}/releases",
        json={"partner": "partner-uk", "authority": "MOU 2019"},
        headers=supervisor,
    )
    assert sent.status_code == 201, sent.text
    release_id = sent.json()["id"]
    assert [p["text"] for p in sent.json()["content"]["paragraphs"]] == [
        "Amira Haddad brokers passports."
    ]

    # The partner lists and reads only its own release, and downloads every output.
    assert [r["id"] for r in api.get("/api/releases", headers=uk).json()] == [release_id]
    us = auth(api, "partner-us")
    assert api.get(f"/api/releases/{release_id}", headers=us).status_code == 404
    pdf = api.get(f"/api/releases/{release_id}/output/pdf", headers=uk)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Amira Haddad" in text and "Viktor" not in text and "SECRET" not in text
    bundle = api.get(f"/api/releases/{release_id}/output/stix", headers=uk)
    parsed = stix2.parse(bundle.text, allow_custom=False)
    assert json.loads(parsed.serialize()) == bundle.json()
    ftm = api.get(f"/api/releases/{release_id}/output/ftm", headers=uk).text
    assert "Document broker" not in ftm and "Amira Haddad" in ftm
    assert api.get(f"/api/releases/{release_id}/output/docx", headers=uk).status_code == 422

    feedback = {"rating": "useful", "comment": "Good"}
    given = api.post(f"/api/releases/{release_id}/feedback", json=feedback, headers=uk)
    assert given.status_code == 201 and given.json()["requirement_id"] == rid
    [covered] = api.get("/api/coverage", params={"requirement_id": rid}, headers=analyst).json()
    assert covered["feedback"] == {"useful": 1} and covered["products"] == [pid]


def test_casework_over_the_api(api: TestClient) -> None:
    officer, analyst = auth(api, "officer"), auth(api, "analyst")
    asked = api.post(
        "/api/support",
        json={"question": "Is this the broker from Beirut?", "entity_id": "p-amira",
              "marking": "PROTECTED B"},
        headers=officer,
    )  # fmt: skip
    assert asked.status_code == 201, asked.text
    sid = asked.json()["id"]
    assign = api.post(
        f"/api/support/{sid}/assignment", json={"assignee": "analyst"}, headers=analyst
    )
    assert assign.status_code == 200
    answer = {"answer": "Yes, same passport.", "marking": "PROTECTED B"}
    assert api.post(f"/api/support/{sid}/answer", json=answer, headers=analyst).status_code == 200
    assert api.get(f"/api/support/{sid}", headers=officer).json()["answer"] == "Yes, same passport."

    case = api.post(
        "/api/cases",
        json={"title": "Beirut print shop", "compartment": "OP-NORTHERN-STAR"},
        headers=analyst,
    )
    assert case.status_code == 201
    item = {"kind": "subject", "ref": "p-amira"}
    added = api.post(f"/api/cases/{case.json()['id']}/items", json=item, headers=analyst)
    assert added.status_code == 201 and added.json()["items"][0]["ref"] == "p-amira"
    assert api.get(f"/api/cases/{case.json()['id']}", headers=officer).status_code == 404

    watch = api.post("/api/watches", json={"kind": "entity", "target": "p-amira"}, headers=officer)
    assert watch.status_code == 201
    assert api.get("/api/notifications", headers=officer).json() == []
