"""The interdiction report form: who may file, what a filed report becomes, and a refused form
coming back with what was typed and the field at fault."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tests.web.conftest import World, csrf_of
from tests.web.test_lookouts import alert, build_template, client_for, copy_world, english_left
from tests.web.test_pages import banners
from vigie.cycle.requirements import create_requirement
from vigie.model.handling import Handling
from vigie.model.lookout import Category
from vigie.model.requirement import Priority, RequirementDraft
from vigie.policy import audit
from vigie.policy.reader import Clearance, Reader, Role
from vigie.store.tables import report as report_table


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


def form(**changes: str | list[str]) -> dict[str, str | list[str]]:
    """A filled-in report form, as a browser posts it (CSRF token added by the caller)."""
    fields: dict[str, str | list[str]] = {
        "reference": "ACC-2026-014",
        "date": "2026-01-10",
        "post": "Accra",
        "location": "Kotoka International Airport",
        "country": "gh",
        "carrier": "KLM",
        "flight": "KL590",
        "full_name": "Kwame Mensah",
        "aliases": "Kwame Mensa; K. Mensah",
        "birth_date": "1990",
        "nationality": "gh",
        "gender": "male",
        "document_type": "passport",
        "document_country": "ca",
        "document_number": "HK123456",
        "fraud_type": "impostor",
        "outcome": "boarding-denied",
        "facilitator_name": "Kofi Boateng",
        "smuggling_indicators": ["escorted", "coached"],
        "narrative": "Presented the Canadian passport of another person.",
        "marking": "PROTECTED B",
        "caveats": "",
        "releasable_to": "",
        "compartments": "",
        "reliability": "B",
        "credibility": "2",
    }
    fields.update(changes)
    return fields


def post(client: TestClient, **changes: str | list[str]) -> httpx.Response:
    """Open the form and file it."""
    token = csrf_of(client.get("/interdictions/new"))
    data = {**form(**changes), "csrf_token": token}
    return client.post("/interdictions/new", data=data, follow_redirects=False)


def reports(world: World) -> int:
    """How many collection reports the store holds."""
    with world.store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(report_table)).scalar_one())


def test_the_form_starts_with_the_defaults(world: World) -> None:
    page = client_for(world, "mio").get("/interdictions/new")
    assert page.status_code == 200
    assert f'name="date" type="date" value="{date.today().isoformat()}"' in page.text
    assert '<option value="PROTECTED B" selected>' in page.text
    assert '<option value="B" selected>' in page.text and '<option value="2" selected>' in page.text
    assert '<option value="impostor">Impostor' in page.text
    assert '<option value="boarding-denied">Boarding denied</option>' in page.text
    assert 'type="checkbox" name="smuggling_indicators" value="escorted"' in page.text
    assert '<option value="gh">Ghana</option>' in page.text
    assert '<a href="/interdictions/new" aria-current="page">' in page.text
    assert "banner top" not in page.text


def test_an_officer_files_a_report_and_lands_on_the_event(world: World) -> None:
    mio = client_for(world, "mio")
    answer = post(mio)
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith("/entities/") and location.endswith("?filed=new")
    event = mio.get(location)
    assert "Interdiction report filed." in event.text
    assert '<h1 dir="auto">Interdiction ACC-2026-014</h1>' in event.text
    assert "fraud-type:impostor" in event.text and "indicator:coached" in event.text
    assert "interdiction-reports" in event.text
    assert banners(event.text)["top"] == "PROTECTED B"
    [entry] = audit.events(world.store.engine, "mio", "import")
    assert entry.details["source"] == "interdiction-reports"
    assert entry.details["grading"] == "B2"
    # Filing the same report again adds nothing, and says so.
    again = post(mio)
    assert again.headers["location"].endswith("?filed=repeat")
    assert "had been filed already" in mio.get(again.headers["location"]).text


def test_a_refused_report_comes_back_with_the_input(world: World) -> None:
    mio = client_for(world, "mio")
    before = reports(world)
    future = (date.today() + timedelta(days=5)).isoformat()
    refused = post(mio, date=future)
    assert refused.status_code == 422
    assert "is in the future" in alert(refused)
    assert re.search(r'id="date"[^>]*aria-invalid="true"', refused.text)
    assert 'value="Kwame Mensah"' in refused.text
    assert 'value="Kwame Mensa; K. Mensah"' in refused.text
    assert re.search(r'value="coached" checked', refused.text)
    assert not re.search(r'value="group-travel" checked', refused.text)
    assert "Presented the Canadian passport of another person.</textarea>" in refused.text
    assert banners(refused.text)["top"] == "PROTECTED B"

    assert "“Outcome” is missing." in alert(post(mio, outcome=""))
    assert "“Full name” is missing." in alert(post(mio, full_name=""))
    assert "not one of" in alert(post(mio, outcome="vanished"))
    assert "could not read back" in alert(post(mio, marking="TOP SECRET"))
    assert "invalid caveat" in alert(post(mio, caveats="<b>"))
    assert reports(world) == before


def test_a_report_names_the_requirement_it_answers(world: World) -> None:
    mio = client_for(world, "mio")
    assert 'name="requirement"' in mio.get("/interdictions/new").text
    refused = post(mio, requirement="IR-99")
    assert refused.status_code == 422 and "no requirement IR-99" in alert(refused)
    assert re.search(r'id="requirement"[^>]*aria-invalid="true"', refused.text)
    draft = RequirementDraft(
        "Escorts on the Accra hub", Category.SMUGGLING_TRAFFICKING, Priority.HIGH, "Accra",
        "Regional director", date.today() + timedelta(days=30), Handling.make("PROTECTED A"),
        ("Who escorts?",),
    )  # fmt: skip
    analyst = Reader("analyst", Role.ANALYST, Clearance.SECRET)
    found = create_requirement(world.store, analyst, draft)
    assert post(mio, requirement=str(found.id)).status_code == 303
    with world.store.engine.connect() as conn:
        recorded = conn.execute(select(report_table.c.requirement)).scalars().all()
    assert recorded[-1] == found.reference


def test_the_form_is_refused_to_roles_that_may_not_import(world: World) -> None:
    before = reports(world)
    for user in ("officer", "partner-uk", "auditor"):
        client = client_for(world, user)
        assert 'href="/interdictions/new"' not in client.get("/").text
        assert client.get("/interdictions/new").status_code == 403
        token = csrf_of(client.get("/"))
        answer = client.post("/interdictions/new", data={**form(), "csrf_token": token})
        assert answer.status_code == 403
    assert client_for(world, "analyst").get("/interdictions/new").status_code == 200
    assert reports(world) == before


def test_the_form_needs_its_csrf_token(world: World) -> None:
    before = reports(world)
    mio = client_for(world, "mio")
    assert mio.post("/interdictions/new", data=form()).status_code == 403
    assert mio.post("/interdictions/new", data={**form(), "csrf_token": "x"}).status_code == 403
    assert reports(world) == before


def test_the_form_answers_in_json(world: World) -> None:
    mio = client_for(world, "mio")
    draft = mio.get("/interdictions/new", params={"format": "json"}).json()["draft"]
    assert draft["marking"] == "PROTECTED B" and draft["reliability"] == "B"
    token = csrf_of(mio.get("/interdictions/new"))
    filed = mio.post("/interdictions/new?format=json", data={**form(), "csrf_token": token}).json()
    assert set(filed["entity_ids"]) == {"person", "document", "facilitator", "interdiction"}
    refused = mio.post(
        "/interdictions/new?format=json", data={**form(outcome=""), "csrf_token": token}
    )
    assert refused.status_code == 422 and refused.json()["field"] == "outcome"


def test_the_form_speaks_french(world: World) -> None:
    analyste = client_for(world, "analyste")
    page = analyste.get("/interdictions/new").text
    assert "Signaler une interception" in page and "Indicateurs de passage de clandestins" in page
    assert english_left(page) == []
    refused = post(analyste, outcome="").text
    assert "Le champ « Issue » est manquant." in refused
    assert english_left(refused) == []
