"""Lookouts: an analyst's request that a person be flagged at the border, which takes effect
only once a supervisor approves it.

| from | action | to | who |
| --- | --- | --- | --- |
| (new) | request | pending | analysts (HQ, regional), migration integrity officers, supervisors |
| pending | approve | approved | a supervisor other than the requester |
| pending | reject | rejected | a supervisor other than the requester |
| pending, approved | withdraw | withdrawn | the requester or a supervisor |

An approved lookout is *in effect* until its expiry date; every decision is recorded with who
took it, when and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from followthemoney.types import registry

from vigie.errors import Forbidden, InvalidInput
from vigie.i18n import _
from vigie.model.grading import Grading
from vigie.model.handling import Handling
from vigie.model.values import clean

# The source an approved lookout's facts are written under: its Risk (which lists the subject
# while the lookout is in effect) and, for a subject new to the store, the Person.
SOURCE = "lookouts"


class Category(StrEnum):
    """Why the subject is of interest: the network's threat areas."""

    TERRORISM = "terrorism"
    WAR_CRIMES = "war-crimes"
    ORGANIZED_CRIME = "organized-crime"
    IRREGULAR_MIGRATION = "irregular-migration"
    SMUGGLING_TRAFFICKING = "smuggling-trafficking"
    DOCUMENT_FRAUD = "document-fraud"
    OTHER = "other"

    @classmethod
    def parse(cls, text: str) -> Category:
        """Read a category name."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            known = ", ".join(c.value for c in cls)
            raise InvalidInput(
                _("unknown lookout category {text!r}; expected one of: {known}").format(
                    text=text, known=known
                )
            ) from None

    @property
    def topic(self) -> str:
        """The FollowTheMoney topic the category maps to."""
        return _TOPICS[self]


_TOPICS = {
    Category.TERRORISM: "crime.terror",
    Category.WAR_CRIMES: "crime.war",
    Category.ORGANIZED_CRIME: "crime.boss",
    Category.IRREGULAR_MIGRATION: "crime",
    Category.SMUGGLING_TRAFFICKING: "crime.traffick",
    Category.DOCUMENT_FRAUD: "crime.fraud",
    Category.OTHER: "crime",
}


class Status(StrEnum):
    """Where a lookout stands."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @classmethod
    def parse(cls, text: str) -> Status:
        """Read a status name."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            known = ", ".join(s.value for s in cls)
            raise InvalidInput(
                _("unknown lookout status {text!r}; expected one of: {known}").format(
                    text=text, known=known
                )
            ) from None


class Decision(StrEnum):
    """What a supervisor decides on a pending lookout."""

    APPROVE = "approve"
    REJECT = "reject"


@dataclass(frozen=True)
class LookoutRequest:
    """What an analyst fills in to request a lookout."""

    subject_name: str
    category: Category
    narrative: str
    requesting_unit: str
    expires_on: date
    handling: Handling
    grading: Grading
    subject_entity_id: str | None = None
    subject_birth_date: date | None = None
    subject_nationality: str | None = None
    subject_document: str | None = None

    def validate(self, today: date) -> None:
        """Refuse a request that cannot be acted on, naming the field."""
        if not self.subject_name.strip() and not self.subject_entity_id:
            raise InvalidInput(_("a lookout needs a subject: a name or an entity"))
        if len(self.narrative.strip()) < 10:
            raise InvalidInput(_("the narrative must say why, in at least 10 characters"))
        if not self.requesting_unit.strip():
            raise InvalidInput(_("the requesting unit is missing"))
        if self.expires_on <= today:
            raise InvalidInput(_("the expiry date must be in the future"))
        if self.subject_birth_date and self.subject_birth_date > today:
            raise InvalidInput(_("the birth date is in the future"))
        if self.subject_nationality and nationality_code(self.subject_nationality) is None:
            raise InvalidInput(
                _("the nationality {value!r} is not a country: give its code, such as FR").format(
                    value=self.subject_nationality
                )
            )


def nationality_code(text: str) -> str | None:
    """A nationality as FtM stores a country (``lb``), from its code (``LB``, ``LBN``) or name;
    None when it names no country. Approved lookouts become facts, which hold only clean
    values."""
    return clean(registry.country, text.strip())


@dataclass(frozen=True)
class Lookout:
    """A stored lookout."""

    id: int
    request: LookoutRequest
    status: Status
    created_by: str
    created_at: str
    decided_by: str | None = None
    decided_at: str | None = None
    decision_reason: str | None = None
    withdrawn_by: str | None = None
    withdrawn_at: str | None = None
    withdrawal_reason: str | None = None

    @property
    def risk_id(self) -> str:
        """The id of the ``Risk`` entity the lookout becomes when approved."""
        return f"lookout-{self.id}"

    @property
    def subject_id(self) -> str:
        """The id of the lookout's subject: the entity it names, or the ``Person`` made from
        the request when approved."""
        return self.request.subject_entity_id or f"lookout-{self.id}-subject"

    def in_effect(self, today: date) -> bool:
        """Whether screening should flag the subject today."""
        return self.status is Status.APPROVED and self.request.expires_on >= today


def decide_status(
    lookout: Lookout, decision: Decision, decider: str, reason: str, today: date
) -> Status:
    """The status after a supervisor's decision; the rules of the module's table. A lookout
    whose expiry date passed while it waited can only be rejected (or withdrawn): approved, it
    would take effect already expired."""
    if lookout.status is not Status.PENDING:
        raise InvalidInput(
            _("lookout {id} is {status}, not pending").format(id=lookout.id, status=lookout.status)
        )
    if decider == lookout.created_by:
        raise Forbidden(_("a lookout must be decided by someone other than its requester"))
    if decision is Decision.APPROVE and lookout.request.expires_on < today:
        raise InvalidInput(
            _(
                "lookout {id} expired on {day} before it was decided: it can only be rejected"
            ).format(id=lookout.id, day=lookout.request.expires_on.isoformat())
        )
    if len(reason.strip()) < 3:
        raise InvalidInput(_("give the reason for the decision"))
    return Status.APPROVED if decision is Decision.APPROVE else Status.REJECTED


def withdraw_status(lookout: Lookout, user: str, supervisor: bool, reason: str) -> Status:
    """The status after a withdrawal."""
    if lookout.status not in (Status.PENDING, Status.APPROVED):
        raise InvalidInput(
            _("lookout {id} is {status} and cannot be withdrawn").format(
                id=lookout.id, status=lookout.status
            )
        )
    if user != lookout.created_by and not supervisor:
        raise Forbidden(_("only the requester or a supervisor may withdraw a lookout"))
    if len(reason.strip()) < 3:
        raise InvalidInput(_("give the reason for the withdrawal"))
    return Status.WITHDRAWN
