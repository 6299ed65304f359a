"""What the linkage model compares: a person record reduced to normalised fields.

Names are folded to ASCII words in any script (ICU, then ``anyascii``; see
``vigie.model.text``) and compared as *sets* of words and of consonant skeletons, so that
word order (family name first or last), transliteration (Mohammed, Muhammad, محمد) and
particles matter less than the words themselves. Dates of birth keep their ISO form and a key
that is the same whichever way round day and month were read. Document numbers, phones and
e-mails are normalised so that formatting never hides an equal value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from vigie.model.text import skeleton, tokens

_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")
_NOT_DIGIT = re.compile(r"[^0-9]+")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# A date as far as it is known: the year, the year and month, or the whole date (FtM dates are
# ISO prefixes; anything after the day, such as a time, is left out).
_KNOWN = re.compile(r"^(\d{4})(-\d{2}(-\d{2})?)?")
# Phones are compared on their last nine digits: enough to tell subscribers apart, and the same
# whether a source wrote the country code, a trunk zero or neither.
_PHONE_DIGITS = 9

# The properties of a Person the features are made of.
PROPS = (
    "name",
    "alias",
    "firstName",
    "middleName",
    "fatherName",
    "lastName",
    "birthDate",
    "nationality",
    "gender",
    "passportNumber",
    "idNumber",
    "phone",
    "email",
    "address",
)

# The columns the model reads, in order; ``unique_id`` is the entity id.
COLUMNS = (
    "unique_id",
    "name_key",
    "skel_key",
    "words",
    "skels",
    "dob",
    "born",
    "dob_key",
    "day_month",
    "nationality",
    "gender",
    "doc",
    "doc_letters",
    "docs",
    "phones",
    "emails",
    "address_key",
    "places",
    "name_place",
    "sparse_key",
    "born_year",
    "sparse_year",
)


@dataclass(frozen=True)
class PersonRecord:
    """One Person entity as its reader may see it: property values by property name."""

    entity_id: str
    values: Mapping[str, Sequence[str]] = field(default_factory=dict)

    def get(self, prop: str) -> list[str]:
        """The values of ``prop`` (none when the reader sees none)."""
        return list(self.values.get(prop, ()))


def names_of(record: PersonRecord) -> list[str]:
    """Every written form of the person's name: full names, aliases, and the parts put
    together (some sources only give first and last names)."""
    names = record.get("name") + record.get("alias")
    parts = [
        " ".join(record.get("firstName")),
        " ".join(record.get("middleName")),
        " ".join(record.get("fatherName")),
        " ".join(record.get("lastName")),
    ]
    joined = " ".join(p for p in parts if p)
    if joined:
        names.append(joined)
    return names


def document_number(value: str) -> str:
    """A document number as upper-case letters and digits only."""
    return _NOT_ALNUM.sub("", value.upper())


def phone_number(value: str) -> str:
    """The last digits of a phone number (empty when too short to mean anything)."""
    digits = _NOT_DIGIT.sub("", value)
    return digits[-_PHONE_DIGITS:] if len(digits) >= 7 else ""


def email_address(value: str) -> str:
    """An e-mail address lower-cased and trimmed."""
    return value.strip().lower()


def _known(values: Iterable[str]) -> list[str]:
    return [m.group(0) for m in (_KNOWN.match(v.strip()) for v in values) if m]


def birth_date(values: Iterable[str]) -> str | None:
    """The first whole ISO date of birth (a time after it left out), or None."""
    return next((d for d in _known(values) if len(d) == 10), None)


def birth_known(values: Iterable[str]) -> str | None:
    """The date of birth as far as the values know it: the first whole ISO date, else the
    longest year and month or year alone (a watchlist often knows only the year), or None."""
    known = _known(values)
    return next((d for d in known if len(d) == 10), None) or max(known, key=len, default=None)


def date_keys(dob: str | None) -> tuple[str | None, str | None]:
    """The date's year with day and month in either order, and day and month alone in either
    order: ``1990-07-03`` and ``1990-03-07`` give the same keys."""
    if dob is None:
        return None, None
    match = _DATE.match(dob)
    if match is None:
        return None, None
    year, month, day = match.groups()
    low, high = sorted((month, day))
    return f"{year}-{low}-{high}", f"{low}-{high}"


def _sorted_unique(items: Iterable[str]) -> list[str]:
    return sorted({i for i in items if i})


def features(record: PersonRecord) -> dict[str, Any]:
    """The model's columns (``COLUMNS``) for one record; missing values are None."""
    names = names_of(record)
    primary = tokens(names[0]) if names else []
    words = _sorted_unique(w for n in names for w in tokens(n))
    skels = _sorted_unique(skeleton(w) for w in words)
    born = birth_known(record.get("birthDate"))
    dob = born if born is not None and len(born) == 10 else None
    dob_key, day_month = date_keys(dob)
    docs = _sorted_unique(document_number(v) for v in record.get("passportNumber"))
    docs += _sorted_unique(document_number(v) for v in record.get("idNumber"))
    phones = _sorted_unique(phone_number(v) for v in record.get("phone"))
    emails = _sorted_unique(email_address(v) for v in record.get("email"))
    places = _sorted_unique(w for a in record.get("address") for w in tokens(a))
    nationality = record.get("nationality")
    gender = record.get("gender")
    skel_key = " ".join(sorted(s for s in (skeleton(w) for w in primary) if s)) or None
    nation = nationality[0].lower() if nationality else ""
    sex = gender[0].lower() if gender else ""
    name_place = f"{skel_key}|{nation}|{sex}" if skel_key else None
    return {
        "unique_id": record.entity_id,
        "name_key": " ".join(sorted(primary)) or None,
        "skel_key": skel_key,
        "words": words or None,
        "skels": skels or None,
        "dob": dob,
        "born": born,
        "dob_key": dob_key,
        "day_month": day_month,
        "nationality": nationality[0].lower() if nationality else None,
        "gender": gender[0].lower() if gender else None,
        "doc": docs[0] if docs else None,
        # The number's characters in order: the same when two were swapped (a typing slip).
        "doc_letters": "".join(sorted(docs[0])) if docs else None,
        "docs": docs or None,
        "phones": phones or None,
        "emails": emails or None,
        "address_key": " ".join(places) or None,
        "places": places or None,
        # Blocking keys: the name's sounds with the nationality and sex, for every record and,
        # apart, for records without a date of birth (only those are compared on these alone).
        "name_place": name_place,
        "sparse_key": name_place if dob is None else None,
        # The year of birth as far as it is known, for every record and, apart, for records
        # without a whole date (only those are compared on it with one name sound).
        "born_year": born[:4] if born else None,
        "sparse_year": born[:4] if born and dob is None else None,
    }
