"""Signing in and out of the workspace: cookies, CSRF, throttling and where a sign-in leads."""

from __future__ import annotations

from http.cookies import SimpleCookie

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import World, csrf_of, sign_in
from vigie.api.app import create_app
from vigie.policy import audit
from vigie.policy.accounts import NewUser, add_user
from vigie.settings import Settings
from vigie.store import Store
from vigie.web.session import safe_next


def set_cookies(response: httpx.Response) -> dict[str, SimpleCookie]:
    """The cookies a response sets, by name, with their attributes."""
    found: dict[str, SimpleCookie] = {}
    for header in response.headers.get_list("set-cookie"):
        cookie: SimpleCookie = SimpleCookie()
        cookie.load(header)
        for name in cookie:
            found[name] = cookie
    return found


def test_sign_in_opens_a_session_with_safe_cookie_flags(client: TestClient) -> None:
    answer = sign_in(client, "analyst", next_path="/search?q=amira")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/search?q=amira"
    cookies = set_cookies(answer)
    session = cookies["vigie_session"]["vigie_session"]
    assert session["httponly"] is True
    assert session["secure"] is True
    assert session["samesite"].lower() == "strict"
    assert session["path"] == "/"
    assert client.get("/").status_code == 200


def test_insecure_installations_drop_the_secure_flag(web_world: World) -> None:
    settings = Settings(
        data_dir=web_world.settings.data_dir, secret_key="test-secret", secure_cookies=False
    )
    app = create_app(settings, web_world.store)
    with TestClient(app, base_url="http://testserver") as plain:
        answer = sign_in(plain, "analyst")
    session = set_cookies(answer)["vigie_session"]["vigie_session"]
    assert session["secure"] == ""
    assert session["httponly"] is True


def test_wrong_password_is_refused_on_the_form(client: TestClient) -> None:
    answer = sign_in(client, "analyst", password="not-the-password")
    assert answer.status_code == 401
    assert "wrong user name or password" in answer.text
    assert "vigie_session" not in set_cookies(answer)
    assert client.get("/", follow_redirects=False).status_code == 303


def test_repeated_failures_throttle_the_account(sqlite_settings: Settings) -> None:
    store = Store.open(sqlite_settings)
    add_user(store.engine, NewUser("clerk", "officer", "reliability", "correct-horse-1"), "test")
    with TestClient(create_app(sqlite_settings, store), base_url="https://testserver") as client:
        for _attempt in range(sqlite_settings.login_max_failures):
            assert sign_in(client, "clerk", password="wrong-password").status_code == 401
        answer = sign_in(client, "clerk", password="correct-horse-1")
    store.close()
    assert answer.status_code == 401
    assert "too many failed sign-ins" in answer.text
    assert "vigie_session" not in set_cookies(answer)


def test_sign_in_without_csrf_token_changes_nothing(client: TestClient, web_world: World) -> None:
    client.get("/login")
    before = audit.count(web_world.store.engine)
    form = {"username": "analyst", "password": "vigie-demo-2026"}
    answer = client.post("/login", data=form, follow_redirects=False)
    assert answer.status_code == 403
    assert "vigie_session" not in set_cookies(answer)
    assert audit.count(web_world.store.engine) == before


def test_sign_in_with_a_forged_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/login")
    form = {"username": "analyst", "password": "vigie-demo-2026", "csrf_token": "forged"}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 403


def test_sign_out_needs_its_csrf_token(client: TestClient) -> None:
    sign_in(client, "analyst")
    assert client.post("/logout", data={}, follow_redirects=False).status_code == 403
    home = client.get("/")
    assert home.status_code == 200


def test_sign_out_ends_the_session(client: TestClient, web_world: World) -> None:
    sign_in(client, "analyst")
    stolen = client.cookies.get("vigie_session")
    home = client.get("/")
    answer = client.post("/logout", data={"csrf_token": csrf_of(home)}, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login"
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"
    # The old cookie no longer opens anything, even replayed.
    app = create_app(web_world.settings, web_world.store)
    with TestClient(app, base_url="https://testserver", cookies={"vigie_session": stolen}) as c:
        assert c.get("/", follow_redirects=False).status_code == 303
    assert next(audit.events(web_world.store.engine, "analyst", "logout", 1)).actor == "analyst"


@pytest.mark.parametrize("path", ["/", "/search?q=amira", "/entities/p-amira", "/audit"])
def test_every_page_but_sign_in_needs_a_session(client: TestClient, path: str) -> None:
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login")
    if path != "/":
        signed = sign_in(client, "auditor", next_path=path)
        assert signed.headers["location"] == path


def test_json_callers_without_a_session_get_401(client: TestClient) -> None:
    answer = client.get("/search?q=amira", headers={"accept": "application/json"})
    assert answer.status_code == 401
    assert "detail" in answer.json()


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        "/\t/evil.example",
        " //evil.example",
        "",
    ],
)
def test_next_never_leaves_the_site(client: TestClient, target: str) -> None:
    answer = sign_in(client, "analyst", next_path=target)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"


def test_safe_next_keeps_local_paths() -> None:
    assert safe_next("/entities/p-amira?format=json") == "/entities/p-amira?format=json"
    assert safe_next("/search?q=%D0%98%D0%B2%D0%B0%D0%BD") == "/search?q=%D0%98%D0%B2%D0%B0%D0%BD"
    assert safe_next("//evil.example") == "/"
    assert safe_next("/\\evil.example") == "/"
    assert safe_next("http://testserver/") == "/"
    assert safe_next(None) == "/"
