"""Name pairs across scripts from Wikidata person labels, for name-only matching.

    .venv/bin/python bench/wikidata_pairs.py bench/data/wd_arabic.tsv --script arabic \
        --out arabic-pairs.jsonl

The input holds tokens of person labels aligned across two scripts, one a line:
``latin<TAB>native letters separated by spaces`` (the format of Merhav & Ash's Wikidata sets,
``bench/data/README.md``). Each line is one name part written two ways by Wikidata's editors.
Lines are split by parity: even lines (0, 2, …) are the development half, odd lines the holdout.
Within each half:

- *one-token* pairs: the Latin spelling against the native one (positive), and against the
  native spelling of another part that is among the ten most alike to it (negative);
- *two-token* pairs: two parts taken as given and family name, ``latin1 latin2`` against
  ``native1 native2`` (positive), and against ``native1 native3`` where ``native3`` is one of
  the ten parts most alike to ``native2`` (negative: two people sharing a name part, the other
  part a near spelling — the pairs that make name-only matching flag the wrong person).

How alike two native spellings are is measured on their anyascii forms with rapidfuzz's ratio,
not with Vigie's matcher, so that the negatives do not follow the matcher's own notion of alike.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from anyascii import anyascii
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

NEAREST = 10


def read(path: Path) -> list[tuple[str, str]]:
    """The ``(latin, native)`` parts of a token file, duplicates dropped, in file order."""
    out: dict[tuple[str, str], None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and fields[0] and fields[1]:
            out[(fields[0], fields[1].replace(" ", ""))] = None
    return list(out)


def _near(parts: list[tuple[str, str]], rng: random.Random) -> list[int]:
    # For each part, one of the NEAREST parts whose native spelling is most alike (another
    # native spelling and another Latin one).
    keys = [anyascii(native).lower() for _latin, native in parts]
    chosen = []
    for i, k in enumerate(keys):
        found = process.extract(
            k, keys, scorer=Levenshtein.normalized_similarity, limit=NEAREST * 3
        )
        others = [
            j for _k, _s, j in found
            if parts[j][1] != parts[i][1] and parts[j][0] != parts[i][0]
        ][:NEAREST]  # fmt: skip
        chosen.append(rng.choice(others))
    return chosen


def pairs(
    parts: list[tuple[str, str]], script: str, half: str, seed: int
) -> list[dict[str, object]]:
    """The labelled pairs of one half (see the module docstring)."""
    rng = random.Random(seed)
    near = _near(parts, rng)
    out: list[dict[str, object]] = []

    def add(a: str, b: str, match: bool, kind: str) -> None:
        out.append({"a": a, "b": b, "match": match, "origin": f"{script} {kind}", "half": half})

    for i, (latin, native) in enumerate(parts):
        add(latin, native, True, "1 token")
        add(latin, parts[near[i]][1], False, "1 token")
    order = list(range(len(parts)))
    rng.shuffle(order)
    for i, j in zip(order[::2], order[1::2], strict=False):
        (l1, n1), (l2, n2) = parts[i], parts[j]
        add(f"{l1} {l2}", f"{n1} {n2}", True, "2 tokens")
        add(f"{l1} {l2}", f"{n1} {parts[near[j]][1]}", False, "2 tokens")
    return out


def main() -> None:
    """Read a token file, write the pairs of both halves."""
    parser = argparse.ArgumentParser()
    parser.add_argument("tokens", type=Path)
    parser.add_argument("--script", required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    parts = read(args.tokens)
    found = pairs(parts[0::2], args.script, "dev", args.seed) + pairs(
        parts[1::2], args.script, "holdout", args.seed
    )
    args.out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in found))
    print(f"{len(found):,} pairs written to {args.out}")


if __name__ == "__main__":
    main()
