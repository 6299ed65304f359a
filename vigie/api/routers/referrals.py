"""Admissibility referrals: the facts a referral may cite, write one, list, read and decide."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from vigie.api.deps import ReaderDep, StoreDep
from vigie.screen import referral
from vigie.screen.grounds import Ground
from vigie.screen.referral import Evidence, NewReferral, Outcome, ReferralView

router = APIRouter(tags=["referrals"])


class GroundIn(BaseModel):
    """A ground the referral names, why, and the statements cited for it."""

    ground: Ground
    basis: str = Field(default="", max_length=5_000)
    evidence: list[str] = Field(min_length=1, max_length=500)


class ReferralIn(BaseModel):
    """A referral about a confirmed hit (``hit_id``) or an entity (``entity_id``)."""

    hit_id: int | None = None
    entity_id: str | None = Field(default=None, min_length=1, max_length=255)
    narrative: str = Field(min_length=1, max_length=20_000)
    grounds: list[GroundIn] = Field(min_length=1, max_length=len(Ground))


class OutcomeIn(BaseModel):
    """An officer's decision on a referral."""

    decision: Outcome
    reason: str = Field(min_length=1, max_length=5_000)


class EvidenceOut(BaseModel):
    """A cited fact with its entity, source, grading and marking."""

    statement_id: str
    entity_id: str
    entity_caption: str
    prop: str
    value: str
    source: str
    grading: str
    marking: str


class GroundOut(BaseModel):
    """A ground with its section of the Act, basis and evidence."""

    ground: Ground
    section: str
    label: str
    basis: str
    evidence: list[EvidenceOut]
    withheld: int


class DecisionOut(BaseModel):
    """An officer's decision."""

    decision: str
    reason: str
    decided_by: str
    decided_at: str


class ReferralOut(BaseModel):
    """A referral; ``grounds`` and ``decisions`` are filled when one referral is read."""

    id: int
    hit_id: int | None
    entity_id: str
    caption: str
    subject: dict[str, Any] | None
    narrative: str
    status: str
    created_by: str
    created_at: str
    marking: str
    ground_codes: list[Ground]
    grounds: list[GroundOut]
    decisions: list[DecisionOut]


class SuggestionOut(BaseModel):
    """A ground a topic of the entity points at."""

    ground: Ground
    section: str
    topic: str


class CandidatesOut(BaseModel):
    """The facts a referral about an entity may cite, and the grounds its topics suggest."""

    entity_id: str
    caption: str
    facts: list[EvidenceOut]
    suggestions: list[SuggestionOut]


def _evidence(item: Evidence) -> EvidenceOut:
    fact = item.fact
    return EvidenceOut(
        statement_id=fact.id,
        entity_id=fact.entity_id,
        entity_caption=item.entity_caption,
        prop=fact.prop,
        value=fact.value,
        source=fact.source,
        grading=fact.grading.code,
        marking=fact.handling.banner,
    )


def referral_out(found: ReferralView) -> ReferralOut:
    """The API form of a referral."""
    return ReferralOut(
        id=found.id,
        hit_id=found.hit_id,
        entity_id=found.entity_id,
        caption=found.caption,
        subject=found.subject,
        narrative=found.narrative,
        status=found.status,
        created_by=found.created_by,
        created_at=found.created_at,
        marking=found.handling.banner,
        ground_codes=list(found.ground_codes),
        grounds=[
            GroundOut(
                ground=g.ground,
                section=g.ground.section,
                label=g.ground.label,
                basis=g.basis,
                evidence=[_evidence(e) for e in g.evidence],
                withheld=g.withheld,
            )
            for g in found.grounds
        ],
        decisions=[DecisionOut(**d.__dict__) for d in found.decisions],
    )


def new_referral(body: ReferralIn) -> NewReferral:
    """The referral to write from a request's body."""
    return NewReferral(
        body.narrative,
        {g.ground: g.basis for g in body.grounds},
        [(g.ground, s) for g in body.grounds for s in g.evidence],
        hit_id=body.hit_id,
        entity_id=body.entity_id,
    )


@router.get("/screen/referrals", response_model=list[ReferralOut])
def list_referrals(
    store: StoreDep,
    reader: ReaderDep,
    status: str = "all",
    ground: Ground | None = None,
    entity: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[ReferralOut]:
    """Referrals you may see, newest first, by status (open, inadmissible, admissible,
    further-information or all), ground or entity."""
    found = referral.list_referrals(
        store, reader, None if status == "all" else status, ground, entity, limit
    )
    return [referral_out(r) for r in found]


@router.get("/screen/referrals/evidence/{entity_id}", response_model=CandidatesOut)
def evidence(store: StoreDep, reader: ReaderDep, entity_id: str) -> CandidatesOut:
    """The facts you may see that a referral about this entity may cite (its own and those of
    the entities linked to it), and the grounds its topics suggest."""
    found = referral.candidates(store, reader, entity_id)
    return CandidatesOut(
        entity_id=found.entity.id,
        caption=found.entity.caption,
        facts=[_evidence(e) for e in found.facts],
        suggestions=[
            SuggestionOut(ground=s.ground, section=s.ground.section, topic=s.topic)
            for s in found.suggestions
        ],
    )


@router.post("/screen/referrals", response_model=ReferralOut, status_code=201)
def create(store: StoreDep, reader: ReaderDep, body: ReferralIn) -> ReferralOut:
    """Refer a confirmed match or an entity for an admissibility decision, naming the grounds
    and citing facts for each. Nothing is decided: the referral waits for an officer."""
    return referral_out(referral.create(store, reader, new_referral(body)))


@router.get("/screen/referrals/{referral_id}", response_model=ReferralOut)
def get(store: StoreDep, reader: ReaderDep, referral_id: int) -> ReferralOut:
    """One referral with its grounds, evidence and decisions."""
    return referral_out(referral.get(store, reader, referral_id))


@router.post("/screen/referrals/{referral_id}/decision", response_model=ReferralOut)
def decide(store: StoreDep, reader: ReaderDep, referral_id: int, body: OutcomeIn) -> ReferralOut:
    """Record your admissibility decision (officers and supervisors), with its reason."""
    return referral_out(referral.decide(store, reader, referral_id, body.decision, body.reason))
