"""``vigie world``: generate the synthetic world and its ground truth."""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from vigie.cli.common import console, say
from vigie.demo.world import WorldSummary, generate, parse_size
from vigie.i18n import _

app = typer.Typer(
    help=_("The synthetic world: invented people and records, with their ground truth."),
    no_args_is_help=True,
)


@app.command(
    "generate",
    help=_(
        "Generate a deterministic synthetic world: each source's files in the format its "
        "importer reads (PAXLST, CSV, FollowTheMoney), manifest.json and truth.json."
    ),
)
def generate_command(
    size: str = typer.Option(
        "small", help=_("World size: tiny, small, medium, large or a number of persons.")
    ),
    seed: int = typer.Option(42, help=_("Seed of the synthetic world.")),
    out: Path = typer.Option(
        ..., "--out", file_okay=False, help=_("Folder to write the world into.")
    ),
) -> None:
    """Generate the world of ``size`` persons from ``seed`` into ``out`` and summarise it."""
    try:
        persons = parse_size(size)
    except ValueError:
        raise typer.BadParameter(
            _("expected tiny, small, medium, large or a positive number, not {size}").format(
                size=size
            ),
            param_hint="--size",
        ) from None
    started = time.monotonic()
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(_("Generating the synthetic world"), total=persons)
        summary = generate(out, persons, seed, lambda done: bar.update(task, completed=done))
    _report(summary, out, time.monotonic() - started)


def _report(summary: WorldSummary, out: Path, seconds: float) -> None:
    table = Table(
        _("source"),
        _("entities"),
        _("person records"),
        _("statements"),
        title=_("Synthetic world, seed {seed}").format(seed=summary.seed),
    )
    for source in summary.sources:
        table.add_row(
            source.source,
            f"{source.entities:,}",
            f"{source.persons:,}",
            f"{source.statements:,}",
        )
    table.add_row(
        _("total"),
        f"{summary.entities:,}",
        f"{summary.person_records:,}",
        f"{summary.statements:,}",
        style="bold",
    )
    console.print(table)
    say(
        _(
            "{persons} true persons, {statements} statements, {networks} networks, "
            "{matches} watchlist matches, {documents} fraudulent documents."
        ).format(
            persons=f"{summary.persons:,}",
            statements=f"{summary.statements:,}",
            networks=f"{summary.networks:,}",
            matches=f"{summary.watchlist_matches:,}",
            documents=f"{summary.fraudulent_documents:,}",
        )
    )
    say(
        _("Written to {path} in {seconds:.1f} s ({rate:,.0f} persons per second).").format(
            path=out, seconds=seconds, rate=summary.persons / max(seconds, 1e-9)
        )
    )
