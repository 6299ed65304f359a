"""Screening quality and fairness: precision, recall and false-positive rates, overall and per
name origin, against a ground truth.

Two truths are read: a synthetic world's ``truth.json`` (which travellers are which watchlist
entries, and each true person's name origin), for screening with every identifier; and labelled
name pairs (JSON Lines ``{"a", "b", "match"}`` with an optional ``origin``, or ``a_script`` and
``b_script``), for name-only matching.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.screen import commonness
from vigie.screen.index import Index
from vigie.screen.scoring import Thresholds, score
from vigie.screen.subject import Subject, traveller_keys


@dataclass
class Tally:
    """Counts for one group: true matches found and missed, travellers or pairs with a false
    hit, and how many were screened."""

    found: int = 0
    missed: int = 0
    false_hits: int = 0
    flagged: int = 0
    screened: int = 0
    negatives: int = 0

    @property
    def recall(self) -> float | None:
        """Share of the true matches found."""
        total = self.found + self.missed
        return self.found / total if total else None

    @property
    def precision(self) -> float | None:
        """Share of the hits that are true matches."""
        total = self.found + self.false_hits
        return self.found / total if total else None

    @property
    def false_positive_rate(self) -> float | None:
        """Share of the non-matching travellers (or pairs) given a false hit."""
        return self.flagged / self.negatives if self.negatives else None

    @property
    def false_hits_per_1000(self) -> float | None:
        """False hits per 1,000 screened travellers."""
        return 1000 * self.false_hits / self.screened if self.screened else None

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form, rates rounded."""

        def rnd(value: float | None) -> float | None:
            return None if value is None else round(value, 4)

        return {
            "screened": self.screened,
            "true_matches": self.found + self.missed,
            "found": self.found,
            "false_hits": self.false_hits,
            "precision": rnd(self.precision),
            "recall": rnd(self.recall),
            "false_positive_rate": rnd(self.false_positive_rate),
            "false_hits_per_1000": rnd(self.false_hits_per_1000),
        }


# What a listed person's entry gives of their date of birth: the evidence that tells a
# namesake apart. A world's false hits are read against it, because a list that gives no date
# leaves a traveller who bears the listed name with nothing else to set them apart.
LISTINGS = ("full_date", "year_only", "no_date")


def listing(entry: Subject) -> str:
    """What ``entry`` gives of a date of birth: one of ``LISTINGS``."""
    if any(len(d) == 10 for d in entry.birth_dates):
        return "full_date"
    return "year_only" if entry.birth_dates else "no_date"


def listing_label(key: str) -> str:
    """The words for a key of ``LISTINGS``, in the reader's language."""
    labels = {
        "full_date": _("entries with a full date of birth"),
        "year_only": _("entries with a year or month of birth only"),
        "no_date": _("entries without a date of birth"),
    }
    return labels.get(key, key)


@dataclass
class Report:
    """The overall tally, one per group, one per kind of listing (``LISTINGS``: true matches
    and false hits counted by the entry they name, every traveller screened in each), the
    overall tally with officers' clearances remembered (``remembered``: see
    ``evaluate_world``), and the threshold they were measured at."""

    threshold: float
    overall: Tally = field(default_factory=Tally)
    groups: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    listings: dict[str, Tally] = field(default_factory=dict)
    remembered: Tally | None = None

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        found: dict[str, object] = {
            "threshold": self.threshold,
            "overall": self.overall.to_dict(),
            "groups": {k: v.to_dict() for k, v in sorted(self.groups.items())},
        }
        if self.listings:
            found["listings"] = {k: self.listings[k].to_dict() for k in LISTINGS}
        if self.remembered is not None:
            found["remembered"] = self.remembered.to_dict()
        return found


@dataclass(frozen=True)
class WorldTruth:
    """What a world's ``truth.json`` says screening should find."""

    matches: frozenset[tuple[str, str]]
    persons: dict[str, str]
    origins: dict[str, str]

    def same_person(self, left: str, right: str) -> bool:
        """Whether two records are of the same true person."""
        person = self.persons.get(left)
        return person is not None and person == self.persons.get(right)

    def origin(self, entity_id: str) -> str:
        """The name origin of the true person behind a record, or ``unknown``."""
        return self.origins.get(self.persons.get(entity_id, ""), "unknown")


def read_truth(path: Path) -> WorldTruth:
    """Read a synthetic world's ``truth.json``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        matches = frozenset((str(a), str(b)) for a, b in data["watchlist_matches"])
        return WorldTruth(matches, dict(data["persons"]), dict(data["name_origin"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InvalidInput(
            _("{file}: not a world truth file ({error})").format(file=path.name, error=exc)
        ) from None


def evaluate_world(
    travellers: Iterable[tuple[str, Subject]],
    index: Index,
    truth: WorldTruth,
    thresholds: Thresholds = Thresholds(),
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
) -> Report:
    """Screen every traveller (over ``workers`` processes) and score the hits against
    ``truth``. How common each name is comes from the index's population, or, for an index
    without one, is counted over the travellers and the entries: the people Vigie knows.

    The same travellers are then counted as live screening would raise them to officers who
    clear every false positive and confirm every true match (``Report.remembered``): in the
    order screened, a hit on an entry against which one of the traveller's keys
    (``subject.traveller_keys``: a document, or a name with a date of birth) was cleared is
    not raised again. A namesake cleared first keeps a true match with the same name and date
    of birth quiet too: that is counted as missed."""
    report = Report(thresholds.review)
    expected: dict[str, set[str]] = defaultdict(set)
    for traveller, entry in truth.matches:
        expected[traveller].add(entry)
    batch = list(travellers)
    known = [s for _t, s in batch] + [e for e in index.entries if e is not None]
    own = index.population
    if own is None:
        index.population = commonness.Commonness.of(known)
    try:
        found = index.screen_many([s for _t, s in batch], thresholds, workers, progress)
    finally:
        index.population = own
    kinds = {e.entity_id: listing(e) for e in index.entries if e is not None}
    report.listings = {key: Tally() for key in LISTINGS}
    report.remembered = Tally()
    cleared: set[tuple[str, str]] = set()
    for (traveller, subject), scores in zip(batch, found, strict=True):
        hits = {h.entity_id for h in scores}
        want = expected.get(traveller, set())
        # A hit on another record of the same true person (a person of interest in partner
        # reporting, say) is right, though not a watchlist match of the truth.
        same = {h for h in hits - want if truth.same_person(traveller, h)}
        wrong = hits - want - same
        for tally in (report.overall, report.groups[truth.origin(traveller)]):
            _count(tally, hits, want, wrong, negative=not want)
        # The keys only matter to a traveller with a hit.
        keys = traveller_keys(subject) if hits else []
        quiet = {h for h in hits if any((h, k) in cleared for k in keys)}
        _count(report.remembered, hits - quiet, want, wrong - quiet, negative=not want)
        cleared.update((h, k) for h in wrong - quiet for k in keys)
        for key, tally in report.listings.items():
            _count(
                tally,
                {h for h in hits if kinds.get(h) == key},
                {w for w in want if kinds.get(w) == key},
                {h for h in wrong if kinds.get(h) == key},
                negative=not want,
            )
    return report


def _count(tally: Tally, hits: set[str], want: set[str], wrong: set[str], negative: bool) -> None:
    """Add one screened traveller to ``tally``: ``negative`` when they match no entry at all."""
    tally.screened += 1
    tally.found += len(hits & want)
    tally.missed += len(want - hits)
    tally.false_hits += len(wrong)
    tally.negatives += negative
    tally.flagged += bool(wrong) and negative


def evaluate_pairs(path: Path, thresholds: Thresholds = Thresholds()) -> Report:
    """Name-only matching over labelled pairs: a pair is a hit when the score of the two names
    alone reaches the review threshold."""
    report = Report(thresholds.review)
    with path.open(encoding="utf-8") as fh:
        for line, text in enumerate(fh, 1):
            try:
                pair = json.loads(text)
                a, b, match = str(pair["a"]), str(pair["b"]), bool(pair["match"])
            except (ValueError, KeyError, TypeError):
                raise InvalidInput(
                    _("{file}, line {line}: expected an object with a, b and match").format(
                        file=path.name, line=line
                    )
                ) from None
            group = pair.get("origin") or f"{pair.get('a_script', '?')}-{pair.get('b_script', '?')}"
            hit = score(Subject((a,)), Subject((b,), entity_id="b"), thresholds).score
            flagged = hit >= thresholds.review
            for tally in (report.overall, report.groups[str(group)]):
                tally.screened += 1
                if match:
                    tally.found += flagged
                    tally.missed += not flagged
                else:
                    tally.negatives += 1
                    tally.flagged += flagged
                    tally.false_hits += flagged
    return report
