"""Import throughput: statements per second of a synthetic world into SQLite and PostgreSQL.

    .venv/bin/python bench/import_world.py [--size medium] [--seed 1] [--skip-postgres]

Generates the world once (cached under /tmp), imports every source file through the same
importer `vigie import ftm` uses — parsing, cleaning, content addressing, full-text indexing,
audit — into a fresh SQLite file and into a fresh PostgreSQL database on a throw-away local
cluster, and prints statements/second. The baseline, run in the same process, is the floor:
the same number of bare rows inserted with sqlite3's executemany into an unindexed table.
Target (issue 2): >= 50,000 statements/s on SQLite.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from rich.console import Console

from vigie.collect.world import load_world, read_manifest
from vigie.demo.world import generate, parse_size
from vigie.settings import Settings
from vigie.store import Store
from vigie.store.pgcluster import PostgresCluster

console = Console()


def world_dir(size: int, seed: int) -> Path:
    out = Path(tempfile.gettempdir()) / f"vigie-bench-world-{size}-{seed}"
    if not (out / "manifest.json").exists():
        started = time.perf_counter()
        generate(out, size, seed)
        console.print(f"generated the world in {time.perf_counter() - started:.1f} s: {out}")
    return out


def import_into(url: str, world: Path) -> tuple[int, float]:
    """Import the world; print each format's rate, since formats differ widely in cost."""
    store = Store(url)
    store.migrate()
    per_format: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    mark = time.perf_counter()

    def timed(name: str, _done: int) -> None:
        nonlocal mark
        now = time.perf_counter()
        per_format[formats[name]][1] += now - mark
        mark = now

    formats = {str(e["file"]): str(e.get("format", "ftm")) for e in read_manifest(world)}
    started = time.perf_counter()
    results = load_world(store, world, "bench", timed)
    elapsed = time.perf_counter() - started
    store.close()
    for outcome in results:
        if outcome.result:
            name = outcome.label.split(",")[0]
            per_format[formats.get(name, "?")][0] += outcome.result.statements
    for fmt, (count, seconds) in sorted(per_format.items()):
        rate = count / seconds if seconds else 0.0
        console.print(f"  {fmt:<14} {count:>10,.0f} statements, {rate:>9,.0f} statements/s")
    return sum(o.result.statements for o in results if o.result), elapsed


def baseline(n: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(Path(tmp) / "floor.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("CREATE TABLE s (id TEXT, entity_id TEXT, prop TEXT, value TEXT, src TEXT)")
        rows = [(f"{i:040d}", f"e{i // 10}", "name", f"value {i}", "bench") for i in range(n)]
        started = time.perf_counter()
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO s VALUES (?, ?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
        elapsed = time.perf_counter() - started
        conn.close()
    return n / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="medium")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    world = world_dir(parse_size(args.size), args.seed)

    with tempfile.TemporaryDirectory() as tmp:
        url = Settings(data_dir=Path(tmp)).url
        count, elapsed = import_into(url, world)
    sqlite_rate = count / elapsed
    floor = baseline(count)
    console.print(
        f"SQLite:     {count:,} statements in {elapsed:.1f} s = {sqlite_rate:,.0f} statements/s"
    )
    console.print(f"baseline:   bare sqlite3 executemany of {count:,} rows = {floor:,.0f} rows/s")
    console.print(f"ratio:      Vigie import / bare insert = {sqlite_rate / floor:.3f}")
    verdict = "met" if sqlite_rate >= 50_000 else "NOT met"
    console.print(f"target:     >= 50,000 statements/s on SQLite: {verdict}")

    if not args.skip_postgres:
        cluster = PostgresCluster()
        cluster.start()
        try:
            count, elapsed = import_into(cluster.url(), world)
        finally:
            cluster.stop()
        rate = count / elapsed
        console.print(
            f"PostgreSQL: {count:,} statements in {elapsed:.1f} s = {rate:,.0f} statements/s"
        )


if __name__ == "__main__":
    main()
