"""Officers' decisions on screening hits, and the clearances that false positives leave.

Every hit waits for a person: a true match, a false positive (with its reason), or a referral
to intelligence. A false positive clears the traveller (each of their keys: document numbers,
name with date of birth) against the entry as it then was; the clearance keeps the same hit from
being raised again until either side changes, is listed with who cleared it and why, and can be
revoked by a supervisor. A hit kept quiet by a redress record (``vigie.screen.redress``) is
``suppressed`` and is not decided either. Vigie never decides: each function here records a
person's decision.

Hits and clearances carry the handling of the entry they name: a reader sees only those whose
entry they may see (``rules.visible_handling_ids``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Row, Table, insert, select, update

from vigie.errors import Forbidden, InvalidInput, NotFound
from vigie.i18n import _
from vigie.model.handling import Handling
from vigie.policy import audit
from vigie.policy.reader import Action, Reader
from vigie.policy.rules import visible_handling_ids
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import screening, screening_clearance, screening_hit


class Decision(StrEnum):
    """What an officer may decide about a hit."""

    TRUE_MATCH = "true-match"
    FALSE_POSITIVE = "false-positive"
    REFER = "refer"


# ``cleared``: kept quiet by a clearance; ``suppressed``: kept quiet by a redress record.
STATUSES = ("pending", "cleared", "suppressed", *(d.value for d in Decision))


@dataclass(frozen=True)
class HitView:
    """A recorded hit as a reader sees it."""

    id: int
    screening_id: int
    reference: str
    subject: dict[str, Any]
    entity_id: str
    caption: str
    score: float
    match: bool
    explanation: dict[str, Any]
    status: str
    screened_by: str
    screened_at: str
    decided_by: str | None
    decided_at: str | None
    reason: str | None
    clearance_id: int | None
    redress_id: int | None
    handling: Handling


@dataclass(frozen=True)
class Clearance:
    """A traveller cleared against an entry."""

    id: int
    entity_id: str
    traveller_key: str
    hit_id: int
    cleared_by: str
    cleared_at: str
    reason: str
    revoked_by: str | None
    revoked_at: str | None
    revocation_reason: str | None
    handling: Handling


# The columns of ``Clearance`` read as they are, in its order (the handling is looked up).
_CLEARANCE_COLUMNS = (
    screening_clearance.c.id,
    screening_clearance.c.entity_id,
    screening_clearance.c.traveller_key,
    screening_clearance.c.hit_id,
    screening_clearance.c.cleared_by,
    screening_clearance.c.cleared_at,
    screening_clearance.c.reason,
    screening_clearance.c.revoked_by,
    screening_clearance.c.revoked_at,
    screening_clearance.c.revocation_reason,
    screening_clearance.c.handling_id,
)


def _clearance(fields: dict[str, Any], handlings: dict[int, Handling]) -> Clearance:
    handling_id = fields.pop("handling_id")
    return Clearance(**fields, handling=handlings[handling_id])


def _hit(row: Row[Any], handlings: dict[int, Handling]) -> HitView:
    return HitView(
        row.id,
        row.screening_id,
        row.reference,
        json.loads(row.subject),
        row.entity_id,
        row.caption,
        row.score,
        row.match,
        json.loads(row.explanation),
        row.status,
        row.screened_by,
        row.screened_at,
        row.decided_by,
        row.decided_at,
        row.reason,
        row.clearance_id,
        row.redress_id,
        handlings[row.handling_id],
    )


def _hits_query(reader: Reader) -> Any:
    return (
        select(
            screening_hit,
            screening.c.reference,
            screening.c.subject,
            screening.c.screened_by,
            screening.c.screened_at,
        )
        .join(screening, screening.c.id == screening_hit.c.screening_id)
        .where(
            screening_hit.c.handling_id.in_(visible_handling_ids(reader)),
            screening.c.handling_id.in_(visible_handling_ids(reader)),
        )
    )


def _visible_hit(store: Store, conn: Connection, reader: Reader, hit_id: int) -> HitView:
    row = conn.execute(_hits_query(reader).where(screening_hit.c.id == hit_id)).first()
    if row is None:
        raise NotFound(_("no screening hit {id} that you may see").format(id=hit_id))
    return _hit(row, store.handlings(conn, [row.handling_id]))


def list_hits(
    store: Store, reader: Reader, status: str | None = "pending", limit: int = 200
) -> list[HitView]:
    """The hits the reader may see, newest first; audited as ``screen.hits.read``."""
    reader.require(Action.READ)
    if status is not None and status not in STATUSES:
        raise InvalidInput(
            _("unknown status {status!r}; expected one of: {known}").format(
                status=status, known=", ".join(STATUSES)
            )
        )
    query = _hits_query(reader).order_by(screening_hit.c.id.desc()).limit(limit)
    if status is not None:
        query = query.where(screening_hit.c.status == status)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        handlings = store.handlings(conn, {r.handling_id for r in rows})
        found = [_hit(row, handlings) for row in rows]
    audit.record(
        store.engine,
        reader.name,
        "screen.hits.read",
        "hits",
        status=status or "all",
        hits=[h.id for h in found],
    )
    return found


def get_hit(store: Store, reader: Reader, hit_id: int) -> HitView:
    """One hit the reader may see; audited as ``screen.hits.read``."""
    reader.require(Action.READ)
    with store.engine.connect() as conn:
        found = _visible_hit(store, conn, reader, hit_id)
    audit.record(store.engine, reader.name, "screen.hits.read", f"hit:{hit_id}", hits=[hit_id])
    return found


def decide(store: Store, reader: Reader, hit_id: int, decision: Decision, reason: str) -> HitView:
    """Record an officer's decision on a pending hit, with its reason; a false positive clears
    the traveller against the entry. Audited as ``screen.decide``."""
    reader.require(Action.READ)
    if reader.role.value in ("partner", "auditor", "admin"):
        raise Forbidden(_("the role {role} may not decide screening hits").format(role=reader.role))
    if not reason.strip():
        raise InvalidInput(_("a decision needs a reason"))
    with db.begin_write(store.engine) as conn:
        hit = _visible_hit(store, conn, reader, hit_id)
        if hit.status != "pending":
            raise InvalidInput(
                _("hit {id} is {status}, not pending").format(id=hit_id, status=hit.status)
            )
        at = audit.now()
        conn.execute(
            update(screening_hit)
            .where(screening_hit.c.id == hit_id)
            .values(status=decision.value, decided_by=reader.name, decided_at=at, reason=reason)
        )
        if decision is Decision.FALSE_POSITIVE:
            row = conn.execute(select(screening_hit).where(screening_hit.c.id == hit_id)).one()
            for key in json.loads(row.traveller_keys):
                conn.execute(
                    insert(screening_clearance).values(
                        entity_id=row.entity_id,
                        traveller_key=key,
                        entry_version=row.entry_version,
                        hit_id=hit_id,
                        handling_id=row.handling_id,
                        cleared_by=reader.name,
                        cleared_at=at,
                        reason=reason.strip(),
                    )
                )
        details = {"decision": decision.value, "reason": reason.strip(), "entity": hit.entity_id}
        audit.append(conn, reader.name, "screen.decide", f"hit:{hit_id}", details)
        return _visible_hit(store, conn, reader, hit_id)


def list_clearances(store: Store, reader: Reader, entity_id: str | None = None) -> list[Clearance]:
    """The clearances the reader may see, newest first; audited as ``screen.clearance.read``."""
    reader.require(Action.READ)
    query = (
        select(screening_clearance)
        .where(screening_clearance.c.handling_id.in_(visible_handling_ids(reader)))
        .order_by(screening_clearance.c.id.desc())
    )
    if entity_id:
        query = query.where(screening_clearance.c.entity_id == entity_id)
    with store.engine.connect() as conn:
        rows = conn.execute(query.with_only_columns(*_CLEARANCE_COLUMNS)).all()
        handlings = store.handlings(conn, {r.handling_id for r in rows})
        found = [_clearance(row._asdict(), handlings) for row in rows]
    audit.record(
        store.engine,
        reader.name,
        "screen.clearance.read",
        entity_id or "clearances",
        shown=len(found),
    )
    return found


def revoke_row(
    conn: Connection,
    table: Table,
    row_id: int,
    reader: Reader,
    reason: str,
    missing: str,
    revoked: str,
) -> Row[Any]:
    """Mark a row of a revocable table (clearances, redress records) that ``reader`` may see as
    revoked by them, with ``reason`` (already checked non-empty); returns the row as it was.
    ``missing`` and ``revoked`` are the errors when there is no such row or it was revoked."""
    row = conn.execute(
        select(table).where(
            table.c.id == row_id, table.c.handling_id.in_(visible_handling_ids(reader))
        )
    ).first()
    if row is None:
        raise NotFound(missing)
    if row.revoked_at is not None:
        raise InvalidInput(revoked)
    conn.execute(
        update(table)
        .where(table.c.id == row_id)
        .values(revoked_by=reader.name, revoked_at=audit.now(), revocation_reason=reason)
    )
    return row


def revoke(store: Store, reader: Reader, clearance_id: int, reason: str) -> None:
    """A supervisor revokes a clearance: the traveller is raised against the entry again.
    Audited as ``screen.clearance.revoke``."""
    reader.require(Action.APPROVE)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("a revocation needs a reason"))
    with db.begin_write(store.engine) as conn:
        row = revoke_row(
            conn,
            screening_clearance,
            clearance_id,
            reader,
            reason,
            _("no clearance {id} that you may see").format(id=clearance_id),
            _("clearance {id} is already revoked").format(id=clearance_id),
        )
        details = {"entity": row.entity_id, "reason": reason}
        audit.append(
            conn, reader.name, "screen.clearance.revoke", f"clearance:{clearance_id}", details
        )
