"""The pages that keep travellers from being stopped again for someone else: cleared false
positives (a supervisor may revoke one) and redress records (a supervisor or the privacy and
audit officer grants and revokes them).

HTTP only: the rules, the policy and the audit are ``vigie.screen``'s; the redress form is read
with the batch reader's own checks, so it accepts what a batch file accepts.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import ValidationError
from starlette.responses import Response

from vigie.api.routers.screen import (
    ReasonIn,
    RedressIn,
    clearance_out,
    redress_out,
    redress_subject,
)
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.handling import combine
from vigie.policy.reader import Action
from vigie.screen import adjudication, redress
from vigie.web.forms import PostedForm, body_of, problem
from vigie.web.render import redirect, render, render_json
from vigie.web.screen import TRAVELLER_HANDLING
from vigie.web.visit import SignedInDep, Visit

router = APIRouter(include_in_schema=False)

REDRESS_FIELDS = ("name", "birth_date", "document_number", "entity_id", "reason")


def _clearances_page(
    visit: Visit, entity: str, status: int = 200, error: str | None = None
) -> Response:
    found = adjudication.list_clearances(visit.store, visit.reader, entity or None)
    if visit.json:
        if error:
            return render_json(visit, {"detail": error}, status)
        return render_json(visit, [clearance_out(c) for c in found])
    return render(
        visit,
        "screen_clearances.html",
        status,
        clearances=found,
        entity=entity,
        error=error,
        may_revoke=visit.reader.may(Action.APPROVE),
        banner=combine([TRAVELLER_HANDLING, *(c.handling for c in found)]),
    )


@router.get("/screen/clearances")
def clearances(visit: SignedInDep, entity: str = "") -> Response:
    """Cleared false positives: who cleared which traveller against which entry, and why."""
    return _clearances_page(visit, entity)


@router.post("/screen/clearances/{clearance_id:int}/revocation")
def revoke_clearance(visit: SignedInDep, clearance_id: int, form: PostedForm) -> Response:
    """A supervisor revokes a clearance, with a reason."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = ReasonIn.model_validate(body_of(form, ("reason",)))
        adjudication.revoke(visit.store, visit.reader, clearance_id, body.reason)
    except ValidationError as exc:
        return _clearances_page(visit, "", 422, problem(exc, {"reason": _("Reason")})[0])
    except InvalidInput as exc:
        return _clearances_page(visit, "", 422, str(exc))
    return redirect(visit, "/screen/clearances")


def _redress_page(
    visit: Visit,
    fields: dict[str, Any],
    status: int = 200,
    error: str | None = None,
    error_field: str | None = None,
) -> Response:
    found = redress.list_redress(visit.store, visit.reader)
    if visit.json:
        if error:
            return render_json(visit, {"detail": error}, status)
        return render_json(visit, [redress_out(r) for r in found])
    return render(
        visit,
        "screen_redress.html",
        status,
        records=found,
        fields=fields,
        error=error,
        error_field=error_field,
        may_grant=visit.reader.may(Action.GRANT_REDRESS),
        banner=combine([TRAVELLER_HANDLING, *(r.handling for r in found)]),
    )


@router.get("/screen/redress")
def redress_list(visit: SignedInDep, entity: str = "") -> Response:
    """Redress records, and the form that grants one."""
    return _redress_page(visit, {"entity_id": entity})


@router.post("/screen/redress")
def grant_redress(visit: SignedInDep, form: PostedForm) -> Response:
    """Grant a redress record; a refused one comes back with the fields and why."""
    visit.check_csrf(form.get("csrf_token"))
    fields = {name: form.get(name, "").strip() for name in REDRESS_FIELDS}
    names = {
        "name": _("Name"),
        "birth_date": _("Birth date"),
        "document_number": _("Document number"),
        "entity_id": _("Entry"),
        "reason": _("Reason"),
    }
    try:
        body = RedressIn.model_validate(body_of(form, REDRESS_FIELDS))
        redress.grant(
            visit.store,
            visit.reader,
            redress_subject(body),
            body.entity_id or None,
            body.reason,
            TRAVELLER_HANDLING,
        )
    except ValidationError as exc:
        message, field = problem(exc, names)
        return _redress_page(visit, fields, 422, message, field)
    except InvalidInput as exc:
        return _redress_page(visit, fields, 422, str(exc))
    return redirect(visit, "/screen/redress")


@router.post("/screen/redress/{redress_id:int}/revocation")
def revoke_redress(visit: SignedInDep, redress_id: int, form: PostedForm) -> Response:
    """Revoke a redress record, with a reason."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = ReasonIn.model_validate(body_of(form, ("reason",)))
        redress.revoke(visit.store, visit.reader, redress_id, body.reason)
    except ValidationError as exc:
        return _redress_page(visit, {}, 422, problem(exc, {"reason": _("Reason")})[0])
    except InvalidInput as exc:
        return _redress_page(visit, {}, 422, str(exc))
    return redirect(visit, "/screen/redress")
