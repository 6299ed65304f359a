"""Coverage: per requirement, the reports that answer it, the questions still unanswered (the
gaps), what is overdue, the products that answer it and what their recipients said.

Built only from what the reader may see: a report, task, product or feedback the reader may not
see is not counted, so the view never hints at what it hides.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, or_, select

from vigie.cycle.access import visible
from vigie.cycle.requirements import Question, Requirement, list_requirements
from vigie.cycle.tasks import Task, list_tasks
from vigie.errors import NotFound
from vigie.i18n import _
from vigie.model.grading import Credibility, Grading, Reliability
from vigie.model.handling import Handling
from vigie.model.requirement import TaskStatus, reference
from vigie.policy import audit
from vigie.policy.reader import Reader
from vigie.store.store import Store
from vigie.store.tables import feedback, product, report, requirement_report


@dataclass(frozen=True)
class AnsweringReport:
    """A collection report that answers a requirement."""

    id: int
    source: str
    kind: str
    file_name: str
    created_at: str
    grading: Grading
    handling: Handling
    entities: int


@dataclass(frozen=True)
class Coverage:
    """How far one requirement is answered, as one reader may see it."""

    requirement: Requirement
    reports: list[AnsweringReport]
    tasks: list[Task]
    gaps: list[Question]
    overdue_tasks: list[Task]
    overdue: bool
    products: list[tuple[int, str]]
    feedback: dict[str, int] = field(default_factory=dict)


def answering_reports(
    store: Store, conn: Connection, reader: Reader, requirement_id: int
) -> list[AnsweringReport]:
    """The reports the reader may see that answer a requirement: named at import, or linked."""
    linked = select(requirement_report.c.report_id).where(
        requirement_report.c.requirement_id == requirement_id
    )
    query = (
        select(report)
        .where(
            or_(report.c.requirement == reference(requirement_id), report.c.id.in_(linked)),
            visible(report.c.handling_id, reader),
        )
        .order_by(report.c.id)
    )
    rows = list(conn.execute(query))
    handlings = store.handlings(conn, {r.handling_id for r in rows})
    return [
        AnsweringReport(
            r.id,
            r.source,
            r.kind,
            r.file_name,
            r.created_at,
            Grading(Reliability(r.reliability), Credibility(r.credibility)),
            handlings[r.handling_id],
            r.entities,
        )
        for r in rows
    ]


def _gaps(found: Requirement, tasks: list[Task]) -> list[Question]:
    answered = {
        t.draft.question_id
        for t in tasks
        if t.status is TaskStatus.ANSWERED and t.draft.question_id is not None
    }
    return [q for q in found.questions if q.id not in answered]


def coverage(
    store: Store, reader: Reader, requirement_id: int | None = None, today: date | None = None
) -> list[Coverage]:
    """The coverage of every requirement the reader may see (or of one); audited."""
    today = today or date.today()
    requirements = [
        r
        for r in list_requirements(store, reader)
        if requirement_id is None or r.id == requirement_id
    ]
    if requirement_id is not None and not requirements:
        raise NotFound(
            _("no requirement {ref} that you may see").format(ref=reference(requirement_id))
        )
    tasks = list_tasks(store, reader, requirement_id)
    result = []
    with store.engine.connect() as conn:
        for found in requirements:
            own = [t for t in tasks if t.draft.requirement_id == found.id]
            products = conn.execute(
                select(product.c.id, product.c.title)
                .where(product.c.requirement_id == found.id, visible(product.c.handling_id, reader))
                .order_by(product.c.id)
            )
            ratings = conn.execute(
                select(feedback.c.rating).where(
                    feedback.c.requirement_id == found.id, visible(feedback.c.handling_id, reader)
                )
            )
            result.append(
                Coverage(
                    requirement=found,
                    reports=answering_reports(store, conn, reader, found.id),
                    tasks=own,
                    gaps=_gaps(found, own),
                    overdue_tasks=[t for t in own if t.overdue(today)],
                    overdue=found.overdue(today),
                    products=[(p.id, p.title) for p in products],
                    feedback=dict(Counter(r.rating for r in ratings)),
                )
            )
    audit.record(
        store.engine,
        reader.name,
        "coverage.read",
        reference(requirement_id) if requirement_id is not None else "requirements",
        shown=len(result),
    )
    return result
