"""How common a name is: the share of a known population that bears its parts.

Two records named Wang Li say much less than two named Oluwatoyin Adeyemi-Okafor: thousands
of people are called Wang Li. When nothing else (a date of birth, a document) can tell
namesakes apart, a match on a common name must weigh less than a match on a rare one. The
population is what Vigie knows: the names of the entries screened against and of the persons
screened (travellers, applicants). It counts people, not records: one traveller is on many
passenger lists, and a listed person who travels often must not make their own name look
common; records with the same name parts and date of birth are taken for one person.

The chance that a stranger bears the matched name is taken as the larger of two estimates: the
product of the shares of its parts (parts chosen independently), and the share of people who
bear all of them together (parts that travel together, as Chinese family and given names of a
few hundred syllables do, are more common together than their product says).

Each reader's screening index holds the table of what that reader may see
(``vigie.screen.service.screener``): a table counted over facts a reader may not see would
tell them something about those facts.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from vigie.screen.names import PARTICLES, Role, Token
from vigie.screen.subject import Subject
from vigie.screen.variants import canonical

# A population smaller than this says too little about how common a name is: no table.
MIN_PEOPLE = 1000


@dataclass(frozen=True)
class Commonness:
    """Counts of name parts (and of whole names, their parts sorted) over ``people`` persons."""

    parts: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    people: int = 0

    @classmethod
    def of(cls, population: Iterable[Subject]) -> Commonness:
        """Count the name parts of a population of records (see the module docstring)."""
        seen: set[tuple[str, str]] = set()
        parts: Counter[str] = Counter()
        names: Counter[str] = Counter()
        people = 0
        for subject in population:
            wholes = {_whole(w) for tokens in subject.parsed if (w := _words(tokens))}
            if not wholes:
                continue
            born = min(subject.birth_dates, default="")
            person = {(whole, born) for whole in wholes}
            if person & seen:
                continue
            seen |= person
            people += 1
            parts.update({word for whole in wholes for word in whole.split()})
            names.update(wholes)
        return cls(parts, names, people)

    def share(self, part: str) -> float:
        """The share of the population bearing ``part`` besides the one person compared
        (smoothed: one half of a person for a part nobody else bears)."""
        return (max(self.parts.get(canonical(part), 0) - 1, 0) + 0.5) / (self.people + 1)

    def chance(self, parts: Iterable[str]) -> float | None:
        """The chance that a stranger bears every one of ``parts``, or ``None`` without a
        population large enough to tell. The person compared is one of the population (the
        traveller, or the listed person, is known): they are not counted as their own
        namesake."""
        words = sorted(canonical(p) for p in parts)
        if not words or self.people < MIN_PEOPLE:
            return None
        # A part borne twice (Joseph Joseph, Santos Santos) is drawn twice: its share counts
        # once for each.
        product = math.prod(self.share(w) for w in words)
        together = max(self.names.get(_whole(words), 0) - 1, 0) / (self.people + 1)
        return max(product, together)


# Vietnamese middle names that say the bearer's sex, as Singh and Kaur do (those are
# particles): half of a Vietnamese population bears one, so they tell namesakes apart no better.
_SEX_MIDDLES = frozenset(("van", "thi"))


def counted(part: str) -> bool:
    """Whether a name part tells namesakes apart, and so is counted: not an initial, a
    particle (Singh and Kaur among them) or a Vietnamese middle name that says the sex. The
    table and the parts it is asked about are read alike."""
    return len(part) > 1 and part not in PARTICLES and part not in _SEX_MIDDLES


def _words(tokens: tuple[Token, ...]) -> list[str]:
    # Given and family names only: particles, initials and patronymic endings say little.
    return sorted({t.canon for t in tokens if t.role is Role.NAME and counted(t.text)})


def _whole(words: Iterable[str]) -> str:
    return " ".join(sorted(set(words)))
