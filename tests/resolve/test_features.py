"""Features: the same person written differently gives the same or close features."""

from __future__ import annotations

from vigie.demo.names import native_full
from vigie.demo.people import make_person
from vigie.resolve.batch import person_features
from vigie.resolve.features import (
    COLUMNS,
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


def test_a_date_known_only_to_the_year_or_month_is_kept_as_far_as_it_goes() -> None:
    def known(*values: str) -> tuple[object, ...]:
        found = features(PersonRecord("a", {"birthDate": list(values)}))
        return found["dob"], found["born"], found["born_year"], found["sparse_year"]

    assert known("1971") == (None, "1971", "1971", "1971")
    assert known("1971", "1971-04") == (None, "1971-04", "1971", "1971")
    assert known("1971-04", "1971-04-02T10:00:00") == ("1971-04-02",) * 2 + ("1971", None)
    assert known("04/02/1971") == (None, None, None, None)


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


def test_many_records_at_once_give_what_one_at_a_time_gives() -> None:
    records = []
    for index in range(60):
        person = make_person(3, index)
        values = {
            "name": [person.spelled.full(swap=index % 2 == 0)],
            "alias": [native_full(person.identity.name)],
            "birthDate": [person.identity.birth.isoformat()],
            "gender": [person.identity.gender],
            "nationality": [person.identity.nationality],
            "passportNumber": [d.number for d in person.documents],
            "phone": [person.phone],
            "email": [person.email],
            "address": [person.address],
        }
        records.append(PersonRecord(f"p-{index}", values))
    records += [
        PersonRecord("odd-1", {"name": ["  Jean-Luc   O'Brien  "], "birthDate": [" 1990-07-03 "]}),
        PersonRecord("odd-2", {"firstName": ["Иван"], "lastName": ["Петров"], "phone": ["12"]}),
        PersonRecord("odd-3", {"name": ["毛泽东"], "address": ["北京市 1 Rue de la Paix"]}),
        PersonRecord("odd-4", {"passportNumber": ["ab-1", "AB1"], "idNumber": ["ab 1"]}),
        PersonRecord("odd-5", {"email": [" X@Y.ORG ", ""], "nationality": ["FR"]}),
        PersonRecord("odd-6", {}),
        PersonRecord("year-only", {"name": ["Ana"], "birthDate": ["1971"]}),
        PersonRecord("month-only", {"birthDate": ["1971", " 1971-04 "]}),
        PersonRecord("whole-later", {"birthDate": ["1971-04", "1971-04-02T00:00:00"]}),
        PersonRecord("not-a-date", {"birthDate": ["04/02/1971"]}),
    ]
    table = person_features(records)
    assert table.num_rows == len(records) > 60
    for index, record in enumerate(records):
        expected = features(record)
        found = {c: table[c][index].as_py() for c in COLUMNS}
        assert found == expected, record.entity_id
