from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import load, person
from vigie.policy.reader import Clearance, Reader, Role
from vigie.store import Store

ANALYST = Reader("ana", Role.ANALYST, Clearance.TOP_SECRET)


@pytest.fixture
def people(store: Store, tmp_path: Path) -> Store:
    load(
        store,
        tmp_path / "p.jsonl",
        [
            person("p-ar", "محمد الحسين", alias=["Mohammed Al-Hussein"]),
            person("p-ru", "Евгений Петров"),
            person("p-es", "José Núñez García"),
            person("p-vi", "Nguyễn Văn An"),
            person("p-zh", "王伟"),
            person("p-en", "John Smith", passportNumber=["X1234567"]),
        ],
    )
    return store


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jose nunez", "p-es"),
        ("JOSÉ NÚÑEZ", "p-es"),
        ("Nguyen Van An", "p-vi"),
        ("Evgenij Petrov", "p-ru"),
        ("Yevgeny Petrov", "p-ru"),
        ("Евгений", "p-ru"),
        ("Muhammad Husayn", "p-ar"),
        ("محمد", "p-ar"),
        ("wang wei", "p-zh"),
        ("王伟", "p-zh"),
        ("x1234567", "p-en"),
        ("X12345", "p-en"),
    ],
)
def test_search_is_accent_and_script_insensitive(people: Store, query: str, expected: str) -> None:
    hits = people.view(ANALYST).search(query)
    assert [h.entity.id for h in hits][:1] == [expected]


def test_every_word_must_match_and_exact_words_rank_first(people: Store) -> None:
    view = people.view(ANALYST)
    assert view.search("john petrov") == []
    assert view.search("") == []
    assert [h.entity.id for h in view.search("smith")] == ["p-en"]
