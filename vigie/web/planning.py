"""The planning pages: requirements with their coverage (the reports that answer each, the gaps,
what is overdue), the requirement form, one requirement with its tasks and reports, and one task
with the report that answers it.

HTTP only: the rules, the policy and the audit are ``vigie.cycle``'s; forms are checked by the
JSON API's models, so a page accepts exactly what the API accepts.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter
from pydantic import ValidationError
from starlette.responses import Response

from vigie.api.routers.planning import (
    ReasonIn,
    ReportIn,
    RequirementIn,
    TaskIn,
    coverage_out,
    task_out,
)
from vigie.cycle import coverage, requirements, tasks
from vigie.cycle.access import recent_reports, require_producer
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.handling import Handling, Marking, combine
from vigie.model.requirement import RequirementStatus, TaskStatus
from vigie.policy.reader import Action
from vigie.web.cycle_words import words
from vigie.web.forms import (
    PostedForm,
    body_of,
    chosen_handling,
    handling_fields,
    problem,
    render_form,
)
from vigie.web.render import redirect, render, render_json
from vigie.web.visit import SignedInDep, Visit

router = APIRouter(include_in_schema=False)

# A requirement or task says what the agency wants to know: protected, not classified, unless
# its author marks it higher.
DEFAULT_HANDLING = Handling(Marking.PROTECTED_A)
DEFAULT_DAYS = 30


def field_names() -> dict[str, str]:
    """Each field's label as the forms show it, to name it in an error."""
    return {
        "title": _("Title"),
        "topic": _("Topic"),
        "priority": _("Priority"),
        "region": _("Region or route"),
        "client": _("Requesting client"),
        "due_on": _("Due on"),
        "questions": _("Questions"),
        "unit": _("Unit or post"),
        "instructions": _("Instructions"),
        "question_id": _("Question"),
        "report_id": _("Report"),
        "reason": _("Reason"),
        "marking": _("Marking"),
    }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@router.get("/requirements")
def requirement_list(visit: SignedInDep) -> Response:
    """Every requirement the user may see with its coverage: reports, gaps, overdue tasks,
    products and feedback."""
    found = coverage.coverage(visit.store, visit.reader)
    if visit.json:
        return render_json(visit, [coverage_out(c) for c in found])
    banner = combine(
        [c.requirement.draft.handling for c in found]
        + [r.handling for c in found for r in c.reports]
    )
    return render(
        visit,
        "requirements.html",
        items=found,
        today=date.today(),
        words=words(),
        banner=banner if found else None,
    )


def _requirement_form(
    visit: Visit,
    fields: dict[str, str],
    status: int = 200,
    error: str | None = None,
    error_field: str | None = None,
) -> Response:
    banner = chosen_handling(fields) if error else None
    return render_form(
        visit,
        "requirement_form.html",
        fields,
        banner,
        status,
        error,
        error_field,
        words=words(),
    )


@router.get("/requirements/new")
def new_requirement(visit: SignedInDep) -> Response:
    """The requirement form, due in a month and marked PROTECTED A until its author says
    otherwise."""
    require_producer(visit.reader)
    fields = {
        "due_on": (date.today() + timedelta(days=DEFAULT_DAYS)).isoformat(),
        "priority": "medium",
        **handling_fields(DEFAULT_HANDLING),
    }
    return _requirement_form(visit, fields)


@router.post("/requirements/new")
def create_requirement(visit: SignedInDep, form: PostedForm) -> Response:
    """Record the requirement and open its page; a refused form comes back with why."""
    visit.check_csrf(form.get("csrf_token"))
    require_producer(visit.reader)
    fields = {k: v for k, v in form.items() if k != "csrf_token"}
    try:
        body = body_of(form, tuple(RequirementIn.model_fields))
        body["questions"] = _lines(form.get("questions", ""))
        draft = RequirementIn.model_validate(body).to_draft()
        created = requirements.create_requirement(visit.store, visit.reader, draft)
    except ValidationError as exc:
        return _requirement_form(visit, fields, 422, *problem(exc, field_names()))
    except InvalidInput as exc:
        return _requirement_form(visit, fields, 422, str(exc))
    return redirect(visit, f"/requirements/{created.id}?done=created")


def _requirement_page(
    visit: Visit,
    requirement_id: int,
    status: int = 200,
    done: str = "",
    error: str | None = None,
    failed: str = "",
) -> Response:
    [found] = coverage.coverage(visit.store, visit.reader, requirement_id)
    if visit.json:
        if error:
            return render_json(visit, {"detail": error}, status)
        return render_json(visit, coverage_out(found), status)
    with visit.store.engine.connect() as conn:
        reports = recent_reports(conn, visit.reader) if visit.reader.may(Action.PRODUCE) else []
    requirement = found.requirement
    shown = [requirement.draft.handling, *(t.draft.handling for t in found.tasks)]
    shown += [r.handling for r in found.reports]
    context: dict[str, Any] = {
        "item": found,
        "requirement": requirement,
        "today": date.today(),
        "words": words(),
        "done": done,
        "error": error,
        "failed": failed,
        "may_produce": visit.reader.may(Action.PRODUCE)
        and requirement.status is RequirementStatus.OPEN,
        "reports": reports,
        "task_fields": {
            "due_on": (date.today() + timedelta(days=14)).isoformat(),
            **handling_fields(requirement.draft.handling),
        },
        "markings": [m for m in Marking if m <= visit.reader.clearance.max_marking],
        "banner": combine(shown),
    }
    return render(visit, "requirement.html", status, **context)


@router.get("/requirements/{requirement_id:int}")
def requirement_page(visit: SignedInDep, requirement_id: int, done: str = "") -> Response:
    """One requirement: its questions (answered or not), tasks, answering reports, products
    and their feedback, with the forms to task, link a report and close it."""
    return _requirement_page(visit, requirement_id, done=done)


@router.post("/requirements/{requirement_id:int}/tasks")
def issue_task(visit: SignedInDep, requirement_id: int, form: PostedForm) -> Response:
    """Issue a collection task from the requirement's page."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = TaskIn.model_validate(body_of(form, tuple(TaskIn.model_fields)))
        issued = tasks.issue_task(visit.store, visit.reader, body.to_draft(requirement_id))
    except (ValidationError, InvalidInput) as exc:
        return _requirement_page(visit, requirement_id, 422, error=_refusal(exc), failed="task")
    if visit.json:
        return render_json(visit, task_out(issued), 201)
    return redirect(visit, f"/tasks/{issued.id}?done=issued")


def _refusal(exc: ValidationError | InvalidInput) -> str:
    """Why a posted form was refused, in words."""
    if isinstance(exc, ValidationError):
        return problem(exc, field_names())[0]
    return str(exc)


@router.post("/requirements/{requirement_id:int}/reports")
def link_report(visit: SignedInDep, requirement_id: int, form: PostedForm) -> Response:
    """Record that a report answers the requirement."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = ReportIn.model_validate(body_of(form, ("report_id",)))
        requirements.link_report(visit.store, visit.reader, requirement_id, body.report_id)
    except (ValidationError, InvalidInput) as exc:
        return _requirement_page(visit, requirement_id, 422, error=_refusal(exc), failed="link")
    return redirect(visit, f"/requirements/{requirement_id}?done=linked")


@router.post("/requirements/{requirement_id:int}/closure")
def close_requirement(visit: SignedInDep, requirement_id: int, form: PostedForm) -> Response:
    """Close the requirement, with the reason."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = ReasonIn.model_validate(body_of(form, ("reason",)))
        requirements.close_requirement(visit.store, visit.reader, requirement_id, body.reason)
    except (ValidationError, InvalidInput) as exc:
        return _requirement_page(visit, requirement_id, 422, error=_refusal(exc), failed="close")
    return redirect(visit, f"/requirements/{requirement_id}?done=closed")


def _task_page(
    visit: Visit,
    task_id: int,
    status: int = 200,
    done: str = "",
    error: str | None = None,
    failed: str = "",
) -> Response:
    found = tasks.get_task(visit.store, visit.reader, task_id)
    if visit.json:
        if error:
            return render_json(visit, {"detail": error}, status)
        return render_json(visit, task_out(found), status)
    parent = requirements.get_requirement(visit.store, visit.reader, found.draft.requirement_id)
    question = next((q for q in parent.questions if q.id == found.draft.question_id), None)
    reader = visit.reader
    issued = found.status is TaskStatus.ISSUED
    with visit.store.engine.connect() as conn:
        reports = recent_reports(conn, reader) if issued and reader.may(Action.IMPORT) else []
    context: dict[str, Any] = {
        "task": found,
        "requirement": parent,
        "question": question,
        "today": date.today(),
        "words": words(),
        "done": done,
        "error": error,
        "failed": failed,
        "reports": reports,
        "may_answer": issued and reader.may(Action.IMPORT),
        "may_cancel": issued
        and reader.may(Action.PRODUCE)
        and (reader.name == found.created_by or reader.may(Action.APPROVE)),
        "banner": combine([found.draft.handling, parent.draft.handling]),
    }
    return render(visit, "task.html", status, **context)


@router.get("/tasks/{task_id:int}")
def task_page(visit: SignedInDep, task_id: int, done: str = "") -> Response:
    """One task: what to collect, for which question, by when, and the report answering it."""
    return _task_page(visit, task_id, done=done)


@router.post("/tasks/{task_id:int}/answer")
def answer_task(visit: SignedInDep, task_id: int, form: PostedForm) -> Response:
    """Record the report that answers the task."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = ReportIn.model_validate(body_of(form, ("report_id",)))
        tasks.answer_task(visit.store, visit.reader, task_id, body.report_id)
    except (ValidationError, InvalidInput) as exc:
        return _task_page(visit, task_id, 422, error=_refusal(exc), failed="answer")
    return redirect(visit, f"/tasks/{task_id}?done=answered")


@router.post("/tasks/{task_id:int}/cancellation")
def cancel_task(visit: SignedInDep, task_id: int, form: PostedForm) -> Response:
    """Cancel the task, with the reason."""
    visit.check_csrf(form.get("csrf_token"))
    try:
        body = ReasonIn.model_validate(body_of(form, ("reason",)))
        tasks.cancel_task(visit.store, visit.reader, task_id, body.reason)
    except (ValidationError, InvalidInput) as exc:
        return _task_page(visit, task_id, 422, error=_refusal(exc), failed="cancel")
    return redirect(visit, f"/tasks/{task_id}?done=cancelled")
