"""The grounds of inadmissibility under the Immigration and Refugee Protection Act (IRPA) that a
referral may name, and the FollowTheMoney topics that suggest one.

A suggestion is only a prompt for the person writing the referral: it names the topic that
raised it, is never selected for them, and no ground is ever decided by Vigie.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from vigie.errors import InvalidInput
from vigie.i18n import _


class Ground(StrEnum):
    """A ground of inadmissibility, by its short code."""

    SECURITY = "security"
    HUMAN_RIGHTS = "human-rights"
    SERIOUS_CRIMINALITY = "serious-criminality"
    CRIMINALITY = "criminality"
    ORGANIZED_CRIMINALITY = "organized-criminality"
    HEALTH = "health"
    FINANCIAL = "financial"
    MISREPRESENTATION = "misrepresentation"
    NON_COMPLIANCE = "non-compliance"

    @property
    def section(self) -> str:
        """The section of the Act, as officers cite it."""
        return _SECTIONS[self]

    @property
    def label(self) -> str:
        """The ground in words, in the reader's language."""
        return {
            Ground.SECURITY: _("Security"),
            Ground.HUMAN_RIGHTS: _("Human or international rights violations"),
            Ground.SERIOUS_CRIMINALITY: _("Serious criminality"),
            Ground.CRIMINALITY: _("Criminality"),
            Ground.ORGANIZED_CRIMINALITY: _("Organized criminality"),
            Ground.HEALTH: _("Health grounds"),
            Ground.FINANCIAL: _("Financial reasons"),
            Ground.MISREPRESENTATION: _("Misrepresentation"),
            Ground.NON_COMPLIANCE: _("Non-compliance with the Act"),
        }[self]

    @classmethod
    def parse(cls, text: str) -> Ground:
        """Read a ground's code."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            known = ", ".join(g.value for g in cls)
            raise InvalidInput(
                _("unknown ground {text!r}; expected one of: {known}").format(
                    text=text, known=known
                )
            ) from None


_SECTIONS = {
    Ground.SECURITY: "s. 34",
    Ground.HUMAN_RIGHTS: "s. 35",
    Ground.SERIOUS_CRIMINALITY: "s. 36(1)",
    Ground.CRIMINALITY: "s. 36(2)",
    Ground.ORGANIZED_CRIMINALITY: "s. 37",
    Ground.HEALTH: "s. 38",
    Ground.FINANCIAL: "s. 39",
    Ground.MISREPRESENTATION: "s. 40",
    Ground.NON_COMPLIANCE: "s. 41",
}

# FtM topics (as OpenSanctions and Vigie's lookouts set them) that point at a ground. The more
# specific crime topics come before the general one, which only suggests serious criminality.
_TOPICS = {
    "crime.terror": Ground.SECURITY,
    "role.spy": Ground.SECURITY,
    "crime.war": Ground.HUMAN_RIGHTS,
    "sanction": Ground.HUMAN_RIGHTS,
    "sanction.linked": Ground.HUMAN_RIGHTS,
    "crime.traffick": Ground.ORGANIZED_CRIMINALITY,
    "crime.boss": Ground.ORGANIZED_CRIMINALITY,
    "crime.fin": Ground.ORGANIZED_CRIMINALITY,
    "crime.fraud": Ground.SERIOUS_CRIMINALITY,
    "crime": Ground.SERIOUS_CRIMINALITY,
    "wanted": Ground.SERIOUS_CRIMINALITY,
}


@dataclass(frozen=True)
class Suggestion:
    """A ground a topic of the entity points at, and the topic."""

    ground: Ground
    topic: str


def suggest(topics: Iterable[str]) -> list[Suggestion]:
    """The grounds these topics point at, one per ground (the first topic that raised it), in
    the Act's order."""
    found: dict[Ground, str] = {}
    for topic in sorted(set(topics)):
        ground = _TOPICS.get(topic)
        if ground is not None:
            found.setdefault(ground, topic)
    return [Suggestion(g, found[g]) for g in Ground if g in found]
