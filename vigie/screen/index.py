"""An in-memory candidate index over screenable entries, so that a query is compared in full
with a few dozen entries instead of every one.

Each name token of an entry is filed under its phonetic key (``MMT`` for every Mohammed), or
its shape when the key is too short to say much (``aLa`` for Ali); particles and initials are
not filed. Each key is filed again with the entry's year of birth (``MMT@1970``), so
that a query with a date of birth reads only the entries born within a year of it (or of
unknown birth). A query's candidates are the entries sharing keys with it, ranked by the rarity
of what they share (a shared rare family name outranks a shared Mohammed); entries sharing a
document number always come first. Entries whose date of birth rules them out (more than a year
apart, or another day of the same year: see ``scoring.date_ceiling``) are dropped there, on
arrays, before anything is compared. The rest are pre-ranked with rapidfuzz over their keys,
vectorised, and only the best few whose keys are alike enough are scored feature by feature.
"""

from __future__ import annotations

import math
import multiprocessing
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from vigie.screen.names import Role, Token
from vigie.screen.phonetic import key, shape
from vigie.screen.scoring import Score, Thresholds, date_ceiling, score_above
from vigie.screen.subject import Subject, document_key

# Keys held by more entries than this share are skipped when the query has rarer ones.
_COMMON_SHARE = 0.02
# How many entries pass from the key overlap to rapidfuzz, and from rapidfuzz to full scoring.
CANDIDATES = 200
SCORED = 12
# Entries whose name keys are less alike than this (rapidfuzz token-set ratio, 0-100) are not
# scored: the names of a true match share most of their keys whatever the spelling, and the
# full comparison is what a query costs.
PRE_SCORE_FLOOR = 50.0


def token_key(token: Token) -> str | None:
    """The key a token is filed under, or ``None`` for particles and initials."""
    if token.role in (Role.PARTICLE, Role.INITIAL) or not token.canon.isalpha():
        return None
    k = key(token.canon)
    return k if len(k) >= 2 else "~" + shape(token.canon)


def name_keys(tokens: Iterable[Token]) -> str:
    """A name's keys as one string, the form rapidfuzz pre-ranks candidates on."""
    return " ".join(sorted(k for t in tokens if (k := token_key(t))))


def _years(subject: Subject) -> set[int]:
    return {int(d[:4]) for d in subject.birth_dates if d[:4].isdigit()}


def _date(subject: Subject) -> tuple[int, int, int]:
    """(year, month, day) of the one date of birth, zeros where unknown or when several."""
    dates = set(subject.birth_dates)
    if len(dates) != 1:
        return 0, 0, 0
    parts = dates.pop().split("-")
    try:
        numbers = [int(x) for x in parts[:3]]
    except ValueError:
        return 0, 0, 0
    year, month, day = [*numbers, 0, 0][:3]
    return year, month, day


class Index:
    """Screenable entries and their keys; entries can be added and removed one by one."""

    def __init__(self, entries: Iterable[Subject] = ()) -> None:
        self.entries: list[Subject | None] = []
        self.by_id: dict[str, int] = {}
        self._lists: dict[str, list[int]] = defaultdict(list)
        self._frozen: dict[str, np.ndarray] = {}
        self._documents: dict[str, list[int]] = defaultdict(list)
        self._choices: list[str] = []
        self._date_list: list[tuple[int, int, int]] = []
        self._dates = np.zeros((0, 3), dtype=np.int16)
        self._alive = np.zeros(0, dtype=bool)
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
        self._choices.append(" | ".join(name_keys(p) for p in entry.parsed))
        self._date_list.append(_date(entry))
        years = _years(entry) or {0}
        for k in {token_key(t) for tokens in entry.parsed for t in tokens} - {None}:
            self._lists[str(k)].append(slot)
            for year in years:
                self._lists[f"{k}@{year}"].append(slot)
        for number in {document_key(d) for d in entry.documents} - {""}:
            self._documents[number].append(slot)

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
        for k, slots in self._lists.items():
            old = self._frozen.get(k)
            new = np.asarray(slots, dtype=np.int32)
            self._frozen[k] = new if old is None else np.concatenate([old, new])
        self._lists.clear()
        self._dates = np.asarray(self._date_list, dtype=np.int16).reshape(-1, 3)
        self._alive = np.asarray([e is not None for e in self.entries], dtype=bool)

    def _fresh(self) -> None:
        if self._lists or self._alive.size < len(self.entries):
            self.freeze()

    def _postings(self, k: str) -> np.ndarray:
        frozen = self._frozen.get(k)
        pending = self._lists.get(k)
        if pending:
            extra = np.asarray(pending, dtype=np.int32)
            return extra if frozen is None else np.concatenate([frozen, extra])
        return frozen if frozen is not None else np.empty(0, dtype=np.int32)

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
        keys = {k for tokens in query.parsed for t in tokens if (k := token_key(t))}
        qyear = _date(query)[0]
        if qyear and date_ceiling() < review:
            # Only entries born within a year of the query, or of unknown birth, can reach
            # the review threshold: read only their postings.
            near = (qyear - 1, qyear, qyear + 1, 0)
            keys = {f"{k}@{year}" for k in keys for year in near}
        lists = [a for a in (self._postings(k) for k in keys) if a.size]
        total = max(len(self.entries), 1)
        rare = [a for a in lists if a.size <= max(_COMMON_SHARE * total, 1000)]
        chosen = rare or lists
        if not chosen:
            return np.empty(0, dtype=np.int32)
        ids = np.concatenate(chosen)
        weights = np.concatenate([np.full(a.size, math.log(total / a.size) + 1.0) for a in chosen])
        unique, inverse = np.unique(ids, return_inverse=True)
        sums = np.bincount(inverse, weights=weights)
        keep = self._compatible(query, unique, review)
        unique, sums = unique[keep], sums[keep]
        if unique.size > limit:
            top = np.argpartition(-sums, limit)[:limit]
            order = top[np.argsort(-sums[top], kind="stable")]
        else:
            order = np.argsort(-sums, kind="stable")
        best: np.ndarray = unique[order]
        return best

    def screen(
        self, query: Subject, thresholds: Thresholds = Thresholds(), scored: int = SCORED
    ) -> list[Score]:
        """The entries scoring at or above the review threshold for ``query``, best first."""
        return [s for _slot, s in self._screen(query, thresholds, scored)]

    def hit_slots(self, query: Subject, thresholds: Thresholds = Thresholds()) -> list[int]:
        """The slots of ``screen``'s hits, best first: what a worker process sends back
        (scores hold their explanations as functions, which do not cross processes)."""
        return [slot for slot, _s in self._screen(query, thresholds, SCORED)]

    def rescore(self, query: Subject, slots: Iterable[int], thresholds: Thresholds) -> list[Score]:
        """The scores of ``query`` against the entries at ``slots`` (a worker's hits)."""
        found = []
        for slot in slots:
            entry = self.entries[slot]
            if entry is not None:
                hit = score_above(query, entry, thresholds, thresholds.review)
                if hit is not None:
                    found.append(hit)
        return found

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
        if workers > 1 and len(unique) >= PARALLEL_FROM:
            slots = _in_processes(self, unique, thresholds, workers, progress)
            results = [self.rescore(q, s, thresholds) for q, s in zip(unique, slots, strict=True)]
        else:
            results = []
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
        found = self.candidates(query, review=thresholds.review)
        slots = [int(s) for s in found]
        if slots:
            choices = [self._choices[s] for s in slots]
            queries = sorted({name_keys(p) for p in query.parsed})
            sims = process.cdist(queries, choices, scorer=fuzz.token_set_ratio).max(axis=0)
            order = np.argsort(-sims, kind="stable")[:scored]
            slots = [slots[i] for i in order if sims[i] >= PRE_SCORE_FLOOR]
        hits = []
        for slot in dict.fromkeys(self._pinned(query) + slots):
            entry = self.entries[slot]
            if entry is not None:
                hit = score_above(query, entry, thresholds, thresholds.review)
                if hit is not None and hit.score >= thresholds.review:
                    hits.append((slot, hit))
        return sorted(hits, key=lambda h: (-h[1].score, h[1].entity_id))


# Batches smaller than this are screened in the calling process: starting workers costs more.
PARALLEL_FROM = 2000
_CHUNK = 500
# The index a worker process screens against: inherited when the workers are forked, so that
# a watchlist of a million entries is not copied through a pipe.
_shared: tuple[Index, Thresholds] | None = None


def _worker(chunk: list[Subject]) -> list[list[int]]:
    assert _shared is not None
    index, thresholds = _shared
    return [index.hit_slots(q, thresholds) for q in chunk]


def _in_processes(
    index: Index,
    queries: list[Subject],
    thresholds: Thresholds,
    workers: int,
    progress: Callable[[int], None] | None,
) -> list[list[int]]:
    global _shared
    chunks = [queries[i : i + _CHUNK] for i in range(0, len(queries), _CHUNK)]
    _shared = (index, thresholds)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            found: list[list[int]] = []
            for part in pool.imap(_worker, chunks):
                found.extend(part)
                if progress is not None:
                    progress(len(found))
    finally:
        _shared = None
    return found
