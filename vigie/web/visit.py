"""One request to the workspace: who is asking, in which language, and which CSRF token their
forms carry. Routes receive a :class:`Visit` instead of the raw request and its cookies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from vigie.errors import AuthenticationFailed, Forbidden
from vigie.i18n import LANGUAGES, _, set_language
from vigie.policy.accounts import Session, check_csrf, find_session
from vigie.policy.reader import Reader
from vigie.settings import Settings
from vigie.store import Store
from vigie.web.session import (
    LANGUAGE_COOKIE,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    check_login_token,
    login_token,
    new_login_cookie,
)


def accepted_language(header: str | None) -> str | None:
    """The first of Vigie's languages in an ``Accept-Language`` header, by the header's weights."""
    ranked: list[tuple[float, int, str]] = []
    for index, item in enumerate((header or "").split(",")):
        tag, _sep, params = item.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        code = tag.strip().lower().split("-")[0]
        if code in LANGUAGES and weight > 0:
            ranked.append((-weight, index, code))
    return min(ranked)[2] if ranked else None


def choose_language(request: Request, settings: Settings, session: Session | None) -> str:
    """The page's language: the ``vigie_lang`` cookie (set by the switch, and at sign-in from the
    user's stored language), else the signed-in user's language, else ``Accept-Language``, else
    the installation's default."""
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if cookie in LANGUAGES:
        return str(cookie)
    if session is not None and session.reader.language in LANGUAGES:
        return session.reader.language
    return accepted_language(request.headers.get("accept-language")) or settings.language


def wants_json(request: Request) -> bool:
    """Whether the caller asked for the page's JSON form rather than HTML."""
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def current_path(request: Request) -> str:
    """The path and query of the request, to come back to after signing in or switching."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


@dataclass(frozen=True)
class Visit:
    """A request to the workspace, with its session (if any) and language."""

    request: Request
    settings: Settings
    store: Store
    session: Session | None
    language: str
    login_cookie: str
    fresh_login_cookie: bool

    @property
    def reader(self) -> Reader:
        """The signed-in user; raises :class:`AuthenticationFailed` for a visitor."""
        if self.session is None:
            raise AuthenticationFailed(_("Please sign in."))
        return self.session.reader

    @property
    def csrf_token(self) -> str:
        """The token this visit's forms carry."""
        if self.session is not None:
            return self.session.csrf_token
        return login_token(self.settings, self.login_cookie)

    @property
    def json(self) -> bool:
        """Whether to answer with the page's JSON form."""
        return wants_json(self.request)

    def check_csrf(self, token: str | None) -> None:
        """Refuse a form whose CSRF token does not match this visit's."""
        if self.session is not None:
            ok = check_csrf(self.session, token)
        else:
            cookie = self.request.cookies.get(LOGIN_CSRF_COOKIE)
            ok = check_login_token(self.settings, cookie, token)
        if not ok:
            raise Forbidden(
                _(
                    "This form could not be verified: it has expired or did not come from this "
                    "workspace. Reload the page and try again."
                )
            )


def _find(store: Store, session_id: str | None) -> Session | None:
    if not session_id:
        return None
    try:
        return find_session(store.engine, session_id)
    except AuthenticationFailed:
        return None


def open_visit(request: Request, session: Session | None = None) -> Visit:
    """Build the visit for a request whose session has been looked up (see :func:`get_visit`);
    it is kept on ``request.state`` for the error pages."""
    settings: Settings = request.app.state.settings
    store: Store = request.app.state.store
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE)
    visit = Visit(
        request=request,
        settings=settings,
        store=store,
        session=session,
        language=choose_language(request, settings, session),
        login_cookie=cookie or new_login_cookie(),
        fresh_login_cookie=not cookie,
    )
    request.state.visit = visit
    return visit


async def get_visit(request: Request) -> Visit:
    """The request's visit. Async on purpose: the language set here is a context variable, and
    only a dependency that runs in the request's own task passes it on to the route (sync
    dependencies run in a worker thread whose context is thrown away)."""
    store: Store = request.app.state.store
    session = await run_in_threadpool(_find, store, request.cookies.get(SESSION_COOKIE))
    visit = open_visit(request, session)
    set_language(visit.language)
    return visit


async def get_signed_in(visit: Annotated[Visit, Depends(get_visit)]) -> Visit:
    """The visit of a signed-in user; a visitor is sent to the sign-in page."""
    if visit.session is None:
        raise AuthenticationFailed(_("Please sign in."))
    return visit


VisitDep = Annotated[Visit, Depends(get_visit)]
SignedInDep = Annotated[Visit, Depends(get_signed_in)]
