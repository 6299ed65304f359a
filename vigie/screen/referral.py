"""Admissibility referrals: a confirmed screening match, or an analyst's finding about an entity,
put before an officer with the grounds of inadmissibility it may raise and the facts behind
each ground.

Evidence is cited by statement: a referral keeps the ids of the facts its author chose (facts of
the entity and of the entities linked to it, as the author may see them) and reads them again
through the reader's view whenever it is shown, so each fact keeps its source and grading and a
reader never sees one their profile withholds. A referral carries the highest handling of its
evidence, its traveller's data and its hit, so only those who may see all of it see it.

Vigie never decides admissibility: a referral stays open until an officer records a decision
(inadmissible, admissible, or further information requested, which leaves it open for a later
decision), always with a reason. Nothing is refused automatically.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, insert, select, update

from vigie.errors import Forbidden, InvalidInput, NotFound
from vigie.i18n import _
from vigie.model.entity import Entity, Fact
from vigie.model.handling import Handling, combine
from vigie.policy import audit
from vigie.policy.reader import Action, Reader, Role
from vigie.policy.rules import visible_handling_ids
from vigie.screen import adjudication
from vigie.screen.grounds import Ground, Suggestion, suggest
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import (
    referral,
    referral_decision,
    referral_evidence,
    referral_ground,
    screening,
)

# Roles that see but do not act on casework: they may read referrals, never write one.
_NOT_REFERRING = (Role.PARTNER, Role.AUDITOR, Role.ADMIN)
OPEN = "open"


class Outcome(StrEnum):
    """What an officer may decide on a referral."""

    INADMISSIBLE = "inadmissible"
    ADMISSIBLE = "admissible"
    FURTHER_INFORMATION = "further-information"


STATUSES = (OPEN, *(o.value for o in Outcome))
# A referral waiting for more information may still be decided; the other outcomes close it.
_DECIDABLE = (OPEN, Outcome.FURTHER_INFORMATION.value)


@dataclass(frozen=True)
class Evidence:
    """A fact cited for a ground, as the reader sees it, with the entity it is about."""

    fact: Fact
    entity_caption: str


@dataclass(frozen=True)
class GroundView:
    """A ground the referral names, why, the facts cited for it, and how many of them the
    reader may not see."""

    ground: Ground
    basis: str
    evidence: tuple[Evidence, ...]
    withheld: int


@dataclass(frozen=True)
class DecisionView:
    """An officer's decision on a referral."""

    decision: str
    reason: str
    decided_by: str
    decided_at: str


@dataclass(frozen=True)
class ReferralView:
    """A referral as a reader sees it (grounds and decisions are filled when one is read)."""

    id: int
    hit_id: int | None
    entity_id: str
    caption: str
    subject: dict[str, Any] | None
    narrative: str
    status: str
    created_by: str
    created_at: str
    handling: Handling
    ground_codes: tuple[Ground, ...]
    grounds: tuple[GroundView, ...] = ()
    decisions: tuple[DecisionView, ...] = ()

    @property
    def open(self) -> bool:
        """Whether an officer may still record a decision."""
        return self.status in _DECIDABLE


@dataclass(frozen=True)
class Candidates:
    """What a referral about an entity may cite: its facts and those of the entities linked to
    it (each with its entity's caption), and the grounds its topics suggest."""

    entity: Entity
    facts: tuple[Evidence, ...]
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class NewReferral:
    """A referral to write: about a confirmed hit or an entity, with grounds (each with its
    basis, in the author's words) and the statements cited for each ground."""

    narrative: str
    grounds: Mapping[Ground, str]
    evidence: Sequence[tuple[Ground, str]]
    hit_id: int | None = None
    entity_id: str | None = None


def candidates(store: Store, reader: Reader, entity_id: str) -> Candidates:
    """The facts a referral about ``entity_id`` may cite, as ``reader`` may see them; the read
    is audited as ``entity.read`` by the view."""
    view = store.view(reader)
    entity, relations = view.entity(entity_id)
    with store.engine.connect() as conn:
        linked = view.entities(conn, {r.entity_id for r in relations} - {entity_id})
    facts = [Evidence(f, entity.caption) for f in entity.property_facts()]
    for other in sorted(linked.values(), key=lambda e: (e.caption, e.id)):
        facts.extend(Evidence(f, other.caption) for f in other.property_facts())
    topics = [f.value for f in entity.facts if f.prop == "topics"]
    return Candidates(entity, tuple(facts), tuple(suggest(topics)))


def may_refer(reader: Reader) -> bool:
    """Whether the reader's role may write referrals."""
    return reader.may(Action.READ) and reader.role not in _NOT_REFERRING


def _check_author(reader: Reader) -> None:
    reader.require(Action.READ)
    if not may_refer(reader):
        raise Forbidden(_("the role {role} may not write referrals").format(role=reader.role))


def _screening_handling(store: Store, conn: Connection, screening_id: int) -> Handling:
    hid = conn.execute(
        select(screening.c.handling_id).where(screening.c.id == screening_id)
    ).scalar_one()
    return store.handlings(conn, [hid])[hid]


def create(store: Store, reader: Reader, new: NewReferral) -> ReferralView:
    """Write a referral about a confirmed (true-match) hit or an entity the reader may see; every
    named ground needs at least one cited fact, and every cited fact must be one the reader may
    see about the entity or an entity linked to it. Audited as ``referral.create``."""
    _check_author(reader)
    if (new.hit_id is None) == (new.entity_id is None):
        raise InvalidInput(_("a referral is about one hit or one entity"))
    narrative = new.narrative.strip()
    if not narrative:
        raise InvalidInput(_("a referral needs a narrative"))
    if not new.grounds:
        raise InvalidInput(_("a referral names at least one ground of inadmissibility"))
    cited = {(g, s) for g, s in new.evidence}
    for ground, _statement in cited:
        if ground not in new.grounds:
            raise InvalidInput(
                _("evidence is cited for {ground}, which the referral does not name").format(
                    ground=ground.value
                )
            )
    for ground in new.grounds:
        if not any(g is ground for g, _s in cited):
            raise InvalidInput(
                _("the ground {ground} needs at least one fact as evidence").format(
                    ground=ground.value
                )
            )
    hit = None
    shown: list[Handling] = []
    if new.hit_id is not None:
        hit = adjudication.get_hit(store, reader, new.hit_id)
        if hit.status != adjudication.Decision.TRUE_MATCH.value:
            raise InvalidInput(
                _("hit {id} is {status}: only a confirmed (true) match is referred").format(
                    id=hit.id, status=hit.status
                )
            )
        entity_id = hit.entity_id
        shown.append(hit.handling)
    else:
        assert new.entity_id is not None
        entity_id = new.entity_id
    found = candidates(store, reader, entity_id)
    facts = {e.fact.id: e for e in found.facts}
    for _ground, statement_id in sorted(cited):
        if statement_id not in facts:
            raise InvalidInput(
                _("no fact {id} that you may see about {entity} or its links").format(
                    id=statement_id, entity=entity_id
                )
            )
    shown.extend(facts[s].fact.handling for _g, s in cited)
    if hit is None:
        # The referral names the entity: its name facts are shown with it.
        shown.extend(f.handling for f in found.entity.facts if f.prop == "name")
    with db.begin_write(store.engine) as conn:
        if hit is not None:
            shown.append(_screening_handling(store, conn, hit.screening_id))
        at = audit.now()
        inserted = conn.execute(
            insert(referral).values(
                hit_id=new.hit_id,
                entity_id=entity_id,
                caption=found.entity.caption[:500],
                subject=None if hit is None else json.dumps(hit.subject, ensure_ascii=False),
                narrative=narrative,
                status=OPEN,
                created_by=reader.name,
                created_at=at,
                handling_id=store.handling_id(conn, combine(shown)),
            )
        ).inserted_primary_key
        assert inserted is not None
        referral_id = int(inserted[0])
        conn.execute(
            insert(referral_ground),
            [
                {"referral_id": referral_id, "ground": g.value, "basis": basis.strip()}
                for g, basis in new.grounds.items()
            ],
        )
        conn.execute(
            insert(referral_evidence),
            [
                {
                    "referral_id": referral_id,
                    "ground": g.value,
                    "statement_id": s,
                    "entity_id": facts[s].fact.entity_id,
                }
                for g, s in sorted(cited)
            ],
        )
        details = {
            "entity": entity_id,
            "hit": new.hit_id,
            "grounds": sorted(g.value for g in new.grounds),
            "statements": sorted({s for _g, s in cited}),
        }
        audit.append(conn, reader.name, "referral.create", f"referral:{referral_id}", details)
        return _read(store, conn, reader, referral_id)


def _query(reader: Reader) -> Any:
    return select(referral).where(referral.c.handling_id.in_(visible_handling_ids(reader)))


def _codes(conn: Connection, ids: Iterable[int]) -> dict[int, tuple[Ground, ...]]:
    found: dict[int, list[Ground]] = {}
    rows = conn.execute(
        select(referral_ground.c.referral_id, referral_ground.c.ground).where(
            referral_ground.c.referral_id.in_(sorted(set(ids)))
        )
    )
    for row in rows:
        found.setdefault(row.referral_id, []).append(Ground(row.ground))
    order = list(Ground)
    return {k: tuple(sorted(v, key=order.index)) for k, v in found.items()}


def _view(row: Any, handling: Handling, codes: tuple[Ground, ...], **more: Any) -> ReferralView:
    return ReferralView(
        row.id,
        row.hit_id,
        row.entity_id,
        row.caption,
        None if row.subject is None else json.loads(row.subject),
        row.narrative,
        row.status,
        row.created_by,
        row.created_at,
        handling,
        codes,
        **more,
    )


def _read(store: Store, conn: Connection, reader: Reader, referral_id: int) -> ReferralView:
    row = conn.execute(_query(reader).where(referral.c.id == referral_id)).first()
    if row is None:
        raise NotFound(_("no referral {id} that you may see").format(id=referral_id))
    grounds = conn.execute(
        select(referral_ground).where(referral_ground.c.referral_id == referral_id)
    ).all()
    cited = conn.execute(
        select(referral_evidence).where(referral_evidence.c.referral_id == referral_id)
    ).all()
    entities = store.view(reader).entities(conn, {c.entity_id for c in cited})
    facts = {f.id: (f, e.caption) for e in entities.values() for f in e.facts}
    order = list(Ground)
    views = []
    for g in sorted(grounds, key=lambda g: order.index(Ground(g.ground))):
        ids = [c.statement_id for c in cited if c.ground == g.ground]
        seen = tuple(Evidence(*facts[s]) for s in ids if s in facts)
        views.append(GroundView(Ground(g.ground), g.basis, seen, len(ids) - len(seen)))
    decisions = conn.execute(
        select(referral_decision)
        .where(referral_decision.c.referral_id == referral_id)
        .order_by(referral_decision.c.id)
    ).all()
    return _view(
        row,
        store.handlings(conn, [row.handling_id])[row.handling_id],
        tuple(v.ground for v in views),
        grounds=tuple(views),
        decisions=tuple(
            DecisionView(d.decision, d.reason, d.decided_by, d.decided_at) for d in decisions
        ),
    )


def get(store: Store, reader: Reader, referral_id: int) -> ReferralView:
    """One referral with its grounds, evidence and decisions; audited as ``referral.read``."""
    reader.require(Action.READ)
    with store.engine.connect() as conn:
        found = _read(store, conn, reader, referral_id)
    cited = sorted({e.fact.id for g in found.grounds for e in g.evidence})
    audit.record(
        store.engine, reader.name, "referral.read", f"referral:{referral_id}", statements=cited
    )
    return found


def list_referrals(
    store: Store,
    reader: Reader,
    status: str | None = None,
    ground: Ground | None = None,
    entity_id: str | None = None,
    limit: int = 200,
) -> list[ReferralView]:
    """The referrals the reader may see, newest first, by status, ground or entity; audited as
    ``referral.read``."""
    reader.require(Action.READ)
    if status is not None and status not in STATUSES:
        raise InvalidInput(
            _("unknown status {status!r}; expected one of: {known}").format(
                status=status, known=", ".join(STATUSES)
            )
        )
    query = _query(reader).order_by(referral.c.id.desc()).limit(limit)
    if status is not None:
        query = query.where(referral.c.status == status)
    if entity_id:
        query = query.where(referral.c.entity_id == entity_id)
    if ground is not None:
        named = select(referral_ground.c.referral_id).where(referral_ground.c.ground == ground)
        query = query.where(referral.c.id.in_(named))
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        handlings = store.handlings(conn, {r.handling_id for r in rows})
        codes = _codes(conn, [r.id for r in rows])
    found = [_view(r, handlings[r.handling_id], codes.get(r.id, ())) for r in rows]
    audit.record(
        store.engine,
        reader.name,
        "referral.read",
        "referrals",
        status=status or "all",
        ground=None if ground is None else ground.value,
        entity=entity_id,
        referrals=[r.id for r in found],
    )
    return found


def decide(
    store: Store, reader: Reader, referral_id: int, outcome: Outcome, reason: str
) -> ReferralView:
    """Record an officer's decision on an open referral, with its reason. Audited as
    ``referral.decide``."""
    reader.require(Action.DECIDE_ADMISSIBILITY)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("a decision needs a reason"))
    with db.begin_write(store.engine) as conn:
        found = _read(store, conn, reader, referral_id)
        if not found.open:
            raise InvalidInput(
                _("referral {id} is decided ({status})").format(id=referral_id, status=found.status)
            )
        conn.execute(
            insert(referral_decision).values(
                referral_id=referral_id,
                decision=outcome.value,
                reason=reason,
                decided_by=reader.name,
                decided_at=audit.now(),
            )
        )
        conn.execute(
            update(referral).where(referral.c.id == referral_id).values(status=outcome.value)
        )
        details = {"decision": outcome.value, "reason": reason, "entity": found.entity_id}
        audit.append(conn, reader.name, "referral.decide", f"referral:{referral_id}", details)
        return _read(store, conn, reader, referral_id)
