"""Readers: who is asking, with which role, clearance, caveats, compartments and partner.

A ``Reader`` is built from a user account and passed to every store query; it is never trusted
from a request. Roles say which actions a user may take; clearance, caveats, compartments and
partner say which facts they may see (see ``vigie.policy.rules``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from vigie.errors import Forbidden, InvalidInput
from vigie.i18n import _
from vigie.model.handling import Marking


class Role(StrEnum):
    """What a user does in Vigie."""

    ANALYST = "analyst"
    MIGRATION_INTEGRITY_OFFICER = "migration-integrity-officer"
    REGIONAL_ANALYST = "regional-analyst"
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    AUDITOR = "auditor"
    ADMIN = "admin"
    PARTNER = "partner"

    @classmethod
    def parse(cls, text: str) -> Role:
        """Read a role name."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            known = ", ".join(r.value for r in cls)
            raise InvalidInput(
                _("unknown role {text!r}; expected one of: {known}").format(text=text, known=known)
            ) from None


class Clearance(StrEnum):
    """Personnel security screening level; it bounds the markings a reader may see."""

    RELIABILITY = "reliability"
    SECRET = "secret"
    TOP_SECRET = "top-secret"

    @property
    def max_marking(self) -> Marking:
        """The highest marking this clearance may read."""
        return _CLEARANCE_MAX[self]

    @classmethod
    def parse(cls, text: str) -> Clearance:
        """Read a clearance name."""
        try:
            return cls(text.strip().lower().replace("_", "-"))
        except ValueError:
            known = ", ".join(c.value for c in cls)
            raise InvalidInput(
                _("unknown clearance {text!r}; expected one of: {known}").format(
                    text=text, known=known
                )
            ) from None


# Reliability status covers protected information up to PROTECTED B; PROTECTED C and classified
# information need a security clearance.
_CLEARANCE_MAX = {
    Clearance.RELIABILITY: Marking.PROTECTED_B,
    Clearance.SECRET: Marking.SECRET,
    Clearance.TOP_SECRET: Marking.TOP_SECRET,
}


class Action(StrEnum):
    """Things a role may be allowed to do."""

    SEARCH = "search"
    READ = "read"
    EXPORT = "export"
    IMPORT = "import"
    MANAGE_USERS = "manage-users"
    READ_AUDIT = "read-audit"
    REQUEST_LOOKOUT = "request-lookout"
    APPROVE = "approve"
    MANAGE_ALERTS = "manage-document-alerts"
    RESOLVE = "resolve"
    PRODUCE = "produce"
    DECIDE_ADMISSIBILITY = "decide-admissibility"
    GRANT_REDRESS = "grant-redress"


_READ = {Action.SEARCH, Action.READ, Action.EXPORT}
# Producing covers the intelligence cycle's work: requirements, tasks, products, case support.
_ANALYSE = _READ | {
    Action.IMPORT,
    Action.REQUEST_LOOKOUT,
    Action.MANAGE_ALERTS,
    Action.RESOLVE,
    Action.PRODUCE,
}
ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.ANALYST: frozenset(_ANALYSE),
    Role.MIGRATION_INTEGRITY_OFFICER: frozenset(_ANALYSE),
    Role.REGIONAL_ANALYST: frozenset(_ANALYSE),
    # An officer decides admissibility on a referral; an analyst refers but does not decide.
    Role.OFFICER: frozenset({Action.SEARCH, Action.READ, Action.DECIDE_ADMISSIBILITY}),
    Role.SUPERVISOR: frozenset(
        _ANALYSE | {Action.APPROVE, Action.DECIDE_ADMISSIBILITY, Action.GRANT_REDRESS}
    ),
    # The privacy and audit officer answers travellers' redress requests.
    Role.AUDITOR: frozenset(_READ | {Action.READ_AUDIT, Action.GRANT_REDRESS}),
    Role.ADMIN: frozenset(_READ | {Action.IMPORT, Action.MANAGE_USERS}),
    Role.PARTNER: frozenset(_READ),
}


@dataclass(frozen=True)
class Reader:
    """A user as the policy sees them."""

    name: str
    role: Role
    clearance: Clearance
    caveats: frozenset[str] = field(default_factory=frozenset)
    compartments: frozenset[str] = field(default_factory=frozenset)
    partner: str | None = None
    language: str = "en"

    def __post_init__(self) -> None:
        if (self.role is Role.PARTNER) != (self.partner is not None):
            raise InvalidInput(_("a partner user needs --partner, and only partner users have one"))

    def may(self, action: Action) -> bool:
        """Whether this reader's role allows ``action``."""
        return action in ROLE_ACTIONS[self.role]

    def require(self, action: Action) -> None:
        """Raise :class:`Forbidden` unless the role allows ``action``."""
        if not self.may(action):
            raise Forbidden(
                _("the role {role} may not {action}").format(
                    role=self.role.value, action=action.value
                )
            )


SYSTEM = "system"
