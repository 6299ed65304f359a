"""Fraudulent travel documents, each kind built the way it is made in the real trade."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from enum import StrEnum
from random import Random

from vigie.demo.mess import shift_years
from vigie.demo.names import Spelling, make_name, respell, spell
from vigie.demo.people import (
    SLOT_FRAUD,
    Document,
    Person,
    make_document,
    passport_number,
    with_mrz,
)

# Positions of the check digits in MRZ line 2: document number, birth date, expiry, composite.
_CHECK_DIGITS = (9, 19, 27, 43)


class Fraud(StrEnum):
    """Kinds of document fraud, as recorded in the ground truth."""

    COUNTERFEIT = "counterfeit"  # a fake booklet with a consistent MRZ
    COUNTERFEIT_CHECK_DIGIT = "counterfeit-bad-check-digit"  # ... whose MRZ fails a check digit
    ALTERED = "altered"  # a genuine booklet with changed data and a re-made MRZ
    ALTERED_MRZ_MISMATCH = "altered-mrz-mismatch"  # ... whose MRZ still shows the old data
    IMPOSTOR = "impostor"  # somebody else's genuine passport, reported stolen
    FRAUDULENTLY_OBTAINED = "fraudulently-obtained-genuine"  # genuine, in a false identity
    STOLEN_BLANK = "stolen-blank"  # a blank booklet from a stolen batch, personalised


def _day(start: date, end: date, rng: Random) -> date:
    return start + timedelta(days=int(rng.random() * (end - start).days))


def _break_check_digit(mrz: tuple[str, str], rng: Random) -> tuple[str, str]:
    line1, line2 = mrz
    at = _CHECK_DIGITS[int(rng.random() * len(_CHECK_DIGITS))]
    wrong = str((int(line2[at]) + 1 + int(rng.random() * 9)) % 10)
    return line1, line2[:at] + wrong + line2[at + 1 :]


def forge(
    seed: int,
    person: Person,
    fraud: Fraud,
    day: date,
    rng: Random,
    *,
    victim_document: Document | None = None,
    blank: tuple[str, str] | None = None,
) -> Document:
    """The fraudulent document ``person`` carries on ``day``.

    An impostor needs the ``victim_document``; a stolen blank needs ``blank`` as
    (issuing country, number). The others are made from the person's own data.
    """
    ident = person.identity
    issued = _day(shift_years(day, -4), day - timedelta(days=30), rng)
    if fraud is Fraud.IMPOSTOR:
        if victim_document is None:
            raise ValueError("an impostor needs the victim's document")
        return victim_document
    if fraud is Fraud.STOLEN_BLANK:
        if blank is None:
            raise ValueError("a stolen blank needs its issuing country and number")
        country, number = blank
        spelled = respell(person.spelled, rng, 0.2)
        return make_document(ident, spelled, number, issued, country=country)
    if fraud in (Fraud.COUNTERFEIT, Fraud.COUNTERFEIT_CHECK_DIGIT):
        number = passport_number(seed, ident.nationality, person.index, SLOT_FRAUD)
        doc = make_document(ident, respell(person.spelled, rng, 0.3), number, issued)
        if fraud is Fraud.COUNTERFEIT_CHECK_DIGIT:
            doc = replace(doc, mrz=_break_check_digit(doc.mrz, rng))
        return doc
    if fraud in (Fraud.ALTERED, Fraud.ALTERED_MRZ_MISMATCH):
        # Age fraud on the person's own booklet: a minor made adult, an adult made younger.
        genuine = person.document_at(day)
        years = 1 + int(rng.random() * 6)
        altered = replace(genuine, birth=shift_years(genuine.birth, -years))
        return with_mrz(altered) if fraud is Fraud.ALTERED else altered
    # A genuine booklet issued on false breeder documents: another name, another birth date.
    false_name = make_name(ident.origin, ident.gender, ident.nationality, rng)
    false_identity = replace(
        ident, name=false_name, birth=shift_years(ident.birth, int(rng.random() * 7) - 3)
    )
    number = passport_number(seed, ident.nationality, person.index, SLOT_FRAUD)
    spelled = spell(false_name, Spelling.PREFERRED, rng)
    return make_document(false_identity, spelled, number, issued)
