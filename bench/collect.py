"""PAXLST import throughput: travellers per second parsed, and parsed and stored on SQLite.

    .venv/bin/python bench/collect.py [--travellers 20000] [--per-flight 200] [--skip-postgres]

Writes one interchange of passenger lists laid out as the WCO/IATA guides show (one message
per flight, ten segments per traveller, release characters in some names), then times, in the
same process:

- the baseline: pydifact's tokeniser alone over the whole file;
- reading: decoding, pydifact parsing, envelope and UNT checks and the mapping to FtM records;
- the import: ``vigie import paxlst`` into a fresh SQLite store (and PostgreSQL unless skipped);
- the store's own floor: the same records handed to the writer ready-made;
- the ceiling of one row per statement: the same statement rows, computed beforehand, inserted
  with sqlite3's executemany into a table of the statement's columns with no index, no unique
  content address and no full-text index. No import that stores each fact as a row can beat it.

Target (the PAXLST issue): >= 20,000 travellers/s parsed and stored on SQLite.

Then, for tables (``--csv-size medium`` by default, ``--skip-csv`` to leave out), CSV rows per
second of the synthetic world's applications (``visa-applications.csv``, generated once and
cached under /tmp) imported through ``vigie import applications`` into a fresh SQLite store,
against the baseline of Python's csv.reader alone over the same file.
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from pydifact.control.characters import Characters
from pydifact.tokenizer import Tokenizer
from rich.console import Console

from vigie.collect import applications
from vigie.collect.paxlst import import_file, readings
from vigie.collect.paxlst.interchange import open_interchange
from vigie.collect.paxlst.mapping import Mapped
from vigie.demo.world import generate, parse_size
from vigie.model.grading import Grading
from vigie.model.handling import Handling
from vigie.settings import Settings
from vigie.store import Store
from vigie.store.db import STATEMENT_COLUMNS
from vigie.store.pgcluster import PostgresCluster
from vigie.store.writer import Collection, Stamp, statement_rows, write_reports

console = Console()
SURNAMES = ["NGUYEN", "O?'BRIEN", "SMITH?+JONES", "OKAFOR", "SINGH", "DE LA CRUZ", "KIM", "HADDAD"]
GIVEN = ["VAN MINH", "MARY", "JOHN", "CHIDI", "HARPREET", "ANA MARIA", "JUN SEO", "LEILA"]
COUNTRIES = ["VNM", "IRL", "GBR", "NGA", "IND", "ESP", "KOR", "LBN", "CAN", "D"]
COLLECTION = Collection(
    "api", "paxlst", "", "", "bench", Handling.make("PROTECTED B"), Grading.from_code("B2")
)


def interchange(travellers: int, per_flight: int, seed: int = 1) -> bytes:
    """An interchange of passenger lists holding ``travellers`` travellers."""
    rng = random.Random(seed)
    lines = ["UNA:+.? '", "UNB+UNOA:4+APIGATEWAY:ZZ+CBSAAPI:ZZ+250307:1200+1++APIS"]
    flights = (travellers + per_flight - 1) // per_flight
    for number in range(1, flights + 1):
        segments = [
            f"UNH+{number}+PAXLST:D:05B:UN:IATA+AC{number:04d}+01:F",
            "BGM+745",
            f"TDT+20+AC{number:04d}+++AC",
            "LOC+125+LHR",
            f"DTM+189:2503{1 + number % 28:02d}1435:201",
            "LOC+87+YYZ",
            f"DTM+232:2503{1 + number % 28:02d}1710:201",
        ]
        count = min(per_flight, travellers - (number - 1) * per_flight)
        for seat in range(count):
            country = rng.choice(COUNTRIES)
            segments += [
                f"NAD+FL+++{rng.choice(SURNAMES)}:{rng.choice(GIVEN)}",
                f"ATT+2++{rng.choice('MF')}",
                f"DTM+329:{rng.randint(40, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
                "LOC+178+LHR",
                "LOC+179+YYZ",
                f"NAT+2+{country}",
                f"RFF+AVF:{rng.randrange(36**6):06X}",
                f"DOC+P:110:111+P{number:04d}{seat:05d}",
                f"DTM+36:{rng.randint(26, 35)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}",
                f"LOC+91+{country}",
            ]
        segments.append(f"CNT+42:{count}")
        segments.append(f"UNT+{len(segments) + 1}+{number}")
        lines += segments
    lines.append(f"UNZ+{flights}+1")
    return ("'\n".join(lines) + "'\n").replace("UNA:+.? ''", "UNA:+.? '").encode("ascii")


def timed(label: str, travellers: int, seconds: float) -> float:
    rate = travellers / seconds
    console.print(f"{label:<44} {seconds:6.2f} s  {rate:>9,.0f} travellers/s")
    return rate


def import_into(store: Store, path: Path, travellers: int, label: str) -> float:
    started = time.perf_counter()
    outcomes = import_file(store, path, COLLECTION)
    elapsed = time.perf_counter() - started
    store.close()
    assert all(o.result for o in outcomes), [o.error for o in outcomes if o.error][:3]
    return timed(label, travellers, elapsed)


def ceiling(mapped: list[Mapped | None], travellers: int, directory: Path) -> float:
    """Travellers/s of their statement rows inserted bare: no index, key or full-text index."""
    rows = []
    for i, message in enumerate(mapped):
        if message:
            stamp = Stamp(str(i), ("bench", i + 1, 1, "2026-11-25T00:00:00+00:00"))
            rows += statement_rows(message.records, stamp).statements
    conn = sqlite3.connect(directory / "ceiling.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"CREATE TABLE statement ({', '.join(STATEMENT_COLUMNS)})")
    insert = f"INSERT INTO statement VALUES ({', '.join('?' * len(STATEMENT_COLUMNS))})"
    started = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany(insert, rows)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    console.print(f"  ({len(rows):,} statement rows, {len(rows) / elapsed:,.0f} rows/s)")
    return timed("ceiling: statement rows into a bare table", travellers, elapsed)


def csv_rates(size: str, seed: int = 1) -> None:
    """CSV rows/s of the world's applications imported into SQLite, and csv.reader's."""
    persons = parse_size(size)
    world = Path(tempfile.gettempdir()) / f"vigie-bench-tables-{persons}-{seed}"
    path = world / "visa-applications.csv"
    if not path.exists():
        generate(world, persons, seed)
    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = sum(1 for _row in csv.reader(handle)) - 1
    reader = rows / (time.perf_counter() - started)
    console.print(f"{rows:,} applications ({size} world), {path.stat().st_size / 2**20:.1f} MiB")
    console.print(f"{'baseline: csv.reader alone':<44} {reader:>12,.0f} rows/s")
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Settings(data_dir=Path(tmp)))
        collection = replace(COLLECTION, kind="applications")
        started = time.perf_counter()
        [outcome] = applications.import_file(store, path, collection)
        elapsed = time.perf_counter() - started
        store.close()
    assert outcome.result is not None
    rate = rows / elapsed
    statements = outcome.result.statements / elapsed
    console.print(f"{'import applications into SQLite':<44} {rate:>12,.0f} rows/s")
    console.print(f"{'  the same, in statements':<44} {statements:>12,.0f} statements/s")
    console.print(f"ratio:  SQLite import / csv.reader alone = {rate / reader:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--travellers", type=int, default=20_000)
    parser.add_argument("--per-flight", type=int, default=200)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--csv-size", default="medium")
    parser.add_argument("--skip-csv", action="store_true")
    args = parser.parse_args()
    n = args.travellers
    data = interchange(n, args.per_flight)
    console.print(f"{n:,} travellers in {len(data) / 2**20:.1f} MiB, {args.per_flight} a flight")

    started = time.perf_counter()
    for _token in Tokenizer().get_tokens(data[10:].decode("ascii"), Characters()):
        pass
    baseline = timed("baseline: pydifact tokeniser alone", n, time.perf_counter() - started)

    started = time.perf_counter()
    envelope, pieces = open_interchange("bench.edi", data)
    mapped = [r.mapped for r in readings(envelope, pieces)]
    timed("read: decode, parse, check, map to FtM", n, time.perf_counter() - started)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.edi"
        path.write_bytes(data)
        sqlite = Store.open(Settings(data_dir=Path(tmp) / "a"))
        rate = import_into(sqlite, path, n, "import into SQLite")
        store = Store.open(Settings(data_dir=Path(tmp) / "b"))
        started = time.perf_counter()
        reports = [
            (replace(COLLECTION, checksum=str(i)), m.records) for i, m in enumerate(mapped) if m
        ]
        for at in range(0, len(reports), 25):
            write_reports(store, reports[at : at + 25])
        timed("store floor: the same records, ready-made", n, time.perf_counter() - started)
        store.close()
        ceiling(mapped, n, Path(tmp))
        if not args.skip_postgres:
            cluster = PostgresCluster()
            cluster.start()
            try:
                postgres = Store(cluster.url())
                postgres.migrate()
                import_into(postgres, path, n, "import into PostgreSQL")
            finally:
                cluster.stop()
    console.print(f"ratio:  SQLite import / pydifact tokeniser alone = {rate / baseline:.2f}")
    verdict = "met" if rate >= 20_000 else "NOT met"
    console.print(f"target: >= 20,000 travellers/s parsed and stored on SQLite: {verdict}")
    if not args.skip_csv:
        csv_rates(args.csv_size)


if __name__ == "__main__":
    main()
