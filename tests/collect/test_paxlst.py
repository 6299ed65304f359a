"""PAXLST import: the guides' segment layouts mapped to FtM, one report per message, idempotent.

The files in ``data/`` are written from the segment layouts of the WCO/IATA/ICAO PAXLST
implementation guides (D05B): a passenger list with UNA, a functional group and release
characters in names; a Latin-1 crew list without UNA; a batch of three messages.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from pydifact.control.characters import Characters
from pydifact.segments import Segment as ParsedSegment
from pydifact.serializer import Serializer
from sqlalchemy import func, select

from tests.helpers import collection
from vigie.collect.paxlst import edifact, ids, import_file
from vigie.collect.registry import Outcome, importer
from vigie.i18n import language
from vigie.policy import audit
from vigie.settings import Settings
from vigie.store import Store
from vigie.store.tables import report, statement

DATA = Path(__file__).parent / "data"
Facts = dict[str, dict[str, set[str]]]


def message(reference: str, body: list[str]) -> list[str]:
    """A message's segments with UNH, and UNT counting them."""
    segments = [f"UNH+{reference}+PAXLST:D:05B:UN:IATA", *body]
    return [*segments, f"UNT+{len(segments) + 1}+{reference}"]


def traveller(
    surname: str = "DOE",
    given: str = "JANE",
    number: str = "P1234567",
    qualifier: str = "FL",
    birth: str = "DTM+329:850212",
) -> list[str]:
    """A traveller group as the guides lay it out."""
    return [
        f"NAD+{qualifier}+++{surname}:{given}",
        "ATT+2++F",
        birth,
        "LOC+178+YUL",
        "LOC+179+CDG",
        "NAT+2+CAN",
        "RFF+AVF:ABC123",
        f"DOC+P:110:111+{number}",
        "DTM+36:300101",
        "LOC+91+CAN",
    ]


def flight(*travellers: list[str], header: list[str] | None = None, count: int = -1) -> list[str]:
    """The body of a passenger list for AC 870, YUL to CDG on 7 March 2025."""
    body = header or [
        "BGM+745",
        "TDT+20+AC870+++AC",
        "LOC+125+YUL",
        "DTM+189:2503071850:201",
        "LOC+87+CDG",
        "DTM+232:2503080735:201",
    ]
    for group in travellers:
        body = [*body, *group]
    return [*body, f"CNT+42:{len(travellers) if count < 0 else count}"]


def interchange(*messages: list[str], syntax: str = "UNOA", una: bool = True) -> str:
    """Messages in an envelope whose UNZ counts them."""
    lines = [
        f"UNB+{syntax}:4+AIRLINE+CBSA+250307:1200+77",
        *(segment for m in messages for segment in m),
        f"UNZ+{len(messages)}+77",
    ]
    return ("UNA:+.? '\n" if una else "") + "'\n".join(lines) + "'\n"


def import_text(
    store: Store, folder: Path, text: str | bytes, name: str = "api.edi"
) -> list[Outcome]:
    """Write an interchange to a file and import it."""
    path = folder / name
    path.write_bytes(text.encode("ascii") if isinstance(text, str) else text)
    return import_file(store, path, collection("api"))


def facts(store: Store) -> Facts:
    """Every entity in the store: property → values."""
    found: Facts = defaultdict(lambda: defaultdict(set))
    with store.engine.connect() as conn:
        for row in conn.execute(select(statement.c.entity_id, statement.c.prop, statement.c.value)):
            found[row.entity_id][row.prop].add(row.value)
    return found


def count(store: Store, table: object) -> int:
    """Rows in a table."""
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def by_name(found: Facts, last_name: str) -> tuple[str, dict[str, set[str]]]:
    """The id and facts of the one Person with this family name."""
    [(entity_id, person)] = [(k, e) for k, e in found.items() if e.get("lastName") == {last_name}]
    return entity_id, person


def held_by(found: Facts, person: str) -> list[dict[str, set[str]]]:
    """The documents a traveller holds."""
    return [e for e in found.values() if e.get("holder") == {person}]


def link_of(found: Facts, person: str) -> dict[str, set[str]]:
    """The link between a traveller and their flight."""
    [link] = [e for e in found.values() if e.get("subject") == {person}]
    return link


def test_a_passenger_list_maps_every_traveller(store: Store) -> None:
    [outcome] = import_file(store, DATA / "passenger-list.edi", collection("api"))
    assert outcome.label == "passenger-list.edi, message 1 (AC0871 2025-03-07)"
    assert outcome.result is not None and outcome.error is None
    found = facts(store)
    trip_id = ids.trip_id("AC", "871", "2025-03-07")
    trip = found[trip_id]
    assert trip["name"] == {"AC 871"}
    # Carrier and flight are facts of their own, coded as interdiction reports code them.
    assert trip["keywords"] == {"carrier:AC", "flight:AC 871"}
    assert trip["startDate"] == {"2025-03-07T14:35"} and trip["endDate"] == {"2025-03-08T02:10"}
    assert trip["startLocation"] == {"airport-YUL"} and trip["endLocation"] == {"airport-LHR"}
    assert found["airport-YUL"]["full"] == {"YUL"}
    # Release characters: O'BRIEN, SMITH+JONES and DE:LA CRUZ keep their apostrophe, plus, colon.
    obrien_id, obrien = by_name(found, "O'BRIEN")
    assert obrien["name"] == {"MARY ELLEN O'BRIEN"}
    assert (obrien["firstName"], obrien["middleName"]) == ({"MARY"}, {"ELLEN"})
    assert obrien["birthDate"] == {"1985-02-12"} and obrien["gender"] == {"female"}
    assert obrien["nationality"] == {"ie"} and obrien["country"] == {"ie"}
    assert obrien["passportNumber"] == {"PA1234567"}
    document = ids.document_id("P", "ie", "PA1234567")
    assert obrien_id == ids.traveller_id(trip_id, document, "", None)
    [passport] = held_by(found, obrien_id)
    assert passport == found[document]
    assert passport["type"] == {"P"} and passport["country"] == {"ie"}
    assert passport["endDate"] == {"2030-01-01"}
    link = link_of(found, obrien_id)
    assert link["object"] == {trip_id} and link["role"] == {"passenger"}
    assert link["recordId"] == {"QX7P2L"}
    assert link["description"] == {"embarkation YUL, debarkation LHR"}
    smith_id, smith = by_name(found, "SMITH+JONES")
    assert smith["birthDate"] == {"2001-07-09"}, "a two-digit year not after the flight: 2000s"
    assert smith["address"] == {"12 RUE PRINCIPALE, MONTREAL, QC, H2X 1Y4, CAN"}
    cruz_id, cruz = by_name(found, "DE:LA CRUZ")
    assert cruz["birthDate"] == {"1964-02-29"}, "CCYYMMDD (format 102)"
    assert cruz["nationality"] == {"de"}, "ICAO's D is Germany"
    visa = next(d for d in held_by(found, cruz_id) if d["type"] == {"V"})
    assert visa["number"] == {"UKV?8812"} and visa["country"] == {"gb"}
    assert visa["endDate"] == {"2025-12-31"}
    assert trip["involved"] == {obrien_id, smith_id, cruz_id}
    with store.engine.connect() as conn:
        reports = {r.report_id for r in conn.execute(select(statement.c.report_id))}
        row = conn.execute(select(report)).one()
    assert reports == {outcome.result.report_id}
    assert (row.kind, row.file_name) == ("paxlst", "passenger-list.edi#PAX001")
    assert (row.entities, row.statements) == (outcome.result.entities, outcome.result.statements)


def test_a_crew_list_in_latin_1_without_una(store: Store) -> None:
    [outcome] = import_file(store, DATA / "crew-list.edi", collection("api"))
    assert outcome.result is not None, outcome.error
    found = facts(store)
    gonzalez_id, gonzalez = by_name(found, "GONZÁLEZ")
    assert gonzalez["name"] == {"ÁLVARO GONZÁLEZ"} and gonzalez["nationality"] == {"es"}
    assert link_of(found, gonzalez_id)["role"] == {"crew member"}
    muller_id, muller = by_name(found, "MÜLLER")
    assert muller["birthDate"] == {"1969-01-01"} and "passportNumber" not in muller
    assert link_of(found, muller_id)["role"] == {"crew member in transit"}
    assert link_of(found, muller_id)["description"] == {"embarkation FRA, debarkation YUL"}
    # A crew member certificate (AC) is an Identification: FtM's Passport is for passports.
    certificate = ids.document_id("AC", "de", "LH0042")
    assert held_by(found, muller_id) == [found[certificate]]
    assert found[certificate]["type"] == {"AC"} and found[certificate]["number"] == {"LH0042"}
    with store.engine.connect() as conn:
        query = select(statement.c.schema).where(statement.c.entity_id == certificate)
        assert set(conn.execute(query).scalars()) == {"Identification"}


def test_a_batch_gives_one_report_per_message(store: Store) -> None:
    outcomes = import_file(store, DATA / "batch.edi", collection("api"))
    assert [o.label for o in outcomes] == [
        "batch.edi, message 1 (LH474 2025-03-10)",
        "batch.edi, message 2 (AC0849 2025-03-11)",
        "batch.edi, message 3 (AC0849 2025-03-11)",
    ]
    assert all(o.result and not o.result.repeated for o in outcomes)
    assert len({o.result.report_id for o in outcomes if o.result}) == 3
    with store.engine.connect() as conn:
        names = sorted(r.file_name for r in conn.execute(select(report.c.file_name)))
    assert names == ["batch.edi#1", "batch.edi#2", "batch.edi#3"]
    found = facts(store)
    # The passenger list and the crew list of AC 849 are two messages about one flight.
    trip = found[ids.trip_id("AC", "849", "2025-03-11")]
    assert len(trip["involved"]) == 2
    _singh, singh = by_name(found, "SINGH")
    assert singh["gender"] == {"other"}
    okafor_id, _okafor = by_name(found, "OKAFOR")
    assert link_of(found, okafor_id)["role"] == {"passenger in transit"}
    assert count(store, report) == 3


def test_importing_again_adds_nothing(store: Store) -> None:
    first = import_file(store, DATA / "batch.edi", collection("api"))
    statements, events = count(store, statement), audit.count(store.engine)
    again = import_file(store, DATA / "batch.edi", collection("api"))
    assert all(o.result and o.result.repeated for o in again)
    assert [o.result.report_id for o in again if o.result] == [
        o.result.report_id for o in first if o.result
    ]
    assert count(store, statement) == statements and count(store, report) == 3
    assert audit.count(store.engine) == events + 3  # one import.repeat per message


def _reserialised(path: Path, service: str) -> str:
    """The interchange written again by pydifact with other service characters."""
    text = path.read_text(encoding="ascii")
    segments = edifact.parse(text.split("\n", 1)[1], ":+.? '")
    parsed = [ParsedSegment(s.tag, *s.elements) for s in segments]
    return Serializer(Characters.from_str(service)).serialize(parsed, break_lines=True)


def test_other_service_characters_read_the_same_message(
    sqlite_store: Store, tmp_path: Path
) -> None:
    [first] = import_file(sqlite_store, DATA / "passenger-list.edi", collection("api"))
    text = _reserialised(DATA / "passenger-list.edi", "|^,!*~")
    assert text.startswith("UNA|^,!*~") and "O'BRIEN" in text and "SMITH+JONES" in text
    [again] = import_text(sqlite_store, tmp_path, text, "other.edi")
    assert first.result is not None and again.result is not None, again.error
    assert again.result.repeated and again.result.report_id == first.result.report_id


def test_the_same_traveller_on_the_same_flight_gets_the_same_id(
    sqlite_store: Store, tmp_path: Path
) -> None:
    one = interchange(message("1", flight(traveller())))
    # Reported again in another interchange, with another booking and list reference.
    other = interchange(message("9", flight(traveller(), traveller("ROE", "RICHARD", "X7654321"))))
    import_text(sqlite_store, tmp_path, one, "a.edi")
    import_text(sqlite_store, tmp_path, other.replace("ABC123", "XYZ999"), "b.edi")
    found = facts(sqlite_store)
    people = [e for e, p in found.items() if p.get("lastName") == {"DOE"}]
    assert len(people) == 1
    assert found[people[0]]["name"] == {"JANE DOE"}
    assert link_of(found, people[0])["recordId"] == {"ABC123", "XYZ999"}
    trip = found[ids.trip_id("AC", "870", "2025-03-07")]
    assert len(trip["involved"]) == 2


def test_progress_counts_entities_written(sqlite_store: Store) -> None:
    seen: list[int] = []
    outcomes = import_file(sqlite_store, DATA / "batch.edi", collection("api"), seen.append)
    assert seen and seen[-1] == sum(o.result.entities for o in outcomes if o.result)


def test_the_registry_and_the_command_line(sqlite_settings: Settings) -> None:
    assert importer("paxlst") is import_file
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIGIE_")}
    env.update(VIGIE_DATA_DIR=str(sqlite_settings.data_dir), COLUMNS="200")
    done = subprocess.run(
        [sys.executable, "-m", "vigie", "import", "paxlst", str(DATA / "batch.edi"),
         str(DATA / "crew-list.edi"), "--source", "api", "--reliability", "B"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "batch.edi, message 3 (AC0849 2025-03-11): report 3" in done.stderr


def test_a_message_sent_twice_in_a_file_is_one_report(store: Store, tmp_path: Path) -> None:
    same = message("1", flight(traveller()))
    outcomes = import_text(store, tmp_path, interchange(same, same))
    first, second = (o.result for o in outcomes)
    assert first is not None and second is not None
    assert not first.repeated and second.repeated and second.report_id == first.report_id
    assert count(store, report) == 1
    # One audit row per message, chained in order.
    events = [e.action for e in audit.events(store.engine, None, None, 10)]
    assert sorted(events) == ["import", "import.repeat"]
    assert audit.verify(store.engine).ok


def test_a_file_read_ahead_in_a_worker_is_stored_the_same(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vigie.collect.paxlst as paxlst

    people = [traveller(f"NAME{i:03d}", "ANA", f"P{i:07d}") for i in range(40)]
    messages = [message(str(i), flight(*people[i * 4 : i * 4 + 4])) for i in range(10)]
    broken = message("11", flight(traveller("LATE", birth="DTM+329:851332")))
    text = interchange(*messages[:5], broken, *messages[5:])
    (tmp_path / "alone").mkdir()
    alone = Store.open(Settings(data_dir=tmp_path / "alone"))
    expected = import_text(alone, tmp_path / "alone", text)
    monkeypatch.setattr(paxlst, "READ_AHEAD_BYTES", 0)
    monkeypatch.setattr(paxlst, "CHUNK_BYTES", 1_500)
    outcomes = import_text(store, tmp_path, text)
    assert [o.label for o in outcomes] == [o.label for o in expected]
    assert [o.error for o in outcomes] == [o.error for o in expected]
    assert "message 6, segment 10 (DTM): invalid date '851332'" in str(outcomes[5].error)
    assert [o.result.entities for o in outcomes if o.result] == [
        o.result.entities for o in expected if o.result
    ]
    assert facts(store) == facts(alone)
    assert count(store, report) == 10
    with language("fr"):
        refused = import_text(store, tmp_path, text)
    assert "message 6, segment 10 (DTM) : date invalide" in str(refused[5].error)
    assert all(o.result and o.result.repeated for o in refused if o.result)
    alone.close()


def test_messages_are_read_ahead_in_chunks_of_about_a_set_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import vigie.collect.paxlst as paxlst
    from vigie.collect.paxlst.interchange import Piece

    monkeypatch.setattr(paxlst, "CHUNK_BYTES", 100)
    pieces = [Piece(i, b"x" * size) for i, size in enumerate([60, 30, 20, 250, 10, 10], 1)]
    chunks = [[p.number for p in chunk] for chunk in paxlst._chunks(pieces)]
    assert chunks == [[1, 2, 3], [4], [5, 6]]
