"""Screening through the store, on SQLite and PostgreSQL: what each reader may see, hits that
wait for a person, cleared false positives that stay quiet until a side changes or a supervisor
revokes the clearance, and the audit of every step."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.collect.test_lookouts import ANALYST, SUPERVISOR, TODAY, make_request
from tests.helpers import load, person
from vigie.collect.lookouts import decide, request_lookout, withdraw
from vigie.demo.accounts import ensure_demo_users
from vigie.errors import Forbidden, InvalidInput, NotFound
from vigie.model.handling import Handling
from vigie.model.lookout import Decision as LookoutDecision
from vigie.policy import audit
from vigie.policy.accounts import get_reader
from vigie.policy.reader import Reader
from vigie.screen import adjudication
from vigie.screen.adjudication import Decision
from vigie.screen.entries import load as load_entries
from vigie.screen.service import screen, screener
from vigie.screen.subject import Subject
from vigie.store import Store
from vigie.store.tables import screening

TRAVELLER = Subject(("Mohamed Hussein Tikriti",), ("1970-05-03",), ("iq",))
DATA = Handling.make("PROTECTED B")


@pytest.fixture
def listed(store: Store, tmp_path: Path) -> Store:
    """A SECRET watchlist entry named by a Risk, an UNCLASSIFIED sanctioned person, users."""
    ensure_demo_users(store.engine, "test")
    tikriti = person(
        "wl-1",
        "Muhammad Husayn al-Tikriti",
        alias=["محمد حسين التكريتي"],
        birthDate=["1970-03-05"],
        nationality=["iq"],
        passportNumber=["A1234567"],
    )
    risk = {"id": "r-1", "schema": "Risk", "properties": {"entity": ["wl-1"]}}
    load(store, tmp_path / "secret.json", [tikriti, risk], Handling.make("SECRET"), "watchlist")
    petrov = person("wl-2", "Ivan Petrov", topics=["sanction"], birthDate=["1961-01-02"])
    load(store, tmp_path / "open.json", [petrov], Handling.make("UNCLASSIFIED"), "sanctions")
    return store


def user(store: Store, name: str) -> Reader:
    return get_reader(store.engine, name)


def test_a_hit_is_recorded_and_waits(listed: Store) -> None:
    [result] = screen(listed, user(listed, "analyst"), [("t-1", TRAVELLER)], DATA)
    [hit] = result.hits
    assert (hit.score.entity_id, hit.status, hit.score.match) == ("wl-1", "pending", True)
    assert result.to_dict()["id"] == "t-1"
    pending = adjudication.list_hits(listed, user(listed, "analyst"))
    assert [h.id for h in pending] == [hit.id]
    assert pending[0].handling.banner == "SECRET"
    [event] = audit.events(listed.engine, action="screen", limit=1)
    assert event.details["entities"] == ["wl-1"] and event.details["travellers"] == 1


def test_readers_screen_only_against_what_they_may_see(listed: Store) -> None:
    officer = user(listed, "officer")
    assert screen(listed, officer, [("t", TRAVELLER)], DATA)[0].hits == ()
    petrov = Subject(("Иван Петров",), ("1961-01-02",))
    [hit] = screen(listed, officer, [("p", petrov)], DATA)[0].hits
    assert hit.score.entity_id == "wl-2"
    secret = screen(listed, user(listed, "analyst"), [("t", TRAVELLER)], DATA)[0].hits[0]
    with pytest.raises(NotFound):
        adjudication.get_hit(listed, officer, secret.id)


def test_a_cleared_false_positive_stays_quiet_until_revoked(listed: Store) -> None:
    analyst = user(listed, "analyst")
    first = screen(listed, analyst, [("t", TRAVELLER)], DATA)[0].hits[0]
    adjudication.decide(listed, analyst, first.id, Decision.FALSE_POSITIVE, "Other person")
    again = screen(listed, analyst, [("t", TRAVELLER)], DATA)[0]
    assert [h.status for h in again.hits] == ["cleared"]
    assert again.to_dict()["hits"] == []
    [clearance] = adjudication.list_clearances(listed, analyst, "wl-1")[:1]
    assert clearance.reason == "Other person" and clearance.revoked_at is None
    with pytest.raises(Forbidden):
        adjudication.revoke(listed, analyst, clearance.id, "Wrong")
    for found in adjudication.list_clearances(listed, analyst, "wl-1"):
        adjudication.revoke(listed, user(listed, "supervisor"), found.id, "New intelligence")
    third = screen(listed, analyst, [("t", TRAVELLER)], DATA)[0]
    assert [h.status for h in third.hits] == ["pending"]


def test_a_clearance_lapses_when_the_entry_changes(listed: Store, tmp_path: Path) -> None:
    analyst = user(listed, "analyst")
    first = screen(listed, analyst, [("t", TRAVELLER)], DATA)[0].hits[0]
    adjudication.decide(listed, analyst, first.id, Decision.FALSE_POSITIVE, "Other person")
    with listed.engine.connect() as conn:
        before = conn.execute(select(screening.c.list_version)).scalars().all()
    alias = {"id": "wl-1", "schema": "Person", "properties": {"alias": ["Abu Ahmad"]}}
    load(listed, tmp_path / "more.json", [alias], Handling.make("SECRET"), "watchlist")
    again = screen(listed, analyst, [("t", TRAVELLER)], DATA)[0]
    assert [h.status for h in again.hits] == ["pending"]
    with listed.engine.connect() as conn:
        after = conn.execute(select(screening.c.list_version)).scalars().all()
    assert after[-1] != before[-1]


def test_decisions_need_a_reason_and_a_pending_hit(listed: Store) -> None:
    analyst = user(listed, "analyst")
    hit = screen(listed, analyst, [("t", TRAVELLER)], DATA)[0].hits[0]
    with pytest.raises(InvalidInput):
        adjudication.decide(listed, analyst, hit.id, Decision.TRUE_MATCH, " ")
    decided = adjudication.decide(listed, analyst, hit.id, Decision.REFER, "Case support")
    assert (decided.status, decided.decided_by, decided.reason) == (
        "refer",
        "analyst",
        "Case support",
    )
    with pytest.raises(InvalidInput):
        adjudication.decide(listed, analyst, hit.id, Decision.TRUE_MATCH, "Changed my mind")
    with pytest.raises(Forbidden):
        adjudication.decide(listed, user(listed, "auditor"), hit.id, Decision.REFER, "No")
    [event] = audit.events(listed.engine, action="screen.decide", limit=1)
    assert event.details == {"decision": "refer", "reason": "Case support", "entity": "wl-1"}


def test_the_index_follows_new_reports_without_a_rebuild(listed: Store, tmp_path: Path) -> None:
    analyst = user(listed, "analyst")
    first = screener(listed, analyst)
    newcomer = person("wl-3", "Yevgeny Sokolov", topics=["wanted"], birthDate=["1975-07-07"])
    alias = {"id": "wl-1", "schema": "Person", "properties": {"alias": ["Abu Ahmad"]}}
    load(listed, tmp_path / "more.json", [newcomer, alias], Handling.make("SECRET"), "watchlist")
    updated = screener(listed, analyst)
    assert updated.index is first.index, "updated in place, not rebuilt"
    rebuilt = load_entries(listed.view(analyst))
    assert updated.entries == rebuilt
    assert updated.entries.version != first.entries.version
    assert sorted(updated.index.by_id) == ["wl-1", "wl-2", "wl-3"]
    [hit] = updated.index.screen(Subject(("Evgeny Sokolov",), ("1975-07-07",)))
    assert hit.entity_id == "wl-3"
    [hit] = updated.index.screen(Subject(("Abu Ahmad",), ("1970-03-05",), ("iq",)))
    assert hit.entity_id == "wl-1"


def test_how_common_a_name_is_is_counted_over_what_the_reader_may_see(
    listed: Store, tmp_path: Path
) -> None:
    # 600 Wang Li the officer may not see, 1,200 people of rare names everyone may see.
    wangs = [person(f"w-{i}", "Wang Li", birthDate=[f"19{50 + i % 50}-02-{1 + i // 50:02d}"])
             for i in range(600)]  # fmt: skip
    others = [
        person(f"o-{i}", f"Given{i} Family{i}", birthDate=["1980-01-01"]) for i in range(1200)
    ]
    load(listed, tmp_path / "wangs.json", wangs, Handling.make("SECRET"), "applications")
    load(listed, tmp_path / "others.json", others, Handling.make("UNCLASSIFIED"), "applications")

    seen_by_analyst = screener(listed, user(listed, "analyst")).index.population
    seen_by_officer = screener(listed, user(listed, "officer")).index.population
    assert seen_by_analyst is not None and seen_by_officer is not None
    assert seen_by_analyst.parts["wang"] == 600
    assert seen_by_officer.parts["wang"] == 0  # a count would tell of facts above clearance
    assert seen_by_officer.people >= 1200


def test_a_lookout_lists_its_subject_only_while_in_effect(listed: Store, tmp_path: Path) -> None:
    """Approved, the subject is screened; withdrawn, or past its expiry, no longer, through the
    index kept up to date as well as one built afresh. A pending lookout lists no one."""
    analyst = user(listed, "analyst")
    karim = Subject(("Karim Haddad",), ("1980-05-17",), ("lb",))

    def hits(day: date) -> list[str]:
        return [h.entity_id for h in screener(listed, analyst, today=day).index.screen(karim)]

    first = request_lookout(listed, ANALYST, make_request(), TODAY)
    assert hits(TODAY) == [], "pending: not yet in effect"
    decide(listed, SUPERVISOR, first.id, LookoutDecision.APPROVE, "corroborated", TODAY)
    assert hits(TODAY) == [first.subject_id]
    withdraw(listed, SUPERVISOR, first.id, "the network was dismantled", TODAY)
    assert hits(TODAY) == []
    assert first.subject_id not in load_entries(listed.view(analyst), today=TODAY).versions

    second = request_lookout(listed, ANALYST, make_request(subject_document="RL7654321"), TODAY)
    decide(listed, SUPERVISOR, second.id, LookoutDecision.APPROVE, "corroborated", TODAY)
    expiry = TODAY + timedelta(days=90)
    assert hits(expiry) == [second.subject_id], "in effect on its last day"
    kept = screener(listed, analyst, today=expiry).index
    assert hits(expiry + timedelta(days=1)) == [], "expired the day after"
    assert screener(listed, analyst, today=expiry + timedelta(days=1)).index is kept
    fresh = load_entries(listed.view(analyst), today=expiry + timedelta(days=1))
    assert second.subject_id not in fresh.versions
    assert {"wl-1", "wl-2"} <= set(fresh.versions)


def test_a_listing_that_ended_lists_no_one(store: Store, tmp_path: Path) -> None:
    """A watchlist's Risk or Sanction that says it ended (a status, a past end date) does not
    make its person an entry; one ending later this year still does."""
    ensure_demo_users(store.engine, "test")
    people = [person(f"wl-{i}", name) for i, name in enumerate(("Ana Lima", "Bo Chen", "Cy Roe"))]
    ended = [{"status": ["Delisted"]}, {"endDate": ["2020-01-31"]}, {"endDate": ["2026"]}]
    listings = [
        {"id": f"s-{i}", "schema": "Sanction", "properties": {"entity": [f"wl-{i}"], **props}}
        for i, props in enumerate(ended)
    ]
    load(store, tmp_path / "list.json", people + listings, Handling.make("UNCLASSIFIED"), "un")
    entries = load_entries(store.view(user(store, "analyst")), today=date(2026, 6, 1))
    assert sorted(entries.versions) == ["wl-2"]


def test_an_entry_carries_the_day_it_was_first_listed(store: Store, tmp_path: Path) -> None:
    """The earliest listing or start date of the listings in effect: a child who shares an
    undated entry's name is told from its person by it."""
    ensure_demo_users(store.engine, "test")
    haddad = person("wl-1", "Karim Haddad", nationality=["lb"])
    dated = [
        ("r-1", "Risk", {"listingDate": ["2019-04-02"]}),
        ("s-1", "Sanction", {"startDate": ["2018-06-01"]}),
        # An ended listing says nothing of when the person is listed now, nor does a
        # placeholder date.
        ("s-2", "Sanction", {"startDate": ["2001-01-01"], "status": ["Delisted"]}),
        ("s-3", "Sanction", {"startDate": ["1900-01-01"]}),
    ]
    listings = [
        {"id": i, "schema": schema, "properties": {"entity": ["wl-1"], **props}}
        for i, schema, props in dated
    ]
    load(store, tmp_path / "list.json", [haddad, *listings], Handling.make("UNCLASSIFIED"), "un")
    analyst = user(store, "analyst")
    [entry] = load_entries(store.view(analyst)).subjects
    assert entry.listed == "2018-06-01"
    child = Subject(("Karim Haddad",), ("2012-03-01",), ("lb",), "male")
    assert screen(store, analyst, [("c", child)], DATA)[0].hits == ()
    adult = Subject(("Karim Haddad",), ("1975-03-01",), ("lb",), "male")
    [hit] = screen(store, analyst, [("a", adult)], DATA)[0].hits
    assert hit.score.entity_id == "wl-1"


def test_an_index_kept_up_to_date_follows_the_day_listed(store: Store, tmp_path: Path) -> None:
    """When the earliest listing ends, the entry is filed again with its later day, though its
    own facts, and so its version, did not change."""
    ensure_demo_users(store.engine, "test")
    haddad = person("wl-1", "Karim Haddad", nationality=["lb"])
    listings = [
        {"id": i, "schema": "Sanction", "properties": {"entity": ["wl-1"], "startDate": [day]}}
        for i, day in (("s-1", "2010-03-01"), ("s-2", "2020-03-01"))
    ]
    load(store, tmp_path / "list.json", [haddad, *listings], Handling.make("UNCLASSIFIED"), "un")
    analyst = user(store, "analyst")
    traveller = Subject(("Karim Haddad",), ("1999-01-01",), ("lb",), "male")
    kept = screener(store, analyst).index
    assert kept.screen(traveller) == [], "eleven when first listed"
    ended = {"id": "s-1", "schema": "Sanction", "properties": {"status": ["Delisted"]}}
    load(store, tmp_path / "ended.json", [ended], Handling.make("UNCLASSIFIED"), "un")
    found = screener(store, analyst)
    assert found.index is kept
    assert [h.entity_id for h in found.index.screen(traveller)] == ["wl-1"]
    assert found.entries.versions == load_entries(store.view(analyst)).versions
