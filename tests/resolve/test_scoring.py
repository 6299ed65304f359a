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
from vigie.resolve.features import PersonRecord


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
