"""A screening score: the features' log-odds points summed and squashed into [0, 1], with the
explanation an officer reads. The thresholds are settings, not constants of the algorithm."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from vigie.i18n import _
from vigie.screen.commonness import Commonness
from vigie.screen.features import (
    FAR_BIRTH,
    FEATURES,
    MOST_BESIDES,
    NAME_OFFSET,
    NAME_SLOPE,
    OTHER_DAY,
    Contribution,
    best_names,
    common_name,
    name,
    unconfirmed,
)
from vigie.screen.subject import Subject

# Defaults of ``Thresholds``: a hit at or above REVIEW is shown to an officer, at or above MATCH
# it is labelled a likely match. Neither decides anything.
REVIEW = 0.5
MATCH = 0.8
# Points before any feature: none, the name feature carries the prior.
PRIOR = 0.0
# Features whose agreement only supports a name: scaled from nothing at a name similarity of
# SUPPORT_FROM to in full at SUPPORT_FULL.
SUPPORTING = frozenset({"birth_date", "nationality", "sex", "birth_place"})
SUPPORT_FROM = 0.6
SUPPORT_FULL = 0.85


@dataclass(frozen=True)
class Thresholds:
    """Where a score becomes a hit worth reviewing, and where it is labelled a match."""

    review: float = REVIEW
    match: float = MATCH

    def __post_init__(self) -> None:
        if not 0.0 <= self.review <= self.match <= 1.0:
            raise ValueError(_("thresholds must satisfy 0 ≤ review ≤ match ≤ 1"))


@dataclass(frozen=True)
class Score:
    """A scored comparison of a subject with one entry."""

    entity_id: str
    caption: str
    score: float
    match: bool
    contributions: tuple[Contribution, ...]

    def explanation(self) -> str:
        """The contributions in plain words, strongest first."""
        ordered = sorted(self.contributions, key=lambda c: -abs(c.points))
        return "; ".join(f"{c.detail} ({c.points:+.1f})" for c in ordered)

    def to_dict(self) -> dict[str, object]:
        """The batch output's form of a hit."""
        return {
            "entity_id": self.entity_id,
            "score": round(self.score, 4),
            "match": self.match,
            "explanation": self.explanation(),
            "features": [c.to_dict() for c in self.contributions],
        }


def squash(points: float) -> float:
    """Log-odds points as a probability-like score in [0, 1]."""
    return 1.0 / (1.0 + math.exp(-points))


def date_ceiling() -> float:
    """The highest score a comparison can reach when the dates of birth disagree (more than a
    year apart, or another day of the same year) and no document number is shared: the index
    skips such entries when it is below the review threshold."""
    return squash(PRIOR + MOST_BESIDES + max(FAR_BIRTH, OTHER_DAY))


def _support(similarity: float) -> float:
    # Dates of birth, nationality and sex that agree support a name that is alike, but do not
    # make a match of a name that is not: namesakes share birthdays by chance.
    return min(1.0, max(0.0, (similarity - SUPPORT_FROM) / (SUPPORT_FULL - SUPPORT_FROM)))


def score(
    query: Subject,
    entry: Subject,
    thresholds: Thresholds = Thresholds(),
    table: Commonness | None = None,
) -> Score:
    """Compare ``query`` with ``entry`` on every feature (see ``vigie.screen.features``);
    ``table`` is the population that says how common names are (without one, how common a
    name is is not weighed)."""
    found = score_above(query, entry, thresholds, floor=0.0, table=table)
    assert found is not None
    return found


def score_above(
    query: Subject,
    entry: Subject,
    thresholds: Thresholds,
    floor: float,
    table: Commonness | None = None,
) -> Score | None:
    """The score of ``query`` against ``entry``, or ``None`` when it cannot reach ``floor``
    whatever the names: the other features are compared first, and the names (the costly
    part) only when a perfect name would lift the score to ``floor``. How common names are
    comes from ``table`` (not weighed without one)."""
    others = [c for feature in FEATURES if (c := feature(query, entry)) is not None]
    ceiling = PRIOR + NAME_OFFSET + NAME_SLOPE + sum(c.points for c in others)
    if squash(ceiling) < floor:
        return None
    names = best_names(query, entry)
    support = _support(names.score)
    contributions = [name(names)]
    if query.birth_dates and not entry.birth_dates and names.score < 1.0:
        contributions.append(unconfirmed(names.score))
    dates = next((c for c in others if c.feature == "birth_date"), None)
    place = next((c for c in others if c.feature == "birth_place"), None)
    shared_document = any(c.feature == "document" and c.points > 0 for c in others)
    if table is not None and not shared_document:
        common = common_name(names, table, dates, place)
        if common is not None:
            contributions.append(common)
    for found in others:
        if found.feature in SUPPORTING and found.points > 0:
            found = replace(found, points=found.points * support)
        contributions.append(found)
    value = squash(PRIOR + sum(c.points for c in contributions))
    return Score(
        entry.entity_id, entry.caption, value, value >= thresholds.match, tuple(contributions)
    )
