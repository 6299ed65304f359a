"""The candidate index: finds the listed person among many, by name key or document, and is
changed entry by entry."""

from __future__ import annotations

import random

import pytest

from vigie.screen import index as index_module
from vigie.screen.index import Index
from vigie.screen.subject import Subject

FIRST = ["Ahmad", "Omar", "Yusuf", "Ivan", "Pedro", "Wei", "Ngozi", "Priya", "Reza", "Thanh"]
LAST = ["Haddad", "Karimi", "Petrov", "Silva", "Okafor", "Sharma", "Nguyen", "Tanaka", "Chen"]


def crowd(count: int) -> list[Subject]:
    rng = random.Random(3)
    return [
        Subject(
            (f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)}",),
            (f"{rng.randint(1950, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",),
            entity_id=f"e-{i}",
        )
        for i in range(count)
    ]


LISTED = Subject(("Yevgeny Shcherbakov", "Евгений Щербаков"), ("1975-06-01",), entity_id="wl-1")


def test_finds_the_listed_person_in_a_crowd() -> None:
    index = Index([*crowd(3000), LISTED])
    hits = index.screen(Subject(("Evgeniy Scherbakov",), ("1975-01-06",)))
    assert [h.entity_id for h in hits] == ["wl-1"]


def test_a_name_cut_short_still_meets_the_listed_person() -> None:
    # Parminde (a machine-readable zone cut it short) is filed under no key of its own: the
    # index reads the keys one consonant class longer, and Kaur weighs as a particle.
    listed = Subject(("Parminder Kaur",), ("2002-01-29",), ("in",), "female", (), "wl-3")
    index = Index([*crowd(500), listed])
    hits = index.screen(Subject(("Parminde Kour",), ("2002-01-29",), ("in",), "female"))
    assert [h.entity_id for h in hits] == ["wl-3"]


def test_nothing_for_someone_else() -> None:
    index = Index([*crowd(500), LISTED])
    assert index.screen(Subject(("Marie Dupont",), ("1980-02-02",))) == []


def test_a_document_number_finds_an_entry_whatever_the_name() -> None:
    listed = Subject(("Amira Haddad",), (), (), None, ("N0123456",), "wl-2")
    index = Index([*crowd(500), listed])
    hits = index.screen(Subject(("A. Smith",), (), (), None, ("n0123456",)))
    assert hits[0].entity_id == "wl-2"


def test_entries_are_added_and_removed_one_by_one() -> None:
    index = Index(crowd(200))
    query = Subject(("Евгений Щербаков",), ("1975-06-01",))
    assert index.screen(query) == []
    index.add(LISTED)
    assert [h.entity_id for h in index.screen(query)] == ["wl-1"]
    index.remove("wl-1")
    assert index.screen(query) == []
    assert len(index) == 200


def test_a_batch_over_workers_finds_what_one_by_one_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(index_module, "PARALLEL_FROM", 100)
    entries = [*crowd(3000), LISTED]
    index = Index(entries)
    rng = random.Random(5)
    queries = [Subject(e.names, e.birth_dates) for e in rng.sample(entries, 1200)] + [
        Subject(("Evgeniy Scherbakov",), ("1975-01-06",))
    ] * 900
    one_by_one = [
        [(h.entity_id, h.score, h.explanation()) for h in index.screen(q)] for q in queries
    ]
    done: list[int] = []
    batch = index.screen_many(queries, workers=2, progress=done.append)
    assert [[(h.entity_id, h.score, h.explanation()) for h in hits] for hits in batch] == one_by_one
    assert done and done[-1] == 1201, "each distinct traveller screened once"
    assert batch[-1][0].explanation(), "scores come back whole, with their explanation"
