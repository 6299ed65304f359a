"""The synthetic world's passenger data: PAXLST interchanges that load through the importer, with
the ids its truth names and the counts its summary promises."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import distinct, func, select

from vigie.collect.registry import Outcome
from vigie.collect.world import load_world
from vigie.demo.world import SourceSummary, generate
from vigie.settings import Settings
from vigie.store import Store
from vigie.store.tables import statement

SOURCE = "passenger-data"


@dataclass
class Loaded:
    """A world of 400 persons (seed 1: it has stolen blanks in its passenger data), loaded."""

    path: Path
    store: Store
    outcomes: list[Outcome]
    summary: SourceSummary
    truth: dict[str, Any]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    out = tmp_path_factory.mktemp("pax-world")
    summary = generate(out, 400, 1)
    [passengers] = [s for s in summary.sources if s.source == SOURCE]
    store = Store.open(Settings(data_dir=tmp_path_factory.mktemp("pax-store")))
    outcomes = load_world(store, out, "test")
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    yield Loaded(out, store, outcomes, passengers, truth)
    store.close()


def _values(store: Store, entity_id: str, prop: str) -> set[str]:
    with store.engine.connect() as conn:
        query = select(statement.c.value).where(
            statement.c.entity_id == entity_id, statement.c.prop == prop
        )
        return set(conn.execute(query).scalars())


def test_every_message_of_the_world_is_imported(loaded: Loaded) -> None:
    assert [o.error for o in loaded.outcomes if o.error] == []
    manifest = json.loads((loaded.path / "manifest.json").read_text(encoding="utf-8"))
    entries = [e for e in manifest["sources"] if e["source"] == SOURCE]
    assert {e["format"] for e in entries} == {"paxlst"}
    assert sorted(e["file"] for e in entries) == sorted(
        p.name for p in loaded.path.glob("passenger-data-*.edi")
    )
    assert not (loaded.path / "passenger-data.ftm.jsonl").exists()
    messages = [o for o in loaded.outcomes if o.label.startswith("passenger-data-")]
    assert len(messages) > 100 and all(o.result for o in messages)


def test_the_summary_counts_what_the_store_keeps(loaded: Loaded) -> None:
    with loaded.store.engine.connect() as conn:
        mine = statement.c.source == SOURCE
        entities = conn.execute(select(func.count(distinct(statement.c.entity_id))).where(mine))
        statements = conn.execute(select(func.count()).select_from(statement).where(mine))
        assert entities.scalar_one() == loaded.summary.entities
        assert statements.scalar_one() == loaded.summary.statements


def test_the_truth_names_the_travellers_the_import_creates(loaded: Loaded) -> None:
    travellers = {e for e in loaded.truth["persons"] if e.startswith("pax-")}
    assert len(travellers) == loaded.summary.persons
    with loaded.store.engine.connect() as conn:
        query = (
            select(statement.c.entity_id)
            .where(statement.c.source == SOURCE, statement.c.schema == "Person")
            .distinct()
        )
        assert set(conn.execute(query).scalars()) == travellers


def test_stolen_blank_passports_survive(loaded: Loaded) -> None:
    frauds = {k: v for k, v in loaded.truth["fraudulent_documents"].items() if k.startswith("pax-")}
    assert frauds and set(frauds.values()) == {"stolen-blank"}
    for document in frauds:
        assert _values(loaded.store, document, "holder")
        [number] = _values(loaded.store, document, "number")
        with loaded.store.engine.connect() as conn:
            reported = conn.execute(
                select(statement.c.entity_id).where(
                    statement.c.source == "lost-stolen",
                    statement.c.prop == "number",
                    statement.c.value == number,
                )
            ).scalars()
            descriptions = {d for r in reported for d in _values(loaded.store, r, "description")}
            assert any("blank" in d for d in descriptions), number


def test_crew_lists_and_passenger_lists(loaded: Loaded) -> None:
    text = "".join(p.read_text(encoding="ascii") for p in loaded.path.glob("*.edi"))
    assert text.count("BGM+250'") > 0 and text.count("BGM+745'") > 100
    with loaded.store.engine.connect() as conn:
        roles = conn.execute(
            select(statement.c.value)
            .where(statement.c.source == SOURCE, statement.c.prop == "role")
            .distinct()
        ).scalars()
        assert set(roles) == {"passenger", "crew member"}


def test_loading_the_world_again_adds_nothing(loaded: Loaded) -> None:
    again = load_world(loaded.store, loaded.path, "test")
    messages = [o for o in again if o.label.startswith("passenger-data-")]
    assert messages and all(o.result and o.result.repeated for o in messages)
