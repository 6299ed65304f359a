"""The lookout pages: the list with its status tabs, the request form (pre-filled from an entity
the user may see), and one lookout with the supervisor's decision and the withdrawal.

HTTP only: the workflow's rules, the policy and the audit are ``vigie.collect.lookouts``'; forms
are checked by the JSON API's own models, so a page accepts exactly what the API accepts.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter
from followthemoney import model
from pydantic import ValidationError
from starlette.responses import Response

from vigie.api.routers.interdictions import check_readable
from vigie.api.routers.lookouts import DecisionIn, LookoutIn, ReasonIn, lookout_out
from vigie.collect import lookouts
from vigie.collect.mapping import InvalidValue
from vigie.errors import Forbidden, InvalidInput
from vigie.i18n import _
from vigie.model.grading import Grading
from vigie.model.handling import Handling, Marking, combine
from vigie.model.lookout import Lookout, Status
from vigie.policy.reader import Action, Reader
from vigie.web.forms import (
    PostedForm,
    body_of,
    chosen_handling,
    countries,
    handling_fields,
    problem,
    render_form,
)
from vigie.web.render import redirect, render, render_json
from vigie.web.visit import SignedInDep, Visit

router = APIRouter(include_in_schema=False)

TABS = ("pending", "approved", "rejected", "withdrawn", "all")
FIELDS = tuple(LookoutIn.model_fields)
# The expiry the form proposes: a lookout comes up for review after three months unless its
# requester sets another date.
DEFAULT_DAYS = 90
# What a lookout is marked when nothing copied into it is marked higher: it names a person and
# why they are of interest.
DEFAULT_HANDLING = Handling(Marking.PROTECTED_B)
DEFAULT_GRADING = Grading.make("B", "2")
DONE = ("requested", "approved", "rejected", "withdrawn")


def field_names() -> dict[str, str]:
    """Each field's label as the form shows it, to name it in an error."""
    return {
        "subject_name": _("Name"),
        "subject_birth_date": _("Birth date"),
        "subject_nationality": _("Nationality"),
        "subject_document": _("Document number"),
        "category": _("Category"),
        "narrative": _("Why the subject is of interest"),
        "requesting_unit": _("Requesting unit"),
        "expires_on": _("Expires on"),
        "marking": _("Marking"),
        "reliability": _("Source reliability"),
        "credibility": _("Information credibility"),
        "decision": _("Decision"),
        "reason": _("Reason"),
    }


def _require_requester(reader: Reader) -> None:
    if not reader.may(Action.REQUEST_LOOKOUT):
        raise Forbidden(_("Your role may not request lookouts."))


def _defaults(handling: Handling) -> dict[str, str]:
    expires = date.today() + timedelta(days=DEFAULT_DAYS)
    return {
        "expires_on": expires.isoformat(),
        "category": "",
        **handling_fields(handling),
        "reliability": DEFAULT_GRADING.reliability.value,
        "credibility": DEFAULT_GRADING.credibility.value,
    }


def _prefill(visit: Visit, entity_id: str) -> tuple[dict[str, str], Handling]:
    """The subject's fields copied from an entity, and the handling of what was copied.

    Only full birth dates are copied (a date field cannot hold ``1988``), and the document
    number comes from the person's own facts or else from a passport or identity document
    linked to them.
    """
    found, relations = visit.store.view(visit.reader).entity(entity_id)
    if not found.schema.is_a("Person"):
        raise InvalidInput(
            _("The subject of a lookout is a person; {caption} is not one.").format(
                caption=found.caption
            )
        )
    proxy = found.proxy
    birth = next((v for v in proxy.get("birthDate") if len(v) == 10), "")
    nationality = next(iter(proxy.get("nationality") + proxy.get("citizenship")), "")
    document = next(iter(proxy.get("passportNumber") + proxy.get("idNumber")), "")
    copied = {(p, found.caption) for p in found.schema.caption}
    copied |= {("birthDate", birth), ("nationality", nationality), ("citizenship", nationality)}
    copied |= {("passportNumber", document), ("idNumber", document)}
    shown = [f.handling for f in found.facts if (f.prop, f.value) in copied]
    if not document:
        papers = [r for r in relations if _is_document(r.schema)]
        if papers:
            document = papers[0].caption
            shown.append(papers[0].handling)
    fields = {
        "subject_entity_id": found.id,
        "subject_name": found.caption,
        "subject_birth_date": birth,
        "subject_nationality": nationality,
        "subject_document": document,
    }
    return fields, combine(shown)


def _is_document(schema: str) -> bool:
    found = model.get(schema)
    return found is not None and found.is_a("Identification")


def _form(
    visit: Visit,
    fields: dict[str, str],
    banner: Handling | None,
    status: int = 200,
    error: str | None = None,
    error_field: str | None = None,
) -> Response:
    return render_form(visit, "lookout_form.html", fields, banner, status, error, error_field)


@router.get("/lookouts")
def lookout_list(visit: SignedInDep, status: str = "all") -> Response:
    """The lookouts the user may see, newest first, one status at a time or all of them."""
    if status not in TABS:
        raise InvalidInput(_("Unknown lookout status {status}.").format(status=status))
    wanted = None if status == "all" else Status(status)
    found = lookouts.list_lookouts(visit.store, visit.reader, wanted)
    if visit.json:
        return render_json(visit, [lookout_out(item) for item in found])
    return render(
        visit,
        "lookouts.html",
        lookouts=found,
        tab=status,
        tabs=TABS,
        today=date.today(),
        banner=combine(item.request.handling for item in found),
    )


@router.get("/lookouts/new")
def new_lookout(visit: SignedInDep, entity: str = "") -> Response:
    """The request form; ``entity`` pre-fills the subject from an entity the user may see, and
    the lookout's handling starts as high as what was copied into it."""
    _require_requester(visit.reader)
    if not entity:
        return _form(visit, _defaults(DEFAULT_HANDLING), None)
    subject, copied = _prefill(visit, entity)
    fields = {**_defaults(combine([DEFAULT_HANDLING, copied])), **subject}
    return _form(visit, fields, copied)


@router.post("/lookouts/new")
def create_lookout(visit: SignedInDep, form: PostedForm) -> Response:
    """Request a lookout from the form; a refused form comes back with its input and why."""
    visit.check_csrf(form.get("csrf_token"))
    reader = visit.reader
    _require_requester(reader)
    try:
        body = LookoutIn.model_validate(body_of(form, FIELDS))
        request = body.to_request()
        check_readable(reader, request.handling)
        created = lookouts.request_lookout(visit.store, reader, request)
    except ValidationError as exc:
        return _reshow(visit, form, *problem(exc, field_names()))
    except InvalidValue as exc:
        return _reshow(visit, form, str(exc), exc.column)
    except InvalidInput as exc:
        return _reshow(visit, form, str(exc), None)
    if visit.json:
        return render_json(visit, lookout_out(created), 201)
    return redirect(visit, f"/lookouts/{created.id}?done=requested")


def _reshow(visit: Visit, form: dict[str, str], error: str, field: str | None) -> Response:
    """The form again with what was typed and why it was refused. The page shows back what its
    author typed, so it is marked as they chose to mark it (or the default when that cannot be
    read), and as high as the facts copied from the subject's entity."""
    marks = [chosen_handling(form) or DEFAULT_HANDLING]
    if form.get("subject_entity_id"):
        marks.append(_prefill(visit, form["subject_entity_id"])[1])
    fields = {name: form.get(name, "") for name in FIELDS}
    return _form(visit, fields, combine(marks), 422, error, field)


def _detail(
    visit: Visit,
    found: Lookout,
    status: int = 200,
    done: str = "",
    error: str | None = None,
    failed: str = "",
    reason: str = "",
) -> Response:
    if visit.json:
        if error:
            return render_json(visit, {"detail": error}, status)
        return render_json(visit, lookout_out(found), status)
    reader = visit.reader
    # The same rules as ``vigie.model.lookout`` (which enforces them): here they only decide
    # which forms to offer.
    open_ = found.status in (Status.PENDING, Status.APPROVED)
    may_decide = (
        found.status is Status.PENDING
        and reader.may(Action.APPROVE)
        and reader.name != found.created_by
    )
    may_withdraw = (
        open_
        and reader.may(Action.REQUEST_LOOKOUT)
        and (reader.name == found.created_by or reader.may(Action.APPROVE))
    )
    # A refused form that is no longer offered (someone else decided first) tells why on top.
    if (failed == "decision" and not may_decide) or (failed == "withdrawal" and not may_withdraw):
        failed = ""
    context: dict[str, Any] = {
        "lookout": found,
        "request": found.request,
        "in_effect": found.in_effect(date.today()),
        "done": done if done in DONE else "",
        "error": error,
        "failed": failed,
        "reason": reason,
        "may_decide": may_decide,
        "may_withdraw": may_withdraw,
        "country": dict(countries(visit.language)),
        "banner": found.request.handling,
    }
    return render(visit, "lookout.html", status, **context)


@router.get("/lookouts/{lookout_id:int}")
def lookout_page(visit: SignedInDep, lookout_id: int, done: str = "") -> Response:
    """One lookout with every field, who requested, decided or withdrew it and why."""
    return _detail(visit, lookouts.get_lookout(visit.store, visit.reader, lookout_id), done=done)


@router.post("/lookouts/{lookout_id:int}/decision")
def decide_lookout(visit: SignedInDep, lookout_id: int, form: PostedForm) -> Response:
    """A supervisor approves or rejects a pending lookout, with a reason."""
    visit.check_csrf(form.get("csrf_token"))
    reason = form.get("reason", "")
    try:
        body = DecisionIn.model_validate(body_of(form, ("decision", "reason")))
        decided = lookouts.decide(visit.store, visit.reader, lookout_id, body.decision, body.reason)
    except ValidationError as exc:
        message, _field = problem(exc, field_names())
        return _refused(visit, lookout_id, message, "decision", reason)
    except InvalidInput as exc:
        return _refused(visit, lookout_id, str(exc), "decision", reason)
    if visit.json:
        return render_json(visit, lookout_out(decided))
    return redirect(visit, f"/lookouts/{lookout_id}?done={decided.status.value}")


@router.post("/lookouts/{lookout_id:int}/withdrawal")
def withdraw_lookout(visit: SignedInDep, lookout_id: int, form: PostedForm) -> Response:
    """The requester or a supervisor withdraws a pending or approved lookout, with a reason."""
    visit.check_csrf(form.get("csrf_token"))
    reason = form.get("reason", "")
    try:
        body = ReasonIn.model_validate(body_of(form, ("reason",)))
        withdrawn = lookouts.withdraw(visit.store, visit.reader, lookout_id, body.reason)
    except ValidationError as exc:
        message, _field = problem(exc, field_names())
        return _refused(visit, lookout_id, message, "withdrawal", reason)
    except InvalidInput as exc:
        return _refused(visit, lookout_id, str(exc), "withdrawal", reason)
    if visit.json:
        return render_json(visit, lookout_out(withdrawn))
    return redirect(visit, f"/lookouts/{lookout_id}?done=withdrawn")


def _refused(visit: Visit, lookout_id: int, message: str, failed: str, reason: str) -> Response:
    """The lookout again, with the refused form's reason kept and why it was refused."""
    found = lookouts.get_lookout(visit.store, visit.reader, lookout_id)
    return _detail(visit, found, 422, error=message, failed=failed, reason=reason)
