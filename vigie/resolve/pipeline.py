"""Records in, clusters out, without a store: the path the benchmarks and the evaluation on
public test data take (the store's service runs the same steps on what a reader may see)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from vigie.resolve import linkage
from vigie.resolve.cluster import MERGE, ScoredPair, Verdict, clusters
from vigie.resolve.features import PersonRecord, feature_table


@dataclass(frozen=True)
class Resolution:
    """A trained model, the pairs it kept, and the clusters they make."""

    model: dict[str, Any]
    pairs: list[ScoredPair]
    canonical: dict[str, str]


def scored_pairs(prediction: linkage.Prediction) -> list[ScoredPair]:
    """The pairs of a prediction with their probabilities."""
    table = prediction.pairs
    return [
        ScoredPair(str(a), str(b), float(p))
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
) -> Resolution:
    """Train the model on ``records`` without labels, score the blocked pairs and cluster them
    (analysts' ``judgements`` first)."""
    columns = feature_table(records)
    linker, model = linkage.train(linkage.database(engine), linkage.arrow_table(columns))
    pairs = scored_pairs(linkage.predict(linker, model))
    ids = [str(i) for i in columns["unique_id"]]
    births = {i: str(d) for i, d in zip(ids, columns["dob"], strict=True) if d}
    return Resolution(model, pairs, clusters(ids, pairs, judgements or {}, merge, births))
