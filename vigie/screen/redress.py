"""Redress records: a traveller who has been stopped again and again for someone else's listing
is given a record, by a supervisor or the privacy and audit officer, that keeps screening from
raising them against one entry (or against every entry).

The traveller is known by the same keys as a clearance: each document number, and each name
with each date of birth (``subject.traveller_keys``). A hit under a redress record is still
computed and recorded, with the status ``suppressed`` and the record's id, so the audit can
always show what was kept quiet and why; revoking the record lets the traveller be raised
again. A redress record is kept under the handling of the traveller's data and, when it names
one entry, of that entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, or_, select

from vigie.errors import InvalidInput, NotFound
from vigie.i18n import _
from vigie.model.handling import Handling, combine
from vigie.policy import audit
from vigie.policy.reader import Action, Reader
from vigie.policy.rules import visible_handling_ids
from vigie.screen.adjudication import revoke_row
from vigie.screen.subject import Subject, traveller_keys
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import screening_redress, screening_redress_key


@dataclass(frozen=True)
class Redress:
    """A redress record as a reader sees it; ``entity_id`` is None for every entry."""

    id: int
    subject: dict[str, Any]
    entity_id: str | None
    reason: str
    granted_by: str
    granted_at: str
    revoked_by: str | None
    revoked_at: str | None
    revocation_reason: str | None
    handling: Handling


def _redress(row: Any, handlings: dict[int, Handling]) -> Redress:
    return Redress(
        row.id,
        json.loads(row.subject),
        row.entity_id,
        row.reason,
        row.granted_by,
        row.granted_at,
        row.revoked_by,
        row.revoked_at,
        row.revocation_reason,
        handlings[row.handling_id],
    )


def grant(
    store: Store,
    reader: Reader,
    subject: Subject,
    entity_id: str | None,
    reason: str,
    data_handling: Handling,
) -> Redress:
    """Give the traveller a redress record against ``entity_id`` (every entry when None), with
    its reason; the traveller needs a document number, or a name and a date of birth. The
    record's handling is ``data_handling`` (the traveller's data) with that of the entry.
    Audited as ``screen.redress.grant``."""
    reader.require(Action.GRANT_REDRESS)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("a redress record needs a reason"))
    keys = traveller_keys(subject)
    if not keys:
        raise InvalidInput(
            _("a redress record needs a document number, or a name with a date of birth")
        )
    shown = [data_handling]
    with db.begin_write(store.engine) as conn:
        if entity_id:
            entry = store.view(reader).entities(conn, [entity_id]).get(entity_id)
            if entry is None:
                raise NotFound(_("no entity {id!r} that you may see").format(id=entity_id))
            shown.append(entry.handling)
        inserted = conn.execute(
            insert(screening_redress).values(
                subject=json.dumps(
                    {
                        "names": subject.names,
                        "birth_dates": subject.birth_dates,
                        "documents": subject.documents,
                    },
                    ensure_ascii=False,
                ),
                entity_id=entity_id or None,
                reason=reason,
                granted_by=reader.name,
                granted_at=audit.now(),
                handling_id=store.handling_id(conn, combine(shown)),
            )
        ).inserted_primary_key
        assert inserted is not None
        redress_id = int(inserted[0])
        conn.execute(
            insert(screening_redress_key),
            [{"redress_id": redress_id, "traveller_key": k} for k in keys],
        )
        details = {"entity": entity_id or "all", "keys": len(keys), "reason": reason}
        audit.append(conn, reader.name, "screen.redress.grant", f"redress:{redress_id}", details)
        row = conn.execute(
            select(screening_redress).where(screening_redress.c.id == redress_id)
        ).one()
        return _redress(row, store.handlings(conn, [row.handling_id]))


def list_redress(store: Store, reader: Reader, entity_id: str | None = None) -> list[Redress]:
    """The redress records the reader may see, newest first (those against ``entity_id`` and
    those against every entry, when it is given); audited as ``screen.redress.read``."""
    reader.require(Action.READ)
    query = (
        select(screening_redress)
        .where(screening_redress.c.handling_id.in_(visible_handling_ids(reader)))
        .order_by(screening_redress.c.id.desc())
    )
    if entity_id:
        query = query.where(
            or_(screening_redress.c.entity_id == entity_id, screening_redress.c.entity_id.is_(None))
        )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        handlings = store.handlings(conn, {r.handling_id for r in rows})
    found = [_redress(r, handlings) for r in rows]
    audit.record(
        store.engine,
        reader.name,
        "screen.redress.read",
        entity_id or "redress",
        shown=len(found),
    )
    return found


def revoke(store: Store, reader: Reader, redress_id: int, reason: str) -> None:
    """Revoke a redress record: the traveller may be raised again. Audited as
    ``screen.redress.revoke``."""
    reader.require(Action.GRANT_REDRESS)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("a revocation needs a reason"))
    with db.begin_write(store.engine) as conn:
        row = revoke_row(
            conn,
            screening_redress,
            redress_id,
            reader,
            reason,
            _("no redress record {id} that you may see").format(id=redress_id),
            _("redress record {id} is already revoked").format(id=redress_id),
        )
        details = {"entity": row.entity_id or "all", "reason": reason}
        audit.append(conn, reader.name, "screen.redress.revoke", f"redress:{redress_id}", details)
