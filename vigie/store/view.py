"""A reader's view of the store: every query here applies the policy filter, and every read of
personal data, search and export is written to the audit log.

A partner's redacted copy is the same view built with the partner's reader: there is no second
mechanism to keep in step.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from followthemoney import model
from followthemoney.types import registry
from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    case,
    func,
    literal,
    or_,
    select,
    union_all,
)

from vigie.errors import NotFound
from vigie.i18n import _
from vigie.model.entity import Entity, Fact
from vigie.model.grading import Credibility, Grading, Reliability
from vigie.model.handling import Handling, combine
from vigie.model.text import skeleton, tokens
from vigie.policy import audit
from vigie.policy.reader import Action, Reader
from vigie.policy.rules import visible_handling_ids
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import LINKABLE, report, statement

ENTITY_PROPS = sorted({p.name for p in model.properties if p.type == registry.entity})
MAX_QUERY_TOKENS = 8


@dataclass(frozen=True)
class Relation:
    """Another entity linked to the one being read, and how."""

    prop: str
    entity_id: str
    caption: str
    schema: str
    handling: Handling
    via: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "prop": self.prop,
            "entity_id": self.entity_id,
            "caption": self.caption,
            "schema": self.schema,
            "handling": self.handling.to_dict(),
            "via": self.via,
        }


@dataclass(frozen=True)
class SearchHit:
    """One search result: an entity and how many of the query's words matched exactly."""

    entity: Entity
    score: int


class View:
    """The store as one reader may see it."""

    def __init__(self, store: Store, reader: Reader) -> None:
        self.store = store
        self.reader = reader

    def visible(self) -> ColumnElement[bool]:
        """The condition on ``statement`` rows this reader may see."""
        return statement.c.handling_id.in_(visible_handling_ids(self.reader))

    def _facts(self, conn: Connection, condition: ColumnElement[bool]) -> list[Fact]:
        # The grading and first sighting are the report's: it brought the fact first.
        query = (
            select(
                statement,
                report.c.reliability,
                report.c.credibility,
                report.c.created_at.label("first_seen"),
            )
            .join(report, report.c.id == statement.c.report_id)
            .where(condition, self.visible())
            .order_by(statement.c.entity_id, statement.c.prop, statement.c.value)
        )
        rows = conn.execute(query).all()
        handlings = self.store.handlings(conn, {r.handling_id for r in rows})
        return [
            Fact(
                r.digest.hex(),
                r.entity_id,
                r.schema,
                r.prop,
                r.value,
                r.lang,
                r.source,
                r.report_id,
                handlings[r.handling_id],
                Grading(Reliability(r.reliability), Credibility(r.credibility)),
                r.first_seen,
                r.last_seen,
            )
            for r in rows
        ]

    def _assemble(self, facts: Iterable[Fact]) -> dict[str, Entity]:
        grouped: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            grouped[fact.entity_id].append(fact)
        return {eid: Entity.assemble(eid, fs) for eid, fs in grouped.items()}

    def entities(self, conn: Connection, ids: Iterable[str]) -> dict[str, Entity]:
        """The visible parts of these entities (those with nothing visible are left out).

        Not audited on its own: callers audit the read they are part of.
        """
        wanted = sorted(set(ids))
        found: dict[str, Entity] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            found.update(self._assemble(self._facts(conn, statement.c.entity_id.in_(chunk))))
        return found

    def entity(self, entity_id: str) -> tuple[Entity, list[Relation]]:
        """Read one entity and its related entities; audited as ``entity.read``."""
        self.reader.require(Action.READ)
        with self.store.engine.connect() as conn:
            entity = self.entities(conn, [entity_id]).get(entity_id)
            if entity is None:
                raise NotFound(_("no entity {id!r} that you may see").format(id=entity_id))
            relations = self._relations(conn, entity)
        audit.record(
            self.store.engine,
            self.reader.name,
            "entity.read",
            entity_id,
            schema=entity.schema.name,
            facts=len(entity.facts),
            related=[r.entity_id for r in relations],
        )
        return entity, relations

    def _relations(self, conn: Connection, entity: Entity) -> list[Relation]:
        incoming = select(statement.c.entity_id).where(
            statement.c.value == entity.id,
            LINKABLE,
            statement.c.prop.in_(ENTITY_PROPS),
            self.visible(),
        )
        referring = {row[0] for row in conn.execute(incoming)} - {entity.id}
        outgoing = {
            f.value: f.prop
            for f in entity.facts
            if f.prop in entity.schema.properties
            and entity.schema.properties[f.prop].type == registry.entity
        }
        neighbours = self.entities(conn, referring | outgoing.keys())
        others: dict[str, tuple[str, Entity]] = {}
        relations: list[Relation] = []
        for eid in sorted(referring):
            near = neighbours.get(eid)
            if near is None:
                continue
            if near.schema.edge:
                ends = (near.schema.edge_source, near.schema.edge_target)
                for end in {near.proxy.first(p) for p in ends if p} - {entity.id, None}:
                    others[str(end)] = (near.schema.label, near)
                continue
            relations.append(
                Relation(near.schema.label, eid, near.caption, near.schema.name, near.handling)
            )
        for eid, prop in outgoing.items():
            near = neighbours.get(eid)
            if near is not None:
                label = entity.schema.properties[prop].label
                relations.append(
                    Relation(label, eid, near.caption, near.schema.name, near.handling)
                )
        far = self.entities(conn, others.keys())
        for eid, (label, edge) in others.items():
            if eid in far:
                node = far[eid]
                # The edge's own facts (its type, its dates) are shown too: mark for both.
                handling = combine([node.handling, edge.handling])
                relations.append(
                    Relation(label, eid, node.caption, node.schema.name, handling, edge.caption)
                )
        return relations

    def _token_hits(self, conn: Connection, index: int, token: str) -> Select[Any]:
        exact = db.text_match(conn, "folded", token, prefix=True)
        either = exact
        skel = skeleton(token)
        if len(skel) >= 2:
            either = or_(exact, db.text_match(conn, "skeleton", skel, prefix=False))
        return select(
            statement.c.entity_id.label("entity_id"),
            literal(index).label("token"),
            case((exact, 1), else_=0).label("exact"),
        ).where(either, self.visible())

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Entities whose visible names or identifiers hold every word of ``query`` (in any
        script or spelling close enough); audited as ``search`` with the query."""
        self.reader.require(Action.SEARCH)
        words = list(dict.fromkeys(tokens(query)))[:MAX_QUERY_TOKENS]
        hits: list[SearchHit] = []
        if words:
            with self.store.engine.connect() as conn:
                parts = union_all(*(self._token_hits(conn, i, w) for i, w in enumerate(words)))
                sub = parts.subquery()
                score = func.sum(sub.c.exact)
                ranked = (
                    select(sub.c.entity_id, score.label("score"))
                    .group_by(sub.c.entity_id)
                    .having(func.count(func.distinct(sub.c.token)) == len(words))
                    .order_by(score.desc(), sub.c.entity_id)
                    .limit(limit)
                )
                rows = conn.execute(ranked).all()
                found = self.entities(conn, [r.entity_id for r in rows])
                hits = [
                    SearchHit(found[r.entity_id], int(r.score))
                    for r in rows
                    if r.entity_id in found
                ]
        audit.record(
            self.store.engine,
            self.reader.name,
            "search",
            query,
            results=len(hits),
            entities=[h.entity.id for h in hits],
        )
        return hits

    def export(self, fmt: str = "ftm") -> Iterator[Entity]:
        """Every entity with something visible, one at a time in id order; audited as
        ``export`` with the number of entities when the export ends."""
        self.reader.require(Action.EXPORT)
        count = 0
        try:
            with self.store.engine.connect() as conn:
                query = (
                    select(statement.c.entity_id)
                    .where(self.visible())
                    .distinct()
                    .order_by(statement.c.entity_id)
                )
                ids = [row[0] for row in conn.execute(query)]
                for start in range(0, len(ids), 500):
                    chunk = self.entities(conn, ids[start : start + 500])
                    for eid in ids[start : start + 500]:
                        count += 1
                        yield chunk[eid]
        finally:
            audit.record(
                self.store.engine, self.reader.name, "export", "store", format=fmt, entities=count
            )
