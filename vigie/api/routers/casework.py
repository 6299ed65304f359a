"""Watches and notifications, case files, and requests for case support."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from vigie.api.deps import ReaderDep, StoreDep
from vigie.api.routers.planning import HandlingIn
from vigie.cycle import cases, support, watches
from vigie.cycle.cases import Case
from vigie.cycle.support import SupportRequest
from vigie.cycle.watches import Notification, Watch
from vigie.model.case import ItemKind, SupportStatus
from vigie.model.watch import WatchKind

router = APIRouter(tags=["casework"])


class WatchIn(BaseModel):
    """What to watch: an entity id, or a search query."""

    kind: WatchKind
    target: str = Field(min_length=1, max_length=500)


class WatchOut(BaseModel):
    """A watch."""

    id: int
    kind: WatchKind
    target: str
    created_at: str


class NotificationOut(BaseModel):
    """New facts about an entity, from one collection report."""

    id: int
    watch_id: int
    entity_id: str
    caption: str
    report_id: int
    facts: int
    created_at: str
    seen_at: str | None


class CaseIn(BaseModel):
    """A new case file, under one of your compartments."""

    title: str = Field(min_length=5, max_length=500)
    compartment: str = Field(min_length=1, max_length=64)
    marking: str = "PROTECTED B"
    caveats: list[str] = []


class ItemIn(BaseModel):
    """An item for a case's timeline."""

    kind: ItemKind
    ref: str = Field(default="", max_length=255)
    note: str = Field(default="", max_length=20_000)


class ItemOut(BaseModel):
    """One entry of a case's timeline."""

    id: int
    kind: ItemKind
    ref: str | None
    note: str
    added_by: str
    added_at: str


class CaseOut(BaseModel):
    """A case file and its timeline."""

    id: int
    title: str
    compartment: str
    handling: dict[str, Any]
    created_by: str
    created_at: str
    items: list[ItemOut]


class SupportIn(HandlingIn):
    """A request for case support."""

    question: str = Field(min_length=10, max_length=20_000)
    entity_id: str | None = Field(default=None, max_length=255)


class AssignIn(BaseModel):
    """Who answers a request."""

    assignee: str = Field(min_length=1, max_length=100)


class AnswerIn(HandlingIn):
    """The answer to a request, marked so that its requester may read it."""

    answer: str = Field(min_length=3, max_length=20_000)


class SupportOut(BaseModel):
    """A request for case support as you may see it."""

    id: int
    requester: str
    question: str
    entity_id: str | None
    handling: dict[str, Any]
    status: SupportStatus
    created_at: str
    assigned_to: str | None
    answer: str | None
    answer_handling: dict[str, Any] | None
    answered_by: str | None
    answered_at: str | None


def watch_out(found: Watch) -> WatchOut:
    """The API form of a watch."""
    return WatchOut(id=found.id, kind=found.kind, target=found.target, created_at=found.created_at)


def notification_out(found: Notification) -> NotificationOut:
    """The API form of a notification."""
    return NotificationOut(**found.__dict__)


def case_out(found: Case) -> CaseOut:
    """The API form of a case file."""
    return CaseOut(
        id=found.id,
        title=found.title,
        compartment=found.compartment,
        handling=found.handling.to_dict(),
        created_by=found.created_by,
        created_at=found.created_at,
        items=[ItemOut(**i.__dict__) for i in found.items],
    )


def support_out(found: SupportRequest) -> SupportOut:
    """The API form of a request for case support."""
    return SupportOut(
        id=found.id,
        requester=found.requester,
        question=found.question,
        entity_id=found.entity_id,
        handling=found.handling.to_dict(),
        status=found.status,
        created_at=found.created_at,
        assigned_to=found.assigned_to,
        answer=found.answer,
        answer_handling=found.answer_handling.to_dict() if found.answer_handling else None,
        answered_by=found.answered_by,
        answered_at=found.answered_at,
    )


@router.get("/watches", response_model=list[WatchOut])
def list_watches(store: StoreDep, reader: ReaderDep) -> list[WatchOut]:
    """Your watches."""
    return [watch_out(w) for w in watches.list_watches(store, reader)]


@router.post("/watches", response_model=WatchOut, status_code=201)
def add_watch(store: StoreDep, reader: ReaderDep, body: WatchIn) -> WatchOut:
    """Watch an entity or a search: new facts that match raise notifications."""
    return watch_out(watches.add_watch(store, reader, body.kind, body.target))


@router.delete("/watches/{watch_id}", status_code=204)
def remove_watch(store: StoreDep, reader: ReaderDep, watch_id: int) -> None:
    """Stop a watch."""
    watches.remove_watch(store, reader, watch_id)


@router.get("/notifications", response_model=list[NotificationOut])
def list_notifications(store: StoreDep, reader: ReaderDep) -> list[NotificationOut]:
    """Your notifications, newest first (your watches are checked first)."""
    return [notification_out(n) for n in watches.notifications(store, reader)]


@router.get("/cases", response_model=list[CaseOut])
def list_cases(store: StoreDep, reader: ReaderDep) -> list[CaseOut]:
    """The case files of your compartments."""
    return [case_out(c) for c in cases.list_cases(store, reader)]


@router.post("/cases", response_model=CaseOut, status_code=201)
def open_case(store: StoreDep, reader: ReaderDep, body: CaseIn) -> CaseOut:
    """Open a case file under one of your compartments."""
    return case_out(
        cases.open_case(
            store, reader, body.title, body.compartment, body.marking, tuple(body.caveats)
        )
    )


@router.get("/cases/{case_id}", response_model=CaseOut)
def read_case(store: StoreDep, reader: ReaderDep, case_id: int) -> CaseOut:
    """A case file and its timeline."""
    return case_out(cases.read_case(store, reader, case_id))


@router.post("/cases/{case_id}/items", response_model=CaseOut, status_code=201)
def add_item(store: StoreDep, reader: ReaderDep, case_id: int, body: ItemIn) -> CaseOut:
    """Add an item to a case's timeline."""
    return case_out(cases.add_item(store, reader, case_id, body.kind, body.ref, body.note))


@router.get("/support", response_model=list[SupportOut])
def list_support(store: StoreDep, reader: ReaderDep) -> list[SupportOut]:
    """The HQ queue (analysts, supervisors) or your own requests."""
    return [support_out(r) for r in support.list_requests(store, reader)]


@router.post("/support", response_model=SupportOut, status_code=201)
def request_support(store: StoreDep, reader: ReaderDep, body: SupportIn) -> SupportOut:
    """Ask HQ for case support."""
    return support_out(
        support.request_support(store, reader, body.question, body.handling(), body.entity_id)
    )


@router.get("/support/{request_id}", response_model=SupportOut)
def read_support(store: StoreDep, reader: ReaderDep, request_id: int) -> SupportOut:
    """One request, with its answer if you may read it."""
    return support_out(support.read_request(store, reader, request_id))


@router.post("/support/{request_id}/assignment", response_model=SupportOut)
def assign(store: StoreDep, reader: ReaderDep, request_id: int, body: AssignIn) -> SupportOut:
    """Assign a request to an analyst or supervisor."""
    return support_out(support.assign(store, reader, request_id, body.assignee))


@router.post("/support/{request_id}/answer", response_model=SupportOut)
def answer(store: StoreDep, reader: ReaderDep, request_id: int, body: AnswerIn) -> SupportOut:
    """Answer an assigned request."""
    return support_out(support.answer(store, reader, request_id, body.answer, body.handling()))
