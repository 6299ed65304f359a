"""Migrations: they build the schema the code declares, and undo cleanly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from vigie.store import Store
from vigie.store.migrate import downgrade, upgrade
from vigie.store.migrations.env_support import include_object
from vigie.store.tables import metadata


def test_the_migrated_schema_matches_the_tables(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        assert compare_metadata(context, metadata) == []


def test_migrations_downgrade_to_nothing_and_up_again(store: Store) -> None:
    downgrade(store.engine, "base")
    assert set(inspect(store.engine).get_table_names()) <= {"alembic_version"}
    upgrade(store.engine)
    assert "statement" in inspect(store.engine).get_table_names()
