"""Entity resolution: run, review queue, pair explanations, judgements, clusters."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from vigie.api.deps import ReaderDep, SettingsDep, StoreDep
from vigie.resolve import service
from vigie.resolve.cluster import Verdict
from vigie.resolve.explain import waterfall_svg

router = APIRouter(tags=["resolve"])


class RunIn(BaseModel):
    """How to run resolution."""

    incremental: bool = False
    engine: str | None = None


class JudgementIn(BaseModel):
    """An analyst's judgement of a pair."""

    left_id: str = Field(min_length=1, max_length=255)
    right_id: str = Field(min_length=1, max_length=255)
    verdict: Verdict
    reason: str = Field(min_length=3, max_length=5_000)


class RetractIn(BaseModel):
    """Why a judgement is withdrawn."""

    left_id: str = Field(min_length=1, max_length=255)
    right_id: str = Field(min_length=1, max_length=255)
    reason: str = Field(min_length=3, max_length=5_000)


@router.post("/resolve/run")
def run(body: RunIn, store: StoreDep, reader: ReaderDep, settings: SettingsDep) -> dict[str, Any]:
    """Resolve every person record the user may see (or only the new ones)."""
    engine = body.engine or settings.engine
    return service.run(store, reader, engine, incremental=body.incremental).to_dict()


@router.get("/resolve/queue")
def queue(
    store: StoreDep, reader: ReaderDep, limit: Annotated[int, Query(ge=1, le=500)] = 50
) -> list[dict[str, Any]]:
    """Uncertain pairs waiting for an analyst, most likely first."""
    return [item.to_dict() for item in service.queue(store, reader, limit)]


@router.get("/resolve/pair")
def pair(
    left: str, right: str, store: StoreDep, reader: ReaderDep, settings: SettingsDep
) -> dict[str, Any]:
    """Two records side by side with each comparison's match weight and the judgement."""
    found = service.pair(store, reader, left, right, settings.engine).to_dict()
    return found


@router.get("/resolve/pair/waterfall.svg", response_class=PlainTextResponse)
def waterfall(
    left: str, right: str, store: StoreDep, reader: ReaderDep, settings: SettingsDep
) -> PlainTextResponse:
    """The pair's explanation as a waterfall chart (SVG)."""
    found = service.pair(store, reader, left, right, settings.engine)
    return PlainTextResponse(waterfall_svg(found.explanation), media_type="image/svg+xml")


@router.post("/resolve/judgements")
def judge(body: JudgementIn, store: StoreDep, reader: ReaderDep) -> dict[str, Any]:
    """Judge a pair; the judgement always wins over the model."""
    decided = service.judge(store, reader, body.left_id, body.right_id, body.verdict, body.reason)
    return decided.to_dict()


@router.get("/resolve/judgements/evaluation")
def judged_evaluation(store: StoreDep, reader: ReaderDep) -> dict[str, Any]:
    """The model's pairwise precision and recall against the judgements the caller may see."""
    return service.judged_evaluation(store, reader).to_dict()


@router.post("/resolve/judgements/retract")
def retract(body: RetractIn, store: StoreDep, reader: ReaderDep) -> dict[str, str]:
    """Withdraw a pair's judgement: the model's score applies again."""
    service.retract(store, reader, body.left_id, body.right_id, body.reason)
    return {"status": "retracted"}


@router.get("/resolve/clusters/{entity_id}")
def cluster(entity_id: str, store: StoreDep, reader: ReaderDep) -> dict[str, Any]:
    """The records resolved to the same person as this one, and what joins them."""
    found = service.cluster_of(store, reader, entity_id)
    return {
        "canonical_id": found.canonical_id,
        "members": [{"id": e.id, "caption": e.caption} for e in found.members],
        "links": [
            {
                "left_id": link.left,
                "right_id": link.right,
                "probability": link.probability,
                "verdict": link.verdict.value if link.verdict else None,
            }
            for link in found.links
        ],
        "kept_apart": [list(k) for k in found.apart],
    }


@router.get("/resolve/clusters", response_class=PlainTextResponse)
def clusters(store: StoreDep, reader: ReaderDep) -> PlainTextResponse:
    """``entity_id,canonical_id`` for every person record the user may see (CSV)."""
    mapping = service.cluster_map(store, reader)
    lines = ["entity_id,canonical_id", *(f"{e},{mapping[e]}" for e in sorted(mapping))]
    return PlainTextResponse("\n".join(lines) + "\n", media_type="text/csv")
