"""The lookout pages: the list and its tabs, the request form pre-filled from an entity, and the
supervisor's decision, each refused to the roles that may not, and each refused without its
CSRF token. Every test gets its own copy of the marked world, since lookouts change it."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tests.web.conftest import World, csrf_of, open_world, sign_in
from tests.web.test_language import _english_ui_messages as english_ui_messages
from tests.web.test_pages import banners
from vigie.api.app import create_app
from vigie.collect.lookouts import get_lookout, request_lookout
from vigie.model.grading import Grading
from vigie.model.handling import Handling
from vigie.model.lookout import Category, LookoutRequest, Status
from vigie.policy import audit
from vigie.policy.accounts import get_reader
from vigie.settings import Settings
from vigie.store import Store
from vigie.store.tables import lookout as lookout_table

ALERT = re.compile(r'<div class="alert" role="alert">(.*?)</div>', re.S)
NARRATIVE = "Brokers forged Lebanese passports for the network; see report 12."


def build_template(factory: pytest.TempPathFactory) -> Path:
    """The marked world built once and closed, to be copied for each test (building it takes
    a second, copying it a few milliseconds)."""
    folder = factory.mktemp("marked-world")
    open_world(folder).store.close()
    return folder / "data"


def copy_world(template: Path, folder: Path) -> World:
    """A fresh copy of the marked world in ``folder``, opened."""
    shutil.copytree(template, folder / "data")
    settings = Settings(data_dir=folder / "data", secret_key="test-secret")
    return World(settings, Store.open(settings))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The marked world, built once for the module."""
    return build_template(tmp_path_factory)


@pytest.fixture
def world(template: Path, tmp_path: Path) -> Iterator[World]:
    """A fresh copy of the marked world for one test."""
    copied = copy_world(template, tmp_path)
    yield copied
    copied.store.close()


def client_for(world: World, user: str) -> TestClient:
    """A browser-like client signed in as ``user``."""
    client = TestClient(create_app(world.settings, world.store), base_url="https://testserver")
    assert sign_in(client, user).status_code == 303
    return client


def form(**changes: str) -> dict[str, str]:
    """A complete request form, as a browser posts it (CSRF token added by the caller)."""
    fields = {
        "subject_entity_id": "",
        "subject_name": "Karim Haddad",
        "subject_birth_date": "1980-05-17",
        "subject_nationality": "lb",
        "subject_document": "RL1234567",
        "category": "document-fraud",
        "requesting_unit": "HQ Intelligence, Documents desk",
        "expires_on": (date.today() + timedelta(days=30)).isoformat(),
        "narrative": NARRATIVE,
        "marking": "PROTECTED B",
        "caveats": "",
        "releasable_to": "",
        "compartments": "",
        "reliability": "B",
        "credibility": "2",
    }
    fields.update(changes)
    return fields


def post_request(client: TestClient, **changes: str) -> httpx.Response:
    """Open the form and post it."""
    token = csrf_of(client.get("/lookouts/new"))
    data = {**form(**changes), "csrf_token": token}
    return client.post("/lookouts/new", data=data, follow_redirects=False)


def count(world: World) -> int:
    """How many lookouts the store holds."""
    with world.store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(lookout_table)).scalar_one())


def stored(world: World, user: str, **changes: Any) -> int:
    """A lookout requested directly through the workflow; returns its number."""
    values: dict[str, Any] = {
        "subject_name": "Karim Haddad",
        "category": Category.SMUGGLING_TRAFFICKING,
        "narrative": NARRATIVE,
        "requesting_unit": "HQ Intelligence",
        "expires_on": date.today() + timedelta(days=30),
        "handling": Handling.make("PROTECTED B"),
        "grading": Grading.make("B", "2"),
        **changes,
    }
    reader = get_reader(world.store.engine, user)
    return request_lookout(world.store, reader, LookoutRequest(**values)).id


def alert(page: httpx.Response) -> str:
    """The text of the page's alert."""
    found = ALERT.search(page.text)
    assert found, "the page shows no alert"
    return unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def visible_text(html: str) -> str:
    """What a page shows as text (and in tooltips): tags and their other attributes removed,
    since option values and the like are codes, not interface text."""
    titles = " ".join(re.findall(r'(?:title|aria-label)="([^"]*)"', html))
    return unescape(re.sub(r"<[^>]*>", " ", html) + " " + titles)


def english_left(html: str) -> list[str]:
    """The workspace's English messages still on a French page, as whole words (so that
    *Terrorism* inside *Terrorisme* does not count)."""
    text = visible_text(html)
    found = []
    for message in english_ui_messages():
        start = message.split("{")[0]
        if start and re.search(rf"(?<!\w){re.escape(start)}(?!\w)", text):
            found.append(message)
    return found


def status_of(world: World, number: int) -> Status:
    """A lookout's status, as a supervisor sees it."""
    return get_lookout(world.store, get_reader(world.store.engine, "supervisor"), number).status


def test_the_form_is_prefilled_from_an_entity(world: World) -> None:
    analyst = client_for(world, "analyst")
    entity = analyst.get("/entities/p-amira")
    assert 'href="/lookouts/new?entity=p-amira"' in entity.text
    page = analyst.get("/lookouts/new", params={"entity": "p-amira"})
    assert page.status_code == 200
    for name, value in (
        ("subject_entity_id", "p-amira"),
        ("subject_name", "Amira Haddad"),
        ("subject_birth_date", "1988-03-14"),
        ("subject_document", "N0123456"),
    ):
        assert re.search(rf'name="{name}"[^>]* value="{value}"', page.text), name
    # The page shows the name, birth date (UNCLASSIFIED, REL FVEY-UK) and passport number
    # (PROTECTED B, REL FVEY-UK, FVEY-US); not the SECRET notes it did not copy.
    assert banners(page.text)["top"] == "PROTECTED B // REL FVEY-UK"
    assert '<option value="PROTECTED B" selected>' in page.text
    draft = analyst.get("/lookouts/new", params={"entity": "p-amira", "format": "json"}).json()
    assert draft["draft"]["subject_name"] == "Amira Haddad"


def test_only_a_person_can_be_the_subject(world: World) -> None:
    analyst = client_for(world, "analyst")
    assert "/lookouts/new" not in analyst.get("/entities/pp-amira").text
    assert analyst.get("/lookouts/new", params={"entity": "pp-amira"}).status_code == 422
    assert analyst.get("/lookouts/new", params={"entity": "p-nobody"}).status_code == 404


def test_an_analyst_requests_a_lookout(world: World) -> None:
    analyst = client_for(world, "analyst")
    answer = post_request(analyst, subject_entity_id="p-amira", subject_name="Amira Haddad")
    assert answer.status_code == 303
    number = int(answer.headers["location"].split("/")[2].split("?")[0])
    page = analyst.get(answer.headers["location"])
    assert "Lookout requested." in page.text
    assert "Amira Haddad" in page.text and NARRATIVE in page.text
    assert "Liban" not in page.text and "Lebanon" in page.text
    assert banners(page.text)["top"] == "PROTECTED B"
    # The requester may withdraw but not decide.
    assert f'action="/lookouts/{number}/withdrawal"' in page.text
    assert "/decision" not in page.text
    assert status_of(world, number) is Status.PENDING
    [event] = audit.events(world.store.engine, "analyst", "lookout.request")
    assert event.target == f"lookout:{number}"


def test_a_refused_form_comes_back_with_the_input_and_why(world: World) -> None:
    analyst = client_for(world, "analyst")
    answer = post_request(analyst, narrative="Too short", subject_name="Rania Saleh")
    assert answer.status_code == 422
    assert "“Why the subject is of interest” needs at least 10 characters." in alert(answer)
    assert 'value="Rania Saleh"' in answer.text and ">Too short</textarea>" in answer.text
    assert re.search(r'id="narrative"[^>]*aria-invalid="true"', answer.text)

    yesterday = (date.today() - timedelta(days=1)).isoformat()
    assert "expiry date must be in the future" in alert(post_request(analyst, expires_on=yesterday))
    assert "must be a date" in alert(post_request(analyst, expires_on="next week"))
    assert "invalid caveat" in alert(post_request(analyst, caveats="<script>"))
    assert "“Category” is missing." in alert(post_request(analyst, category=""))
    assert count(world) == 0


def test_nobody_marks_a_lookout_above_what_they_may_read(world: World) -> None:
    mio = client_for(world, "mio")  # secret clearance, CANADIAN EYES ONLY only
    page = mio.get("/lookouts/new")
    assert '<option value="SECRET">' in page.text and "TOP SECRET" not in page.text
    refused = post_request(mio, marking="TOP SECRET")
    assert refused.status_code == 422 and "could not read back" in alert(refused)
    assert "could not read back" in alert(post_request(mio, caveats="LAW ENFORCEMENT ONLY"))
    assert count(world) == 0


def test_an_officer_may_not_request_a_lookout(world: World) -> None:
    officer = client_for(world, "officer")
    assert "/lookouts/new" not in officer.get("/entities/p-amira").text
    assert "/lookouts/new" not in officer.get("/lookouts").text
    assert officer.get("/lookouts/new").status_code == 403
    token = csrf_of(officer.get("/lookouts"))
    answer = officer.post("/lookouts/new", data={**form(), "csrf_token": token})
    assert answer.status_code == 403
    assert count(world) == 0


def test_forms_without_their_csrf_token_change_nothing(world: World) -> None:
    analyst = client_for(world, "analyst")
    assert analyst.post("/lookouts/new", data=form()).status_code == 403
    assert analyst.post("/lookouts/new", data={**form(), "csrf_token": "forged"}).status_code == 403
    assert count(world) == 0
    number = stored(world, "analyst")
    supervisor = client_for(world, "supervisor")
    decision = {"decision": "approve", "reason": "corroborated"}
    assert supervisor.post(f"/lookouts/{number}/decision", data=decision).status_code == 403
    assert (
        analyst.post(f"/lookouts/{number}/withdrawal", data={"reason": "done"}).status_code == 403
    )
    assert status_of(world, number) is Status.PENDING


def test_a_supervisor_approves_and_the_subject_shows_the_risk(world: World) -> None:
    number = stored(world, "analyst", subject_entity_id="p-amira", subject_name="Amira Haddad")
    supervisor = client_for(world, "supervisor")
    page = supervisor.get(f"/lookouts/{number}")
    assert f'action="/lookouts/{number}/decision"' in page.text
    data = {"csrf_token": csrf_of(page), "decision": "approve", "reason": "Corroborated by UK"}
    answer = supervisor.post(f"/lookouts/{number}/decision", data=data, follow_redirects=False)
    assert answer.headers["location"] == f"/lookouts/{number}?done=approved"
    shown = supervisor.get(answer.headers["location"]).text
    assert "Lookout approved" in shown and "Corroborated by UK" in shown and "in effect" in shown
    assert "/decision" not in shown
    entity = supervisor.get("/entities/p-amira")
    assert f'href="/entities/lookout-{number}"' in entity.text and ">Risk<" in entity.text


def test_a_decision_needs_a_reason(world: World) -> None:
    number = stored(world, "analyst")
    supervisor = client_for(world, "supervisor")
    token = csrf_of(supervisor.get(f"/lookouts/{number}"))
    data = {"csrf_token": token, "decision": "reject", "reason": "no"}
    answer = supervisor.post(f"/lookouts/{number}/decision", data=data)
    assert answer.status_code == 422
    assert "“Reason” needs at least 3 characters." in alert(answer)
    data["reason"] = "x" * 5001
    assert "at most 5000" in alert(supervisor.post(f"/lookouts/{number}/decision", data=data))
    data = {"csrf_token": token, "decision": "maybe", "reason": "undecided"}
    assert "“Decision”" in alert(supervisor.post(f"/lookouts/{number}/decision", data=data))
    assert status_of(world, number) is Status.PENDING


def test_analysts_and_requesters_may_not_decide(world: World) -> None:
    number = stored(world, "analyst")
    analyst = client_for(world, "regional")
    token = csrf_of(analyst.get(f"/lookouts/{number}"))
    data = {"csrf_token": token, "decision": "approve", "reason": "looks right"}
    assert analyst.post(f"/lookouts/{number}/decision", data=data).status_code == 403
    own = stored(world, "supervisor")
    supervisor = client_for(world, "supervisor")
    page = supervisor.get(f"/lookouts/{own}")
    assert "/decision" not in page.text
    data["csrf_token"] = csrf_of(page)
    refused = supervisor.post(f"/lookouts/{own}/decision", data=data)
    assert refused.status_code == 403 and "other than its requester" in refused.text
    assert status_of(world, number) is Status.PENDING and status_of(world, own) is Status.PENDING


def test_rejection_and_withdrawal(world: World) -> None:
    supervisor = client_for(world, "supervisor")
    first = stored(world, "analyst")
    token = csrf_of(supervisor.get(f"/lookouts/{first}"))
    data = {"csrf_token": token, "decision": "reject", "reason": "No basis given"}
    supervisor.post(f"/lookouts/{first}/decision", data=data)
    assert status_of(world, first) is Status.REJECTED
    page = supervisor.get(f"/lookouts/{first}").text
    assert "Rejected" in page and "No basis given" in page and "/withdrawal" not in page

    second = stored(world, "analyst")
    other = client_for(world, "regional")
    assert "/withdrawal" not in other.get(f"/lookouts/{second}").text
    data = {"csrf_token": csrf_of(other.get("/lookouts")), "reason": "not mine"}
    assert other.post(f"/lookouts/{second}/withdrawal", data=data).status_code == 403
    analyst = client_for(world, "analyst")
    data = {"csrf_token": csrf_of(analyst.get("/lookouts")), "reason": "Subject arrested"}
    answer = analyst.post(f"/lookouts/{second}/withdrawal", data=data, follow_redirects=False)
    assert answer.headers["location"] == f"/lookouts/{second}?done=withdrawn"
    assert "Subject arrested" in analyst.get(f"/lookouts/{second}").text
    assert status_of(world, second) is Status.WITHDRAWN
    again = analyst.post(f"/lookouts/{second}/withdrawal", data=data)
    assert again.status_code == 422 and "cannot be withdrawn" in alert(again)


def test_the_list_has_status_tabs_and_the_api_shape(world: World) -> None:
    pending = stored(world, "analyst", subject_entity_id="p-amira", subject_name="Amira Haddad")
    secret = stored(world, "analyst", handling=Handling.make("SECRET"), subject_name="Viktor S.")
    analyst = client_for(world, "analyst")
    page = analyst.get("/lookouts")
    assert page.status_code == 200
    assert f'<a href="/lookouts/{pending}">{pending}</a>' in page.text
    assert '<a href="/entities/p-amira" dir="auto">Amira Haddad</a>' in page.text
    assert "Smuggling and trafficking" in page.text and "HQ Intelligence" in page.text
    assert banners(page.text)["top"] == "SECRET"
    assert 'href="/lookouts?status=pending" aria-current="page"' not in page.text
    rejected = analyst.get("/lookouts", params={"status": "rejected"})
    assert 'href="/lookouts?status=rejected" aria-current="page"' in rejected.text
    assert "No lookout that you may see has this status." in rejected.text
    assert banners(rejected.text)["top"] == "UNCLASSIFIED"
    listed = analyst.get("/lookouts", params={"status": "pending", "format": "json"}).json()
    assert [item["id"] for item in listed] == [secret, pending]
    assert listed[1]["subject_entity_id"] == "p-amira" and listed[1]["status"] == "pending"
    one = analyst.get(f"/lookouts/{pending}", headers={"accept": "application/json"}).json()
    assert one == listed[1]
    assert analyst.get("/lookouts", params={"status": "lost"}).status_code == 422


def test_the_policy_hides_lookouts(world: World) -> None:
    secret = stored(world, "analyst", handling=Handling.make("SECRET"), subject_name="Viktor S.")
    for_uk = stored(
        world, "analyst", handling=Handling.make("PROTECTED B", releasable_to=["FVEY-UK"])
    )
    canada_only = stored(world, "analyst", subject_name="Nadia Karam")
    officer = client_for(world, "officer")
    assert "Viktor S." not in officer.get("/lookouts").text
    assert officer.get(f"/lookouts/{secret}").status_code == 404
    listed = officer.get("/lookouts", params={"format": "json"}).json()
    assert {item["id"] for item in listed} == {for_uk, canada_only}

    partner = client_for(world, "partner-uk")
    assert [item["id"] for item in partner.get("/lookouts?format=json").json()] == [for_uk]
    assert "Nadia Karam" not in partner.get("/lookouts").text
    assert partner.get(f"/lookouts/{canada_only}").status_code == 404
    assert banners(partner.get(f"/lookouts/{for_uk}").text)["top"] == "PROTECTED B // REL FVEY-UK"


def test_the_navigation_offers_what_the_role_allows(world: World) -> None:
    analyst = client_for(world, "analyst").get("/").text
    assert 'href="/lookouts"' in analyst and 'href="/interdictions/new"' in analyst
    officer = client_for(world, "officer").get("/").text
    assert 'href="/lookouts"' in officer and 'href="/interdictions/new"' not in officer
    lookouts = client_for(world, "officer").get("/lookouts").text
    assert '<a href="/lookouts" aria-current="page">' in lookouts


def test_the_pages_speak_french(world: World) -> None:
    number = stored(world, "analyst", subject_entity_id="p-amira", subject_name="Amira Haddad")
    analyste = client_for(world, "analyste")
    for path in ("/lookouts", "/lookouts/new?entity=p-amira", f"/lookouts/{number}"):
        page = analyste.get(path)
        assert '<html lang="fr">' in page.text
        assert english_left(page.text) == [], path
    page = analyste.get(f"/lookouts/{number}").text
    assert "Passage de clandestins et traite de personnes" in page and "En attente" in page
    assert "Demander un avis de surveillance" in analyste.get("/lookouts").text
