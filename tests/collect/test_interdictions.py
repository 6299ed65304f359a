"""Interdiction reports: in bulk from CSV and one at a time as a typed report, the same
entities either way."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers import collection
from vigie.collect.interdictions import (
    DOCUMENT_TYPES,
    FRAUD_TYPES,
    MAPPING,
    OUTCOMES,
    SMUGGLING_INDICATORS,
    InterdictionReport,
    document_type_label,
    fraud_type_label,
    import_file,
    import_report,
    indicator_label,
    interdiction_entities,
    interdiction_records,
    outcome_label,
)
from vigie.collect.mapping import InvalidValue, builtin
from vigie.collect.tabular import read_table
from vigie.i18n import catalogue
from vigie.store import Store
from vigie.store.tables import statement

ROWS = [
    {
        "reference": "IST-2025-0042",
        "date": "2025-03-14",
        "post": "Istanbul",
        "location": "Istanbul Airport (IST), Türkiye",
        "country": "tr",
        "carrier": "TK",
        "flight": "TK 17",
        "full_name": "Samir Haddad",
        "surname": "Haddad",
        "given_names": "Samir",
        "aliases": "سمير حداد;Sameer Hadad",
        "birth_date": "1991",
        "nationality": "sy",
        "gender": "M",
        "document_type": "Passport",
        "document_country": "se",
        "document_number": "91234567",
        "document_surname": "LINDQVIST",
        "document_given_names": "ERIK",
        "document_birth_date": "1989-06-02",
        "document_gender": "male",
        "document_expires": "2029-01-31",
        "fraud_type": "impostor",
        "outcome": "boarding-denied",
        "facilitator_name": "Abu Karim",
        "facilitator_phone": "+905321234567",
        "smuggling_indicators": "escorted; document handover",
        "narrative": "Presented a Swedish passport reported stolen; escorted to the gate.",
    },
    {
        "reference": "DXB-2025-0007",
        "date": "2025-04-02",
        "post": "Dubai",
        "full_name": "Grace Okafor",
        "fraud_type": "no-document",
        "outcome": "offloaded",
        "facilitator_name": "Abu Karim",
        "facilitator_phone": "+905321234567",
    },
]
COLUMNS = builtin("interdictions").columns


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_the_csv_and_the_typed_report_give_the_same_entities(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "reports.csv", ROWS)
    typed = [r for row in ROWS for r in interdiction_records(InterdictionReport.from_row(row))]
    assert list(read_table(path, MAPPING)) == typed
    # A report already checked and coded gives the same again.
    report = InterdictionReport.from_row(ROWS[0])
    assert interdiction_records(report) == interdiction_records(
        InterdictionReport.from_row(report.row())
    )


def test_a_report_is_a_person_a_document_a_facilitator_and_an_event() -> None:
    found = interdiction_entities(InterdictionReport.from_row(ROWS[0]))
    person, document, facilitator, event = (
        found[k] for k in ("person", "document", "facilitator", "interdiction")
    )
    assert (person.schema, document.schema, facilitator.schema, event.schema) == (
        "Person",
        "Passport",
        "Person",
        "Event",
    )
    assert all(r.id.startswith("int-") for r in found.values())
    values = {(p, v) for p, v, _t in event.values}
    assert {
        ("involved", person.id),
        ("organizer", facilitator.id),
        ("date", "2025-03-14"),
    } <= values
    keywords = {v for p, v in values if p == "keywords"}
    assert keywords == {
        "fraud-type:impostor",
        "outcome:boarding-denied",
        "indicator:escorted",
        "indicator:document-handover",
        "post:Istanbul",
        "carrier:TK",
        "flight:TK 17",
    }
    assert ("holder", person.id, "entity") in document.values
    assert ("type", "passport", "string") in document.values
    assert ("alias", "سمير حداد", "name") in person.values
    # No document: the entities that have something to say; the facilitator named again is one.
    second = interdiction_entities(InterdictionReport.from_row(ROWS[1]))
    assert sorted(second) == ["facilitator", "interdiction", "person"]
    assert second["facilitator"].id == found["facilitator"].id


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"fraud_type": "photo substitution"}, "fraud_type", "'photo substitution' is not one of"),
        ({"outcome": "deported"}, "outcome", "'deported' is not one of"),
        ({"outcome": ""}, "outcome", "a value is required"),
        ({"smuggling_indicators": "escorted;bribery"}, "smuggling_indicators", "'bribery'"),
        ({"nationality": "Atlantis"}, "nationality", "not a valid country"),
        ({"date": "14/03/2025"}, "date", "not a date"),
        ({"date": "2099-01-01"}, "date", "in the future"),
        ({"birth_date": "2099"}, "birth_date", "in the future"),
        # Read as text, a day-first date sorts after today: it is a bad date, not a future one.
        ({"birth_date": "31/02/1990"}, "birth_date", "'31/02/1990' is not a valid date"),
        ({"document_issued": "3 March 2020"}, "document_issued", "not a valid date"),
        ({"height": "180"}, "height", "not a field"),
    ],
)
def test_a_bad_report_names_its_field(change: dict[str, str], field: str, message: str) -> None:
    with pytest.raises(InvalidValue, match=message) as caught:
        InterdictionReport.from_row({**ROWS[0], **change})
    assert caught.value.column == field


def test_an_unknown_fraud_type_in_a_csv_names_the_row_and_column(tmp_path: Path) -> None:
    rows = [ROWS[1], ROWS[0], {**ROWS[1], "fraud_type": "forged visa"}]
    path = write_csv(tmp_path / "r.csv", rows)
    # The first report's narrative and MRZ-free cells fit on one line each: row 4 is line 4.
    with pytest.raises(InvalidValue, match=r"r\.csv, line 4, column fraud_type: 'forged visa'"):
        list(read_table(path, MAPPING))


@pytest.mark.parametrize("column", ["date", "birth_date", "document_issued"])
def test_a_csv_report_dated_in_the_future_is_refused_as_the_form_refuses_it(
    tmp_path: Path, column: str
) -> None:
    path = write_csv(tmp_path / "r.csv", [ROWS[1], {**ROWS[0], column: "2999-01-01"}])
    with pytest.raises(
        InvalidValue, match=rf"line 3, column {column}: 2999-01-01 is in the future"
    ):
        list(read_table(path, MAPPING))


def test_one_report_is_one_collection_report_and_repeats_add_nothing(store: Store) -> None:
    report = InterdictionReport.from_row(ROWS[0])
    first = import_report(store, report, collection("mio-istanbul"))
    assert first.entities == 4 and not first.repeated
    again = import_report(store, report, collection("mio-istanbul"))
    assert again.repeated and again.report_id == first.report_id
    with store.engine.connect() as conn:
        ids = {r[0] for r in conn.execute(select(statement.c.entity_id))}
        reports = {r[0] for r in conn.execute(select(statement.c.report_id))}
    assert ids == {r.id for r in interdiction_records(report)}
    assert reports == {first.report_id}


def test_the_bulk_import_writes_what_the_form_would(store: Store, tmp_path: Path) -> None:
    [outcome] = import_file(store, write_csv(tmp_path / "r.csv", ROWS), collection())
    assert outcome.result is not None and outcome.result.entities == 7
    with store.engine.connect() as conn:
        stored = {(r.entity_id, r.prop, r.value) for r in conn.execute(select(statement))}
    typed = {
        (record.id, prop, value)
        for row in ROWS
        for record in interdiction_records(InterdictionReport.from_row(row))
        for prop, value, _type in record.values
    }
    assert typed <= stored


def test_the_vocabularies_come_from_the_mapping_and_have_words() -> None:
    assert "stolen-blank" in FRAUD_TYPES and "boarding-denied" in OUTCOMES
    labels = [
        *(fraud_type_label(w) for w in FRAUD_TYPES),
        *(outcome_label(w) for w in OUTCOMES),
        *(indicator_label(w) for w in SMUGGLING_INDICATORS),
        *(document_type_label(w) for w in DOCUMENT_TYPES),
    ]
    assert len(set(labels)) == len(labels)
    assert set(labels) <= set(catalogue("fr")), "every word is translated"


def test_a_report_needs_a_date() -> None:
    row = {k: v for k, v in ROWS[1].items() if k != "date"}
    with pytest.raises(InvalidValue, match="date: a value is required"):
        InterdictionReport.from_row(row)
    report = InterdictionReport(
        reference="R-1", date=dt.date(2025, 1, 2), post="Lagos", full_name="A B", outcome="arrested"
    )
    assert report.row()["date"] == "2025-01-02"
