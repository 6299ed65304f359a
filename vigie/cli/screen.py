"""``vigie screen``: screen travellers, review hits, evaluate screening quality."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.progress import Progress
from rich.table import Table

from vigie.cli import referrals
from vigie.cli.common import console, open_store, out, reader, say
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.handling import Handling
from vigie.policy import audit
from vigie.screen import adjudication, evaluate
from vigie.screen.batch import read_travellers, subject_from
from vigie.screen.entries import persons
from vigie.screen.scoring import MATCH, REVIEW, Thresholds
from vigie.screen.service import screen, screener

app = typer.Typer(
    help=_("Screen travellers against watchlists and lookouts; review hits."),
    no_args_is_help=True,
)

app.add_typer(referrals.app, name="referrals")
app.add_typer(referrals.redress_app, name="redress")

SOURCE_OPTION = typer.Option(
    [], "--source", help=_("Screen only against entries from this source (repeatable).")
)
REVIEW_OPTION = typer.Option(REVIEW, help=_("Score from which a hit is shown for review."))
MATCH_OPTION = typer.Option(MATCH, help=_("Score from which a hit is labelled a match."))


@app.command("batch")
def batch(
    input_file: Path = typer.Option(..., "--input", help=_("JSON Lines, CSV or PAXLST file.")),
    as_user: str = typer.Option(..., "--as", help=_("Screen with what this user may see.")),
    output: Path = typer.Option(..., help=_("Where to write the JSON Lines results.")),
    marking: str = typer.Option("PROTECTED B", help=_("Marking of the travellers' data.")),
    review: float = REVIEW_OPTION,
    match: float = MATCH_OPTION,
    source: list[str] = SOURCE_OPTION,
    workers: int = typer.Option(2, min=1, help=_("Processes that share a large batch.")),
) -> None:
    """Screen every traveller of a file; write one JSON line per traveller with the hits at or
    above the review threshold, best first."""
    thresholds = Thresholds(review, match)
    travellers = read_travellers(input_file)
    with open_store() as (_settings, store):
        user = reader(store, as_user)
        with Progress(console=console, transient=True) as bar:
            task = bar.add_task(_("screening"), total=len(travellers))
            results = screen(
                store,
                user,
                travellers,
                Handling.make(marking),
                thresholds,
                lambda done: bar.update(task, completed=done),
                label=input_file.name,
                sources=frozenset(source),
                workers=workers,
            )
    with output.open("w", encoding="utf-8") as fh:
        for result in results:
            fh.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    hits = sum(1 for r in results for h in r.hits if h.status == "pending")
    say(
        _("Screened {count} travellers: {hits} hits to review, written to {file}.").format(
            count=len(travellers), hits=hits, file=output
        )
    )


@app.command("check")
def check(
    name: str = typer.Argument(..., help=_("The traveller's name, in any script.")),
    as_user: str = typer.Option(..., "--as", help=_("Screen with what this user may see.")),
    birth_date: str | None = typer.Option(None, help=_("Date of birth, YYYY[-MM[-DD]].")),
    nationality: str | None = typer.Option(None, help=_("Nationality, two-letter code.")),
    sex: str | None = typer.Option(None, help=_("male or female.")),
    document: str | None = typer.Option(None, help=_("Travel document number.")),
    marking: str = typer.Option("PROTECTED B", help=_("Marking of the traveller's data.")),
) -> None:
    """Screen one person (an officer's quick check) and print the hits with their reasons."""
    row = {"id": "check", "name": name, "birth_date": birth_date, "nationality": nationality}
    row.update({"sex": sex, "document_number": document})
    traveller = subject_from({k: v for k, v in row.items() if v}, _("quick check"))
    with open_store() as (_settings, store):
        result = screen(store, reader(store, as_user), [traveller], Handling.make(marking))[0]
    if not result.hits:
        say(_("No hit."))
    for hit in result.hits:
        say(
            _("hit {id}: {caption} ({entity}), score {score:.2f}{match}, {status}").format(
                id=hit.id,
                caption=hit.score.caption,
                entity=hit.score.entity_id,
                score=hit.score.score,
                match=_(", match") if hit.score.match else "",
                status=hit.status,
            )
        )
        say("  " + hit.score.explanation())


@app.command("hits")
def hits(
    as_user: str = typer.Option(..., "--as", help=_("List what this user may see.")),
    status: str = typer.Option(
        "pending",
        help=_("pending, cleared, suppressed, true-match, false-positive, refer or all."),
    ),
) -> None:
    """List screening hits, newest first."""
    with open_store() as (_settings, store):
        found = adjudication.list_hits(
            store, reader(store, as_user), None if status == "all" else status
        )
    table = Table(_("hit"), _("traveller"), _("entry"), _("score"), _("status"))
    for hit in found:
        names = ", ".join(hit.subject.get("names", []))
        table.add_row(str(hit.id), names, hit.caption, f"{hit.score:.2f}", hit.status)
    console.print(table)


@app.command("decide")
def decide(
    hit_id: int = typer.Argument(..., help=_("The hit's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The deciding officer.")),
    decision: str = typer.Option(..., help=_("true-match, false-positive or refer.")),
    reason: str = typer.Option(..., help=_("Why.")),
) -> None:
    """Record a decision on a pending hit."""
    try:
        chosen = adjudication.Decision(decision)
    except ValueError:
        raise InvalidInput(
            _("unknown decision {decision!r}; expected true-match, false-positive or refer").format(
                decision=decision
            )
        ) from None
    with open_store() as (_settings, store):
        hit = adjudication.decide(store, reader(store, as_user), hit_id, chosen, reason)
    say(_("Hit {id}: {status}.").format(id=hit.id, status=hit.status))


@app.command("clearances")
def clearances(
    as_user: str = typer.Option(..., "--as", help=_("List what this user may see.")),
    entity: str | None = typer.Option(None, help=_("Only clearances against this entry.")),
) -> None:
    """List cleared false positives (revoked ones too), newest first."""
    with open_store() as (_settings, store):
        found = adjudication.list_clearances(store, reader(store, as_user), entity)
    table = Table(
        _("clearance"), _("entry"), _("traveller"), _("hit"), _("cleared"), _("reason"),
        _("revoked"),
    )  # fmt: skip
    for item in found:
        table.add_row(
            str(item.id),
            item.entity_id,
            item.traveller_key,
            str(item.hit_id),
            f"{item.cleared_by} {item.cleared_at[:10]}",
            item.reason,
            "" if item.revoked_at is None else f"{item.revoked_by} {item.revoked_at[:10]}",
        )
    console.print(table)


@app.command("revoke")
def revoke(
    clearance_id: int = typer.Argument(..., help=_("The clearance's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The revoking supervisor.")),
    reason: str = typer.Option(..., help=_("Why.")),
) -> None:
    """Revoke a cleared false positive: the traveller is raised against the entry again."""
    with open_store() as (_settings, store):
        adjudication.revoke(store, reader(store, as_user), clearance_id, reason)
    say(_("Clearance {id} revoked.").format(id=clearance_id))


def _print_report(report: evaluate.Report, as_json: bool) -> None:
    if as_json:
        out(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(
        _("group"), _("screened"), _("true matches"), _("recall"), _("precision"),
        _("false-positive rate"), _("false hits per 1,000"),
    )  # fmt: skip

    def pct(value: float | None, digits: int = 3) -> str:
        return "—" if value is None else f"{value:.{digits}f}"

    rows = [(_("overall"), report.overall), *sorted(report.groups.items())]
    # The same measures by what the entries give of a date of birth: what tells a namesake
    # apart is on the list, or is not.
    listed = [(evaluate.listing_label(k), t) for k, t in report.listings.items()]
    # What officers would be raised once each false positive is cleared (the rest is the
    # same traveller again): the repeat stops that clearances spare.
    if report.remembered is not None:
        listed.append((_("overall, with officers' clearances remembered"), report.remembered))
    for i, (group, tally) in enumerate(rows + listed):
        table.add_row(
            group,
            f"{tally.screened:,}",
            f"{tally.found + tally.missed:,}",
            pct(tally.recall),
            pct(tally.precision),
            pct(tally.false_positive_rate, 4),
            pct(tally.false_hits_per_1000, 2),
            end_section=i == len(rows) - 1 and bool(listed),
        )
    console.print(table)


@app.command("evaluate")
def evaluate_(
    as_user: str = typer.Option(..., "--as", help=_("Evaluate with what this user may see.")),
    truth: Path | None = typer.Option(None, help=_("A synthetic world's truth.json.")),
    pairs: Path | None = typer.Option(None, help=_("Labelled name pairs (JSON Lines).")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON instead of a table.")),
    workers: int = typer.Option(2, min=1, help=_("Processes that share a large batch.")),
    review: float = REVIEW_OPTION,
    match: float = MATCH_OPTION,
    source: list[str] = SOURCE_OPTION,
) -> None:
    """Report precision, recall and false-positive rates, overall and per name origin: every
    Person in the store screened against the entries (``--truth``), or name pairs compared
    name only (``--pairs``)."""
    if (truth is None) == (pairs is None):
        raise InvalidInput(_("give one of --truth or --pairs"))
    thresholds = Thresholds(review, match)
    with open_store() as (_settings, store):
        user = reader(store, as_user)
        if pairs is not None:
            report = evaluate.evaluate_pairs(pairs, thresholds)
            target = pairs.name
        else:
            assert truth is not None
            known = evaluate.read_truth(truth)
            found = screener(store, user, frozenset(source))
            skip = {s.entity_id for s in found.entries.subjects}
            with Progress(console=console, transient=True) as bar:
                task = bar.add_task(_("evaluating"), total=len(known.persons))
                report = evaluate.evaluate_world(
                    persons(store.view(user), skip),
                    found.index,
                    known,
                    thresholds,
                    lambda done: bar.update(task, completed=done),
                    workers,
                )
            target = truth.name
        details = {**report.to_dict(), "sources": sorted(source)}
        audit.record(store.engine, user.name, "screen.evaluate", target, **details)
    _print_report(report, as_json)
