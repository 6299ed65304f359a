"""Document alerts: the matching rule, publishing (which matches every stored document),
matching checked documents, the analyst's review, withdrawal; each filtered by the policy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.documents.conftest import ANALYST, MIO, OFFICER, REGIONAL, TODAY, mrz, passport
from tests.helpers import load, person
from vigie.documents.alert import AlertSpec, AlertStatus, DocumentFacts, MatchStatus, state_key
from vigie.documents.alerts import (
    decide_match,
    list_alerts,
    list_matches,
    match_store,
    publish_alert,
    withdraw_alert,
)
from vigie.documents.check import Verdict, check_document
from vigie.errors import Forbidden, InvalidInput
from vigie.model.grading import Grading
from vigie.model.handling import Handling
from vigie.store import Store

PB = Handling.make("PROTECTED B")


def spec(**values: object) -> AlertSpec:
    base: dict[str, object] = {
        "title": "Counterfeit Lebanese N0 series",
        "features": "Laminate lifts at the corner; photo is printed, not engraved.",
        "handling": PB,
        "grading": Grading.make("B", "2"),
        "issuing_state": "LBN",
        "number_pattern": "N0######",
    }
    base.update(values)
    return AlertSpec(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "facts", "matches"),
    [
        ({}, DocumentFacts("N0123456", "lb"), True),
        ({}, DocumentFacts("N1123456", "lb"), False),
        ({}, DocumentFacts("N0123456", "sy"), False),
        ({}, DocumentFacts("N0123456", None), False),
        ({"number_pattern": "N0*"}, DocumentFacts("N0", "lb"), True),
        ({"number_pattern": "@@###?"}, DocumentFacts("AB123Z", "lb"), True),
        ({"number_pattern": "@@###?"}, DocumentFacts("A1123Z", "lb"), False),
        ({"number_pattern": None, "number_from": "N0100000", "number_to": "N0199999"},
         DocumentFacts("N0150000", "lb"), True),
        ({"number_pattern": None, "number_from": "N0100000", "number_to": "N0199999"},
         DocumentFacts("N0200000", "lb"), False),
        ({"number_pattern": None, "number_from": "N0100000", "number_to": "N0199999"},
         DocumentFacts("N015000", "lb"), False),
        ({"document_type": "passport"}, DocumentFacts("N0123456", "lb", "visa"), False),
        ({"document_type": "passport"}, DocumentFacts("N0123456", "lb", "passport"), True),
        ({"issued_from": date(2020, 1, 1), "issued_to": date(2020, 12, 31)},
         DocumentFacts("N0123456", "lb", None, date(2021, 1, 1)), False),
        ({"issued_from": date(2020, 1, 1), "issued_to": date(2020, 12, 31)},
         DocumentFacts("N0123456", "lb", None, date(2020, 5, 1)), True),
        # An unknown issue date matches, and the reasons say so.
        ({"issued_from": date(2020, 1, 1)}, DocumentFacts("N0123456", "lb"), True),
        ({"issuing_state": "D", "number_pattern": None}, DocumentFacts("C01X00T47", "de"), True),
    ],
)  # fmt: skip
def test_the_matching_rule(values: dict[str, object], facts: DocumentFacts, matches: bool) -> None:
    reasons = spec(**values).reasons(facts)
    assert (reasons is not None) is matches
    if reasons is not None:
        assert reasons


def test_states_are_one_however_written() -> None:
    assert state_key("LBN") == state_key("lb") == "lb"
    assert state_key("D<<") == state_key("DEU") == "de"
    assert state_key("XXA") == "xxa"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": " "}, "title"),
        ({"features": "look"}, "features"),
        ({"issuing_state": "ZZZ"}, "issuing_state"),
        ({"document_type": "booklet"}, "document_type"),
        ({"number_pattern": "N0[0-9]+"}, "number_pattern"),
        ({"number_from": "N0100000"}, "number_to"),
        ({"number_from": "N0200000", "number_to": "N0100000"}, "number_to"),
        ({"issued_from": date(2021, 1, 1), "issued_to": date(2020, 1, 1)}, "issued_to"),
        ({"expires_on": date(2020, 1, 1)}, "expires_on"),
        ({"issuing_state": None, "number_pattern": None}, "number_pattern"),
    ],
)
def test_an_alert_that_cannot_be_published_names_the_field(
    values: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput, match=f"^{field}:"):
        spec(**values).validate(TODAY)


def test_publishing_matches_every_stored_document(documents_store: Store) -> None:
    alert, matched = publish_alert(documents_store, MIO, spec(), TODAY)
    assert matched == 2  # pp-amira (PROTECTED B) and pp-viktor (SECRET)
    assert alert.status is AlertStatus.ACTIVE
    found = list_matches(documents_store, ANALYST)
    assert sorted(m.entity_id or "" for m in found) == ["pp-amira", "pp-viktor"]
    viktor = next(m for m in found if m.entity_id == "pp-viktor")
    assert viktor.handling.marking.label == "SECRET"
    assert "number N0999999 fits N0######" in viktor.reasons
    # A regional analyst with reliability status sees only the PROTECTED B match.
    assert [m.entity_id for m in list_matches(documents_store, REGIONAL)] == ["pp-amira"]
    assert match_store(documents_store, today=TODAY) == 0


def test_documents_stored_later_are_matched_by_the_next_run(
    documents_store: Store, tmp_path: Path
) -> None:
    publish_alert(documents_store, MIO, spec(), TODAY)
    load(
        documents_store,
        tmp_path / "later.json",
        [person("p-new", "Nadia Aoun"), passport("pp-new", "N0555555", "p-new")],
        PB,
    )
    assert match_store(documents_store, today=TODAY) == 1
    assert match_store(documents_store, today=TODAY) == 0


def test_the_analysts_queue_matches_documents_imported_since(
    documents_store: Store, tmp_path: Path
) -> None:
    publish_alert(documents_store, MIO, spec(), TODAY)
    load(
        documents_store,
        tmp_path / "later.json",
        [person("p-new", "Nadia Aoun"), passport("pp-new", "N0555555", "p-new")],
        PB,
    )
    assert "pp-new" in [m.entity_id for m in list_matches(documents_store, ANALYST)]


def test_a_checked_document_matching_an_alert(documents_store: Store) -> None:
    publish_alert(documents_store, MIO, spec(), TODAY)
    result = check_document(documents_store, OFFICER, mrz("N0777777"), today=TODAY)
    assert result.verdict is Verdict.ALERT
    (hit,) = result.alerts
    assert hit.title == "Counterfeit Lebanese N0 series"
    assert "Laminate" in hit.features
    assert "issued by LBN" in hit.reasons
    checked = [m for m in list_matches(documents_store, ANALYST) if m.check_id == result.id]
    assert [m.document_number for m in checked] == ["N0777777"]


def test_an_alert_the_officer_may_not_see_still_reaches_the_analyst(
    documents_store: Store,
) -> None:
    publish_alert(documents_store, MIO, spec(handling=Handling.make("SECRET")), TODAY)
    result = check_document(documents_store, OFFICER, mrz("N0777777"), today=TODAY)
    assert result.alerts == []
    assert result.verdict is Verdict.CLEAR
    checked = [m for m in list_matches(documents_store, ANALYST) if m.check_id == result.id]
    assert len(checked) == 1
    assert checked[0].handling.marking.label == "SECRET"
    assert all(m.check_id != result.id for m in list_matches(documents_store, REGIONAL))


def test_the_analyst_decides_each_match(documents_store: Store) -> None:
    publish_alert(documents_store, MIO, spec(), TODAY)
    first = list_matches(documents_store, ANALYST)[0]
    with pytest.raises(InvalidInput, match="reason"):
        decide_match(documents_store, ANALYST, first.id, MatchStatus.CONFIRMED, "")
    decided = decide_match(
        documents_store,
        ANALYST,
        first.id,
        MatchStatus.DISMISSED,
        "Genuine: issued before the series",
    )
    assert (decided.status, decided.decided_by) == (MatchStatus.DISMISSED, "analyst")
    assert first.id not in [m.id for m in list_matches(documents_store, ANALYST)]
    with pytest.raises(InvalidInput, match="already"):
        decide_match(documents_store, ANALYST, first.id, MatchStatus.CONFIRMED, "changed mind")
    with pytest.raises(Forbidden):
        list_matches(documents_store, OFFICER)


def test_a_withdrawn_alert_matches_nothing_more(documents_store: Store) -> None:
    alert, _matched = publish_alert(documents_store, MIO, spec(), TODAY)
    with pytest.raises(Forbidden):
        withdraw_alert(documents_store, OFFICER, alert.id, "no")
    withdrawn = withdraw_alert(documents_store, MIO, alert.id, "Series recalled by the issuer")
    assert withdrawn.status is AlertStatus.WITHDRAWN
    result = check_document(documents_store, OFFICER, mrz("N0777777"), today=TODAY)
    assert result.alerts == []
    assert [a.id for a in list_alerts(documents_store, OFFICER, AlertStatus.WITHDRAWN)] == [
        alert.id
    ]


def test_an_officer_may_not_publish(documents_store: Store) -> None:
    with pytest.raises(Forbidden):
        publish_alert(documents_store, OFFICER, spec(), TODAY)
