"""Reading person records for resolution from what one reader may see.

Every query here applies the reader's policy filter (``View.visible``): a run, a score or an
explanation is built only from facts its user may see. Each record comes with the handling ids
of the facts it was built from, so that what is derived from it (a scored pair, a judgement)
can be marked for everything it rests on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Select, select

from vigie.resolve.features import PROPS, PersonRecord, birth_date
from vigie.store.tables import statement
from vigie.store.view import View

_CHUNK = 500


def _collect(
    rows: Iterable[tuple[str, str, str, int]],
) -> tuple[list[PersonRecord], dict[str, frozenset[int]]]:
    values: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    handlings: dict[str, set[int]] = defaultdict(set)
    for entity_id, prop, value, handling_id in rows:
        values[entity_id][prop].append(value)
        handlings[entity_id].add(handling_id)
    records = [PersonRecord(eid, dict(props)) for eid, props in values.items()]
    return records, {eid: frozenset(h) for eid, h in handlings.items()}


def _query(view: View) -> Select[Any]:
    return (
        select(statement.c.entity_id, statement.c.prop, statement.c.value, statement.c.handling_id)
        .where(statement.c.schema == "Person", statement.c.prop.in_(PROPS), view.visible())
        .order_by(statement.c.entity_id, statement.c.prop, statement.c.value)
    )


def person_records(
    conn: Connection, view: View
) -> tuple[list[PersonRecord], dict[str, frozenset[int]]]:
    """Every Person record the view's reader may see, with each record's handling ids."""
    rows = conn.execute(_query(view))
    return _collect((r[0], r[1], r[2], r[3]) for r in rows)


def records_of(
    conn: Connection, view: View, ids: Iterable[str]
) -> tuple[list[PersonRecord], dict[str, frozenset[int]]]:
    """The Person records with these ids, as the reader may see them (those with nothing
    visible are left out)."""
    wanted = sorted(set(ids))
    rows: list[tuple[str, str, str, int]] = []
    for start in range(0, len(wanted), _CHUNK):
        query = _query(view).where(statement.c.entity_id.in_(wanted[start : start + _CHUNK]))
        rows.extend((r[0], r[1], r[2], r[3]) for r in conn.execute(query))
    return _collect(rows)


def person_ids(conn: Connection, view: View) -> list[str]:
    """The ids of every Person entity the reader may see something of."""
    query = (
        select(statement.c.entity_id)
        .where(statement.c.schema == "Person", view.visible())
        .distinct()
        .order_by(statement.c.entity_id)
    )
    return [row[0] for row in conn.execute(query)]


def birth_dates(conn: Connection, view: View, ids: Iterable[str] | None = None) -> dict[str, str]:
    """The (first, in order) full ISO date of birth of each Person record the reader may see,
    optionally only of these ids: what keeps namesakes apart when clustering."""
    query = (
        select(statement.c.entity_id, statement.c.value)
        .where(statement.c.schema == "Person", statement.c.prop == "birthDate", view.visible())
        .order_by(statement.c.entity_id, statement.c.value)
    )
    rows: list[tuple[str, str]] = []
    if ids is None:
        rows = [(r[0], r[1]) for r in conn.execute(query)]
    else:
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            rows.extend(
                (r[0], r[1]) for r in conn.execute(query.where(statement.c.entity_id.in_(chunk)))
            )
    found: dict[str, str] = {}
    for entity_id, value in rows:
        born = birth_date([value])
        if entity_id not in found and born:
            found[entity_id] = born
    return found
