"""Reading travellers to screen: JSON Lines, CSV and PAXLST, and the errors of bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from vigie.errors import InvalidInput
from vigie.screen.batch import read_travellers


def test_csv_rows_become_travellers(tmp_path: Path) -> None:
    path = tmp_path / "queue.csv"
    path.write_text(
        "id,name,birth_date,nationality,sex,document_number,birth_place\n"
        "a1,Мухаммад Хусейн,1970-03-05,IQ,M,a123,Tikrit\n"
        "a2,Li Wei,,,,,\n",
        encoding="utf-8",
    )
    [(first, subject), (second, other)] = read_travellers(path)
    assert (first, subject.names, subject.birth_dates) == (
        "a1",
        ("Мухаммад Хусейн",),
        ("1970-03-05",),
    )
    assert (subject.nationalities, subject.sex, subject.documents) == (("iq",), "male", ("a123",))
    assert subject.birth_places == ("Tikrit",)
    assert (second, other.birth_dates, other.sex, other.birth_places) == ("a2", (), None, ())


def test_a_passenger_list_gives_every_traveller(tiny_world: Path) -> None:
    path = sorted(tiny_world.glob("passenger-data-*.edi"))[0]
    travellers = read_travellers(path)
    assert len(travellers) > 10
    assert all(s.names and s.birth_dates for _ref, s in travellers)
    assert any(s.documents for _ref, s in travellers)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"id": "a", "name": "X", "colour": "red"}\n', "line 1, field colour: unknown field"),
        ('{"id": "a"}\n', "line 1, field name: missing"),
        ('{"id": "a", "name": "X", "sex": "other"}\n', "line 1, field sex"),
        ('{"id": "a", "name": "X", "nationality": "Iraq"}\n', "line 1, field nationality"),
        # The right shape is not enough: there is no thirteenth month.
        ('{"id": "a", "name": "X", "birth_date": "2015-13-40"}\n', "line 1, field birth_date"),
        ("not json\n", "line 1, field -: not JSON"),
    ],
)
def test_bad_rows_are_named(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(text)
    with pytest.raises(InvalidInput, match=where):
        read_travellers(path)


def test_unknown_formats_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "in.xlsx"
    path.write_text("")
    with pytest.raises(InvalidInput, match="unknown input format"):
        read_travellers(path)
