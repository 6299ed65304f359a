"""The cost of the name comparison alone, on the comparisons the screening benchmark asks for.

    .venv/bin/python bench/screen_compare.py [--entries 1000000] [--travellers 10000]

Builds the watchlist and travellers of ``bench/screen.py`` (same seed), screens the travellers
one by one and records every pair of parsed names the index has compared
(``similarity.compare_tokens``), then compares them all again, in the same order, with every
comparison cache emptied first. Prints microseconds per comparison (CPU time, best of three)
and how many pairs of tokens a comparison measured (``similarity.token_similarity``).
"""

from __future__ import annotations

import argparse
import gc
import random
import time

from screen import _person, _variant

from vigie.screen import features, similarity
from vigie.screen.index import Index
from vigie.screen.names import Token
from vigie.screen.subject import Subject

Names = tuple[Token, ...]


def _empty() -> None:
    # Every cache of the comparison, as a fresh process has them.
    similarity.compare_tokens.cache_clear()
    similarity.spelling_similarity.cache_clear()
    similarity._MEMO = similarity._Memo()


def main() -> None:
    """Record the benchmark's comparisons, replay them and print their cost."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--travellers", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    entries: list[Subject] = []
    spellings: list[object] = []
    gc.disable()
    for i in range(args.entries):
        entry, spelled = _person(rng, f"wl-{i}")
        entries.append(entry)
        spellings.append(spelled)
    gc.enable()
    index = Index(entries)
    queries = []
    for _ in range(args.travellers):
        if rng.random() < 0.02:
            pick = rng.randrange(len(entries))
            queries.append(_variant(rng, entries[pick], spellings[pick]))
        else:
            queries.append(_person(rng, "")[0])

    compared: list[tuple[Names, Names]] = []
    compare = features.compare_tokens

    def recording(left: Names, right: Names) -> similarity.NameComparison:
        compared.append((left, right))
        return compare(left, right)

    features.compare_tokens = recording  # type: ignore[assignment]
    for query in queries:
        index.screen(query)
    features.compare_tokens = compare

    measured = 0
    measure = similarity.token_similarity

    def counting(a: Token, b: Token) -> float:
        nonlocal measured
        measured += 1
        return measure(a, b)

    _empty()
    similarity.token_similarity = counting  # type: ignore[assignment]
    for left, right in compared:
        similarity.compare_tokens(left, right)
    similarity.token_similarity = measure
    best = float("inf")
    for _ in range(3):
        _empty()
        start = time.process_time()
        for left, right in compared:
            similarity.compare_tokens(left, right)
        best = min(best, time.process_time() - start)
    print(
        f"{len(compared):,} comparisons of names from {len(queries):,} travellers against "
        f"{len(entries):,} entries: {1e6 * best / len(compared):.1f} µs each (CPU, best of 3), "
        f"{measured / len(compared):.1f} pairs of tokens measured each"
    )


if __name__ == "__main__":
    main()
