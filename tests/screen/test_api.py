"""The screening API: screen, list and decide hits with a bearer token, within the policy."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.api.test_lookouts import auth
from tests.web.conftest import World
from vigie.api.app import create_app

OMAR = {"id": "t1", "name": "Umar Abdulrahman Hadad", "birth_date": "1979-11-02"}


@pytest.fixture
def api(listed_world: World) -> Iterator[TestClient]:
    with TestClient(create_app(listed_world.settings, listed_world.store)) as client:
        yield client


def test_screen_and_decide(api: TestClient) -> None:
    headers = auth(api, "analyst")
    answer = api.post("/api/screen", json={"travellers": [OMAR]}, headers=headers)
    assert answer.status_code == 200, answer.text
    [result] = answer.json()
    [hit] = result["hits"]
    assert (result["id"], hit["entity_id"], hit["status"]) == ("t1", "wl-omar", "pending")
    assert "day and month swapped" in hit["explanation"]
    listed = api.get("/api/screen/hits", headers=headers).json()
    assert [h["id"] for h in listed] == [hit["id"]]
    assert listed[0]["marking"] == "SECRET"
    decision = {"decision": "true-match", "reason": "Same person, fingerprints"}
    decided = api.post(f"/api/screen/hits/{hit['id']}/decision", json=decision, headers=headers)
    assert decided.status_code == 200
    assert (decided.json()["status"], decided.json()["decided_by"]) == ("true-match", "analyst")


def test_the_policy_bounds_what_is_screened_and_shown(api: TestClient) -> None:
    secret = api.post("/api/screen", json={"travellers": [OMAR]}, headers=auth(api, "analyst"))
    hit_id = secret.json()[0]["hits"][0]["id"]
    officer = auth(api, "officer")
    answer = api.post("/api/screen", json={"travellers": [OMAR]}, headers=officer)
    assert answer.json()[0]["hits"] == []
    assert api.get(f"/api/screen/hits/{hit_id}", headers=officer).status_code == 404
    ivan = {"id": "t2", "name": "Иван Соколов", "birth_date": "1960-05-05"}
    [result] = api.post("/api/screen", json={"travellers": [ivan]}, headers=officer).json()
    assert [h["entity_id"] for h in result["hits"]] == ["wl-ivan"]


def test_bad_input_is_refused_with_its_field(api: TestClient) -> None:
    good = {"id": "w", "name": "C D"}
    bad = {"travellers": [good, {"id": "x", "name": "A B", "birth_date": "11/02/1979"}]}
    answer = api.post("/api/screen", json=bad, headers=auth(api, "analyst"))
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith("traveller 2, field birth_date: must be YYYY")
