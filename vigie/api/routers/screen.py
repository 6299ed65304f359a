"""Screening: check one person or a batch, list and decide hits, list and revoke clearances,
grant, list and revoke redress records."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from vigie.api.deps import ReaderDep, StoreDep
from vigie.i18n import _
from vigie.model.handling import Handling
from vigie.screen import adjudication, redress
from vigie.screen.batch import subject_from
from vigie.screen.scoring import MATCH, REVIEW, Thresholds
from vigie.screen.service import Screening, screen

router = APIRouter(tags=["screening"])


class TravellerIn(BaseModel):
    """A person to screen: the batch file's fields."""

    id: str = Field(default="query", min_length=1, max_length=200)
    name: str = Field(min_length=1, max_length=500)
    birth_date: str | None = None
    nationality: str | None = None
    sex: str | None = None
    document_number: str | None = None
    birth_place: str | None = None


class ScreenIn(BaseModel):
    """One traveller or many, the handling of their data and the thresholds."""

    travellers: list[TravellerIn] = Field(min_length=1, max_length=10_000)
    marking: str = "PROTECTED B"
    review: float = Field(default=REVIEW, ge=0, le=1)
    match: float = Field(default=MATCH, ge=0, le=1)


class HitOut(BaseModel):
    """A hit: the entry, its score and explanation, and where its review stands."""

    id: int
    entity_id: str
    caption: str
    score: float
    match: bool
    explanation: str
    features: list[dict[str, Any]]
    status: str


class ScreeningOut(BaseModel):
    """One traveller's screening and its hits, best first."""

    id: str
    screening_id: int
    hits: list[HitOut]


class HitRecordOut(BaseModel):
    """A recorded hit with the traveller's data and any decision."""

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
    marking: str


def hit_out(found: adjudication.HitView) -> HitRecordOut:
    """The API form of a recorded hit."""
    fields = {k: v for k, v in found.__dict__.items() if k != "handling"}
    return HitRecordOut(**fields, marking=found.handling.banner)


class DecisionIn(BaseModel):
    """An officer's decision on a hit."""

    decision: adjudication.Decision
    reason: str = Field(min_length=1, max_length=5_000)


class ReasonIn(BaseModel):
    """A reason."""

    reason: str = Field(min_length=1, max_length=5_000)


def _out(result: Screening) -> ScreeningOut:
    hits = []
    for hit in result.hits:
        as_dict = hit.score.to_dict()
        hits.append(
            HitOut(
                id=hit.id,
                entity_id=hit.score.entity_id,
                caption=hit.score.caption,
                score=hit.score.score,
                match=hit.score.match,
                explanation=hit.score.explanation(),
                features=list(as_dict["features"]),  # type: ignore[call-overload]
                status=hit.status,
            )
        )
    return ScreeningOut(id=result.reference, screening_id=result.id, hits=hits)


@router.post("/screen", response_model=list[ScreeningOut])
def screen_travellers(store: StoreDep, reader: ReaderDep, body: ScreenIn) -> list[ScreeningOut]:
    """Screen travellers against the watchlists and lookouts you may see. Every hit is
    recorded and waits for an officer's decision."""
    travellers = [
        subject_from(t.model_dump(exclude_none=True), _("traveller {n}").format(n=n))
        for n, t in enumerate(body.travellers, 1)
    ]
    results = screen(
        store,
        reader,
        travellers,
        Handling.make(body.marking),
        Thresholds(body.review, body.match),
        label="api",
    )
    return [_out(r) for r in results]


@router.get("/screen/hits", response_model=list[HitRecordOut])
def list_hits(
    store: StoreDep,
    reader: ReaderDep,
    status: str = "pending",
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[HitRecordOut]:
    """Screening hits you may see, newest first (``status=all`` for every status)."""
    found = adjudication.list_hits(store, reader, None if status == "all" else status, limit)
    return [hit_out(h) for h in found]


@router.get("/screen/hits/{hit_id}", response_model=HitRecordOut)
def get_hit(store: StoreDep, reader: ReaderDep, hit_id: int) -> HitRecordOut:
    """One hit."""
    return hit_out(adjudication.get_hit(store, reader, hit_id))


@router.post("/screen/hits/{hit_id}/decision", response_model=HitRecordOut)
def decide(store: StoreDep, reader: ReaderDep, hit_id: int, body: DecisionIn) -> HitRecordOut:
    """Record your decision on a pending hit: true match, false positive or refer."""
    found = adjudication.decide(store, reader, hit_id, body.decision, body.reason)
    return hit_out(found)


@router.post("/screen/clearances/{clearance_id}/revocation", status_code=204)
def revoke(store: StoreDep, reader: ReaderDep, clearance_id: int, body: ReasonIn) -> None:
    """Revoke a cleared false positive (supervisors)."""
    adjudication.revoke(store, reader, clearance_id, body.reason)


class ClearanceOut(BaseModel):
    """A traveller cleared against an entry, and any revocation."""

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
    marking: str


def clearance_out(found: adjudication.Clearance) -> ClearanceOut:
    """The API form of a clearance."""
    fields = {k: v for k, v in found.__dict__.items() if k != "handling"}
    return ClearanceOut(**fields, marking=found.handling.banner)


@router.get("/screen/clearances", response_model=list[ClearanceOut])
def list_clearances(
    store: StoreDep, reader: ReaderDep, entity: str | None = None
) -> list[ClearanceOut]:
    """Cleared false positives you may see, newest first, revoked ones included."""
    found = adjudication.list_clearances(store, reader, entity)
    return [clearance_out(c) for c in found]


class RedressIn(BaseModel):
    """A traveller to give a redress record: a document number, or a name with a date of
    birth; against one entry (``entity_id``) or every entry."""

    name: str = Field(min_length=1, max_length=500)
    birth_date: str | None = None
    document_number: str | None = None
    entity_id: str | None = Field(default=None, max_length=255)
    reason: str = Field(min_length=1, max_length=5_000)
    marking: str = "PROTECTED B"


class RedressOut(BaseModel):
    """A redress record."""

    id: int
    subject: dict[str, Any]
    entity_id: str | None
    reason: str
    granted_by: str
    granted_at: str
    revoked_by: str | None
    revoked_at: str | None
    revocation_reason: str | None
    marking: str


def redress_out(found: redress.Redress) -> RedressOut:
    """The API form of a redress record."""
    fields = {k: v for k, v in found.__dict__.items() if k != "handling"}
    return RedressOut(**fields, marking=found.handling.banner)


def redress_subject(body: RedressIn) -> Any:
    """The traveller a redress request names, checked as a batch row is."""
    row = body.model_dump(include={"name", "birth_date", "document_number"}, exclude_none=True)
    return subject_from({"id": "redress", **row}, _("the traveller"))[1]


@router.get("/screen/redress", response_model=list[RedressOut])
def list_redress(store: StoreDep, reader: ReaderDep, entity: str | None = None) -> list[RedressOut]:
    """Redress records you may see, newest first, revoked ones included."""
    return [redress_out(r) for r in redress.list_redress(store, reader, entity)]


@router.post("/screen/redress", response_model=RedressOut, status_code=201)
def grant_redress(store: StoreDep, reader: ReaderDep, body: RedressIn) -> RedressOut:
    """Give a traveller a redress record (supervisors, privacy and audit officers): screening
    no longer raises them against the entry, or any entry; their hits are kept as suppressed."""
    found = redress.grant(
        store,
        reader,
        redress_subject(body),
        body.entity_id or None,
        body.reason,
        Handling.make(body.marking),
    )
    return redress_out(found)


@router.post("/screen/redress/{redress_id}/revocation", status_code=204)
def revoke_redress(store: StoreDep, reader: ReaderDep, redress_id: int, body: ReasonIn) -> None:
    """Revoke a redress record: the traveller may be raised again."""
    redress.revoke(store, reader, redress_id, body.reason)
