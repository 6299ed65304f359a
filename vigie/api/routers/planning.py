"""Planning: requirements and their questions, collection tasks, coverage."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from vigie.api.deps import ReaderDep, StoreDep
from vigie.cycle import coverage, requirements, tasks
from vigie.cycle.coverage import Coverage
from vigie.cycle.requirements import Requirement
from vigie.cycle.tasks import Task
from vigie.model.handling import Handling
from vigie.model.requirement import (
    Priority,
    RequirementDraft,
    RequirementStatus,
    TaskDraft,
    TaskStatus,
    Topic,
)

router = APIRouter(tags=["planning"])


class HandlingIn(BaseModel):
    """The handling fields every cycle record carries."""

    marking: str = "PROTECTED A"
    caveats: list[str] = []
    releasable_to: list[str] = []
    compartments: list[str] = []

    def handling(self) -> Handling:
        """The handling these fields stand for."""
        return Handling.make(self.marking, self.caveats, self.releasable_to, self.compartments)


class RequirementIn(HandlingIn):
    """A new intelligence requirement."""

    title: str = Field(min_length=5, max_length=500)
    topic: Topic
    priority: Priority
    region: str = Field(min_length=1, max_length=200)
    client: str = Field(min_length=1, max_length=200)
    due_on: date
    questions: list[str] = Field(min_length=1)

    def to_draft(self) -> RequirementDraft:
        """The domain draft this body stands for."""
        return RequirementDraft(
            self.title,
            self.topic,
            self.priority,
            self.region,
            self.client,
            self.due_on,
            self.handling(),
            tuple(self.questions),
        )


class TaskIn(HandlingIn):
    """A collection task against a requirement."""

    unit: str = Field(min_length=1, max_length=200)
    instructions: str = Field(min_length=10, max_length=20_000)
    due_on: date
    question_id: int | None = None

    def to_draft(self, requirement_id: int) -> TaskDraft:
        """The domain draft this body stands for."""
        return TaskDraft(
            requirement_id,
            self.unit,
            self.instructions,
            self.due_on,
            self.handling(),
            self.question_id,
        )


class ReportIn(BaseModel):
    """A collection report, by its number."""

    report_id: int = Field(ge=1)


class ReasonIn(BaseModel):
    """Why."""

    reason: str = Field(min_length=3, max_length=5_000)


class QuestionOut(BaseModel):
    """One question of a requirement."""

    id: int
    position: int
    text: str


class RequirementOut(BaseModel):
    """A requirement as the reader may see it."""

    id: int
    reference: str
    title: str
    topic: Topic
    priority: Priority
    region: str
    client: str
    due_on: date
    status: RequirementStatus
    overdue: bool
    handling: dict[str, Any]
    questions: list[QuestionOut]
    created_by: str
    created_at: str
    closed_by: str | None
    close_reason: str | None


class TaskOut(BaseModel):
    """A collection task as the reader may see it."""

    id: int
    requirement_id: int
    question_id: int | None
    unit: str
    instructions: str
    due_on: date
    status: TaskStatus
    overdue: bool
    report_id: int | None
    handling: dict[str, Any]
    created_by: str
    created_at: str
    closed_by: str | None
    close_reason: str | None


class ReportOut(BaseModel):
    """A collection report answering a requirement."""

    id: int
    source: str
    kind: str
    file_name: str
    created_at: str
    grading: str
    handling: dict[str, Any]


class CoverageOut(BaseModel):
    """How far a requirement is answered, as the reader may see it."""

    requirement: RequirementOut
    reports: list[ReportOut]
    tasks: list[TaskOut]
    gaps: list[QuestionOut]
    overdue_tasks: list[int]
    overdue: bool
    products: list[int]
    feedback: dict[str, int]


def requirement_out(found: Requirement, today: date | None = None) -> RequirementOut:
    """The API form of a requirement."""
    draft = found.draft
    return RequirementOut(
        id=found.id,
        reference=found.reference,
        title=draft.title,
        topic=draft.topic,
        priority=draft.priority,
        region=draft.region,
        client=draft.client,
        due_on=draft.due_on,
        status=found.status,
        overdue=found.overdue(today or date.today()),
        handling=draft.handling.to_dict(),
        questions=[QuestionOut(id=q.id, position=q.position, text=q.text) for q in found.questions],
        created_by=found.created_by,
        created_at=found.created_at,
        closed_by=found.closed_by,
        close_reason=found.close_reason,
    )


def task_out(found: Task, today: date | None = None) -> TaskOut:
    """The API form of a task."""
    draft = found.draft
    return TaskOut(
        id=found.id,
        requirement_id=draft.requirement_id,
        question_id=draft.question_id,
        unit=draft.unit,
        instructions=draft.instructions,
        due_on=draft.due_on,
        status=found.status,
        overdue=found.overdue(today or date.today()),
        report_id=found.report_id,
        handling=draft.handling.to_dict(),
        created_by=found.created_by,
        created_at=found.created_at,
        closed_by=found.closed_by,
        close_reason=found.close_reason,
    )


def coverage_out(found: Coverage) -> CoverageOut:
    """The API form of a requirement's coverage."""
    return CoverageOut(
        requirement=requirement_out(found.requirement),
        reports=[
            ReportOut(
                id=r.id,
                source=r.source,
                kind=r.kind,
                file_name=r.file_name,
                created_at=r.created_at,
                grading=r.grading.code,
                handling=r.handling.to_dict(),
            )
            for r in found.reports
        ],
        tasks=[task_out(t) for t in found.tasks],
        gaps=[QuestionOut(id=q.id, position=q.position, text=q.text) for q in found.gaps],
        overdue_tasks=[t.id for t in found.overdue_tasks],
        overdue=found.overdue,
        products=[p[0] for p in found.products],
        feedback=found.feedback,
    )


@router.get("/requirements", response_model=list[RequirementOut])
def list_requirements(
    store: StoreDep, reader: ReaderDep, status: RequirementStatus | None = None
) -> list[RequirementOut]:
    """The requirements you may see, by due date."""
    return [requirement_out(r) for r in requirements.list_requirements(store, reader, status)]


@router.post("/requirements", response_model=RequirementOut, status_code=201)
def create_requirement(store: StoreDep, reader: ReaderDep, body: RequirementIn) -> RequirementOut:
    """Record a requirement with its questions."""
    return requirement_out(requirements.create_requirement(store, reader, body.to_draft()))


@router.get("/requirements/{requirement_id}", response_model=RequirementOut)
def get_requirement(store: StoreDep, reader: ReaderDep, requirement_id: int) -> RequirementOut:
    """One requirement."""
    return requirement_out(requirements.get_requirement(store, reader, requirement_id))


@router.post("/requirements/{requirement_id}/closure", status_code=204)
def close_requirement(
    store: StoreDep, reader: ReaderDep, requirement_id: int, body: ReasonIn
) -> None:
    """Close an open requirement."""
    requirements.close_requirement(store, reader, requirement_id, body.reason)


@router.post("/requirements/{requirement_id}/reports", status_code=204)
def link_report(store: StoreDep, reader: ReaderDep, requirement_id: int, body: ReportIn) -> None:
    """Record that a collection report answers the requirement."""
    requirements.link_report(store, reader, requirement_id, body.report_id)


@router.post("/requirements/{requirement_id}/tasks", response_model=TaskOut, status_code=201)
def issue_task(store: StoreDep, reader: ReaderDep, requirement_id: int, body: TaskIn) -> TaskOut:
    """Issue a collection task against the requirement."""
    return task_out(tasks.issue_task(store, reader, body.to_draft(requirement_id)))


@router.get("/tasks", response_model=list[TaskOut])
def list_tasks(
    store: StoreDep, reader: ReaderDep, requirement_id: int | None = None
) -> list[TaskOut]:
    """The tasks you may see, by deadline."""
    return [task_out(t) for t in tasks.list_tasks(store, reader, requirement_id)]


@router.get("/tasks/{task_id}", response_model=TaskOut)
def get_task(store: StoreDep, reader: ReaderDep, task_id: int) -> TaskOut:
    """One task."""
    return task_out(tasks.get_task(store, reader, task_id))


@router.post("/tasks/{task_id}/answer", response_model=TaskOut)
def answer_task(store: StoreDep, reader: ReaderDep, task_id: int, body: ReportIn) -> TaskOut:
    """Record the collection report that answers the task."""
    return task_out(tasks.answer_task(store, reader, task_id, body.report_id))


@router.post("/tasks/{task_id}/cancellation", response_model=TaskOut)
def cancel_task(store: StoreDep, reader: ReaderDep, task_id: int, body: ReasonIn) -> TaskOut:
    """Cancel an issued task."""
    return task_out(tasks.cancel_task(store, reader, task_id, body.reason))


@router.get("/coverage", response_model=list[CoverageOut])
def get_coverage(
    store: StoreDep, reader: ReaderDep, requirement_id: int | None = None
) -> list[CoverageOut]:
    """Per requirement: the reports that answer it, the gaps, what is overdue, the products
    and their feedback."""
    return [coverage_out(c) for c in coverage.coverage(store, reader, requirement_id)]
