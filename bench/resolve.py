"""Entity resolution at scale: Vigie's model against Splink's plain settings on the same
synthetic person records, in the same run.

    .venv/bin/python bench/resolve.py [--records 1000000] [--seed 1] [--new 10000]

The records are rendered from the synthetic world's true persons (``vigie.demo.people``: names
from 26 traditions with their scripts and transliteration variants, valid passports), each
person appearing one to four times the way sources write people: another spelling of each
name part, the other name order, the name in its own script, a typing slip, day and month
swapped, a year out, a renewed passport, missing fields. Records are cached under /tmp.

Each contender runs in its own process (so its peak memory is its own) and is timed end to end
from the records in memory: features, training without labels, blocked prediction,
clustering. Then the first ``--new`` records are held back, the model is trained on the others,
and the held-back ones are linked incrementally. F1 is pairwise, against the true persons.
Targets (issue 4): <= 30 s end to end at F1 >= 0.97 on 1,000,000 records, and 10,000 new
records linked in <= 5 s.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import pickle
import resource
import tempfile
import time
from datetime import date
from pathlib import Path
from random import Random
from typing import Any

from vigie.demo.mess import shift_years, swap_day_month, typo
from vigie.demo.names import native_full, respell
from vigie.demo.people import make_person, person_stream
from vigie.resolve.features import PersonRecord

# How many records a person has: a quarter once, the rest two to four times (about 2.3 each).
_COPIES = (1, 1, 2, 2, 2, 3, 3, 4)


def _render(person: Any, copy: int, rng: Random) -> dict[str, list[str]]:
    spelled = person.spelled if copy == 0 else respell(person.spelled, rng)
    name = spelled.full(swap=copy > 0 and rng.random() < 0.3)
    if copy > 0 and rng.random() < 0.1:
        name = typo(name, rng)
    birth: date | None = person.identity.birth
    roll = rng.random()
    if copy > 0 and roll < 0.08:
        birth = swap_day_month(person.identity.birth) or birth
    elif copy > 0 and roll < 0.12:
        birth = shift_years(person.identity.birth, 1 if rng.random() < 0.5 else -1)
    elif copy > 0 and roll < 0.2:
        birth = None
    values: dict[str, list[str]] = {
        "name": [name],
        "gender": [person.identity.gender],
        "nationality": [person.identity.nationality],
    }
    if birth is not None:
        values["birthDate"] = [birth.isoformat()]
    if copy > 0 and rng.random() < 0.15:
        values["alias"] = [native_full(person.identity.name)]
    docs = person.documents
    if rng.random() < 0.85:
        doc = docs[0] if len(docs) > 1 and rng.random() < 0.5 else docs[-1]
        values["passportNumber"] = [doc.number]
    if rng.random() < 0.3:
        values["phone"] = [person.phone]
    if rng.random() < 0.3:
        values["email"] = [person.email]
    if rng.random() < 0.3:
        values["address"] = [person.address]
    return values


def _block(args: tuple[int, int, int]) -> list[tuple[str, str, dict[str, list[str]]]]:
    seed, start, stop = args
    rows = []
    for index in range(start, stop):
        rng = person_stream(seed + 1, index)
        person = make_person(seed, index)
        for copy in range(_COPIES[int(rng.random() * len(_COPIES))]):
            rows.append((f"r-{index}-{copy}", person.tp, _render(person, copy, rng)))
    return rows


def population(records: int, seed: int) -> list[tuple[str, str, dict[str, list[str]]]]:
    """About ``records`` rendered records (entity id, true person, values), cached."""
    cache = Path(tempfile.gettempdir()) / f"vigie-bench-resolve-{records}-{seed}.pickle"
    if cache.exists():
        with cache.open("rb") as fh:
            cached: list[tuple[str, str, dict[str, list[str]]]] = pickle.load(fh)
            return cached
    persons = int(records / (sum(_COPIES) / len(_COPIES)))
    step = 5_000
    blocks = [(seed, s, min(s + step, persons)) for s in range(0, persons, step)]
    rows: list[tuple[str, str, dict[str, list[str]]]] = []
    with multiprocessing.Pool(2) as pool:
        for part in pool.imap(_block, blocks):
            rows.extend(part)
    with cache.open("wb") as fh:
        pickle.dump(rows, fh)
    return rows


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _vigie(rows: list[tuple[str, str, dict[str, list[str]]]]) -> dict[str, Any]:
    from vigie.resolve.pipeline import resolve

    started = time.perf_counter()
    stages: dict[str, float] = {}
    resolution = resolve((PersonRecord(eid, values) for eid, _tp, values in rows), timings=stages)
    return {
        "seconds": time.perf_counter() - started,
        "stages": {k: round(v, 1) for k, v in stages.items()},
        "canonical": resolution.canonical,
    }


def _splink_plain(rows: list[tuple[str, str, dict[str, list[str]]]]) -> dict[str, Any]:
    """Splink's documented defaults on the raw fields: library comparisons, EM capped."""
    import duckdb
    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    started = time.perf_counter()

    def first(values: dict[str, list[str]], prop: str) -> str | None:
        found = values.get(prop)
        return found[0] if found else None

    table = pa.table(
        {
            "unique_id": [eid for eid, _tp, _v in rows],
            "full_name": [(first(v, "name") or "").lower() or None for _e, _t, v in rows],
            "dob": [first(v, "birthDate") for _e, _t, v in rows],
            "nationality": [first(v, "nationality") for _e, _t, v in rows],
            "gender": [first(v, "gender") for _e, _t, v in rows],
            "passport": [first(v, "passportNumber") for _e, _t, v in rows],
        }
    )
    db = DuckDBAPI(duckdb.connect())
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("full_name", [0.95, 0.88]),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("nationality"),
            cl.ExactMatch("gender"),
            cl.LevenshteinAtThresholds("passport", [1]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("full_name"),
            block_on("dob", "nationality"),
            block_on("passport"),
        ],
    )
    linker = Linker(db.register(table), settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("full_name", "dob")], recall=0.6
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    for rule in (block_on("passport"), block_on("dob")):
        linker.training.estimate_parameters_using_expectation_maximisation(rule, max_pairs=2e6)
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, 0.9)
    frame = clusters.as_pyarrow_table()
    canonical = dict(
        zip(
            frame["unique_id"].to_pylist(),
            [str(c) for c in frame["cluster_id"].to_pylist()],
            strict=True,
        )
    )
    return {"seconds": time.perf_counter() - started, "canonical": canonical}


def _incremental(rows: list[tuple[str, str, dict[str, list[str]]]], new: int) -> dict[str, Any]:
    from vigie.resolve import linkage
    from vigie.resolve.batch import person_features

    old_rows, new_rows = rows[new:], rows[:new]
    db = linkage.database("duckdb")
    existing = person_features(PersonRecord(e, v) for e, _t, v in old_rows)
    model = linkage.train(db, existing)
    started = time.perf_counter()
    fresh = person_features(PersonRecord(e, v) for e, _t, v in new_rows)
    featured = time.perf_counter()
    prediction = linkage.link_new(linkage.database("duckdb"), model, existing, fresh)
    return {
        "seconds": time.perf_counter() - started,
        "features_seconds": featured - started,
        "pairs": prediction.pairs.num_rows,
    }


def _run(job: str, rows_path: str, new: int, out: Any) -> None:
    with open(rows_path, "rb") as fh:
        rows = pickle.load(fh)
    if job == "incremental":
        result = _incremental(rows, new)
    else:
        result = _vigie(rows) if job == "vigie" else _splink_plain(rows)
    result["peak_mb"] = _peak_mb()
    out.send(result)


def _isolated(job: str, rows_path: Path, new: int) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_run, args=(job, str(rows_path), new, send))
    process.start()
    result: dict[str, Any] = receive.recv()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--new", type=int, default=10_000)
    parser.add_argument("--skip-splink", action="store_true")
    args = parser.parse_args()
    from vigie.resolve.evaluate import evaluate

    started = time.perf_counter()
    rows = population(args.records, args.seed)
    print(f"{len(rows):,} records ready in {time.perf_counter() - started:.1f} s")
    truth = {eid: tp for eid, tp, _v in rows}
    rows_path = (
        Path(tempfile.gettempdir()) / f"vigie-bench-resolve-{args.records}-{args.seed}.pickle"
    )
    report: dict[str, Any] = {"records": len(rows)}
    for job in ("vigie", *(() if args.skip_splink else ("splink-plain",))):
        result = _isolated(job, rows_path, args.new)
        scores = evaluate(result.pop("canonical"), truth)
        report[job] = {
            "seconds": round(result["seconds"], 1),
            "peak_mb": round(result["peak_mb"]),
            **({"stages": result["stages"]} if "stages" in result else {}),
            **scores.pairwise.to_dict(),
        }
        print(job, json.dumps(report[job]))
    incremental = _isolated("incremental", rows_path, args.new)
    report["incremental"] = {
        "new_records": args.new,
        "seconds": round(incremental["seconds"], 2),
        "features_seconds": round(incremental["features_seconds"], 2),
        "pairs": incremental["pairs"],
    }
    print("incremental", json.dumps(report["incremental"]))


if __name__ == "__main__":
    main()
