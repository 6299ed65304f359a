"""The synthetic world: valid FollowTheMoney, a consistent truth, and the mess it promises."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest
from followthemoney import model

from tests.demo.checks import mrz_date, swapped, td3_check_digits_ok, td3_shape_ok
from tests.demo.conftest import LoadedWorld, load
from vigie.demo.forgery import Fraud
from vigie.demo.names import origins
from vigie.demo.world import SIZES, WorldSummary, generate, parse_size

MARKINGS = {
    "UNCLASSIFIED",
    "PROTECTED A",
    "PROTECTED B",
    "PROTECTED C",
    "CONFIDENTIAL",
    "SECRET",
    "TOP SECRET",
}
PARTNERS = {"FVEY-UK", "FVEY-US", "FVEY-AU", "FVEY-NZ"}
# The Unicode character-name prefix of each script the origins declare.
SCRIPT_NAMES = {
    "Arab": "ARABIC",
    "Beng": "BENGALI",
    "Cyrl": "CYRILLIC",
    "Deva": "DEVANAGARI",
    "Ethi": "ETHIOPIC",
    "Guru": "GURMUKHI",
    "Hang": "HANGUL",
    "Hani": "CJK UNIFIED IDEOGRAPH",
    "Taml": "TAMIL",
}


def words(name: str) -> list[str]:
    """A name folded to lower-case ASCII letters, word by word."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z ]", " ", plain).split()


def written(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


# --- determinism and files ------------------------------------------------------------------


def test_the_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    generate(tmp_path / "a", 400, 5)
    generate(tmp_path / "b", 400, 5)
    first, second = written(tmp_path / "a"), written(tmp_path / "b")
    assert sorted(first) == [
        "interdictions.csv",
        "lost-stolen.csv",
        "manifest.json",
        "partner-intel.ftm.jsonl",
        "passenger-data-0001.edi",
        "truth.json",
        "visa-applications.csv",
        "watchlist.ftm.jsonl",
    ]
    assert first == second


def test_another_seed_gives_another_world(tmp_path: Path) -> None:
    generate(tmp_path / "a", 400, 5)
    generate(tmp_path / "b", 400, 6)
    first, second = written(tmp_path / "a"), written(tmp_path / "b")
    for name in first:
        if name != "manifest.json":
            assert first[name] != second[name], name


def test_sizes_and_their_names() -> None:
    assert SIZES["tiny"] == 200
    assert SIZES["small"] == 2000
    assert SIZES["large"] == 10 * SIZES["medium"]
    assert parse_size("tiny") == 200
    assert parse_size(" Medium ") == SIZES["medium"]
    assert parse_size("1500") == 1500
    assert parse_size("1_000_000") == 1_000_000
    for bad in ("", "huge", "0", "-5", "1.5"):
        with pytest.raises(ValueError):
            parse_size(bad)


def test_progress_counts_true_persons(tmp_path: Path) -> None:
    seen: list[int] = []
    generate(tmp_path, 130, 1, seen.append)
    assert seen == sorted(seen)
    assert seen[-1] == 130


def test_the_summary_counts_what_was_written(tmp_path: Path) -> None:
    summary = generate(tmp_path, 300, 3)
    assert isinstance(summary, WorldSummary)
    world = load(tmp_path, 300)
    assert summary.persons == 300
    assert summary.entities == len(world.entities)
    assert summary.person_records == len(world.truth["persons"])
    statements = sum(1 + sum(map(len, e["properties"].values())) for e in world.entities.values())
    assert summary.statements == statements
    assert summary.networks == len(world.truth["networks"])
    assert summary.watchlist_matches == len(world.truth["watchlist_matches"])
    assert summary.fraudulent_documents == len(world.truth["fraudulent_documents"])
    for source in summary.sources:
        assert source.entities == sum(1 for s in world.source_of.values() if s == source.source)


def test_the_manifest_gives_each_file_its_handling(demo_world: LoadedWorld) -> None:
    manifest = demo_world.manifest
    assert manifest["seed"] == 11
    assert manifest["size"] == demo_world.size
    handling = {s["source"]: s for s in manifest["sources"]}
    assert set(handling) == {
        "visa-applications",
        "passenger-data",
        "interdictions",
        "watchlist",
        "lost-stolen",
        "partner-intel",
    }
    for entry in manifest["sources"]:
        assert (demo_world.path / entry["file"]).exists()
        assert entry["title"]
        assert entry["marking"] in MARKINGS
        assert set(entry["releasable_to"]) <= PARTNERS
        assert entry["reliability"] in "ABCDEF"
        assert 1 <= int(entry["credibility"]) <= 6
    assert handling["lost-stolen"]["marking"] == "UNCLASSIFIED"
    assert set(handling["lost-stolen"]["releasable_to"]) == PARTNERS
    assert handling["passenger-data"]["releasable_to"] == ["FVEY-US"]
    assert handling["partner-intel"]["marking"] == "SECRET"
    assert handling["partner-intel"]["caveats"] == ["CANADIAN EYES ONLY"]
    assert handling["partner-intel"]["compartments"] == ["OP-NORTHERN-STAR"]
    assert len({e["marking"] for e in manifest["sources"]}) >= 3


# --- FollowTheMoney validity ----------------------------------------------------------------


def test_every_entity_is_valid_followthemoney(demo_world: LoadedWorld) -> None:
    for entity in demo_world.entities.values():
        assert set(entity) == {"id", "schema", "properties"}
        proxy = model.get_proxy(entity, cleaned=False)
        schema = model.get(entity["schema"])
        assert schema is not None and not schema.abstract
        assert proxy.id == entity["id"]
        for name, values in entity["properties"].items():
            prop = schema.get(name)
            assert prop is not None, (entity["schema"], name)
            assert values and len(values) == len(set(values)), (entity["id"], name)
            for value in values:
                # Values are written already clean: readers get the same with or without cleaning.
                assert prop.type.clean(value) == value, (entity["schema"], name, value)


def test_references_stay_inside_their_source(demo_world: LoadedWorld) -> None:
    for entity in demo_world.entities.values():
        schema = model.get(entity["schema"])
        assert schema is not None
        for name, values in entity["properties"].items():
            prop = schema.get(name)
            assert prop is not None
            if prop.type.name == "entity":
                for target in values:
                    assert target in demo_world.entities, (entity["id"], name)
                    assert demo_world.source_of[target] == demo_world.source_of[entity["id"]]


def test_ids_are_prefixed_by_source_and_reveal_no_person(demo_world: LoadedWorld) -> None:
    prefixes = {
        "visa-applications": "app-",
        "passenger-data": "pax-",
        "interdictions": "int-",
        "watchlist": "wl-",
        "lost-stolen": "lst-",
        "partner-intel": "pi-",
    }
    suffixes: Counter[str] = Counter()
    for entity_id, source in demo_world.source_of.items():
        if source == "passenger-data" and entity_id.startswith("airport-"):
            continue  # one Address per airport code, shared by every flight
        assert entity_id.startswith(prefixes[source])
        suffixes[entity_id.split("-", 1)[1]] += 1
    assert max(suffixes.values()) == 1


def test_each_source_has_what_it_promises(demo_world: LoadedWorld) -> None:
    schemata: dict[str, Counter[str]] = defaultdict(Counter)
    for entity_id, source in demo_world.source_of.items():
        schemata[source][demo_world.entities[entity_id]["schema"]] += 1
    assert {"Person", "Passport", "Event", "Organization", "Representation"} <= set(
        schemata["visa-applications"]
    )
    assert {"Person", "Passport", "Trip", "Address"} <= set(schemata["passenger-data"])
    assert {"Person", "Passport", "Event"} <= set(schemata["interdictions"])
    assert {"Person", "Sanction", "Risk"} <= set(schemata["watchlist"])
    assert {"Person", "Passport"} <= set(schemata["lost-stolen"])
    assert {"Person", "Associate", "UnknownLink", "Note"} <= set(schemata["partner-intel"])


def test_the_tables_use_their_whole_vocabulary(demo_world: LoadedWorld) -> None:
    """Every application type, refugee claims through a representative, and interdictions
    that end otherwise than with boarding denied."""
    keywords: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    for entity_id, source in demo_world.source_of.items():
        entity = demo_world.entities[entity_id]
        keywords.update(entity["properties"].get("keywords", []))
        if source == "visa-applications" and entity["schema"] == "Representation":
            roles.update(entity["properties"].get("role", []))
    kinds = ("visitor-visa", "study-permit", "work-permit", "refugee-claim", "citizenship")
    assert all(keywords[f"application-type:{kind}"] for kind in kinds), keywords
    assert roles["representative"] and roles["travel agent"]
    outcomes = ("boarding-denied", "referred-to-local-authorities", "arrested", "offloaded")
    assert all(keywords[f"outcome:{outcome}"] for outcome in outcomes), keywords


# --- the truth ------------------------------------------------------------------------------


def test_the_truth_has_exactly_its_sections(demo_world: LoadedWorld) -> None:
    assert list(demo_world.truth) == [
        "persons",
        "watchlist_matches",
        "fraudulent_documents",
        "networks",
        "name_origin",
    ]


def test_every_person_record_is_in_the_truth(demo_world: LoadedWorld) -> None:
    persons = {e["id"] for e in demo_world.of_schema("Person")}
    assert persons == set(demo_world.truth["persons"])
    true_persons = set(demo_world.truth["persons"].values())
    assert true_persons == set(demo_world.truth["name_origin"])
    assert len(true_persons) == demo_world.size
    assert set(demo_world.truth["name_origin"].values()) <= {o.key for o in origins()}


def test_watchlist_matches_pair_every_record_of_a_listed_person(demo_world: LoadedWorld) -> None:
    truth = demo_world.truth
    expected = set()
    for entity_id in truth["persons"]:
        if demo_world.source_of[entity_id] != "watchlist":
            continue
        for record in demo_world.records_of[truth["persons"][entity_id]]:
            if demo_world.source_of[record] != "watchlist":
                expected.add((record, entity_id))
    pairs = {tuple(pair) for pair in truth["watchlist_matches"]}
    assert pairs == expected
    assert len(pairs) > 20


def test_fraudulent_documents_are_passports_of_known_kinds(demo_world: LoadedWorld) -> None:
    frauds = demo_world.truth["fraudulent_documents"]
    kinds = Counter(frauds.values())
    assert set(kinds) <= {f.value for f in Fraud}
    assert len(kinds) >= 5
    for entity_id in frauds:
        assert demo_world.entities[entity_id]["schema"] == "Passport"


def _mrz(world: LoadedWorld, entity_id: str) -> tuple[str, str] | None:
    summary = world.props(entity_id, "summary")
    if not summary:
        return None
    line1, line2 = summary[0].split("\n")
    return line1, line2


def _mrz_agrees(world: LoadedWorld, entity_id: str, line2: str) -> bool:
    number = world.props(entity_id, "number")[0]
    birth = date.fromisoformat(world.props(entity_id, "birthDate")[0])
    expires = date.fromisoformat(world.props(entity_id, "endDate")[0])
    sex = "M" if world.props(entity_id, "gender") == ["male"] else "F"
    return (
        line2[0:9].rstrip("<") == number
        and mrz_date(line2[13:19], 20) == birth
        and line2[20] == sex
        and mrz_date(line2[21:27], 99) == expires
    )


def test_genuine_passports_carry_a_valid_mrz(demo_world: LoadedWorld) -> None:
    frauds = demo_world.truth["fraudulent_documents"]
    checked = 0
    for passport in demo_world.of_schema("Passport"):
        mrz = _mrz(demo_world, passport["id"])
        if mrz is None or passport["id"] in frauds:
            continue
        line1, line2 = mrz
        assert td3_shape_ok(line1, line2), mrz
        assert td3_check_digits_ok(line2), mrz
        assert _mrz_agrees(demo_world, passport["id"], line2), mrz
        surname = demo_world.props(passport["id"], "surname")[0]
        assert line1[5:].startswith(words(surname)[0].upper()), (surname, line1)
        checked += 1
    assert checked > 1000


def test_defective_mrzs_are_the_ones_the_truth_says(demo_world: LoadedWorld) -> None:
    frauds = demo_world.truth["fraudulent_documents"]
    for entity_id, fraud in frauds.items():
        mrz = _mrz(demo_world, entity_id)
        if mrz is None:  # passenger data carries no MRZ
            continue
        line1, line2 = mrz
        assert td3_shape_ok(line1, line2)
        if fraud == Fraud.COUNTERFEIT_CHECK_DIGIT:
            assert not td3_check_digits_ok(line2), entity_id
        else:
            assert td3_check_digits_ok(line2), entity_id
        if fraud == Fraud.ALTERED_MRZ_MISMATCH:
            assert not _mrz_agrees(demo_world, entity_id, line2), entity_id
        elif fraud != Fraud.COUNTERFEIT_CHECK_DIGIT:
            assert _mrz_agrees(demo_world, entity_id, line2), entity_id


def test_stolen_documents_come_back_in_the_hands_of_others(demo_world: LoadedWorld) -> None:
    reported: dict[str, str] = {}
    for passport in demo_world.of_schema("Passport"):
        if demo_world.source_of[passport["id"]] == "lost-stolen":
            description = demo_world.props(passport["id"], "description")
            assert description and description[0] in {"lost", "stolen", "stolen-blank"}
            reported[demo_world.props(passport["id"], "number")[0]] = description[0]
    assert set(reported.values()) == {"lost", "stolen", "stolen-blank"}
    frauds = demo_world.truth["fraudulent_documents"]
    for entity_id, fraud in frauds.items():
        number = demo_world.props(entity_id, "number")[0]
        if fraud == Fraud.STOLEN_BLANK:
            assert reported.get(number) == "stolen-blank"
        if fraud == Fraud.IMPOSTOR:
            assert reported.get(number) == "stolen"
    blanks = sorted(n for n, d in reported.items() if d == "stolen-blank")
    consecutive = sum(1 for a, b in itertools.pairwise(blanks) if int(b[-4:]) == int(a[-4:]) + 1)
    assert consecutive > len(blanks) / 2, "blanks are stolen in numbered batches"


def test_networks_are_planted_with_the_stated_sizes(demo_world: LoadedWorld) -> None:
    truth = demo_world.truth
    networks = truth["networks"]
    blocks = demo_world.size / 40
    assert 0.6 * blocks <= len(networks) <= blocks
    for members in networks.values():
        for entity_id in members:
            assert demo_world.entities[entity_id]["schema"] == "Person"
        true_persons = {truth["persons"][m] for m in members}
        assert 3 <= len(true_persons) <= 12
        # All the records of a member belong to the network.
        for person in true_persons:
            assert set(demo_world.records_of[person]) <= set(members)


def test_network_members_share_contacts_agents_or_flights(demo_world: LoadedWorld) -> None:
    agents = {
        demo_world.props(r["id"], "client")[0]: demo_world.props(r["id"], "agent")[0]
        for r in demo_world.of_schema("Representation")
    }
    flights: dict[str, set[str]] = defaultdict(set)
    for trip in demo_world.of_schema("Trip"):
        if demo_world.source_of[trip["id"]] != "passenger-data":
            continue  # travel history declared in an application
        start = demo_world.props(trip["id"], "startDate")[0]
        leg = f"{demo_world.props(trip['id'], 'name')[0]} {start}"
        for traveller in demo_world.props(trip["id"], "involved"):
            flights[traveller].add(leg)
    linked = 0
    for members in demo_world.truth["networks"].values():
        owners: dict[str, set[str]] = defaultdict(set)
        for member in members:
            person = demo_world.truth["persons"][member]
            signals = [
                f"{p}:{v}"
                for p in ("phone", "email", "address")
                for v in demo_world.props(member, p)
            ]
            signals += [f"agent:{agents[member]}"] if member in agents else []
            signals += [f"flight:{leg}" for leg in flights.get(member, ())]
            for signal in signals:
                owners[signal].add(person)
        linked += any(len(people) >= 2 for people in owners.values())
    assert linked >= 0.9 * len(demo_world.truth["networks"])


def test_partner_intelligence_links_network_members(demo_world: LoadedWorld) -> None:
    network_of = {
        m: network for network, members in demo_world.truth["networks"].items() for m in members
    }
    edges = [
        *((e["id"], "person", "associate") for e in demo_world.of_schema("Associate")),
        *((e["id"], "subject", "object") for e in demo_world.of_schema("UnknownLink")),
        *((e["id"], "person", "relative") for e in demo_world.of_schema("Family")),
    ]
    edges = [edge for edge in edges if demo_world.source_of[edge[0]] == "partner-intel"]
    assert len(edges) > 20
    for edge, one, other in edges:
        first = demo_world.props(edge, one)[0]
        second = demo_world.props(edge, other)[0]
        assert network_of[first] == network_of[second]


# --- the mess -------------------------------------------------------------------------------


def _multi_record_people(world: LoadedWorld) -> list[list[str]]:
    return [records for records in world.records_of.values() if len(records) > 1]


def test_records_of_one_person_spell_the_name_differently(demo_world: LoadedWorld) -> None:
    people = _multi_record_people(demo_world)
    assert len(people) > demo_world.size / 3
    differing = 0
    for records in people:
        renderings = {" ".join(words(demo_world.props(r, "name")[0])) for r in records}
        differing += len(renderings) > 1
    assert differing / len(people) >= 0.3


def test_birth_dates_are_swapped_shifted_or_missing(demo_world: LoadedWorld) -> None:
    swaps = shifts = 0
    for records in _multi_record_people(demo_world):
        days = {
            date.fromisoformat(value)
            for r in records
            for value in demo_world.props(r, "birthDate")
            if len(value) == 10
        }
        swaps += any(swapped(d) in days for d in days)
        shifts += any(
            (d.year + 1, d.month, d.day) in {(e.year, e.month, e.day) for e in days} for d in days
        )
    missing = sum(1 for p in demo_world.of_schema("Person") if not p["properties"].get("birthDate"))
    year_only = sum(
        1
        for p in demo_world.of_schema("Person")
        for value in p["properties"].get("birthDate", [])
        if len(value) == 4
    )
    assert swaps >= 10
    assert shifts >= 5
    assert missing >= 10
    assert year_only >= 10


def test_true_birth_dates_and_travel_dates_are_in_range(demo_world: LoadedWorld) -> None:
    for passport in demo_world.of_schema("Passport"):
        if demo_world.source_of[passport["id"]] != "visa-applications":
            continue
        birth = date.fromisoformat(demo_world.props(passport["id"], "birthDate")[0])
        assert date(1940, 1, 1) <= birth <= date(2020, 12, 31)
        issued = date.fromisoformat(demo_world.props(passport["id"], "startDate")[0])
        expires = date.fromisoformat(demo_world.props(passport["id"], "endDate")[0])
        years = (expires - issued).days / 365.25
        assert round(years) in (5, 10)
    for trip in demo_world.of_schema("Trip"):
        start = demo_world.props(trip["id"], "startDate")[0]
        if demo_world.source_of[trip["id"]] == "passenger-data":
            assert "2024-01-01" <= start[:10] <= "2026-12-31"
        else:  # travel history declared in an application, before it
            assert "2014-01-01" <= start[:10] <= "2026-03-31"


def test_renewed_passports_give_one_person_two_numbers(demo_world: LoadedWorld) -> None:
    renewed = 0
    for records in demo_world.records_of.values():
        numbers = {
            n
            for r in records
            if demo_world.source_of[r] == "visa-applications"
            for n in demo_world.props(r, "passportNumber")
        }
        renewed += len(numbers) > 1
    assert renewed >= 20


def test_every_non_latin_origin_appears_in_its_own_script(demo_world: LoadedWorld) -> None:
    seen: dict[str, int] = Counter()
    origin_of = demo_world.truth["name_origin"]
    scripts = {o.key: o.script for o in origins()}
    for person in demo_world.of_schema("Person"):
        script = scripts[origin_of[demo_world.truth["persons"][person["id"]]]]
        if script == "Latn":
            continue
        names = person["properties"].get("name", []) + person["properties"].get("alias", [])
        prefix = SCRIPT_NAMES[script]
        if any(unicodedata.name(c, "").startswith(prefix) for n in names for c in n):
            seen[script] += 1
    assert set(seen) == set(SCRIPT_NAMES)


def test_common_names_come_in_several_transliterations(demo_world: LoadedWorld) -> None:
    spellings: set[str] = set()
    for person in demo_world.of_schema("Person"):
        for name in person["properties"]["name"]:
            spellings.update(w for w in words(name) if re.fullmatch(r"m[ou]h?a?mm?[ae]d", w))
    assert len(spellings) >= 4, spellings


def test_distinct_people_share_names(demo_world: LoadedWorld) -> None:
    truth = demo_world.truth
    owners: dict[str, set[str]] = defaultdict(set)
    for entity_id, person in truth["persons"].items():
        owners[" ".join(sorted(words(demo_world.props(entity_id, "name")[0])))].add(person)
    assert sum(1 for people in owners.values() if len(people) > 1) >= 50
    listed = {
        " ".join(sorted(words(demo_world.props(e, "name")[0]))): truth["persons"][e]
        for e in truth["persons"]
        if demo_world.source_of[e] == "watchlist"
    }
    namesakes_of_listed = {
        truth["persons"][e]
        for e in truth["persons"]
        if demo_world.source_of[e] != "watchlist"
        and listed.get(" ".join(sorted(words(demo_world.props(e, "name")[0]))))
        not in (None, truth["persons"][e])
    }
    assert len(namesakes_of_listed) >= 5


def test_listed_persons_were_adults_when_listed(demo_world: LoadedWorld) -> None:
    # Lists name adults for what they did: no one is listed before turning 18. A watchlist's
    # dates of birth may be a year early or have day and month swapped beside the true one, so
    # the earliest full date given is on or before the true one.
    checked = 0
    for listing in demo_world.of_schema("Risk") + demo_world.of_schema("Sanction"):
        if demo_world.source_of[listing["id"]] != "watchlist":
            continue
        listed = date.fromisoformat(demo_world.props(listing["id"], "listingDate")[0])
        person = demo_world.props(listing["id"], "entity")[0]
        births = demo_world.props(person, "birthDate")
        full = [date.fromisoformat(b) for b in births if len(b) == 10]
        if full:
            born = min(full)
            assert listed >= born.replace(year=born.year + 18, day=min(born.day, 28))
            checked += 1
        elif births:
            assert listed.year - int(births[0]) >= 18
    assert checked > 20
