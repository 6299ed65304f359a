"""Charts and graphs leave Vigie as GraphML and GEXF (Gephi, yEd, Cytoscape) or as a CSV of
links, one row per link with both ends described, the layout i2 Analyst's Notebook imports.

Every node carries its schema, caption and date; every edge its kind, label, weight and date.
The files hold what the network holds: a network is always built for one reader.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import networkx as nx

from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.network.graph import Network

CSV_COLUMNS = (
    "source",
    "source_name",
    "source_type",
    "target",
    "target_name",
    "target_type",
    "kind",
    "label",
    "weight",
    "date",
)


def to_networkx(network: Network) -> nx.MultiGraph:
    """The network as a NetworkX multigraph with string attributes (GraphML and GEXF need
    plain values: absent dates are empty strings)."""
    graph = nx.MultiGraph()
    for node in network.nodes:
        graph.add_node(
            node.id,
            label=node.caption,
            schema=node.schema,
            date=node.date or "",
            end=node.end or "",
        )
    for number, edge in enumerate(network.edges):
        graph.add_edge(
            edge.source,
            edge.target,
            key=number,
            kind=edge.kind,
            label=edge.label,
            weight=float(edge.weight),
            date=edge.date or "",
        )
    return graph


def graphml(network: Network) -> bytes:
    """The network as GraphML."""
    out = io.BytesIO()
    nx.write_graphml(to_networkx(network), out, encoding="utf-8")
    return out.getvalue()


def gexf(network: Network) -> bytes:
    """The network as GEXF 1.2."""
    out = io.BytesIO()
    nx.write_gexf(to_networkx(network), out, encoding="utf-8")
    return out.getvalue()


def links_csv(network: Network) -> bytes:
    """The links as CSV, one row per link with both ends' names and schemata."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    nodes = {n.id: n for n in network.nodes}
    for edge in network.edges:
        source, target = nodes[edge.source], nodes[edge.target]
        writer.writerow(
            (
                source.id,
                source.caption,
                source.schema,
                target.id,
                target.caption,
                target.schema,
                edge.kind,
                edge.label,
                f"{edge.weight:.4f}",
                edge.date or "",
            )
        )
    return out.getvalue().encode("utf-8")


FORMATS: dict[str, tuple[Callable[[Network], bytes], str, str]] = {
    "graphml": (graphml, "application/graphml+xml", "graphml"),
    "gexf": (gexf, "application/gexf+xml", "gexf"),
    "csv": (links_csv, "text/csv", "csv"),
}


def render(network: Network, fmt: str) -> bytes:
    """The network in ``fmt`` (graphml, gexf or csv)."""
    if fmt not in FORMATS:
        raise InvalidInput(
            _("unknown graph format {fmt!r}; expected one of: {known}").format(
                fmt=fmt, known=", ".join(FORMATS)
            )
        )
    return FORMATS[fmt][0](network)
