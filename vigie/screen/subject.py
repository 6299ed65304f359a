"""Who is screened and what they are screened against: both are a handful of identifiers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from vigie.screen.names import Token, latin, parse

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Subject:
    """A person to screen, or a listed person (``entity_id`` set): names in any script, dates
    of birth (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), nationalities (ISO 3166 alpha-2, lower
    case), sex (``male``/``female``), document numbers and places of birth (any script); for
    a listed person, the day they were first listed (``listed``, ``YYYY-MM-DD``) when known."""

    names: tuple[str, ...]
    birth_dates: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    sex: str | None = None
    documents: tuple[str, ...] = ()
    entity_id: str = ""
    caption: str = ""
    birth_places: tuple[str, ...] = ()
    listed: str = ""
    parsed: tuple[tuple[Token, ...], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        # Parsed once: an entry is compared with many travellers.
        # Names that read the same once romanised (a Cyrillic name and its BGN spelling) are
        # compared once.
        parsed = tuple(dict.fromkeys(p for p in (parse(n) for n in self.names) if p))
        object.__setattr__(self, "parsed", parsed)
        if not self.caption and self.names:
            object.__setattr__(self, "caption", self.names[0])


def document_key(number: str) -> str:
    """A document number as compared: upper case, letters and digits only."""
    return "".join(ch for ch in number.upper() if ch.isalnum())


def traveller_keys(subject: Subject) -> list[str]:
    """What identifies a traveller for clearances: each document number, and each name (its
    words in order, romanised) with each date of birth."""
    keys = [f"doc:{k}" for k in sorted({document_key(d) for d in subject.documents} - {""})]
    for name in subject.names:
        words = " ".join(sorted(latin(name).split()))
        keys.extend(f"name:{words}|{date}" for date in subject.birth_dates)
    return list(dict.fromkeys(keys))


def partial_date(value: str) -> bool:
    """Whether ``value`` is a day, a month or a year of the calendar written ``YYYY-MM-DD``,
    ``YYYY-MM`` or ``YYYY`` (not 2015-13-40)."""
    if not _DATE.match(value):
        return False
    year, *rest = (int(part) for part in value.split("-"))
    try:
        date(year, *[*rest, 1, 1][:2])
    except ValueError:
        return False
    return True
