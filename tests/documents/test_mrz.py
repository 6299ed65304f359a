"""MRZ composition against ICAO Doc 9303 and an independent check-digit computation."""

from __future__ import annotations

import random
from datetime import date

import pytest

from vigie.documents.mrz import check_digit, compose_td3, icao_transliterate

SPECIMEN_LINE1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
SPECIMEN_LINE2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"


def reference_check_digit(field: str) -> int:
    """Doc 9303 part 3, 4.9, written out independently of the module under test."""
    total = 0
    for position, char in enumerate(field):
        if char.isdigit():
            value = int(char)
        elif char == "<":
            value = 0
        else:
            value = ord(char) - 55  # A = 10
        total += value * (7, 3, 1)[position % 3]
    return total % 10


def test_the_doc_9303_specimen() -> None:
    line1, line2 = compose_td3(
        "P",
        "UTO",
        "Eriksson",
        "Anna María",
        "L898902C3",
        "UTO",
        date(1974, 8, 12),
        "F",
        date(2012, 4, 15),
        "ZE184226B",
    )
    assert line1 == SPECIMEN_LINE1
    assert line2 == SPECIMEN_LINE2


@pytest.mark.parametrize(
    ("field", "digit"),
    [
        ("L898902C3", "6"),
        ("740812", "2"),
        ("120415", "9"),
        ("ZE184226B<<<<<", "1"),
        ("<<<<<<<<<<<<<<", "0"),
        ("L898902C3674081221204159ZE184226B<<<<<1", "0"),  # the composite
    ],
)
def test_check_digits_of_the_specimen_fields(field: str, digit: str) -> None:
    assert check_digit(field) == digit


@pytest.mark.parametrize("field", ["abc", "L8989-02", "É"])
def test_check_digit_refuses_characters_outside_the_mrz_alphabet(field: str) -> None:
    with pytest.raises(ValueError):
        check_digit(field)


@pytest.mark.parametrize(
    ("name", "mrz"),
    [
        ("Öztürk", "OEZTUERK"),
        ("Müller-Lüdenscheidt", "MUELLER<LUEDENSCHEIDT"),
        ("Ångström", "AANGSTROEM"),
        ("Søren Ørsted", "SOEREN<OERSTED"),
        ("Straße", "STRASSE"),
        ("Þórður", "THORDUR"),
        ("Łukasz Żółć", "LUKASZ<ZOLC"),
        ("Ayşe Yılmaz", "AYSE<YILMAZ"),
        ("Nguyễn Văn Đức", "NGUYEN<VAN<DUC"),
        ("José María", "JOSE<MARIA"),
        ("O'Brien", "OBRIEN"),
        ("N'Diaye", "NDIAYE"),
        ("Jean-Baptiste", "JEAN<BAPTISTE"),
        ("Jean - Paul", "JEAN<PAUL"),
        ("Ma. Cristina", "MA<CRISTINA"),
        ("Евгений Кузнецов", "EVGENII<KUZNETSOV"),
        ("Юлия Щербакова", "IULIIA<SHCHERBAKOVA"),
        ("Олександр Шевченко", "OLEKSANDR<SHEVCHENKO"),
    ],
)
def test_transliteration_follows_doc_9303_tables(name: str, mrz: str) -> None:
    assert icao_transliterate(name) == mrz


@pytest.mark.parametrize("name", ["محمد الحسن", "张伟", "김민준", "अमित शर्मा", "አበበ ቢቂላ"])
def test_other_scripts_become_mrz_letters(name: str) -> None:
    coded = icao_transliterate(name)
    assert coded
    assert set(coded) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ<")


def test_names_that_are_too_long_are_cut_to_the_field() -> None:
    line1, _line2 = compose_td3(
        "P",
        "D",
        "Wolfeschlegelsteinhausenbergerdorff",
        "Hubert Blaine Adolph Charles",
        "C01X00T47",
        "D",
        date(1970, 1, 2),
        "M",
        date(2030, 1, 1),
    )
    assert len(line1) == 44
    assert line1 == "P<D<<WOLFESCHLEGELSTEINHAUSENBERGERDORFF<<HU"


def test_unspecified_sex_and_short_state_codes() -> None:
    line1, line2 = compose_td3(
        "PD",
        "D",
        "Mustermann",
        "Erika",
        "C01X00T47",
        "D",
        date(1964, 8, 12),
        "X",
        date(2027, 10, 31),
    )
    assert line1.startswith("PDD<<MUSTERMANN<<ERIKA<")
    assert line2[10:13] == "D<<"
    assert line2[20] == "<"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"number": "L898902C3X"},
        {"number": "L89-8902"},
        {"sex": "Q"},
        {"optional": "A" * 15},
        {"issuing_state": "CANA"},
    ],
)
def test_fields_that_do_not_fit_are_refused(kwargs: dict[str, str]) -> None:
    args: dict[str, object] = {
        "document_type": "P",
        "issuing_state": "CAN",
        "surname": "Tremblay",
        "given_names": "Marie",
        "number": "AB123456",
        "nationality": "CAN",
        "birth_date": date(1980, 1, 1),
        "sex": "F",
        "expiry": date(2030, 1, 1),
    }
    args.update(kwargs)
    with pytest.raises(ValueError):
        compose_td3(**args)  # type: ignore[arg-type]


def test_random_documents_carry_every_check_digit() -> None:
    rng = random.Random(9303)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    for _ in range(500):
        number = "".join(rng.choice(alphabet) for _ in range(rng.randint(6, 9)))
        optional = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        birth = date(1940, 1, 1).fromordinal(
            rng.randint(date(1940, 1, 1).toordinal(), date(2020, 12, 31).toordinal())
        )
        expiry = date(2024, 1, 1).fromordinal(
            rng.randint(date(2024, 1, 1).toordinal(), date(2036, 12, 31).toordinal())
        )
        line1, line2 = compose_td3(
            "P",
            "CAN",
            "Tremblay",
            "Marie Ève",
            number,
            "CAN",
            birth,
            rng.choice("MF"),
            expiry,
            optional,
        )
        assert len(line1) == len(line2) == 44
        assert line2[:9].rstrip("<") == number
        assert int(line2[9]) == reference_check_digit(line2[0:9])
        assert line2[13:19] == birth.strftime("%y%m%d")
        assert int(line2[19]) == reference_check_digit(line2[13:19])
        assert line2[21:27] == expiry.strftime("%y%m%d")
        assert int(line2[27]) == reference_check_digit(line2[21:27])
        assert int(line2[42]) == reference_check_digit(line2[28:42])
        composite = line2[0:10] + line2[13:20] + line2[21:43]
        assert int(line2[43]) == reference_check_digit(composite)
