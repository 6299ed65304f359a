"""Lost and stolen travel documents through the built-in mapping."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers import collection
from vigie.collect.lost_stolen import MAPPING, import_file
from vigie.collect.mapping import InvalidValue
from vigie.collect.tabular import read_table
from vigie.store import Store
from vigie.store.tables import statement

HEADER = (
    "issuing_state,document_type,document_number,date_reported,status,holder_surname,"
    "holder_given_names,holder_birth_date,holder_nationality,holder_gender,issued,expires"
)
NAMED = (
    "ng,passport,A01234567,2024-05-01,Stolen,Adeyemi,Olusegun,1980-02-03,ng,M,2019-01-01,2029-01-01"
)
BLANK = "SYR,passport,N0099001,2023-02-02,stolen blank,,,,,,,"


def write(path: Path, *rows: str) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_document_with_its_holder_or_without(tmp_path: Path) -> None:
    records = list(read_table(write(tmp_path / "l.csv", NAMED, BLANK), MAPPING))
    holder, named, blank = records
    assert (holder.schema, named.schema, blank.schema) == ("Person", "Passport", "Passport")
    assert ("name", "Olusegun Adeyemi", "name") in holder.values
    assert {("holder", holder.id), ("description", "stolen"), ("date", "2024-05-01")} <= {
        (p, v) for p, v, _t in named.values
    }
    assert {("country", "sy"), ("description", "stolen-blank"), ("type", "passport")} <= {
        (p, v) for p, v, _t in blank.values
    }
    assert all(r.id.startswith("lst-") for r in records)


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (NAMED.replace("Stolen", "misplaced"), "status", "'misplaced' is not one of"),
        (NAMED.replace("passport", "library card"), "document_type", "'library card'"),
        (NAMED.replace("A01234567", ""), "document_number", "a value is required"),
        (NAMED.replace("2024-05-01", "yesterday"), "date_reported", "not a valid date"),
        (NAMED.replace("2024-05-01", "2999-05-01"), "date_reported", "is in the future"),
    ],
)
def test_a_bad_row_imports_nothing(
    store: Store, tmp_path: Path, row: str, column: str, message: str
) -> None:
    path = write(tmp_path / "l.csv", BLANK, row)
    with pytest.raises(InvalidValue, match=rf"l\.csv, line 3, column {column}: .*{message}"):
        import_file(store, path, collection("interpol"))
    with store.engine.connect() as conn:
        assert conn.execute(select(statement.c.id)).first() is None


def test_the_same_list_again_adds_nothing(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "l.csv", NAMED, BLANK)
    [first] = import_file(store, path, collection("interpol", grading="A1"))
    [again] = import_file(store, path, collection("interpol", grading="A1"))
    assert first.result is not None and first.result.entities == 3
    assert again.result is not None and again.result.repeated
