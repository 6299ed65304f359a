"""The synthetic world's tables go through the importers, keep their networks, and the truth
names the entities the import creates."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select

from vigie.store import Store
from vigie.store.tables import report, statement


def test_the_world_tables_import_with_the_truth_ids(tiny_world: Path, world_store: Store) -> None:
    manifest = json.loads((tiny_world / "manifest.json").read_text(encoding="utf-8"))
    formats = {entry["source"]: entry["format"] for entry in manifest["sources"]}
    assert formats["visa-applications"] == "applications"
    assert formats["interdictions"] == "interdictions"
    assert formats["lost-stolen"] == "lost-stolen"
    truth = json.loads((tiny_world / "truth.json").read_text(encoding="utf-8"))
    with world_store.engine.connect() as conn:
        kinds = {r.source: r.kind for r in conn.execute(select(report.c.source, report.c.kind))}
        persons = {
            r.entity_id: r.source
            for r in conn.execute(
                select(statement.c.entity_id, statement.c.source).where(
                    statement.c.schema == "Person"
                )
            )
        }
        frauds = {
            r[0]
            for r in conn.execute(
                select(statement.c.entity_id).where(
                    statement.c.entity_id.in_(list(truth["fraudulent_documents"]))
                )
            )
        }
    assert kinds["visa-applications"] == "applications"
    assert set(truth["persons"]) <= set(persons)
    assert frauds == set(truth["fraudulent_documents"])


def test_planted_networks_survive_into_the_store(tiny_world: Path, world_store: Store) -> None:
    truth = json.loads((tiny_world / "truth.json").read_text(encoding="utf-8"))
    with world_store.engine.connect() as conn:
        rows = conn.execute(
            select(statement.c.entity_id, statement.c.prop, statement.c.value).where(
                statement.c.source == "visa-applications",
                statement.c.prop.in_(["phone", "email", "address", "organizer", "involved"]),
            )
        ).all()
    signals: dict[str, set[str]] = defaultdict(set)
    involved = {r.entity_id: r.value for r in rows if r.prop == "involved"}
    for r in rows:
        if r.prop == "organizer":
            signals[involved[r.entity_id]].add(f"agent:{r.value}")
        elif r.prop != "involved":
            signals[r.entity_id].add(f"{r.prop}:{r.value}")
    linked = 0
    for members in truth["networks"].values():
        owners: dict[str, set[str]] = defaultdict(set)
        for member in members:
            for signal in signals.get(member, ()):
                owners[signal].add(truth["persons"][member])
        linked += any(len(people) >= 2 for people in owners.values())
    # Networks plant phones, e-mails, addresses and agents on most members' applications; a few
    # tie their members by flights or partner reporting alone.
    assert linked >= 0.8 * len(truth["networks"]) > 0
