"""Name-only matching on variant pairs built from the world's naming traditions.

    .venv/bin/python bench/screen_names.py [--per-origin 150] [--seed 5] [--out pairs.jsonl]
        [--names-dev ../shared/data/names-dev/pairs.jsonl]

For every naming tradition of ``vigie/demo/data/origins`` (Arabic, Persian, South Asian,
Chinese, Russian and Ukrainian, West African, Vietnamese …): positives are one person's name in
its standard spelling (or its native script) against another attested spelling of each part,
sometimes without the middle name or in the other order; negatives are two different persons of
the same tradition who share a name part (the look-alikes that make name-only matching flag the
wrong person). Prints recall and false-positive rate at the review threshold, overall and per
origin, and the recall at a 1 % false-positive rate. The spellings come from the generator's
curated tables, not from Vigie's matcher: a development set besides ``names-dev``, not a test of
the same tables. With ``--names-dev``, also prints names-dev's two halves: the odd lines
(looked at while developing) and the even lines (a holdout).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from vigie.demo.names import Name, Spelling, make_name, native_full, origins, respell, spell
from vigie.screen.evaluate import evaluate_pairs
from vigie.screen.similarity import compare


def _pairs(per_origin: int, rng: random.Random) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for origin in origins():
        people: list[Name] = []
        for _ in range(per_origin * 3):
            gender = rng.choice(("male", "female"))
            people.append(make_name(origin, gender, origin.nationalities.pick(rng), rng))
        for name in people[:per_origin]:
            standard = spell(name, Spelling.STANDARD, rng)
            other = respell(standard, rng, share=0.8)
            left = standard.full() if rng.random() < 0.7 else native_full(name)
            right = other.full(middle=rng.random() < 0.7, swap=rng.random() < 0.2)
            found.append({"a": left, "b": right, "match": True, "origin": origin.key})
        sharing: dict[str, list[Name]] = {}
        for name in people:
            for part in name.parts():
                sharing.setdefault(part.latin[0], []).append(name)
        negatives = 0
        for group in sharing.values():
            for one, two in itertools.pairwise(group):
                if negatives >= per_origin:
                    break
                if [p.latin[0] for p in one.parts()] == [p.latin[0] for p in two.parts()]:
                    continue
                left = spell(one, Spelling.PREFERRED, rng).full()
                right = respell(spell(two, Spelling.PREFERRED, rng), rng, 0.5).full()
                found.append({"a": left, "b": right, "match": False, "origin": origin.key})
                negatives += 1
    return found


def _halves(path: Path, console: Console) -> None:
    # names-dev split by line: odd lines were looked at while developing the matcher, even
    # lines were not (the holdout), so that the two figures show how far it was tuned.
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    folder = Path(tempfile.mkdtemp())
    table = Table("names-dev half", "group", "pairs", "recall", "false-positive rate")
    for half, start in (("dev (odd lines)", 0), ("holdout (even lines)", 1)):
        part = folder / f"{start}.jsonl"
        part.write_text("".join(lines[start::2]), encoding="utf-8")
        report = evaluate_pairs(part)
        for group, tally in [("overall", report.overall), *sorted(report.groups.items())]:
            table.add_row(
                half,
                group,
                str(tally.screened),
                f"{tally.recall:.3f}",
                f"{tally.false_positive_rate:.4f}",
            )
    console.print(table)


def main() -> None:
    """Build the pairs, evaluate them, print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-origin", type=int, default=150)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--names-dev", type=Path, default=None, help="names-dev pairs.jsonl: dev/holdout halves"
    )
    args = parser.parse_args()
    console = Console()
    pairs = _pairs(args.per_origin, random.Random(args.seed))
    out = args.out or Path(tempfile.mkdtemp()) / "origin-pairs.jsonl"
    out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs))
    report = evaluate_pairs(out)
    table = Table("origin", "pairs", "recall", "false-positive rate")
    for group, tally in [("overall", report.overall), *sorted(report.groups.items())]:
        table.add_row(
            group, str(tally.screened), f"{tally.recall:.3f}", f"{tally.false_positive_rate:.4f}"
        )
    console.print(f"{len(pairs):,} pairs written to {out}; review threshold {report.threshold}")
    console.print(table)
    negatives = sorted(
        (compare(str(p["a"]), str(p["b"])).score for p in pairs if not p["match"]), reverse=True
    )
    cut = negatives[int(0.01 * len(negatives))]
    positives = [compare(str(p["a"]), str(p["b"])).score for p in pairs if p["match"]]
    recall = sum(s > cut for s in positives) / len(positives)
    console.print(f"at a 1% false-positive rate (name similarity > {cut:.3f}): recall {recall:.3f}")
    if args.names_dev is not None:
        _halves(args.names_dev, console)


if __name__ == "__main__":
    main()
