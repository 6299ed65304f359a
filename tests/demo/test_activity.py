"""The demo's working day: every page has something to show, done by the right user, once."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from vigie.collect.lookouts import list_lookouts
from vigie.collect.world import load_world
from vigie.cycle.cases import list_cases
from vigie.cycle.requirements import list_requirements
from vigie.cycle.support import list_requests
from vigie.cycle.tasks import list_tasks
from vigie.demo.accounts import OPERATION, ensure_demo_users
from vigie.demo.activity import work
from vigie.model.lookout import Status
from vigie.policy.accounts import get_reader
from vigie.screen.adjudication import list_hits
from vigie.settings import Settings
from vigie.store import Store
from vigie.store.tables import audit as audit_table


def test_a_working_day_leaves_work_waiting_and_decides_nothing(
    tmp_path: Path, tiny_world: Path
) -> None:
    store = Store.open(Settings(data_dir=tmp_path))
    ensure_demo_users(store.engine, "test")
    load_world(store, tiny_world, "test")
    steps: list[str] = []

    day = work(store, tiny_world, steps.append)

    assert day is not None
    assert steps == ["resolve", "screen", "rings", "requirements", "support"]
    assert day.scored_pairs > 0 and day.screened > 0
    analyst = get_reader(store.engine, "analyst")
    regional = get_reader(store.engine, "regional")
    hits = list_hits(store, regional, None)
    assert len(hits) == day.hits > 0
    assert {h.status for h in hits} == {"pending"}  # a person decides, not the demo
    found = list_lookouts(store, analyst)
    assert len(found) == day.lookouts == 2
    assert sorted(x.status for x in found) == sorted([Status.APPROVED, Status.PENDING])
    [case] = list_cases(store, analyst)
    assert case.compartment == OPERATION
    assert list_cases(store, regional) == []  # the regional analyst is not in the operation
    [requirement] = list_requirements(store, analyst)
    assert len(list_tasks(store, analyst, requirement.id)) == 1
    [request] = list_requests(store, analyst)
    assert request.requester == "regional"
    with store.engine.connect() as conn:
        actors = {row.actor for row in conn.execute(select(audit_table.c.actor))}
    assert {"analyst", "regional", "supervisor"} <= actors

    assert work(store, tiny_world) is None  # once per store
    assert len(list_lookouts(store, analyst)) == 2
    store.close()
