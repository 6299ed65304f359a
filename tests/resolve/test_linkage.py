"""Linking new records: only the existing records that share a blocking key with a new one are
read, and no pair that blocking would make is lost."""

from __future__ import annotations

from typing import Any

from vigie.resolve.batch import person_features
from vigie.resolve.features import PersonRecord
from vigie.resolve.linkage import neutral_untrained, reachable


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


def test_new_records_reach_by_a_rare_address_word_and_by_their_year_of_birth() -> None:
    existing = person_features(
        [
            _record("street", name="Nicholas Bridgland", address="8 Lethbridge St, 2767"),
            _record("year", name="Nino Beridze", birthDate="1971-05-06"),
            _record("stranger", name="Kwame Mensah", address="3 Other St, 2767"),
        ]
    )
    new = person_features(
        [
            _record("new-street", name="N. Bridgland", address="8 Lethbridbe Street 2767"),
            _record("new-year", name="Нино Беридзе", birthDate="1971"),
        ]
    )
    assert set(reachable(existing, new)["unique_id"].to_pylist()) == {"street", "year"}


def _levels(model: dict[str, Any]) -> dict[str, tuple[float, float]]:
    return {
        level["label_for_charts"]: (level["m_probability"], level["u_probability"])
        for level in model["comparisons"][0]["comparison_levels"]
        if not level.get("is_null_level")
    }


def _untrained() -> dict[str, Any]:
    return {
        "comparisons": [
            {
                "output_column_name": "birth",
                "comparison_levels": [
                    {"is_null_level": True},
                    {"label_for_charts": "same", "m_probability": 0.9, "u_probability": 0.01},
                    {"label_for_charts": "rare", "m_probability": 0.1},
                    {"label_for_charts": "else", "u_probability": 0.99},
                    {"label_for_charts": "tiny", "m_probability": 1e-26, "u_probability": 0.5},
                    {"label_for_charts": "never"},
                ],
            }
        ]
    }


def test_a_level_em_never_saw_the_same_person_at_weighs_against() -> None:
    levels = _levels(neutral_untrained(_untrained(), u_pairs=1000, m_pairs={"birth": 500}))
    assert levels["same"] == (0.9, 0.01)
    # Seen by EM, never among random pairs: the u of one pair in u_pairs.
    assert levels["rare"] == (0.1, 1 / 1000)
    # Among random pairs, never among the 500 pairs EM learnt from: the m of one in 500.
    assert levels["else"] == (1 / 500, 0.99)
    assert levels["tiny"] == (1 / 500, 0.5)
    assert levels["never"] == (0.5, 0.5)
    # Without knowing how many pairs EM learnt from, such a level says nothing.
    assert _levels(neutral_untrained(_untrained()))["else"] == (0.99, 0.99)
