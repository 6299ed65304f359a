"""The link-analysis pages: the start page (candidate rings, saved charts, an entity to start
from), the interactive chart with its timeline and exports, and the centrality table.

HTTP only: the graph, the policy and the audit are ``vigie.network``'s. The chart page draws its
entities and links as tables and a timeline on the server, so it reads without JavaScript; the
interactive chart (``/static/network.js`` on vis-network, served from the installed pyvis
package) enlarges the same data, which the page carries as a JSON data block.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Query
from starlette.responses import Response

from vigie.api.routers.network import graph_out
from vigie.cycle import cases
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.case import ItemKind
from vigie.model.handling import combine
from vigie.network import charts, service
from vigie.network.export import FORMATS
from vigie.network.graph import Network, sub_network
from vigie.network.query import MAX_HOPS, Filters
from vigie.web.forms import PostedForm
from vigie.web.render import redirect, render, render_json
from vigie.web.visit import SignedInDep, Visit

router = APIRouter(include_in_schema=False)

RINGS_SHOWN = 30
CENTRAL_SHOWN = 30
MEASURES = ("betweenness", "degree", "closeness", "eigenvector")


def _ids(text: str) -> list[str]:
    return [part for part in text.replace(",", " ").split() if part]


def _date(text: str, name: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.replace("-", "").isdigit():
        raise InvalidInput(
            _("{name} must be a date written YYYY-MM-DD, not {text!r}").format(name=name, text=text)
        )
    return text


def _timeline(shown: Network) -> list[dict[str, Any]]:
    """The dated entities and links of a chart, oldest first."""
    rows: list[dict[str, Any]] = [
        {"date": n.date[:10], "what": n.caption, "schema": n.schema, "id": n.id}
        for n in shown.nodes
        if n.date
    ]
    names = {n.id: n.caption for n in shown.nodes}
    for edge in shown.edges:
        if edge.date and not edge.kind.islower():
            rows.append(
                {
                    "date": edge.date[:10],
                    "what": f"{names[edge.source]} — {names[edge.target]} ({edge.label})",
                    "schema": edge.kind,
                    "id": edge.source,
                }
            )
    return sorted(rows, key=lambda r: (r["date"], r["what"]))


def _chart_page(
    visit: Visit,
    shown: Network,
    title: str,
    truncated: bool = False,
    pinned: tuple[str, ...] = (),
    hidden: tuple[str, ...] = (),
    query: dict[str, Any] | None = None,
) -> Response:
    banner = service.handling_of(visit.store, shown)
    if visit.json:
        return render_json(visit, graph_out(shown, truncated, banner))
    data = {
        **graph_out(shown, truncated).model_dump(),
        "pinned": list(pinned),
        "hidden": list(hidden),
    }
    return render(
        visit,
        "network_chart.html",
        title=title,
        shown=shown,
        truncated=truncated,
        timeline=_timeline(shown),
        kinds=shown.kinds(),
        schemata=shown.schemata(),
        names={n.id: n.caption for n in shown.nodes},
        # Inside a JSON data block only "</" could end the element early.
        data=json.dumps(data, ensure_ascii=False).replace("</", "<\\/"),
        query=query or {},
        json_link=f"{visit.request.url.path}?{visit.request.url.query}&format=json",
        pinned=list(pinned),
        hidden=list(hidden),
        formats=list(FORMATS),
        banner=banner,
    )


@router.get("/network")
def network_home(visit: SignedInDep) -> Response:
    """Candidate rings, saved charts, and a form to chart an entity's neighbourhood."""
    found = service.candidate_rings(visit.store, visit.reader)
    saved = charts.list_charts(visit.store, visit.reader)
    if visit.json:
        return render_json(
            visit,
            {
                "rings": [r.to_dict() for r in found[:RINGS_SHOWN]],
                "charts": [c.to_dict() for c in saved],
            },
        )
    whole = service.network(visit.store, visit.reader)
    shown = sub_network(whole, [i for ring in found[:RINGS_SHOWN] for i in ring.entity_ids])
    return render(
        visit,
        "network.html",
        banner=combine([service.handling_of(visit.store, shown), *(c.handling for c in saved)]),
        rings=found[:RINGS_SHOWN],
        total=len(found),
        charts=saved,
        kinds=whole.kinds(),
        max_hops=MAX_HOPS,
    )


@router.get("/network/chart")
def network_chart(
    visit: SignedInDep,
    entity: str = "",
    hops: int = 1,
    kind: list[str] = Query([]),
    schema: list[str] = Query([]),
    since: str = "",
    until: str = "",
    ring: int = 0,
    chart: int = 0,
    first: str = "",
    second: str = "",
    ids: str = "",
) -> Response:
    """A chart: an entity's neighbourhood, a candidate ring, a saved chart, a shortest path or
    a list of entities."""
    store, reader = visit.store, visit.reader
    if chart:
        saved = charts.get_chart(store, reader, chart)
        shown = service.read_entities(store, reader, saved.entities)
        return _chart_page(visit, shown, saved.name, pinned=saved.pinned, hidden=saved.hidden)
    if ring:
        rings = service.candidate_rings(store, reader)
        if not 1 <= ring <= len(rings):
            raise InvalidInput(_("There is no candidate ring {number}.").format(number=ring))
        shown = service.read_entities(store, reader, rings[ring - 1].entity_ids)
        return _chart_page(visit, shown, _("Candidate ring {number}").format(number=ring))
    if first and second:
        path, _links = service.find_path(store, reader, first.strip(), second.strip(), kind)
        if not path:
            raise InvalidInput(_("These two entities are not linked on the graph you may see."))
        shown = service.read_entities(store, reader, path)
        return _chart_page(visit, shown, _("Shortest path"))
    if ids:
        shown = service.read_entities(store, reader, _ids(ids))
        return _chart_page(visit, shown, _("Chart"))
    if not entity:
        raise InvalidInput(_("Name an entity, a ring or a saved chart to draw."))
    filters = Filters(
        frozenset(kind), frozenset(schema), _date(since, _("From")), _date(until, _("Until"))
    )
    shown, cut = service.read_neighbourhood(store, reader, entity.strip(), hops, filters)
    query = {"entity": entity, "hops": hops, "kind": kind, "since": since, "until": until}
    node = shown.node(entity.strip())
    title = node.caption if node else entity
    return _chart_page(visit, shown, title, truncated=cut, query=query)


@router.post("/network/charts")
def save_chart(visit: SignedInDep, form: PostedForm) -> Response:
    """Save the chart as it stands: its entities, those pinned and hidden; with a case number,
    file it in that case's timeline too."""
    visit.check_csrf(form.get("csrf_token"))
    case_number = form.get("case", "").strip()
    if case_number and not case_number.isdigit():
        raise InvalidInput(_("a case is named by its number"))
    saved = charts.save_chart(
        visit.store,
        visit.reader,
        form.get("name", ""),
        _ids(form.get("entities", "")),
        _ids(form.get("pinned", "")),
        _ids(form.get("hidden", "")),
    )
    if case_number:
        cases.add_item(
            visit.store, visit.reader, int(case_number), ItemKind.CHART, str(saved.id), saved.name
        )
    if visit.json:
        return render_json(visit, saved.to_dict(), 201)
    return redirect(visit, f"/network/chart?chart={saved.id}")


@router.post("/network/export")
def export_chart(visit: SignedInDep, form: PostedForm) -> Response:
    """The chart's entities (or, with none named, the whole graph) as GraphML, GEXF or CSV.
    A form, not a link: a chart's list of entities is too long for an address."""
    visit.check_csrf(form.get("csrf_token"))
    fmt = form.get("graph_format", "graphml")
    data = service.export_graph(visit.store, visit.reader, fmt, _ids(form.get("ids", "")) or None)
    _render, media, suffix = FORMATS[fmt]
    headers = {"Content-Disposition": f'attachment; filename="vigie-chart.{suffix}"'}
    return Response(data, media_type=media, headers=headers)


@router.get("/network/centrality")
def centrality_page(
    visit: SignedInDep, by: str = "betweenness", schema: str = "Person"
) -> Response:
    """The most central entities by one measure."""
    if by not in MEASURES:
        raise InvalidInput(_("unknown measure {by!r}").format(by=by))
    rows = service.rank_centrality(visit.store, visit.reader, CENTRAL_SHOWN, by, schema)
    if visit.json:
        return render_json(visit, {"centrality": [r.to_dict() for r in rows]})
    whole = service.network(visit.store, visit.reader)
    return render(
        visit,
        "network_centrality.html",
        rows=rows,
        by=by,
        schema=schema,
        measures=MEASURES,
        schemata=whole.schemata(),
        banner=service.handling_of(visit.store, sub_network(whole, [r.id for r in rows])),
    )
