"""Immigration applications through the built-in mapping, from CSV or JSON."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers import collection
from vigie.collect.applications import MAPPING, import_file
from vigie.collect.mapping import InvalidValue, builtin
from vigie.collect.registry import importer
from vigie.collect.tabular import read_table
from vigie.store import Store
from vigie.store.tables import report, statement
from vigie.store.writer import Record

AGENT = {
    "agent_name": "Golden Wings Travel",
    "agent_country": "ng",
    "agent_phone": "+2348031234567",
    "agent_email": "goldenwings.visa@gmail.com",
}
ROWS = [
    {
        "application_number": "V300012345",
        "application_type": "visitor-visa",
        "office": "Visa office Lagos, Nigeria",
        "submitted": "2024-02-01",
        "decided": "2024-03-11",
        "outcome": "refused",
        "purpose": "Purpose of travel: tourism.",
        "full_name": "Chinedu Okafor",
        "given_names": "Chinedu",
        "surname": "Okafor",
        "birth_date": "1990-07-21",
        "nationality": "ng",
        "gender": "male",
        "addresses": "12 Allen Avenue, Ikeja, Lagos, Nigeria;4 Marina, Lagos, Nigeria",
        "phones": "+2348039876543",
        "emails": "chinedu.okafor@yahoo.com",
        "passport_number": "A09876543",
        "passport_country": "ng",
        "passport_expires": "2029-05-01",
        "sponsor_name": "Ngozi Eze",
        "sponsor_address": "55 Queen St W, Toronto, Canada",
        "sponsor_relationship": "cousin",
        "trip1_country": "gb",
        "trip1_from": "2019-08-01",
        "trip1_to": "2019-08-15",
        **AGENT,
    },
    {
        "application_number": "S300099999",
        "application_type": "Study permit",
        "office": "Visa office Lagos, Nigeria",
        "submitted": "2024-05-03",
        "full_name": "Amaka Obi",
        "phones": "+2348039876543",
        **AGENT,
    },
]
COLUMNS = builtin("applications").columns


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def by_schema(records: list[Record]) -> dict[str, list[Record]]:
    found: dict[str, list[Record]] = {}
    for record in records:
        found.setdefault(record.schema, []).append(record)
    return found


def test_an_application_is_an_applicant_a_passport_links_and_an_event(tmp_path: Path) -> None:
    records = list(read_table(write_csv(tmp_path / "a.csv", ROWS[:1]), MAPPING))
    kinds = by_schema(records)
    assert sorted((k, len(v)) for k, v in kinds.items()) == [
        ("Event", 1),
        ("LegalEntity", 1),
        ("Organization", 1),
        ("Passport", 1),
        ("Person", 1),
        ("Representation", 1),
        ("Trip", 1),
        ("UnknownLink", 1),
    ]
    [applicant], [event], [agent] = kinds["Person"], kinds["Event"], kinds["Organization"]
    event_values = {(p, v) for p, v, _t in event.values}
    assert {
        ("involved", applicant.id),
        ("organizer", agent.id),
        ("keywords", "application-type:visitor-visa"),
        ("keywords", "outcome:refused"),
        ("location", "Visa office Lagos, Nigeria"),
        ("name", "Application V300012345"),
        ("endDate", "2024-03-11"),
    } <= event_values
    applicant_values = {(p, v) for p, v, _t in applicant.values}
    assert ("address", "4 Marina, Lagos, Nigeria") in applicant_values
    [link] = kinds["UnknownLink"]
    assert ("role", "sponsor", "string") in link.values
    assert ("description", "cousin", "text") in link.values


def test_csv_and_json_give_the_same_entities(tmp_path: Path) -> None:
    csv_records = list(read_table(write_csv(tmp_path / "a.csv", ROWS), MAPPING))
    as_lists = [{**row, "addresses": row.get("addresses", "").split(";")} for row in ROWS]
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("".join(json.dumps(row) + "\n" for row in as_lists), encoding="utf-8")
    array = tmp_path / "a.json"
    array.write_text(json.dumps(ROWS, ensure_ascii=False), encoding="utf-8")
    assert list(read_table(jsonl, MAPPING)) == csv_records
    assert list(read_table(array, MAPPING)) == csv_records


def test_applicants_sharing_an_agent_and_a_phone_meet_in_the_store(
    store: Store, tmp_path: Path
) -> None:
    [outcome] = importer("applications")(store, write_csv(tmp_path / "a.csv", ROWS), collection())
    assert outcome.result is not None
    with store.engine.connect() as conn:
        rows = conn.execute(select(statement.c.entity_id, statement.c.prop, statement.c.value))
        facts = {(r.entity_id, r.prop, r.value) for r in rows}
        kind = conn.execute(select(report.c.kind)).scalar_one()
    assert kind == "ftm"  # the test collection's kind stands
    organizers = {v for _e, p, v in facts if p == "organizer"}
    phones = {e for e, p, v in facts if p == "phone" and v == "+2348039876543"}
    assert len(organizers) == 1 and len(phones) == 2
    assert {v for _e, p, v in facts if p == "keywords"} >= {
        "application-type:study-permit",
        "outcome:refused",
    }


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        ({"application_type": "tourist visa"}, "application_type", "'tourist visa' is not one of"),
        ({"outcome": "maybe"}, "outcome", "'maybe' is not one of"),
        ({"office": ""}, "office", "a value is required"),
        ({"submitted": "2024-02-31"}, "submitted", "not a valid date"),
        ({"trip1_country": "Oz"}, "trip1_country", "not a valid country"),
    ],
)
def test_a_bad_application_names_row_and_column(
    sqlite_store: Store, tmp_path: Path, change: dict[str, str], column: str, message: str
) -> None:
    path = write_csv(tmp_path / "a.csv", [ROWS[1], {**ROWS[0], **change}])
    with pytest.raises(InvalidValue, match=rf"a\.csv, line 3, column {column}: .*{message}"):
        import_file(sqlite_store, path, collection())
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(select(statement.c.id)).first() is None


def test_another_mapping_may_replace_the_built_in_one(sqlite_store: Store, tmp_path: Path) -> None:
    custom = tmp_path / "office.yaml"
    custom.write_text(
        "entities:\n  a: {schema: Person, keys: [file], properties: {name: {column: who}}}\n",
        encoding="utf-8",
    )
    path = tmp_path / "export.csv"
    path.write_text("file,who\n1,Amaka Obi\n", encoding="utf-8")
    [outcome] = import_file(sqlite_store, path, collection(), mapping=custom)
    assert outcome.result is not None and outcome.result.entities == 1
