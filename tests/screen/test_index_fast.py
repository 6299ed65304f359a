"""The index's fast path against the reference scoring: the entries it compares are scored
exactly as ``scoring`` scores them, and what it leaves out could not have been a hit (dates of
birth) or is a listed person it still finds under another spelling."""

from __future__ import annotations

import random

import numpy as np
import pytest

from vigie.demo.names import Spelled, Spelling, make_name, native_full, origin_pool, respell, spell
from vigie.screen.index import Index, _codes, _ranges
from vigie.screen.postings import Postings, date_code
from vigie.screen.scoring import Thresholds, score_above
from vigie.screen.subject import Subject


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1950, 1960)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def world_like(count: int, seed: int) -> tuple[list[Subject], list[Spelled]]:
    """Listed persons of every naming tradition (Latin spelling and native script), born in
    a few years so that many share a date of birth."""
    rng = random.Random(seed)
    entries, spellings = [], []
    for i in range(count):
        origin = origin_pool().pick(rng)
        gender = rng.choice(("male", "female"))
        nationality = origin.nationalities.pick(rng)
        name = make_name(origin, gender, nationality, rng)
        spelled = spell(name, Spelling.STANDARD, rng)
        names = tuple(dict.fromkeys((spelled.full(), native_full(name))))
        entries.append(Subject(names, (_date(rng),), (nationality,), gender, (), f"wl-{i}"))
        spellings.append(spelled)
    return entries, spellings


def travellers(
    entries: list[Subject], spellings: list[Spelled], count: int, seed: int
) -> list[tuple[Subject, str]]:
    """Listed persons under another spelling, some with day and month swapped."""
    rng = random.Random(seed)
    found = []
    for i in rng.sample(range(len(entries)), count):
        entry = entries[i]
        date = entry.birth_dates[0]
        if rng.random() < 0.3:
            year, month, day = date.split("-")
            date = f"{year}-{day}-{month}" if int(day) <= 12 else date
        name = respell(spellings[i], rng, share=0.7).full(swap=rng.random() < 0.2)
        found.append((Subject((name,), (date,), entry.nationalities, entry.sex), entry.entity_id))
    return found


@pytest.fixture(scope="module")
def listed() -> tuple[Index, list[Subject], list[tuple[Subject, str]]]:
    entries, spellings = world_like(1500, seed=11)
    return Index(entries), entries, travellers(entries, spellings, 60, seed=12)


def test_hits_are_the_reference_scores_and_the_listed_are_found(
    listed: tuple[Index, list[Subject], list[tuple[Subject, str]]],
) -> None:
    index, entries, queries = listed
    thresholds = Thresholds()
    found = 0
    for query, want in queries:
        hits = index.screen(query, thresholds)
        reference = {
            e.entity_id: s
            for e in entries
            if (s := score_above(query, e, thresholds, thresholds.review)) is not None
            and s.score >= thresholds.review
        }
        for hit in hits:
            same = reference[hit.entity_id]
            assert (hit.score, hit.match) == (same.score, same.match)
            assert [(c.feature, c.points) for c in hit.contributions] == [
                (c.feature, c.points) for c in same.contributions
            ]
            assert hit.explanation() == same.explanation()
        found += want in {h.entity_id for h in hits}
        if want in reference:
            assert want in {h.entity_id for h in hits}, "a listed person the reference finds"
    assert found >= 0.9 * len(queries)


def test_a_batch_gives_the_scores_of_single_queries(
    listed: tuple[Index, list[Subject], list[tuple[Subject, str]]],
) -> None:
    index, _entries, queries = listed
    batch = index.screen_many([q for q, _want in queries])
    assert [[(h.entity_id, h.score) for h in hits] for hits in batch] == [
        [(h.entity_id, h.score) for h in index.screen(q)] for q, _want in queries
    ]


ENTRY_DATES = [
    *(
        f"{y}-{m:02d}-{d:02d}"
        for y in (1969, 1970, 1971, 1975)
        for m, d in ((5, 3), (3, 5), (12, 31))
    ),
    "1970",
    "1972",
    "1970-05",
    "19x0",
]  # fmt: skip


@pytest.mark.parametrize(
    "query_date", ["1970-05-03", "1970-03-05", "1970-12-31", "1970", "1970-05", "1971-05-03"]
)
def test_the_date_ranges_read_every_entry_a_date_leaves_a_chance(query_date: str) -> None:
    # An entry that the index's date rule keeps for a query (``Index._compatible``) is read
    # from the postings by the query's date ranges; other entries are not.
    entries = [Subject(("Amina Haddad",), (d,), entity_id=f"e-{d}") for d in ENTRY_DATES]
    entries.append(Subject(("Amina Haddad",), entity_id="e-none"))
    index = Index(entries)
    slots = np.arange(len(entries), dtype=np.int32)
    query = Subject(("Amina Haddad",), (query_date,))
    kept = {entries[s].entity_id for s in slots[index._compatible(query, slots, 0.5)].tolist()}
    year, month, day = ([int(x) for x in query_date.split("-")] + [0, 0])[:3]
    ranges = _ranges(year, month, day).tolist()
    read = {
        e.entity_id for e in entries if any(lo <= c <= hi for c in _codes(e) for lo, hi in ranges)
    }
    assert kept <= read
    assert {"e-none", "e-19x0"} <= read
    assert "e-1975-05-03" not in read
    if query_date != "1970-05":
        # A full date or a year alone reads exactly what the rule keeps, so the index drops
        # nothing more from what it read (a month without its day reads more).
        assert kept == read


def test_postings_merge_new_entries_and_keep_date_order() -> None:
    postings = Postings()
    postings.add(["MMT", "HST"], 0, [date_code(1970, 5, 3)])
    postings.add(["MMT"], 1, [date_code(1960, 1, 1), date_code(1980, 1, 1)])
    postings.freeze()
    postings.add(["MMT"], 2, [date_code(1970, 5, 3)])
    assert postings.pending
    postings.freeze()
    assert postings.read("MMT").tolist() == [1, 0, 2, 1]
    day = np.asarray([[date_code(1970, 5, 3)] * 2], dtype=np.int32)
    assert sorted(postings.read("MMT", day).tolist()) == [0, 2]
    assert postings.read("HST", day).tolist() == [0]
    assert postings.read("XYZ").size == 0
    assert postings.size("MMT") == 4


def test_an_entry_with_several_dates_is_found_by_each() -> None:
    listed = Subject(("Omar Haddad",), ("1970-05-03", "1975-01-01"), entity_id="wl-9")
    others = [Subject(("Omar Haddad",), ("1990-01-01",), entity_id=f"o-{i}") for i in range(50)]
    index = Index([*others, listed])
    for date in ("1970-05-03", "1975-01-01"):
        hits = index.screen(Subject(("Omar Haddad",), (date,)))
        assert "wl-9" in {h.entity_id for h in hits}, date
    index.add(Subject(("Omar Haddad",), ("1990-01-01",), entity_id="wl-9"))
    hits = index.screen(Subject(("Omar Haddad",), ("1970-05-03",)))
    assert "wl-9" not in {h.entity_id for h in hits}, "the replaced entry's dates are gone"
