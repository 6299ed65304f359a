"""Collection tasks: issued to a unit or post against a requirement's question, answered by a
collection report, or cancelled; each step audited, each read filtered by the task's handling."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from vigie.cycle.access import require_internal, require_producer, visible, visible_report
from vigie.cycle.requirements import link_in, visible_row
from vigie.errors import InvalidInput, NotFound
from vigie.i18n import _
from vigie.model.requirement import (
    RequirementStatus,
    TaskDraft,
    TaskStatus,
    answer_status,
    cancel_status,
    check_open,
    overdue,
    reference,
)
from vigie.policy import audit
from vigie.policy.reader import Action, Reader
from vigie.policy.rules import require_readable
from vigie.store import db
from vigie.store.store import Store
from vigie.store.tables import requirement_question, task


@dataclass(frozen=True)
class Task:
    """A stored collection task."""

    id: int
    draft: TaskDraft
    status: TaskStatus
    created_by: str
    created_at: str
    report_id: int | None
    closed_by: str | None
    closed_at: str | None
    close_reason: str | None

    def overdue(self, today: date) -> bool:
        """Whether the task is still issued past its deadline."""
        return overdue(self.draft.due_on, self.status is not TaskStatus.ISSUED, today)


def _task(store: Store, conn: Connection, row: Row[Any]) -> Task:
    handling = store.handlings(conn, [row.handling_id])[row.handling_id]
    draft = TaskDraft(
        requirement_id=row.requirement_id,
        unit=row.unit,
        instructions=row.instructions,
        due_on=date.fromisoformat(row.due_on),
        handling=handling,
        question_id=row.question_id,
    )
    return Task(
        row.id,
        draft,
        TaskStatus(row.status),
        row.created_by,
        row.created_at,
        row.report_id,
        row.closed_by,
        row.closed_at,
        row.close_reason,
    )


def _visible_task(conn: Connection, reader: Reader, task_id: int) -> Row[Any]:
    row = conn.execute(
        select(task).where(task.c.id == task_id, visible(task.c.handling_id, reader))
    ).first()
    if row is None:
        raise NotFound(_("no task {id} that you may see").format(id=task_id))
    return row


def issue_task(store: Store, reader: Reader, draft: TaskDraft, today: date | None = None) -> Task:
    """Issue a task against an open requirement the reader may see; audited."""
    require_producer(reader)
    draft.validate(today or date.today())
    require_readable(reader, draft.handling)
    with db.begin_write(store.engine) as conn:
        parent = visible_row(conn, reader, draft.requirement_id)
        check_open(RequirementStatus(parent.status), draft.requirement_id)
        if draft.question_id is not None:
            question = conn.execute(
                select(requirement_question.c.id).where(
                    requirement_question.c.id == draft.question_id,
                    requirement_question.c.requirement_id == draft.requirement_id,
                )
            ).first()
            if question is None:
                raise InvalidInput(
                    _("question {id} is not a question of requirement {ref}").format(
                        id=draft.question_id, ref=reference(draft.requirement_id)
                    )
                )
        new = conn.execute(
            insert(task).values(
                requirement_id=draft.requirement_id,
                question_id=draft.question_id,
                unit=draft.unit.strip(),
                instructions=draft.instructions.strip(),
                due_on=draft.due_on.isoformat(),
                status=TaskStatus.ISSUED.value,
                handling_id=store.handling_id(conn, draft.handling),
                created_by=reader.name,
                created_at=audit.now(),
            )
        ).inserted_primary_key
        assert new is not None
        task_id = int(new[0])
        details = {
            "requirement": reference(draft.requirement_id),
            "question": draft.question_id,
            "unit": draft.unit.strip(),
            "due_on": draft.due_on.isoformat(),
        }
        audit.append(conn, reader.name, "task.issue", f"task:{task_id}", details)
        return _task(store, conn, _visible_task(conn, reader, task_id))


def get_task(store: Store, reader: Reader, task_id: int) -> Task:
    """One task the reader may see; audited."""
    reader.require(Action.READ)
    require_internal(reader)
    with store.engine.connect() as conn:
        found = _task(store, conn, _visible_task(conn, reader, task_id))
    audit.record(store.engine, reader.name, "task.read", f"task:{task_id}", shown=1)
    return found


def list_tasks(store: Store, reader: Reader, requirement_id: int | None = None) -> list[Task]:
    """The tasks the reader may see (of one requirement, or all), by deadline; audited."""
    reader.require(Action.READ)
    require_internal(reader)
    query = (
        select(task).where(visible(task.c.handling_id, reader)).order_by(task.c.due_on, task.c.id)
    )
    if requirement_id is not None:
        query = query.where(task.c.requirement_id == requirement_id)
    with store.engine.connect() as conn:
        found = [_task(store, conn, row) for row in conn.execute(query)]
    target = reference(requirement_id) if requirement_id is not None else "tasks"
    audit.record(store.engine, reader.name, "task.read", target, shown=len(found))
    return found


def answer_task(store: Store, reader: Reader, task_id: int, report_id: int) -> Task:
    """Record the collection report that answers a task; the report then answers the task's
    requirement too. Anyone who may import may answer, with a report they may see."""
    reader.require(Action.IMPORT)
    with db.begin_write(store.engine) as conn:
        found = _task(store, conn, _visible_task(conn, reader, task_id))
        status = answer_status(found.status, task_id)
        visible_report(conn, reader, report_id)
        conn.execute(
            update(task)
            .where(task.c.id == task_id)
            .values(
                status=status.value,
                report_id=report_id,
                closed_by=reader.name,
                closed_at=audit.now(),
            )
        )
        link_in(conn, reader.name, found.draft.requirement_id, report_id)
        details = {"report": report_id, "requirement": reference(found.draft.requirement_id)}
        audit.append(conn, reader.name, "task.answer", f"task:{task_id}", details)
        return _task(store, conn, _visible_task(conn, reader, task_id))


def cancel_task(store: Store, reader: Reader, task_id: int, reason: str) -> Task:
    """Cancel an issued task, with the reason (its issuer or a supervisor); audited."""
    require_producer(reader)
    with db.begin_write(store.engine) as conn:
        found = _task(store, conn, _visible_task(conn, reader, task_id))
        status = cancel_status(
            found.status,
            task_id,
            found.created_by,
            reader.name,
            reader.may(Action.APPROVE),
            reason,
        )
        conn.execute(
            update(task)
            .where(task.c.id == task_id)
            .values(
                status=status.value,
                closed_by=reader.name,
                closed_at=audit.now(),
                close_reason=reason.strip(),
            )
        )
        audit.append(conn, reader.name, "task.cancel", f"task:{task_id}", {"reason": reason})
        return _task(store, conn, _visible_task(conn, reader, task_id))
