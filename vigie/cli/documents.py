"""``vigie documents``: validate MRZs, check documents, document alerts, referrals, trends."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from vigie.cli.common import console, open_store, out, reader, say
from vigie.documents import alerts as alert_store
from vigie.documents import trends
from vigie.documents.alert import AlertSpec, AlertStatus, MatchStatus
from vigie.documents.check import check_document, list_referrals, refer
from vigie.documents.consistency import Declared
from vigie.documents.ocr import read_image
from vigie.documents.validate import read_mrz, split_documents
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.grading import Grading
from vigie.model.handling import Handling

app = typer.Typer(
    help=_("Travel documents: MRZ validation, checks, alerts, referrals and fraud trends."),
    no_args_is_help=True,
)
alerts_app = typer.Typer(
    help=_("Publish, list and withdraw document alerts."), no_args_is_help=True
)
app.add_typer(alerts_app, name="alerts")


def _text(path: Path | None) -> str:
    if path is None or str(path) == "-":
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            _("{file}: cannot be read: {error}").format(file=path, error=exc)
        ) from None


def _date(text: str | None, name: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            _("{name} must be a date written YYYY-MM-DD, not {text!r}").format(name=name, text=text)
        ) from None


@app.command("check-mrz")
def check_mrz(
    file: Path | None = typer.Argument(
        None, help=_("A file of MRZ text; standard input when left out or '-'.")
    ),
) -> None:
    """Read and validate MRZs: the lines of one document together, documents separated by a
    blank line; prints one JSON object per document."""
    for lines in split_documents(_text(file)):
        out(json.dumps(read_mrz(lines).to_dict(), ensure_ascii=False) + "\n")


@app.command("read-image")
def read_image_command(
    image: Path = typer.Argument(..., help=_("A photograph or scan of the data page.")),
) -> None:
    """Read the MRZ from an image with Tesseract and validate it; prints one JSON object, with
    what OCR had to settle under "notes"."""
    reading = read_image(image.read_bytes())
    result = read_mrz(reading.lines).to_dict()
    result["notes"] = reading.notes
    out(json.dumps(result, ensure_ascii=False) + "\n")


@app.command("check")
def check(
    as_user: str = typer.Option(..., "--as", help=_("The officer checking.")),
    file: Path | None = typer.Argument(None, help=_("MRZ text; standard input when left out.")),
    image: Path | None = typer.Option(None, help=_("Read the MRZ from this image instead.")),
    surname: str = typer.Option("", help=_("The surname typed or declared.")),
    given_names: str = typer.Option("", help=_("The given names typed or declared.")),
    birth_date: str | None = typer.Option(None, help=_("The birth date declared, YYYY-MM-DD.")),
    sex: str = typer.Option("", help=_("The sex declared, M or F.")),
    nationality: str = typer.Option("", help=_("The nationality declared.")),
    issued: str | None = typer.Option(None, help=_("The issue date printed, YYYY-MM-DD.")),
    travel_date: str | None = typer.Option(None, help=_("The date of travel, YYYY-MM-DD.")),
) -> None:
    """Check one document against the store and the alerts, and record the check; prints it
    as JSON (the API's form)."""
    from vigie.api.routers.documents import check_out

    notes: list[str] = []
    if image is not None:
        reading = read_image(image.read_bytes())
        lines, notes, source = reading.lines, reading.notes, "image"
    else:
        lines, source = _text(file).strip().splitlines(), "typed"
    declared = Declared(
        surname,
        given_names,
        _date(birth_date, "--birth-date"),
        sex,
        nationality,
        _date(issued, "--issued"),
        _date(travel_date, "--travel-date"),
    )
    with open_store() as (_settings, store):
        result = check_document(
            store, reader(store, as_user), lines, declared, source=source, notes=notes
        )
    out(check_out(result).model_dump_json() + "\n")


@app.command("refer")
def refer_command(
    check_id: int = typer.Argument(..., help=_("The check's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The officer referring.")),
    reason: str = typer.Option(..., help=_("Why.")),
) -> None:
    """Refer a recorded check to intelligence."""
    with open_store() as (_settings, store):
        refer(store, reader(store, as_user), check_id, reason)
    say(_("Check {id} referred to intelligence.").format(id=check_id))


@app.command("referrals")
def referrals(
    as_user: str = typer.Option(..., "--as", help=_("List what this user may see.")),
) -> None:
    """List checks referred to intelligence and awaiting review."""
    with open_store() as (_settings, store):
        found = list_referrals(store, reader(store, as_user))
    table = Table(_("check"), _("by"), _("number"), _("verdict"), _("reason"), _("marking"))
    for item in found:
        table.add_row(
            str(item.id),
            item.referred_by or "",
            item.document_number or "",
            item.verdict.value,
            item.referral_reason or "",
            item.handling.banner,
        )
    console.print(table)


@alerts_app.command("publish")
def publish(
    as_user: str = typer.Option(..., "--as", help=_("The publishing officer.")),
    title: str = typer.Option(..., help=_("A short title.")),
    features: str = typer.Option(..., help=_("What to examine on the document.")),
    state: str | None = typer.Option(None, help=_("Issuing state (ICAO code).")),
    document_type: str | None = typer.Option(None, help=_("passport, identity-card, visa …")),
    pattern: str | None = typer.Option(None, help=_("Number pattern: # digit, @ letter, ? *.")),
    number_from: str | None = typer.Option(None, help=_("First number of a range.")),
    number_to: str | None = typer.Option(None, help=_("Last number of a range.")),
    issued_from: str | None = typer.Option(None, help=_("Issued on or after, YYYY-MM-DD.")),
    issued_to: str | None = typer.Option(None, help=_("Issued on or before, YYYY-MM-DD.")),
    expires: str | None = typer.Option(None, help=_("The alert's expiry, YYYY-MM-DD.")),
    marking: str = typer.Option("PROTECTED B", help=_("Marking of the alert.")),
    caveat: list[str] = typer.Option([], help=_("Caveat (repeatable).")),
    releasable_to: list[str] = typer.Option([], help=_("Partner it may be released to.")),
    compartment: list[str] = typer.Option([], help=_("Need-to-know compartment.")),
    reliability: str = typer.Option("B", help=_("Source reliability, A to F.")),
    credibility: str = typer.Option("2", help=_("Information credibility, 1 to 6.")),
) -> None:
    """Publish an alert on a fraudulent document series; stored documents are matched at
    once."""
    spec = AlertSpec(
        title=title,
        features=features,
        handling=Handling.make(marking, caveat, releasable_to, compartment),
        grading=Grading.make(reliability, credibility),
        issuing_state=state,
        document_type=document_type,
        number_pattern=pattern.upper() if pattern else None,
        number_from=number_from.upper() if number_from else None,
        number_to=number_to.upper() if number_to else None,
        issued_from=_date(issued_from, "--issued-from"),
        issued_to=_date(issued_to, "--issued-to"),
        expires_on=_date(expires, "--expires"),
    )
    with open_store() as (_settings, store):
        alert, matched = alert_store.publish_alert(store, reader(store, as_user), spec)
    say(
        _("Alert {id} published; {count} stored documents match it.").format(
            id=alert.id, count=matched
        )
    )


@alerts_app.command("list")
def list_alerts(
    as_user: str = typer.Option(..., "--as", help=_("List what this user may see.")),
    status: str | None = typer.Option(None, help=_("Only this status: active or withdrawn.")),
) -> None:
    """List document alerts, newest first."""
    wanted = AlertStatus(status) if status else None
    with open_store() as (_settings, store):
        found = alert_store.list_alerts(store, reader(store, as_user), wanted)
    table = Table(_("id"), _("status"), _("title"), _("state"), _("pattern"), _("marking"))
    for item in found:
        spec = item.spec
        table.add_row(
            str(item.id),
            item.status.value,
            spec.title,
            spec.issuing_state or "",
            spec.number_pattern or " – ".join(filter(None, (spec.number_from, spec.number_to))),
            spec.handling.banner,
        )
    console.print(table)


@alerts_app.command("withdraw")
def withdraw(
    alert_id: int = typer.Argument(..., help=_("The alert's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The withdrawing officer.")),
    reason: str = typer.Option(..., help=_("Why.")),
) -> None:
    """Withdraw an alert."""
    with open_store() as (_settings, store):
        alert_store.withdraw_alert(store, reader(store, as_user), alert_id, reason)
    say(_("Alert {id} withdrawn.").format(id=alert_id))


@alerts_app.command("match")
def match() -> None:
    """Match every stored document against every active alert (after an import); known
    matches are not repeated."""
    with open_store() as (_settings, store):
        added = alert_store.match_store(store)
    say(_("{count} new alert matches.").format(count=added))


@alerts_app.command("matches")
def matches(
    as_user: str = typer.Option(..., "--as", help=_("List what this user may see.")),
    status: str = typer.Option("open", help=_("open, confirmed or dismissed.")),
) -> None:
    """List documents matched to alerts, for analysts."""
    with open_store() as (_settings, store):
        found = alert_store.list_matches(store, reader(store, as_user), MatchStatus(status))
    table = Table(_("id"), _("alert"), _("document"), _("number"), _("reasons"), _("marking"))
    for item in found:
        table.add_row(
            str(item.id),
            item.alert_title,
            item.entity_id or _("check {id}").format(id=item.check_id),
            item.document_number,
            "; ".join(item.reasons),
            item.handling.banner,
        )
    console.print(table)


@alerts_app.command("decide")
def decide(
    match_id: int = typer.Argument(..., help=_("The match's number.")),
    as_user: str = typer.Option(..., "--as", help=_("The deciding analyst.")),
    decision: str = typer.Option(..., help=_("confirmed or dismissed.")),
    reason: str = typer.Option(..., help=_("Why.")),
) -> None:
    """Confirm or dismiss an alert match."""
    with open_store() as (_settings, store):
        alert_store.decide_match(
            store, reader(store, as_user), match_id, MatchStatus(decision), reason
        )
    say(_("Match {id}: {decision}.").format(id=match_id, decision=decision))


@app.command("trends")
def trend_command(
    as_user: str = typer.Option(..., "--as", help=_("Count what this user may see.")),
    by: str = typer.Option("fraud_type", help=_("month, issuing_state, document_type …")),
    csv: bool = typer.Option(False, "--csv", help=_("Print every combination as CSV.")),
) -> None:
    """Interceptions and document fraud by month, issuing state, document type, fraud type or
    route."""
    if by not in trends.DIMENSIONS:
        raise InvalidInput(
            _("--by must be one of: {known}").format(known=", ".join(trends.DIMENSIONS))
        )
    with open_store() as (_settings, store):
        rows, _marked = trends.interceptions(
            store, reader(store, as_user), "csv" if csv else "read"
        )
    if csv:
        out(trends.to_csv(rows))
        return
    table = Table(by, _("interceptions"), _("fraud"))
    for item in trends.tally(rows, by):
        table.add_row(item.value, str(item.interceptions), str(item.fraud))
    console.print(table)


@app.command("sample-images")
def sample_images(
    out_dir: Path = typer.Option(..., "--out", help=_("Folder to write the images into.")),
    count: int = typer.Option(10, help=_("How many data pages.")),
    seed: int = typer.Option(1, help=_("The synthetic world's seed.")),
) -> None:
    """Write images of synthetic passport data pages, to try reading MRZs from images."""
    from vigie.demo.datapage import write_data_pages

    written = write_data_pages(seed, count, out_dir)
    say(_("{count} data pages written to {folder}.").format(count=len(written), folder=out_dir))
