"""DuckDB's one-pass scoring gives the pairs, levels and weights Splink's own ``predict`` gives
with the same trained model, and the clusters made from arrays are those of the pair-by-pair
union-find."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pyarrow as pa
import pytest

from bench.resolve import population
from vigie.resolve import linkage, scoring
from vigie.resolve.batch import person_features
from vigie.resolve.cluster import ScoredPair, Verdict, clusters, clusters_of_table, pair_key
from vigie.resolve.features import PersonRecord, features


@pytest.fixture(scope="module")
def scored() -> tuple[pa.Table, dict[str, Any]]:
    """A few thousand rendered records (transliterations, swapped dates, renewed passports,
    missing dates) and a model trained on them."""
    rows = population(3000, 7)
    table = person_features(PersonRecord(e, v) for e, _t, v in rows)
    return table, linkage.train(linkage.database("duckdb"), table)


def _by_pair(table: pa.Table, names: list[str]) -> dict[tuple[str, str], tuple[Any, ...]]:
    found: dict[tuple[str, str], tuple[Any, ...]] = {}
    for row in table.to_pylist():
        levels = tuple(row[f"gamma_{n}"] for n in names)
        found[pair_key(row["unique_id_l"], row["unique_id_r"])] = (
            levels,
            round(row["match_weight"], 6),
            round(row["adjustment"], 6),
        )
    return found


def test_one_pass_scoring_is_splinks_prediction(scored: tuple[pa.Table, dict[str, Any]]) -> None:
    table, model = scored
    names = linkage.comparison_names(model)
    keep = 1e-6
    ours = scoring.predict(table, model, keep, linkage.ADJUSTMENT)
    frame = linkage._linker(linkage.database("duckdb"), [table], model).inference.predict(
        threshold_match_probability=keep
    )
    splink = linkage._keep(frame, names)
    assert ours.num_rows > 1000
    assert _by_pair(ours, names) == _by_pair(splink, names)


def test_clusters_from_arrays_are_the_union_finds(
    scored: tuple[pa.Table, dict[str, Any]],
) -> None:
    table, model = scored
    pairs = linkage.predict(linkage.database("duckdb"), table, model).pairs
    ids = table["unique_id"].to_pylist()
    births = {i: d for i, d in zip(ids, table["dob"].to_pylist(), strict=True) if d}
    listed = [
        ScoredPair(a, b, p)
        for a, b, p in zip(
            pairs["unique_id_l"].to_pylist(),
            pairs["unique_id_r"].to_pylist(),
            pairs["match_probability"].to_pylist(),
            strict=True,
        )
    ]
    expected = clusters(ids, listed, {}, births=births)
    assert clusters_of_table(table, pairs, {}) == expected
    assert len(set(expected.values())) < len(ids)


def test_an_undated_record_does_not_bridge_clusters_whose_dates_disagree() -> None:
    records = pa.table(
        {
            "unique_id": ["a", "b", "c", "d"],
            "dob": ["1990-01-02", "1990-01-02", None, "1971-05-06"],
        }
    )
    pairs = pa.table(
        {
            "unique_id_l": ["a", "b", "c"],
            "unique_id_r": ["b", "c", "d"],
            "match_probability": [0.99, 0.97, 0.95],
        }
    )
    assert clusters_of_table(records, pairs, {}) == {"a": "a", "b": "a", "c": "a", "d": "d"}
    judged = {("a", "b"): Verdict.NOT_SAME}
    assert clusters_of_table(records, pairs, judged) == {"a": "a", "b": "b", "c": "b", "d": "d"}


def _m(model: dict[str, Any], label: str) -> float:
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            if level.get("label_for_charts") == label:
                return float(level["m_probability"])
    raise KeyError(label)


def test_pairs_judged_the_same_inform_the_m_probabilities(
    scored: tuple[pa.Table, dict[str, Any]],
) -> None:
    table, model = scored
    rows = population(3000, 7)
    by_person: dict[str, list[str]] = {}
    for entity, person, _values in rows:
        by_person.setdefault(person, []).append(entity)
    births = dict(zip(table["unique_id"].to_pylist(), table["dob"].to_pylist(), strict=True))
    # Pairs whose dates of birth were read the other way round: EM sees few of them.
    swapped = [
        (a, b)
        for members in by_person.values()
        for a, b in pairwise(members)
        if births[a] and births[b] and births[a] != births[b] and births[a][:4] == births[b][:4]
    ]
    db = linkage.database("duckdb")
    assert linkage.with_judgements(db, table, model, swapped[: linkage.MIN_JUDGED - 1]) is model
    judged = swapped[: linkage.MIN_JUDGED * 2]
    assert len(judged) >= linkage.MIN_JUDGED
    informed = linkage.with_judgements(db, table, model, judged)
    assert _m(informed, "birth.same") < _m(model, "birth.same")
    assert _m(informed, "birth.swapped") > _m(model, "birth.swapped")
    for comparison in informed["comparisons"]:
        levels = [c for c in comparison["comparison_levels"] if not c.get("is_null_level")]
        assert sum(c["m_probability"] for c in levels) == pytest.approx(1.0)


def test_new_records_are_scored_as_a_full_run_would(
    scored: tuple[pa.Table, dict[str, Any]],
) -> None:
    table, model = scored
    names = linkage.comparison_names(model)
    db = linkage.database("duckdb")
    new = table.slice(0, 300)
    existing = table.slice(300)
    fresh = set(new["unique_id"].to_pylist())
    linked = linkage.link_new(db, model, existing, new).pairs
    everything = _by_pair(linkage.predict(db, table, model).pairs, names)
    expected = {k: v for k, v in everything.items() if fresh & set(k)}
    assert len(expected) > 100
    assert _by_pair(linked, names) == expected


def _pairs(table: pa.Table, model: dict[str, Any]) -> set[tuple[str, str]]:
    """Every pair blocking makes (kept whatever its score)."""
    scored = scoring.predict(table, model, 0.0, linkage.ADJUSTMENT)
    return {
        pair_key(a, b)
        for a, b in zip(
            scored["unique_id_l"].to_pylist(), scored["unique_id_r"].to_pylist(), strict=True
        )
    }


def test_a_rare_address_word_and_a_name_sound_make_a_pair(
    scored: tuple[pa.Table, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    _table, model = scored
    monkeypatch.setattr(linkage, "RARE_WORDS", 3)
    common = "12 Church Road, Dublin"
    records = [
        PersonRecord(
            "org",
            {
                "name": ["Nicholas Bridgland"],
                "birthDate": ["1923-04-04"],
                "address": ["8 Lethbridge Street, Winston Hills 2767"],
            },
        ),
        # A slip in the street, another suburb, another date of birth: only the rare words
        # (the postcode, the street number) and a name sound are left in common.
        PersonRecord(
            "dup",
            {
                "name": ["Nicholas Bridgland"],
                "birthDate": ["1972-04-28"],
                "address": ["8 Lethbridbe Street, Toowoomba 2767"],
            },
        ),
        # The postcode alone, with another name and date: not compared.
        PersonRecord(
            "neighbour",
            {
                "name": ["Kwame Mensah"],
                "birthDate": ["1950-01-01"],
                "address": ["3 Other Street, Winston Hills 2767"],
            },
        ),
        *(
            PersonRecord(
                f"common-{n}",
                {
                    "name": ["Nicholas Bridgland"],
                    "birthDate": [f"19{60 + n}-01-01"],
                    "address": [common],
                },
            )
            for n in range(4)
        ),
    ]
    found = _pairs(person_features(records), model)
    assert ("dup", "org") in found
    assert not {("neighbour", "org"), ("dup", "neighbour")} & found
    # Street, road and city are held by more records than RARE_WORDS: never a key.
    assert not any(a.startswith("common") != b.startswith("common") for a, b in found)


def test_a_date_known_only_to_the_year_meets_that_year_with_a_name_sound(
    scored: tuple[pa.Table, dict[str, Any]],
) -> None:
    _table, model = scored
    # The listed record has no nationality or sex: the rule for undated namesakes of the
    # same nationality and sex cannot pair it.
    records = [
        PersonRecord("listed", {"name": ["Нино Беридзе"], "birthDate": ["1971"]}),
        PersonRecord(
            "traveller",
            {"name": ["BERIDZE NINO"], "birthDate": ["1971-05-06"], "nationality": ["ge"]},
        ),
        PersonRecord(
            "other-year",
            {"name": ["Nino Beridze"], "birthDate": ["1972-05-06"], "nationality": ["ge"]},
        ),
        PersonRecord("other-name", {"name": ["Kwame Mensah"], "birthDate": ["1971-05-06"]}),
    ]
    found = _pairs(person_features(records), model)
    assert ("listed", "traveller") in found
    assert not {("listed", "other-year"), ("listed", "other-name")} & found


def test_one_pass_scoring_is_splinks_on_a_population_made_otherwise() -> None:
    """Dates known only to the year, addresses written differently, names in other scripts:
    the rules made for them give the same pairs in Splink's ``predict``."""
    from bench.resolve_unseen import population as unseen

    rows = unseen(1500, 5)
    table = person_features(PersonRecord(e, v) for e, _p, v in rows)
    model = linkage.train(linkage.database("duckdb"), table)
    names = linkage.comparison_names(model)
    ours = scoring.predict(table, model, 1e-6, linkage.ADJUSTMENT)
    frame = linkage._linker(linkage.database("duckdb"), [table], model).inference.predict(
        threshold_match_probability=1e-6
    )
    assert _by_pair(ours, names) == _by_pair(linkage._keep(frame, names), names)


def _level(model: dict[str, Any], left: dict[str, Any], right: dict[str, Any], name: str) -> str:
    """The label of the level at which ``model`` puts the pair in comparison ``name``."""
    scored = linkage.score(linkage.database("duckdb"), model, left, right)
    comparison = next(c for c in model["comparisons"] if c["output_column_name"] == name)
    levels = [c for c in comparison["comparison_levels"] if not c.get("is_null_level")]
    return str(levels[len(levels) - 1 - int(scored[f"gamma_{name}"])]["label_for_charts"])


def test_dates_names_and_addresses_are_compared_as_far_as_they_go(
    scored: tuple[pa.Table, dict[str, Any]],
) -> None:
    _table, model = scored

    def record(entity: str, **values: str) -> dict[str, Any]:
        return features(PersonRecord(entity, {k: [v] for k, v in values.items()}))

    def birth(a: str, b: str) -> str:
        return _level(model, record("a", birthDate=a), record("b", birthDate=b), "birth")

    # Two neighbouring digits swapped across the separator (19420704 read 19402704).
    assert birth("1942-07-04", "1940-27-04") == "birth.typo"
    assert birth("1971", "1971-05-06") == "birth.year_known"
    assert birth("1971-05", "1971-05-06") == "birth.month_known"
    assert birth("1971-04", "1971-05-06") == "birth.else"
    assert birth("1972", "1971-05-06") == "birth.else"

    def name(a: str, b: str) -> str:
        return _level(model, record("a", name=a), record("b", name=b), "name")

    assert name("Kasia Nowak", "Katarzyna Nowak") == "name.initials"
    assert name("Jan Nowak", "Piotr Nowak") == "name.one"

    def address(a: str, b: str) -> str:
        return _level(model, record("a", address=a), record("b", address=b), "contact")

    whole = "12 colebatch place brentwood jesmond 3163 vic"
    assert address(whole, "12 colebatchplace brentwood jesmond 3163 vic") == (
        "contact.address_most"
    )
    assert address(whole, "7 other road jesmond 3163") == "contact.address_some"
