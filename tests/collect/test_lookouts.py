from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.helpers import load, person
from vigie.collect.lookouts import decide, get_lookout, list_lookouts, request_lookout, withdraw
from vigie.errors import Forbidden, InvalidInput, NotFound
from vigie.model.grading import Grading
from vigie.model.handling import Handling
from vigie.model.lookout import Category, Decision, LookoutRequest, Status
from vigie.policy import audit
from vigie.policy.reader import Clearance, Reader, Role
from vigie.store import Store

TODAY = date(2026, 11, 24)
ANALYST = Reader("ana", Role.ANALYST, Clearance.SECRET)
OTHER_ANALYST = Reader("bob", Role.ANALYST, Clearance.SECRET)
SUPERVISOR = Reader("sue", Role.SUPERVISOR, Clearance.SECRET)
OFFICER = Reader("off", Role.OFFICER, Clearance.RELIABILITY)


def make_request(**changes: object) -> LookoutRequest:
    values: dict[str, object] = {
        "subject_name": "Karim Haddad",
        "category": Category.SMUGGLING_TRAFFICKING,
        "narrative": "Organises crossings for a smuggling network; see report 12.",
        "requesting_unit": "HQ Intelligence, Smuggling desk",
        "expires_on": TODAY + timedelta(days=90),
        "handling": Handling.make("PROTECTED B"),
        "grading": Grading.make("B", "2"),
        "subject_birth_date": date(1980, 5, 17),
        "subject_nationality": "lb",
        "subject_document": "RL1234567",
    }
    values.update(changes)
    return LookoutRequest(**values)  # type: ignore[arg-type]


def test_a_lookout_takes_effect_only_when_a_supervisor_approves(store: Store) -> None:
    pending = request_lookout(store, ANALYST, make_request(), TODAY)
    assert pending.status is Status.PENDING and not pending.in_effect(TODAY)
    assert store.view(SUPERVISOR).search("karim haddad") == []

    with pytest.raises(Forbidden):
        decide(store, OTHER_ANALYST, pending.id, Decision.APPROVE, "looks right", TODAY)
    approved = decide(store, SUPERVISOR, pending.id, Decision.APPROVE, "corroborated", TODAY)
    assert approved.status is Status.APPROVED and approved.in_effect(TODAY)
    assert not approved.in_effect(TODAY + timedelta(days=91))
    assert (approved.decided_by, approved.decision_reason) == ("sue", "corroborated")

    [hit] = store.view(ANALYST).search("karim haddad")
    entity, relations = store.view(ANALYST).entity(hit.entity.id)
    assert entity.proxy.get("passportNumber") == ["RL1234567"]
    [risk] = [r for r in relations if r.schema == "Risk"]
    risk_entity, _ = store.view(ANALYST).entity(risk.entity_id)
    assert risk_entity.proxy.get("topics") == ["crime.traffick"]
    assert risk_entity.proxy.get("status") == ["approved"]
    assert {f.source for f in risk_entity.facts} == {"lookouts"}

    with pytest.raises(InvalidInput, match="not pending"):
        decide(store, SUPERVISOR, pending.id, Decision.REJECT, "changed my mind", TODAY)


def test_requesters_cannot_approve_their_own_lookouts(store: Store) -> None:
    own = request_lookout(store, SUPERVISOR, make_request(), TODAY)
    with pytest.raises(Forbidden, match="someone other than its requester"):
        decide(store, SUPERVISOR, own.id, Decision.APPROVE, "trust me", TODAY)


def test_rejection_and_withdrawal_are_recorded_with_reasons(store: Store) -> None:
    first = request_lookout(store, ANALYST, make_request(), TODAY)
    rejected = decide(store, SUPERVISOR, first.id, Decision.REJECT, "insufficient basis", TODAY)
    assert rejected.status is Status.REJECTED
    second = request_lookout(store, ANALYST, make_request(), TODAY)
    with pytest.raises(Forbidden):
        withdraw(store, OTHER_ANALYST, second.id, "not mine", TODAY)
    decide(store, SUPERVISOR, second.id, Decision.APPROVE, "corroborated", TODAY)
    withdrawn = withdraw(store, ANALYST, second.id, "subject arrested", TODAY)
    assert withdrawn.status is Status.WITHDRAWN
    assert (withdrawn.decision_reason, withdrawn.withdrawal_reason) == (
        "corroborated",
        "subject arrested",
    )
    risk, _ = store.view(ANALYST).entity(f"lookout-{second.id}")
    assert sorted(risk.proxy.get("status")) == ["approved", "withdrawn"]
    actions = [e.action for e in audit.events(store.engine, limit=50)]
    for action in ("lookout.request", "lookout.decide", "lookout.withdraw"):
        assert action in actions
    assert audit.verify(store.engine).ok


def test_lookouts_follow_the_access_policy(store: Store, tmp_path: Path) -> None:
    secret = request_lookout(store, ANALYST, make_request(handling=Handling.make("SECRET")), TODAY)
    request_lookout(store, ANALYST, make_request(subject_name="Other Person"), TODAY)
    assert len(list_lookouts(store, ANALYST)) == 2
    assert [lk.request.subject_name for lk in list_lookouts(store, OFFICER)] == ["Other Person"]
    with pytest.raises(NotFound):
        get_lookout(store, OFFICER, secret.id)
    with pytest.raises(Forbidden):
        request_lookout(store, OFFICER, make_request(), TODAY)
    # A subject the requester may not see cannot be named in a lookout.
    load(
        store,
        tmp_path / "s.jsonl",
        [person("p-secret", "Hidden Person")],
        Handling.make("TOP SECRET"),
    )
    with pytest.raises(NotFound):
        request_lookout(store, ANALYST, make_request(subject_entity_id="p-secret"), TODAY)


def test_a_lookout_on_a_known_entity_links_to_it(store: Store, tmp_path: Path) -> None:
    load(store, tmp_path / "p.jsonl", [person("p-1", "Karim Haddad")], Handling.make("PROTECTED B"))
    found = request_lookout(store, ANALYST, make_request(subject_entity_id="p-1"), TODAY)
    decide(store, SUPERVISOR, found.id, Decision.APPROVE, "corroborated", TODAY)
    _, relations = store.view(ANALYST).entity("p-1")
    assert [r.entity_id for r in relations if r.schema == "Risk"] == [f"lookout-{found.id}"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"narrative": "bad"}, "narrative"),
        ({"requesting_unit": " "}, "requesting unit"),
        ({"expires_on": TODAY}, "expiry date"),
        ({"subject_name": "", "subject_entity_id": None}, "subject"),
        ({"subject_birth_date": TODAY + timedelta(days=1)}, "birth date"),
        ({"subject_nationality": "Frnace"}, "nationality 'Frnace' is not a country"),
    ],
)
def test_bad_requests_are_refused(
    sqlite_store: Store, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        request_lookout(sqlite_store, ANALYST, make_request(**changes), TODAY)
    assert list_lookouts(sqlite_store, ANALYST) == []


def test_unknown_category_is_refused() -> None:
    with pytest.raises(InvalidInput, match="unknown lookout category"):
        Category.parse("jaywalking")


def test_unknown_status_is_refused() -> None:
    assert Status.parse(" Pending") is Status.PENDING
    with pytest.raises(InvalidInput, match="unknown lookout status 'open'; expected one of"):
        Status.parse("open")


def test_a_nationality_is_stored_as_its_code(sqlite_store: Store) -> None:
    found = request_lookout(sqlite_store, ANALYST, make_request(subject_nationality="LBN"), TODAY)
    assert found.request.subject_nationality == "lb"
    decide(sqlite_store, SUPERVISOR, found.id, Decision.APPROVE, "corroborated", TODAY)
    [hit] = sqlite_store.view(ANALYST).search("karim haddad")
    assert hit.entity.proxy.get("nationality") == ["lb"]


def test_a_lookout_that_expired_while_pending_cannot_be_approved(sqlite_store: Store) -> None:
    soon = request_lookout(
        sqlite_store, ANALYST, make_request(expires_on=TODAY + timedelta(days=1)), TODAY
    )
    later = TODAY + timedelta(days=2)
    with pytest.raises(InvalidInput, match="expired on 2026-11-25"):
        decide(sqlite_store, SUPERVISOR, soon.id, Decision.APPROVE, "corroborated", later)
    assert get_lookout(sqlite_store, SUPERVISOR, soon.id).status is Status.PENDING
    assert sqlite_store.view(SUPERVISOR).search("karim haddad") == []
    # It can still be closed: rejected (or withdrawn) with the reason.
    rejected = decide(sqlite_store, SUPERVISOR, soon.id, Decision.REJECT, "expired", later)
    assert rejected.status is Status.REJECTED
