"""``vigie audit``: check and read the audit log."""

from __future__ import annotations

import json

import typer

from vigie.cli.common import open_store, out, reader, say
from vigie.errors import Forbidden
from vigie.i18n import _
from vigie.policy import audit
from vigie.policy.reader import Action

app = typer.Typer(help=_("Check and read the audit log."), no_args_is_help=True)


@app.command("verify")
def verify() -> None:
    """Check the hash chain; exit 1 naming the first broken row."""
    with open_store() as (_settings, store):
        verdict = audit.verify(store.engine)
    if not verdict.ok:
        say(
            _("The audit log is broken at row {row}: {reason}").format(
                row=verdict.broken_at, reason=verdict.reason
            )
        )
        raise typer.Exit(1)
    say(_("The audit log is intact: {rows} rows checked.").format(rows=verdict.rows))


@app.command("log")
def log(
    as_user: str = typer.Option(..., "--as", help=_("An auditor.")),
    actor: str | None = typer.Option(None, help=_("Only this user's events.")),
    action: str | None = typer.Option(None, help=_("Only this kind of event.")),
    limit: int = typer.Option(50, help=_("Most events to show.")),
) -> None:
    """Print the newest audit events as JSON lines."""
    with open_store() as (_settings, store):
        user = reader(store, as_user)
        if not user.may(Action.READ_AUDIT):
            raise Forbidden(_("only auditors may read the audit log"))
        events = list(audit.events(store.engine, actor=actor, action=action, limit=limit))
        audit.record(
            store.engine,
            user.name,
            "audit.read",
            "audit",
            user=actor,
            event=action,
            rows=len(events),
        )
    for event in events:
        out(json.dumps(event.__dict__, ensure_ascii=False) + "\n")
