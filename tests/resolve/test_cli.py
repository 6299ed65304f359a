"""``vigie resolve`` as issue 4 names it, in a subprocess as a user runs it: run, clusters to
CSV, explain a pair, and evaluate against a truth file."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.cli.test_cli import vigie
from tests.resolve.population import PEOPLE, load_population
from vigie.demo.accounts import ensure_demo_users
from vigie.settings import Settings
from vigie.store import Store


def test_run_clusters_explain_and_evaluate(sqlite_settings: Settings, tmp_path: Path) -> None:
    store = Store.open(sqlite_settings)
    try:
        ensure_demo_users(store.engine, "test")
        load_population(store, tmp_path / "population")
    finally:
        store.close()
    truth = tmp_path / "truth.json"
    persons = {f"{side}-{n}": f"p{n}" for n in range(PEOPLE) for side in ("a", "b")}
    persons |= {f"solo-{n}": f"solo{n}" for n in range(PEOPLE)} | {"leo-0": "p0"}
    truth.write_text(json.dumps({"persons": persons}), encoding="utf-8")

    before = vigie(sqlite_settings, "resolve", "evaluate", "--truth", str(truth))
    assert before.returncode != 0
    assert "vigie resolve run" in before.stderr

    done = vigie(sqlite_settings, "resolve", "run", "--as", "analyst", "--engine", "duckdb")
    assert done.returncode == 0, done.stderr

    out = tmp_path / "clusters.csv"
    done = vigie(sqlite_settings, "resolve", "clusters", "--as", "analyst", "--out", str(out))
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["entity_id", "canonical_id"]
    mapping = dict(rows[1:])
    # One row per record the analyst may see (the one under a caveat included: they hold it).
    assert len(mapping) == PEOPLE * 3 + 1
    assert mapping["leo-0"] == mapping["a-0"]
    assert mapping["a-1"] == mapping["b-1"] != mapping["solo-1"]

    done = vigie(sqlite_settings, "resolve", "explain", "a-1", "b-1", "--as", "analyst")
    assert done.returncode == 0, done.stderr
    assert "match weight" in done.stdout and "date of birth" in done.stdout

    # As the issue writes it: the clusters of the last run, as its user sees them.
    done = vigie(sqlite_settings, "resolve", "evaluate", "--truth", str(truth))
    assert done.returncode == 0, done.stderr
    scores = json.loads(done.stdout)
    assert scores["records"] == PEOPLE * 3 + 1
    assert set(scores["pairwise"]) == {"precision", "recall", "f1"}
    assert set(scores["cluster"]) == {"precision", "recall", "f1"}
    assert scores["pairwise"]["f1"] >= 0.9
    done = vigie(
        sqlite_settings, "resolve", "evaluate", "--truth", str(truth), "--clusters", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == scores
