"""Broken PAXLST: each message rejected with its segment and reason, nothing of it stored, and
the other messages of the interchange imported all the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.collect.test_paxlst import (
    DATA,
    count,
    facts,
    flight,
    import_text,
    interchange,
    message,
    traveller,
)
from vigie.policy import audit
from vigie.store import Store
from vigie.store.tables import report, statement

GOOD = message("1", flight(traveller()))


def _replaced(segments: list[str], old: str, new: str) -> list[str]:
    assert old in segments, old
    return [new if s == old else s for s in segments]


def _only_error(outcomes: list[object], expected: str) -> None:
    errors = [getattr(o, "error", None) for o in outcomes]
    assert len(errors) == 1 and errors[0] is not None, errors
    assert expected in errors[0], errors[0]


# Segments of GOOD: UNH 1, BGM 2, TDT 3, LOC 4, DTM 5, LOC 6, DTM 7, NAD 8, ATT 9, DTM 10,
# LOC 11, LOC 12, NAT 13, RFF 14, DOC 15, DTM 16, LOC 17, CNT 18, UNT 19.
BROKEN = {
    "wrong segment count": (
        _replaced(GOOD, "UNT+19+1", "UNT+18+1"),
        "message 1, segment 19 (UNT): UNT counts 18 segments but the message has 19",
    ),
    "UNH/UNT reference mismatch": (
        _replaced(GOOD, "UNT+19+1", "UNT+19+2"),
        "message 1, segment 19 (UNT): UNT's reference '2' does not match UNH's '1'",
    ),
    "missing UNT": (
        GOOD[:-1],
        "message 1, segment 19 (UNZ): the message ends without UNT",
    ),
    "impossible birth date": (
        _replaced(GOOD, "DTM+329:850212", "DTM+329:850231"),
        "message 1, segment 10 (DTM): invalid date '850231' (format 101)",
    ),
    "bad departure time": (
        _replaced(GOOD, "DTM+189:2503071850:201", "DTM+189:2503072561:201"),
        "message 1, segment 5 (DTM): invalid date '2503072561' (format 201)",
    ),
    "date of the wrong length": (
        _replaced(GOOD, "DTM+36:300101", "DTM+36:3001011:101"),
        "message 1, segment 16 (DTM): invalid date '3001011' (format 101)",
    ),
    "unknown country": (
        _replaced(GOOD, "NAT+2+CAN", "NAT+2+XYZ"),
        "message 1, segment 13 (NAT): unknown country code 'XYZ'",
    ),
    "bad airport": (
        _replaced(GOOD, "LOC+87+CDG", "LOC+87+PARIS"),
        "message 1, segment 6 (LOC): 'PARIS' is not an airport code",
    ),
    "unknown sex": (
        _replaced(GOOD, "ATT+2++F", "ATT+2++Q"),
        "message 1, segment 9 (ATT): unknown sex code 'Q'",
    ),
    "no family name": (
        _replaced(GOOD, "NAD+FL+++DOE:JANE", "NAD+FL+++:JANE"),
        "message 1, segment 8 (NAD): the traveller has no family name",
    ),
    "no flight": (
        message("1", [s for s in GOOD[1:-1] if not s.startswith("TDT")]),
        "message 1, segment 7 (NAD): the message gives no TDT+20 before this segment",
    ),
    "crew member on a passenger list": (
        message("1", flight(traveller(qualifier="FM"))),
        "message 1, segment 8 (NAD): a crew member (NAD+FM) in a passenger list",
    ),
    "wrong passenger count": (
        message("1", flight(traveller(), count=2)),
        "message 1, segment 18 (CNT): CNT+42 counts 2 but the message lists 1",
    ),
    "not a passenger list": (
        _replaced(GOOD, "BGM+745", "BGM+380"),
        "message 1, segment 2 (BGM): document code '380' is no passenger list (745) or crew list",
    ),
    "not PAXLST": (
        _replaced(GOOD, "UNH+1+PAXLST:D:05B:UN:IATA", "UNH+1+CUSRES:D:05B:UN"),
        "message 1, segment 1 (UNH): the message is CUSRES, not PAXLST",
    ),
    "document date before any DOC": (
        _replaced(GOOD, "DTM+329:850212", "DTM+36:300101"),
        "message 1, segment 10 (DTM): this comes before any DOC segment",
    ),
    "bad document number": (
        _replaced(GOOD, "DOC+P:110:111+P1234567", "DOC+P:110:111"),
        "message 1, segment 15 (DOC): the document has no type or no number",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_message_is_rejected_and_stores_nothing(
    store: Store, tmp_path: Path, case: str
) -> None:
    segments, expected = BROKEN[case]
    outcomes = import_text(store, tmp_path, interchange(segments))
    _only_error(outcomes, f"api.edi, {expected}")
    assert count(store, statement) == 0 and count(store, report) == 0
    assert audit.count(store.engine) == 0


def test_the_other_messages_of_a_batch_are_imported(store: Store, tmp_path: Path) -> None:
    bad = message("2", flight(traveller("ROE", birth="DTM+329:850231")))
    third = message("3", flight(traveller("POE", number="Z9")))
    outcomes = import_text(store, tmp_path, interchange(GOOD, bad, third))
    assert [o.error is None for o in outcomes] == [True, False, True]
    assert outcomes[1].label == "api.edi, message 2"
    assert outcomes[1].error == (
        "api.edi, message 2, segment 10 (DTM): invalid date '850231' (format 101)"
    )
    names = {n for p in facts(store).values() for n in p.get("lastName", ())}
    assert names == {"DOE", "POE"}
    assert count(store, report) == 2


def _latin_1(syntax: str) -> bytes:
    text = interchange(message("1", flight(traveller("JOSÉ"))), syntax=syntax)
    return text.encode("latin-1")


def test_latin_1_bytes_under_unoa_are_rejected(store: Store, tmp_path: Path) -> None:
    outcomes = import_text(store, tmp_path, _latin_1("UNOA"))
    _only_error(
        outcomes,
        "api.edi, message 1, segment 8 (NAD): byte 0xC9 is not valid in UNOA (7-bit ASCII), "
        "the character set UNB declares",
    )
    assert count(store, statement) == 0
    # Declared as UNOC (ISO 8859-1), the same bytes are right.
    [outcome] = import_text(store, tmp_path, _latin_1("UNOC"), "latin.edi")
    assert outcome.result is not None, outcome.error
    assert {"JOSÉ"} in [p.get("lastName") for p in facts(store).values()]


def test_utf_8_declared_as_latin_1_is_rejected(sqlite_store: Store, tmp_path: Path) -> None:
    text = interchange(message("1", flight(traveller("JOSÉ"))), syntax="UNOC")
    outcomes = import_text(sqlite_store, tmp_path, text.encode("utf-8"))
    _only_error(
        outcomes,
        "message 1, segment 8 (NAD): the text is UTF-8 but UNB declares UNOC (ISO 8859-1); "
        "declare UNOW",
    )
    [outcome] = import_text(
        sqlite_store, tmp_path, text.replace("UNOC", "UNOW").encode("utf-8"), "utf8.edi"
    )
    assert outcome.result is not None, outcome.error


def test_bad_utf_8_and_control_characters_are_rejected(sqlite_store: Store, tmp_path: Path) -> None:
    text = interchange(message("1", flight(traveller("JOSÉ"))), syntax="UNOW")
    _only_error(
        import_text(sqlite_store, tmp_path, text.encode("latin-1")),
        "message 1, segment 8 (NAD): byte 0xC9 is not valid in UNOW (UTF-8)",
    )
    control = interchange(message("1", flight(traveller("DO\x07E"))))
    _only_error(
        import_text(sqlite_store, tmp_path, control, "bell.edi"),
        "bell.edi, message 1, segment 8 (NAD): control character U+0007 in the text",
    )
    assert count(sqlite_store, statement) == 0


def test_a_truncated_file_keeps_the_messages_before_the_cut(store: Store, tmp_path: Path) -> None:
    second = message("2", flight(traveller("ROE")))
    text = interchange(GOOD, second)
    cut = text[: text.index("DTM+329:850212", text.index("UNH+2")) + 8]
    outcomes = import_text(store, tmp_path, cut)
    assert outcomes[0].result is not None
    assert outcomes[1].error == (
        "api.edi, message 2, segment 10 (DTM): the file ends inside this segment, which has no "
        "terminator: truncated?"
    )
    assert len(outcomes) == 2
    assert {n for p in facts(store).values() for n in p.get("lastName", ())} == {"DOE"}


def test_envelope_errors_are_reported_for_the_file(store: Store, tmp_path: Path) -> None:
    text = interchange(GOOD).replace("UNZ+1+77", "UNZ+2+78")
    outcomes = import_text(store, tmp_path, text)
    assert outcomes[0].result is not None, "the message checks out on its own"
    assert [o.error for o in outcomes[1:]] == [
        "api.edi, segment UNZ: it counts 2 messages but there are 1",
        "api.edi, segment UNZ: its reference '78' does not match '77'",
    ]
    no_end = interchange(GOOD).replace("UNZ+1+77'\n", "")
    outcomes = import_text(store, tmp_path, no_end, "no-end.edi")
    assert outcomes[0].result is not None and outcomes[0].result.repeated
    assert outcomes[1].error == (
        "no-end.edi, segment UNZ: the interchange ends without UNZ: truncated?"
    )


def test_functional_groups_are_checked(sqlite_store: Store, tmp_path: Path) -> None:
    text = (DATA / "passenger-list.edi").read_text(encoding="ascii").replace("UNE+1+1", "UNE+2+1")
    outcomes = import_text(sqlite_store, tmp_path, text)
    assert outcomes[0].result is not None
    assert outcomes[1].error == "api.edi, segment UNE: it counts 2 messages but there are 1"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"id": "p1", "schema": "Person"}\n', "not an EDIFACT interchange: it must begin"),
        (b"", "junk.edi: the file is empty"),
        (b" \r\n", "junk.edi: the file is empty"),
        (b"hello\n", "it must begin with UNA or UNB, not 'hello\\n'"),
        (b"\xff\xfeU\x00N\x00B\x00", "begins with a UTF-16 byte-order mark"),
        (b"\xef\xbb\xbfUNB+UNOW:4+A+B+250101:0000+1'", "begins with a UTF-8 byte-order mark"),
        (b"UNA:+.? 'UNH+1+PAXLST'", "the interchange has no UNB segment"),
        (b"UNB+UNOX:4+A+B+250101:0000+1'", "unsupported syntax identifier 'UNOX'"),
        (b"UNA::.? 'UNB+UNOA:4+A+B+250101:0000+1'", "are not six distinct service characters"),
        (b"UNB+UNOA:4+A+B+250101:0000'UNZ+0'", "the interchange has no control reference"),
        (b"UNB+UNOA:4+A+B+250101:0000+1'UNZ+0+1'", "the interchange holds no message"),
    ],
)
def test_a_file_that_is_no_interchange_gives_one_error(
    sqlite_store: Store, tmp_path: Path, data: bytes, expected: str
) -> None:
    [outcome] = import_text(sqlite_store, tmp_path, data, "junk.edi")
    assert outcome.error is not None and outcome.error.startswith("junk.edi"), outcome.error
    assert expected in outcome.error
    assert count(sqlite_store, statement) == 0


def test_an_unreadable_file_gives_one_error(sqlite_store: Store, tmp_path: Path) -> None:
    from tests.helpers import collection
    from vigie.collect.paxlst import import_file

    [outcome] = import_file(sqlite_store, tmp_path / "missing.edi", collection())
    assert outcome.error is not None and "cannot read the file" in outcome.error
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(select(report.c.id)).first() is None
