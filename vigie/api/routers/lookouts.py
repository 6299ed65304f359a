"""Lookouts: request, list, read, decide, withdraw."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from vigie.api.deps import ReaderDep, StoreDep
from vigie.collect import lookouts
from vigie.model.grading import Grading
from vigie.model.handling import Handling
from vigie.model.lookout import Category, Decision, Lookout, LookoutRequest, Status

router = APIRouter(tags=["lookouts"])


class LookoutIn(BaseModel):
    """A lookout request. A field the model does not know is refused: misspelt, it would
    otherwise be dropped with what it held."""

    model_config = ConfigDict(extra="forbid")

    subject_name: str = Field(min_length=1, max_length=500)
    category: Category
    narrative: str = Field(min_length=10, max_length=20_000)
    requesting_unit: str = Field(min_length=1, max_length=200)
    expires_on: date
    subject_entity_id: str | None = None
    subject_birth_date: date | None = None
    subject_nationality: str | None = Field(default=None, max_length=8)
    subject_document: str | None = Field(default=None, max_length=64)
    marking: str = "PROTECTED B"
    caveats: list[str] = []
    releasable_to: list[str] = []
    compartments: list[str] = []
    reliability: str = "B"
    credibility: str = "2"

    def to_request(self) -> LookoutRequest:
        """The domain request this body stands for."""
        return LookoutRequest(
            subject_name=self.subject_name,
            category=self.category,
            narrative=self.narrative,
            requesting_unit=self.requesting_unit,
            expires_on=self.expires_on,
            handling=Handling.make(
                self.marking, self.caveats, self.releasable_to, self.compartments
            ),
            grading=Grading.make(self.reliability, self.credibility),
            subject_entity_id=self.subject_entity_id,
            subject_birth_date=self.subject_birth_date,
            subject_nationality=self.subject_nationality,
            subject_document=self.subject_document,
        )


class DecisionIn(BaseModel):
    """A supervisor's decision."""

    decision: Decision
    reason: str = Field(min_length=3, max_length=5_000)


class ReasonIn(BaseModel):
    """Why a lookout is withdrawn."""

    reason: str = Field(min_length=3, max_length=5_000)


class LookoutOut(BaseModel):
    """A lookout as the reader may see it."""

    id: int
    status: Status
    in_effect: bool
    subject_name: str
    subject_entity_id: str | None
    subject_birth_date: date | None
    subject_nationality: str | None
    subject_document: str | None
    category: Category
    narrative: str
    requesting_unit: str
    expires_on: date
    handling: dict[str, Any]
    grading: str
    created_by: str
    created_at: str
    decided_by: str | None
    decided_at: str | None
    decision_reason: str | None
    withdrawn_by: str | None
    withdrawn_at: str | None
    withdrawal_reason: str | None


def lookout_out(found: Lookout) -> LookoutOut:
    """The API form of a lookout."""
    request = found.request
    return LookoutOut(
        id=found.id,
        status=found.status,
        in_effect=found.in_effect(date.today()),
        subject_name=request.subject_name,
        subject_entity_id=request.subject_entity_id,
        subject_birth_date=request.subject_birth_date,
        subject_nationality=request.subject_nationality,
        subject_document=request.subject_document,
        category=request.category,
        narrative=request.narrative,
        requesting_unit=request.requesting_unit,
        expires_on=request.expires_on,
        handling=request.handling.to_dict(),
        grading=request.grading.code,
        created_by=found.created_by,
        created_at=found.created_at,
        decided_by=found.decided_by,
        decided_at=found.decided_at,
        decision_reason=found.decision_reason,
        withdrawn_by=found.withdrawn_by,
        withdrawn_at=found.withdrawn_at,
        withdrawal_reason=found.withdrawal_reason,
    )


@router.get("/lookouts", response_model=list[LookoutOut])
def list_lookouts(
    store: StoreDep,
    reader: ReaderDep,
    status: Status | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[LookoutOut]:
    """The lookouts you may see, newest first."""
    return [lookout_out(lk) for lk in lookouts.list_lookouts(store, reader, status, limit)]


@router.get("/lookouts/{lookout_id}", response_model=LookoutOut)
def get_lookout(store: StoreDep, reader: ReaderDep, lookout_id: int) -> LookoutOut:
    """One lookout."""
    return lookout_out(lookouts.get_lookout(store, reader, lookout_id))


@router.post("/lookouts", response_model=LookoutOut, status_code=201)
def request_lookout(store: StoreDep, reader: ReaderDep, body: LookoutIn) -> LookoutOut:
    """Request a lookout; it takes effect once a supervisor approves it."""
    return lookout_out(lookouts.request_lookout(store, reader, body.to_request()))


@router.post("/lookouts/{lookout_id}/decision", response_model=LookoutOut)
def decide(store: StoreDep, reader: ReaderDep, lookout_id: int, body: DecisionIn) -> LookoutOut:
    """Approve or reject a pending lookout (supervisors; not your own request)."""
    return lookout_out(lookouts.decide(store, reader, lookout_id, body.decision, body.reason))


@router.post("/lookouts/{lookout_id}/withdrawal", response_model=LookoutOut)
def withdraw(store: StoreDep, reader: ReaderDep, lookout_id: int, body: ReasonIn) -> LookoutOut:
    """Withdraw a pending or approved lookout (its requester or a supervisor)."""
    return lookout_out(lookouts.withdraw(store, reader, lookout_id, body.reason))
