"""An in-memory candidate index over screenable entries, so that a query is compared in full
with a few dozen entries instead of every one.

Each name token of an entry is filed under its phonetic key (``MMT`` for every Mohammed), or
its shape when the key is too short to say much (``aLa`` for Ali); particles and initials are
not filed. A query's candidates are the entries sharing keys with it, ranked by the rarity of
what they share (a shared rare family name outranks a shared Mohammed); entries sharing a
document number always come first. The best of those are pre-ranked with rapidfuzz over their
keys, vectorised, and only the last few are scored feature by feature.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
from rapidfuzz import fuzz, process

from vigie.screen.names import Role, Token
from vigie.screen.phonetic import key, shape
from vigie.screen.scoring import Score, Thresholds, score
from vigie.screen.subject import Subject, document_key

# Keys held by more entries than this share are skipped when the query has rarer ones.
_COMMON_SHARE = 0.02
# How many entries pass from the key overlap to rapidfuzz, and from rapidfuzz to full scoring.
CANDIDATES = 200
SCORED = 12
# Rank points for a year of birth within one of the query's: about a rare name part's worth.
_YEAR_BONUS = 4.0


def token_key(token: Token) -> str | None:
    """The key a token is filed under, or ``None`` for particles and initials."""
    if token.role in (Role.PARTICLE, Role.INITIAL) or not token.canon.isalpha():
        return None
    k = key(token.canon)
    return k if len(k) >= 2 else "~" + shape(token.canon)


def name_keys(tokens: Iterable[Token]) -> str:
    """A name's keys as one string, the form rapidfuzz pre-ranks candidates on."""
    return " ".join(sorted(k for t in tokens if (k := token_key(t))))


def _year(subject: Subject) -> int:
    for value in subject.birth_dates:
        head = value[:4]
        if head.isdigit():
            return int(head)
    return 0


class Index:
    """Screenable entries and their keys; entries can be added and removed one by one."""

    def __init__(self, entries: Iterable[Subject] = ()) -> None:
        self.entries: list[Subject | None] = []
        self.by_id: dict[str, int] = {}
        self._lists: dict[str, list[int]] = defaultdict(list)
        self._frozen: dict[str, np.ndarray] = {}
        self._documents: dict[str, list[int]] = defaultdict(list)
        self._keys: list[list[str]] = []
        self._year_list: list[int] = []
        self._years = np.empty(0, dtype=np.int16)
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
        self._keys.append([name_keys(p) for p in entry.parsed])
        self._year_list.append(_year(entry))
        for k in {token_key(t) for tokens in entry.parsed for t in tokens} - {None}:
            self._lists[str(k)].append(slot)
        for number in {document_key(d) for d in entry.documents} - {""}:
            self._documents[number].append(slot)

    def remove(self, entity_id: str) -> None:
        """Forget an entry; its postings are skipped from now on."""
        slot = self.by_id.pop(entity_id, None)
        if slot is not None:
            self.entries[slot] = None

    def freeze(self) -> None:
        """Turn the postings added so far into arrays (queries then read them vectorised)."""
        self._years = np.asarray(self._year_list, dtype=np.int16)
        for k, slots in self._lists.items():
            old = self._frozen.get(k)
            new = np.asarray(slots, dtype=np.int32)
            self._frozen[k] = new if old is None else np.concatenate([old, new])
        self._lists.clear()

    def _postings(self, k: str) -> np.ndarray:
        frozen = self._frozen.get(k)
        pending = self._lists.get(k)
        if pending:
            extra = np.asarray(pending, dtype=np.int32)
            return extra if frozen is None else np.concatenate([frozen, extra])
        return frozen if frozen is not None else np.empty(0, dtype=np.int32)

    def candidates(self, query: Subject, limit: int = CANDIDATES) -> list[int]:
        """Slots of the entries most worth scoring for ``query``, best first."""
        keys = {k for tokens in query.parsed for t in tokens if (k := token_key(t))}
        lists = [(k, self._postings(k)) for k in keys]
        lists = [(k, arr) for k, arr in lists if arr.size]
        total = max(len(self.entries), 1)
        rare = [(k, a) for k, a in lists if a.size <= max(_COMMON_SHARE * total, 1000)]
        chosen = rare or lists
        found: list[int] = []
        for number in {document_key(d) for d in query.documents} - {""}:
            found.extend(self._documents.get(number, ()))
        if chosen:
            ids = np.concatenate([a for _k, a in chosen])
            weights = np.concatenate(
                [np.full(a.size, math.log(total / a.size) + 1.0) for _k, a in chosen]
            )
            unique, inverse = np.unique(ids, return_inverse=True)
            sums = np.bincount(inverse, weights=weights) + self._year_bonus(query, unique)
            if unique.size > limit:
                top = np.argpartition(-sums, limit)[:limit]
                order = top[np.argsort(-sums[top], kind="stable")]
            else:
                order = np.argsort(-sums, kind="stable")
            found.extend(int(s) for s in unique[order])
        return [s for s in dict.fromkeys(found) if self.entries[s] is not None]

    def screen(
        self, query: Subject, thresholds: Thresholds = Thresholds(), scored: int = SCORED
    ) -> list[Score]:
        """The entries scoring at or above the review threshold for ``query``, best first."""
        slots = self.candidates(query)
        if not slots or not query.parsed:
            return []
        documents = {document_key(d) for d in query.documents} - {""}
        pinned = [s for s in slots if documents & self._entry_documents(s)]
        if len(slots) > scored:
            choices = [" | ".join(self._keys[s]) for s in slots]
            queries = sorted({name_keys(p) for p in query.parsed})
            sims = process.cdist(queries, choices, scorer=fuzz.token_set_ratio).max(axis=0)
            ranks = sims / 10.0 + self._year_bonus(query, np.asarray(slots, dtype=np.int64))
            best = np.argsort(-ranks, kind="stable")[:scored]
            slots = pinned + [slots[i] for i in best]
        hits = []
        for slot in dict.fromkeys(slots):
            entry = self.entries[slot]
            if entry is not None:
                found = score(query, entry, thresholds)
                if found.score >= thresholds.review:
                    hits.append(found)
        return sorted(hits, key=lambda h: (-h.score, h.entity_id))

    def _year_bonus(self, query: Subject, slots: np.ndarray) -> np.ndarray:
        # Entries born within a year of the query (or of unknown year) rank above namesakes.
        qyear = _year(query)
        if not qyear:
            return np.zeros(slots.size)
        if self._years.size < len(self.entries):
            self.freeze()
        years = self._years[slots].astype(np.int32)
        return np.where((years == 0) | (np.abs(years - qyear) <= 1), _YEAR_BONUS, 0.0)

    def _entry_documents(self, slot: int) -> set[str]:
        entry = self.entries[slot]
        return set() if entry is None else {document_key(d) for d in entry.documents} - {""}
