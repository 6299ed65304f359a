"""The postings of the candidate index: for each name key, the entries filed under it, as NumPy
arrays sorted by date of birth.

A date of birth is coded as one integer, ``year * 512 + month * 32 + day`` (zero for an unknown
part, zero in all for an unknown or unreadable date), so that the entries born on one day, in
one year or in a run of years are each a contiguous run of a key's postings: a query reads them
with a binary search instead of reading every entry filed under a common name. An entry with
several dates of birth is filed once under each.

Postings are added one by one (an import, a new lookout) and turned into arrays in bulk: a
million entries are sorted at once, and a few new ones merged with the keys they touch.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

_EMPTY = np.empty(0, dtype=np.int32)
# Added to inclusive ``[low, high]`` rows, half-open ``[low, high + 1)`` spans.
_PAST_HIGH = np.asarray([0, 1], dtype=np.int32)


def date_code(year: int, month: int, day: int) -> int:
    """A date of birth as one integer that sorts like the date (zero for unknown parts)."""
    return year * 512 + month * 32 + day


class Postings:
    """Name keys to the slots of the entries filed under them, sorted by date code."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._slots: list[np.ndarray] = []
        self._codes: list[np.ndarray] = []
        self._pending: tuple[list[int], list[int], list[int]] = ([], [], [])

    @property
    def pending(self) -> bool:
        """Whether postings were added since the last ``freeze``."""
        return bool(self._pending[0])

    def add(self, keys: Iterable[str], slot: int, codes: Iterable[int]) -> None:
        """File ``slot`` under each of ``keys``, once for each of its date codes."""
        numbers, slots, dates = self._pending
        codes = list(codes)
        for k in keys:
            number = self._numbers.get(k)
            if number is None:
                number = self._numbers[k] = len(self._slots)
                self._slots.append(_EMPTY)
                self._codes.append(_EMPTY)
            for code in codes:
                numbers.append(number)
                slots.append(slot)
                dates.append(code)

    def freeze(self) -> None:
        """Sort what was added since the last call into the arrays queries read: all the
        postings at once, each touched key's old postings merged with its new ones."""
        if not self.pending:
            return
        numbers = np.asarray(self._pending[0], dtype=np.int32)
        slots = np.asarray(self._pending[1], dtype=np.int32)
        codes = np.asarray(self._pending[2], dtype=np.int32)
        self._pending = ([], [], [])
        touched = np.unique(numbers)
        old = [int(n) for n in touched if self._slots[n].size]
        if old:
            numbers = np.concatenate(
                [numbers, *(np.full(self._slots[n].size, n, dtype=np.int32) for n in old)]
            )
            slots = np.concatenate([slots, *(self._slots[n] for n in old)])
            codes = np.concatenate([codes, *(self._codes[n] for n in old)])
        order = np.lexsort((slots, codes, numbers))
        numbers, slots, codes = numbers[order], slots[order], codes[order]
        bounds = [*np.searchsorted(numbers, touched, side="left").tolist(), numbers.size]
        for i, n in enumerate(touched.tolist()):
            self._slots[n] = slots[bounds[i] : bounds[i + 1]]
            self._codes[n] = codes[bounds[i] : bounds[i + 1]]

    def size(self, key: str) -> int:
        """How many postings ``key`` has (an entry with several dates counts for each)."""
        number = self._numbers.get(key)
        return 0 if number is None else int(self._slots[number].size)

    def read(self, key: str, ranges: np.ndarray | None = None) -> np.ndarray:
        """The slots filed under ``key`` (frozen ones only), all of them or those whose date
        code falls in one of ``ranges`` (an array of inclusive ``[low, high]`` rows)."""
        return self.read_spans(key, None if ranges is None else ranges + _PAST_HIGH)

    def read_spans(self, key: str, spans: np.ndarray | None = None) -> np.ndarray:
        """``read`` with the ranges given as half-open ``[low, high)`` rows (a query reads
        many keys with the same ranges: they are turned into spans once)."""
        number = self._numbers.get(key)
        if number is None:
            return _EMPTY
        slots = self._slots[number]
        if spans is None or not slots.size:
            return slots
        # Codes are integers: the end of an inclusive range is where high + 1 would go.
        bounds = self._codes[number].searchsorted(spans).tolist()
        parts = [slots[a:b] for a, b in bounds if b > a]
        if not parts:
            return _EMPTY
        return parts[0] if len(parts) == 1 else np.concatenate(parts)
