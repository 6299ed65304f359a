"""``vigie requirements``, ``vigie tasks`` and ``vigie coverage``: plan collection."""

from __future__ import annotations

from datetime import date

import typer
from rich.table import Table

from vigie.cli.common import console, open_store, out, reader, say
from vigie.cycle import coverage as coverage_service
from vigie.cycle import requirements, tasks
from vigie.cycle.tasks import Task
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.handling import Handling
from vigie.model.requirement import (
    Priority,
    RequirementDraft,
    TaskDraft,
    Topic,
    parse_reference,
)

requirements_app = typer.Typer(
    help=_("Record, list and close intelligence requirements."), no_args_is_help=True
)
tasks_app = typer.Typer(help=_("Issue, answer and cancel collection tasks."), no_args_is_help=True)


def parse_date(text: str, name: str) -> date:
    """A date option, or an error naming it."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            _("{name} must be a date written YYYY-MM-DD, not {text!r}").format(name=name, text=text)
        ) from None


@requirements_app.command("add")
def add_requirement(
    as_user: str = typer.Option(..., "--as", help=_("The analyst recording it.")),
    title: str = typer.Option(..., help=_("What is needed.")),
    topic: str = typer.Option(..., help=_("Topic, e.g. document-fraud.")),
    priority: str = typer.Option("medium", help=_("high, medium or low.")),
    region: str = typer.Option(..., help=_("Region or route.")),
    client: str = typer.Option(..., help=_("The requesting client.")),
    due: str = typer.Option(..., help=_("Due date, YYYY-MM-DD.")),
    question: list[str] = typer.Option(..., help=_("A specific question (repeatable).")),
    marking: str = typer.Option("PROTECTED A", help=_("Marking of the requirement.")),
    caveat: list[str] = typer.Option([], help=_("Caveat (repeatable).")),
    releasable_to: list[str] = typer.Option([], help=_("Partner it may be released to.")),
    compartment: list[str] = typer.Option([], help=_("Need-to-know compartment.")),
) -> None:
    """Record a requirement with its questions; prints its reference."""
    draft = RequirementDraft(
        title,
        Topic.parse(topic),
        Priority.parse(priority),
        region,
        client,
        parse_date(due, "--due"),
        Handling.make(marking, caveat, releasable_to, compartment),
        tuple(question),
    )
    with open_store() as (_settings, store):
        found = requirements.create_requirement(store, reader(store, as_user), draft)
    say(_("Requirement {ref} recorded.").format(ref=found.reference))
    out(found.reference + "\n")


@requirements_app.command("list")
def list_requirements(
    as_user: str = typer.Option(..., "--as", help=_("List what this user may see.")),
) -> None:
    """List requirements by due date."""
    with open_store() as (_settings, store):
        found = requirements.list_requirements(store, reader(store, as_user))
    table = Table(_("ref."), _("title"), _("topic"), _("priority"), _("due"), _("status"))
    for item in found:
        d = item.draft
        table.add_row(
            item.reference,
            d.title,
            d.topic.value,
            d.priority.value,
            d.due_on.isoformat(),
            item.status.value,
        )
    console.print(table)


@requirements_app.command("close")
def close_requirement(
    requirement: str = typer.Argument(..., help=_("The requirement, e.g. IR-3.")),
    as_user: str = typer.Option(..., "--as", help=_("The analyst closing it.")),
    reason: str = typer.Option(..., help=_("Why.")),
) -> None:
    """Close an open requirement."""
    with open_store() as (_settings, store):
        requirements.close_requirement(
            store, reader(store, as_user), parse_reference(requirement), reason
        )
    say(_("Requirement {ref} closed.").format(ref=requirement.upper()))


@requirements_app.command("link")
def link_report(
    requirement: str = typer.Argument(..., help=_("The requirement, e.g. IR-3.")),
    report: int = typer.Option(..., help=_("The collection report's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The analyst linking it.")),
) -> None:
    """Record that a collection report answers a requirement."""
    with open_store() as (_settings, store):
        requirements.link_report(
            store, reader(store, as_user), parse_reference(requirement), report
        )
    say(_("Report {report} answers {ref}.").format(report=report, ref=requirement.upper()))


def _show(found: Task) -> None:
    say(
        _("Task {id}: {status}, {unit}, due {due}.").format(
            id=found.id,
            status=found.status.value,
            unit=found.draft.unit,
            due=found.draft.due_on.isoformat(),
        )
    )


@tasks_app.command("issue")
def issue_task(
    requirement: str = typer.Argument(..., help=_("The requirement, e.g. IR-3.")),
    as_user: str = typer.Option(..., "--as", help=_("The analyst issuing it.")),
    unit: str = typer.Option(..., help=_("The unit or post tasked.")),
    instructions: str = typer.Option(..., help=_("What to collect.")),
    due: str = typer.Option(..., help=_("Deadline, YYYY-MM-DD.")),
    question: int | None = typer.Option(None, help=_("The question's number (its id).")),
    marking: str = typer.Option("PROTECTED A", help=_("Marking of the task.")),
    caveat: list[str] = typer.Option([], help=_("Caveat (repeatable).")),
) -> None:
    """Issue a collection task against a requirement."""
    draft = TaskDraft(
        parse_reference(requirement),
        unit,
        instructions,
        parse_date(due, "--due"),
        Handling.make(marking, caveat),
        question,
    )
    with open_store() as (_settings, store):
        _show(tasks.issue_task(store, reader(store, as_user), draft))


@tasks_app.command("answer")
def answer_task(
    task_id: int = typer.Argument(..., help=_("The task's number.")),
    report: int = typer.Option(..., help=_("The collection report that answers it.")),
    as_user: str = typer.Option(..., "--as", help=_("Who records the answer.")),
) -> None:
    """Record the collection report that answers a task."""
    with open_store() as (_settings, store):
        _show(tasks.answer_task(store, reader(store, as_user), task_id, report))


@tasks_app.command("cancel")
def cancel_task(
    task_id: int = typer.Argument(..., help=_("The task's number.")),
    as_user: str = typer.Option(..., "--as", help=_("Its issuer or a supervisor.")),
    reason: str = typer.Option(..., help=_("Why.")),
) -> None:
    """Cancel an issued task."""
    with open_store() as (_settings, store):
        _show(tasks.cancel_task(store, reader(store, as_user), task_id, reason))


def coverage(
    as_user: str = typer.Option(..., "--as", help=_("Show what this user may see.")),
    requirement: str | None = typer.Option(None, help=_("Only this requirement, e.g. IR-3.")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON lines instead of a table.")),
) -> None:
    """Per requirement: the reports that answer it, the gaps and what is overdue."""
    wanted = parse_reference(requirement) if requirement else None
    with open_store() as (_settings, store):
        found = coverage_service.coverage(store, reader(store, as_user), wanted)
    if as_json:
        from vigie.api.routers.planning import coverage_out

        for item in found:
            out(coverage_out(item).model_dump_json() + "\n")
        return
    table = Table(
        _("ref."), _("title"), _("due"), _("reports"), _("gaps"), _("overdue tasks"), _("feedback")
    )
    for item in found:
        r = item.requirement
        due = r.draft.due_on.isoformat() + (" !" if item.overdue else "")
        feedback = ", ".join(f"{k}: {v}" for k, v in sorted(item.feedback.items()))
        table.add_row(
            r.reference,
            r.draft.title,
            due,
            str(len(item.reports)),
            str(len(item.gaps)),
            str(len(item.overdue_tasks)),
            feedback,
        )
    console.print(table)
