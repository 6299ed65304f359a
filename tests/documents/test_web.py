"""The document pages and the documents API over the document world, signed in as the demo
users: the officer's check (typed and from an image) and referral, alerts published and their
matches decided, the trends' charts and CSV; CSRF and roles enforced."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.documents.conftest import load_document_world, mrz
from tests.web.conftest import csrf_of, sign_in
from vigie.api.app import create_app
from vigie.collect.interdictions import InterdictionReport, import_report
from vigie.demo.accounts import DEMO_PASSWORD, ensure_demo_users
from vigie.demo.datapage import render_data_page, world_documents
from vigie.model.grading import Grading
from vigie.model.handling import Handling
from vigie.policy import audit
from vigie.settings import Settings
from vigie.store import Store
from vigie.store.writer import Collection


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Settings, Store]]:
    """A fresh SQLite store with the demo users, the document world and one interdiction."""
    settings = Settings(data_dir=tmp_path / "data", secret_key="test-secret")
    opened = Store.open(settings)
    ensure_demo_users(opened.engine, "test")
    load_document_world(opened, tmp_path / "world")
    report = InterdictionReport(
        reference="INT-2025-000001",
        date=dt.date(2025, 3, 4),
        post="Beirut",
        full_name="Test Traveller",
        outcome="boarding-denied",
        location="Beirut Airport (BEY), Lebanon",
        document_type="passport",
        document_country="lb",
        document_number="N0444444",
        fraud_type="counterfeit",
    )
    collection = Collection(
        "interdiction-reports", "interdictions", "", "", "mio", Handling.make("PROTECTED B"),
        Grading.make("B", "2"),
    )  # fmt: skip
    import_report(opened, report, collection)
    yield settings, opened
    opened.close()


@pytest.fixture
def store(site: tuple[Settings, Store]) -> Store:
    """The site's store (this module's tests run on SQLite only: the pages are the subject)."""
    return site[1]


@pytest.fixture
def app_client(site: tuple[Settings, Store]) -> Iterator[TestClient]:
    settings, opened = site
    with TestClient(create_app(settings, opened), base_url="https://testserver") as client:
        yield client


def signed_in(client: TestClient, name: str) -> TestClient:
    assert sign_in(client, name).status_code == 303
    return client


def post_check(client: TestClient, lines: list[str], **fields: str) -> str:
    page = client.get("/documents/check")
    data = {"csrf_token": csrf_of(page), "mrz": "\n".join(lines), **fields}
    answer = client.post("/documents/check", data=data)
    assert answer.status_code == 200, answer.text
    return answer.text


def test_the_officer_checks_a_stolen_document_and_refers_it(
    app_client: TestClient, store: Store
) -> None:
    client = signed_in(app_client, "officer")
    assert 'href="/documents/check" aria-current="page"' in client.get("/documents/check").text
    text = post_check(client, mrz("RL1234567", "Khoury", "Rania"))
    assert "Alert: reported lost or stolen" in text
    assert "The document number is reported stolen" in text
    assert "Refer to intelligence" in text
    check_id = re.search(r'action="/documents/checks/(\d+)/referral"', text)
    assert check_id
    referral = client.post(
        f"/documents/checks/{check_id.group(1)}/referral",
        data={"csrf_token": csrf_of(client.get("/documents/check")), "reason": "Stolen booklet"},
        follow_redirects=False,
    )
    assert referral.status_code == 303
    assert f"referred={check_id.group(1)}" in referral.headers["location"]
    last = next(iter(audit.events(store.engine, limit=1)))
    assert (last.action, last.actor) == ("document.refer", "officer")


def test_a_clean_and_a_broken_document(app_client: TestClient) -> None:
    client = signed_in(app_client, "officer")
    assert "No problem found" in post_check(client, mrz("N7654321"), travel_date="2026-01-01")
    broken = mrz("N7654321")
    broken[1] = broken[1][:9] + "0" + broken[1][10:]
    text = post_check(client, broken)
    assert "Examine the document" in text
    assert "check-digit" in text
    assert "line 2, column 10" in text


def test_a_typed_mrz_that_is_empty_is_refused_with_its_field(app_client: TestClient) -> None:
    client = signed_in(app_client, "officer")
    page = client.get("/documents/check")
    answer = client.post("/documents/check", data={"csrf_token": csrf_of(page), "mrz": ""})
    assert answer.status_code == 422
    assert 'id="mrz" name="mrz"' in answer.text
    assert 'aria-invalid="true"' in answer.text


def test_an_uploaded_data_page_is_read_and_checked(app_client: TestClient) -> None:
    client = signed_in(app_client, "officer")
    document = next(iter(world_documents(7, 1)))
    page = client.get("/documents/check")
    answer = client.post(
        "/documents/check",
        data={"csrf_token": csrf_of(page), "mrz": ""},
        files={"image": ("page.png", render_data_page(document), "image/png")},
    )
    assert answer.status_code == 200, answer.text
    assert html.escape(document.mrz[1]) in answer.text
    assert "No problem found" in answer.text


def test_without_the_form_token_nothing_is_checked(app_client: TestClient) -> None:
    client = signed_in(app_client, "officer")
    answer = client.post("/documents/check", data={"mrz": "\n".join(mrz("N7654321"))})
    assert answer.status_code == 403


def test_an_alert_is_published_and_its_matches_decided(app_client: TestClient) -> None:
    client = signed_in(app_client, "mio")
    page = client.get("/documents/alerts")
    assert "Publish an alert" in page.text
    data = {
        "csrf_token": csrf_of(page),
        "title": "Counterfeit N0 series",
        "features": "Laminate lifts at the corner; printed photo.",
        "issuing_state": "LBN",
        "number_pattern": "N0######",
        "marking": "PROTECTED B",
        "reliability": "B",
        "credibility": "2",
    }
    published = client.post("/documents/alerts", data=data, follow_redirects=False)
    assert published.status_code == 303
    listed = client.get(published.headers["location"]).text
    # The visa file's and the interdiction's passports (PROTECTED B), the SECRET one.
    assert "3 stored documents match it" in listed
    queue = client.get("/documents/queue").text
    assert queue.count('action="/documents/matches/') == 3
    match_id = re.search(r'action="/documents/matches/(\d+)/decision"', queue)
    assert match_id
    decided = client.post(
        f"/documents/matches/{match_id.group(1)}/decision",
        data={"csrf_token": csrf_of(client.get("/documents/queue")), "decision": "dismissed",
              "reason": "Genuine booklet"},
        follow_redirects=False,
    )  # fmt: skip
    assert decided.status_code == 303
    assert client.get("/documents/queue").text.count('action="/documents/matches/') == 2


def test_a_refused_alert_names_its_field(app_client: TestClient) -> None:
    client = signed_in(app_client, "mio")
    page = client.get("/documents/alerts")
    data = {"csrf_token": csrf_of(page), "title": "Vague", "features": "Look at everything.",
            "marking": "PROTECTED B", "reliability": "B", "credibility": "2"}  # fmt: skip
    answer = client.post("/documents/alerts", data=data)
    assert answer.status_code == 422
    assert "would match every document" in answer.text


def test_officers_see_no_queue_and_publish_nothing(app_client: TestClient) -> None:
    client = signed_in(app_client, "officer")
    assert client.get("/documents/queue").status_code == 403
    assert "Publish an alert" not in client.get("/documents/alerts").text


def test_trends_as_charts_and_csv(app_client: TestClient, site: tuple[Settings, Store]) -> None:
    client = signed_in(app_client, "analyst")
    page = client.get("/documents/trends")
    assert page.status_code == 200
    assert page.text.count('<svg class="chart"') == 5
    assert "1 interceptions that you may see, 1 of them with document fraud" in page.text
    assert "PROTECTED B" in page.text  # the page is marked with what it counts
    csv = client.get("/documents/trends.csv")
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[1].startswith("2025-03,lb,passport,counterfeit,")
    app = create_app(*site)
    with TestClient(app, base_url="https://testserver") as other:
        partner = signed_in(other, "partner-us")
        assert "No interception that you may see" in partner.get("/documents/trends").text


def auth(client: TestClient, user: str) -> dict[str, str]:
    answer = client.post("/api/token", data={"username": user, "password": DEMO_PASSWORD})
    assert answer.status_code == 200
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def test_the_api(app_client: TestClient) -> None:
    officer, mio, analyst = (auth(app_client, u) for u in ("officer", "mio", "analyst"))
    text = "\n".join(mrz("N7654321")) + "\n\n" + "\n".join(mrz("N7654321"))[:-1] + "9"
    read = app_client.post("/api/documents/check-mrz", json={"mrz": text}, headers=officer)
    assert [r["valid"] for r in read.json()] == [True, False]
    alert = {"title": "N0 series", "features": "Printed photo, lifted laminate.",
             "issuing_state": "LBN", "number_pattern": "N0######"}  # fmt: skip
    published = app_client.post("/api/documents/alerts", json=alert, headers=mio)
    assert published.status_code == 201
    assert published.json()["matched"] == 3
    checked = app_client.post(
        "/api/documents/checks", json={"mrz": "\n".join(mrz("N0777777"))}, headers=officer
    )
    assert checked.status_code == 201
    body = checked.json()
    assert body["verdict"] == "alert"
    assert body["alerts"][0]["title"] == "N0 series"
    referral = app_client.post(
        f"/api/documents/checks/{body['id']}/referral", json={"reason": "Alert"}, headers=officer
    )
    assert referral.json()["referred_by"] == "officer"
    queue = app_client.get("/api/documents/referrals", headers=analyst).json()
    assert [r["id"] for r in queue] == [body["id"]]
    assert app_client.get("/api/documents/referrals", headers=officer).status_code == 403
    matches = app_client.get("/api/documents/alert-matches", headers=analyst).json()
    assert len(matches) == 4
    decision = {"decision": "confirmed", "reason": "Seized"}
    decided = app_client.post(
        f"/api/documents/alert-matches/{matches[0]['id']}/decision", json=decision, headers=analyst
    )
    assert decided.json()["status"] == "confirmed"
    trends = app_client.get("/api/documents/trends", headers=analyst).json()
    assert trends["total"] == 1 and trends["by"]["fraud_type"][0]["value"] == "counterfeit"


@pytest.mark.parametrize(
    "path", ["/documents/check", "/documents/alerts", "/documents/queue", "/documents/trends"]
)
def test_the_document_pages_in_french(app_client: TestClient, path: str) -> None:
    from tests.web.test_language import _english_ui_messages

    client = signed_in(app_client, "analyste")
    if path == "/documents/check":
        text = post_check(client, mrz("RL1234567", "Sokolov", "Viktor"))
    else:
        text = client.get(path).text
    assert '<html lang="fr">' in text
    # The text a user reads: tags and their attributes (field names, coded values) left out.
    shown = html.unescape(re.sub(r"<[^>]*>", " ", text))
    leftovers = [
        m
        for m in _english_ui_messages()
        if m.split("{")[0].strip()
        and re.search(rf"(?<!\w){re.escape(m.split('{')[0].strip())}(?!\w)", shown)
    ]
    assert leftovers == []
