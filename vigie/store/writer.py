"""Writing a collection into the store: one collection report, its statements, all or nothing.

A collection is written inside one write transaction, so a bad record anywhere (the parser
raises) leaves the database as it was. Statements are content-addressed: the same fact from the
same source with the same handling and grading is stored once, so importing a file twice adds
nothing; the same file offered again is recognised by its checksum and not re-read.

Importers hand the writer chunks of their input and a function that parses one chunk into
records. For large inputs the parsing runs in a worker process while this one writes the
previous chunk (``vigie.store.readahead``): on a two-core machine that overlaps the Python work
with the database's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any, NamedTuple, TypeVar

from followthemoney.proxy import EntityProxy
from followthemoney.statement import BASE_ID
from sqlalchemy import Connection, insert, select, update

from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.grading import Grading
from vigie.model.handling import Handling
from vigie.model.text import fold, skeletons
from vigie.policy import audit
from vigie.store import db, readahead
from vigie.store.store import Store
from vigie.store.tables import SOURCE_NAME_LENGTH, report, source

# FtM property type names: matched as strings, which hash far faster than type objects.
SEARCHABLE_TYPES = frozenset({"name", "identifier", "email", "phone"})
LINKABLE_TYPES = frozenset({"entity", "identifier", "email", "phone", "address"})
RECORDS_PER_CHUNK = 1_000
Chunk = TypeVar("Chunk")


def check_source_name(name: str) -> None:
    """Refuse a source name that would make a source of its own by mistake (blank, with
    spaces around it, control characters) or that the store cannot hold."""
    if not name.strip():
        raise InvalidInput(_("the source needs a name"))
    if name != name.strip() or not name.isprintable() or len(name) > SOURCE_NAME_LENGTH:
        raise InvalidInput(
            _(
                "source {name!r}: a source's name is up to {length} printable characters, "
                "with no space at either end"
            ).format(name=name, length=SOURCE_NAME_LENGTH)
        )


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

    def __post_init__(self) -> None:
        """A source's name is checked as soon as a collection names it."""
        check_source_name(self.source)


class Record(NamedTuple):
    """One entity as the writer takes it: id, schema name and cleaned ``(property, value,
    property type name)`` triples. Importers that build FtM proxies convert them with
    :func:`record_of`; bulk importers build records directly and skip the proxy's overhead."""

    id: str
    schema: str
    values: list[tuple[str, str, str]]


def record_of(proxy: EntityProxy) -> Record:
    """The record of an FtM entity proxy."""
    values = [(p.name, v, p.type.name) for p, v in proxy.itervalues()]
    return Record(str(proxy.id), proxy.schema.name, values)


@dataclass(frozen=True)
class Stamp:
    """What every statement of one collection report shares: the provenance part of its
    content address, and the provenance columns (source, report, handling, last sighting)."""

    key: str
    provenance: tuple[Any, ...]


@dataclass(frozen=True)
class Rows:
    """The statement rows of one chunk, de-duplicated, with the counts they stand for."""

    statements: list[tuple[Any, ...]]
    entities: int
    values: int


def statement_rows(records: Iterable[Record], stamp: Stamp) -> Rows:
    """The rows (in ``db.STATEMENT_COLUMNS`` order) of some records."""
    rows: dict[bytes, tuple[Any, ...]] = {}
    entities = values = 0
    for record in records:
        entities += 1
        entity_id, schema = record.id, record.schema
        triples = [(BASE_ID, entity_id, "string"), *record.values]
        values += len(triples)
        for prop, value, type_name in triples:
            sid = statement_id(entity_id, prop, value, None, stamp.key)
            searchable = type_name in SEARCHABLE_TYPES
            folded, skel = (fold(value), skeletons(value)) if searchable else (None, None)
            rows[sid] = (
                sid, entity_id, schema, prop, value, None, None, *stamp.provenance,
                folded, skel, type_name in LINKABLE_TYPES,
            )  # fmt: skip
    return Rows(list(rows.values()), entities, values)


def _parse_rows(chunk: Chunk, parse: Callable[[Chunk], Iterable[Record]], stamp: Stamp) -> Rows:
    return statement_rows(parse(chunk), stamp)


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


def statement_id(entity_id: str, prop: str, value: str, lang: str | None, key: str) -> bytes:
    """The content address of a statement (its ``digest``): the same fact with the same
    provenance key (source, handling and grading) always gets the same one. Facts show it in
    hexadecimal as their id."""
    text = "\x1f".join((entity_id, prop, value, lang or "", key))
    return hashlib.sha1(text.encode("utf-8")).digest()


def source_reliability(store: Store, name: str) -> str | None:
    """The reliability a source is graded with (``A`` to ``F``), or None for a source that has
    brought nothing yet."""
    with store.engine.connect() as conn:
        found = conn.execute(select(source.c.reliability).where(source.c.name == name)).scalar()
    return None if found is None else str(found)


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


def write_records(
    store: Store,
    collection: Collection,
    records: Iterable[Record],
    progress: Callable[[int], None] | None = None,
    conn: Connection | None = None,
) -> ImportResult:
    """Write records parsed already, in this process, as one collection report; inside the
    caller's write transaction when ``conn`` is given (a workflow change and its facts commit
    together)."""
    chunks = _batched(records, RECORDS_PER_CHUNK)
    return write_collection(store, collection, chunks, list, progress, conn=conn)


@contextmanager
def _transaction(store: Store, conn: Connection | None) -> Iterator[Connection]:
    if conn is not None:
        yield conn
        return
    with db.begin_write(store.engine) as own:
        yield own


def _batched(items: Iterable[Record], size: int) -> Iterator[list[Record]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _previous_report(conn: Connection, collection: Collection, hid: int) -> int | None:
    """The report that already brought the same file with the same provenance, if any."""
    grading = collection.grading
    previous = conn.execute(
        select(report.c.id).where(
            report.c.source == collection.source,
            report.c.checksum == collection.checksum,
            report.c.handling_id == hid,
            report.c.reliability == grading.reliability.value,
            report.c.credibility == grading.credibility.value,
        )
    ).scalar()
    return None if previous is None else int(previous)


def _repeated(conn: Connection, collection: Collection, previous: int) -> ImportResult:
    seen = {"source": collection.source, "file": collection.file_name}
    audit.append(conn, collection.actor, "import.repeat", f"report:{previous}", seen)
    return ImportResult(previous, 0, 0, repeated=True)


def _new_report(conn: Connection, collection: Collection, hid: int, at: str) -> tuple[int, Stamp]:
    """Insert the report row; returns its id and the stamp of its statements."""
    grading = collection.grading
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
    return report_id, _stamp(collection, report_id, hid, at)


def _audit_import(conn: Connection, collection: Collection, result: ImportResult) -> None:
    audit.append(
        conn, collection.actor, "import", f"report:{result.report_id}", _details(collection, result)
    )


def _details(collection: Collection, result: ImportResult) -> dict[str, object]:
    """What the audit row of an import says."""
    return {
        "source": collection.source,
        "file": collection.file_name,
        "kind": collection.kind,
        "entities": result.entities,
        "statements": result.statements,
        "handling": collection.handling.banner,
        "grading": collection.grading.code,
    }


def write_collection(
    store: Store,
    collection: Collection,
    chunks: Iterable[Chunk],
    parse: Callable[[Chunk], Iterable[Record]],
    progress: Callable[[int], None] | None = None,
    parallel: bool = False,
    conn: Connection | None = None,
) -> ImportResult:
    """Write the records ``parse`` makes of each chunk as one collection report; see the module
    docstring for the guarantees.

    With ``parallel``, ``parse`` runs in a worker process: it must then be a module-level
    function and the chunks picklable. ``progress`` is called with the number of entities
    written so far. With ``conn``, the report is written in the caller's write transaction.
    """
    at = audit.now()
    with _transaction(store, conn) as conn:
        hid = store.handling_id(conn, collection.handling)
        previous = _previous_report(conn, collection, hid)
        if previous is not None:
            return _repeated(conn, collection, previous)
        _ensure_source(conn, collection, at)
        report_id, stamp = _new_report(conn, collection, hid, at)
        n_entities = n_statements = 0
        if parallel:
            batches = readahead.ordered(_parse_rows, chunks, parse, stamp)
        else:
            batches = (_parse_rows(chunk, parse, stamp) for chunk in chunks)
        for rows in batches:
            db.upsert_statements(conn, rows.statements)
            n_entities += rows.entities
            n_statements += rows.values
            if progress:
                progress(n_entities)
        conn.execute(
            update(report)
            .where(report.c.id == report_id)
            .values(entities=n_entities, statements=n_statements)
        )
        result = ImportResult(report_id, n_entities, n_statements)
        _audit_import(conn, collection, result)
    return result


def _stamp(collection: Collection, report_id: int, hid: int, at: str) -> Stamp:
    key = "\x1f".join((collection.source, collection.handling.key, collection.grading.code))
    return Stamp(key, (collection.source, report_id, hid, at))


Provenance = tuple[str, int, str, str]


def _provenance(collection: Collection, hid: int) -> Provenance:
    grading = collection.grading
    return (collection.source, hid, grading.reliability.value, grading.credibility.value)


def _known_reports(
    conn: Connection, wanted: dict[Provenance, set[str]]
) -> dict[tuple[Provenance, str], int]:
    """The reports already stored for these checksums, by provenance and checksum."""
    found: dict[tuple[Provenance, str], int] = {}
    for provenance, checksums in wanted.items():
        source_name, hid, reliability, credibility = provenance
        rows = conn.execute(
            select(report.c.id, report.c.checksum).where(
                report.c.source == source_name,
                report.c.handling_id == hid,
                report.c.reliability == reliability,
                report.c.credibility == credibility,
                report.c.checksum.in_(sorted(checksums)),
            )
        )
        found.update(((provenance, row.checksum), int(row.id)) for row in rows)
    return found


def write_reports(
    store: Store, reports: Sequence[tuple[Collection, list[Record]]]
) -> list[ImportResult]:
    """Write several small collections in one transaction, each as a report of its own (with
    its own checksum check and audit row): for files of independent messages, where a
    transaction per message would cost more than the message. All are written, or none.

    The work is done per batch rather than per report (one query for the checksums already
    seen, one insert of the reports, one of the statements, one append to the audit chain), so
    a report of a few records costs little more than its records. A fact that two of the
    reports bring is stored once, under the first of them, as it would be had they been written
    one after the other; a report repeated within the batch is a repeat of the first.
    """
    at = audit.now()
    with db.begin_write(store.engine) as conn:
        hids: dict[str, int] = {}
        for collection, _records in reports:
            if collection.handling.key not in hids:
                hids[collection.handling.key] = store.handling_id(conn, collection.handling)
        keys = [(_provenance(c, hids[c.handling.key]), c.checksum) for c, _records in reports]
        wanted: dict[Provenance, set[str]] = {}
        for provenance, checksum in keys:
            wanted.setdefault(provenance, set()).add(checksum)
        known = _known_reports(conn, wanted)
        first = {key: i for i, key in reversed(list(enumerate(keys)))}
        fresh = [i for i, key in enumerate(keys) if key not in known and first[key] == i]
        sources = {reports[i][0].source: reports[i][0] for i in fresh}
        for collection in sources.values():
            _ensure_source(conn, collection, at)
        counts = [
            (len(reports[i][1]), sum(1 + len(r.values) for r in reports[i][1])) for i in fresh
        ]
        ids = _insert_reports(conn, [reports[i][0] for i in fresh], hids, at, counts)
        rows: dict[bytes, tuple[Any, ...]] = {}
        for i, report_id in zip(fresh, ids, strict=True):
            collection, records = reports[i]
            stamp = _stamp(collection, report_id, hids[collection.handling.key], at)
            for row in statement_rows(records, stamp).statements:
                rows.setdefault(row[0], row)
            known[keys[i]] = report_id
        db.upsert_statements(conn, list(rows.values()))
        new = dict(zip(fresh, zip(ids, counts, strict=True), strict=True))
        results: list[ImportResult] = []
        events: list[audit.Appended] = []
        for i, (collection, _records) in enumerate(reports):
            if i in new:
                report_id, (entities, statements) = new[i]
                results.append(ImportResult(report_id, entities, statements))
                events.append(("import", f"report:{report_id}", _details(collection, results[-1])))
            else:
                results.append(ImportResult(known[keys[i]], 0, 0, repeated=True))
                seen = {"source": collection.source, "file": collection.file_name}
                events.append(("import.repeat", f"report:{known[keys[i]]}", seen))
        if reports:
            audit.append_many(conn, reports[0][0].actor, events)
    return results


def _insert_reports(
    conn: Connection,
    collections: list[Collection],
    hids: dict[str, int],
    at: str,
    counts: list[tuple[int, int]],
) -> list[int]:
    """Insert report rows in one statement; returns their ids in order."""
    if not collections:
        return []
    params = [
        {
            "source": c.source,
            "kind": c.kind,
            "file_name": c.file_name,
            "checksum": c.checksum,
            "imported_by": c.actor,
            "created_at": at,
            "handling_id": hids[c.handling.key],
            "reliability": c.grading.reliability.value,
            "credibility": c.grading.credibility.value,
            "requirement": c.requirement,
            "entities": entities,
            "statements": statements,
        }
        for c, (entities, statements) in zip(collections, counts, strict=True)
    ]
    query = insert(report).returning(report.c.id, sort_by_parameter_order=True)
    return [int(i) for i in conn.execute(query, params).scalars()]
