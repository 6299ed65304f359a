"""An officer's document check against the store: lost and stolen (exact and near), documents
already seen with another holder, consistency, the verdict, the record, the audit and the
referral to intelligence; each only with what the reader may see."""

from __future__ import annotations

from datetime import date

import pytest

from tests.documents.conftest import ANALYST, OFFICER, PARTNER, REGIONAL, TODAY, mrz
from vigie.documents.check import (
    CheckResult,
    Verdict,
    check_document,
    list_referrals,
    refer,
    review,
)
from vigie.documents.consistency import Declared
from vigie.errors import Forbidden, InvalidInput, NotFound
from vigie.policy import audit
from vigie.store import Store


def codes(result: CheckResult) -> list[tuple[str, str]]:
    return [(f.code, f.field) for f in result.findings]


def last_event(store: Store) -> audit.Event:
    return next(iter(audit.events(store.engine, limit=1)))


def test_a_clean_document_is_clear_recorded_and_audited(documents_store: Store) -> None:
    result = check_document(documents_store, OFFICER, mrz("N7654321"), today=TODAY)
    assert result.verdict is Verdict.CLEAR
    assert result.findings == []
    assert result.reading.fields["document_number"] == "N7654321"
    event = last_event(documents_store)
    assert (event.action, event.target) == ("document.check", f"document-check:{result.id}")
    assert event.details["verdict"] == "clear"


def test_a_stolen_number_gives_an_alert(documents_store: Store) -> None:
    result = check_document(
        documents_store, OFFICER, mrz("RL1234567", "Khoury", "Rania"), today=TODAY
    )
    assert result.verdict is Verdict.ALERT
    assert codes(result) == [("lost-stolen", "document_number")]
    assert "reported stolen" in result.findings[0].message
    assert [s.document.id for s in result.lost_stolen] == ["pp-stolen"]
    assert last_event(documents_store).details["entities"] == ["pp-stolen", "p-rania"]


def test_a_near_miss_of_a_stolen_number_is_named(documents_store: Store) -> None:
    result = check_document(
        documents_store, OFFICER, mrz("RL1234S67", "Khoury", "Rania"), today=TODAY
    )
    assert result.verdict is Verdict.EXAMINE
    (finding,) = result.findings
    assert finding.code == "lost-stolen"
    assert "RL1234567" in finding.message
    assert "“S” for “5” at position 7, a common OCR and typing confusion" in finding.message


def test_a_document_seen_with_another_holder(documents_store: Store) -> None:
    zone = mrz("N0123456", "Sokolov", "Viktor")
    result = check_document(documents_store, OFFICER, zone, today=TODAY)
    assert codes(result) == [("other-holder", "document_number")]
    assert "Amira Haddad" in result.findings[0].message
    assert result.verdict is Verdict.EXAMINE
    # The same holder is no finding.
    same = check_document(documents_store, OFFICER, mrz("N0123456"), today=TODAY)
    assert same.findings == []


def test_the_birth_date_on_record_for_the_same_holder(documents_store: Store) -> None:
    zone = mrz("N0123456", birth=date(1988, 3, 15))
    result = check_document(documents_store, OFFICER, zone, today=TODAY)
    assert codes(result) == [("mismatch", "birth_date")]
    assert "on record for this document's holder, 1988-03-14" in result.findings[0].message


def test_a_check_shows_only_what_its_reader_may_see(documents_store: Store) -> None:
    """The visa file is PROTECTED B and not releasable: a partner learns nothing of it, and
    the SECRET passport stays hidden from an officer with reliability status."""
    zone = mrz("N0123456", "Sokolov", "Viktor")
    assert check_document(documents_store, PARTNER, zone, today=TODAY).findings == []
    secret = mrz("N0999999", "Haddad", "Amira")
    assert check_document(documents_store, OFFICER, secret, today=TODAY).findings == []
    assert codes(check_document(documents_store, ANALYST, secret, today=TODAY)) == [
        ("other-holder", "document_number")
    ]


def test_the_check_is_marked_with_what_it_shows(documents_store: Store) -> None:
    secret = mrz("N0999999", "Haddad", "Amira")
    result = check_document(documents_store, ANALYST, secret, today=TODAY)
    assert result.handling.marking.label == "SECRET"
    refer(documents_store, ANALYST, result.id, "Two holders for one booklet")
    assert list_referrals(documents_store, REGIONAL) == []
    assert [c.id for c in list_referrals(documents_store, ANALYST)] == [result.id]


def test_consistency_with_what_was_typed(documents_store: Store) -> None:
    declared = Declared(
        surname="Haddad",
        given_names="Amina",
        birth_date=date(1988, 3, 15),
        sex="M",
        nationality="SYR",
        travel_date=date(2030, 6, 1),
    )
    result = check_document(documents_store, OFFICER, mrz("N7654321"), declared, today=TODAY)
    assert codes(result) == [
        ("mismatch", "given_names"),
        ("mismatch", "birth_date"),
        ("mismatch", "sex"),
        ("mismatch", "nationality"),
        ("expired", "expiry_date"),
    ]
    assert result.verdict is Verdict.EXAMINE


def test_names_typed_with_diacritics_match_their_mrz_form(documents_store: Store) -> None:
    zone = mrz("N7654321", "Müller", "Zoë")
    declared = Declared(surname="Müller", given_names="Zoë", nationality="lb")
    assert check_document(documents_store, OFFICER, zone, declared, today=TODAY).findings == []


def test_age_plausibility(documents_store: Store) -> None:
    # Two-digit years put every MRZ birth date within the last century: born in 2000, so the
    # holder of a booklet issued in 1999 for travel in 1999 is not born yet.
    zone = mrz("N7654321", birth=date(1900, 1, 1))
    declared = Declared(issued=date(1999, 1, 1), travel_date=date(1999, 6, 1))
    assert codes(check_document(documents_store, OFFICER, zone, declared, today=TODAY)) == [
        ("age", "birth_date"),
        ("age", "birth_date"),
    ]


def test_a_broken_mrz_is_examined_with_its_findings(documents_store: Store) -> None:
    zone = mrz("N7654321")
    zone[1] = zone[1][:9] + "0" + zone[1][10:]
    result = check_document(documents_store, OFFICER, zone, today=TODAY)
    assert ("check-digit", "document_number") in codes(result)
    assert result.verdict is Verdict.EXAMINE


def test_an_empty_zone_is_refused(documents_store: Store) -> None:
    with pytest.raises(InvalidInput, match="mrz"):
        check_document(documents_store, OFFICER, ["  "], today=TODAY)


def test_referral_and_review(documents_store: Store) -> None:
    result = check_document(
        documents_store, OFFICER, mrz("RL1234567", "Khoury", "Rania"), today=TODAY
    )
    with pytest.raises(InvalidInput, match="reason"):
        refer(documents_store, OFFICER, result.id, " ")
    referred = refer(documents_store, OFFICER, result.id, "Stolen booklet presented at the gate")
    assert referred.referred_by == "officer"
    assert last_event(documents_store).action == "document.refer"
    with pytest.raises(InvalidInput, match="already"):
        refer(documents_store, OFFICER, result.id, "again")
    with pytest.raises(Forbidden):
        list_referrals(documents_store, OFFICER)
    queue = list_referrals(documents_store, ANALYST)
    assert [(c.id, c.verdict, c.referral_reason) for c in queue] == [
        (result.id, Verdict.ALERT, "Stolen booklet presented at the gate")
    ]
    assert queue[0].findings[0]["code"] == "lost-stolen"
    done = review(documents_store, ANALYST, result.id, "Seized; liaison informed")
    assert done.reviewed_by == "analyst"
    assert list_referrals(documents_store, ANALYST) == []
    assert [c.id for c in list_referrals(documents_store, ANALYST, reviewed=True)] == [result.id]


def test_a_check_another_may_not_see_cannot_be_referred(documents_store: Store) -> None:
    secret = check_document(documents_store, ANALYST, mrz("N0999999"), today=TODAY)
    with pytest.raises(NotFound):
        refer(documents_store, OFFICER, secret.id, "curious")
