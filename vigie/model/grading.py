"""Admiralty grading: source reliability (A–F) and information credibility (1–6).

The grade is stored with every fact and travels into every product, so it is a small value type
with a compact form (``B2``) that analysts read at a glance.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from vigie.errors import InvalidInput
from vigie.i18n import _


class Reliability(StrEnum):
    """How reliable the source has proved to be."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"

    @classmethod
    def parse(cls, text: str | Reliability) -> Reliability:
        """Read a reliability letter; ``F`` means it cannot be judged."""
        try:
            return cls(str(text).strip().upper())
        except ValueError:
            raise InvalidInput(
                _("unknown source reliability {text!r}; expected A to F").format(text=text)
            ) from None


class Credibility(StrEnum):
    """How credible this piece of information is."""

    CONFIRMED = "1"
    PROBABLY_TRUE = "2"
    POSSIBLY_TRUE = "3"
    DOUBTFUL = "4"
    IMPROBABLE = "5"
    CANNOT_BE_JUDGED = "6"

    @classmethod
    def parse(cls, text: str | int | Credibility) -> Credibility:
        """Read a credibility digit from 1 (confirmed) to 6 (cannot be judged)."""
        try:
            return cls(str(text).strip())
        except ValueError:
            raise InvalidInput(
                _("unknown information credibility {text!r}; expected 1 to 6").format(text=text)
            ) from None


RELIABILITY_WORDS = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}

CREDIBILITY_WORDS = {
    "1": "Confirmed by other sources",
    "2": "Probably true",
    "3": "Possibly true",
    "4": "Doubtful",
    "5": "Improbable",
    "6": "Truth cannot be judged",
}


@dataclass(frozen=True)
class Grading:
    """A fact's Admiralty grade."""

    reliability: Reliability = Reliability.F
    credibility: Credibility = Credibility.CANNOT_BE_JUDGED

    @classmethod
    def make(cls, reliability: str = "F", credibility: str | int = "6") -> Grading:
        """Build a grading from user input."""
        return cls(Reliability.parse(reliability), Credibility.parse(credibility))

    @property
    def code(self) -> str:
        """The compact form, e.g. ``B2``."""
        return f"{self.reliability.value}{self.credibility.value}"

    @classmethod
    def from_code(cls, code: str) -> Grading:
        """Read the compact form back."""
        if len(code) != 2:
            raise InvalidInput(
                _("invalid grading {code!r}; expected a letter and a digit, e.g. B2").format(
                    code=code
                )
            )
        return cls.make(code[0], code[1])
