"""Requests for case support: an officer asks HQ a question (about an entity, if any); the
request waits in the HQ queue until an analyst is assigned, who answers it. The requester sees
their own requests and the answer, which must be marked so that they may read it.

Who sees a request: its requester, and analysts and supervisors who may see its handling (the
queue); the answer is shown to whoever may see the answer's own handling.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, insert, or_, select, update

from vigie.cycle.access import require_internal, require_producer, visible
from vigie.errors import InvalidInput, NotFound
from vigie.i18n import _
from vigie.model.case import SupportStatus, answer_status, assign_status
from vigie.model.handling import Handling
from vigie.policy import audit
from vigie.policy.accounts import get_reader
from vigie.policy.reader import Action, Reader
from vigie.policy.rules import may_see, require_readable
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import support_request


@dataclass(frozen=True)
class SupportRequest:
    """A request for case support as one reader may see it (the answer only if they may)."""

    id: int
    requester: str
    question: str
    entity_id: str | None
    handling: Handling
    status: SupportStatus
    created_at: str
    assigned_to: str | None
    assigned_by: str | None
    answer: str | None
    answer_handling: Handling | None
    answered_by: str | None
    answered_at: str | None


def _readable(reader: Reader) -> ColumnElement[bool]:
    """The requests a reader may see: their own, and for HQ the queue within their handling."""
    own = support_request.c.requester == reader.name
    if reader.may(Action.PRODUCE):
        return or_(own, visible(support_request.c.handling_id, reader))
    return own & visible(support_request.c.handling_id, reader)


def _request(store: Store, conn: Connection, reader: Reader, row: Row[Any]) -> SupportRequest:
    ids = [row.handling_id] + ([row.answer_handling_id] if row.answer_handling_id else [])
    handlings = store.handlings(conn, ids)
    answer_handling = handlings.get(row.answer_handling_id) if row.answer_handling_id else None
    shown = answer_handling is not None and may_see(reader, answer_handling)
    return SupportRequest(
        row.id,
        row.requester,
        row.question,
        row.entity_id,
        handlings[row.handling_id],
        SupportStatus(row.status),
        row.created_at,
        row.assigned_to,
        row.assigned_by,
        row.answer if shown else None,
        answer_handling if shown else None,
        row.answered_by,
        row.answered_at,
    )


def _row(conn: Connection, reader: Reader, request_id: int) -> Row[Any]:
    row = conn.execute(
        select(support_request).where(support_request.c.id == request_id, _readable(reader))
    ).first()
    if row is None:
        raise NotFound(_("no request {id} that you may see").format(id=request_id))
    return row


def request_support(
    store: Store, reader: Reader, question: str, handling: Handling, entity_id: str | None = None
) -> SupportRequest:
    """Send a question to the HQ queue; audited."""
    require_internal(reader)
    reader.require(Action.READ)
    if len(question.strip()) < 10:
        raise InvalidInput(_("the question must say what you need, in at least 10 characters"))
    require_readable(reader, handling)
    with db.begin_write(store.engine) as conn:
        if entity_id and entity_id not in store.view(reader).entities(conn, [entity_id]):
            raise NotFound(_("no entity {id!r} that you may see").format(id=entity_id))
        new = conn.execute(
            insert(support_request).values(
                requester=reader.name,
                question=question.strip(),
                entity_id=entity_id or None,
                handling_id=store.handling_id(conn, handling),
                status=SupportStatus.QUEUED.value,
                created_at=audit.now(),
            )
        ).inserted_primary_key
        assert new is not None
        request_id = int(new[0])
        details = {"entity": entity_id, "handling": handling.banner}
        audit.append(conn, reader.name, "support.request", f"support:{request_id}", details)
        return _request(store, conn, reader, _row(conn, reader, request_id))


def list_requests(store: Store, reader: Reader) -> list[SupportRequest]:
    """The requests the reader may see (the queue, or their own), newest first; audited."""
    reader.require(Action.READ)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(support_request).where(_readable(reader)).order_by(support_request.c.id.desc())
        )
        found = [_request(store, conn, reader, r) for r in rows]
    audit.record(store.engine, reader.name, "support.read", "support", shown=len(found))
    return found


def read_request(store: Store, reader: Reader, request_id: int) -> SupportRequest:
    """One request; audited."""
    reader.require(Action.READ)
    with store.engine.connect() as conn:
        found = _request(store, conn, reader, _row(conn, reader, request_id))
    audit.record(
        store.engine,
        reader.name,
        "support.read",
        f"support:{request_id}",
        answered=found.answer is not None,
    )
    return found


def assign(store: Store, reader: Reader, request_id: int, assignee: str) -> SupportRequest:
    """Assign a request to an analyst or supervisor who may see it; audited."""
    require_producer(reader)
    target = get_reader(store.engine, assignee)
    if not target.may(Action.PRODUCE):
        raise InvalidInput(
            _("{name} may not answer requests for case support").format(name=assignee)
        )
    with db.begin_write(store.engine) as conn:
        row = _row(conn, reader, request_id)
        status = assign_status(SupportStatus(row.status), request_id)
        _row(conn, target, request_id)
        conn.execute(
            update(support_request)
            .where(support_request.c.id == request_id)
            .values(
                status=status.value,
                assigned_to=assignee,
                assigned_by=reader.name,
                assigned_at=audit.now(),
            )
        )
        audit.append(conn, reader.name, "support.assign", f"support:{request_id}", {"to": assignee})
        return _request(store, conn, reader, _row(conn, reader, request_id))


def answer(
    store: Store, reader: Reader, request_id: int, text: str, handling: Handling
) -> SupportRequest:
    """Answer an assigned request. The answer must be marked so that its requester may read
    it: a reply the requester could not see would answer nothing."""
    require_producer(reader)
    if len(text.strip()) < 3:
        raise InvalidInput(_("the answer is empty"))
    require_readable(reader, handling)
    with db.begin_write(store.engine) as conn:
        row = _row(conn, reader, request_id)
        status = answer_status(
            SupportStatus(row.status),
            request_id,
            row.assigned_to,
            reader.name,
            reader.may(Action.APPROVE),
        )
        if not may_see(get_reader(store.engine, row.requester), handling):
            raise InvalidInput(
                _(
                    "{name} could not read an answer marked {banner}: mark it within what they "
                    "may see"
                ).format(name=row.requester, banner=handling.banner)
            )
        conn.execute(
            update(support_request)
            .where(support_request.c.id == request_id)
            .values(
                status=status.value,
                answer=text.strip(),
                answer_handling_id=store.handling_id(conn, handling),
                answered_by=reader.name,
                answered_at=audit.now(),
            )
        )
        details = {"handling": handling.banner}
        audit.append(conn, reader.name, "support.answer", f"support:{request_id}", details)
        return _request(store, conn, reader, _row(conn, reader, request_id))
