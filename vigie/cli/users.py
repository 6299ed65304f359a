"""``vigie users``: accounts."""

from __future__ import annotations

import sys

import typer
from rich.table import Table

from vigie.cli.common import console, open_store, operator, say
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.policy.accounts import NewUser, add_user, list_readers

app = typer.Typer(help=_("Manage user accounts."), no_args_is_help=True)


@app.command("add")
def add(
    name: str = typer.Argument(..., help=_("User name.")),
    role: str = typer.Option(
        ...,
        help=_(
            "Role: analyst, migration-integrity-officer, regional-analyst, officer, "
            "supervisor, auditor, admin or partner."
        ),
    ),
    clearance: str = typer.Option(..., help=_("Clearance: reliability, secret or top-secret.")),
    caveat: list[str] = typer.Option([], help=_("A caveat the user holds (repeatable).")),
    partner: str | None = typer.Option(
        None, help=_("The partner organisation (partner users only).")
    ),
    compartment: list[str] = typer.Option([], help=_("A need-to-know compartment (repeatable).")),
    language: str = typer.Option("en", help=_("Preferred language: en or fr.")),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help=_("Read the password from standard input.")
    ),
) -> None:
    """Create a user."""
    if not password_stdin:
        raise InvalidInput(_("give the password on standard input with --password-stdin"))
    password = sys.stdin.readline().rstrip("\r\n")
    with open_store() as (_settings, store):
        new = NewUser(
            name, role, clearance, password, tuple(caveat), tuple(compartment), partner, language
        )
        reader = add_user(store.engine, new, operator())
    say(
        _("User {name} created ({role}, {clearance}).").format(
            name=reader.name, role=reader.role.value, clearance=reader.clearance.value
        )
    )


@app.command("list")
def list_users() -> None:
    """List the users."""
    with open_store() as (_settings, store):
        readers = list_readers(store.engine)
    table = Table(
        _("name"), _("role"), _("clearance"), _("caveats"), _("compartments"), _("partner")
    )
    for r in readers:
        table.add_row(
            r.name,
            r.role.value,
            r.clearance.value,
            ", ".join(sorted(r.caveats)),
            ", ".join(sorted(r.compartments)),
            r.partner or "",
        )
    console.print(table)
