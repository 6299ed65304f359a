"""``vigie watches``, ``vigie cases`` and ``vigie support``: watch, keep case files, ask HQ."""

from __future__ import annotations

import typer
from rich.table import Table

from vigie.cli.common import console, open_store, out, reader, say
from vigie.cycle import cases, support, watches
from vigie.i18n import _
from vigie.model.case import ItemKind
from vigie.model.handling import Handling
from vigie.model.watch import WatchKind

watches_app = typer.Typer(
    help=_("Watch entities and searches; check for new facts."), no_args_is_help=True
)
cases_app = typer.Typer(help=_("Open case files and add to their timelines."), no_args_is_help=True)
support_app = typer.Typer(
    help=_("Ask HQ for case support; assign and answer."), no_args_is_help=True
)


@watches_app.command("add")
def add_watch(
    target: str = typer.Argument(..., help=_("An entity id, or a search query.")),
    as_user: str = typer.Option(..., "--as", help=_("Who watches.")),
    search: bool = typer.Option(False, "--search", help=_("Watch a saved search.")),
) -> None:
    """Watch an entity or a search: new facts that match raise notifications."""
    kind = WatchKind.SEARCH if search else WatchKind.ENTITY
    with open_store() as (_settings, store):
        found = watches.add_watch(store, reader(store, as_user), kind, target)
    say(_("Watch {id} set.").format(id=found.id))


@watches_app.command("check")
def check() -> None:
    """Check every user's watches for new facts (run after imports, or from a timer)."""
    with open_store() as (_settings, store):
        raised = watches.check_everyone(store)
    say(_("{count} notifications raised.").format(count=raised))


@watches_app.command("notifications")
def notifications(as_user: str = typer.Option(..., "--as", help=_("Whose."))) -> None:
    """A user's notifications, newest first."""
    with open_store() as (_settings, store):
        found = watches.notifications(store, reader(store, as_user))
    table = Table(_("entity"), _("new facts"), _("report"), _("time"))
    for item in found:
        table.add_row(item.caption, str(item.facts), str(item.report_id), item.created_at[:16])
    console.print(table)


@cases_app.command("open")
def open_case(
    as_user: str = typer.Option(..., "--as", help=_("The analyst opening it.")),
    title: str = typer.Option(..., help=_("What the case is.")),
    compartment: str = typer.Option(..., help=_("Its need-to-know compartment (one you hold).")),
    marking: str = typer.Option("PROTECTED B", help=_("Marking of the case.")),
) -> None:
    """Open a case file; prints its number."""
    with open_store() as (_settings, store):
        found = cases.open_case(store, reader(store, as_user), title, compartment, marking)
    out(f"{found.id}\n")


@cases_app.command("add")
def add_item(
    case_id: int = typer.Argument(..., help=_("The case's number.")),
    as_user: str = typer.Option(..., "--as", help=_("Who adds it.")),
    kind: str = typer.Option(..., help=_("subject, entity, report, hit, document, chart …")),
    ref: str = typer.Option("", help=_("The entity id, report number or other reference.")),
    note: str = typer.Option("", help=_("A note.")),
) -> None:
    """Add an item to a case's timeline."""
    with open_store() as (_settings, store):
        found = cases.add_item(
            store, reader(store, as_user), case_id, ItemKind.parse(kind), ref, note
        )
    say(_("Case {id}: {count} items.").format(id=found.id, count=len(found.items)))


@cases_app.command("show")
def show_case(
    case_id: int = typer.Argument(..., help=_("The case's number.")),
    as_user: str = typer.Option(..., "--as", help=_("Show what this user may see.")),
) -> None:
    """A case file's timeline."""
    with open_store() as (_settings, store):
        found = cases.read_case(store, reader(store, as_user), case_id)
    table = Table(_("time"), _("kind"), _("reference"), _("note"), _("by"))
    for item in found.items:
        table.add_row(item.added_at[:16], item.kind.value, item.ref or "", item.note, item.added_by)
    console.print(table)


@support_app.command("request")
def request(
    as_user: str = typer.Option(..., "--as", help=_("The officer asking.")),
    question: str = typer.Option(..., help=_("What you need to know.")),
    entity: str | None = typer.Option(None, help=_("The entity it is about.")),
    marking: str = typer.Option("PROTECTED B", help=_("Marking of the request.")),
) -> None:
    """Ask HQ for case support; prints the request's number."""
    with open_store() as (_settings, store):
        found = support.request_support(
            store, reader(store, as_user), question, Handling.make(marking), entity
        )
    out(f"{found.id}\n")


@support_app.command("list")
def list_requests(as_user: str = typer.Option(..., "--as", help=_("Whose view."))) -> None:
    """The HQ queue (analysts, supervisors) or your own requests."""
    with open_store() as (_settings, store):
        found = support.list_requests(store, reader(store, as_user))
    table = Table(_("no."), _("requester"), _("status"), _("assigned to"), _("question"))
    for item in found:
        table.add_row(
            str(item.id), item.requester, item.status.value, item.assigned_to or "", item.question
        )
    console.print(table)


@support_app.command("assign")
def assign(
    request_id: int = typer.Argument(..., help=_("The request's number.")),
    as_user: str = typer.Option(..., "--as", help=_("Who assigns.")),
    to: str = typer.Option(..., help=_("The analyst who answers.")),
) -> None:
    """Assign a request to an analyst or supervisor."""
    with open_store() as (_settings, store):
        support.assign(store, reader(store, as_user), request_id, to)
    say(_("Request {id} assigned to {name}.").format(id=request_id, name=to))


@support_app.command("answer")
def answer(
    request_id: int = typer.Argument(..., help=_("The request's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The assignee or a supervisor.")),
    text: str = typer.Option(..., help=_("The answer.")),
    marking: str = typer.Option("PROTECTED B", help=_("Marking of the answer.")),
) -> None:
    """Answer an assigned request, marked so that its requester may read it."""
    with open_store() as (_settings, store):
        support.answer(store, reader(store, as_user), request_id, text, Handling.make(marking))
    say(_("Request {id} answered.").format(id=request_id))
