"""Lookouts as a workflow: request, decide, withdraw, list — each step audited, each read
filtered by the lookout's handling with the same rule as every fact.

An approved lookout also becomes facts: a FollowTheMoney ``Risk`` on the subject (and, for a
subject not yet in the store, a ``Person`` made from the request), written as a collection
report of the source ``lookouts`` in the same transaction as the approval, so the subject's
page shows it and screening finds it.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from vigie.errors import NotFound
from vigie.i18n import _
from vigie.model.grading import Credibility, Grading, Reliability
from vigie.model.lookout import (
    SOURCE,
    Category,
    Decision,
    Lookout,
    LookoutRequest,
    Status,
    decide_status,
    nationality_code,
    withdraw_status,
)
from vigie.policy import audit
from vigie.policy.reader import Action, Reader
from vigie.policy.rules import require_readable, visible_handling_ids
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import lookout as lookout_table
from vigie.store.writer import Collection, Record, write_records


def _lookout(store: Store, conn: Connection, row: Row[Any]) -> Lookout:
    handling = store.handlings(conn, [row.handling_id])[row.handling_id]
    request = LookoutRequest(
        subject_name=row.subject_name,
        category=Category(row.category),
        narrative=row.narrative,
        requesting_unit=row.requesting_unit,
        expires_on=date.fromisoformat(row.expires_on),
        handling=handling,
        grading=Grading(Reliability(row.reliability), Credibility(row.credibility)),
        subject_entity_id=row.subject_entity_id,
        subject_birth_date=date.fromisoformat(row.subject_birth_date)
        if row.subject_birth_date
        else None,
        subject_nationality=row.subject_nationality,
        subject_document=row.subject_document,
    )
    return Lookout(
        row.id,
        request,
        Status(row.status),
        row.created_by,
        row.created_at,
        row.decided_by,
        row.decided_at,
        row.decision_reason,
        row.withdrawn_by,
        row.withdrawn_at,
        row.withdrawal_reason,
    )


def request_lookout(
    store: Store, reader: Reader, request: LookoutRequest, today: date | None = None
) -> Lookout:
    """Record a new lookout, pending a supervisor's decision."""
    reader.require(Action.REQUEST_LOOKOUT)
    request.validate(today or date.today())
    require_readable(reader, request.handling)
    with db.begin_write(store.engine) as conn:
        if request.subject_entity_id:
            # The subject must be an entity the requester may see: a lookout is no way to probe.
            view = store.view(reader)
            if request.subject_entity_id not in view.entities(conn, [request.subject_entity_id]):
                raise NotFound(
                    _("no entity {id!r} that you may see").format(id=request.subject_entity_id)
                )
        hid = store.handling_id(conn, request.handling)
        new = conn.execute(
            insert(lookout_table).values(
                subject_entity_id=request.subject_entity_id,
                subject_name=request.subject_name.strip(),
                subject_birth_date=request.subject_birth_date.isoformat()
                if request.subject_birth_date
                else None,
                subject_nationality=nationality_code(request.subject_nationality)
                if request.subject_nationality
                else None,
                subject_document=request.subject_document,
                category=request.category.value,
                narrative=request.narrative.strip(),
                requesting_unit=request.requesting_unit.strip(),
                expires_on=request.expires_on.isoformat(),
                handling_id=hid,
                reliability=request.grading.reliability.value,
                credibility=request.grading.credibility.value,
                status=Status.PENDING.value,
                created_by=reader.name,
                created_at=audit.now(),
            )
        ).inserted_primary_key
        assert new is not None
        lookout_id = int(new[0])
        details = {
            "category": request.category.value,
            "subject": request.subject_entity_id or request.subject_name,
            "expires_on": request.expires_on.isoformat(),
            "handling": request.handling.banner,
        }
        audit.append(conn, reader.name, "lookout.request", f"lookout:{lookout_id}", details)
        row = conn.execute(select(lookout_table).where(lookout_table.c.id == lookout_id)).one()
        return _lookout(store, conn, row)


def _visible_row(store: Store, conn: Connection, reader: Reader, lookout_id: int) -> Row[Any]:
    row = conn.execute(
        select(lookout_table).where(
            lookout_table.c.id == lookout_id,
            lookout_table.c.handling_id.in_(visible_handling_ids(reader)),
        )
    ).first()
    if row is None:
        raise NotFound(_("no lookout {id} that you may see").format(id=lookout_id))
    return row


def get_lookout(store: Store, reader: Reader, lookout_id: int) -> Lookout:
    """One lookout the reader may see; audited."""
    reader.require(Action.READ)
    with store.engine.connect() as conn:
        found = _lookout(store, conn, _visible_row(store, conn, reader, lookout_id))
    audit.record(store.engine, reader.name, "lookout.read", f"lookout:{lookout_id}", shown=1)
    return found


def list_lookouts(
    store: Store, reader: Reader, status: Status | None = None, limit: int = 200
) -> list[Lookout]:
    """The lookouts the reader may see, newest first; audited."""
    reader.require(Action.READ)
    query = (
        select(lookout_table)
        .where(lookout_table.c.handling_id.in_(visible_handling_ids(reader)))
        .order_by(lookout_table.c.id.desc())
        .limit(limit)
    )
    if status is not None:
        query = query.where(lookout_table.c.status == status.value)
    with store.engine.connect() as conn:
        found = [_lookout(store, conn, row) for row in conn.execute(query)]
    status_name = status.value if status else "all"
    audit.record(
        store.engine, reader.name, "lookout.read", "lookouts", status=status_name, shown=len(found)
    )
    return found


def _risk_records(found: Lookout, status: Status, today: date) -> list[Record]:
    """The facts an approved (or withdrawn) lookout stands for."""
    request = found.request
    subject = found.subject_id
    records = []
    if request.subject_entity_id is None:
        values = [("name", request.subject_name, "name")]
        if request.subject_birth_date:
            values.append(("birthDate", request.subject_birth_date.isoformat(), "date"))
        if request.subject_nationality:
            values.append(("nationality", request.subject_nationality, "country"))
        if request.subject_document:
            values.append(("passportNumber", request.subject_document, "identifier"))
        values.append(("topics", request.category.topic, "topic"))
        records.append(Record(subject, "Person", values))
    risk = [
        ("entity", subject, "entity"),
        ("topics", request.category.topic, "topic"),
        ("reason", request.narrative, "text"),
        ("status", status.value, "string"),
        ("authority", request.requesting_unit, "string"),
        ("programId", f"LOOKOUT-{found.id}", "string"),
        ("summary", f"{request.category.value}: lookout {found.id}", "string"),
        ("listingDate", today.isoformat(), "date"),
        (
            "endDate",
            (today if status is Status.WITHDRAWN else request.expires_on).isoformat(),
            "date",
        ),
    ]
    records.append(Record(found.risk_id, "Risk", risk))
    return records


def _write_facts(
    store: Store, conn: Connection, found: Lookout, status: Status, actor: str, today: date
) -> int:
    request = found.request
    stamp = f"{found.id}:{status.value}:{today.isoformat()}"
    collection = Collection(
        source=SOURCE,
        kind="lookout",
        file_name=f"lookout-{found.id}",
        checksum=hashlib.sha256(stamp.encode()).hexdigest(),
        actor=actor,
        handling=request.handling,
        grading=request.grading,
        title="Lookouts approved by supervisors",
    )
    result = write_records(store, collection, _risk_records(found, status, today), conn=conn)
    return result.report_id


def decide(
    store: Store,
    reader: Reader,
    lookout_id: int,
    decision: Decision,
    reason: str,
    today: date | None = None,
) -> Lookout:
    """A supervisor's decision on a pending lookout; an approval writes its facts."""
    reader.require(Action.APPROVE)
    today = today or date.today()
    with db.begin_write(store.engine) as conn:
        found = _lookout(store, conn, _visible_row(store, conn, reader, lookout_id))
        status = decide_status(found, decision, reader.name, reason, today)
        report_id = None
        if status is Status.APPROVED:
            report_id = _write_facts(store, conn, found, status, reader.name, today)
        conn.execute(
            update(lookout_table)
            .where(lookout_table.c.id == lookout_id)
            .values(
                status=status.value,
                decided_by=reader.name,
                decided_at=audit.now(),
                decision_reason=reason.strip(),
                report_id=report_id,
            )
        )
        details = {"decision": decision.value, "reason": reason.strip()}
        audit.append(conn, reader.name, "lookout.decide", f"lookout:{lookout_id}", details)
        row = _visible_row(store, conn, reader, lookout_id)
        return _lookout(store, conn, row)


def withdraw(
    store: Store, reader: Reader, lookout_id: int, reason: str, today: date | None = None
) -> Lookout:
    """Withdraw a pending or approved lookout; an approved one gets its withdrawal as a fact."""
    reader.require(Action.REQUEST_LOOKOUT)
    today = today or date.today()
    with db.begin_write(store.engine) as conn:
        found = _lookout(store, conn, _visible_row(store, conn, reader, lookout_id))
        supervisor = reader.may(Action.APPROVE)
        status = withdraw_status(found, reader.name, supervisor, reason)
        if found.status is Status.APPROVED:
            _write_facts(store, conn, found, status, reader.name, today)
        conn.execute(
            update(lookout_table)
            .where(lookout_table.c.id == lookout_id)
            .values(
                status=status.value,
                withdrawn_by=reader.name,
                withdrawn_at=audit.now(),
                withdrawal_reason=reason.strip(),
            )
        )
        audit.append(
            conn, reader.name, "lookout.withdraw", f"lookout:{lookout_id}", {"reason": reason}
        )
        return _lookout(store, conn, _visible_row(store, conn, reader, lookout_id))
