"""Everything that differs between SQLite and PostgreSQL, and nothing else.

This is the only module that names a dialect. The rest of the store writes portable SQLAlchemy
Core and calls these functions where the two databases need different SQL: connection set-up,
write transactions, upserts, the full-text index and the audit log's guards.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    column,
    event,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy import create_engine as sa_create_engine
from sqlalchemy.engine import make_url

from vigie.store.tables import statement

TextColumn = Literal["folded", "skeleton"]
TEXT_COLUMNS: tuple[TextColumn, ...] = ("folded", "skeleton")

_fts = table("statement_fts", column("rowid"))


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whatever driver the URL names (or none)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def create_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and explicit transactions."""
    url = normalise_url(url)
    if make_url(url).get_backend_name() != "sqlite":
        return sa_create_engine(url, pool_pre_ping=True)
    # Connections are pooled: SQLite's page cache belongs to a connection, and one kept from
    # a transaction to the next (with no other writer between) keeps the index pages a bulk
    # import touches, where a new connection per transaction reads them again.
    engine = sa_create_engine(url, pool_size=4, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Take transaction control from the driver so BEGIN IMMEDIATE can be issued for writes:
        # a deferred transaction that later writes fails at once when another writer went first.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        # A large page cache keeps bulk inserts into the random-keyed indexes in memory.
        cursor.execute("PRAGMA cache_size=-262144")
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = "IMMEDIATE" if conn.get_execution_options().get("vigie_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def is_sqlite(bind: Engine | Connection) -> bool:
    """Whether ``bind`` talks to SQLite."""
    return bind.dialect.name == "sqlite"


@contextmanager
def begin_write(engine: Engine) -> Iterator[Connection]:
    """A write transaction: committed on success, rolled back whole on any error."""
    with engine.connect() as conn:
        conn = conn.execution_options(vigie_write=True)
        with conn.begin():
            yield conn


# Every column but the integer key, which the database assigns.
STATEMENT_COLUMNS = tuple(c.name for c in statement.columns if c.name != "id")


def _sqlite_insert_sql(table: str, columns: Sequence[str], conflict: str) -> str:
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) {conflict}"


_STATEMENT_CONFLICT = "ON CONFLICT (digest) DO UPDATE SET last_seen = excluded.last_seen"
_SQLITE_STATEMENTS = _sqlite_insert_sql("statement", STATEMENT_COLUMNS, _STATEMENT_CONFLICT)


def _pg_copy_merge(
    conn: Connection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    merge: str,
) -> None:
    # COPY into a transaction-scoped scratch table, then merge with one INSERT … SELECT: several
    # times faster than row-by-row inserts, and the conflict rule stays in SQL.
    scratch = f"{table}_load"
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    names = ", ".join(columns)
    cursor.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {scratch} ON COMMIT DROP "
        f"AS SELECT {names} FROM {table} WITH NO DATA"
    )
    with cursor.copy(f"COPY {scratch} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    cursor.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {scratch} {merge}")
    cursor.execute(f"TRUNCATE {scratch}")


def upsert_statements(conn: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert statements (tuples in ``STATEMENT_COLUMNS`` order, digests unique within the
    batch); a fact already stored keeps its report and first sighting and only has its last
    sighting moved on."""
    if not rows:
        return
    if is_sqlite(conn):
        raw = conn.connection.driver_connection
        assert raw is not None
        # New rows get rowids above the current maximum (conflicting ones keep theirs), so the
        # full-text index is fed in one statement per batch, several times faster than a trigger.
        last = raw.execute("SELECT coalesce(max(rowid), 0) FROM statement").fetchone()[0]
        raw.executemany(_SQLITE_STATEMENTS, rows)
        raw.execute(
            "INSERT INTO statement_fts(rowid, folded, skeleton) SELECT rowid, folded, skeleton "
            "FROM statement WHERE rowid > ? AND folded IS NOT NULL",
            (last,),
        )
        return
    # In digest order, so that two transactions writing some of the same facts wait for each
    # other rather than deadlock.
    _pg_copy_merge(
        conn,
        "statement",
        STATEMENT_COLUMNS,
        sorted(rows, key=itemgetter(0)),
        _STATEMENT_CONFLICT,
    )


def create_text_index(conn: Connection) -> None:
    """Create the full-text index over the ``folded`` and ``skeleton`` columns of statements
    (FTS5 with the statement table as its content, or GIN indexes over tsvectors)."""
    if is_sqlite(conn):
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE statement_fts USING fts5("
            "folded, skeleton, content='statement', content_rowid='rowid', detail=column)"
        )
        # Index what the table holds already (nothing, when the schema is first made).
        conn.exec_driver_sql("INSERT INTO statement_fts(statement_fts) VALUES ('rebuild')")
        conn.exec_driver_sql(
            "CREATE TRIGGER statement_fts_ad AFTER DELETE ON statement "
            "WHEN old.folded IS NOT NULL BEGIN "
            "INSERT INTO statement_fts(statement_fts, rowid, folded, skeleton) "
            "VALUES ('delete', old.rowid, old.folded, old.skeleton); END"
        )
        return
    for name in TEXT_COLUMNS:
        conn.exec_driver_sql(
            f"CREATE INDEX ix_statement_{name}_fts ON statement "
            f"USING gin (to_tsvector('simple', {name})) WHERE {name} IS NOT NULL"
        )


def drop_text_index(conn: Connection) -> None:
    """Remove what :func:`create_text_index` made."""
    if is_sqlite(conn):
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS statement_fts_ad")
        conn.exec_driver_sql("DROP TABLE IF EXISTS statement_fts")
        return
    for name in TEXT_COLUMNS:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS ix_statement_{name}_fts")


def text_match(
    bind: Engine | Connection, column: TextColumn, token: str, prefix: bool
) -> ColumnElement[bool]:
    """The condition that a statement's ``column`` holds ``token`` (or a word starting with it).

    ``token`` must already be folded to ``[a-z0-9]+`` by :mod:`vigie.model.text`.
    """
    if not token.isalnum() or not token.isascii():
        raise ValueError(f"token must be folded to [a-z0-9]+: {token!r}")
    if is_sqlite(bind):
        query = f'{column} : "{token}"' + ("*" if prefix else "")
        matching = select(_fts.c.rowid).where(literal_column("statement_fts").op("MATCH")(query))
        return literal_column("statement.rowid").in_(matching)
    tsquery = func.to_tsquery("simple", token + (":*" if prefix else ""))
    vector = func.to_tsvector("simple", statement.c[column])
    return and_(statement.c[column].is_not(None), vector.op("@@")(tsquery))


def hex_to_bytes(conn: Connection, column: str) -> str:
    """SQL turning a column of hexadecimal text into bytes (for migrations)."""
    if not is_sqlite(conn):
        return f"decode({column}, 'hex')"
    raw = conn.connection.driver_connection
    assert raw is not None
    # SQLite learnt unhex() only in 3.41.
    raw.create_function("vigie_unhex", 1, bytes.fromhex, deterministic=True)
    return f"vigie_unhex({column})"


def bytes_to_hex(conn: Connection, column: str) -> str:
    """SQL turning a column of bytes into lower-case hexadecimal text (for migrations)."""
    return f"lower(hex({column}))" if is_sqlite(conn) else f"encode({column}, 'hex')"


def rename_primary_key(conn: Connection, table: str, old: str, new: str) -> None:
    """Rename a table's primary key constraint: PostgreSQL names its index after it, and a table
    renamed to make way for a new one would otherwise keep the name the new one needs. SQLite
    names no primary key."""
    if not is_sqlite(conn):
        conn.exec_driver_sql(f"ALTER TABLE {table} RENAME CONSTRAINT {old} TO {new}")


AUDIT_GUARD_SQLITE = (
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN "
    "SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN "
    "SELECT RAISE(ABORT, 'the audit log is append-only'); END",
)
AUDIT_GUARD_POSTGRES = (
    "CREATE FUNCTION vigie_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$",
    "CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit "
    "FOR EACH ROW EXECUTE FUNCTION vigie_audit_append_only()",
)


def create_audit_guard(conn: Connection) -> None:
    """Make the database itself refuse to update or delete audit rows."""
    for sql in AUDIT_GUARD_SQLITE if is_sqlite(conn) else AUDIT_GUARD_POSTGRES:
        conn.exec_driver_sql(sql)


def drop_audit_guard(conn: Connection) -> None:
    """Remove the guard (used by the downgrade migration, and by tests that play an attacker)."""
    if is_sqlite(conn):
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_no_update")
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_no_delete")
        return
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_no_change ON audit")
    conn.exec_driver_sql("DROP FUNCTION IF EXISTS vigie_audit_append_only()")


def lock_audit_chain(conn: Connection) -> None:
    """Serialise appends to the audit chain within the current write transaction."""
    if not is_sqlite(conn):
        # SQLite's BEGIN IMMEDIATE already serialises writers; PostgreSQL needs a lock.
        conn.execute(text("SELECT pg_advisory_xact_lock(7301)"))
