"""Read and validate a machine-readable zone of any ICAO Doc 9303 format.

Every rule the zone itself carries is checked: the shape of the lines, the character set, the
document code, the issuing state and nationality against the ICAO code list, the name and
filler rules, dates that exist, the sex, every 7-3-1 check digit (the composite one included)
and the long-document-number rule of TD1 and TD2. Each failure is a :class:`Finding`; nothing
is corrected. Where a common OCR confusion (O/0, I/1, B/8, S/5, Z/2) would make a failed check
digit pass, the finding says which reading would, and leaves the choice to the officer.

The hot path (a valid zone) allocates only its result: the tables are built once per layout.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any, cast

from vigie.documents.finding import Finding
from vigie.documents.layout import Layout, layout_for
from vigie.documents.mrz import FILLER
from vigie.documents.states import padded_codes
from vigie.i18n import _

_VALUES = {
    **{str(digit): digit for digit in range(10)},
    **{chr(ord("A") + i): 10 + i for i in range(26)},
    FILLER: 0,
}
_VALUE = _VALUES.__getitem__
_CHARSET = frozenset(_VALUES)
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_NAME_CHARS = _LETTERS | {FILLER}
_DIGITS = frozenset("0123456789")
_WEIGHTS = (7, 3, 1) * 30
_MUL = operator.mul
_SEXES = frozenset("MF<")
# What OCR most often reads instead of what was printed, both ways.
CONFUSIONS = {"O": "0", "0": "O", "I": "1", "1": "I", "B": "8", "8": "B", "S": "5", "5": "S"}
CONFUSIONS |= {"Z": "2", "2": "Z"}
_MAX_AGE = 120
_CENTURY_AHEAD = 50


def _digit(text: Iterable[str]) -> str:
    return str(sum(map(_MUL, map(_VALUE, text), _WEIGHTS)) % 10)


@dataclass
class MrzReading:
    """What a zone says and what is wrong with it. ``fields`` holds the values as printed
    (fillers removed; dates as ISO text, with the century resolved); ``valid`` is true when
    there is no finding."""

    format: str | None
    lines: tuple[str, ...]
    fields: dict[str, str | None]
    findings: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """No finding at all."""
        return not self.findings

    def to_dict(self) -> dict[str, Any]:
        """The JSON form ``vigie documents check-mrz`` prints."""
        return {
            "format": self.format,
            "valid": self.valid,
            "fields": self.fields,
            "findings": [f.to_dict() for f in self.findings],
        }


@cache
def _numeric_offsets(layout: Layout) -> frozenset[int]:
    """Offsets that hold digits only: dates and check digits."""
    offsets = set(range(*layout.birth_date)) | set(range(*layout.expiry_date))
    checks = (layout.number_check, layout.birth_check, layout.expiry_check)
    offsets.update(checks)
    offsets.update(c for c in (layout.optional_check, layout.composite_check) if c is not None)
    return frozenset(offsets)


def _field_labels() -> dict[str, str]:
    # Built on each call (only when something is wrong): the labels follow the active language.
    return {
        "document_code": _("document code"),
        "issuing_state": _("issuing state"),
        "name": _("name"),
        "document_number": _("document number"),
        "nationality": _("nationality"),
        "birth_date": _("birth date"),
        "sex": _("sex"),
        "expiry_date": _("expiry date"),
        "optional_data": _("optional data"),
        "optional_data_2": _("optional data (line 2)"),
        "composite": _("composite check digit"),
    }


def field_label(name: str) -> str:
    """A field's name in words, in the active language."""
    return _field_labels().get(name, name)


class _Check:
    """One zone being checked: its joined text, layout and findings so far."""

    __slots__ = ("findings", "layout", "suggest", "today", "z")

    def __init__(self, z: str, layout: Layout, today: date, suggest: bool = True) -> None:
        self.suggest = suggest
        self.z = z
        self.layout = layout
        self.today = today
        self.findings: list[Finding] = []

    def add(self, code: str, name: str, offset: int | None, message: str) -> None:
        where = self.layout.where(offset) if offset is not None else None
        self.findings.append(Finding(code, name, where, message))

    def check_digit(
        self, name: str, text: Iterable[str], at: int, spans: tuple[tuple[int, int], ...]
    ) -> None:
        """Compare the check digit at ``at`` with the one ``text`` (the covered characters,
        taken from ``spans``) gives."""
        printed = self.z[at]
        expected = _digit(text)
        if printed == expected:
            return
        label = field_label(name)
        if printed not in _DIGITS:
            message = _("The check digit of the {field} is “{printed}”, not a digit.")
        elif name == "composite":
            message = _(
                "The composite check digit is {printed}, but the fields it covers give {expected}."
            )
        else:
            message = _(
                "The check digit of the {field} is {printed}, but the {field} gives {expected}."
            )
        message = message.format(field=label, printed=printed, expected=expected)
        if self.suggest:
            message = " ".join(filter(None, (message, self._confusion(at, spans))))
        self.add("check-digit", name, at, message)

    def _confusion(self, at: int, spans: tuple[tuple[int, int], ...]) -> str:
        """Which single OCR confusions (O/0, I/1, B/8, S/5, Z/2) would make this check pass,
        those that make every check digit of the zone pass first."""
        z, numeric = self.z, _numeric_offsets(self.layout)
        offsets = [o for start, end in spans for o in range(start, end)] + [at]
        whole: list[str] = []
        partial: list[str] = []
        for offset in offsets:
            other = CONFUSIONS.get(z[offset])
            if other is None or (offset in numeric and other not in _DIGITS):
                continue
            fixed = z[:offset] + other + z[offset + 1 :]
            if fixed[at] != _digit("".join(fixed[s:e] for s, e in spans)):
                continue
            line, column = self.layout.where(offset)
            reading = _("“{printed}” at line {line}, column {column} as “{other}”").format(
                printed=z[offset], line=line, column=column, other=other
            )
            again = _Check(fixed, self.layout, self.today, suggest=False)
            _check_fields(again)
            passes = not any(f.code == "check-digit" for f in again.findings)
            (whole if passes else partial).append(reading)
        if whole:
            return _(
                "Reading {readings} would make every check digit pass: look at the document "
                "before deciding."
            ).format(readings=_(" or ").join(whole[:3]))
        if partial:
            return _(
                "Reading {readings} would make this check digit pass: look at the document "
                "before deciding."
            ).format(readings=_(" or ").join(partial[:3]))
        return ""

    def code(self, name: str, span: tuple[int, int]) -> str:
        """A state or nationality code, checked against the ICAO list."""
        text = self.z[span[0] : span[1]]
        if text not in padded_codes():
            self.add(
                "state",
                name,
                span[0],
                _("The {field} “{code}” is not on the ICAO list of codes.").format(
                    field=field_label(name), code=text
                ),
            )
        return text.rstrip(FILLER)

    def day(self, name: str, span: tuple[int, int], birth: bool) -> str | None:
        """A date as ISO text, the century resolved: a birth date lies in the past, an expiry
        date within fifty years from today. A birth date may give only its year (``YY<<<<``)
        or year and month (``YYMM<<``), or be unknown (all fillers), as Doc 9303 allows."""
        text = self.z[span[0] : span[1]]
        if birth and FILLER in text:
            return self._partial_birth(name, span[0], text)
        if not _DIGITS.issuperset(text):
            self._bad_date(name, span[0], text)
            return None
        yy, month, dd = int(text[:2]), int(text[2:4]), int(text[4:6])
        year = self._year(yy, birth)
        try:
            value = date(year, month, dd)
        except ValueError:
            self._bad_date(name, span[0], text)
            return None
        if birth and value > self.today:
            # Born later this year than today: the previous century (29 February aside).
            try:
                value = date(year - 100, month, dd)
            except ValueError:
                self._bad_date(name, span[0], text)
                return None
        return value.isoformat()

    def _partial_birth(self, name: str, offset: int, text: str) -> str | None:
        if text == FILLER * 6:
            return None
        if text[:2].isdigit() and text[2:] == FILLER * 4:
            return str(self._year(int(text[:2]), birth=True))
        if text[:4].isdigit() and text[4:] == FILLER * 2 and 1 <= int(text[2:4]) <= 12:
            return f"{self._year(int(text[:2]), birth=True)}-{text[2:4]}"
        self._bad_date(name, offset, text)
        return None

    def _year(self, yy: int, birth: bool) -> int:
        this = self.today.year
        year = this - this % 100 + yy
        if birth:
            return year if year <= this else year - 100
        return year if year <= this + _CENTURY_AHEAD else year - 100

    def _bad_date(self, name: str, offset: int, text: str) -> None:
        self.add(
            "date",
            name,
            offset,
            _("The {field} “{text}” is not a date that exists (YYMMDD).").format(
                field=field_label(name), text=text
            ),
        )


def read_mrz(lines: list[str] | tuple[str, ...], today: date | None = None) -> MrzReading:
    """Read one zone given as its lines (surrounding blanks ignored) and check every rule;
    ``today`` (default: the current date) resolves the centuries of two-digit years."""
    lines = [line.strip() for line in lines]
    layout = layout_for(lines)
    if layout is None:
        shape = ", ".join(str(len(line)) for line in lines)
        return MrzReading(
            None,
            tuple(lines),
            {},
            [
                Finding(
                    "format",
                    "lines",
                    None,
                    _(
                        "{count} lines of {shape} characters are not a machine-readable zone: "
                        "TD1 has 3 lines of 30, TD2 and MRV-B 2 of 36, TD3 and MRV-A 2 of 44."
                    ).format(count=len(lines), shape=shape),
                )
            ],
        )
    for number, line in enumerate(lines, 1):
        if len(line) != layout.width:
            message = _(
                "Line {line} has {count} characters; every line of a {format} has {width}."
            ).format(line=number, count=len(line), format=layout.name, width=layout.width)
            finding = Finding("format", "lines", (number, 1), message)
            return MrzReading(layout.name, tuple(lines), {}, [finding])
    z = "".join(lines)
    check = _Check(z, layout, today or date.today())
    if not _CHARSET.issuperset(z):
        for offset, char in enumerate(z):
            if char not in _CHARSET:
                check.add(
                    "charset",
                    "lines",
                    offset,
                    _("“{char}” is not an MRZ character (A-Z, 0-9 and < only).").format(char=char),
                )
        return MrzReading(layout.name, tuple(lines), {}, check.findings)
    return MrzReading(layout.name, tuple(lines), _check_fields(check), check.findings)


def _check_fields(check: _Check) -> dict[str, str | None]:
    z, layout = check.z, check.layout
    code = z[0:2]
    # V marks a visa: an identity card or travel document may not use it as second letter.
    visa_letter = layout.first_letters == "ACI" and code[1] == "V"
    if code[0] not in layout.first_letters or code[1] not in _NAME_CHARS or visa_letter:
        check.add(
            "document-code",
            "document_code",
            0,
            _(
                "The document code “{code}” does not fit a {format}: it starts with {letters}."
            ).format(code=code, format=layout.name, letters=" / ".join(layout.first_letters)),
        )
    state = check.code("issuing_state", layout.issuing_state)
    surname, given = _name(check)
    number = _number(check)
    nationality = check.code("nationality", layout.nationality)
    birth_span, expiry_span = layout.birth_date, layout.expiry_date
    birth = check.day("birth_date", birth_span, birth=True)
    check.check_digit(
        "birth_date", z[birth_span[0] : birth_span[1]], layout.birth_check, (birth_span,)
    )
    sex = z[layout.sex]
    if sex not in _SEXES:
        check.add(
            "sex",
            "sex",
            layout.sex,
            _("The sex is “{sex}”: it must be M, F or < (unspecified).").format(sex=sex),
        )
    expiry = check.day("expiry_date", expiry_span, birth=False)
    check.check_digit(
        "expiry_date", z[expiry_span[0] : expiry_span[1]], layout.expiry_check, (expiry_span,)
    )
    fields: dict[str, str | None] = {
        "document_code": code.rstrip(FILLER),
        "issuing_state": state,
        "surname": surname,
        "given_names": given,
        "document_number": number,
        "nationality": nationality,
        "birth_date": birth,
        "sex": sex,
        "expiry_date": expiry,
    }
    for name, (start, end) in layout.optional:
        fields[name] = z[start:end].rstrip(FILLER)
    if layout.optional_check is not None:
        start, end = layout.optional[0][1]
        optional = z[start:end]
        # An unused personal number may have a filler for its check digit (Doc 9303 part 4).
        if not (optional == FILLER * len(optional) and z[layout.optional_check] == FILLER):
            check.check_digit("optional_data", optional, layout.optional_check, ((start, end),))
    if layout.composite_check is not None:
        covered = _composite(layout)(z)
        check.check_digit("composite", covered, layout.composite_check, layout.composite)
    return fields


@cache
def _composite(layout: Layout) -> Callable[[str], tuple[str, ...]]:
    """Picks the characters the composite check digit covers, in order, in one call."""
    offsets = [o for start, end in layout.composite for o in range(start, end)]
    return cast(Callable[[str], tuple[str, ...]], operator.itemgetter(*offsets))


def _name(check: _Check) -> tuple[str, str]:
    start, end = check.layout.name_field
    text = check.z[start:end]
    if text[0] == FILLER:
        check.add("name", "name", start, _("The name field does not start with the surname."))
    elif not _NAME_CHARS.issuperset(text):
        bad = next(i for i, c in enumerate(text) if c not in _NAME_CHARS)
        check.add(
            "name",
            "name",
            start + bad,
            _("The name holds “{char}”: names have letters and fillers only.").format(
                char=text[bad]
            ),
        )
    primary, _sep, secondary = text.rstrip(FILLER).partition("<<")
    if "<<" in secondary:
        at = start + len(primary) + 2 + secondary.index("<<")
        check.add(
            "filler",
            "name",
            at,
            _("The name has fillers where a single one should separate names."),
        )
    return primary.replace(FILLER, " "), secondary.replace(FILLER, " ")


def _number(check: _Check) -> str:
    """The document number, with the long-number rule of TD1 and TD2 applied, and its check."""
    z, layout = check.z, check.layout
    start, end = layout.document_number
    printed = z[start:end]
    at = layout.number_check
    spans: tuple[tuple[int, int], ...] = ((start, end),)
    if layout.long_number_into is not None and z[at] == FILLER and FILLER not in printed:
        into = layout.long_number_into[0]
        rest = z[into : layout.long_number_into[1]].split(FILLER, 1)[0]
        if len(rest) < 2:
            check.add(
                "long-number",
                "document_number",
                at,
                _(
                    "The document number's check digit is a filler, but the optional data "
                    "does not continue the number and give its check digit."
                ),
            )
            return printed
        at = into + len(rest) - 1
        spans = ((start, end), (into, at))
        check.check_digit("document_number", printed + rest[:-1], at, spans)
        return printed + rest[:-1]
    number = printed.rstrip(FILLER)
    if not number or FILLER in number:
        check.add(
            "filler",
            "document_number",
            start,
            _("The document number “{number}” has fillers before or inside it.").format(
                number=printed
            ),
        )
    check.check_digit("document_number", printed, at, spans)
    return number


def split_documents(text: str) -> list[list[str]]:
    """The zones in a text: lines of one document together, documents separated by a blank
    line."""
    documents: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            documents.append(current)
            current = []
    if current:
        documents.append(current)
    return documents
