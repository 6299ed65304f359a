from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError

from vigie.policy import audit
from vigie.store import Store, db
from vigie.store.tables import audit as audit_table


def _fill(store: Store, n: int = 5) -> None:
    for i in range(n):
        audit.record(store.engine, "ana", "search", f"query {i}", results=i)


def test_an_intact_chain_verifies(store: Store) -> None:
    assert audit.verify(store.engine).ok
    _fill(store)
    verdict = audit.verify(store.engine)
    assert verdict.ok and verdict.rows == 5


def test_the_database_refuses_to_change_audit_rows(store: Store) -> None:
    _fill(store, 2)
    with pytest.raises(DBAPIError, match="append-only"), db.begin_write(store.engine) as conn:
        conn.execute(update(audit_table).values(actor="mallory"))
    with pytest.raises(DBAPIError, match="append-only"), db.begin_write(store.engine) as conn:
        conn.execute(delete(audit_table))


def _tamper(store: Store, sql: str) -> None:
    """Play an attacker with database access who first removes the guard."""
    with db.begin_write(store.engine) as conn:
        db.drop_audit_guard(conn)
        conn.execute(text(sql))


@pytest.mark.parametrize(
    ("sql", "row", "reason"),
    [
        ("UPDATE audit SET target = 'something else' WHERE seq = 3", 3, "altered"),
        ("UPDATE audit SET details = '{}' WHERE seq = 1", 1, "altered"),
        ("DELETE FROM audit WHERE seq = 2", 2, "missing"),
        ("DELETE FROM audit WHERE seq = 5", 5, "missing"),
        ("DELETE FROM audit WHERE seq >= 4", 4, "missing"),
        ("DELETE FROM audit", 1, "missing"),
    ],
)
def test_tampering_is_found_at_the_first_broken_row(
    store: Store, sql: str, row: int, reason: str
) -> None:
    _fill(store)
    _tamper(store, sql)
    verdict = audit.verify(store.engine)
    assert not verdict.ok
    assert verdict.broken_at == row
    assert reason in verdict.reason


def test_rewriting_a_row_and_its_hash_breaks_the_next_one(sqlite_store: Store) -> None:
    _fill(sqlite_store)
    with sqlite_store.engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM audit WHERE seq = 2")).one()
    forged = audit._digest(2, row.at, "mallory", row.action, row.target, row.details, row.prev_hash)
    _tamper(sqlite_store, f"UPDATE audit SET actor = 'mallory', hash = '{forged}' WHERE seq = 2")
    verdict = audit.verify(sqlite_store.engine)
    assert verdict.broken_at == 3 and "does not follow" in verdict.reason


def test_undocumented_actions_are_refused(sqlite_store: Store) -> None:
    with pytest.raises(ValueError, match="undocumented"):
        audit.record(sqlite_store.engine, "ana", "coffee.break")


def test_every_action_is_documented() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "audit.md").read_text()
    for action in audit.ACTIONS:
        assert f"`{action}`" in doc, action
