"""The same resolution on DuckDB and on Spark: a run joins the duplicates and keeps the others
apart, a pair the run never compared is scored on demand, judgements win, and new records are
linked incrementally."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.resolve.population import PEOPLE, load_population
from vigie.demo.accounts import ensure_demo_users
from vigie.policy.accounts import get_reader
from vigie.resolve import service
from vigie.resolve.cluster import Verdict
from vigie.settings import Settings
from vigie.store import Store


@pytest.fixture(scope="module")
def resolved(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The named population in its own store, resolved on ``engine`` by ``analyst``."""
    folder = tmp_path_factory.mktemp(f"engine-{engine}")
    store = Store.open(Settings(data_dir=folder, secret_key="test"))
    ensure_demo_users(store.engine, "test")
    load_population(store, folder / "population")
    summary = service.run(store, get_reader(store.engine, "analyst"), engine=engine)
    assert summary.engine == engine
    assert summary.records == PEOPLE * 3 + 1
    yield store
    store.close()


def test_duplicates_are_joined_and_others_kept_apart(resolved: Store) -> None:
    mapping = service.cluster_map(resolved, get_reader(resolved.engine, "analyst"))
    joined = sum(mapping[f"a-{n}"] == mapping[f"b-{n}"] for n in range(PEOPLE))
    assert joined >= PEOPLE - 2
    assert mapping["leo-0"] == mapping["a-0"]
    assert len({mapping[f"solo-{n}"] for n in range(PEOPLE)}) == PEOPLE


def test_a_pair_never_compared_is_scored_with_the_saved_model(resolved: Store, engine: str) -> None:
    analyst = get_reader(resolved.engine, "analyst")
    found = service.pair(resolved, analyst, "a-3", "solo-4", engine=engine)
    assert not found.scored
    assert found.explanation.match_weight < 0
    assert [s.comparison for s in found.explanation.steps][:2] == ["name", "birth"]


def test_judgements_win_over_the_model(resolved: Store) -> None:
    analyst = get_reader(resolved.engine, "analyst")
    service.judge(resolved, analyst, "a-5", "b-5", Verdict.NOT_SAME, "different fathers")
    service.judge(resolved, analyst, "solo-6", "a-7", Verdict.SAME, "same fingerprints")
    mapping = service.cluster_map(resolved, analyst)
    assert mapping["a-5"] != mapping["b-5"]
    assert mapping["solo-6"] == mapping["a-7"]


def test_an_incremental_run_links_only_the_new_records(resolved: Store, engine: str) -> None:
    analyst = get_reader(resolved.engine, "analyst")
    again = service.run(resolved, analyst, engine=engine, incremental=True)
    assert again.incremental
    assert again.new_records == 0
