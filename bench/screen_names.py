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
the same tables.

A second set tests romanisation schemes: every tradition written in a script of its own has its
names in that script romanised by two different schemes (ICU's BGN/PCGN, ISO and national
tables, and anyascii), the two Latin spellings compared (positives), and two different persons
sharing a name part romanised by different schemes (negatives). No curated spelling is involved:
it measures how Vigie meets the spellings that differing conventions produce. With
``--names-dev``, also prints names-dev's two halves: the odd lines (looked at while developing)
and the even lines (a holdout).

A third set is real: name parts of Wikidata person labels in Arabic and Russian script beside
their English label (``bench/data``, see its README and ``bench/wikidata_pairs.py``), in two
halves, development and holdout.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import tempfile
from pathlib import Path

import icu
from anyascii import anyascii
from rich.console import Console
from rich.table import Table
from wikidata_pairs import pairs as wikidata_pairs
from wikidata_pairs import read as read_tokens

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


# Romanisation schemes of each tradition written in a script of its own (ICU transliterator ids;
# "anyascii" for the anyascii package): the language's own BGN/PCGN table where ICU has one, the
# script's generic (ISO) table, and anyascii.
SCHEMES = {
    "arabic": ("Arabic-Latin", "Arabic-Latin/BGN", "anyascii"),
    "persian": ("Arabic-Latin", "Persian-Latin/BGN", "anyascii"),
    "afghan": ("Arabic-Latin", "Pashto-Latin/BGN", "Persian-Latin/BGN", "anyascii"),
    "urdu": ("Arabic-Latin", "Persian-Latin/BGN", "anyascii"),
    "russian": ("Russian-Latin/BGN", "Cyrillic-Latin", "anyascii"),
    "ukrainian": ("Ukrainian-Latin/BGN", "Cyrillic-Latin", "anyascii"),
    "chinese": ("Han-Latin/Names", "Han-Latin", "anyascii"),
    "korean": ("Hangul-Latin", "Korean-Latin/BGN", "anyascii"),
    "hindi": ("Devanagari-Latin", "anyascii"),
    "bengali": ("Bengali-Latin", "anyascii"),
    "punjabi": ("Gurmukhi-Latin", "anyascii"),
    "tamil": ("Tamil-Latin", "anyascii"),
    "amharic": ("Ethiopic-Latin", "Ethiopic-Latin/SERA", "Amharic-Latin/BGN", "anyascii"),
}
_ASCII = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")


def romanise(text: str, scheme: str) -> str:
    """``text`` romanised by ``scheme`` (see ``SCHEMES``), in ASCII letters."""
    if scheme == "anyascii":
        # anyascii runs Chinese syllables together (WangJiaYi): split them as records do.
        return " ".join(anyascii(word) for word in text.split())
    out = icu.Transliterator.createInstance(scheme).transliterate(text)
    return str(_ASCII.transliterate(out))


def _romanised(name: Name, scheme: str) -> str:
    # Part by part, as records write them (Kim Min-jun, not Gimminjun), in the native order.
    native = native_full(name)
    parts = sorted(name.parts(), key=lambda p: native.find(p.native))
    return " ".join(romanise(p.native, scheme) for p in parts)


def _scheme_pairs(per_origin: int, rng: random.Random) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for origin in origins():
        schemes = SCHEMES.get(origin.key)
        if not schemes:
            continue
        people = [
            make_name(origin, rng.choice(("male", "female")), origin.nationalities.pick(rng), rng)
            for _ in range(per_origin * 3)
        ]
        for name in people[:per_origin]:
            one, two = rng.sample(schemes, 2)
            found.append(
                {"a": _romanised(name, one), "b": _romanised(name, two), "match": True,
                 "origin": origin.key, "schemes": [one, two]}
            )  # fmt: skip
        sharing: dict[str, list[Name]] = {}
        for name in people:
            for part in name.parts():
                sharing.setdefault(part.native, []).append(name)
        negatives = 0
        for group in sharing.values():
            for left, right in itertools.pairwise(group):
                if negatives >= per_origin or native_full(left) == native_full(right):
                    continue
                one, two = rng.sample(schemes, 2)
                found.append(
                    {"a": _romanised(left, one), "b": _romanised(right, two), "match": False,
                     "origin": origin.key, "schemes": [one, two]}
                )  # fmt: skip
                negatives += 1
    return found


def _report(title: str, pairs: list[dict[str, object]], console: Console) -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "pairs.jsonl"
    path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs))
    report = evaluate_pairs(path)
    table = Table("origin", "pairs", "recall", "false-positive rate", title=title)
    for group, tally in [("overall", report.overall), *sorted(report.groups.items())]:
        table.add_row(
            group, str(tally.screened), f"{tally.recall:.3f}", f"{tally.false_positive_rate:.4f}"
        )
    console.print(table)
    negatives = sorted(
        (compare(str(p["a"]), str(p["b"])).score for p in pairs if not p["match"]), reverse=True
    )
    cut = negatives[int(0.01 * len(negatives))]
    positives = [compare(str(p["a"]), str(p["b"])).score for p in pairs if p["match"]]
    recall = sum(s > cut for s in positives) / len(positives)
    console.print(f"at a 1% false-positive rate (name similarity > {cut:.3f}): recall {recall:.3f}")


def _wikidata(folder: Path, console: Console) -> None:
    for path in sorted(folder.glob("wd_*.tsv")):
        script = path.stem.removeprefix("wd_")
        parts = read_tokens(path)
        for half, start in (("development", 0), ("holdout", 1)):
            found = wikidata_pairs(parts[start::2], script, half, seed=11)
            _report(f"Wikidata {script}, {half} half", found, console)


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
    parser.add_argument(
        "--wikidata", type=Path, default=Path(__file__).parent / "data", help="wd_*.tsv folder"
    )
    args = parser.parse_args()
    console = Console()
    pairs = _pairs(args.per_origin, random.Random(args.seed))
    out = args.out or Path(tempfile.mkdtemp()) / "origin-pairs.jsonl"
    out.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs))
    console.print(f"{len(pairs):,} pairs written to {out}")
    _report("curated spellings of the naming traditions", pairs, console)
    schemes = _scheme_pairs(args.per_origin, random.Random(args.seed + 1))
    out.with_suffix(".schemes.jsonl").write_text(
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in schemes)
    )
    _report("romanisation schemes (ICU, anyascii)", schemes, console)
    _wikidata(args.wikidata, console)
    if args.names_dev is not None:
        _halves(args.names_dev, console)


if __name__ == "__main__":
    main()
