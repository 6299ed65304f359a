"""Features: the same person written differently gives the same or close features."""

from __future__ import annotations

from vigie.resolve.features import (
    PersonRecord,
    date_keys,
    document_number,
    features,
    phone_number,
)


def test_name_order_and_script_do_not_change_the_sounds() -> None:
    latin = features(PersonRecord("a", {"name": ["Mohammed Hussein"]}))
    reversed_order = features(PersonRecord("b", {"name": ["HUSSEIN Mohammed"]}))
    variant = features(PersonRecord("c", {"name": ["Muhammad Husayn"]}))
    assert latin["name_key"] == reversed_order["name_key"] == "hussein mohammed"
    assert latin["skel_key"] == variant["skel_key"]


def test_a_name_in_its_own_script_meets_its_transliteration() -> None:
    native = features(PersonRecord("a", {"name": ["Иван Петров"]}))
    latin = features(PersonRecord("b", {"name": ["Ivan Petrov"]}))
    assert native["skel_key"] == latin["skel_key"]


def test_name_parts_and_aliases_add_words() -> None:
    found = features(
        PersonRecord(
            "a",
            {
                "name": ["Priya Sharma"],
                "alias": ["Pia"],
                "middleName": ["Kumari"],
                "firstName": ["Priya"],
                "lastName": ["Sharma"],
            },
        )
    )
    assert found["words"] == ["kumari", "pia", "priya", "sharma"]
    assert found["name_key"] == "priya sharma"


def test_swapped_day_and_month_give_the_same_keys() -> None:
    assert date_keys("1990-07-03") == date_keys("1990-03-07") == ("1990-03-07", "03-07")
    assert date_keys(None) == (None, None)
    assert date_keys("1990") == (None, None)


def test_identifiers_are_normalised() -> None:
    assert document_number(" ab-123 456 ") == "AB123456"
    assert phone_number("+44 (0)20 7946 0958") == phone_number("020 7946 0958")
    assert phone_number("12") == ""
    record = PersonRecord("a", {"email": [" Ana@Example.ORG "], "passportNumber": ["x1"]})
    found = features(record)
    assert found["emails"] == ["ana@example.org"]
    assert found["doc"] == "X1"


def test_missing_values_are_none() -> None:
    found = features(PersonRecord("a", {}))
    assert found["unique_id"] == "a"
    assert all(found[c] is None for c in found if c != "unique_id")
