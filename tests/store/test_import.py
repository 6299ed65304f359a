from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.helpers import collection, load, person, write_ftm
from vigie.collect.ftm import import_file
from vigie.errors import InvalidInput
from vigie.model.handling import Handling
from vigie.policy import audit
from vigie.store import Store
from vigie.store.tables import report, statement


def _count(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_import_stores_every_value_with_its_report(store: Store, tmp_path: Path) -> None:
    entities = [
        person("p1", "Olusegun Adeyemi", birthDate=["1980-02-03"], nationality=["ng"]),
        {
            "id": "d1",
            "schema": "Passport",
            "properties": {"holder": ["p1"], "number": ["A1234567"], "country": ["ng"]},
        },
    ]
    result = load(store, tmp_path / "a.jsonl", entities, Handling.make("protected b"))
    assert (result.entities, result.statements) == (2, 2 + 3 + 3)
    with store.engine.connect() as conn:
        rows = conn.execute(select(statement)).all()
        assert {r.report_id for r in rows} == {result.report_id}
        rep = conn.execute(select(report)).one()
    assert (rep.reliability, rep.credibility) == ("B", "2")
    assert (rep.entities, rep.statements, rep.imported_by) == (2, 8, "test")
    with store.engine.connect() as conn:
        texts = conn.execute(select(statement.c.folded).where(statement.c.folded.is_not(None)))
        assert sorted(r[0] for r in texts) == ["a1234567", "olusegun adeyemi"]


def test_import_is_idempotent(store: Store, tmp_path: Path) -> None:
    path = write_ftm(tmp_path / "a.jsonl", [person("p1", "Ana Lima")])
    first = import_file(store, path, collection())[0].result
    again = import_file(store, path, collection())[0].result
    assert first and again
    assert again.repeated and again.report_id == first.report_id
    assert _count(store, statement) == 2 and _count(store, report) == 1
    # The same facts in another file from the same source add no statement either.
    write_ftm(tmp_path / "b.jsonl", [person("p1", "Ana Lima"), person("p1", "Ana Lima")])
    import_file(store, tmp_path / "b.jsonl", collection())
    assert _count(store, statement) == 2


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2: not valid JSON"),
        ('{"id": "x", "schema": "Spaceship", "properties": {}}', "line 2: unknown schema"),
        ('{"id": "x", "schema": "Person", "properties": {"wings": ["2"]}}', "no property 'wings'"),
        (
            '{"id": "x", "schema": "Person", "properties": {"birthDate": ["13/45/99"]}}',
            "line 2: '13/45/99' is not a valid date for birthDate",
        ),
        ('{"schema": "Person", "properties": {}}', "line 2: the entity has no id"),
        ("[1, 2]", "line 2: expected an entity object"),
    ],
)
def test_a_bad_line_imports_nothing_and_names_the_line(
    store: Store, tmp_path: Path, line: str, message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    good = '{"id": "p1", "schema": "Person", "properties": {"name": ["Ana Lima"]}}'
    path.write_text(f"{good}\n{line}\n{good}\n")
    before = audit.count(store.engine)
    with pytest.raises(InvalidInput, match=message) as caught:
        import_file(store, path, collection())
    assert "bad.jsonl" in str(caught.value)
    assert _count(store, statement) == 0 and _count(store, report) == 0
    assert audit.count(store.engine) == before


def test_undecodable_file_is_refused_with_its_line(sqlite_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"id": "a", "schema": "Person", "properties": {}}\n{"x": "\xe9"}\n')
    with pytest.raises(InvalidInput, match=r"latin1.jsonl, line 2: not UTF-8"):
        import_file(sqlite_store, path, collection())


def test_same_fact_with_two_handlings_is_two_statements(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path / "a.jsonl", [person("p1", "Ana Lima")], Handling.make("unclassified"))
    load(store, tmp_path / "b.jsonl", [person("p1", "Ana Lima")], Handling.make("secret"))
    assert _count(store, statement) == 4


def test_parsing_in_a_worker_process_gives_the_same_store(
    sqlite_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vigie.collect import ftm

    entities = [person(f"p{i}", f"Person Number{i}", birthDate=["1990-01-02"]) for i in range(50)]
    path = write_ftm(tmp_path / "many.jsonl", entities)
    monkeypatch.setattr(ftm, "LINES_PER_CHUNK", 7)
    monkeypatch.setattr(ftm, "PARALLEL_BYTES", 0)
    result = import_file(sqlite_store, path, collection())[0].result
    assert result and (result.entities, result.statements) == (50, 150)
    assert _count(sqlite_store, statement) == 150

    bad = tmp_path / "bad.jsonl"
    bad.write_text(path.read_text().replace("Number42", "Number42\\x"))
    before = _count(sqlite_store, statement)
    with pytest.raises(InvalidInput, match=r"bad\.jsonl, line 43: not valid JSON"):
        import_file(sqlite_store, bad, collection("other"))
    assert _count(sqlite_store, statement) == before
