"""Saved link charts: a name, an owner, the entities on the chart (those pinned, those hidden)
and its filters, kept under the handling of everything the chart showed when it was saved, so
that the same rule as for every fact decides who may open it. The intelligence cycle attaches
charts to case files by id.

Opening a chart shows only what the opener may see today: a chart holds entity ids, never
copies of facts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, insert, select

from vigie.errors import InvalidInput, NotFound
from vigie.i18n import _
from vigie.model.handling import Handling, combine
from vigie.network.service import network
from vigie.policy import audit
from vigie.policy.reader import Action, Reader
from vigie.policy.rules import visible_handling_ids
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import network_chart

MAX_NAME = 200
MAX_ENTITIES = 2000


@dataclass(frozen=True)
class Chart:
    """A saved chart."""

    id: int
    name: str
    owner: str
    entities: tuple[str, ...]
    pinned: tuple[str, ...]
    hidden: tuple[str, ...]
    filters: dict[str, Any]
    handling: Handling
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "id": self.id,
            "name": self.name,
            "owner": self.owner,
            "entities": list(self.entities),
            "pinned": list(self.pinned),
            "hidden": list(self.hidden),
            "filters": self.filters,
            "handling": self.handling.to_dict(),
            "created_at": self.created_at,
        }


def _chart(store: Store, row: Row[Any], handling: Handling) -> Chart:
    return Chart(
        row.id,
        row.name,
        row.owner,
        tuple(json.loads(row.entities)),
        tuple(json.loads(row.pinned)),
        tuple(json.loads(row.hidden)),
        json.loads(row.filters),
        handling,
        row.created_at,
    )


def save_chart(
    store: Store,
    reader: Reader,
    name: str,
    entities: list[str],
    pinned: list[str] | None = None,
    hidden: list[str] | None = None,
    filters: dict[str, Any] | None = None,
) -> Chart:
    """Save a chart of entities the reader may see; audited as ``chart.save``."""
    reader.require(Action.READ)
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise InvalidInput(
            _("a chart needs a name of 1 to {most} characters").format(most=MAX_NAME)
        )
    whole = network(store, reader)
    shown = [e for e in dict.fromkeys(entities) if e in whole.index]
    if not shown:
        raise InvalidInput(_("the chart holds no entity that you may see"))
    if len(shown) > MAX_ENTITIES:
        raise InvalidInput(_("a chart holds at most {most} entities").format(most=MAX_ENTITIES))
    on_chart = set(shown)
    pins = [e for e in dict.fromkeys(pinned or []) if e in on_chart]
    hides = [e for e in dict.fromkeys(hidden or []) if e in on_chart]
    with db.begin_write(store.engine) as conn:
        handling = combine(store.handlings(conn, whole.handlings(shown)).values())
        hid = store.handling_id(conn, handling)
        created = audit.now()
        new = conn.execute(
            insert(network_chart).values(
                name=name,
                owner=reader.name,
                entities=json.dumps(shown),
                pinned=json.dumps(pins),
                hidden=json.dumps(hides),
                filters=json.dumps(filters or {}, sort_keys=True),
                handling_id=hid,
                created_at=created,
            )
        ).inserted_primary_key
        assert new is not None
        chart_id = int(new[0])
        audit.append(
            conn,
            reader.name,
            "chart.save",
            f"chart:{chart_id}",
            {"name": name, "entities": len(shown), "handling": handling.banner},
        )
        row = conn.execute(select(network_chart).where(network_chart.c.id == chart_id)).one()
        return _chart(store, row, handling)


def list_charts(store: Store, reader: Reader) -> list[Chart]:
    """The charts the reader may see, newest first; audited as ``chart.read``."""
    reader.require(Action.READ)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(network_chart)
            .where(network_chart.c.handling_id.in_(visible_handling_ids(reader)))
            .order_by(network_chart.c.id.desc())
        ).all()
        handlings = store.handlings(conn, {r.handling_id for r in rows})
    charts = [_chart(store, r, handlings[r.handling_id]) for r in rows]
    audit.record(store.engine, reader.name, "chart.read", "charts", shown=len(charts))
    return charts


def get_chart(store: Store, reader: Reader, chart_id: int) -> Chart:
    """One chart the reader may see; audited as ``chart.read``."""
    reader.require(Action.READ)
    with store.engine.connect() as conn:
        row = conn.execute(
            select(network_chart).where(
                network_chart.c.id == chart_id,
                network_chart.c.handling_id.in_(visible_handling_ids(reader)),
            )
        ).first()
        if row is None:
            raise NotFound(_("no chart {id} that you may see").format(id=chart_id))
        handling = store.handlings(conn, [row.handling_id])[row.handling_id]
    audit.record(store.engine, reader.name, "chart.read", f"chart:{chart_id}", shown=1)
    return _chart(store, row, handling)
