"""The referral, clearance and redress pages: a confirmed hit referred with evidence per ground
and decided by an officer with a reason; an analyst's referral from an entity page; clearances
revoked by a supervisor; redress records granted by the privacy and audit officer."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import World, csrf_of
from tests.web.test_lookouts import client_for
from vigie.policy import audit


def _confirmed_hit(client: TestClient, decision: str = "true-match") -> str:
    page = client.get("/screen")
    form = {"csrf_token": csrf_of(page), "name": "Иван Соколов", "birth_date": "1960-05-05"}
    answer = client.post("/screen", data=form)
    found = re.search(r'href="/screen/hits/(\d+)"', answer.text)
    assert found, answer.text
    url = f"/screen/hits/{found.group(1)}"
    detail = client.get(url)
    done = client.post(
        f"{url}/decision",
        data={"csrf_token": csrf_of(detail), "decision": decision, "reason": "Same man"},
        follow_redirects=True,
    )
    assert done.status_code == 200
    return found.group(1)


def test_a_confirmed_hit_is_referred_and_an_officer_decides(listed_world: World) -> None:
    officer = client_for(listed_world, "officer")
    hit_id = _confirmed_hit(officer)
    detail = officer.get(f"/screen/hits/{hit_id}")
    assert f'href="/referrals/new?hit={hit_id}"' in detail.text
    page = officer.get(f"/referrals/new?hit={hit_id}")
    assert page.status_code == 200
    assert "suggested by the topic sanction" in page.text
    topic = re.search(r'value="(human-rights:[^"]+)"', page.text)
    assert topic
    form = {"csrf_token": csrf_of(page), "hit": hit_id, "narrative": "Sanctioned person."}
    refused = officer.post("/referrals", data={**form, "ground": "security"})
    assert refused.status_code == 422 and "needs at least one fact" in refused.text
    assert 'value="security" checked' in refused.text
    made = officer.post(
        "/referrals",
        data={**form, "evidence": topic.group(1), "basis-human-rights": "Sanctions list"},
        follow_redirects=False,
    )
    assert made.status_code == 303
    url = made.headers["location"]
    shown = officer.get(url)
    assert "IRPA s. 35: Human or international rights violations" in shown.text
    assert "sanctions" in shown.text and "Sanctions list" in shown.text
    assert "No decision yet" in shown.text
    blank = officer.post(
        f"{url}/decision",
        data={"csrf_token": csrf_of(shown), "decision": "inadmissible", "reason": ""},
    )
    assert blank.status_code == 422 and "Reason" in blank.text
    decided = officer.post(
        f"{url}/decision",
        data={"csrf_token": csrf_of(shown), "decision": "admissible", "reason": "Delisted"},
        follow_redirects=True,
    )
    assert decided.status_code == 200 and "Delisted" in decided.text
    assert "Your decision" not in decided.text
    listing = officer.get("/referrals?status=admissible&ground=human-rights")
    assert url in listing.text
    assert 'href="/referrals"' in listing.text
    [event] = audit.events(listed_world.store.engine, action="referral.decide", limit=1)
    assert event.actor == "officer" and event.details["reason"] == "Delisted"


def test_an_analyst_refers_from_an_entity_but_does_not_decide(listed_world: World) -> None:
    analyst = client_for(listed_world, "analyst")
    entity = analyst.get("/entities/wl-omar")
    assert 'href="/referrals/new?entity=wl-omar"' in entity.text
    page = analyst.get("/referrals/new?entity=wl-omar")
    cited = re.search(r'value="(security:[^"]+)"', page.text)
    assert cited
    made = analyst.post(
        "/referrals",
        data={
            "csrf_token": csrf_of(page),
            "entity": "wl-omar",
            "narrative": "Named by a Risk.",
            "evidence": cited.group(1),
        },
        follow_redirects=True,
    )
    assert made.status_code == 200 and "IRPA s. 34: Security" in made.text
    assert "SECRET" in made.text and "Your decision" not in made.text
    officer = client_for(listed_world, "officer")
    assert officer.get("/referrals").text.count('href="/referrals/') == 0
    auditor = client_for(listed_world, "auditor")
    assert 'href="/referrals/new' not in auditor.get("/entities/wl-ivan").text


def test_clearances_and_redress_pages(listed_world: World) -> None:
    officer = client_for(listed_world, "officer")
    _confirmed_hit(officer, "false-positive")
    supervisor = client_for(listed_world, "supervisor")
    page = supervisor.get("/screen/clearances")
    assert "Same man" in page.text
    ids = re.findall(r'action="/screen/clearances/(\d+)/revocation"', page.text)
    assert ids and "/revocation" not in officer.get("/screen/clearances").text
    for clearance_id in ids:
        supervisor.post(
            f"/screen/clearances/{clearance_id}/revocation",
            data={"csrf_token": csrf_of(page), "reason": "Mistaken clearance"},
        )
    assert "Mistaken clearance" in supervisor.get("/screen/clearances").text
    assert "Grant a redress record" not in officer.get("/screen/redress").text
    auditor = client_for(listed_world, "auditor")
    form_page = auditor.get("/screen/redress")
    fields = {"csrf_token": csrf_of(form_page), "name": "Ivan Sokolov", "reason": "Request 12"}
    refused = auditor.post("/screen/redress", data=fields)
    assert refused.status_code == 422 and "date of birth" in refused.text
    granted = auditor.post(
        "/screen/redress",
        data={**fields, "birth_date": "1960-05-05", "entity_id": "wl-ivan"},
        follow_redirects=True,
    )
    assert granted.status_code == 200 and "Request 12" in granted.text
    check = officer.get("/screen")
    form = {"csrf_token": csrf_of(check), "name": "Иван Соколов", "birth_date": "1960-05-05"}
    answer = officer.post("/screen", data=form)
    found = re.search(r'href="/screen/hits/(\d+)"', answer.text)
    assert found and "suppressed" in answer.text
    assert "redress record" in officer.get(f"/screen/hits/{found.group(1)}").text
