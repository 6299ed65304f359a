"""Admissibility referrals, on SQLite and PostgreSQL: a confirmed match or an entity becomes a
referral naming grounds, each with facts that keep their source and grading; it carries the
highest handling of its evidence; only an officer decides it, always with a reason."""

from __future__ import annotations

import pytest

from tests.screen.test_service import DATA, TRAVELLER, listed, user  # noqa: F401
from vigie.errors import Forbidden, InvalidInput, NotFound
from vigie.policy import audit
from vigie.screen import adjudication, referral
from vigie.screen.grounds import Ground, suggest
from vigie.screen.referral import NewReferral, Outcome
from vigie.screen.service import screen
from vigie.store import Store


def _confirmed_hit(store: Store) -> int:
    analyst = user(store, "analyst")
    hit = screen(store, analyst, [("t", TRAVELLER)], DATA)[0].hits[0]
    adjudication.decide(store, analyst, hit.id, adjudication.Decision.TRUE_MATCH, "Same man")
    return hit.id


def _fact(store: Store, entity_id: str, prop: str) -> str:
    found = referral.candidates(store, user(store, "analyst"), entity_id)
    return next(e.fact.id for e in found.facts if e.fact.prop == prop)


def test_a_confirmed_match_becomes_a_referral_and_an_officer_decides(listed: Store) -> None:  # noqa: F811
    hit_id = _confirmed_hit(listed)
    passport = _fact(listed, "wl-1", "passportNumber")
    risk = next(
        e.fact.id
        for e in referral.candidates(listed, user(listed, "analyst"), "wl-1").facts
        if e.fact.entity_id == "r-1" and e.fact.prop == "entity"
    )
    made = referral.create(
        listed,
        user(listed, "analyst"),
        NewReferral(
            "Listed for financing; confirmed by passport.",
            {Ground.SECURITY: "Risk listing", Ground.MISREPRESENTATION: "Passport"},
            [(Ground.SECURITY, risk), (Ground.MISREPRESENTATION, passport)],
            hit_id=hit_id,
        ),
    )
    assert made.status == "open" and made.handling.banner == "SECRET"
    assert made.subject is not None and made.subject["names"] == list(TRAVELLER.names)
    security = made.grounds[0]
    assert security.ground is Ground.SECURITY and security.ground.section == "s. 34"
    [evidence] = security.evidence
    assert evidence.fact.source == "watchlist" and evidence.fact.grading.code
    # The officer with reliability status may not see this SECRET referral at all.
    with pytest.raises(NotFound):
        referral.get(listed, user(listed, "officer"), made.id)
    with pytest.raises(Forbidden):
        referral.decide(listed, user(listed, "analyst"), made.id, Outcome.INADMISSIBLE, "Yes")
    supervisor = user(listed, "supervisor")
    with pytest.raises(InvalidInput):
        referral.decide(listed, supervisor, made.id, Outcome.INADMISSIBLE, " ")
    asked = referral.decide(listed, supervisor, made.id, Outcome.FURTHER_INFORMATION, "Need CV")
    assert asked.open and asked.status == "further-information"
    done = referral.decide(listed, supervisor, made.id, Outcome.INADMISSIBLE, "s. 34(1)(f)")
    assert not done.open and [d.decision for d in done.decisions] == [
        "further-information",
        "inadmissible",
    ]
    with pytest.raises(InvalidInput):
        referral.decide(listed, supervisor, made.id, Outcome.ADMISSIBLE, "Changed")
    [event] = audit.events(listed.engine, action="referral.decide", limit=1)
    assert event.details["reason"] == "s. 34(1)(f)"
    [created] = audit.events(listed.engine, action="referral.create", limit=1)
    assert created.details["grounds"] == ["misrepresentation", "security"]


def test_only_a_confirmed_hit_is_referred_with_evidence_per_ground(listed: Store) -> None:  # noqa: F811
    analyst = user(listed, "analyst")
    pending = screen(listed, analyst, [("t", TRAVELLER)], DATA)[0].hits[0]
    name = _fact(listed, "wl-1", "name")
    ground = {Ground.SECURITY: ""}
    with pytest.raises(InvalidInput, match="confirmed"):
        referral.create(
            listed, analyst, NewReferral("x", ground, [(Ground.SECURITY, name)], pending.id)
        )
    hit_id = _confirmed_hit(listed)
    with pytest.raises(InvalidInput, match="at least one fact"):
        referral.create(listed, analyst, NewReferral("x", ground, [], hit_id))
    with pytest.raises(InvalidInput, match="does not name"):
        referral.create(listed, analyst, NewReferral("x", ground, [(Ground.HEALTH, name)], hit_id))
    with pytest.raises(InvalidInput, match="no fact"):
        referral.create(
            listed, analyst, NewReferral("x", ground, [(Ground.SECURITY, "nope")], hit_id)
        )
    with pytest.raises(InvalidInput, match="narrative"):
        referral.create(
            listed, analyst, NewReferral(" ", ground, [(Ground.SECURITY, name)], hit_id)
        )
    with pytest.raises(Forbidden):
        referral.create(
            listed,
            user(listed, "auditor"),
            NewReferral("x", ground, [(Ground.SECURITY, name)], entity_id="wl-2"),
        )


def test_an_analysts_finding_about_an_entity_and_the_filters(listed: Store) -> None:  # noqa: F811
    officer = user(listed, "officer")
    found = referral.candidates(listed, officer, "wl-2")
    assert [s.ground for s in found.suggestions] == [Ground.HUMAN_RIGHTS]
    topic = next(e.fact.id for e in found.facts if e.fact.prop == "topics")
    made = referral.create(
        listed,
        officer,
        NewReferral(
            "Sanctioned.",
            {Ground.HUMAN_RIGHTS: "Sanctions listing"},
            [(Ground.HUMAN_RIGHTS, topic)],
            entity_id="wl-2",
        ),
    )
    assert made.handling.banner == "UNCLASSIFIED" and made.hit_id is None
    assert [r.id for r in referral.list_referrals(listed, officer, "open")] == [made.id]
    assert referral.list_referrals(listed, officer, ground=Ground.SECURITY) == []
    [listed_one] = referral.list_referrals(listed, officer, ground=Ground.HUMAN_RIGHTS)
    assert listed_one.ground_codes == (Ground.HUMAN_RIGHTS,)
    assert referral.list_referrals(listed, officer, entity_id="wl-1") == []
    with pytest.raises(InvalidInput):
        referral.list_referrals(listed, officer, "shut")
    decided = referral.decide(listed, officer, made.id, Outcome.ADMISSIBLE, "Delisted in 2025")
    assert decided.decisions[0].decided_by == "officer"
    with pytest.raises(NotFound):
        referral.candidates(listed, officer, "wl-1")


def test_suggestions_name_the_topic_and_follow_the_act() -> None:
    found = suggest(["crime", "crime.terror", "poi"])
    assert [(s.ground, s.topic) for s in found] == [
        (Ground.SECURITY, "crime.terror"),
        (Ground.SERIOUS_CRIMINALITY, "crime"),
    ]
    assert Ground.parse(" Security ") is Ground.SECURITY
    with pytest.raises(InvalidInput):
        Ground.parse("s34")
