"""Watches and notifications, case files under their compartment, and requests for case
support, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cycle.conftest import Cycle
from tests.helpers import load, person
from vigie.cycle import cases, support, watches
from vigie.errors import Forbidden, InvalidInput, NotFound
from vigie.model.case import ItemKind, SupportStatus
from vigie.model.handling import Handling
from vigie.model.watch import WatchKind
from vigie.policy.accounts import get_reader


def test_watches_raise_notifications_for_new_visible_facts(cycle: Cycle, tmp_path: Path) -> None:
    store = cycle.store
    on_amira = watches.add_watch(store, cycle.officer, WatchKind.ENTITY, "p-amira")
    on_search = watches.add_watch(store, cycle.analyst, WatchKind.SEARCH, "Viktor Sokolov")
    with pytest.raises(NotFound):
        watches.add_watch(store, cycle.officer, WatchKind.ENTITY, "p-viktor")
    with pytest.raises(InvalidInput, match="query"):
        watches.add_watch(store, cycle.officer, WatchKind.SEARCH, "  ")
    # Facts already stored raise nothing: only what arrives after the watch was set.
    assert watches.notifications(store, cycle.officer) == []

    amira = person("p-amira", "Amira H. Haddad")
    load(store, tmp_path / "new.json", [amira], Handling.make("PROTECTED A"), "border")
    secret = {"id": "p-amira", "schema": "Person", "properties": {"notes": ["Seen in Minsk"]}}
    load(store, tmp_path / "secret.json", [secret], Handling.make("SECRET"), "hq-assessment")
    viktor = person("p-viktor", "Viktor Sokolov", birthDate=["1970-01-02"])
    load(store, tmp_path / "viktor.json", [viktor], Handling.make("SECRET"), "hq-assessment")

    # The officer hears of the PROTECTED A fact only, never of the SECRET one.
    [told] = watches.notifications(store, cycle.officer)
    assert told.entity_id == "p-amira" and told.watch_id == on_amira.id and told.facts >= 1
    assert watches.notifications(store, cycle.officer) == [told]
    [found] = watches.notifications(store, cycle.analyst)
    assert found.entity_id == "p-viktor" and found.watch_id == on_search.id
    assert watches.check_everyone(store) == 0
    watches.mark_seen(store, cycle.officer)
    assert watches.notifications(store, cycle.officer)[0].seen_at is not None
    watches.remove_watch(store, cycle.officer, on_amira.id)
    assert watches.list_watches(store, cycle.officer) == []
    with pytest.raises(NotFound):
        watches.remove_watch(store, cycle.analyst, on_amira.id)


def test_case_files_are_need_to_know(cycle: Cycle) -> None:
    store, analyst = cycle.store, cycle.analyst
    with pytest.raises(InvalidInput, match="not in the compartment"):
        cases.open_case(store, analyst, "Beirut print shop", "OP-OTHER")
    opened = cases.open_case(store, analyst, "Beirut print shop", "OP-NORTHERN-STAR")
    assert opened.handling.compartments == {"OP-NORTHERN-STAR"}
    cases.add_item(store, analyst, opened.id, ItemKind.SUBJECT, "p-amira")
    cases.add_item(store, analyst, opened.id, ItemKind.REPORT, str(cycle.report_id("visa-files")))
    found = cases.add_item(store, analyst, opened.id, ItemKind.NOTE, note="Print shop located")
    assert [i.kind for i in found.items] == [ItemKind.SUBJECT, ItemKind.REPORT, ItemKind.NOTE]
    with pytest.raises(InvalidInput, match="note"):
        cases.add_item(store, analyst, opened.id, ItemKind.NOTE)
    with pytest.raises(NotFound):
        cases.add_item(store, analyst, opened.id, ItemKind.ENTITY, "p-nobody")
    # The supervisor is in the compartment; the regional analyst (SECRET, no compartment) not.
    assert cases.read_case(store, cycle.supervisor, opened.id).items == found.items
    regional = get_reader(store.engine, "regional")
    with pytest.raises(NotFound):
        cases.read_case(store, regional, opened.id)
    assert cases.list_cases(store, regional) == []


def test_case_support_from_officer_to_hq_and_back(cycle: Cycle) -> None:
    store, officer, analyst = cycle.store, cycle.officer, cycle.analyst
    asked = support.request_support(
        store, officer, "Is Amira Haddad the broker seen in Beirut?", Handling.make("PROTECTED B"),
        "p-amira",
    )  # fmt: skip
    assert asked.status is SupportStatus.QUEUED
    with pytest.raises(Forbidden):
        support.request_support(store, cycle.partner_uk, "Anything on her?", Handling())
    assert [r.id for r in support.list_requests(store, analyst)] == [asked.id]
    with pytest.raises(InvalidInput):
        support.assign(store, analyst, asked.id, "officer")
    assigned = support.assign(store, cycle.supervisor, asked.id, "analyst")
    assert assigned.status is SupportStatus.ASSIGNED and assigned.assigned_to == "analyst"
    with pytest.raises(InvalidInput, match="could not read"):
        support.answer(store, analyst, asked.id, "She is; see report 4.", Handling.make("SECRET"))
    support.answer(
        store, analyst, asked.id, "Yes: same passport number.", Handling.make("PROTECTED B")
    )
    mine = support.read_request(store, officer, asked.id)
    assert mine.status is SupportStatus.ANSWERED and mine.answer == "Yes: same passport number."
    # Another officer-level user sees nothing of it.
    with pytest.raises(NotFound):
        support.read_request(store, cycle.partner_uk, asked.id)
