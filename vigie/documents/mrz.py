"""Machine-readable zones of travel documents (ICAO Doc 9303).

Only what Vigie needs to write and check passports: the 7-3-1 check digit, the two lines of a
TD3 (passport booklet) MRZ, and the transliteration of names into the MRZ alphabet (A-Z, 0-9
and the filler ``<``).
"""

from __future__ import annotations

import operator
import unicodedata
from datetime import date
from functools import lru_cache

from anyascii import anyascii

FILLER = "<"
TD3_LENGTH = 44
_NAME_FIELD = TD3_LENGTH - 5  # after the document code (2) and the issuing state (3)
_NUMBER_FIELD = 9
_OPTIONAL_FIELD = 14
_WEIGHTS = (7, 3, 1)

# Doc 9303 part 3, section 6, table A: Latin letters whose recommended transliteration is not
# simply the base letter. Everything else with a diacritic loses it (É -> E, Ş -> S, Ễ -> E).
_LATIN = {
    "Ä": "AE",
    "Å": "AA",
    "Æ": "AE",
    "Ö": "OE",
    "Ø": "OE",
    "Œ": "OE",
    "Ü": "UE",
    "Þ": "TH",
    "ẞ": "SS",
    "Ĳ": "IJ",
    # letters with strokes or without a decomposition, which NFD cannot strip
    "Ð": "D",
    "Đ": "D",
    "Ħ": "H",
    "Ł": "L",
    "Ŀ": "L",
    "Ŋ": "N",
    "Ŧ": "T",
}

# Doc 9303 part 3, section 6, table B (Cyrillic). Ь is omitted, as the table says.
_CYRILLIC = {
    "А": "A",
    "Б": "B",
    "В": "V",
    "Г": "G",
    "Ґ": "G",
    "Д": "D",
    "Ђ": "D",
    "Ѓ": "G",
    "Е": "E",
    "Ё": "E",
    "Є": "IE",
    "Ж": "ZH",
    "З": "Z",
    "Ѕ": "DZ",
    "И": "I",
    "І": "I",
    "Ї": "I",
    "Й": "I",
    "Ј": "J",
    "К": "K",
    "Л": "L",
    "Љ": "LJ",
    "М": "M",
    "Н": "N",
    "Њ": "NJ",
    "О": "O",
    "П": "P",
    "Р": "R",
    "С": "S",
    "Т": "T",
    "Ћ": "C",
    "Ќ": "K",
    "У": "U",
    "Ў": "U",
    "Ф": "F",
    "Х": "KH",
    "Ц": "TS",
    "Ч": "CH",
    "Џ": "DZ",
    "Ш": "SH",
    "Щ": "SHCH",
    "Ъ": "IE",
    "Ы": "Y",
    "Ь": "",
    "Э": "E",
    "Ю": "IU",
    "Я": "IA",
}

# Spaces, hyphens, commas and full stops separate name components, which the MRZ writes as a
# single filler; apostrophes and other punctuation are dropped (D'ARCY -> DARCY).
_SEPARATORS = frozenset("-‐‑‒–—_,.")


_VALUES = {
    **{str(digit): digit for digit in range(10)},
    **{chr(ord("A") + i): 10 + i for i in range(26)},
    FILLER: 0,
}
_ALPHABET = frozenset(_VALUES)
# Long enough for the longest field the check digit covers (the composite, 39 characters).
_WEIGHT_CYCLE = _WEIGHTS * 20


def check_digit(field: str) -> str:
    """Return the Doc 9303 check digit of an MRZ field as a single character.

    Digits count as themselves, A-Z as 10-35 and the filler ``<`` as 0; values are weighted
    7, 3, 1 repeating and the digit is their sum modulo 10. Raises ``ValueError`` on any other
    character.
    """
    if len(field) > len(_WEIGHT_CYCLE) or not _ALPHABET.issuperset(field):
        raise ValueError(f"not an MRZ field: {field!r}")
    return _check(field)


def _check(field: str) -> str:
    # For fields already checked against the MRZ alphabet.
    return str(sum(map(operator.mul, map(_VALUES.__getitem__, field), _WEIGHT_CYCLE)) % 10)


@lru_cache(maxsize=4096)
def _letter(char: str) -> str:
    upper = char.upper()
    if len(upper) > 1:  # ß -> SS, ŉ -> ʼN
        return "".join(_letter(c) for c in upper)
    if "A" <= upper <= "Z":
        return upper
    if upper in _LATIN:
        return _LATIN[upper]
    if upper in _CYRILLIC:
        return _CYRILLIC[upper]
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", upper) if not unicodedata.combining(c)
    )
    if stripped and all("A" <= c <= "Z" for c in stripped):
        return stripped
    if upper.isalpha():
        return "".join(c for c in anyascii(upper).upper() if "A" <= c <= "Z")
    return ""


@lru_cache(maxsize=8192)
def icao_transliterate(name: str) -> str:
    """Write a name in the MRZ alphabet, as Doc 9303 part 3 recommends.

    Latin letters with diacritics follow table A (Ä -> AE, Ö -> OE, Ü -> UE, Å -> AA,
    Ø -> OE, ß -> SS, Þ -> TH, other diacritics dropped); Cyrillic follows table B; any other
    script goes through ``anyascii``. The result is upper case A-Z, with one ``<`` for each run
    of spaces, hyphens, commas or full stops between components ("Ma. Cristina" ->
    ``MA<CRISTINA``); apostrophes, other punctuation and digits are dropped.
    """
    out: list[str] = []
    pending_separator = False
    for char in unicodedata.normalize("NFC", name):
        if char in _SEPARATORS or char.isspace():
            pending_separator = bool(out)
            continue
        letters = _letter(char)
        if not letters:
            continue
        if pending_separator:
            out.append(FILLER)
            pending_separator = False
        out.append(letters)
    return "".join(out)


def _mrz_date(value: date) -> str:
    return f"{value.year % 100:02d}{value.month:02d}{value.day:02d}"


def _code(value: str, width: int, what: str) -> str:
    """Pad an already-coded field (state, document number, optional data) with fillers."""
    coded = value.upper().replace(" ", FILLER)
    if len(coded) > width or not _ALPHABET.issuperset(coded):
        raise ValueError(f"{what} does not fit the MRZ: {value!r}")
    return coded.ljust(width, FILLER)


def _names_field(surname: str, given_names: str) -> str:
    primary = icao_transliterate(surname)
    secondary = icao_transliterate(given_names)
    field = primary + FILLER * 2 + secondary if secondary else primary
    # Doc 9303 truncates long names; cutting at the field width keeps the primary identifier
    # whole whenever it fits, which is what the truncation rules aim for.
    return field[:_NAME_FIELD].ljust(_NAME_FIELD, FILLER)


def compose_td3(
    document_type: str,
    issuing_state: str,
    surname: str,
    given_names: str,
    number: str,
    nationality: str,
    birth_date: date,
    sex: str,
    expiry: date,
    optional: str = "",
) -> tuple[str, str]:
    """Compose the two 44-character lines of a TD3 (passport) machine-readable zone.

    ``document_type`` is one or two letters (``"P"``, ``"PD"``); ``issuing_state`` and
    ``nationality`` are ICAO codes of up to three letters (``"CAN"``, ``"D"`` for Germany);
    the names are written as printed and transliterated with :func:`icao_transliterate`;
    ``number`` has at most 9 and ``optional`` (the personal number) at most 14 characters from
    A-Z, 0-9; ``sex`` is ``"M"``, ``"F"`` or ``"X"``/``"<"`` for unspecified. Every check
    digit is computed, including the composite one. Raises ``ValueError`` when a field does
    not fit.
    """
    sex_code = sex.upper()
    if sex_code == "X":
        sex_code = FILLER
    if sex_code not in ("M", "F", FILLER):
        raise ValueError(f"sex must be M, F or X: {sex!r}")
    doc = _code(document_type, 2, "document type")
    line1 = doc + _code(issuing_state, 3, "issuing state") + _names_field(surname, given_names)
    number_field = _code(number, _NUMBER_FIELD, "document number")
    birth = _mrz_date(birth_date)
    expires = _mrz_date(expiry)
    optional_field = _code(optional, _OPTIONAL_FIELD, "optional data")
    line2 = (
        number_field
        + _check(number_field)
        + _code(nationality, 3, "nationality")
        + birth
        + _check(birth)
        + sex_code
        + expires
        + _check(expires)
        + optional_field
        + _check(optional_field)
    )
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    return line1, line2 + _check(composite)
