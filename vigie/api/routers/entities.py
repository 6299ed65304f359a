"""Search, entities and export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from vigie.api.deps import ReaderDep, StoreDep
from vigie.api.models import EntityOut, SearchOut
from vigie.api.payloads import entity_out, search_out
from vigie.policy.reader import Action

router = APIRouter(tags=["entities"])


@router.get("/search", response_model=SearchOut, response_model_by_alias=True)
def search(
    store: StoreDep,
    reader: ReaderDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="names or identifiers")],
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> SearchOut:
    """Entities whose names or identifiers hold every word of the query, in any script."""
    return search_out(q, store.view(reader).search(q, limit=limit))


@router.get("/entities/{entity_id}", response_model=EntityOut, response_model_by_alias=True)
def entity(store: StoreDep, reader: ReaderDep, entity_id: str) -> EntityOut:
    """One entity: every fact the reader may see, with its source, grading and handling."""
    found, relations = store.view(reader).entity(entity_id)
    return entity_out(found, relations)


@router.get("/export/ftm", response_class=StreamingResponse)
def export_ftm(store: StoreDep, reader: ReaderDep) -> StreamingResponse:
    """Everything the reader may see, as FollowTheMoney JSON lines."""
    reader.require(Action.EXPORT)
    view = store.view(reader)

    def lines() -> Iterator[str]:
        for item in view.export("ftm"):
            yield json.dumps(item.to_ftm(), ensure_ascii=False, sort_keys=True) + "\n"

    return StreamingResponse(lines(), media_type="application/x-ndjson")
