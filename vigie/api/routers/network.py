"""Link analysis: neighbourhoods, paths, centrality, candidate rings, communities, export and
saved charts, all on the caller's own graph (``vigie.network.service``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from vigie.api.deps import ReaderDep, StoreDep
from vigie.model.handling import Handling
from vigie.network import charts, service
from vigie.network.export import FORMATS
from vigie.network.graph import Network
from vigie.network.query import MAX_HOPS, Filters

router = APIRouter(prefix="/network", tags=["network"])

KindQuery = Annotated[list[str], Query(description="Follow only links of these kinds")]
SchemaQuery = Annotated[list[str], Query(description="Show only entities of these schemata")]


class GraphOut(BaseModel):
    """Entities and the links among them."""

    entities: list[dict[str, Any]]
    links: list[dict[str, Any]]
    truncated: bool = False
    handling: dict[str, Any] | None = None


class ChartIn(BaseModel):
    """A chart to save."""

    name: str = Field(min_length=1, max_length=charts.MAX_NAME)
    entities: list[str] = Field(min_length=1, max_length=charts.MAX_ENTITIES)
    pinned: list[str] = []
    hidden: list[str] = []
    filters: dict[str, Any] = {}


class ChartOut(BaseModel):
    """A saved chart and what of it the caller may see."""

    chart: dict[str, Any]
    graph: GraphOut


def graph_out(
    network: Network, truncated: bool = False, handling: Handling | None = None
) -> GraphOut:
    """The API form of a (sub-)network, with the handling of everything in it when given."""
    return GraphOut(
        entities=[n.to_dict() for n in network.nodes],
        links=[e.to_dict() for e in network.edges],
        truncated=truncated,
        handling=handling.to_dict() if handling is not None else None,
    )


@router.get("/neighbourhood/{entity_id}", response_model=GraphOut)
def neighbourhood(
    store: StoreDep,
    reader: ReaderDep,
    entity_id: str,
    hops: Annotated[int, Query(ge=0, le=MAX_HOPS)] = 1,
    kind: KindQuery = [],  # noqa: B006 - FastAPI copies query defaults
    schema: SchemaQuery = [],  # noqa: B006 - FastAPI copies query defaults
    since: str | None = None,
    until: str | None = None,
    limit: Annotated[int, Query(ge=1, le=2000)] = 300,
) -> GraphOut:
    """An entity's neighbourhood to ``hops`` links, filtered by link kind, schema and period."""
    filters = Filters(frozenset(kind), frozenset(schema), since, until)
    found, cut = service.read_neighbourhood(store, reader, entity_id, hops, filters, limit)
    return graph_out(found, cut, service.handling_of(store, found))


@router.get("/path", response_model=GraphOut)
def path(
    store: StoreDep,
    reader: ReaderDep,
    first: str,
    second: str,
    kind: KindQuery = [],  # noqa: B006 - FastAPI copies query defaults
) -> GraphOut:
    """A shortest path between two entities (empty when they are not joined)."""
    ids, links = service.find_path(store, reader, first, second, kind)
    whole = service.network(store, reader)
    shown = Network([whole.nodes[whole.index[i]] for i in ids], links)
    return graph_out(shown, handling=service.handling_of(store, shown))


@router.get("/centrality")
def centrality(
    store: StoreDep,
    reader: ReaderDep,
    top: Annotated[int, Query(ge=1, le=1000)] = 20,
    by: str = "betweenness",
    schema: str = "",
) -> list[dict[str, Any]]:
    """The most central entities, normalised as NetworkX normalises them."""
    return [r.to_dict() for r in service.rank_centrality(store, reader, top, by, schema)]


@router.get("/rings")
def rings(
    store: StoreDep, reader: ReaderDep, top: Annotated[int, Query(ge=1, le=1000)] = 50
) -> list[dict[str, Any]]:
    """Candidate rings with their reasons, best first."""
    return [r.to_dict() for r in service.candidate_rings(store, reader)[:top]]


@router.get("/communities")
def communities(
    store: StoreDep, reader: ReaderDep, min_size: Annotated[int, Query(ge=1)] = 3
) -> list[dict[str, Any]]:
    """Leiden communities, largest first."""
    return [c.to_dict() for c in service.find_communities(store, reader, min_size)]


@router.get("/export")
def export(
    store: StoreDep,
    reader: ReaderDep,
    format: str = "graphml",
    entity: Annotated[list[str], Query(description="Only these entities")] = [],  # noqa: B006
) -> Response:
    """The graph (or the part among ``entity``) as GraphML, GEXF or CSV."""
    data = service.export_graph(store, reader, format, entity or None)
    _render, media, suffix = FORMATS[format]
    headers = {"Content-Disposition": f'attachment; filename="vigie-network.{suffix}"'}
    return Response(data, media_type=media, headers=headers)


@router.post("/charts", status_code=201)
def save_chart(store: StoreDep, reader: ReaderDep, body: ChartIn) -> dict[str, Any]:
    """Save a chart (its handling is that of everything on it)."""
    saved = charts.save_chart(
        store, reader, body.name, body.entities, body.pinned, body.hidden, body.filters
    )
    return saved.to_dict()


@router.get("/charts")
def list_charts(store: StoreDep, reader: ReaderDep) -> list[dict[str, Any]]:
    """The charts you may see, newest first."""
    return [c.to_dict() for c in charts.list_charts(store, reader)]


@router.get("/charts/{chart_id}", response_model=ChartOut)
def get_chart(store: StoreDep, reader: ReaderDep, chart_id: int) -> ChartOut:
    """A chart, with the entities and links on it that you may see today."""
    found = charts.get_chart(store, reader, chart_id)
    shown = service.read_entities(store, reader, found.entities)
    return ChartOut(
        chart=found.to_dict(), graph=graph_out(shown, handling=service.handling_of(store, shown))
    )
