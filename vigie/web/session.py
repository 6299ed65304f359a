"""Cookies and CSRF tokens: the session cookie, the sign-in form's pre-session token, the
language cookie, and where a sign-in may send the browser next.

| cookie | holds | flags |
| --- | --- | --- |
| ``vigie_session`` | the session id (stored hashed) | HttpOnly, SameSite=Strict, Secure* |
| ``vigie_csrf`` | a random value for forms before sign-in | HttpOnly, SameSite=Strict, Secure* |
| ``vigie_lang`` | ``en`` or ``fr`` | HttpOnly, SameSite=Lax, Secure*, one year |

\\* when ``settings.secure_cookies`` is on (the default).

Once signed in, forms carry the session's own CSRF token (``vigie.policy.accounts``). Before
that, the sign-in and language forms use a *signed* double-submit token: the form field is an
HMAC of the ``vigie_csrf`` cookie under the installation's secret key, so someone able to plant
a cookie still cannot forge the matching field.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Literal
from urllib.parse import urlsplit

from starlette.responses import Response

from vigie.settings import Settings

SESSION_COOKIE = "vigie_session"
LOGIN_CSRF_COOKIE = "vigie_csrf"
LANGUAGE_COOKIE = "vigie_lang"
CSRF_FIELD = "csrf_token"
LANGUAGE_MAX_AGE = 365 * 24 * 3600


def set_cookie(
    response: Response,
    settings: Settings,
    name: str,
    value: str,
    max_age: int | None = None,
    same_site: Literal["strict", "lax"] = "strict",
) -> None:
    """Set one of the workspace's cookies with its flags; without ``max_age`` the cookie ends
    with the browser (the server ends the session anyway after ``session_hours``)."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        secure=settings.secure_cookies,
        httponly=True,
        samesite=same_site,
    )


def clear_cookie(response: Response, settings: Settings, name: str) -> None:
    """Tell the browser to forget one of the workspace's cookies."""
    response.delete_cookie(
        name, path="/", secure=settings.secure_cookies, httponly=True, samesite="strict"
    )


def new_login_cookie() -> str:
    """A fresh value for the pre-session CSRF cookie."""
    return secrets.token_urlsafe(32)


def login_token(settings: Settings, cookie: str) -> str:
    """The form token that matches a pre-session CSRF cookie."""
    key = settings.secret_key.encode()
    return hmac.new(key, b"vigie-login-csrf:" + cookie.encode(), hashlib.sha256).hexdigest()


def check_login_token(settings: Settings, cookie: str | None, token: str | None) -> bool:
    """Whether a form sent before sign-in carries the token matching its cookie."""
    if not cookie or not token:
        return False
    return hmac.compare_digest(login_token(settings, cookie), token)


def safe_next(target: str | None) -> str:
    """Where to go after signing in or switching language: a path on this site, or ``/``.

    Anything that a browser could read as another host (``//host``, ``/\\host``, a scheme, or
    control characters that some browsers strip) falls back to the home page.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    if "\\" in target or any(ord(c) < 0x21 or ord(c) == 0x7F for c in target):
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return "/"
    return target
