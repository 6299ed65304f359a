"""Redress records, on SQLite and PostgreSQL: a traveller known by document or by name and date
of birth is no longer raised against an entry (or any entry), the hit is still recorded as
suppressed with the record, and a revoked record lets the traveller be raised again."""

from __future__ import annotations

import pytest

from tests.screen.test_service import DATA, TRAVELLER, listed, user  # noqa: F401
from vigie.errors import Forbidden, InvalidInput, NotFound
from vigie.policy import audit
from vigie.screen import adjudication, redress
from vigie.screen.service import screen
from vigie.screen.subject import Subject
from vigie.store import Store


def test_a_redress_record_suppresses_repeat_hits_until_revoked(listed: Store) -> None:  # noqa: F811
    analyst, supervisor = user(listed, "analyst"), user(listed, "supervisor")
    first = screen(listed, analyst, [("t", TRAVELLER)], DATA)[0]
    assert [h.status for h in first.hits] == ["pending"]
    record = redress.grant(listed, supervisor, TRAVELLER, "wl-1", "Known namesake", DATA)
    assert record.handling.banner == "SECRET" and record.entity_id == "wl-1"
    again = screen(listed, analyst, [("t", TRAVELLER)], DATA)[0]
    [hit] = again.hits
    assert hit.status == "suppressed" and again.to_dict()["hits"] == []
    seen = adjudication.get_hit(listed, analyst, hit.id)
    assert seen.redress_id == record.id and seen.status == "suppressed"
    assert [h.id for h in adjudication.list_hits(listed, analyst, "suppressed")] == [hit.id]
    with pytest.raises(InvalidInput):
        adjudication.decide(listed, analyst, hit.id, adjudication.Decision.TRUE_MATCH, "No")
    redress.revoke(listed, supervisor, record.id, "Traveller's identity in doubt")
    third = screen(listed, analyst, [("t", TRAVELLER)], DATA)[0]
    assert [h.status for h in third.hits] == ["pending"]
    actions = [e.action for e in audit.events(listed.engine, limit=20)]
    assert "screen.redress.grant" in actions and "screen.redress.revoke" in actions


def test_a_record_by_document_covers_every_entry_and_other_spellings(listed: Store) -> None:  # noqa: F811
    analyst, auditor = user(listed, "analyst"), user(listed, "auditor")
    holder = Subject(("Mohamed Tikriti",), documents=("A1234567",))
    redress.grant(listed, auditor, holder, None, "Redress request 2026-14", DATA)
    spelled = Subject(("Muhammad al-Tikriti",), ("1970-03-05",), documents=("a123-4567",))
    [hit] = screen(listed, analyst, [("t", spelled)], DATA)[0].hits
    assert hit.status == "suppressed"
    # Someone else with the same name and birth date but no document is still raised.
    other = Subject(("Muhammad al-Tikriti",), ("1970-03-05",))
    assert [h.status for h in screen(listed, analyst, [("o", other)], DATA)[0].hits] == ["pending"]


def test_who_may_grant_and_what_a_record_needs(listed: Store) -> None:  # noqa: F811
    supervisor = user(listed, "supervisor")
    with pytest.raises(Forbidden):
        redress.grant(listed, user(listed, "analyst"), TRAVELLER, None, "Why", DATA)
    with pytest.raises(Forbidden):
        redress.grant(listed, user(listed, "officer"), TRAVELLER, None, "Why", DATA)
    with pytest.raises(InvalidInput):
        redress.grant(listed, supervisor, Subject(("Mohamed Tikriti",)), None, "Why", DATA)
    with pytest.raises(InvalidInput):
        redress.grant(listed, supervisor, TRAVELLER, None, "  ", DATA)
    with pytest.raises(NotFound):
        redress.grant(listed, supervisor, TRAVELLER, "no-such-entry", "Why", DATA)
    record = redress.grant(listed, supervisor, TRAVELLER, "wl-1", "Namesake", DATA)
    # The officer may not see the SECRET entry, so not the record that names it either.
    assert redress.list_redress(listed, user(listed, "officer")) == []
    assert [r.id for r in redress.list_redress(listed, supervisor, "wl-1")] == [record.id]
    redress.revoke(listed, supervisor, record.id, "Done")
    with pytest.raises(InvalidInput):
        redress.revoke(listed, supervisor, record.id, "Again")


def test_a_clearance_follows_the_travellers_keys(listed: Store) -> None:  # noqa: F811
    """Cleared by document: the same document under another spelling stays quiet; the same name
    with another date of birth and no document is another traveller, and is raised."""
    analyst = user(listed, "analyst")
    holder = Subject(("Mohamed Tikriti",), ("1970-03-05",), documents=("A1234567",))
    [first] = screen(listed, analyst, [("t", holder)], DATA)[0].hits
    adjudication.decide(listed, analyst, first.id, adjudication.Decision.FALSE_POSITIVE, "Other")
    spelled = Subject(("Muhammad Husayn al-Tikriti",), documents=("A 1234567",))
    assert [h.status for h in screen(listed, analyst, [("s", spelled)], DATA)[0].hits] == [
        "cleared"
    ]
    changed = Subject(("Mohamed Tikriti",), ("1970-05-03",))
    assert [h.status for h in screen(listed, analyst, [("c", changed)], DATA)[0].hits] == [
        "pending"
    ]
