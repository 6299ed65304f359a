"""``vigie lookouts``: request, list and decide lookouts."""

from __future__ import annotations

from datetime import date

import typer
from rich.table import Table

from vigie.cli.common import console, open_store, out, reader, say
from vigie.collect import lookouts
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.grading import Grading
from vigie.model.handling import Handling
from vigie.model.lookout import Category, Decision, Lookout, LookoutRequest, Status

app = typer.Typer(help=_("Request, list and decide lookouts."), no_args_is_help=True)


def _date(text: str | None, name: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            _("{name} must be a date written YYYY-MM-DD, not {text!r}").format(name=name, text=text)
        ) from None


def _show(found: Lookout) -> None:
    say(
        _("Lookout {id}: {status}, {subject}, expires {expires}.").format(
            id=found.id,
            status=found.status.value,
            subject=found.request.subject_name,
            expires=found.request.expires_on.isoformat(),
        )
    )


@app.command("request")
def request(
    as_user: str = typer.Option(..., "--as", help=_("The requesting user.")),
    name: str = typer.Option(..., help=_("The subject's name.")),
    category: str = typer.Option(..., help=_("Reason category, e.g. smuggling-trafficking.")),
    narrative: str = typer.Option(..., help=_("Why the subject is of interest.")),
    unit: str = typer.Option(..., help=_("The requesting unit.")),
    expires: str = typer.Option(..., help=_("Expiry date, YYYY-MM-DD.")),
    entity: str | None = typer.Option(None, help=_("The subject's entity id, if in the store.")),
    birth_date: str | None = typer.Option(None, help=_("The subject's birth date, YYYY-MM-DD.")),
    nationality: str | None = typer.Option(None, help=_("The subject's nationality.")),
    document: str | None = typer.Option(None, help=_("The subject's document number.")),
    marking: str = typer.Option("PROTECTED B", help=_("Marking of the lookout.")),
    caveat: list[str] = typer.Option([], help=_("Caveat (repeatable).")),
    releasable_to: list[str] = typer.Option([], help=_("Partner it may be released to.")),
    compartment: list[str] = typer.Option([], help=_("Need-to-know compartment.")),
    reliability: str = typer.Option("B", help=_("Source reliability, A to F.")),
    credibility: str = typer.Option("2", help=_("Information credibility, 1 to 6.")),
) -> None:
    """Request a lookout; it takes effect once a supervisor approves it."""
    new = LookoutRequest(
        subject_name=name,
        category=Category.parse(category),
        narrative=narrative,
        requesting_unit=unit,
        expires_on=_date(expires, "--expires") or date.today(),
        handling=Handling.make(marking, caveat, releasable_to, compartment),
        grading=Grading.make(reliability, credibility),
        subject_entity_id=entity,
        subject_birth_date=_date(birth_date, "--birth-date"),
        subject_nationality=nationality,
        subject_document=document,
    )
    with open_store() as (_settings, store):
        _show(lookouts.request_lookout(store, reader(store, as_user), new))


@app.command("list")
def list_(
    as_user: str = typer.Option(..., "--as", help=_("List what this user may see.")),
    status: str | None = typer.Option(None, help=_("Only this status: pending, approved …")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON lines instead of a table.")),
) -> None:
    """List lookouts, newest first."""
    wanted = Status.parse(status) if status else None
    with open_store() as (_settings, store):
        found = lookouts.list_lookouts(store, reader(store, as_user), wanted)
    if as_json:
        from vigie.api.routers.lookouts import lookout_out

        for item in found:
            out(lookout_out(item).model_dump_json() + "\n")
        return
    table = Table(_("id"), _("status"), _("subject"), _("category"), _("expires"), _("marking"))
    for item in found:
        table.add_row(
            str(item.id),
            item.status.value,
            item.request.subject_name,
            item.request.category.value,
            item.request.expires_on.isoformat(),
            item.request.handling.banner,
        )
    console.print(table)


def _decide(lookout_id: int, as_user: str, reason: str, decision: Decision) -> None:
    with open_store() as (_settings, store):
        _show(lookouts.decide(store, reader(store, as_user), lookout_id, decision, reason))


@app.command("approve")
def approve(
    lookout_id: int = typer.Argument(..., help=_("The lookout's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The deciding supervisor.")),
    reason: str = typer.Option(..., help=_("Why.")),
) -> None:
    """Approve a pending lookout."""
    _decide(lookout_id, as_user, reason, Decision.APPROVE)


@app.command("reject")
def reject(
    lookout_id: int = typer.Argument(..., help=_("The lookout's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The deciding supervisor.")),
    reason: str = typer.Option(..., help=_("Why.")),
) -> None:
    """Reject a pending lookout."""
    _decide(lookout_id, as_user, reason, Decision.REJECT)


@app.command("withdraw")
def withdraw(
    lookout_id: int = typer.Argument(..., help=_("The lookout's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The requester or a supervisor.")),
    reason: str = typer.Option(..., help=_("Why.")),
) -> None:
    """Withdraw a pending or approved lookout."""
    with open_store() as (_settings, store):
        _show(lookouts.withdraw(store, reader(store, as_user), lookout_id, reason))
