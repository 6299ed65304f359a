"""An in-memory candidate index over screenable entries, so that a query is compared in full
with a handful of entries instead of every one.

Each name token of an entry is filed under its phonetic key (``MMT`` for every Mohammed), or
its shape when the key is too short to say much (``aLa`` for Ali); particles and initials are
not filed. A key's postings are sorted by date of birth (``postings``), so that a query with a
full date of birth reads only the entries it could match on that date: born the same day, a
year before or after on the same day, the same year with day and month swapped, in a year
within one of it with no day known, or of unknown birth (see ``scoring.date_ceiling``: any other
date keeps an entry below the review threshold whatever its name, unless a document number is
shared). A query's candidates are the entries sharing keys with it, ranked by the rarity of
what they share (a shared rare family name outranks a shared Mohammed); entries sharing a
document number always come first. The best are pre-ranked with rapidfuzz over their keys,
vectorised, and only the best few whose keys are alike enough are compared feature by feature,
and of those only the ones that share two name keys with the query or whose canonical names
are alike as strings (``_alike``): one common name part shared by chance is what most
candidates are, and their full comparison was most of what a query cost.

The scores of the entries compared are the reference scores (``scoring.score_above``): the
index only chooses which entries are compared.
"""

from __future__ import annotations

import gc
import math
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from vigie.screen.commonness import Commonness
from vigie.screen.names import Role, Token
from vigie.screen.phonetic import key, shape
from vigie.screen.postings import Postings, date_code
from vigie.screen.scoring import Score, Thresholds, date_ceiling, score_above
from vigie.screen.subject import Subject, document_key

# Keys held by more entries than this share are skipped when the query has rarer ones.
_COMMON_SHARE = 0.02
# The consonant classes keys are written in (``phonetic``): a key no entry is filed under is
# also read one class shorter and one class longer, as a name cut short (a passport's
# machine-readable zone truncates long names: Parminde for Parminder) or ending in a stray
# letter would otherwise meet no entry at all.
_CLASSES = "PKTSLMN"
# How many entries pass from the key overlap to rapidfuzz, and from rapidfuzz to full scoring.
CANDIDATES = 200
SCORED = 12
# Entries whose name keys are less alike than this (rapidfuzz token-set ratio, 0-100) are not
# scored: the names of a true match share most of their keys whatever the spelling, and the
# full comparison is what a query costs.
PRE_SCORE_FLOOR = 50.0
# An entry sharing a single name key with the query is compared in full only when their
# canonical names, sorted part by part, are at least this alike (rapidfuzz ratio, 0-100).
# Set where the `medium` world keeps its recall (0.990, as with no rule at all; at 60 and 65 it
# falls to 0.988 and 0.987, Filipino and Haitian compound names first), at about 1,850
# queries/s on a million entries against 2,650 at 65 (see docs/screening.md).
ONE_KEY_FLOOR = 57.0


def token_key(token: Token) -> str | None:
    """The key a token is filed under, or ``None`` for particles and initials."""
    if token.role in (Role.PARTICLE, Role.INITIAL) or not token.canon.isalpha():
        return None
    k = key(token.canon)
    return k if len(k) >= 2 else "~" + shape(token.canon)


def subject_keys(subject: Subject) -> set[str]:
    """The keys of all the names of ``subject``."""
    return {k for tokens in subject.parsed for t in tokens if (k := token_key(t))}


def _name_keys(subject: Subject) -> list[list[str]]:
    # Each name's keys, in the order of its tokens.
    return [[k for t in tokens if (k := token_key(t))] for tokens in subject.parsed]


def canonical_names(subject: Subject) -> list[str]:
    """Each name of ``subject`` as its canonical parts in alphabetical order."""
    return [" ".join(sorted(t.canon for t in tokens)) for tokens in subject.parsed]


def _parts(value: str) -> tuple[int, int, int] | None:
    pieces = value.split("-")
    try:
        numbers = [int(x) for x in pieces[:3]]
    except ValueError:
        return None
    year, month, day = [*numbers, 0, 0][:3]
    return year, month, day


def _date(subject: Subject) -> tuple[int, int, int]:
    """(year, month, day) of the one date of birth, zeros where unknown or when several."""
    dates = set(subject.birth_dates)
    if len(dates) != 1:
        return 0, 0, 0
    return _parts(dates.pop()) or (0, 0, 0)


def _codes(subject: Subject) -> set[int]:
    """The date codes ``subject`` is filed under: one per date of birth, 0 for none or for a
    date that does not read as one (such entries are read by every query)."""
    codes = set()
    for value in subject.birth_dates:
        found = _parts(value)
        readable = found is not None and 0 < found[0] < 10_000
        if found is None or not readable or not (0 <= found[1] <= 12 and 0 <= found[2] <= 31):
            codes.add(0)
        else:
            codes.add(date_code(*found))
    return codes or {0}


def _ranges(year: int, month: int, day: int) -> np.ndarray:
    """The date codes whose entries a query born on ``year-month-day`` may match (the same
    rule as ``Index._compatible``): rows of inclusive ``[low, high]``, sorted."""
    rows = [(0, 511)]
    if 1 <= month <= 12 and 1 <= day <= 31:
        for near in (year - 1, year, year + 1):
            rows.append((date_code(near, 0, 0), date_code(near, 0, 31)))
            rows.append((date_code(near, month, day),) * 2)
        if day <= 12:
            rows.append((date_code(year, day, month),) * 2)
    else:
        rows.append((date_code(year - 1, 0, 0), date_code(year + 1, 15, 31)))
    return np.asarray(sorted(set(rows)), dtype=np.int32)


@lru_cache(maxsize=65_536)
def _spans(year: int, month: int, day: int) -> np.ndarray:
    """``_ranges`` as the half-open spans ``Postings.read_spans`` reads. Cached, and so
    read-only: travellers share dates of birth."""
    found = _ranges(year, month, day) + np.asarray([0, 1], dtype=np.int32)
    found.flags.writeable = False
    return found


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a large index is built: its full collections
    would walk every entry filed so far, again and again, and find nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _heap_frozen() -> Iterator[None]:
    """Everything alive now (the entries and their index above all) kept out of the cyclic
    collector's walks for a batch: a full collection would otherwise walk a million entries for
    nothing, and in a forked worker copy every page it touches."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@dataclass(frozen=True)
class _Query:
    """What the index works out once per query."""

    subject: Subject
    keys: set[str]
    key_names: list[str]
    canonical: list[str]
    date: tuple[int, int, int]

    @classmethod
    def of(cls, subject: Subject) -> _Query:
        names = _name_keys(subject)
        return cls(
            subject,
            {k for keys in names for k in keys},
            sorted({" ".join(sorted(keys)) for keys in names}),
            canonical_names(subject),
            _date(subject),
        )

    @property
    def exact_ranges(self) -> bool:
        """Whether the date ranges the query reads (``_ranges``) are exactly the entries the
        date rule keeps (``Index._compatible``): for a full date or a year alone; a month
        without its day reads the three years around it, more than the rule keeps."""
        _year, month, day = self.date
        return (month == 0) == (day == 0)


class Index:
    """Screenable entries and their keys; entries can be added and removed one by one."""

    def __init__(
        self, entries: Iterable[Subject] = (), population: Commonness | None = None
    ) -> None:
        # Who else bears a name (``vigie.screen.commonness``); without it, not weighed.
        self.population = population
        self.entries: list[Subject | None] = []
        self.by_id: dict[str, int] = {}
        self._postings = Postings()
        self._documents: dict[str, list[int]] = {}
        self._choices: list[str] = []
        # The same strings as an array, so that a query's candidates are picked vectorised.
        self._choice_array = np.zeros(0, dtype=object)
        # Each entry's canonical names, one a line: one string an entry is lighter than a
        # list of strings, for a million entries.
        self._canonical: list[str] = []
        self._date_list: list[tuple[int, int, int]] = []
        self._dates = np.zeros((0, 3), dtype=np.int16)
        self._alive = np.zeros(0, dtype=bool)
        with _collector_paused():
            for entry in entries:
                self.add(entry)
            self.freeze()

    def __len__(self) -> int:
        return len(self.by_id)

    def add(self, entry: Subject) -> None:
        """File ``entry``, replacing an entry with the same id."""
        self.remove(entry.entity_id)
        slot = len(self.entries)
        self.entries.append(entry)
        self.by_id[entry.entity_id] = slot
        names = _name_keys(entry)
        self._choices.append(" | ".join(" ".join(sorted(keys)) for keys in names))
        self._canonical.append("\n".join(canonical_names(entry)))
        self._date_list.append(_date(entry))
        self._postings.add({k for keys in names for k in keys}, slot, _codes(entry))
        for number in {document_key(d) for d in entry.documents} - {""}:
            self._documents.setdefault(number, []).append(slot)

    def remove(self, entity_id: str) -> None:
        """Forget an entry; its postings are skipped from now on."""
        slot = self.by_id.pop(entity_id, None)
        if slot is not None:
            self.entries[slot] = None
            if slot < self._alive.size:
                self._alive[slot] = False

    def freeze(self) -> None:
        """Turn the postings and dates added so far into arrays (queries read them
        vectorised); queries call it themselves after entries were added."""
        self._postings.freeze()
        self._choice_array = np.asarray(self._choices, dtype=object)
        self._dates = np.asarray(self._date_list, dtype=np.int16).reshape(-1, 3)
        self._alive = np.asarray([e is not None for e in self.entries], dtype=bool)

    def _fresh(self) -> None:
        if self._postings.pending or self._alive.size < len(self.entries):
            self.freeze()

    def _compatible(self, query: Subject, slots: np.ndarray, review: float) -> np.ndarray:
        # Which entries' dates of birth leave them a chance to reach the review threshold.
        qy, qm, qd = _date(query)
        keep: np.ndarray = self._alive[slots]
        if not qy or date_ceiling() >= review:
            return keep
        dates = self._dates[slots].astype(np.int32)
        ey, em, ed = dates[:, 0], dates[:, 1], dates[:, 2]
        near_year = (ey == 0) | (np.abs(ey - qy) <= 1)
        if not qm:
            keep &= near_year
            return keep
        same_day = (em == qm) & (ed == qd)
        keep &= (
            (ey == 0)
            | ((em == 0) & near_year)
            | ((ey == qy) & (same_day | ((em == qd) & (ed == qm))))
            | ((np.abs(ey - qy) == 1) & same_day)
        )
        return keep

    def _pinned(self, query: Subject) -> list[int]:
        found: list[int] = []
        for number in {document_key(d) for d in query.documents} - {""}:
            found.extend(s for s in self._documents.get(number, ()) if self.entries[s])
        return found

    def candidates(
        self, query: Subject, limit: int = CANDIDATES, review: float = 0.0
    ) -> np.ndarray:
        """Slots of the entries most worth scoring for ``query``, best first (those whose
        date of birth keeps them below ``review`` whatever their name left out)."""
        self._fresh()
        return self._candidates(_Query.of(query), limit, review)[0]

    def _candidates(
        self, query: _Query, limit: int, review: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """``candidates`` and how many of the query's keys each shares with it, or -1 for
        one key when common keys were skipped (rarer ones were there) and the count may be
        short of them."""
        qy, qm, qd = query.date
        spans = _spans(qy, qm, qd) if qy and date_ceiling() < review else None
        total = max(len(self.entries), 1)
        lists = [
            (k, found)
            for k in self._keys_read(query.keys)
            if (found := self._postings.read_spans(k, spans)).size
        ]
        rare = [(k, a) for k, a in lists if a.size <= max(_COMMON_SHARE * total, 1000)]
        chosen = rare or lists
        if not chosen:
            return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int64)
        ids = np.concatenate([a for _k, a in chosen]) if len(chosen) > 1 else chosen[0][1]
        weights = np.repeat(
            [math.log(total / self._postings.size(k)) + 1.0 for k, _a in chosen],
            [a.size for _k, a in chosen],
        )
        # The distinct slots in order, how many postings of the chosen keys each has and the
        # sum of their weights (a stable sort keeps each slot's weights in reading order).
        order = ids.argsort(kind="stable")
        ids = ids[order]
        starts = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1])))
        unique = ids[starts]
        sums = np.add.reduceat(weights[order], starts)
        shared = np.diff(np.append(starts, ids.size))
        if spans is not None and query.exact_ranges:
            # Read by the date rule itself: only entries removed since remain to drop.
            keep = self._alive[unique]
        else:
            keep = self._compatible(query.subject, unique, review)
        unique, sums, shared = unique[keep], sums[keep], shared[keep]
        if len(chosen) < len(lists):
            shared[shared < 2] = -1
        sums = -sums
        if unique.size > limit:
            top = sums.argpartition(limit)[:limit]
            order = top[sums[top].argsort(kind="stable")]
        else:
            order = sums.argsort(kind="stable")
        return unique[order], shared[order]

    def _keys_read(self, keys: set[str]) -> list[str]:
        """The keys a query reads: its own, and for a key of three classes or more that no
        entry is filed under, the keys one class shorter or longer."""
        read = set(keys)
        for k in keys:
            if len(k) >= 3 and not k.startswith("~") and not self._postings.size(k):
                read.add(k[:-1])
                read.update(k + c for c in _CLASSES)
        return sorted(read)

    def _alike(self, query: _Query, slot: int, shared: int) -> bool:
        """Whether the entry at ``slot`` is worth comparing in full: it shares two name keys
        with the query (``shared``, worked out here when -1), or its canonical names are close
        to the query's as strings."""
        entry = self.entries[slot]
        if entry is None:
            return False
        if shared >= 2 or (shared < 0 and len(query.keys & subject_keys(entry)) >= 2):
            return True
        return any(
            fuzz.ratio(mine, theirs) >= ONE_KEY_FLOOR
            for mine in query.canonical
            for theirs in self._canonical[slot].split("\n")
        )

    def screen(
        self, query: Subject, thresholds: Thresholds = Thresholds(), scored: int = SCORED
    ) -> list[Score]:
        """The entries scoring at or above the review threshold for ``query``, best first."""
        return [s for _slot, s in self._screen(query, thresholds, scored)]

    def screen_many(
        self,
        queries: Sequence[Subject],
        thresholds: Thresholds = Thresholds(),
        workers: int = 1,
        progress: Callable[[int], None] | None = None,
    ) -> list[list[Score]]:
        """``screen`` for each of ``queries``, in their order: identical queries are screened
        once, and with ``workers`` > 1 a large batch is shared among that many processes."""
        self._fresh()
        unique = list(dict.fromkeys(queries))
        at = {q: i for i, q in enumerate(unique)}
        results: list[list[Score]] = []
        with _heap_frozen():
            if workers > 1 and len(unique) >= PARALLEL_FROM:
                for part in _in_processes(self, unique, thresholds, workers):
                    results.extend(part)
                    if progress is not None:
                        progress(len(results))
            else:
                for done, query in enumerate(unique, 1):
                    results.append(self.screen(query, thresholds))
                    if progress is not None:
                        progress(done)
        return [results[at[q]] for q in queries]

    def _screen(
        self, query: Subject, thresholds: Thresholds, scored: int
    ) -> list[tuple[int, Score]]:
        if not query.parsed:
            return []
        self._fresh()
        prepared = _Query.of(query)
        found, shared = self._candidates(prepared, CANDIDATES, thresholds.review)
        slots: list[int] = []
        if found.size:
            choices = self._choice_array[found]
            sims = process.cdist(prepared.key_names, choices, scorer=fuzz.token_set_ratio)
            best = sims.max(axis=0)
            order = (-best).argsort(kind="stable")[:scored]
            order = order[best[order] >= PRE_SCORE_FLOOR]
            slots = [
                slot
                for slot, count in zip(found[order].tolist(), shared[order].tolist(), strict=True)
                if self._alike(prepared, slot, count)
            ]
        hits = []
        for slot in dict.fromkeys(self._pinned(query) + slots):
            entry = self.entries[slot]
            if entry is not None:
                hit = score_above(
                    query, entry, thresholds, thresholds.review, table=self.population
                )
                if hit is not None and hit.score >= thresholds.review:
                    hits.append((slot, hit))
        return sorted(hits, key=lambda h: (-h[1].score, h[1].entity_id))


# Batches smaller than this are screened in the calling process: starting workers costs more.
PARALLEL_FROM = 2000
_CHUNK = 500
# The index a worker process screens against, and the queries: inherited when the workers are
# forked, so that neither a watchlist of a million entries nor the queries go through a pipe
# (a worker is sent where its chunk starts and sends back the hits).
_shared: tuple[Index, Thresholds, list[Subject]] | None = None


@dataclass(frozen=True)
class _Words:
    """A contribution's words worked out in a worker process and sent back as text: the
    functions that word a contribution when it is read do not cross processes."""

    text: str

    def __call__(self) -> str:
        return self.text


def _portable(found: Score) -> Score:
    words = tuple(replace(c, words=_Words(c.detail)) for c in found.contributions)
    return replace(found, contributions=words)


def _worker(start: int) -> list[list[Score]]:
    assert _shared is not None
    index, thresholds, queries = _shared
    return [
        [_portable(s) for s in index.screen(q, thresholds)] for q in queries[start : start + _CHUNK]
    ]


def _in_processes(
    index: Index, queries: list[Subject], thresholds: Thresholds, workers: int
) -> Iterator[list[list[Score]]]:
    """The hits of each query, chunk after chunk in the queries' order; their explanations
    are worded in the language active when the workers were started."""
    global _shared
    _shared = (index, thresholds, queries)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_worker, range(0, len(queries), _CHUNK))
    finally:
        _shared = None
