"""Intelligence requirements: record, list, read, close, and link the reports that answer them.

A report answers a requirement when it named the requirement when it was imported
(``report.requirement``, e.g. ``vigie import … --requirement IR-3``), when a task of the
requirement was answered with it, or when an analyst linked it afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from vigie.cycle.access import require_internal, require_producer, visible, visible_report
from vigie.errors import InvalidInput, NotFound
from vigie.i18n import _
from vigie.model.handling import Handling
from vigie.model.requirement import (
    Priority,
    RequirementDraft,
    RequirementStatus,
    Topic,
    check_open,
    overdue,
    parse_reference,
    reference,
)
from vigie.policy import audit
from vigie.policy.reader import Action, Reader
from vigie.policy.rules import require_readable
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import requirement, requirement_question, requirement_report


@dataclass(frozen=True)
class Question:
    """One specific question of a requirement."""

    id: int
    position: int
    text: str


@dataclass(frozen=True)
class Requirement:
    """A stored requirement with its questions."""

    id: int
    draft: RequirementDraft
    status: RequirementStatus
    created_by: str
    created_at: str
    questions: tuple[Question, ...]
    closed_by: str | None = None
    closed_at: str | None = None
    close_reason: str | None = None

    @property
    def reference(self) -> str:
        """The reference reports quote, e.g. ``IR-3``."""
        return reference(self.id)

    def overdue(self, today: date) -> bool:
        """Whether the requirement is still open past its due date."""
        return overdue(self.draft.due_on, self.status is not RequirementStatus.OPEN, today)


def _requirement(store: Store, conn: Connection, row: Row[Any]) -> Requirement:
    handling = store.handlings(conn, [row.handling_id])[row.handling_id]
    questions = [
        Question(q.id, q.position, q.text)
        for q in conn.execute(
            select(requirement_question)
            .where(requirement_question.c.requirement_id == row.id)
            .order_by(requirement_question.c.position)
        )
    ]
    draft = RequirementDraft(
        title=row.title,
        topic=Topic(row.topic),
        priority=Priority(row.priority),
        region=row.region,
        client=row.client,
        due_on=date.fromisoformat(row.due_on),
        handling=handling,
        questions=tuple(q.text for q in questions),
    )
    return Requirement(
        row.id,
        draft,
        RequirementStatus(row.status),
        row.created_by,
        row.created_at,
        tuple(questions),
        row.closed_by,
        row.closed_at,
        row.close_reason,
    )


def visible_row(conn: Connection, reader: Reader, requirement_id: int) -> Row[Any]:
    """A requirement row the reader may see, or ``NotFound``."""
    row = conn.execute(
        select(requirement).where(
            requirement.c.id == requirement_id, visible(requirement.c.handling_id, reader)
        )
    ).first()
    if row is None:
        raise NotFound(
            _("no requirement {ref} that you may see").format(ref=reference(requirement_id))
        )
    return row


def answered_reference(conn: Connection, text: str, reader: Reader | None = None) -> str:
    """The reference an import records for the requirement it answers, read from ``IR-3``,
    ``ir-3`` or ``3`` and written as coverage matches it (``IR-3``). The requirement must exist,
    and be one the reader may see when a user imports: a reference that names none would answer
    nothing, silently. Raises :class:`InvalidInput` or :class:`NotFound`."""
    requirement_id = parse_reference(text)
    if reader is not None:
        visible_row(conn, reader, requirement_id)
    elif (
        conn.execute(select(requirement.c.id).where(requirement.c.id == requirement_id)).first()
        is None
    ):
        raise NotFound(_("no requirement {ref}").format(ref=reference(requirement_id)))
    return reference(requirement_id)


def create_requirement(
    store: Store, reader: Reader, draft: RequirementDraft, today: date | None = None
) -> Requirement:
    """Record a new, open requirement with its questions; audited."""
    require_producer(reader)
    draft.validate(today or date.today())
    require_readable(reader, draft.handling)
    with db.begin_write(store.engine) as conn:
        hid = store.handling_id(conn, draft.handling)
        new = conn.execute(
            insert(requirement).values(
                title=draft.title.strip(),
                topic=draft.topic.value,
                priority=draft.priority.value,
                region=draft.region.strip(),
                client=draft.client.strip(),
                due_on=draft.due_on.isoformat(),
                status=RequirementStatus.OPEN.value,
                handling_id=hid,
                created_by=reader.name,
                created_at=audit.now(),
            )
        ).inserted_primary_key
        assert new is not None
        rid = int(new[0])
        questions = [q.strip() for q in draft.questions if q.strip()]
        conn.execute(
            insert(requirement_question),
            [{"requirement_id": rid, "position": i, "text": q} for i, q in enumerate(questions, 1)],
        )
        details = {
            "title": draft.title.strip(),
            "topic": draft.topic.value,
            "priority": draft.priority.value,
            "due_on": draft.due_on.isoformat(),
            "questions": len(questions),
            "handling": draft.handling.banner,
        }
        audit.append(conn, reader.name, "requirement.create", reference(rid), details)
        return _requirement(store, conn, visible_row(conn, reader, rid))


def get_requirement(store: Store, reader: Reader, requirement_id: int) -> Requirement:
    """One requirement the reader may see; audited. Planning is the agency's own business:
    partners see none of it."""
    reader.require(Action.READ)
    require_internal(reader)
    with store.engine.connect() as conn:
        found = _requirement(store, conn, visible_row(conn, reader, requirement_id))
    audit.record(store.engine, reader.name, "requirement.read", found.reference, shown=1)
    return found


def list_requirements(
    store: Store, reader: Reader, status: RequirementStatus | None = None
) -> list[Requirement]:
    """The requirements the reader may see, by due date; audited."""
    reader.require(Action.READ)
    require_internal(reader)
    query = (
        select(requirement)
        .where(visible(requirement.c.handling_id, reader))
        .order_by(requirement.c.due_on, requirement.c.id)
    )
    if status is not None:
        query = query.where(requirement.c.status == status.value)
    with store.engine.connect() as conn:
        found = [_requirement(store, conn, row) for row in conn.execute(query)]
    audit.record(
        store.engine,
        reader.name,
        "requirement.read",
        "requirements",
        status=status.value if status else "all",
        shown=len(found),
    )
    return found


def close_requirement(store: Store, reader: Reader, requirement_id: int, reason: str) -> None:
    """Close an open requirement, with the reason; audited."""
    require_producer(reader)
    if len(reason.strip()) < 3:
        raise InvalidInput(_("give the reason for closing the requirement"))
    with db.begin_write(store.engine) as conn:
        row = visible_row(conn, reader, requirement_id)
        check_open(RequirementStatus(row.status), requirement_id)
        conn.execute(
            update(requirement)
            .where(requirement.c.id == requirement_id)
            .values(
                status=RequirementStatus.CLOSED.value,
                closed_by=reader.name,
                closed_at=audit.now(),
                close_reason=reason.strip(),
            )
        )
        audit.append(
            conn,
            reader.name,
            "requirement.close",
            reference(requirement_id),
            {"reason": reason.strip()},
        )


def link_in(conn: Connection, actor: str, requirement_id: int, report_id: int) -> bool:
    """Record that a report answers a requirement, inside the caller's transaction; returns
    whether the link is new."""
    known = conn.execute(
        select(requirement_report.c.report_id).where(
            requirement_report.c.requirement_id == requirement_id,
            requirement_report.c.report_id == report_id,
        )
    ).first()
    if known is not None:
        return False
    conn.execute(
        insert(requirement_report).values(
            requirement_id=requirement_id,
            report_id=report_id,
            linked_by=actor,
            linked_at=audit.now(),
        )
    )
    return True


def link_report(store: Store, reader: Reader, requirement_id: int, report_id: int) -> bool:
    """Record that a report the reader may see answers a requirement they may see; audited.
    Returns whether the link is new."""
    require_producer(reader)
    with db.begin_write(store.engine) as conn:
        visible_row(conn, reader, requirement_id)
        visible_report(conn, reader, report_id)
        added = link_in(conn, reader.name, requirement_id, report_id)
        audit.append(
            conn,
            reader.name,
            "requirement.link",
            reference(requirement_id),
            {"report": report_id, "new": added},
        )
    return added


def handling_of(store: Store, conn: Connection, requirement_id: int) -> Handling:
    """The handling of a requirement (for what is derived from it)."""
    row = conn.execute(
        select(requirement.c.handling_id).where(requirement.c.id == requirement_id)
    ).one()
    return store.handlings(conn, [row.handling_id])[row.handling_id]
