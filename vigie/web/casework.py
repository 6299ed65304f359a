"""The casework pages: watches and notifications, case files and their timelines, and
requests for case support (the officer's form, the HQ queue, assignment and answer).

HTTP only: the rules, the policy and the audit are ``vigie.cycle``'s; forms are checked by the
JSON API's models.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import ValidationError
from starlette.responses import Response

from vigie.api.routers.casework import (
    AnswerIn,
    AssignIn,
    CaseIn,
    ItemIn,
    SupportIn,
    WatchIn,
    case_out,
    notification_out,
    support_out,
    watch_out,
)
from vigie.cycle import cases, support, watches
from vigie.cycle.access import require_producer
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.case import ItemKind, SupportStatus
from vigie.model.handling import Handling, Marking, combine
from vigie.policy.accounts import list_readers
from vigie.policy.reader import Action
from vigie.web.forms import PostedForm, body_of, handling_fields, problem
from vigie.web.render import redirect, render, render_json
from vigie.web.visit import SignedInDep, Visit

router = APIRouter(include_in_schema=False)

DEFAULT_HANDLING = Handling(Marking.PROTECTED_B)


def field_names() -> dict[str, str]:
    """Each field's label as the forms show it, to name it in an error."""
    return {
        "kind": _("Kind"),
        "target": _("Entity id or search"),
        "title": _("Title"),
        "compartment": _("Compartment"),
        "ref": _("Reference"),
        "note": _("Note"),
        "question": _("Question"),
        "entity_id": _("Entity"),
        "assignee": _("Assignee"),
        "answer": _("Answer"),
        "marking": _("Marking"),
    }


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return problem(exc, field_names())[0]
    return str(exc)


def item_words() -> dict[str, str]:
    """Case item kinds and request statuses with their names for people."""
    return {
        ItemKind.SUBJECT.value: _("Subject"),
        ItemKind.ENTITY.value: _("Linked entity"),
        ItemKind.REPORT.value: _("Report"),
        ItemKind.HIT.value: _("Screening hit"),
        ItemKind.DOCUMENT.value: _("Document"),
        ItemKind.CHART.value: _("Chart"),
        ItemKind.NOTE.value: _("Note"),
        ItemKind.TASK.value: _("Task"),
        SupportStatus.QUEUED.value: _("In the HQ queue"),
        SupportStatus.ASSIGNED.value: _("Assigned"),
        SupportStatus.ANSWERED.value: _("Answered"),
    }


def _watch_page(visit: Visit, status: int = 200, error: str | None = None) -> Response:
    told = watches.notifications(visit.store, visit.reader)
    mine = watches.list_watches(visit.store, visit.reader)
    if visit.json:
        if error:
            return render_json(visit, {"detail": error}, status)
        payload = {
            "watches": [watch_out(w).model_dump() for w in mine],
            "notifications": [notification_out(n).model_dump() for n in told],
        }
        return render_json(visit, payload, status)
    return render(visit, "watches.html", status, watches=mine, notifications=told, error=error)


@router.get("/watches")
def watch_page(visit: SignedInDep) -> Response:
    """The user's watches and the notifications they raised (checked on opening the page)."""
    return _watch_page(visit)


@router.post("/watches")
def add_watch(visit: SignedInDep, form: PostedForm) -> Response:
    """Watch an entity or a search."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = WatchIn.model_validate(body_of(form, ("kind", "target")))
        watches.add_watch(visit.store, visit.reader, body.kind, body.target)
    except (ValidationError, InvalidInput) as exc:
        return _watch_page(visit, 422, _message(exc))
    return redirect(visit, "/watches")


@router.post("/watches/{watch_id:int}/removal")
def remove_watch(visit: SignedInDep, watch_id: int, form: PostedForm) -> Response:
    """Stop a watch."""
    visit.check_csrf(form.get("csrf_token"))
    watches.remove_watch(visit.store, visit.reader, watch_id)
    return redirect(visit, "/watches")


@router.post("/notifications/seen")
def mark_seen(visit: SignedInDep, form: PostedForm) -> Response:
    """Mark every notification seen."""
    visit.check_csrf(form.get("csrf_token"))
    watches.mark_seen(visit.store, visit.reader)
    return redirect(visit, "/watches")


def _cases_page(visit: Visit, status: int = 200, error: str | None = None) -> Response:
    found = cases.list_cases(visit.store, visit.reader)
    if visit.json:
        if error:
            return render_json(visit, {"detail": error}, status)
        return render_json(visit, [case_out(c) for c in found], status)
    return render(
        visit,
        "cases.html",
        status,
        cases=found,
        error=error,
        compartments=sorted(visit.reader.compartments),
        markings=[m for m in Marking if m <= visit.reader.clearance.max_marking],
        banner=combine(c.handling for c in found) if found else None,
    )


@router.get("/cases")
def case_list(visit: SignedInDep) -> Response:
    """The case files of the user's compartments, and the form to open one."""
    return _cases_page(visit)


@router.post("/cases")
def open_case(visit: SignedInDep, form: PostedForm) -> Response:
    """Open a case file and go to it."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = CaseIn.model_validate(body_of(form, tuple(CaseIn.model_fields)))
        opened = cases.open_case(
            visit.store,
            visit.reader,
            body.title,
            body.compartment,
            body.marking,
            tuple(body.caveats),
        )
    except (ValidationError, InvalidInput) as exc:
        return _cases_page(visit, 422, _message(exc))
    return redirect(visit, f"/cases/{opened.id}")


def _case_page(visit: Visit, case_id: int, status: int = 200, error: str | None = None) -> Response:
    found = cases.read_case(visit.store, visit.reader, case_id)
    if visit.json:
        if error:
            return render_json(visit, {"detail": error}, status)
        return render_json(visit, case_out(found), status)
    return render(
        visit,
        "case.html",
        status,
        case=found,
        captions=cases.captions(visit.store, visit.reader, found),
        error=error,
        words=item_words(),
        kinds=[k.value for k in ItemKind],
        may_add=visit.reader.may(Action.PRODUCE),
        banner=found.handling,
    )


@router.get("/cases/{case_id:int}")
def case_page(visit: SignedInDep, case_id: int) -> Response:
    """A case file's timeline, and the form to add to it."""
    return _case_page(visit, case_id)


@router.post("/cases/{case_id:int}/items")
def add_item(visit: SignedInDep, case_id: int, form: PostedForm) -> Response:
    """Add an item to the case's timeline."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = ItemIn.model_validate(body_of(form, ("kind", "ref", "note")))
        cases.add_item(visit.store, visit.reader, case_id, body.kind, body.ref, body.note)
    except (ValidationError, InvalidInput) as exc:
        return _case_page(visit, case_id, 422, _message(exc))
    return redirect(visit, f"/cases/{case_id}")


def _support_page(
    visit: Visit,
    status: int = 200,
    error: str | None = None,
    fields: dict[str, str] | None = None,
) -> Response:
    found = support.list_requests(visit.store, visit.reader)
    if visit.json:
        if error:
            return render_json(visit, {"detail": error}, status)
        return render_json(visit, [support_out(r) for r in found], status)
    return render(
        visit,
        "support.html",
        status,
        requests=found,
        error=error,
        fields=fields or handling_fields(DEFAULT_HANDLING),
        words=item_words(),
        queue=visit.reader.may(Action.PRODUCE),
        markings=[m for m in Marking if m <= visit.reader.clearance.max_marking],
        banner=combine(r.handling for r in found) if found else None,
    )


@router.get("/support")
def support_list(visit: SignedInDep, entity: str = "") -> Response:
    """The HQ queue for analysts and supervisors; an officer's own requests; the form."""
    fields = {**handling_fields(DEFAULT_HANDLING), "entity_id": entity}
    return _support_page(visit, fields=fields)


@router.post("/support")
def request_support(visit: SignedInDep, form: PostedForm) -> Response:
    """Send a request for case support to the HQ queue."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = SupportIn.model_validate(body_of(form, tuple(SupportIn.model_fields)))
        asked = support.request_support(
            visit.store, visit.reader, body.question, body.handling(), body.entity_id
        )
    except (ValidationError, InvalidInput) as exc:
        fields = {k: v for k, v in form.items() if k != "csrf_token"}
        return _support_page(visit, 422, _message(exc), fields)
    return redirect(visit, f"/support/{asked.id}")


def _request_page(
    visit: Visit, request_id: int, status: int = 200, error: str | None = None
) -> Response:
    found = support.read_request(visit.store, visit.reader, request_id)
    if visit.json:
        if error:
            return render_json(visit, {"detail": error}, status)
        return render_json(visit, support_out(found), status)
    reader = visit.reader
    producers = [r.name for r in list_readers(visit.store.engine) if r.may(Action.PRODUCE)]
    shown = [found.handling] + ([found.answer_handling] if found.answer_handling else [])
    context: dict[str, Any] = {
        "item": found,
        "error": error,
        "words": item_words(),
        "may_assign": reader.may(Action.PRODUCE) and found.status is not SupportStatus.ANSWERED,
        "may_answer": found.status is SupportStatus.ASSIGNED
        and reader.may(Action.PRODUCE)
        and (reader.name == found.assigned_to or reader.may(Action.APPROVE)),
        "producers": producers,
        "fields": handling_fields(found.handling),
        "markings": [m for m in Marking if m <= reader.clearance.max_marking],
        "banner": combine(shown),
    }
    return render(visit, "support_request.html", status, **context)


@router.get("/support/{request_id:int}")
def request_page(visit: SignedInDep, request_id: int) -> Response:
    """One request: the question, who has it, and the answer when there is one."""
    return _request_page(visit, request_id)


@router.post("/support/{request_id:int}/assignment")
def assign(visit: SignedInDep, request_id: int, form: PostedForm) -> Response:
    """Assign the request to an analyst or supervisor."""
    visit.check_csrf(form.get("csrf_token"))
    require_producer(visit.reader)
    try:
        body = AssignIn.model_validate(body_of(form, ("assignee",)))
        support.assign(visit.store, visit.reader, request_id, body.assignee)
    except (ValidationError, InvalidInput) as exc:
        return _request_page(visit, request_id, 422, _message(exc))
    return redirect(visit, f"/support/{request_id}")


@router.post("/support/{request_id:int}/answer")
def answer(visit: SignedInDep, request_id: int, form: PostedForm) -> Response:
    """Answer the request."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = AnswerIn.model_validate(body_of(form, tuple(AnswerIn.model_fields)))
        support.answer(visit.store, visit.reader, request_id, body.answer, body.handling())
    except (ValidationError, InvalidInput) as exc:
        return _request_page(visit, request_id, 422, _message(exc))
    return redirect(visit, f"/support/{request_id}")
