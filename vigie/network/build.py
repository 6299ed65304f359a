"""Assemble a reader's ``Network`` from what ``vigie.network.extract`` gathered."""

from __future__ import annotations

from collections import defaultdict

from followthemoney import model

from vigie.network.extract import Gathered, caption, gather, identifiers, link_weight
from vigie.network.graph import Edge, Network, Node
from vigie.network.shared import MAX_SHARE, co_travel_edges, shared_edges
from vigie.store.view import View

TRIP = model["Trip"]
TRAVELLER_PROPS = frozenset({"involved"})


def _when(item: Gathered) -> str | None:
    return item.first("startDate") or item.first("date")


def assemble(found: dict[str, Gathered], max_share: int = MAX_SHARE) -> Network:
    """The network of the gathered entities."""
    nodes: list[Node] = []
    edges: list[Edge] = []
    keys: dict[str, set[tuple[str, str]]] = {}
    handlings: dict[str, frozenset[int]] = {}
    links: list[tuple[str, Gathered]] = []
    for entity_id, item in sorted(found.items()):
        schema = item.schema()
        if schema.edge:
            links.append((entity_id, item))
            continue
        held = frozenset(item.handlings)
        handlings[entity_id] = held
        nodes.append(
            Node(
                entity_id,
                schema.name,
                caption(schema, item, entity_id),
                _when(item),
                item.first("endDate"),
                held,
            )
        )
        keys[entity_id] = identifiers(schema, item)
    on_graph = handlings.keys()
    travellers: dict[str, set[str]] = defaultdict(set)
    trips = {n.id for n in nodes if model[n.schema].is_a(TRIP)}
    for entity_id, item in links:
        schema = item.schema()
        source = item.first(schema.edge_source or "")
        target = item.first(schema.edge_target or "")
        if source not in on_graph or target not in on_graph or source == target:
            continue
        assert source is not None and target is not None
        label = item.first("relationship") or item.first("role") or schema.label
        edges.append(
            Edge(
                source,
                target,
                schema.name,
                label,
                link_weight(item),
                date=_when(item),
                via=entity_id,
                handlings=frozenset(item.handlings),
            )
        )
        if target in trips:
            travellers[target].add(source)
        for booking in item.props.get("recordId", ()):
            keys[source].add(("booking", booking.strip()))
    for node in nodes:
        item = found[node.id]
        schema = model[node.schema]
        for prop in schema.properties.values():
            if prop.type.name != "entity" or prop.stub:
                continue
            for value in item.props.get(prop.name, ()):
                if value not in on_graph or value == node.id:
                    continue
                edges.append(
                    Edge(
                        node.id,
                        value,
                        prop.name,
                        prop.label,
                        date=node.date,
                        handlings=node.handlings,
                    )
                )
                if node.id in trips and prop.name in TRAVELLER_PROPS:
                    travellers[node.id].add(value)
    edges.extend(shared_edges(keys, handlings, max_share))
    dates = {n.id: n.date for n in nodes if n.id in trips}
    edges.extend(co_travel_edges(travellers, dates, handlings, max_share))
    return Network(nodes, edges)


def build(view: View, max_share: int = MAX_SHARE) -> Network:
    """The network of everything ``view``'s reader may see."""
    return assemble(gather(view), max_share)
