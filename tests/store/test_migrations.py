"""Migrations: they build the schema the code declares, and undo cleanly."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from tests.helpers import load, person
from vigie.policy.reader import Clearance, Reader, Role
from vigie.store import Store
from vigie.store.migrate import downgrade, upgrade
from vigie.store.migrations.env_support import include_object
from vigie.store.tables import metadata

READER = Reader("ana", Role.ANALYST, Clearance.TOP_SECRET)


def test_the_migrated_schema_matches_the_tables(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        assert compare_metadata(context, metadata) == []


def test_migrations_downgrade_to_nothing_and_up_again(store: Store) -> None:
    downgrade(store.engine, "base")
    assert set(inspect(store.engine).get_table_names()) <= {"alembic_version"}
    upgrade(store.engine)
    assert "statement" in inspect(store.engine).get_table_names()


def test_the_statement_key_migration_keeps_facts_their_ids_and_search(
    store: Store, tmp_path: Path
) -> None:
    load(store, tmp_path / "p.jsonl", [person("p1", "José Núñez", passportNumber=["X1234567"])])
    view = store.view(READER)
    before, _relations = view.entity("p1")
    downgrade(store.engine, "0007")
    with store.engine.connect() as conn:
        ids = {row[0] for row in conn.exec_driver_sql("SELECT id FROM statement")}
    assert ids == {f.id for f in before.facts}
    upgrade(store.engine)
    after, _relations = view.entity("p1")
    assert [(f.id, f.prop, f.value, f.grading, f.first_seen) for f in after.facts] == [
        (f.id, f.prop, f.value, f.grading, f.first_seen) for f in before.facts
    ]
    assert [hit.entity.id for hit in view.search("jose nunez")] == ["p1"]
    assert [hit.entity.id for hit in view.search("X1234567")] == ["p1"]
