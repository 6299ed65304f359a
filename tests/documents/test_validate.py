"""The validator over the published ICAO Doc 9303 specimens of every format and over corrupted
variants of them: not one specimen rejected, not one corruption accepted that the MRZ's own
rules can see, each with the right finding."""

from __future__ import annotations

from datetime import date

import pytest

from tests.documents.test_mrz import reference_check_digit
from vigie.documents.layout import LAYOUTS, TD1, Layout
from vigie.documents.validate import read_mrz, split_documents

TODAY = date(2026, 11, 25)
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"

# Doc 9303 part 4 (TD3), part 5 (TD1), part 6 (TD2), part 7 (MRV-A, MRV-B).
SPECIMENS = {
    "TD3": (
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ),
    "TD1": (
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ),
    "TD2": (
        "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
        "D231458907UTO7408122F1204159<<<<<<<6",
    ),
    "MRV-A": (
        "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
    ),
    "MRV-B": (
        "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
        "L8988901C4XXX4009078F9612109<<<<<<<<",
    ),
}
LAYOUT = {layout.name: layout for layout in LAYOUTS}


def join(zone: tuple[str, ...]) -> str:
    return "".join(zone)


def split(text: str, layout: Layout) -> tuple[str, ...]:
    w = layout.width
    return tuple(text[i : i + w] for i in range(0, len(text), w))


def put(zone: tuple[str, ...], layout: Layout, offset: int, text: str) -> tuple[str, ...]:
    z = join(zone)
    return split(z[:offset] + text + z[offset + len(text) :], layout)


def recheck(zone: tuple[str, ...], layout: Layout) -> tuple[str, ...]:
    """The zone with every check digit recomputed by the reference implementation, so that
    only the rule under test can fail."""
    z = list(join(zone))

    def fix(spans: tuple[tuple[int, int], ...], at: int) -> None:
        covered = "".join("".join(z[s:e]) for s, e in spans)
        z[at] = str(reference_check_digit(covered))

    fix((layout.document_number,), layout.number_check)
    fix((layout.birth_date,), layout.birth_check)
    fix((layout.expiry_date,), layout.expiry_check)
    if layout.optional_check is not None:
        fix((layout.optional[0][1],), layout.optional_check)
    if layout.composite_check is not None:
        fix(layout.composite, layout.composite_check)
    return split("".join(z), layout)


def codes(zone: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(f.code, f.field) for f in read_mrz(zone, TODAY).findings]


@pytest.mark.parametrize("name", SPECIMENS)
def test_every_specimen_is_accepted(name: str) -> None:
    reading = read_mrz(SPECIMENS[name], TODAY)
    assert reading.format == name
    assert reading.findings == []
    assert reading.valid
    assert reading.fields["surname"] == "ERIKSSON"
    assert reading.fields["given_names"] == "ANNA MARIA"
    assert reading.fields["issuing_state"] == "UTO"


def test_specimen_fields_as_the_documents_print_them() -> None:
    td3 = read_mrz(SPECIMENS["TD3"], TODAY).fields
    assert td3["document_number"] == "L898902C3"
    assert td3["birth_date"] == "1974-08-12"
    assert td3["expiry_date"] == "2012-04-15"
    assert td3["sex"] == "F"
    assert td3["optional_data"] == "ZE184226B"
    visa = read_mrz(SPECIMENS["MRV-B"], TODAY).fields
    assert visa["nationality"] == "XXX"
    assert visa["birth_date"] == "1940-09-07"
    assert visa["expiry_date"] == "1996-12-10"
    assert read_mrz(SPECIMENS["TD1"], TODAY).fields["document_number"] == "D23145890"


def _checked_offsets(layout: Layout) -> list[tuple[int, str]]:
    """Every offset a check digit covers, and every check digit, with its field."""
    found: list[tuple[int, str]] = []
    spans = [
        (layout.document_number, "document_number"),
        (layout.birth_date, "birth_date"),
        (layout.expiry_date, "expiry_date"),
    ]
    if layout.optional_check is not None:
        spans.append((layout.optional[0][1], "optional_data"))
    if layout.composite_check is not None:
        spans.extend((span, "composite") for span in layout.composite)
    seen: set[int] = set()
    for (start, end), name in spans:
        for offset in range(start, end):
            if offset not in seen:
                seen.add(offset)
                found.append((offset, name))
    checks = [layout.number_check, layout.birth_check, layout.expiry_check]
    checks += [c for c in (layout.optional_check, layout.composite_check) if c is not None]
    found.extend((c, "check digit") for c in checks if c not in seen)
    return found


def _blind_spot(layout: Layout, offset: int, old: str, new: str) -> bool:
    """A change the 7-3-1 scheme cannot see by design: within an alphanumeric field (not a
    date, not a check digit), two characters whose values differ by a multiple of 10
    (0/A/K/U, 2/C/M/W …) weigh the same modulo 10 in every check digit covering them."""
    numeric = set(range(*layout.birth_date)) | set(range(*layout.expiry_date))
    numeric |= {layout.number_check, layout.birth_check, layout.expiry_check}
    numeric |= {c for c in (layout.optional_check, layout.composite_check) if c is not None}
    value = {c: i for i, c in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")} | {"<": 0}
    return offset not in numeric and (value[old] - value[new]) % 10 == 0


@pytest.mark.parametrize("name", SPECIMENS)
def test_every_single_character_change_in_a_checked_field_is_rejected(name: str) -> None:
    zone, layout = SPECIMENS[name], LAYOUT[name]
    z = join(zone)
    accepted: list[tuple[int, str]] = []
    changes = 0
    for offset, _field in _checked_offsets(layout):
        for char in ALPHABET:
            if char == z[offset] or _blind_spot(layout, offset, z[offset], char):
                continue
            changes += 1
            reading = read_mrz(put(zone, layout, offset, char), TODAY)
            if reading.valid:
                accepted.append((offset, char))
            else:
                assert {f.code for f in reading.findings} <= {
                    "check-digit",
                    "date",
                    "filler",
                    "long-number",
                }
    assert changes > 300
    assert accepted == []


@pytest.mark.parametrize("name", SPECIMENS)
def test_the_blind_spot_is_only_what_7_3_1_cannot_see(name: str) -> None:
    """The changes left out above are exactly those every check digit still passes: the
    document number's 0/A/K/U and its kind, which no rule of the MRZ can tell apart."""
    zone, layout = SPECIMENS[name], LAYOUT[name]
    z = join(zone)
    for offset, _field in _checked_offsets(layout):
        for char in ALPHABET:
            if char != z[offset] and _blind_spot(layout, offset, z[offset], char):
                found = codes(put(zone, layout, offset, char))
                assert ("check-digit", "document_number") not in found


def test_a_changed_check_digit_names_its_field_and_position() -> None:
    zone = put(SPECIMENS["TD3"], LAYOUT["TD3"], 44 + 19, "3")
    reading = read_mrz(zone, TODAY)
    assert [(f.code, f.field, f.position) for f in reading.findings] == [
        ("check-digit", "birth_date", (2, 20)),
        ("check-digit", "composite", (2, 44)),
    ]
    assert "is 3, but the birth date gives 2" in reading.findings[0].message


@pytest.mark.parametrize(
    ("name", "offset", "text", "expected"),
    [
        # A filler before the document number, check digits made to agree.
        ("TD3", 44, "<L898902C", ("filler", "document_number")),
        ("TD2", 36, "D23<45890", ("filler", "document_number")),
        # Fillers where one separates given names.
        ("TD3", 5, "ERIKSSON<<ANNA<<<MARIA", ("filler", "name")),
        # A name that starts with a filler: no primary identifier.
        ("TD1", 60, "<ERIKSSON", ("name", "name")),
        # A digit in a name.
        ("MRV-B", 5, "ER1KSSON", ("name", "name")),
        # A filler as the personal number's check digit while the personal number is used.
        ("TD3", 44 + 42, "<", ("check-digit", "optional_data")),
    ],
)
def test_wrong_fillers_are_rejected(
    name: str, offset: int, text: str, expected: tuple[str, str]
) -> None:
    layout = LAYOUT[name]
    zone = put(SPECIMENS[name], layout, offset, text)
    if expected[0] != "check-digit":
        zone = recheck(zone, layout)
    assert expected in codes(zone)
    assert not read_mrz(zone, TODAY).valid


@pytest.mark.parametrize("name", SPECIMENS)
@pytest.mark.parametrize(
    ("which", "text"),
    [
        ("birth_date", "741312"),  # month 13
        ("birth_date", "740230"),  # 30 February
        ("expiry_date", "120431"),  # 31 April
        ("expiry_date", "12<415"),
        ("birth_date", "7408<2"),
        ("expiry_date", "<<<<<<"),  # only a birth date may be unknown
    ],
)
def test_dates_that_do_not_exist_are_rejected(name: str, which: str, text: str) -> None:
    layout = LAYOUT[name]
    span: tuple[int, int] = getattr(layout, which)
    zone = recheck(put(SPECIMENS[name], layout, span[0], text), layout)
    assert codes(zone) == [("date", which)]


def test_unknown_parts_of_a_birth_date_are_allowed() -> None:
    layout = LAYOUT["TD3"]
    for text, shown in (("74<<<<", "1974"), ("7408<<", "1974-08"), ("<<<<<<", None)):
        zone = recheck(put(SPECIMENS["TD3"], layout, 44 + 13, text), layout)
        reading = read_mrz(zone, TODAY)
        assert reading.valid, reading.findings
        assert reading.fields["birth_date"] == shown


def test_centuries_are_resolved_for_birth_and_expiry() -> None:
    layout = LAYOUT["TD3"]
    zone = put(SPECIMENS["TD3"], layout, 44 + 13, "251231")
    zone = recheck(put(zone, layout, 44 + 21, "760101"), layout)
    fields = read_mrz(zone, TODAY).fields
    # 31 December 2025 is past; a birth on 31 December 2026 would be tomorrow, so 1926.
    assert fields["birth_date"] == "2025-12-31"
    assert fields["expiry_date"] == "2076-01-01"
    zone = recheck(put(put(zone, layout, 44 + 13, "261231"), layout, 44 + 21, "770101"), layout)
    fields = read_mrz(zone, TODAY).fields
    assert fields["birth_date"] == "1926-12-31"
    assert fields["expiry_date"] == "1977-01-01"


@pytest.mark.parametrize("name", SPECIMENS)
@pytest.mark.parametrize("which", ["issuing_state", "nationality"])
@pytest.mark.parametrize("code", ["UTA", "ZZZ", "DEU", "<UT", "U<O", "GB<"])
def test_unknown_states_are_rejected(name: str, which: str, code: str) -> None:
    layout = LAYOUT[name]
    span: tuple[int, int] = getattr(layout, which)
    zone = recheck(put(SPECIMENS[name], layout, span[0], code), layout)
    assert codes(zone) == [("state", which)]


@pytest.mark.parametrize("code", ["D<<", "XXA", "XXB", "XXC", "XXX", "UNO", "EUE", "GBD", "CAN"])
def test_special_codes_are_accepted(code: str) -> None:
    layout = LAYOUT["TD3"]
    zone = put(put(SPECIMENS["TD3"], layout, 2, code), layout, 44 + 10, code)
    assert read_mrz(recheck(zone, layout), TODAY).valid


@pytest.mark.parametrize("name", SPECIMENS)
@pytest.mark.parametrize("sex", ["X", "1", "A"])
def test_sex_other_than_m_f_or_filler_is_rejected(name: str, sex: str) -> None:
    layout = LAYOUT[name]
    zone = put(SPECIMENS[name], layout, layout.sex, sex)
    if layout.composite_check is not None:
        zone = recheck(zone, layout)  # the composite does not cover the sex; no change
    assert codes(zone) == [("sex", "sex")]


@pytest.mark.parametrize(
    ("name", "code"),
    [("TD3", "I<"), ("TD3", "V<"), ("TD1", "P<"), ("TD1", "IV"), ("TD2", "V<"), ("MRV-A", "P<")],
)
def test_document_codes_that_do_not_fit_the_format_are_rejected(name: str, code: str) -> None:
    layout = LAYOUT[name]
    zone = put(SPECIMENS[name], layout, 0, code)
    if code[0] in "PV" and layout.lines == 2 and (code[0] == "V") != (name.startswith("MRV")):
        # A first letter V or P changes which two-line format the zone is read as.
        assert read_mrz(zone, TODAY).format != name
        return
    assert codes(zone) == [("document-code", "document_code")]


def _long_td1(number: str) -> tuple[str, ...]:
    """The TD1 specimen with a document number longer than nine characters."""
    rest = number[9:] + str(reference_check_digit(number))
    line1 = ("I<UTO" + number[:9] + "<" + rest).ljust(30, "<")
    zone = (line1, *SPECIMENS["TD1"][1:])
    z = list(join(zone))
    covered = "".join("".join(z[s:e]) for s, e in TD1.composite)
    z[TD1.composite_check] = str(reference_check_digit(covered))
    return split("".join(z), TD1)


def test_a_long_document_number_overflows_into_the_optional_data() -> None:
    reading = read_mrz(_long_td1("D23145890123"), TODAY)
    assert reading.valid, reading.findings
    assert reading.fields["document_number"] == "D23145890123"


def test_a_broken_long_document_number_is_rejected() -> None:
    zone = _long_td1("D23145890123")
    line1 = zone[0]
    wrong = line1[:18] + str((int(line1[18]) + 1) % 10) + line1[19:]
    assert ("check-digit", "document_number") in codes((wrong, *zone[1:]))
    # A filler as the check digit with nothing carried over into the optional data.
    no_rest = ("I<UTOD23145890<<<<<<<<<<<<<<<<", *SPECIMENS["TD1"][1:])
    assert ("long-number", "document_number") in codes(no_rest)


def test_an_ocr_confusion_is_named_not_fixed() -> None:
    zone = put(SPECIMENS["TD3"], LAYOUT["TD3"], 44 + 5, "O")  # L898902C3 read as L8989O2C3
    reading = read_mrz(zone, TODAY)
    assert not reading.valid
    assert reading.fields["document_number"] == "L8989O2C3"
    first = reading.findings[0]
    assert (first.code, first.field) == ("check-digit", "document_number")
    assert "Reading “O” at line 2, column 6 as “0” would make every check digit pass" in (
        first.message
    )


def test_a_check_digit_read_as_a_letter_is_named() -> None:
    zone = put(SPECIMENS["TD3"], LAYOUT["TD3"], 87, "O")
    (finding,) = read_mrz(zone, TODAY).findings
    assert (finding.code, finding.field, finding.position) == ("check-digit", "composite", (2, 44))
    assert "not a digit" in finding.message
    assert "“O” at line 2, column 44 as “0”" in finding.message


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["P<UTOERIKSSON"], "format"),
        ([*SPECIMENS["TD1"], "<" * 30], "format"),
        ([SPECIMENS["TD3"][0], SPECIMENS["TD3"][1][:43]], "format"),
        ([SPECIMENS["TD3"][0].lower(), SPECIMENS["TD3"][1]], "charset"),
        ([SPECIMENS["TD3"][0], SPECIMENS["TD3"][1].replace("<", " ")], "charset"),
    ],
)
def test_what_is_not_a_zone_says_why(lines: list[str], expected: str) -> None:
    reading = read_mrz(lines, TODAY)
    assert not reading.valid
    assert reading.findings[0].code == expected
    assert reading.findings[0].message


def test_json_form_has_exactly_the_documented_keys() -> None:
    zone = put(SPECIMENS["TD2"], LAYOUT["TD2"], 36 + 20, "X")
    out = read_mrz(zone, TODAY).to_dict()
    assert set(out) == {"format", "valid", "fields", "findings"}
    assert out["findings"] == [
        {
            "code": "sex",
            "field": "sex",
            "position": {"line": 2, "column": 21},
            "message": "The sex is “X”: it must be M, F or < (unspecified).",
        }
    ]


def test_documents_are_separated_by_a_blank_line() -> None:
    text = "\n".join(SPECIMENS["TD3"]) + "\n\n  \n" + "\n".join(SPECIMENS["TD1"]) + "\n"
    assert split_documents(text) == [list(SPECIMENS["TD3"]), list(SPECIMENS["TD1"])]


def test_world_passports_are_valid() -> None:
    """Every genuine passport the synthetic world composes passes."""
    from vigie.demo.people import make_person

    for index in range(200):
        for document in make_person(7, index).documents:
            reading = read_mrz(document.mrz, TODAY)
            assert reading.valid, (document.mrz, reading.findings)
