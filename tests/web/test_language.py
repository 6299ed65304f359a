"""English and French: the switch, the defaults, and French pages free of English UI text."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import csrf_of, sign_in
from vigie.i18n import translate
from vigie.i18n.messages import extract
from vigie.web.visit import accepted_language

HTML_LANG = re.compile(r'<html lang="(\w+)">')
DETAILS = re.compile(r'<td class="clip details".*?</td>', re.S)


def page_language(html: str) -> str:
    """The page's ``<html lang>``."""
    found = HTML_LANG.search(html)
    assert found
    return found.group(1)


def switch(client: TestClient, code: str, from_path: str = "/") -> None:
    """Press a language button on a page."""
    page = client.get(from_path)
    form = {"language": code, "csrf_token": csrf_of(page), "next": from_path}
    answer = client.post("/language", data=form, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == from_path


def test_switch_to_french_and_back(client: TestClient) -> None:
    sign_in(client, "analyst")
    switch(client, "fr", "/entities/p-amira")
    page = client.get("/entities/p-amira")
    assert page_language(page.text) == "fr"
    assert "Faits" in page.text and "Date de naissance" in page.text and "Personne" in page.text
    assert "SECRET // CANADIAN EYES ONLY" in page.text
    assert "NON CLASSIFIÉ // REL FVEY-UK" in page.text
    switch(client, "en", "/entities/p-amira")
    assert page_language(client.get("/entities/p-amira").text) == "en"


def test_switch_before_sign_in_uses_the_pre_session_token(client: TestClient) -> None:
    switch(client, "fr", "/login")
    page = client.get("/login")
    assert page_language(page.text) == "fr"
    assert "Mot de passe" in page.text


def test_switch_without_csrf_token_changes_nothing(client: TestClient) -> None:
    sign_in(client, "analyst")
    answer = client.post("/language", data={"language": "fr"}, follow_redirects=False)
    assert answer.status_code == 403
    assert page_language(client.get("/").text) == "en"


def test_unknown_language_is_refused(client: TestClient) -> None:
    sign_in(client, "analyst")
    page = client.get("/")
    form = {"language": "tlh", "csrf_token": csrf_of(page)}
    assert client.post("/language", data=form, follow_redirects=False).status_code == 422


def test_stored_language_is_the_default_after_sign_in(client: TestClient) -> None:
    sign_in(client, "analyste")
    page = client.get("/")
    assert page_language(page.text) == "fr"
    assert "Se déconnecter" in page.text


def test_accept_language_is_the_fallback(client: TestClient) -> None:
    page = client.get("/login", headers={"accept-language": "fr-CA,fr;q=0.9,en;q=0.8"})
    assert page_language(page.text) == "fr"
    assert accepted_language("de, en;q=0.5, fr;q=0.7") == "fr"
    assert accepted_language("de") is None
    assert accepted_language("fr;q=0, en") == "en"


def _english_ui_messages() -> list[str]:
    """The workspace's messages whose French differs from the English."""
    messages = []
    for message in extract():
        where = {path for path, _line in message.locations}
        in_web = any(p.startswith("vigie/web/") for p in where)
        if message.id and in_web and translate(str(message.id), "fr") != message.id:
            messages.append(str(message.id))
    return messages


@pytest.mark.parametrize(
    ("user", "path"),
    [
        (None, "/login"),
        ("analyst", "/"),
        ("analyst", "/search?q=amira"),
        ("analyst", "/search?q=nobody"),
        ("analyst", "/entities/p-amira"),
        ("analyst", "/entities/no-such-thing"),
        ("officer", "/audit"),
        ("auditor", "/audit"),
        # Pages without forms: a form's marking choices carry the English label as their value.
        ("analyst", "/requirements"),
        ("analyst", "/products"),
        ("analyst", "/watches"),
        ("partner-uk", "/releases"),
    ],
)
def test_french_pages_show_no_english_ui_text(
    client: TestClient, user: str | None, path: str
) -> None:
    if user:
        sign_in(client, user)
    switch(client, "fr", "/login" if user is None else "/")
    html = unescape(client.get(path).text)
    assert page_language(html) == "fr"
    # Audit details are recorded data (an import's marking, say), not interface text.
    html = DETAILS.sub("", html)
    # Whole words only: a short message ("By") may be part of a French word or of data.
    leftovers = [
        m
        for m in _english_ui_messages()
        if m.split("{")[0].strip()
        and re.search(rf"(?<!\w){re.escape(m.split('{')[0].strip())}(?!\w)", html)
    ]
    assert leftovers == []
