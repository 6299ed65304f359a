"""Writing a collection into the store: one collection report, its statements, all or nothing.

A collection is written inside one write transaction, so a bad record anywhere (the caller's
iterator raises) leaves the database as it was. Statements are content-addressed: the same fact
from the same source with the same handling and grading is stored once, so importing a file twice
adds nothing; the same file offered again is recognised by its checksum and not re-read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from followthemoney.proxy import EntityProxy
from followthemoney.statement import BASE_ID
from followthemoney.types import registry
from followthemoney.types.common import PropertyType
from sqlalchemy import Connection, insert, select, update

from vigie.model.grading import Grading
from vigie.model.handling import Handling
from vigie.model.text import fold, skeletons
from vigie.policy import audit
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import report, source

BATCH = 5_000
SEARCHABLE_TYPES = {registry.name, registry.identifier, registry.email, registry.phone}
LINKABLE_TYPES = {
    registry.entity,
    registry.identifier,
    registry.email,
    registry.phone,
    registry.address,
}


@dataclass(frozen=True)
class Collection:
    """What the collection report records: who brought what, from where, graded and marked how."""

    source: str
    kind: str
    file_name: str
    checksum: str
    actor: str
    handling: Handling
    grading: Grading
    title: str = ""
    requirement: str | None = None


class Record(NamedTuple):
    """One entity as the writer takes it: id, schema name and cleaned ``(property, value,
    property type)`` triples. Importers that build FtM proxies convert them with :func:`record_of`;
    bulk importers build records directly and skip the proxy's overhead."""

    id: str
    schema: str
    values: list[tuple[str, str, PropertyType]]


def record_of(proxy: EntityProxy) -> Record:
    """The record of an FtM entity proxy."""
    values = [(p.name, v, p.type) for p, v in proxy.itervalues()]
    return Record(str(proxy.id), proxy.schema.name, values)


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    report_id: int
    entities: int
    statements: int
    repeated: bool = False


def file_checksum(data: bytes) -> str:
    """The checksum that identifies a collected file."""
    return hashlib.sha256(data).hexdigest()


def statement_id(entity_id: str, prop: str, value: str, lang: str | None, key: str) -> str:
    """The content address of a statement: the same fact with the same provenance key (source,
    handling and grading) always gets the same id."""
    text = "\x1f".join((entity_id, prop, value, lang or "", key))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class _Batch:
    """Statements waiting to be written, de-duplicated by id."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.statements: dict[str, tuple[Any, ...]] = {}

    def flush(self) -> None:
        db.upsert_statements(self.conn, list(self.statements.values()))
        self.statements.clear()


def _ensure_source(conn: Connection, collection: Collection, at: str) -> None:
    reliability = collection.grading.reliability.value
    exists = conn.execute(select(source.c.name).where(source.c.name == collection.source)).first()
    if exists:
        conn.execute(
            update(source).where(source.c.name == collection.source).values(reliability=reliability)
        )
        return
    title = collection.title or collection.source
    conn.execute(
        insert(source).values(
            name=collection.source, title=title, reliability=reliability, created_at=at
        )
    )


def write_collection(
    store: Store,
    collection: Collection,
    entities: Iterable[Record],
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Write ``entities`` as one collection report; see the module docstring for the guarantees.

    ``progress`` is called with the number of entities written so far.
    """
    at = audit.now()
    grading = collection.grading
    with db.begin_write(store.engine) as conn:
        hid = store.handling_id(conn, collection.handling)
        previous = conn.execute(
            select(report.c.id).where(
                report.c.source == collection.source,
                report.c.checksum == collection.checksum,
                report.c.handling_id == hid,
                report.c.reliability == grading.reliability.value,
                report.c.credibility == grading.credibility.value,
            )
        ).scalar()
        if previous is not None:
            seen = {"source": collection.source, "file": collection.file_name}
            audit.append(conn, collection.actor, "import.repeat", f"report:{previous}", seen)
            return ImportResult(int(previous), 0, 0, repeated=True)
        _ensure_source(conn, collection, at)
        new_id = conn.execute(
            insert(report).values(
                source=collection.source,
                kind=collection.kind,
                file_name=collection.file_name,
                checksum=collection.checksum,
                imported_by=collection.actor,
                created_at=at,
                handling_id=hid,
                reliability=grading.reliability.value,
                credibility=grading.credibility.value,
                requirement=collection.requirement,
            )
        ).inserted_primary_key
        assert new_id is not None
        report_id = int(new_id[0])
        key = "\x1f".join((collection.source, collection.handling.key, grading.code))
        provenance = (
            collection.source,
            report_id,
            hid,
            grading.reliability.value,
            grading.credibility.value,
            at,
            at,
        )
        batch = _Batch(conn)
        n_entities = n_statements = 0
        for record in entities:
            n_entities += 1
            entity_id, schema = record.id, record.schema
            values = [(BASE_ID, entity_id, registry.string), *record.values]
            for prop_name, value, prop_type in values:
                sid = statement_id(entity_id, prop_name, value, None, key)
                searchable = prop_type in SEARCHABLE_TYPES
                folded, skel = (fold(value), skeletons(value)) if searchable else (None, None)
                batch.statements[sid] = (
                    sid, entity_id, schema, prop_name, value, None, None, *provenance,
                    folded, skel, prop_type in LINKABLE_TYPES,
                )  # fmt: skip
            n_statements += len(values)
            if len(batch.statements) >= BATCH:
                batch.flush()
                if progress:
                    progress(n_entities)
        batch.flush()
        if progress:
            progress(n_entities)
        conn.execute(
            update(report)
            .where(report.c.id == report_id)
            .values(entities=n_entities, statements=n_statements)
        )
        details: dict[str, object] = {
            "source": collection.source,
            "file": collection.file_name,
            "kind": collection.kind,
            "entities": n_entities,
            "statements": n_statements,
            "handling": collection.handling.banner,
            "grading": grading.code,
        }
        audit.append(conn, collection.actor, "import", f"report:{report_id}", details)
    return ImportResult(report_id, n_entities, n_statements)
