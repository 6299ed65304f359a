"""Trends of interceptions and fraud from interdiction reports in the store, by what the reader
may see."""

from __future__ import annotations

import datetime as dt

from tests.documents.conftest import ANALYST, PARTNER
from vigie.collect.interdictions import InterdictionReport, import_report
from vigie.documents.trends import interceptions, tally, to_csv
from vigie.model.grading import Grading
from vigie.model.handling import Handling
from vigie.store import Store
from vigie.store.writer import Collection


def report(reference: str, day: str, fraud: str, country: str, **extra: str) -> InterdictionReport:
    return InterdictionReport(
        reference=reference,
        date=dt.date.fromisoformat(day),
        post="Cairo",
        full_name="Test Traveller " + reference,
        outcome="boarding-denied",
        location="Cairo International Airport (CAI), Egypt",
        carrier="MS",
        document_type="passport",
        document_country=country,
        document_number="X" + reference[-6:],
        fraud_type=fraud,
        **extra,
    )


def file(store: Store, item: InterdictionReport) -> None:
    collection = Collection(
        source="interdiction-reports",
        kind="interdictions",
        file_name="",
        checksum="",
        actor="mio",
        handling=Handling.make("PROTECTED B"),
        grading=Grading.make("B", "2"),
    )
    import_report(store, item, collection)


def test_interceptions_by_every_dimension(store: Store) -> None:
    file(store, report("INT-000001", "2025-01-10", "counterfeit", "sd"))
    file(store, report("INT-000002", "2025-01-20", "altered", "sd"))
    file(store, report("INT-000003", "2025-02-03", "", "sy"))
    rows, marked = interceptions(store, ANALYST)
    assert len(rows) == 3
    assert marked.marking.label == "PROTECTED B"
    by_month = [(t.value, t.interceptions, t.fraud) for t in tally(rows, "month")]
    assert by_month == [("2025-01", 2, 2), ("2025-02", 1, 0)]
    by_state = [(t.value, t.interceptions, t.fraud) for t in tally(rows, "issuing_state")]
    assert by_state == [("sd", 2, 2), ("sy", 1, 0)]
    by_fraud = {t.value: t.interceptions for t in tally(rows, "fraud_type")}
    assert by_fraud == {"counterfeit": 1, "altered": 1, "none": 1}
    assert {t.value for t in tally(rows, "document_type")} == {"passport"}
    assert [t.value for t in tally(rows, "route")] == [
        "Cairo International Airport (CAI), Egypt · MS"
    ]
    text = to_csv(rows)
    lines = text.splitlines()
    assert lines[0] == ("month,issuing_state,document_type,fraud_type,route,outcome,interceptions")
    assert '2025-01,sd,passport,altered,"Cairo International Airport (CAI), Egypt · MS",' in (text)
    assert len(lines) == 4


def test_trends_count_only_what_the_reader_may_see(store: Store) -> None:
    file(store, report("INT-000001", "2025-01-10", "counterfeit", "sd"))
    assert interceptions(store, PARTNER)[0] == []
