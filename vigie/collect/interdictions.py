"""Interdiction reports from migration integrity officers: in bulk from CSV, or one at a time as
a typed :class:`InterdictionReport` from the workspace form or the API.

Both go through the built-in mapping ``mappings/interdictions.yaml`` (the columns are listed in
``docs/collect-tabular.md``), so a report gives the same entities, with the same ids, whichever
way it arrives: the interdicted person, the document they presented, the facilitator when one
is named, and the interdiction itself as an Event involving the person and organised by the
facilitator. Fraud type, outcome, smuggling indicators, post, carrier and flight are Event
``keywords`` such as ``fraud-type:impostor``; the vocabularies are the mapping's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from followthemoney.util import sanitize_text

from vigie.collect.mapping import MAPPINGS_DIR, InvalidValue, Row, builtin
from vigie.collect.registry import Outcome
from vigie.collect.tabular import import_table
from vigie.i18n import _
from vigie.store.store import Store
from vigie.store.writer import Collection, ImportResult, Record, write_records

MAPPING = MAPPINGS_DIR / "interdictions.yaml"
FRAUD_TYPES = builtin("interdictions").vocabulary("fraud_type")
OUTCOMES = builtin("interdictions").vocabulary("outcome")
SMUGGLING_INDICATORS = builtin("interdictions").vocabulary("smuggling_indicators")
DOCUMENT_TYPES = builtin("interdictions").vocabulary("document_type")


@dataclass(frozen=True)
class InterdictionReport:
    """One interdiction as an officer reports it. Field names are the CSV's column names;
    dates other than ``date`` are text because reports often give only a year. A report is
    valid once made: construction checks the required fields, the vocabularies, every value
    and that no date lies in the future, and raises
    :class:`~vigie.collect.mapping.InvalidValue` naming the field."""

    reference: str
    date: dt.date
    post: str
    full_name: str
    outcome: str
    location: str = ""
    country: str = ""
    carrier: str = ""
    flight: str = ""
    surname: str = ""
    given_names: str = ""
    aliases: tuple[str, ...] = ()
    birth_date: str = ""
    birth_place: str = ""
    nationality: str = ""
    gender: str = ""
    document_type: str = ""
    document_country: str = ""
    document_number: str = ""
    document_surname: str = ""
    document_given_names: str = ""
    document_birth_date: str = ""
    document_gender: str = ""
    document_issued: str = ""
    document_expires: str = ""
    document_mrz: str = ""
    fraud_type: str = ""
    facilitator_name: str = ""
    facilitator_phone: str = ""
    facilitator_nationality: str = ""
    smuggling_indicators: tuple[str, ...] = ()
    narrative: str = ""

    def __post_init__(self) -> None:
        # The mapping checks it all (required fields, vocabularies, values that do not clean,
        # dates in the future), so that a report accepted here always imports.
        interdiction_entities(self)

    @classmethod
    def from_row(cls, row: Mapping[str, str]) -> InterdictionReport:
        """A report from text fields named as the CSV's columns (a form, a JSON payload);
        lists are separated by ``;``. Unknown fields and a bad date raise
        :class:`InvalidValue`."""
        known = {f.name for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for name, text in row.items():
            if name not in known:
                raise InvalidValue(
                    name, _("{field}: not a field of an interdiction report").format(field=name)
                )
            text = (text or "").strip()
            if name in ("aliases", "smuggling_indicators"):
                values[name] = tuple(filter(None, (p.strip() for p in text.split(";"))))
            elif name == "date":
                try:
                    values[name] = dt.date.fromisoformat(text)
                except ValueError:
                    raise InvalidValue(
                        name, _("date: {value!r} is not a date (YYYY-MM-DD)").format(value=text)
                    ) from None
            else:
                values[name] = text
        if "date" not in values:
            raise InvalidValue("date", _("{field}: a value is required").format(field="date"))
        return cls(**values)

    def row(self) -> Row:
        """The report as a row of the interdictions table (empty fields left out)."""
        row: Row = {}
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            # Cleaned as a CSV cell is, so that both paths give the same ids and values.
            text = sanitize_text(";".join(value) if isinstance(value, tuple) else str(value))
            if text is not None:
                row[field.name] = text
        return row


def interdiction_entities(report: InterdictionReport) -> dict[str, Record]:
    """The entities of one report by their role: ``person``, ``document`` (when a document
    was presented), ``facilitator`` (when one is named) and ``interdiction`` (the Event)."""
    where = _("interdiction report {reference}").format(reference=report.reference)
    return builtin("interdictions").map(report.row(), where)


def interdiction_records(report: InterdictionReport) -> list[Record]:
    """The records of one report, as the writer takes them; ids are deterministic, the same
    as the CSV import gives the same report."""
    return list(interdiction_entities(report).values())


def import_report(store: Store, report: InterdictionReport, collection: Collection) -> ImportResult:
    """Write one report as one collection report. ``collection`` says who and with what
    handling and grading; its ``file_name`` defaults to the report's reference. Submitting the
    same report again adds nothing (the result says ``repeated``)."""
    records = interdiction_records(report)
    text = json.dumps(report.row(), sort_keys=True, ensure_ascii=False)
    checksum = hashlib.sha256((text + MAPPING.read_text(encoding="utf-8")).encode()).hexdigest()
    collection = replace(
        collection, file_name=collection.file_name or report.reference, checksum=checksum
    )
    return write_records(store, collection, records)


def import_file(
    store: Store,
    path: Path,
    collection: Collection,
    progress: Callable[[int], None] | None = None,
    mapping: Path | None = None,
) -> list[Outcome]:
    """Import one CSV table of interdiction reports as one collection report; ``mapping``
    replaces the built-in one."""
    return import_table(store, path, collection, mapping or MAPPING, progress)


def fraud_type_label(word: str) -> str:
    """A fraud type in words, in the active language."""
    labels = {
        "counterfeit": _("Counterfeit document"),
        "altered": _("Altered genuine document"),
        "impostor": _("Impostor (another person's genuine document)"),
        "fraudulently-obtained-genuine": _("Genuine document obtained by fraud"),
        "stolen-blank": _("Stolen blank document"),
        "no-document": _("No document"),
    }
    return labels[word]


def outcome_label(word: str) -> str:
    """An interdiction outcome in words, in the active language."""
    labels = {
        "boarding-denied": _("Boarding denied"),
        "offloaded": _("Offloaded from the aircraft"),
        "referred-to-local-authorities": _("Referred to local authorities"),
        "arrested": _("Arrested by local authorities"),
        "allowed-to-board": _("Allowed to board"),
    }
    return labels[word]


def indicator_label(word: str) -> str:
    """A smuggling indicator in words, in the active language."""
    labels = {
        "escorted": _("Escorted by a suspected facilitator"),
        "group-travel": _("Travelling in a group with similar documents or itineraries"),
        "document-handover": _("Document handed over by a third party before travel"),
        "third-party-payment": _("Ticket paid by a third party"),
        "coached": _("Coached answers"),
        "no-return-ticket": _("No return ticket"),
        "known-facilitator-contact": _("Contact details of a known facilitator"),
    }
    return labels[word]


def document_type_label(word: str) -> str:
    """A document type in words, in the active language."""
    labels = {
        "passport": _("Passport"),
        "identity-card": _("Identity card"),
        "travel-document": _("Travel document (refugee, stateless, emergency)"),
        "visa": _("Visa"),
        "residence-permit": _("Residence permit"),
    }
    return labels[word]
