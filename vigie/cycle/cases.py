"""Case files: opened under a need-to-know compartment of the case, with items (subjects,
entities, reports, hits, documents, charts, notes, tasks) kept as a timeline. The case and its
items carry the compartment in their handling, so the store's policy filter keeps them from
anyone outside it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, insert, select

from vigie.cycle.access import require_producer, visible, visible_report
from vigie.errors import InvalidInput, NotFound
from vigie.i18n import _
from vigie.model.case import ItemKind, check_item
from vigie.model.handling import Handling, Marking, clean_label
from vigie.policy import audit
from vigie.policy.reader import Action, Reader
from vigie.policy.rules import require_readable
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import case_file, case_item


@dataclass(frozen=True)
class CaseItem:
    """One entry of a case's timeline."""

    id: int
    kind: ItemKind
    ref: str | None
    note: str
    added_by: str
    added_at: str


@dataclass(frozen=True)
class Case:
    """A case file and its timeline, oldest first."""

    id: int
    title: str
    compartment: str
    handling: Handling
    created_by: str
    created_at: str
    items: tuple[CaseItem, ...] = ()


def open_case(
    store: Store,
    reader: Reader,
    title: str,
    compartment: str,
    marking: str | Marking = Marking.PROTECTED_B,
    caveats: tuple[str, ...] = (),
) -> Case:
    """Open a case under a compartment the reader belongs to; audited."""
    require_producer(reader)
    if len(title.strip()) < 5:
        raise InvalidInput(_("the case's title must say what it is, in at least 5 characters"))
    label = clean_label(compartment, "compartment")
    handling = Handling.make(marking, caveats, (), (label,))
    if label not in reader.compartments:
        raise InvalidInput(
            _("you are not in the compartment {name}: open the case under one you hold").format(
                name=label
            )
        )
    require_readable(reader, handling)
    with db.begin_write(store.engine) as conn:
        new = conn.execute(
            insert(case_file).values(
                title=title.strip(),
                compartment=label,
                handling_id=store.handling_id(conn, handling),
                created_by=reader.name,
                created_at=audit.now(),
            )
        ).inserted_primary_key
        assert new is not None
        case_id = int(new[0])
        details = {"title": title.strip(), "compartment": label, "handling": handling.banner}
        audit.append(conn, reader.name, "case.create", f"case:{case_id}", details)
        return _case(store, conn, reader, case_id)


def _case(store: Store, conn: Connection, reader: Reader, case_id: int) -> Case:
    row = conn.execute(
        select(case_file).where(case_file.c.id == case_id, visible(case_file.c.handling_id, reader))
    ).first()
    if row is None:
        raise NotFound(_("no case {id} that you may see").format(id=case_id))
    items = conn.execute(
        select(case_item)
        .where(case_item.c.case_id == case_id, visible(case_item.c.handling_id, reader))
        .order_by(case_item.c.id)
    )
    return Case(
        row.id,
        row.title,
        row.compartment,
        store.handlings(conn, [row.handling_id])[row.handling_id],
        row.created_by,
        row.created_at,
        tuple(
            CaseItem(i.id, ItemKind(i.kind), i.ref, i.note, i.added_by, i.added_at) for i in items
        ),
    )


def add_item(
    store: Store, reader: Reader, case_id: int, kind: ItemKind, ref: str = "", note: str = ""
) -> Case:
    """Add an item to a case's timeline under the case's handling. An entity or report it
    names must be one the reader may see: a case file is no way to probe the store."""
    require_producer(reader)
    check_item(kind, ref, note)
    with db.begin_write(store.engine) as conn:
        found = _case(store, conn, reader, case_id)
        ref_value = ref.strip() or None
        view = store.view(reader)
        if ref_value and kind.refers_to_entity and not view.entities(conn, [ref_value]):
            raise NotFound(_("no entity {id!r} that you may see").format(id=ref_value))
        if ref_value and kind is ItemKind.REPORT:
            if not ref_value.isdigit():
                raise InvalidInput(_("a report item names the report's number"))
            visible_report(conn, reader, int(ref_value))
        conn.execute(
            insert(case_item).values(
                case_id=case_id,
                kind=kind.value,
                ref=ref_value,
                note=note.strip(),
                handling_id=store.handling_id(conn, found.handling),
                added_by=reader.name,
                added_at=audit.now(),
            )
        )
        details = {"kind": kind.value, "ref": ref_value}
        audit.append(conn, reader.name, "case.add", f"case:{case_id}", details)
        return _case(store, conn, reader, case_id)


def read_case(store: Store, reader: Reader, case_id: int) -> Case:
    """A case and its timeline; audited."""
    reader.require(Action.READ)
    with store.engine.connect() as conn:
        found = _case(store, conn, reader, case_id)
    audit.record(store.engine, reader.name, "case.read", f"case:{case_id}", items=len(found.items))
    return found


def captions(store: Store, reader: Reader, found: Case) -> dict[str, str]:
    """The names of the entities a case's items refer to, as far as the reader may see them;
    part of reading the case (audited there)."""
    refs = {i.ref for i in found.items if i.ref and i.kind.refers_to_entity}
    if not refs:
        return {}
    with store.engine.connect() as conn:
        entities = store.view(reader).entities(conn, refs)
    return {entity_id: entity.caption for entity_id, entity in entities.items()}


def list_cases(store: Store, reader: Reader) -> list[Case]:
    """The cases the reader may see (those of their compartments), newest first; audited."""
    reader.require(Action.READ)
    with store.engine.connect() as conn:
        ids = [
            r[0]
            for r in conn.execute(
                select(case_file.c.id)
                .where(visible(case_file.c.handling_id, reader))
                .order_by(case_file.c.id.desc())
            )
        ]
        found = [_case(store, conn, reader, i) for i in ids]
    audit.record(store.engine, reader.name, "case.read", "cases", shown=len(found))
    return found
