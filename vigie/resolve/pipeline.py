"""Records in, clusters out, without a store: the path the benchmarks and the evaluation on
public test data take (the store's service runs the same steps on what a reader may see)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from vigie.resolve import linkage
from vigie.resolve.batch import person_features
from vigie.resolve.cluster import MERGE, ScoredPair, Verdict, clusters_of_table
from vigie.resolve.features import PersonRecord


@dataclass(frozen=True)
class Resolution:
    """A trained model, the pairs it kept, and the clusters they make."""

    model: dict[str, Any]
    prediction: linkage.Prediction
    canonical: dict[str, str]


def scored_pairs(prediction: linkage.Prediction, minimum: float = 0.0) -> list[ScoredPair]:
    """The pairs of a prediction with their probabilities, those at or above ``minimum``."""
    import pyarrow.compute as pc

    table = prediction.pairs
    if minimum > 0:
        table = table.filter(pc.greater_equal(table["match_probability"], minimum))
    return [
        ScoredPair(a, b, p)
        for a, b, p in zip(
            table["unique_id_l"].to_pylist(),
            table["unique_id_r"].to_pylist(),
            table["match_probability"].to_pylist(),
            strict=True,
        )
    ]


def resolve(
    records: Iterable[PersonRecord],
    engine: str = "duckdb",
    judgements: Mapping[tuple[str, str], Verdict] | None = None,
    merge: float = MERGE,
    timings: dict[str, float] | None = None,
) -> Resolution:
    """Train the model on ``records`` without labels, score the blocked pairs and cluster them
    (analysts' ``judgements`` first); ``timings``, when given, receives each stage's seconds."""
    stages = timings if timings is not None else {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stages[stage] = now - clock
        clock = now

    table = person_features(records)
    lap("features")
    db = linkage.database(engine)
    model = linkage.train(db, table)
    lap("training")
    prediction = linkage.predict(db, table, model)
    lap("prediction")
    canonical = clusters_of_table(table, prediction.pairs, judgements or {}, merge)
    lap("clustering")
    return Resolution(model, prediction, canonical)
