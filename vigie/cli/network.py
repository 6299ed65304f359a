"""``vigie network``: link analysis on what a user may see."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from vigie.cli.common import console, open_store, out, reader, say
from vigie.i18n import _
from vigie.network import service
from vigie.network.evaluate import read_networks, score
from vigie.network.export import FORMATS
from vigie.network.query import Filters

app = typer.Typer(
    help=_("Link analysis: neighbourhoods, paths, centrality, candidate rings, export."),
    no_args_is_help=True,
)


@app.command("centrality")
def centrality(
    as_user: str = typer.Option(..., "--as", help=_("Analyse what this user may see.")),
    top: int = typer.Option(20, "--top", help=_("How many entities to list.")),
    as_json: bool = typer.Option(False, "--json", help=_("Print a JSON array.")),
    by: str = typer.Option(
        "betweenness", help=_("Rank by degree, betweenness, closeness or eigenvector.")
    ),
    schema: str = typer.Option("", help=_("Only entities of this schema, e.g. Person.")),
) -> None:
    """The most central entities: brokers (betweenness) and organisers (degree, eigenvector),
    normalised as NetworkX normalises them."""
    with open_store() as (_settings, store):
        rows = service.rank_centrality(store, reader(store, as_user), top, by, schema)
    if as_json:
        out(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=1) + "\n")
        return
    table = Table(
        _("id"), _("name"), _("degree"), _("betweenness"), _("closeness"), _("eigenvector")
    )
    for row in rows:
        table.add_row(
            row.id,
            row.name,
            f"{row.degree:.4f}",
            f"{row.betweenness:.4f}",
            f"{row.closeness:.4f}",
            f"{row.eigenvector:.4f}",
        )
    console.print(table)


@app.command("rings")
def rings(
    as_user: str = typer.Option(..., "--as", help=_("Analyse what this user may see.")),
    top: int = typer.Option(0, "--top", help=_("How many rings to list (0: all).")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON lines, one per ring.")),
    truth: Path | None = typer.Option(
        None, help=_("A synthetic world's truth.json: also print precision and recall.")
    ),
) -> None:
    """Candidate rings: people joined by unusual shared identifiers, links and travel, with
    their reasons. Leads for an analyst; they decide nothing."""
    with open_store() as (_settings, store):
        user = reader(store, as_user)
        found = service.candidate_rings(store, user)
        visible = set(service.network(store, user).index) if truth else None
    shown = found[:top] if top else found
    if as_json:
        for ring in shown:
            out(json.dumps(ring.to_dict(), ensure_ascii=False) + "\n")
    else:
        for ring in shown:
            names = ", ".join(person[0].caption for person in ring.people)
            say(
                _("Ring {number} (score {score:.2f}, {people} people): {names}").format(
                    number=ring.number, score=ring.score, people=len(ring.people), names=names
                )
            )
            for reason in ring.reasons[:5]:
                say(f"  - {reason.text}")
    if truth is not None:
        result = score(found, read_networks(truth), visible)
        say(
            _(
                "Against {path}: precision {precision:.3f}, recall {recall:.3f} of ring "
                "membership; {found} of {networks} networks found by {rings} rings."
            ).format(path=truth, **result.to_dict())
        )


@app.command("path")
def path(
    first: str = typer.Argument(..., help=_("The first entity's id.")),
    second: str = typer.Argument(..., help=_("The second entity's id.")),
    as_user: str = typer.Option(..., "--as", help=_("Search what this user may see.")),
    kind: list[str] = typer.Option([], help=_("Follow only links of this kind (repeatable).")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON.")),
) -> None:
    """A shortest path between two entities."""
    with open_store() as (_settings, store):
        user = reader(store, as_user)
        ids, links = service.find_path(store, user, first, second, kind)
        nodes = service.network(store, user)
    if as_json:
        steps = [nodes.nodes[nodes.index[i]].to_dict() for i in ids]
        out(json.dumps({"entities": steps, "links": [e.to_dict() for e in links]}) + "\n")
        return
    if not links:
        say(_("No path between {first} and {second}.").format(first=first, second=second))
        raise typer.Exit(1)
    for step, entity_id in enumerate(ids):
        node = nodes.nodes[nodes.index[entity_id]]
        say(f"{node.caption} [{node.schema}] {node.id}")
        if step < len(links):
            say(f"   ↓ {links[step].kind}: {links[step].label}")


@app.command("neighbours")
def neighbours(
    entity: str = typer.Argument(..., help=_("The entity's id.")),
    as_user: str = typer.Option(..., "--as", help=_("Read what this user may see.")),
    hops: int = typer.Option(1, help=_("How many links away.")),
    kind: list[str] = typer.Option([], help=_("Follow only links of this kind (repeatable).")),
    schema: list[str] = typer.Option([], help=_("Show only entities of this schema.")),
    since: str | None = typer.Option(None, help=_("Only links dated on or after, YYYY-MM-DD.")),
    until: str | None = typer.Option(None, help=_("Only links dated on or before, YYYY-MM-DD.")),
) -> None:
    """An entity's neighbourhood, as JSON (entities and links)."""
    filters = Filters(frozenset(kind), frozenset(schema), since, until)
    with open_store() as (_settings, store):
        found, cut = service.read_neighbourhood(
            store, reader(store, as_user), entity, hops, filters
        )
    data = {
        "entities": [n.to_dict() for n in found.nodes],
        "links": [e.to_dict() for e in found.edges],
        "truncated": cut,
    }
    out(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


@app.command("communities")
def communities_command(
    as_user: str = typer.Option(..., "--as", help=_("Analyse what this user may see.")),
    min_size: int = typer.Option(3, help=_("Smallest community listed.")),
) -> None:
    """Leiden communities of the graph, largest first, as JSON lines."""
    with open_store() as (_settings, store):
        found = service.find_communities(store, reader(store, as_user), min_size)
    for community in found:
        out(json.dumps(community.to_dict()) + "\n")


@app.command("export")
def export(
    as_user: str = typer.Option(..., "--as", help=_("Export what this user may see.")),
    fmt: str = typer.Option("graphml", "--format", help=_("graphml, gexf or csv (links, for i2).")),
    output: Path | None = typer.Option(
        None, "--out", help=_("File to write (default: standard output).")
    ),
) -> None:
    """Export the graph for Gephi, yEd or i2 Analyst's Notebook."""
    if fmt not in FORMATS:
        raise typer.BadParameter(
            _("expected one of: {known}").format(known=", ".join(FORMATS)), param_hint="--format"
        )
    with open_store() as (_settings, store):
        data = service.export_graph(store, reader(store, as_user), fmt)
    if output is None:
        out(data.decode("utf-8"))
    else:
        output.write_bytes(data)
        say(_("Written to {path}.").format(path=output))
