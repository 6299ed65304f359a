"""The workspace's pages show only what their reader may see, marked as high as what they show,
and answer in JSON too."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import World, sign_in
from vigie.policy import audit
from vigie.web.render import SECURITY_HEADERS

BANNER = re.compile(r'<div class="banner (top|bottom) [^"]+"[^>]*>([^<]*)</div>')


def banners(html: str) -> dict[str, str]:
    """The page's top and bottom banners."""
    return {place: unescape(text) for place, text in BANNER.findall(html)}


def test_search_finds_a_name_in_another_script(client: TestClient) -> None:
    sign_in(client, "analyst")
    page = client.get("/search", params={"q": "Иван"})
    assert page.status_code == 200
    assert 'href="/entities/p-ivan"' in page.text
    assert "Ivan Petrov" in page.text
    assert ">CONFIDENTIAL</span>" in page.text
    assert banners(page.text) == {"top": "CONFIDENTIAL", "bottom": "CONFIDENTIAL"}


def test_search_json_matches_the_api_shape(client: TestClient) -> None:
    sign_in(client, "analyst")
    data = client.get("/search", params={"q": "amira", "format": "json"}).json()
    assert data["query"] == "amira"
    assert [r["id"] for r in data["results"]] == ["p-amira"]
    assert data["results"][0]["schema"] == "Person"
    by_header = client.get("/search", params={"q": "amira"}, headers={"accept": "application/json"})
    assert by_header.json() == data


def test_entity_page_shows_every_fact_with_its_provenance(client: TestClient) -> None:
    sign_in(client, "analyst")
    page = client.get("/entities/p-amira")
    assert page.status_code == 200
    text = page.text
    for expected in (
        "Amira Haddad",
        "أميرة حداد",
        "Document broker",
        "hq-assessment",
        "Birth date",
    ):
        assert expected in text
    assert 'title="Source: Fairly reliable. Information: Possibly true.">C3</abbr>' in text
    assert "SECRET // CANADIAN EYES ONLY</span>" in text
    assert 'href="/entities/pp-amira"' in text and 'href="/entities/p-ivan"' in text


def test_entity_banner_is_the_highest_marking_shown(client: TestClient) -> None:
    sign_in(client, "analyst")
    page = client.get("/entities/p-amira")
    assert banners(page.text) == {
        "top": "SECRET // CANADIAN EYES ONLY",
        "bottom": "SECRET // CANADIAN EYES ONLY",
    }
    assert 'class="banner top m-secret"' in page.text


def test_a_related_entity_raises_the_banner(client: TestClient) -> None:
    # The passport's own facts are PROTECTED B; the holder it names shows SECRET facts to this
    # reader only through its caption, which still comes from facts of the holder.
    sign_in(client, "mio")
    page = client.get("/entities/pp-amira")
    assert "Amira Haddad" in page.text
    assert banners(page.text)["top"].startswith("SECRET")


def test_officer_does_not_see_secret_facts(client: TestClient) -> None:
    sign_in(client, "officer")
    page = client.get("/entities/p-amira")
    assert page.status_code == 200
    assert "Document broker" not in page.text
    assert "Ivan Petrov" not in page.text
    assert banners(page.text)["top"] == "PROTECTED B // REL FVEY-UK"
    assert "SECRET" not in page.text
    found = client.get("/search", params={"q": "Sokolov"})
    assert "p-viktor" not in found.text
    assert "Nothing you may see matches this search." in found.text
    assert client.get("/entities/p-viktor").status_code == 404


def test_officer_json_leaves_out_secret_facts(client: TestClient) -> None:
    sign_in(client, "officer")
    data = client.get("/entities/p-amira", params={"format": "json"}).json()
    assert {f["prop"] for f in data["facts"]} == {"name", "birthDate"}
    assert all(f["handling"]["marking"] != "SECRET" for f in data["facts"])
    assert client.get("/search", params={"q": "Sokolov", "format": "json"}).json()["results"] == []


def test_partner_sees_only_what_is_releasable(client: TestClient) -> None:
    sign_in(client, "partner-us")
    assert "p-amira" not in client.get("/search", params={"q": "Amira"}).text
    page = client.get("/entities/pp-amira")
    assert "N0123456" in page.text
    assert "Amira Haddad" not in page.text
    assert banners(page.text)["top"] == "PROTECTED B // REL FVEY-UK, FVEY-US"


def test_every_read_is_audited(client: TestClient, web_world: World) -> None:
    sign_in(client, "regional")
    client.get("/search", params={"q": "Petrov"})
    client.get("/entities/p-ivan")
    events = list(audit.events(web_world.store.engine, "regional", None, 5))
    # A person's page also lists the records resolved to the same person: a read of its own.
    assert [e.action for e in events[:3]] == ["resolve.cluster", "entity.read", "search"]
    assert events[0].target == "p-ivan"
    assert events[2].target == "Petrov"


def test_audit_page_is_for_auditors_only(client: TestClient) -> None:
    sign_in(client, "officer")
    page = client.get("/audit")
    assert page.status_code == 403
    assert "Only privacy and audit officers may read the audit log." in page.text
    assert 'href="/audit"' not in client.get("/").text


def test_auditor_reads_the_log_and_its_check(client: TestClient, web_world: World) -> None:
    sign_in(client, "auditor")
    page = client.get("/audit")
    assert page.status_code == 200
    assert "The audit chain is intact" in page.text
    assert "<code>login</code>" in page.text
    data = client.get("/audit", params={"format": "json", "action": "login"}).json()
    assert data["verify"]["ok"] is True
    assert {e["action"] for e in data["events"]} == {"login"}
    latest = next(audit.events(web_world.store.engine, "auditor", "audit.read", 1))
    assert latest.details["event"] == "login"


def test_missing_entity_gets_a_404_page(client: TestClient) -> None:
    sign_in(client, "analyst")
    page = client.get("/entities/no-such-thing")
    assert page.status_code == 404
    assert "<h1>Not found</h1>" in page.text
    assert client.get("/entities/no-such-thing?format=json").json()["detail"]


@pytest.mark.parametrize("path", ["/login", "/", "/entities/p-amira", "/audit", "/entities/none"])
def test_security_headers_on_every_page(client: TestClient, path: str) -> None:
    sign_in(client, "analyst")
    answer = client.get(path, follow_redirects=False)
    for name, value in SECURITY_HEADERS.items():
        assert answer.headers[name] == value
    assert "default-src 'self'" in answer.headers["content-security-policy"]


def test_pages_carry_no_inline_script_or_style(client: TestClient) -> None:
    sign_in(client, "analyst")
    for path in ("/login", "/", "/search?q=amira", "/entities/p-amira"):
        html = client.get(path).text
        assert "<script" not in html and "<style" not in html and " style=" not in html
        assert "http://" not in html and "https://" not in html
