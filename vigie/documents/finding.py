"""What a check of a travel document found wrong: a stable code, the field, where, and a plain
sentence in the reader's language.

| code | means |
| --- | --- |
| ``format`` | the lines do not have the shape of any MRZ format |
| ``charset`` | a character outside A-Z, 0-9 and the filler ``<`` |
| ``document-code`` | the document code does not fit the format (P, V, or A, C, I) |
| ``filler`` | a filler where a value must be, or a value where only fillers may be |
| ``name`` | the name field breaks the name rules (no primary identifier, a digit) |
| ``state`` | an issuing state or nationality not on the ICAO code list |
| ``date`` | a date that does not exist, or written with other than digits |
| ``sex`` | the sex is not ``M``, ``F`` or ``<`` |
| ``check-digit`` | a check digit does not match its field (the composite one included) |
| ``long-number`` | a TD1/TD2 document number overflowing into the optional data the wrong way |
| ``expired`` | the document expired before the date of travel |
| ``not-yet-valid`` | the document was issued after the date of travel |
| ``age`` | the holder's age is not plausible (born after issue or travel, older than 120) |
| ``mismatch`` | the MRZ disagrees with the data typed or collected |
| ``lost-stolen`` | the document number is reported lost or stolen (exactly or nearly) |
| ``other-holder`` | the document is already known with another holder |
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a document. ``position`` is the line and column (from 1) of the
    field's first character in the MRZ, or ``None`` for findings outside it (a lost or stolen
    report, a typed birth date)."""

    code: str
    field: str
    position: tuple[int, int] | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``{"code", "field", "position", "message"}``, the position as
        ``{"line", "column"}`` or null."""
        position = None
        if self.position is not None:
            position = {"line": self.position[0], "column": self.position[1]}
        return {
            "code": self.code,
            "field": self.field,
            "position": position,
            "message": self.message,
        }
