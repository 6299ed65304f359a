"""``vigie serve`` and ``vigie demo``."""

from __future__ import annotations

import json
import time

import typer
import uvicorn
from rich.progress import TaskID
from rich.table import Table

from vigie.cli.common import console, fail, load_settings, operator, progress_bar, say
from vigie.collect.world import load_world
from vigie.demo.accounts import ensure_demo_users
from vigie.demo.activity import work
from vigie.demo.world import generate, parse_size
from vigie.i18n import _
from vigie.settings import Settings
from vigie.store import Store


def _run(settings: Settings, host: str, port: int) -> None:
    from vigie.api.app import create_app

    say(_("Serving the workspace on http://{host}:{port}").format(host=host, port=port))
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


def serve(
    host: str = typer.Option("127.0.0.1", help=_("Address to listen on.")),
    port: int = typer.Option(8000, help=_("Port to listen on.")),
) -> None:
    """Serve the workspace and the JSON API."""
    settings = load_settings()
    Store.open(settings).close()
    _run(settings, host, port)


def demo(
    size: str = typer.Option(
        "small", help=_("World size: tiny, small, medium, large or a number of persons.")
    ),
    seed: int = typer.Option(42, help=_("Seed of the synthetic world.")),
    no_serve: bool = typer.Option(
        False, "--no-serve", help=_("Build and load the world, then stop.")
    ),
    host: str = typer.Option("127.0.0.1", help=_("Address to listen on.")),
    port: int = typer.Option(8000, help=_("Port to listen on.")),
) -> None:
    """Generate the synthetic world into the data directory, load it, and serve the workspace."""
    settings = load_settings()
    started = time.monotonic()
    persons = parse_size(size)
    world = settings.data_dir / "world"
    manifest = world / "manifest.json"
    fresh = False
    if manifest.exists():
        previous = json.loads(manifest.read_text(encoding="utf-8"))
        fresh = previous.get("seed") == seed and previous.get("size") == persons
    if not fresh:
        with progress_bar() as bar:
            task = bar.add_task(_("Generating the synthetic world"), total=persons)
            generate(world, persons, seed, lambda n: bar.update(task, completed=n))
    store = Store.open(settings)
    try:
        actor = operator()
        users = ensure_demo_users(store.engine, actor)
        with progress_bar() as bar:
            tasks: dict[str, TaskID] = {}

            def progress(name: str, done: int) -> None:
                if name not in tasks:
                    tasks[name] = bar.add_task(name, total=None)
                bar.update(tasks[name], completed=done)

            results = load_world(store, world, actor, progress)
        statements = store.count_statements()
        for outcome in results:
            if outcome.error:
                fail(outcome.error)
        with console.status(_("A working day on the demo world")) as status:
            steps = {
                "resolve": _("the analyst resolves the records"),
                "screen": _("a regional analyst screens the newest passenger list"),
                "rings": _("the analyst opens a case and requests lookouts"),
                "requirements": _("the supervisor records a requirement and tasks a post"),
                "support": _("a regional analyst asks HQ for case support"),
            }
            day = work(store, world, lambda step: status.update(steps[step]))
    finally:
        store.close()
    added = sum(o.result.statements for o in results if o.result)
    say(
        _(
            "{persons} persons loaded in {seconds:.1f} s: {added} statements read, {total} stored."
        ).format(persons=persons, added=added, total=statements, seconds=time.monotonic() - started)
    )
    table = Table(
        _("user"),
        _("role"),
        _("clearance"),
        _("caveats"),
        _("partner"),
        title=_("Demo accounts (password: {password})").format(password=users[0].password),
    )
    for user in users:
        table.add_row(
            user.name,
            user.role,
            user.clearance,
            ", ".join(user.caveats + user.compartments),
            user.partner or "",
        )
    console.print(table)
    if day is not None:
        say(
            _(
                "Waiting for you: {pairs} pairs scored by the model (the uncertain ones in the "
                "review queue), {hits} screening hits from {screened} travellers, {lookouts} "
                "lookouts and {cases} case file, {requirements} requirement, {support} request "
                "for case support."
            ).format(
                pairs=day.scored_pairs,
                hits=day.hits,
                screened=day.screened,
                lookouts=day.lookouts,
                cases=day.cases,
                requirements=day.requirements,
                support=day.support_requests,
            )
        )
    if not no_serve:
        _run(settings, host, port)
