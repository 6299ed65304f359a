"""Tables through a mapping: CSV, JSON lines and JSON arrays; atomic, idempotent, strict."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.cli.test_cli import vigie
from tests.helpers import collection
from vigie.collect import tabular
from vigie.collect.mapping import InvalidValue, Mapping, builtin, parse
from vigie.collect.registry import importer
from vigie.collect.tabular import import_file, read_table
from vigie.errors import InvalidInput
from vigie.policy import audit
from vigie.settings import Settings
from vigie.store import Store
from vigie.store.tables import report, statement

MAPPING = """
id_prefix: sup
columns:
  kind: {required: true, values: [agent, consultant], prefix: "kind:"}
entities:
  company:
    schema: Organization
    keys: [company]
    properties:
      name: {column: company}
      country: {column: country}
      phone: {column: phones, split: ";"}
      keywords: {column: kind}
  contact:
    schema: Person
    keys: [company, first, last]
    key_literal: contact
    properties:
      name: {columns: [first, last], join: " ", required: true}
      birthDate: {column: born}
  job:
    schema: Employment
    keys: [company, first, last]
    key_literal: job
    properties:
      employer: {entity: company}
      employee: {entity: contact, required: true}
      role: {template: "{{kind}} contact"}
"""
HEADER = "company,country,phones,kind,first,last,born"
ROWS = [
    "Sahara Voyages,ma,+212522123456;+212661234567,agent,Youssef,Benali,1975-04-02",
    "Sahara Voyages,ma,,Agent,Amina,Tazi,",
    "Lotus Consult,vn,,consultant,,,",
]


def write(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def mapping_file(tmp_path: Path) -> Path:
    return write(tmp_path / "suppliers.yaml", MAPPING)


def mapped(text: str = MAPPING) -> Mapping:
    return parse(text, "suppliers", "suppliers.yaml")


def count(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_a_row_becomes_linked_entities_with_stable_ids() -> None:
    row = dict(zip(HEADER.split(","), ROWS[0].split(","), strict=True))
    found = mapped().map(row, "here")
    assert list(found) == ["company", "contact", "job"]
    company, contact, job = found.values()
    assert company.id.startswith("sup-") and company.schema == "Organization"
    assert company.values == [
        ("name", "Sahara Voyages", "name"),
        ("country", "ma", "country"),
        ("phone", "+212522123456", "phone"),
        ("phone", "+212661234567", "phone"),
        ("keywords", "kind:agent", "string"),
    ]
    assert ("name", "Youssef Benali", "name") in contact.values
    assert job.values == [
        ("employer", company.id, "entity"),
        ("employee", contact.id, "entity"),
        ("role", "kind:agent contact", "string"),
    ]
    assert mapped().map(row, "again") == found
    # The keys, not the other columns, make the id; the prefix namespaces it.
    assert mapped().map({**row, "country": "dz"}, "x")["company"].id == company.id
    other = mapped(MAPPING.replace("id_prefix: sup", "id_prefix: other")).map(row, "x")
    assert other["company"].id != company.id


def test_entities_without_keys_or_a_required_link_are_skipped() -> None:
    found = mapped().map({"company": "Lotus Consult", "kind": "consultant"}, "here")
    assert list(found) == ["company"]


def test_csv_json_lines_and_json_array_give_the_same_records(
    tmp_path: Path, mapping_file: Path
) -> None:
    csv_path = write(tmp_path / "s.csv", HEADER, *ROWS)
    rows = [dict(zip(HEADER.split(","), r.split(","), strict=True)) for r in ROWS]
    for row in rows:
        row["phones"] = row["phones"].split(";") if row["phones"] else None  # type: ignore[assignment]
    jsonl = write(tmp_path / "s.jsonl", *(json.dumps(r) for r in rows))
    array = write(tmp_path / "s.json", json.dumps(rows, indent=2))
    semicolons = write(tmp_path / "semi.csv", *(line.replace(",", ";", 6) for line in [HEADER]))
    expected = list(read_table(csv_path, mapping_file))
    assert len(expected) == 7  # the company twice, as the writer takes it
    assert list(read_table(jsonl, mapping_file)) == expected
    assert list(read_table(array, mapping_file)) == expected
    assert list(read_table(semicolons, mapping_file)) == []


@pytest.mark.parametrize(
    ("lines", "message", "column"),
    [
        (
            [ROWS[0], ROWS[1].replace("Agent", "smuggler")],
            "line 3, column kind: 'smuggler' is not one of: agent, consultant",
            "kind",
        ),
        (
            [ROWS[0].replace("1975-04-02", "02/04/1975")],
            "line 2, column born: '02/04/1975' is not a valid date for birthDate",
            "born",
        ),
        (
            [ROWS[0], ROWS[2].replace("consultant", "")],
            "line 3, column kind: a value is required",
            "kind",
        ),
        (
            [ROWS[0].replace(",ma,", ",Narnia,")],
            "line 2, column country: 'Narnia' is not a valid country",
            "country",
        ),
    ],
)
def test_a_bad_cell_names_the_file_line_and_column(
    tmp_path: Path, mapping_file: Path, lines: list[str], message: str, column: str
) -> None:
    path = write(tmp_path / "bad.csv", HEADER, *lines)
    with pytest.raises(InvalidValue, match=message) as caught:
        list(read_table(path, mapping_file))
    assert "bad.csv" in str(caught.value) and caught.value.column == column


def test_a_row_must_have_a_cell_for_each_column(tmp_path: Path, mapping_file: Path) -> None:
    path = write(tmp_path / "bad.csv", HEADER, ROWS[0] + ",extra")
    with pytest.raises(InvalidInput, match="line 2: 8 cells, but the header has 7 columns"):
        list(read_table(path, mapping_file))


def test_a_missing_column_is_named(tmp_path: Path, mapping_file: Path) -> None:
    path = write(tmp_path / "short.csv", "company,kind,first,last", "A,agent,B,C")
    with pytest.raises(InvalidInput, match=r"short.csv, line 1: no column born, country, phones"):
        list(read_table(path, mapping_file))


@pytest.mark.parametrize("text", ["", "\n \n", "\ufeff"])
def test_an_empty_file_is_refused(
    sqlite_store: Store, tmp_path: Path, mapping_file: Path, text: str
) -> None:
    # An empty export is a mistake upstream, not a table with no rows (that has its header).
    path = tmp_path / "empty.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"empty.csv: the file is empty"):
        import_file(sqlite_store, path, collection(), mapping=mapping_file)
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(report)).scalar() == 0


def test_a_quoted_cell_spanning_lines_keeps_the_row_line(
    tmp_path: Path, mapping_file: Path
) -> None:
    path = write(
        tmp_path / "q.csv", HEADER, 'X,ma,,agent,"Two\nLines",Y,', ROWS[0].replace("1975", "x")
    )
    with pytest.raises(InvalidInput, match=r"q.csv, line 4, column born"):
        list(read_table(path, mapping_file))


def test_bytes_that_are_not_utf8_are_refused_with_their_line(
    tmp_path: Path, mapping_file: Path
) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        f"{HEADER}\n{ROWS[0]}\n".encode() + "Sahara,ma,,agent,Zoé,T,\n".encode("latin-1")
    )
    with pytest.raises(InvalidInput, match=r"latin1.csv, line 3: not UTF-8 text"):
        list(read_table(path, mapping_file))


def test_a_byte_order_mark_is_ignored(tmp_path: Path, mapping_file: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + f"{HEADER}\n{ROWS[0]}\n".encode())
    assert len(list(read_table(path, mapping_file))) == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[{"company": "A", "kind": "agent"}, {"company": ', "not valid JSON"),
        ('[\n{"company": "A", "kind": "agent"},\n 5\n]', "line 3: expected an object, got int"),
        (
            '{"company": "A", "kind": "agent"}\n{"company": {"x": 1}, "kind": "agent"}',
            "line 2, column company: expected text",
        ),
        ('{"company": "A", "kind": "agent"}\n{"company": "B"', "line 2: not valid JSON"),
    ],
)
def test_bad_json_names_the_line(
    tmp_path: Path, mapping_file: Path, text: str, message: str
) -> None:
    path = write(tmp_path / "bad.json", text)
    with pytest.raises(InvalidInput, match=message):
        list(read_table(path, mapping_file))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("entities: [1, 2]", "expected entities: keyed by name"),
        ("entities:\n  a: {schema: Spaceship, keys: [x]}", "no schema 'Spaceship'"),
        (
            "entities:\n  a: {schema: Person, keys: [x], properties: {wings: {column: w}}}",
            "Person has no property 'wings'",
        ),
        (
            "entities:\n  a: {schema: Person, keys: [x]}\n  b: {schema: Passport, keys: [x]}",
            "a and b have the same keys",
        ),
        ("id_prefix: 'a b'\nentities:\n  a: {schema: Person, keys: [x]}", "id_prefix 'a b'"),
        (
            "columns: {x: {mandatory: true}}\nentities:\n  a: {schema: Person, keys: [x]}",
            "column 'x': expected some of",
        ),
        ("entities: {a: [", "not a valid mapping"),
        # A misspelt key would otherwise be read past, and its checks or values lost.
        ("colums: {x: {required: true}}\nentities:\n  a: {schema: Person, keys: [x]}", "colums"),
        ("entities:\n  a: {schema: Person, kyes: [x], keys: [x]}", "entity a: unknown key 'kyes'"),
        (
            "entities:\n  a: {schema: Person, keys: [x], properties: {name: {colum: x}}}",
            "entity a, property name: unknown key 'colum'",
        ),
        ("entities:\n  a: {schema: Person, keys: [x], properties: {name: x}}", "property name"),
        # What FtM would say in English only is said in the reader's language, naming where.
        ("entities:\n  a: {schema: Persn, keys: [x]}", "entity a: no schema 'Persn'"),
        (
            "entities:\n  a: {schema: Person, keys: [x], properties: {nmae: {column: x}}}",
            "entity a: Person has no property 'nmae'",
        ),
        ("entities:\n  a: {schema: Person}", "entity a: give its keys or an id_column"),
        (
            "entities:\n  a: {schema: Passport, keys: [x], properties: {holder: {entity: b}}}",
            "entity a, property holder: no entity 'b' in the mapping",
        ),
    ],
)
def test_a_bad_mapping_is_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse(text, "m", "m.yaml")


def test_import_is_atomic_idempotent_and_records_its_report(
    store: Store, tmp_path: Path, mapping_file: Path
) -> None:
    bad = write(tmp_path / "bad.csv", HEADER, *ROWS, ROWS[0].replace("ma", "Narnia"))
    before = audit.count(store.engine)
    with pytest.raises(InvalidValue, match=r"bad.csv, line 5, column country"):
        import_file(store, bad, collection("suppliers"), mapping=mapping_file)
    assert count(store, statement) == count(store, report) == 0
    assert audit.count(store.engine) == before

    good = write(tmp_path / "good.csv", HEADER, *ROWS)
    [first] = import_file(store, good, collection("suppliers"), mapping=mapping_file)
    assert first.result is not None and first.result.entities == 7
    statements = count(store, statement)
    with store.engine.connect() as conn:
        row = conn.execute(select(report)).one()
        reports = {r[0] for r in conn.execute(select(statement.c.report_id))}
    assert (row.file_name, row.source, row.entities) == ("good.csv", "suppliers", 7)
    assert reports == {row.id}
    [again] = import_file(store, good, collection("suppliers"), mapping=mapping_file)
    assert again.result is not None and again.result.repeated
    # The same rows in another file add no statement; through another mapping they are news.
    import_file(
        store,
        write(tmp_path / "copy.csv", HEADER, *ROWS),
        collection("suppliers"),
        mapping=mapping_file,
    )
    assert count(store, statement) == statements
    other = write(tmp_path / "other.yaml", MAPPING.replace('prefix: "kind:"', 'prefix: "type:"'))
    [changed] = import_file(store, good, collection("suppliers"), mapping=other)
    assert changed.result is not None and not changed.result.repeated


def test_the_mapped_format_needs_its_mapping(
    sqlite_store: Store, tmp_path: Path, mapping_file: Path
) -> None:
    path = write(tmp_path / "s.csv", HEADER, *ROWS)
    with pytest.raises(InvalidInput, match=r"a mapping file is needed: --mapping, or s.yaml"):
        importer("mapped")(sqlite_store, path, collection())
    # The mapping kept beside the data, named as the table, is the one it reads.
    (tmp_path / "s.yaml").write_text(mapping_file.read_text())
    [beside] = importer("mapped")(sqlite_store, path, collection())
    assert beside.result is not None and beside.result.entities == 7


def test_a_big_table_parsed_in_a_worker_gives_the_same_store(
    tmp_path: Path, mapping_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [
        f"Agency {i},ma,,agent,Given{i},Family{i},1980-01-{1 + i % 28:02d}" for i in range(5000)
    ]
    path = write(tmp_path / "big.csv", HEADER, *lines)
    stores = []
    for name, threshold in (("inline", 10**12), ("worker", 0)):
        monkeypatch.setattr(tabular, "PARALLEL_BYTES", threshold)
        store = Store.open(Settings(data_dir=tmp_path / name, secret_key="k"))
        import_file(store, path, collection("s"), mapping=mapping_file)
        with store.engine.connect() as conn:
            stores.append(sorted(conn.execute(select(statement.c.digest, statement.c.value)).all()))
        store.close()
    assert stores[0] == stores[1] and len(stores[0]) > 20_000


@pytest.mark.parametrize("name", ["applications", "interdictions", "lost-stolen"])
def test_every_column_and_word_of_the_built_in_mappings_is_documented(name: str) -> None:
    text = (Path(__file__).parents[2] / "docs" / "collect-tabular.md").read_text()
    mapping = builtin(name)
    for column in mapping.columns:
        assert f"`{re.sub(r'^trip[0-9]', 'tripN', column)}`" in text, column
    for column in mapping.checked:
        for word in column.values:
            assert f"`{word}`" in text, (column.name, word)


def test_the_commands_import_tables_and_report_bad_rows(
    sqlite_settings: Settings, tmp_path: Path, mapping_file: Path
) -> None:
    good = write(tmp_path / "s.csv", HEADER, *ROWS)
    done = vigie(sqlite_settings, "import", "mapped", str(good), "--source", "s")
    assert done.returncode == 1 and "--mapping" in done.stderr
    # A mapping given to a format that reads none would be ignored without a word.
    done = vigie(
        sqlite_settings, "import", "ftm", str(good), "--source", "s", "--mapping", "m.yaml"
    )
    assert done.returncode == 1 and "ftm reads no mapping" in done.stderr.replace("\n", " ")
    args = ["import", "mapped", str(good), "--source", "s", "--mapping", str(mapping_file)]
    done = vigie(sqlite_settings, *args, "--marking", "PROTECTED B", "--reliability", "C")
    assert done.returncode == 0 and "7 entities" in done.stderr, done.stderr
    bad = write(
        tmp_path / "r.csv", "reference,date,post,full_name,outcome", "R1,2025-01-01,Lagos,A B,x"
    )
    done = vigie(sqlite_settings, "import", "interdictions", str(bad), "--source", "mio")
    assert done.returncode == 1
    assert "r.csv, line 1: no column" in done.stderr.replace("\n", "")


def test_a_bad_file_among_several_does_not_stop_the_others(
    sqlite_settings: Settings, tmp_path: Path, mapping_file: Path
) -> None:
    bad = write(tmp_path / "a-bad.csv", HEADER, "Acme,ma,,agent,Jo,Doe,31/02/1980")
    good = write(tmp_path / "b-good.csv", HEADER, *ROWS)
    args = ["--source", "s", "--mapping", str(mapping_file)]
    done = vigie(sqlite_settings, "import", "mapped", str(bad), str(good), *args)
    said = done.stderr.replace("\n", " ")
    assert done.returncode == 1
    assert "a-bad.csv, line 2" in said and "b-good.csv: report 1, 7 entities" in said, said
