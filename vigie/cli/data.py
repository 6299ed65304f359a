"""``vigie import``, ``vigie export`` and ``vigie search``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from vigie.cli.common import console, fail, open_store, operator, out, progress_bar, reader, say
from vigie.collect.registry import FORMATS, Format, Outcome, importer
from vigie.cycle.requirements import answered_reference
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.grading import Grading
from vigie.model.handling import Handling
from vigie.policy.reader import Action
from vigie.policy.rules import require_readable
from vigie.store.store import Store
from vigie.store.writer import Collection, check_source_name, source_reliability

import_app = typer.Typer(help=_("Import collected data."), no_args_is_help=True)
export_app = typer.Typer(help=_("Export what a user may see."), no_args_is_help=True)


def _import_command(name: str, fmt: Format) -> Callable[..., None]:
    """The ``vigie import NAME`` command: the same options for every format."""

    def command(
        files: list[Path] = typer.Argument(..., help=fmt.help),
        source: str = typer.Option(..., help=_("Name of the source.")),
        title: str = typer.Option("", help=_("Human title of the source.")),
        marking: str = typer.Option("UNCLASSIFIED", help=_("Marking of every fact.")),
        caveat: list[str] = typer.Option([], help=_("Caveat (repeatable).")),
        releasable_to: list[str] = typer.Option(
            [], help=_("Partner the facts may be released to (repeatable).")
        ),
        compartment: list[str] = typer.Option([], help=_("Need-to-know compartment (repeatable).")),
        reliability: str | None = typer.Option(
            None,
            help=_(
                "Source reliability, A to F (default: the source's present grade; F for a new "
                "source)."
            ),
        ),
        credibility: str = typer.Option("6", help=_("Information credibility, 1 to 6.")),
        requirement: str | None = typer.Option(
            None, help=_("The intelligence requirement this answers, e.g. IR-3 (it must exist).")
        ),
        mapping: Path | None = typer.Option(
            None,
            help=_(
                "Mapping file, for formats read through a mapping (mapped: by default the "
                "table's name with .yaml, beside it)."
            ),
        ),
        as_user: str | None = typer.Option(
            None, "--as", help=_("Import as this user (default: the shell user).")
        ),
    ) -> None:
        handling = Handling.make(marking, caveat, releasable_to, compartment)
        # Checked before anything is opened; the grade itself waits for the source's.
        Grading.make(reliability or "F", credibility)
        if mapping is not None and "mapping" not in fmt.options:
            takes = ", ".join(n for n, f in FORMATS.items() if "mapping" in f.options)
            raise InvalidInput(
                _("{format} reads no mapping; --mapping is for: {formats}").format(
                    format=name, formats=takes
                )
            )
        options = {"mapping": mapping} if mapping else {}
        import_file = importer(name)
        failed = False
        with open_store() as (_settings, store):
            actor, user = operator(), None
            if as_user:
                user = reader(store, as_user)
                user.require(Action.IMPORT)
                require_readable(user, handling)
                actor = user.name
            answers = None
            if requirement is not None:
                with store.engine.connect() as conn:
                    answers = answered_reference(conn, requirement, user)
            grading = _grading(store, source, reliability, credibility)
            for path in files:
                collection = Collection(
                    source, name, path.name, "", actor, handling, grading, title, answers
                )
                with progress_bar(
                    TextColumn("{task.description}"),
                    BarColumn(),
                    TextColumn(_("{task.completed:,} entities written")),
                    TimeElapsedColumn(),
                ) as bar:
                    task = bar.add_task(path.name, total=None)

                    def progress(done: int, task: TaskID = task, bar: Progress = bar) -> None:
                        bar.update(task, completed=done)

                    try:
                        outcomes = import_file(store, path, collection, progress, **options)
                    except InvalidInput as exc:
                        # A bad file is rejected whole and named; the files after it are
                        # still imported, as a batch's other messages are.
                        outcomes = [Outcome(path.name, error=str(exc))]
                for outcome in outcomes:
                    failed |= _report(outcome)
        if failed:
            raise typer.Exit(1)

    return command


def _grading(store: Store, source: str, reliability: str | None, credibility: str) -> Grading:
    """The import's grading: a source keeps its reliability unless ``--reliability`` regrades
    it (defaulting to F would regrade it by omission, and make the same file a new report). A
    new source is announced, so that a misspelt name is noticed."""
    check_source_name(source)
    known = source_reliability(store, source)
    grade = reliability or known or "F"
    if known is None:
        say(_("{source}: a new source, reliability {grade}.").format(source=source, grade=grade))
    return Grading.make(grade, credibility)


def _report(outcome: Outcome) -> bool:
    """Say what became of one file or message; True when it was rejected."""
    if outcome.error:
        fail(outcome.error)
        return True
    result = outcome.result
    assert result is not None
    if result.repeated:
        say(
            _("{file}: already imported as report {report}; nothing added.").format(
                file=outcome.label, report=result.report_id
            )
        )
    else:
        say(
            _("{file}: report {report}, {entities} entities, {statements} statements.").format(
                file=outcome.label,
                report=result.report_id,
                entities=result.entities,
                statements=result.statements,
            )
        )
    return False


# A format's help comes from the registry, translated there: it is no docstring to extract.
for _name, _format in FORMATS.items():
    import_app.command(_name, help=_format.help)(_import_command(_name, _format))


@export_app.command("ftm")
def export_ftm(
    as_user: str = typer.Option(..., "--as", help=_("Export what this user may see.")),
    output: Path | None = typer.Option(
        None, "--out", help=_("Output file (default: standard output).")
    ),
) -> None:
    """Write FtM JSON lines holding exactly what the user may see."""
    with open_store() as (_settings, store):
        view = store.view(reader(store, as_user))
        count = 0
        handle = output.open("w", encoding="utf-8") if output else None
        try:
            for entity in view.export("ftm"):
                line = json.dumps(entity.to_ftm(), ensure_ascii=False, sort_keys=True) + "\n"
                if handle:
                    handle.write(line)
                else:
                    out(line)
                count += 1
        finally:
            if handle:
                handle.close()
    say(_("{count} entities exported.").format(count=count))


def search(
    query: str = typer.Argument(..., help=_("Names or identifiers, in any script.")),
    as_user: str = typer.Option(..., "--as", help=_("Search as this user.")),
    limit: int = typer.Option(20, help=_("Most results to show.")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON lines instead of a table.")),
) -> None:
    """Search names and identifiers; shows only what the user may see."""
    with open_store() as (_settings, store):
        hits = store.view(reader(store, as_user)).search(query, limit=limit)
    if as_json:
        for hit in hits:
            record = {
                "id": hit.entity.id,
                "schema": hit.entity.schema.name,
                "caption": hit.entity.caption,
                "marking": hit.entity.handling.marking.label,
                "score": hit.score,
            }
            out(json.dumps(record, ensure_ascii=False) + "\n")
        return
    table = Table(_("id"), _("type"), _("name"), _("marking"))
    for hit in hits:
        table.add_row(
            hit.entity.id, hit.entity.schema.label, hit.entity.caption, hit.entity.handling.banner
        )
    console.print(table)
    say(_("{count} results.").format(count=len(hits)))
