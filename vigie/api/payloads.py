"""Turning store objects into API shapes; the workspace's JSON views use the same functions."""

from __future__ import annotations

from vigie.api.models import (
    EntityOut,
    FactOut,
    HandlingOut,
    ReaderOut,
    RelationOut,
    SearchOut,
    SearchResult,
)
from vigie.model.entity import Entity
from vigie.model.handling import Handling
from vigie.policy.reader import Reader
from vigie.store.view import Relation, SearchHit


def handling_out(handling: Handling) -> HandlingOut:
    """A handling with its banner."""
    return HandlingOut(
        marking=handling.marking.label,
        caveats=sorted(handling.caveats),
        releasable_to=sorted(handling.releasable_to),
        compartments=sorted(handling.compartments),
        banner=handling.banner,
    )


def search_out(query: str, hits: list[SearchHit]) -> SearchOut:
    """A search's results."""
    results = [
        SearchResult(
            id=h.entity.id,
            schema=h.entity.schema.name,
            caption=h.entity.caption,
            score=h.score,
            handling=handling_out(h.entity.handling),
        )
        for h in hits
    ]
    return SearchOut(query=query, results=results)


def entity_out(entity: Entity, relations: list[Relation]) -> EntityOut:
    """An entity with its facts and related entities."""
    return EntityOut(
        id=entity.id,
        schema=entity.schema.name,
        caption=entity.caption,
        handling=handling_out(entity.handling),
        properties=entity.to_ftm().get("properties", {}),
        facts=[FactOut(**f.to_dict()) for f in entity.property_facts()],
        related=[RelationOut(**r.to_dict()) for r in relations],
    )


def reader_out(reader: Reader) -> ReaderOut:
    """The signed-in user."""
    return ReaderOut(
        name=reader.name,
        role=reader.role.value,
        clearance=reader.clearance.value,
        caveats=sorted(reader.caveats),
        compartments=sorted(reader.compartments),
        partner=reader.partner,
    )
