"""Document alerts in the workspace: the list and the publication form for migration integrity
officers and analysts, and the analysts' queue of alert matches and referred checks, each
waiting for a person's decision with its reason.

HTTP only: ``vigie.documents.alerts`` and ``vigie.documents.check`` hold the rules, the policy
and the audit; forms are checked by the JSON API's models.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import ValidationError
from starlette.responses import Response

from vigie.api.routers.documents import (
    AlertIn,
    DecisionIn,
    NoteIn,
    ReasonIn,
    alert_out,
    match_out,
    record_out,
)
from vigie.collect.interdictions import document_type_label
from vigie.documents import alerts
from vigie.documents.alert import DOCUMENT_TYPES, AlertStatus
from vigie.documents.check import list_referrals, review
from vigie.errors import Forbidden, InvalidInput
from vigie.i18n import _
from vigie.model.handling import Handling, Marking, combine
from vigie.policy.reader import Action
from vigie.web.forms import PostedForm, body_of, chosen_handling, handling_fields, problem
from vigie.web.forms import render_form as draw_form
from vigie.web.render import redirect, render, render_json
from vigie.web.visit import SignedInDep, Visit

router = APIRouter(include_in_schema=False)
ALERT_FIELDS = tuple(AlertIn.model_fields)
DEFAULT_HANDLING = Handling(Marking.PROTECTED_B)


def field_names() -> dict[str, str]:
    """Each field's label as the form shows it, to name it in an error."""
    return {
        "title": _("Title"),
        "features": _("Features to examine"),
        "issuing_state": _("Issuing state"),
        "document_type": _("Document type"),
        "number_pattern": _("Number pattern"),
        "number_from": _("First number"),
        "number_to": _("Last number"),
        "issued_from": _("Issued from"),
        "issued_to": _("Issued until"),
        "expires_on": _("Alert expires on"),
        "marking": _("Marking"),
        "reliability": _("Source reliability"),
        "credibility": _("Information credibility"),
        "decision": _("Decision"),
        "reason": _("Reason"),
        "note": _("Note"),
    }


def _document_types() -> list[tuple[str, str]]:
    return [(kind, document_type_label(kind)) for kind in DOCUMENT_TYPES]


def _list(
    visit: Visit,
    fields: dict[str, str],
    status: int = 200,
    error: str | None = None,
    error_field: str | None = None,
    done: str = "",
) -> Response:
    found = alerts.list_alerts(visit.store, visit.reader)
    if visit.json and not error:
        return render_json(visit, [alert_out(a) for a in found])
    marks = [a.spec.handling for a in found]
    if error:
        marks.append(chosen_handling(fields) or DEFAULT_HANDLING)
    context: dict[str, Any] = {
        "alerts": found,
        "active": AlertStatus.ACTIVE,
        "document_types": _document_types(),
        "done": done,
    }
    banner = combine(marks) if marks else None
    return draw_form(
        visit, "document_alerts.html", fields, banner, status, error, error_field, **context
    )


def _defaults() -> dict[str, str]:
    return {**handling_fields(DEFAULT_HANDLING), "reliability": "B", "credibility": "2"}


@router.get("/documents/alerts")
def alert_list(visit: SignedInDep, published: int | None = None, matched: int = 0) -> Response:
    """Document alerts the user may see, and the form to publish one for those who may."""
    done = ""
    if published is not None:
        done = _("Alert {id} published; {count} stored documents match it.").format(
            id=published, count=matched
        )
    return _list(visit, _defaults(), done=done)


@router.post("/documents/alerts")
def publish_alert(visit: SignedInDep, form: PostedForm) -> Response:
    """Publish an alert from the form; stored documents are matched at once."""
    visit.check_csrf(form.get("csrf_token"))
    if not visit.reader.may(Action.MANAGE_ALERTS):
        raise Forbidden(_("Your role may not publish document alerts."))
    fields = {name: form.get(name, "") for name in ALERT_FIELDS}
    try:
        body = AlertIn.model_validate(body_of(form, ALERT_FIELDS))
        alert, matched = alerts.publish_alert(visit.store, visit.reader, body.spec())
    except ValidationError as exc:
        return _list(visit, fields, 422, *problem(exc, field_names()))
    except InvalidInput as exc:
        field = str(exc).split(":", 1)[0]
        return _list(visit, fields, 422, str(exc), field if field in fields else None)
    if visit.json:
        return render_json(visit, alert_out(alert, matched), 201)
    return redirect(visit, f"/documents/alerts?published={alert.id}&matched={matched}")


@router.post("/documents/alerts/{alert_id:int}/withdrawal")
def withdraw_alert(visit: SignedInDep, alert_id: int, form: PostedForm) -> Response:
    """Withdraw an alert, with the reason."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = ReasonIn.model_validate(body_of(form, ("reason",)))
    except ValidationError as exc:
        raise InvalidInput(problem(exc, field_names())[0]) from None
    withdrawn = alerts.withdraw_alert(visit.store, visit.reader, alert_id, body.reason)
    if visit.json:
        return render_json(visit, alert_out(withdrawn))
    return redirect(visit, "/documents/alerts")


@router.get("/documents/queue")
def queue(visit: SignedInDep) -> Response:
    """The analysts' queue: documents matched to alerts and checks referred by officers, each
    waiting for a decision with its reason."""
    if not visit.reader.may(Action.MANAGE_ALERTS):
        raise Forbidden(_("Only analysts and migration integrity officers review document alerts."))
    matches = alerts.list_matches(visit.store, visit.reader)
    referrals = list_referrals(visit.store, visit.reader)
    if visit.json:
        payload = {
            "matches": [match_out(m).model_dump() for m in matches],
            "referrals": [record_out(r).model_dump() for r in referrals],
        }
        return render_json(visit, payload)
    marks = [m.handling for m in matches] + [r.handling for r in referrals]
    return render(
        visit,
        "document_queue.html",
        matches=matches,
        referrals=referrals,
        banner=combine(marks) if marks else None,
    )


@router.post("/documents/matches/{match_id:int}/decision")
def decide_match(visit: SignedInDep, match_id: int, form: PostedForm) -> Response:
    """Confirm or dismiss an alert match, with the reason."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = DecisionIn.model_validate(body_of(form, ("decision", "reason")))
    except ValidationError as exc:
        raise InvalidInput(problem(exc, field_names())[0]) from None
    decided = alerts.decide_match(visit.store, visit.reader, match_id, body.decision, body.reason)
    if visit.json:
        return render_json(visit, match_out(decided))
    return redirect(visit, "/documents/queue")


@router.post("/documents/referrals/{check_id:int}/review")
def review_referral(visit: SignedInDep, check_id: int, form: PostedForm) -> Response:
    """Record what was done with a referred check."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = NoteIn.model_validate(body_of(form, ("note",)))
    except ValidationError as exc:
        raise InvalidInput(problem(exc, field_names())[0]) from None
    done = review(visit.store, visit.reader, check_id, body.note)
    if visit.json:
        return render_json(visit, record_out(done))
    return redirect(visit, "/documents/queue")
