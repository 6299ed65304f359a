"""Resolution through the store, on SQLite and PostgreSQL: a run resolves what its user may
see, judgements always win and can be withdrawn, clusters never leak a record or a link a reader
may not see, an incremental run links new records, and every step is audited."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers import load
from tests.resolve.population import PEOPLE, load_population
from vigie.demo.accounts import ensure_demo_users
from vigie.errors import Forbidden, InvalidInput, NotFound
from vigie.model.handling import Handling
from vigie.policy.accounts import get_reader
from vigie.resolve import service
from vigie.resolve.cluster import Verdict
from vigie.resolve.linkage import MIN_JUDGED
from vigie.store import Store
from vigie.store.tables import audit, resolve_model, resolve_pair


@pytest.fixture
def population(store: Store, tmp_path: Path) -> Store:
    """The store with the demo users and the population, resolved by ``analyst``."""
    ensure_demo_users(store.engine, "test")
    load_population(store, tmp_path / "population")
    summary = service.run(store, get_reader(store.engine, "analyst"))
    assert summary.records == PEOPLE * 3 + 1
    assert summary.new_records == summary.records
    return store


def _actions(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(select(audit.c.action).order_by(audit.c.seq))]


def test_duplicates_are_joined_and_others_kept_apart(population: Store) -> None:
    mapping = service.cluster_map(population, get_reader(population.engine, "analyst"))
    joined = sum(mapping[f"a-{n}"] == mapping[f"b-{n}"] for n in range(PEOPLE))
    assert joined >= PEOPLE - 2
    assert mapping["leo-0"] == mapping["a-0"]
    solos = {mapping[f"solo-{n}"] for n in range(PEOPLE)}
    assert len(solos) == PEOPLE
    assert "resolve.run" in _actions(population)
    assert _actions(population)[-1] == "export"


def test_a_reader_without_the_caveat_sees_neither_the_record_nor_its_links(
    population: Store,
) -> None:
    mio = get_reader(population.engine, "mio")
    mapping = service.cluster_map(population, mio)
    assert "leo-0" not in mapping
    assert set(mapping.values()) <= set(mapping)
    cluster = service.cluster_of(population, mio, "a-0")
    assert "leo-0" not in {m.id for m in cluster.members}
    with pytest.raises(NotFound):
        service.pair(population, mio, "a-0", "leo-0")
    # The pair with the caveated record is marked with the caveat.
    analyst = get_reader(population.engine, "analyst")
    assert (
        "LAW ENFORCEMENT ONLY"
        in service.pair(population, analyst, "a-0", "leo-0").right.handling.caveats
        | service.pair(population, analyst, "a-0", "leo-0").left.handling.caveats
    )
    with population.engine.connect() as conn:
        hid = conn.execute(
            select(resolve_pair.c.handling_id).where(
                resolve_pair.c.left_id == "a-0", resolve_pair.c.right_id == "leo-0"
            )
        ).scalar_one()
        handling = population.handlings(conn, [hid])[hid]
    assert "LAW ENFORCEMENT ONLY" in handling.caveats


def test_not_the_same_splits_a_merge_and_withdrawing_it_undoes_the_split(
    population: Store,
) -> None:
    analyst = get_reader(population.engine, "analyst")
    before = service.cluster_of(population, analyst, "a-1")
    assert {"a-1", "b-1"} <= {m.id for m in before.members}
    service.judge(population, analyst, "b-1", "a-1", Verdict.NOT_SAME, "different fathers")
    after = service.cluster_of(population, analyst, "a-1")
    assert "b-1" not in {m.id for m in after.members}
    assert ("a-1", "b-1") in after.apart
    mapping = service.cluster_map(population, analyst)
    assert mapping["a-1"] != mapping["b-1"]
    service.retract(population, analyst, "a-1", "b-1", "wrong file")
    assert service.cluster_map(population, analyst)["b-1"] == mapping["a-1"]
    assert {"resolve.judge", "resolve.retract"} <= set(_actions(population))


def test_same_joins_what_the_model_would_not(population: Store) -> None:
    analyst = get_reader(population.engine, "analyst")
    service.judge(population, analyst, "solo-1", "a-2", Verdict.SAME, "same fingerprints")
    mapping = service.cluster_map(population, analyst)
    assert mapping["solo-1"] == mapping["a-2"]
    found = service.pair(population, analyst, "a-2", "solo-1")
    assert found.judgement is not None and found.judgement.verdict is Verdict.SAME
    # The run never compared them: the explanation is scored now with the saved model.
    assert not found.scored
    assert found.explanation.match_weight < 0


def test_judged_pairs_leave_the_queue(population: Store) -> None:
    analyst = get_reader(population.engine, "analyst")
    queued = service.queue(population, analyst, 100)
    for item in queued:
        service.judge(population, analyst, item.left_id, item.right_id, Verdict.UNSURE, "later")
    assert service.queue(population, analyst, 100) == []
    assert "resolve.queue" in _actions(population)


def test_decisions_need_a_reason_a_role_and_two_people(population: Store) -> None:
    analyst = get_reader(population.engine, "analyst")
    with pytest.raises(InvalidInput):
        service.judge(population, analyst, "a-1", "b-1", Verdict.SAME, " ")
    with pytest.raises(InvalidInput):
        service.judge(population, analyst, "a-1", "a-1", Verdict.SAME, "itself")
    with pytest.raises(NotFound):
        service.judge(population, analyst, "a-1", "nobody", Verdict.SAME, "ghost")
    with pytest.raises(NotFound):
        service.retract(population, analyst, "a-1", "b-1", "nothing to withdraw")
    officer = get_reader(population.engine, "officer")
    with pytest.raises(Forbidden):
        service.judge(population, officer, "a-1", "b-1", Verdict.SAME, "not my job")
    with pytest.raises(Forbidden):
        service.run(population, officer)


def test_an_incremental_run_links_only_new_records(population: Store, tmp_path: Path) -> None:
    analyst = get_reader(population.engine, "analyst")
    late = {
        "id": "late-3",
        "schema": "Person",
        "properties": {
            "name": ["Olusegun Adeyemi"],
            "birthDate": ["1953-04-16"],
            "nationality": ["ng"],
            "gender": ["male"],
            "passportNumber": ["P1023757"],
        },
    }
    load(population, tmp_path / "late.json", [late], Handling.make("PROTECTED B"), source="pax")
    summary = service.run(population, analyst, incremental=True)
    assert summary.incremental
    assert summary.new_records == 1
    mapping = service.cluster_map(population, analyst)
    assert mapping["late-3"] == mapping["a-3"]
    again = service.run(population, analyst, incremental=True)
    assert (again.new_records, again.pairs) == (0, 0)


def test_the_model_is_scored_against_the_judgements(population: Store) -> None:
    analyst = get_reader(population.engine, "analyst")
    service.judge(population, analyst, "a-1", "b-1", Verdict.SAME, "same fingerprints")
    service.judge(population, analyst, "a-3", "b-3", Verdict.NOT_SAME, "different fathers")
    service.judge(population, analyst, "solo-1", "a-2", Verdict.SAME, "same fingerprints")
    service.judge(population, analyst, "solo-2", "a-4", Verdict.UNSURE, "later")
    found = service.judged_evaluation(population, analyst)
    assert (found.judged_same, found.judged_apart) == (2, 1)
    # The model merges both duplicates (one judged not the same) and never compared solo-1.
    assert (found.merged_same, found.merged_apart) == (1, 1)
    assert found.score.precision == 0.5
    assert found.score.recall == 0.5
    assert _actions(population)[-1] == "resolve.evaluate"


def _m_probabilities(store: Store) -> list[list[float]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(resolve_model.c.settings).order_by(resolve_model.c.id))
        models = [json.loads(r[0]) for r in rows]
    return [
        [
            round(level["m_probability"], 9)
            for comparison in model["comparisons"]
            for level in comparison["comparison_levels"]
            if not level.get("is_null_level")
        ]
        for model in models
    ]


def test_enough_pairs_judged_the_same_train_the_next_run(population: Store) -> None:
    analyst = get_reader(population.engine, "analyst")
    for n in range(MIN_JUDGED - 1):
        service.judge(population, analyst, f"a-{n}", f"b-{n}", Verdict.SAME, "same fingerprints")
    service.run(population, analyst)
    service.judge(population, analyst, "a-29", "b-29", Verdict.SAME, "same fingerprints")
    service.run(population, analyst)
    untrained, too_few, enough = _m_probabilities(population)
    assert too_few == untrained
    assert enough != untrained
