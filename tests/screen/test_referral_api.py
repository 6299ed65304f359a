"""The referral, clearance and redress API: a confirmed hit referred with evidence per ground,
an officer's decision, clearances listed, and a redress record that suppresses repeat hits."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.test_lookouts import auth
from tests.screen.test_api import api  # noqa: F401

IVAN = {"id": "t1", "name": "Иван Соколов", "birth_date": "1960-05-05"}


def _confirmed(api: TestClient, headers: dict[str, str]) -> int:  # noqa: F811
    [result] = api.post("/api/screen", json={"travellers": [IVAN]}, headers=headers).json()
    [hit] = result["hits"]
    decision = {"decision": "true-match", "reason": "Same man"}
    api.post(f"/api/screen/hits/{hit['id']}/decision", json=decision, headers=headers)
    return int(hit["id"])


def test_refer_a_confirmed_hit_and_decide(api: TestClient) -> None:  # noqa: F811
    officer = auth(api, "officer")
    hit_id = _confirmed(api, officer)
    offered = api.get("/api/screen/referrals/evidence/wl-ivan", headers=officer).json()
    assert [s["ground"] for s in offered["suggestions"]] == ["human-rights"]
    topic = next(f for f in offered["facts"] if f["prop"] == "topics")
    assert topic["source"] == "sanctions" and topic["grading"]
    body = {
        "hit_id": hit_id,
        "narrative": "Sanctioned; same birth date.",
        "grounds": [
            {"ground": "human-rights", "basis": "Listed", "evidence": [topic["statement_id"]]}
        ],
    }
    made = api.post("/api/screen/referrals", json=body, headers=officer)
    assert made.status_code == 201, made.text
    referral = made.json()
    assert referral["status"] == "open" and referral["marking"] == "PROTECTED B"
    [ground] = referral["grounds"]
    assert ground["section"] == "s. 35" and ground["evidence"][0]["value"] == "sanction"
    refused = api.post(
        f"/api/screen/referrals/{referral['id']}/decision",
        json={"decision": "inadmissible", "reason": ""},
        headers=officer,
    )
    assert refused.status_code == 422
    analyst = auth(api, "analyst")
    forbidden = api.post(
        f"/api/screen/referrals/{referral['id']}/decision",
        json={"decision": "inadmissible", "reason": "Sanctioned"},
        headers=analyst,
    )
    assert forbidden.status_code == 403
    decided = api.post(
        f"/api/screen/referrals/{referral['id']}/decision",
        json={"decision": "inadmissible", "reason": "Listed under SEMA"},
        headers=officer,
    ).json()
    assert (
        decided["status"] == "inadmissible" and decided["decisions"][0]["decided_by"] == "officer"
    )
    listed = api.get("/api/screen/referrals?ground=human-rights", headers=officer).json()
    assert [r["id"] for r in listed] == [referral["id"]]
    assert api.get("/api/screen/referrals?status=open", headers=officer).json() == []


def test_clearances_and_redress(api: TestClient) -> None:  # noqa: F811
    officer, supervisor = auth(api, "officer"), auth(api, "supervisor")
    [result] = api.post("/api/screen", json={"travellers": [IVAN]}, headers=officer).json()
    hit_id = result["hits"][0]["id"]
    decision = {"decision": "false-positive", "reason": "Other Ivan"}
    api.post(f"/api/screen/hits/{hit_id}/decision", json=decision, headers=officer)
    clearances = api.get("/api/screen/clearances?entity=wl-ivan", headers=officer).json()
    assert clearances and clearances[0]["reason"] == "Other Ivan"
    body = {"name": "Ivan Sokolov", "birth_date": "1960-05-05", "reason": "Redress request 7"}
    assert api.post("/api/screen/redress", json=body, headers=officer).status_code == 403
    granted = api.post("/api/screen/redress", json=body, headers=supervisor)
    assert granted.status_code == 201, granted.text
    record = granted.json()
    assert record["entity_id"] is None and record["marking"] == "PROTECTED B"
    for clearance in clearances:
        revoked = api.post(
            f"/api/screen/clearances/{clearance['id']}/revocation",
            json={"reason": "Redress instead"},
            headers=supervisor,
        )
        assert revoked.status_code == 204
    [again] = api.post("/api/screen", json={"travellers": [IVAN]}, headers=officer).json()
    assert [h["status"] for h in again["hits"]] == ["suppressed"]
    shown = api.get(f"/api/screen/hits/{again['hits'][0]['id']}", headers=officer).json()
    assert shown["redress_id"] == record["id"]
    bad = api.post(
        "/api/screen/redress", json={**body, "birth_date": "05/05/1960"}, headers=supervisor
    )
    assert bad.status_code == 422
    assert bad.json()["detail"].startswith("the traveller, field birth_date")
    gone = api.post(
        f"/api/screen/redress/{record['id']}/revocation",
        json={"reason": "Withdrawn"},
        headers=supervisor,
    )
    assert gone.status_code == 204
    [third] = api.post("/api/screen", json={"travellers": [IVAN]}, headers=officer).json()
    assert [h["status"] for h in third["hits"]] == ["pending"]
