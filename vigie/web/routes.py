"""The workspace's pages: HTTP only. Each route reads the store through the reader's view (which
applies the policy and writes the audit log) and draws a template or the page's JSON form."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from starlette.responses import Response

from vigie.api.models import AuditEventOut, AuditVerifyOut
from vigie.api.payloads import entity_out, search_out
from vigie.errors import AuthenticationFailed, Forbidden, InvalidInput, NotFound, VigieError
from vigie.i18n import LANGUAGES, _, language
from vigie.model.handling import combine
from vigie.policy import audit
from vigie.policy.accounts import authenticate, close_session, open_session
from vigie.policy.reader import Action
from vigie.resolve import service as resolution
from vigie.screen import referral
from vigie.web import (
    casework,
    document_alerts,
    documents,
    interdictions,
    lookouts,
    network,
    planning,
    products,
    redress,
    referrals,
    resolve,
    screen,
)
from vigie.web.page import page_handling
from vigie.web.render import redirect, render, render_json
from vigie.web.session import (
    LANGUAGE_COOKIE,
    LANGUAGE_MAX_AGE,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    check_login_token,
    clear_cookie,
    safe_next,
    set_cookie,
)
from vigie.web.visit import SignedInDep, VisitDep, current_path, open_visit

router = APIRouter(include_in_schema=False)
router.include_router(lookouts.router)
router.include_router(screen.router)
router.include_router(referrals.router)
router.include_router(redress.router)
router.include_router(interdictions.router)
router.include_router(documents.router)
router.include_router(document_alerts.router)
router.include_router(resolve.router)
router.include_router(network.router)
router.include_router(planning.router)
router.include_router(products.router)
router.include_router(casework.router)

MAX_QUERY = 500
AUDIT_PAGE = 100
FormText = Annotated[str, Form()]
NextForm = Annotated[str, Form(alias="next")]
NextQuery = Annotated[str, Query(alias="next")]


@router.get("/login")
def login_page(visit: VisitDep, target: NextQuery = "/") -> Response:
    """The sign-in form; a signed-in user goes straight on."""
    if visit.session is not None:
        return redirect(visit, safe_next(target))
    return render(visit, "login.html", next=safe_next(target), error=None, username="")


@router.post("/login")
def login(
    visit: VisitDep,
    username: FormText = "",
    password: FormText = "",
    csrf_token: FormText = "",
    target: NextForm = "/",
) -> Response:
    """Check the form's pre-session token, then the password (throttled and audited by the
    policy), then open a session and go on to ``next`` if it is a path on this site."""
    cookie = visit.request.cookies.get(LOGIN_CSRF_COOKIE)
    if not check_login_token(visit.settings, cookie, csrf_token):
        raise Forbidden(_("The sign-in form has expired. Reload the page and try again."))
    address = visit.request.client.host if visit.request.client else "unknown"
    name = username.strip()
    try:
        reader = authenticate(visit.store.engine, visit.settings, name, password, address, "web")
    except AuthenticationFailed as exc:
        context = {"next": safe_next(target), "error": str(exc), "username": name}
        return render(visit, "login.html", 401, **context)
    session = open_session(visit.store.engine, visit.settings, reader)
    response = redirect(visit, safe_next(target))
    set_cookie(response, visit.settings, SESSION_COOKIE, session.id)
    # The user's stored language becomes the workspace's language until they switch it.
    set_cookie(response, visit.settings, LANGUAGE_COOKIE, reader.language, LANGUAGE_MAX_AGE, "lax")
    clear_cookie(response, visit.settings, LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
def logout(visit: SignedInDep, csrf_token: FormText = "") -> Response:
    """End the session (audited) and forget its cookie."""
    visit.check_csrf(csrf_token)
    if visit.session is not None:
        close_session(visit.store.engine, visit.session)
    response = redirect(visit, "/login")
    clear_cookie(response, visit.settings, SESSION_COOKIE)
    return response


@router.post("/language")
def switch_language(
    visit: VisitDep,
    code: Annotated[str, Form(alias="language")],
    csrf_token: FormText = "",
    target: NextForm = "/",
) -> Response:
    """Switch the workspace's language (a cookie) and come back to the same page."""
    visit.check_csrf(csrf_token)
    if code not in LANGUAGES:
        raise InvalidInput(_("Unknown language {code}.").format(code=code))
    response = redirect(visit, safe_next(target))
    set_cookie(response, visit.settings, LANGUAGE_COOKIE, code, LANGUAGE_MAX_AGE, "lax")
    return response


@router.get("/")
@router.get("/search")
def search(visit: SignedInDep, q: str = "", limit: int = 50) -> Response:
    """The search box and, given a query, the entities the reader may see that match it."""
    query = q.strip()
    if len(query) > MAX_QUERY:
        raise InvalidInput(
            _("The search is too long: at most {count} characters.").format(count=MAX_QUERY)
        )
    limit = min(max(limit, 1), 500)
    hits = visit.store.view(visit.reader).search(query, limit) if query else []
    if visit.json:
        return render_json(visit, search_out(query, hits))
    banner = combine(h.entity.handling for h in hits) if query else None
    return render(visit, "search.html", query=query, hits=hits, banner=banner)


@router.get("/entities/{entity_id}")
def entity(visit: SignedInDep, entity_id: str, filed: str = "") -> Response:
    """One entity: every fact the reader may see with its provenance, and related entities.
    ``filed`` says the user has just filed a report about it (``new``) or filed it again
    (``repeat``), which the page confirms."""
    view = visit.store.view(visit.reader)
    found, relations = view.entity(entity_id)
    if visit.json:
        return render_json(visit, entity_out(found, relations))
    person = found.schema.is_a("Person")
    cluster = resolution.cluster_of(visit.store, visit.reader, entity_id) if person else None
    return render(
        visit,
        "entity.html",
        cluster=cluster,
        entity=found,
        facts=found.property_facts(),
        relations=relations,
        linked={r.entity_id: r.caption for r in relations},
        banner=combine(
            [page_handling(found, relations), *(m.handling for m in cluster.members)]
            if cluster
            else [page_handling(found, relations)]
        ),
        may_request=visit.reader.may(Action.REQUEST_LOOKOUT) and found.schema.is_a("Person"),
        may_refer=referral.may_refer(visit.reader) and found.schema.is_a("Person"),
        filed=filed if filed in ("new", "repeat") else "",
    )


@router.get("/audit")
def audit_log(
    visit: SignedInDep, actor: str = "", action: str = "", before: int | None = None
) -> Response:
    """The newest audit events and the hash chain's check, for privacy and audit officers;
    reading it is itself audited."""
    reader = visit.reader
    if not reader.may(Action.READ_AUDIT):
        raise Forbidden(_("Only privacy and audit officers may read the audit log."))
    engine = visit.store.engine
    events = list(audit.events(engine, actor or None, action or None, AUDIT_PAGE, before))
    verdict = audit.verify(engine)
    # The filters are recorded as ``user`` and ``event``: ``record`` takes ``actor`` and ``action``
    # for the event itself.
    audit.record(
        engine, reader.name, "audit.read", "audit", user=actor, event=action, before=before
    )
    check = AuditVerifyOut(
        ok=verdict.ok, rows=verdict.rows, broken_at=verdict.broken_at, reason=verdict.reason
    )
    rows = [AuditEventOut(**e.__dict__) for e in events]
    if visit.json:
        payload = {"verify": check.model_dump(), "events": [r.model_dump() for r in rows]}
        return render_json(visit, payload)
    older = rows[-1].seq if len(rows) == AUDIT_PAGE else None
    return render(
        visit,
        "audit.html",
        check=check,
        events=rows,
        actor=actor,
        action=action,
        actions=sorted(audit.ACTIONS),
        older=older,
    )


def _error_title(exc: VigieError) -> str:
    if isinstance(exc, Forbidden):
        return _("Not allowed")
    if isinstance(exc, NotFound):
        return _("Not found")
    if isinstance(exc, InvalidInput):
        return _("Cannot accept this request")
    return _("Something went wrong")


def web_error(request: Request, exc: VigieError, status: int) -> Response:
    """The page for one of Vigie's errors on a workspace path: a visitor without a session goes
    to the sign-in page (and back here afterwards); anything else gets an error page, or the
    error as JSON when the caller asked for JSON."""
    visit = getattr(request.state, "visit", None) or open_visit(request)
    if isinstance(exc, AuthenticationFailed) and not visit.json:
        back = current_path(request) if request.method == "GET" else "/"
        login_url = "/login" if back == "/" else "/login?" + urlencode({"next": back})
        response = redirect(visit, login_url)
        if request.cookies.get(SESSION_COOKIE):
            clear_cookie(response, visit.settings, SESSION_COOKIE)
        return response
    if visit.json:
        return render_json(visit, {"detail": str(exc)}, status)
    with language(visit.language):
        title = _error_title(exc)
    return render(visit, "error.html", status, title=title, message=str(exc))
