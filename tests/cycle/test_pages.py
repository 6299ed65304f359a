"""The cycle's workspace pages through the in-process client: forms refused without their
CSRF token or to roles that may not, errors naming the field, and case support, cases and
watches walked from form to answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.helpers import load, person
from tests.web.conftest import World, csrf_of, sign_in
from tests.web.test_lookouts import build_template, copy_world
from vigie.api.app import create_app
from vigie.cycle import products
from vigie.model.handling import Handling
from vigie.model.product import ParagraphDraft, ProductKind
from vigie.policy.accounts import get_reader


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


def client_for(world: World, user: str) -> TestClient:
    """A signed-in client of its own (its own cookies)."""
    client = TestClient(create_app(world.settings, world.store), base_url="https://testserver")
    assert sign_in(client, user).status_code == 303
    return client


def test_forms_need_their_token_and_the_right_role(world: World) -> None:
    analyst = client_for(world, "analyst")
    fields = {"title": "Brokers", "topic": "document-fraud", "priority": "high"}
    assert analyst.post("/requirements/new", data=fields).status_code == 403
    page = analyst.get("/requirements/new")
    refused = analyst.post(
        "/requirements/new",
        data={**fields, "csrf_token": csrf_of(page), "region": "Beirut", "client": "DG",
              "due_on": "2001-01-01", "questions": "Who?", "marking": "PROTECTED A"},
    )  # fmt: skip
    assert refused.status_code == 422 and "Title" in refused.text

    officer = client_for(world, "officer")
    assert officer.get("/requirements/new").status_code == 403
    assert "/requirements" not in officer.get("/support").text.split("<main>")[0]
    partner = client_for(world, "partner-uk")
    assert partner.get("/products/new").status_code == 403
    assert partner.get("/releases").status_code == 200


def test_case_support_cases_and_watches_in_the_workspace(world: World, tmp_path: Path) -> None:
    officer = client_for(world, "officer")
    page = officer.get("/support?entity=p-amira")
    asked = officer.post(
        "/support",
        data={"csrf_token": csrf_of(page), "question": "Is she the Beirut broker?",
              "entity_id": "p-amira", "marking": "PROTECTED B"},
    )  # fmt: skip
    assert asked.status_code == 200 and "In the HQ queue" in asked.text
    number = str(asked.url).rsplit("/", 1)[1]

    supervisor = client_for(world, "supervisor")
    queue = supervisor.get("/support")
    assert "Is she the Beirut broker?" in queue.text
    mine = supervisor.get(f"/support/{number}")
    supervisor.post(
        f"/support/{number}/assignment", data={"csrf_token": csrf_of(mine), "assignee": "analyst"}
    )
    analyst = client_for(world, "analyst")
    request_page = analyst.get(f"/support/{number}")
    token = csrf_of(request_page)
    refused = analyst.post(
        f"/support/{number}/answer",
        data={"csrf_token": token, "answer": "Yes.", "marking": "SECRET"},
    )
    assert refused.status_code == 422 and "could not read" in refused.text
    analyst.post(
        f"/support/{number}/answer",
        data={"csrf_token": token, "answer": "Yes: same passport.", "marking": "PROTECTED B"},
    )
    assert "Yes: same passport." in officer.get(f"/support/{number}").text

    cases = analyst.get("/cases")
    opened = analyst.post(
        "/cases",
        data={"csrf_token": csrf_of(cases), "title": "Beirut print shop",
              "compartment": "OP-NORTHERN-STAR", "marking": "PROTECTED B"},
    )  # fmt: skip
    assert opened.status_code == 200 and "OP-NORTHERN-STAR" in opened.text
    case_path = str(opened.url).removeprefix("https://testserver")
    added = analyst.post(
        case_path + "/items",
        data={"csrf_token": csrf_of(opened), "kind": "note", "note": "Shop found near port"},
    )
    assert "Shop found near port" in added.text
    subject = analyst.post(
        case_path + "/items",
        data={"csrf_token": csrf_of(added), "kind": "subject", "ref": "p-amira", "note": "owner"},
    )
    assert "Amira Haddad" in subject.text  # named as the analyst may see her, not only by id
    assert officer.get(case_path).status_code == 404

    watch_page = officer.get("/watches")
    officer.post(
        "/watches", data={"csrf_token": csrf_of(watch_page), "kind": "entity", "target": "p-amira"}
    )
    load(
        world.store,
        tmp_path / "new.json",
        [person("p-amira", "Amira Haddad-Khoury")],
        Handling.make("PROTECTED A"),
        "border",
    )
    told = officer.get("/watches")
    assert 'table class="grid notifications"' in told.text and "Amira" in told.text


def test_the_author_removes_a_paragraph_and_reads_older_versions(world: World) -> None:
    analyst_reader = get_reader(world.store.engine, "analyst")
    found = products.create_product(
        world.store, analyst_reader, ProductKind.DOCUMENT_ALERT, "Forged visas", Handling()
    )
    for text in ("First paragraph.", "Second paragraph."):
        products.add_paragraph(
            world.store, analyst_reader, found.id, ParagraphDraft(text, Handling())
        )
    analyst = client_for(world, "analyst")
    page = analyst.get(f"/products/{found.id}")
    assert "Remove the paragraph" in page.text
    done = analyst.post(
        f"/products/{found.id}/paragraphs/removal",
        data={"csrf_token": csrf_of(page), "position": "1"},
    )
    assert done.status_code == 200 and "Paragraph removed." in done.text
    assert "First paragraph." not in done.text and "Second paragraph." in done.text
    refused = analyst.post(
        f"/products/{found.id}/paragraphs/removal", data={"csrf_token": csrf_of(page)}
    )
    assert refused.status_code == 422 and "Choose the paragraph" in refused.text
    supervisor = client_for(world, "supervisor")
    assert "Remove the paragraph" not in supervisor.get(f"/products/{found.id}").text
