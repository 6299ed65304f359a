"""Consistency of a document with what is known of its holder and the journey: the MRZ against
the biographic data typed or collected, expiry and issue against the date of travel, and the
holder's age. Pure functions: the store's part (lost and stolen lists, documents already seen)
is in ``vigie.documents.lookup``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vigie.documents.alert import state_key
from vigie.documents.finding import Finding
from vigie.documents.mrz import icao_transliterate
from vigie.i18n import _

MAX_AGE = 120


@dataclass(frozen=True)
class Declared:
    """What the officer typed or the traveller declared, and the date of travel; every field
    may be left empty."""

    surname: str = ""
    given_names: str = ""
    birth_date: date | None = None
    sex: str = ""
    nationality: str = ""
    issued: date | None = None
    travel_date: date | None = None


def _same_name(mrz: str | None, typed: str) -> bool:
    """The typed name written in the MRZ alphabet is the MRZ's, or the MRZ's is a truncation
    of it (long names are cut to fit the zone)."""
    written = icao_transliterate(typed).replace("<", " ")
    shown = (mrz or "").strip()
    return written == shown or (bool(shown) and written.startswith(shown))


def _iso(text: str | None) -> date | None:
    if not text or len(text) != 10:
        return None
    return date.fromisoformat(text)


def _mismatch(field: str, message: str) -> Finding:
    return Finding("mismatch", field, None, message)


def compare(fields: dict[str, str | None], declared: Declared, today: date) -> list[Finding]:
    """What disagrees between the MRZ's ``fields`` and ``declared``, and whether the document
    is valid on the date of travel (``today`` when none is given) for a plausible holder."""
    found: list[Finding] = []
    if declared.surname and not _same_name(fields.get("surname"), declared.surname):
        found.append(
            _mismatch(
                "surname",
                _("The surname typed, {typed}, is not the MRZ's {mrz}.").format(
                    typed=declared.surname, mrz=fields.get("surname") or "—"
                ),
            )
        )
    if declared.given_names and not _same_name(fields.get("given_names"), declared.given_names):
        found.append(
            _mismatch(
                "given_names",
                _("The given names typed, {typed}, are not the MRZ's {mrz}.").format(
                    typed=declared.given_names, mrz=fields.get("given_names") or "—"
                ),
            )
        )
    birth = _iso(fields.get("birth_date"))
    if declared.birth_date and fields.get("birth_date"):
        printed = str(fields["birth_date"])
        if not declared.birth_date.isoformat().startswith(printed):
            found.append(
                _mismatch(
                    "birth_date",
                    _("The birth date typed, {typed}, is not the MRZ's {mrz}.").format(
                        typed=declared.birth_date.isoformat(), mrz=printed
                    ),
                )
            )
    sex = declared.sex.strip().upper()[:1]
    if sex in ("M", "F") and fields.get("sex") in ("M", "F") and sex != fields.get("sex"):
        found.append(
            _mismatch(
                "sex",
                _("The sex typed, {typed}, is not the MRZ's {mrz}.").format(
                    typed=sex, mrz=fields.get("sex")
                ),
            )
        )
    if declared.nationality and state_key(declared.nationality) != state_key(
        fields.get("nationality")
    ):
        found.append(
            _mismatch(
                "nationality",
                _("The nationality typed, {typed}, is not the MRZ's {mrz}.").format(
                    typed=declared.nationality, mrz=fields.get("nationality") or "—"
                ),
            )
        )
    found.extend(_validity(fields, declared, birth, declared.travel_date or today))
    return found


def _validity(
    fields: dict[str, str | None], declared: Declared, birth: date | None, travel: date
) -> list[Finding]:
    found: list[Finding] = []
    expiry = _iso(fields.get("expiry_date"))
    if expiry is not None and expiry < travel:
        found.append(
            Finding(
                "expired",
                "expiry_date",
                None,
                _("The document expired on {expiry}, before the date of travel {travel}.").format(
                    expiry=expiry.isoformat(), travel=travel.isoformat()
                ),
            )
        )
    if declared.issued is not None and declared.issued > travel:
        found.append(
            Finding(
                "not-yet-valid",
                "issued",
                None,
                _("The document was issued on {issued}, after the date of travel {travel}.").format(
                    issued=declared.issued.isoformat(), travel=travel.isoformat()
                ),
            )
        )
    if birth is None:
        return found
    age = travel.year - birth.year - ((travel.month, travel.day) < (birth.month, birth.day))
    if age < 0 or age > MAX_AGE:
        found.append(
            Finding(
                "age",
                "birth_date",
                None,
                _("Born on {birth}, the holder would be {age} on the date of travel.").format(
                    birth=birth.isoformat(), age=age
                ),
            )
        )
    if declared.issued is not None and declared.issued < birth:
        found.append(
            Finding(
                "age",
                "birth_date",
                None,
                _("The document was issued on {issued}, before its holder was born.").format(
                    issued=declared.issued.isoformat()
                ),
            )
        )
    if expiry is not None and expiry <= birth:
        found.append(
            Finding(
                "age",
                "expiry_date",
                None,
                _("The document expires on {expiry}, before its holder was born.").format(
                    expiry=expiry.isoformat()
                ),
            )
        )
    return found
