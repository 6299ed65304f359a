"""Screening throughput and recall against a large watchlist.

    .venv/bin/python bench/screen.py [--entries 1000000] [--travellers 100000] [--sample 200]

Builds a watchlist of synthetic persons from the world generator's naming traditions (each
entry its standard Latin spelling and its native-script form as an alias, a date of birth and a
nationality), then screens travellers against it: one in fifty is a listed person under another
spelling (any attested variant of each name part, sometimes the other name order, sometimes the
date of birth with day and month swapped), the others are new random persons. Prints:

- index build time;
- batch queries per second over all travellers, and recall of the listed travellers;
- p50/p95 latency of single queries (one at a time, timed one by one);
- the baseline: brute-force rapidfuzz ``token_sort_ratio`` of each sampled traveller's name
  over every entry's name (the best one kept), its queries per second and recall, beside
  Vigie's on the same sample;
- the peak resident memory of this process (which holds the watchlist and its index) and of
  the largest batch worker process.

Targets (issue 5): >= 2,000 queries/s batch, p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import time

from rapidfuzz import fuzz, process
from rich.console import Console
from rich.progress import Progress, track

from vigie.demo.names import Spelling, make_name, native_full, origin_pool, respell, spell
from vigie.screen import index as index_module
from vigie.screen.index import Index
from vigie.screen.subject import Subject


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1940, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _person(rng: random.Random, entity_id: str) -> tuple[Subject, object]:
    origin = origin_pool().pick(rng)
    gender = rng.choice(("male", "female"))
    nationality = origin.nationalities.pick(rng)
    name = make_name(origin, gender, nationality, rng)
    standard = spell(name, Spelling.STANDARD, rng)
    names = tuple(dict.fromkeys((standard.full(), native_full(name))))
    subject = Subject(names, (_date(rng),), (nationality,), gender, (), entity_id)
    return subject, standard


def _variant(rng: random.Random, entry: Subject, spelled: object) -> Subject:
    other = respell(spelled, rng, share=0.7)  # type: ignore[arg-type]
    name = other.full(swap=rng.random() < 0.2)
    date = entry.birth_dates[0]
    if rng.random() < 0.2:
        y, m, d = date.split("-")
        if int(d) <= 12:
            date = f"{y}-{d}-{m}"
    return Subject((name,), (date,), entry.nationalities, entry.sex)


def _cpu() -> float:
    # CPU seconds of this process and of its finished worker processes.
    own, workers = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--travellers", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="processes for the batch")
    parser.add_argument(
        "--one-key-floor",
        type=float,
        default=index_module.ONE_KEY_FLOOR,
        help="how alike (0-100) the canonical names of a candidate sharing one key must be",
    )
    args = parser.parse_args()
    index_module.ONE_KEY_FLOOR = args.one_key_floor
    console = Console()
    rng = random.Random(args.seed)

    start = time.perf_counter()
    entries: list[Subject] = []
    spellings: list[object] = []
    # The collector off while a million persons are made: its full collections would walk
    # them all again and again for nothing.
    gc.disable()
    for i in track(range(args.entries), description="watchlist", console=console):
        entry, spelled = _person(rng, f"wl-{i}")
        entries.append(entry)
        spellings.append(spelled)
    gc.enable()
    made = time.perf_counter() - start
    start = time.perf_counter()
    index = Index(entries)
    built = time.perf_counter() - start
    console.print(f"{len(index):,} entries generated in {made:.1f} s, indexed in {built:.1f} s")

    queries: list[tuple[Subject, str | None]] = []
    for _ in range(args.travellers):
        if rng.random() < 0.02:
            pick = rng.randrange(len(entries))
            queries.append((_variant(rng, entries[pick], spellings[pick]), entries[pick].entity_id))
        else:
            queries.append((_person(rng, "")[0], None))

    start = time.perf_counter()
    cpu = _cpu()
    with Progress(console=console) as bar:
        task = bar.add_task("batch", total=len(queries))
        results = index.screen_many(
            [q for q, _ in queries],
            workers=args.workers,
            progress=lambda done: bar.update(task, completed=done),
        )
    batch = time.perf_counter() - start
    cpu = _cpu() - cpu
    listed = [(hits, want) for hits, (_q, want) in zip(results, queries, strict=True) if want]
    found = sum(1 for hits, want in listed if any(h.entity_id == want for h in hits))
    false_hits = sum(
        sum(1 for h in hits if h.entity_id != want)
        for hits, (_q, want) in zip(results, queries, strict=True)
    )
    console.print(
        f"batch ({args.workers} processes): {len(queries) / batch:,.0f} queries/s "
        f"({len(queries):,} in {batch:.1f} s; {len(queries) / cpu:,.0f} per CPU-second, "
        f"the measure that a shared machine skews least); "
        f"recall {found / max(len(listed), 1):.3f} of {len(listed):,} listed travellers; "
        f"{1000 * false_hits / len(queries):.2f} other hits per 1,000 travellers"
    )

    # Fresh travellers for the single queries: none of their names was seen in the batch.
    sample = []
    for _ in range(args.sample):
        pick = rng.randrange(len(entries))
        sample.append((_variant(rng, entries[pick], spellings[pick]), entries[pick].entity_id))
    latencies = []
    sample_found = 0
    for query, want in sample:
        t0 = time.perf_counter()
        hits = index.screen(query)
        latencies.append(time.perf_counter() - t0)
        sample_found += any(h.entity_id == want for h in hits)
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    console.print(
        f"single queries: p50 {1000 * statistics.median(latencies):.1f} ms, "
        f"p95 {1000 * p95:.1f} ms; recall {sample_found / len(sample):.3f} on {len(sample)} "
        "fresh listed travellers"
    )

    names = [e.names[0] for e in entries]
    base_found = 0
    start = time.perf_counter()
    base_sample = sample[: max(1, min(len(sample), 50))]
    for query, want in base_sample:
        best = process.extractOne(query.names[0], names, scorer=fuzz.token_sort_ratio)
        base_found += best is not None and entries[best[2]].entity_id == want
    base = time.perf_counter() - start
    console.print(
        f"baseline rapidfuzz token_sort_ratio, brute force over {len(names):,} names: "
        f"{len(base_sample) / base:,.1f} queries/s; top-1 recall "
        f"{base_found / len(base_sample):.3f} on {len(base_sample)} listed travellers"
    )
    console.print(
        f"Vigie's batch is {len(queries) / batch / (len(base_sample) / base):,.0f} times the "
        "baseline's queries/s"
    )
    own, worker = _peak_rss()
    console.print(f"peak memory: {own:,.0f} MiB (this process), {worker:,.0f} MiB (a worker)")


def _peak_rss() -> tuple[float, float]:
    # Peak resident set sizes in MiB (Linux reports kibibytes): this process, largest worker.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, workers / 1024


if __name__ == "__main__":
    main()
