"""Document alerts: a migration integrity officer's warning about a known fraudulent series,
and the rule that says which documents it concerns.

An alert names what it is about with any of: the issuing state, the document type, a number
pattern, a number range and an issue-date window; a document matches when it meets every
criterion the alert gives. A match is a reason to examine the document, never a verdict: it
reaches an analyst, who confirms or dismisses it with a reason.

| criterion | matches when |
| --- | --- |
| issuing state | the document's issuing state is the same (ICAO ``D`` and FtM ``de`` are one) |
| document type | the same type (``passport``, ``identity-card`` …) |
| number pattern | the number fits: ``#`` a digit, ``@`` a letter, ``?`` any one, ``*`` any run |
| number range | a number of the same length between the two, compared character by character |
| issue-date window | issued within it; a document whose issue date is unknown matches, saying so |
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property

from followthemoney.types import registry

from vigie.documents.states import known_codes
from vigie.errors import InvalidInput
from vigie.i18n import _
from vigie.model.grading import Grading
from vigie.model.handling import Handling

DOCUMENT_TYPES = ("passport", "identity-card", "travel-document", "visa", "residence-permit")
_PATTERN = re.compile(r"[A-Z0-9#@?*]{1,64}")
_NUMBER = re.compile(r"[A-Z0-9]{1,64}")
_WILDCARDS = {"#": "[0-9]", "@": "[A-Z]", "?": "[A-Z0-9]", "*": "[A-Z0-9]*"}


class AlertStatus(StrEnum):
    """Whether an alert is in force."""

    ACTIVE = "active"
    WITHDRAWN = "withdrawn"


class MatchStatus(StrEnum):
    """Where an analyst's review of a match stands."""

    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


def state_key(code: str | None) -> str | None:
    """One key for an issuing state however it is written: ICAO ``LBN``, ``D<<`` or FtM ``lb``
    all give FtM's ``lb``; codes with no country (``XXA``, ``UTO``) give themselves, lower
    case."""
    if not code:
        return None
    text = code.strip().rstrip("<").upper()
    if text == "D":
        return "de"
    cleaned = registry.country.clean(text)
    return str(cleaned) if cleaned else text.lower()


def clean_number(text: str) -> str:
    """A document number as the MRZ writes it: upper case, without spaces or dashes."""
    return re.sub(r"[\s\-/.]", "", text).upper()


@dataclass(frozen=True)
class DocumentFacts:
    """What matching needs to know about a document."""

    number: str
    state: str | None = None
    document_type: str | None = None
    issued: date | None = None


@dataclass(frozen=True)
class AlertSpec:
    """An alert as its author writes it."""

    title: str
    features: str
    handling: Handling
    grading: Grading
    issuing_state: str | None = None
    document_type: str | None = None
    number_pattern: str | None = None
    number_from: str | None = None
    number_to: str | None = None
    issued_from: date | None = None
    issued_to: date | None = None
    expires_on: date | None = None

    def validate(self, today: date) -> None:
        """Raise :class:`InvalidInput` naming the field when the alert cannot be published."""
        if not self.title.strip():
            raise InvalidInput(_("title: a title is required"))
        if len(self.features.strip()) < 10:
            raise InvalidInput(
                _("features: say what to examine on the document, in at least 10 characters")
            )
        if self.issuing_state and self.issuing_state.upper() not in known_codes():
            raise InvalidInput(
                _("issuing_state: {code!r} is not on the ICAO list of codes").format(
                    code=self.issuing_state
                )
            )
        if self.document_type and self.document_type not in DOCUMENT_TYPES:
            raise InvalidInput(
                _("document_type: {kind!r} is not one of: {known}").format(
                    kind=self.document_type, known=", ".join(DOCUMENT_TYPES)
                )
            )
        if self.number_pattern and not _PATTERN.fullmatch(self.number_pattern):
            raise InvalidInput(
                _("number_pattern: use A-Z, 0-9 and the wildcards # @ ? *, not {text!r}").format(
                    text=self.number_pattern
                )
            )
        self._validate_range()
        if self.issued_from and self.issued_to and self.issued_from > self.issued_to:
            raise InvalidInput(_("issued_to: the window ends before it begins"))
        if self.expires_on and self.expires_on < today:
            raise InvalidInput(_("expires_on: the alert would already have expired"))
        if not (self.number_pattern or self.number_from or self.issuing_state):
            raise InvalidInput(
                _(
                    "number_pattern: an alert needs at least a number pattern, a number range "
                    "or an issuing state, or it would match every document"
                )
            )

    def _validate_range(self) -> None:
        low, high = self.number_from, self.number_to
        if not low and not high:
            return
        if not low or not high:
            raise InvalidInput(_("number_to: a number range needs both its first and last number"))
        for name, value in (("number_from", low), ("number_to", high)):
            if not _NUMBER.fullmatch(value):
                raise InvalidInput(
                    _("{field}: {value!r} is not a document number (A-Z, 0-9)").format(
                        field=name, value=value
                    )
                )
        if len(low) != len(high) or low > high:
            raise InvalidInput(
                _("number_to: the range must go from a lower to a higher number of the same length")
            )

    @cached_property
    def _regex(self) -> re.Pattern[str] | None:
        if not self.number_pattern:
            return None
        return re.compile("".join(_WILDCARDS.get(c, c) for c in self.number_pattern))

    def reasons(self, doc: DocumentFacts) -> list[str] | None:
        """Why ``doc`` matches this alert (one sentence per criterion), or ``None`` when it
        misses any criterion."""
        reasons: list[str] = []
        if self.issuing_state:
            if doc.state is None or state_key(self.issuing_state) != doc.state:
                return None
            reasons.append(_("issued by {state}").format(state=self.issuing_state))
        if self.document_type:
            if doc.document_type and doc.document_type != self.document_type:
                return None
            reasons.append(_("a {kind}").format(kind=self.document_type))
        number = clean_number(doc.number)
        if self._regex is not None:
            if not self._regex.fullmatch(number):
                return None
            reasons.append(
                _("number {number} fits {pattern}").format(
                    number=number, pattern=self.number_pattern
                )
            )
        if self.number_from and self.number_to:
            low, high = self.number_from, self.number_to
            if len(number) != len(low) or not low <= number <= high:
                return None
            reasons.append(
                _("number {number} is between {low} and {high}").format(
                    number=number, low=low, high=high
                )
            )
        if self.issued_from or self.issued_to:
            if doc.issued is None:
                reasons.append(_("issue date unknown: compare it with the alert's window"))
            elif (self.issued_from and doc.issued < self.issued_from) or (
                self.issued_to and doc.issued > self.issued_to
            ):
                return None
            else:
                reasons.append(
                    _("issued on {day}, within the alert's window").format(
                        day=doc.issued.isoformat()
                    )
                )
        return reasons

    def in_force(self, today: date) -> bool:
        """Not past its expiry date."""
        return self.expires_on is None or self.expires_on >= today


@dataclass(frozen=True)
class Alert:
    """A published alert and its state."""

    id: int
    spec: AlertSpec
    status: AlertStatus
    created_by: str
    created_at: str
    withdrawn_by: str | None = None
    withdrawn_at: str | None = None
    withdrawal_reason: str | None = None
