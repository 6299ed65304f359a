"""Linking new records: only the existing records that share a blocking key with a new one are
read, and no pair that blocking would make is lost."""

from __future__ import annotations

from vigie.resolve.batch import person_features
from vigie.resolve.features import PersonRecord
from vigie.resolve.linkage import reachable


def _record(entity_id: str, **values: str) -> PersonRecord:
    return PersonRecord(entity_id, {k: [v] for k, v in values.items()})


def test_only_records_sharing_a_blocking_key_are_reached() -> None:
    existing = person_features(
        [
            _record("same-doc", name="Anna Berg", passportNumber="X1"),
            _record("swapped", name="Ivan Petrov", birthDate="1990-03-07"),
            _record("same-date-other-name", name="Kwame Mensah", birthDate="1990-07-03"),
            _record("undated", name="Ivan Petrov", nationality="ru", gender="male"),
            _record("phone", name="Someone Else", phone="+44 20 7946 0958"),
            _record("stranger", name="Maria Lopez", birthDate="1971-01-01"),
        ]
    )
    new = person_features(
        [
            _record(
                "new",
                name="Иван Петров",
                birthDate="1990-07-03",
                nationality="ru",
                gender="male",
                passportNumber="x-1",
                phone="020 7946 0958",
            )
        ]
    )
    found = set(reachable(existing, new)["unique_id"].to_pylist())
    assert found == {"same-doc", "swapped", "undated", "phone"}
