"""GraphML, GEXF and CSV exports read back with the same nodes and links."""

from __future__ import annotations

import csv
import io

import networkx as nx

from vigie.network.build import build
from vigie.network.export import CSV_COLUMNS, gexf, graphml, links_csv, render
from vigie.policy.accounts import get_reader
from vigie.store import Store


def test_exports_read_back(ring_sqlite: Store) -> None:
    network = build(ring_sqlite.view(get_reader(ring_sqlite.engine, "analyst")))
    for data in (graphml(network), gexf(network)):
        reader = nx.read_graphml if b"<graphml" in data else nx.read_gexf
        back = reader(io.BytesIO(data))
        assert back.number_of_nodes() == len(network.nodes)
        assert back.number_of_edges() == len(network.edges)
        assert back.nodes["r1"]["label"] == "Karim Haddad"
    rows = list(csv.reader(io.StringIO(links_csv(network).decode("utf-8"))))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 1 + len(network.edges)
    associate = next(r for r in rows if r[6] == "Associate")
    assert associate[1] == "Karim Haddad" and associate[5] == "Person" and associate[7] == "brother"
    assert render(network, "csv") == links_csv(network)
