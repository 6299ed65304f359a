"""Why two records were scored as they were: the prior and each comparison's match weight, in
words and as a waterfall chart (the same decomposition as Splink's waterfall chart, drawn here
as plain SVG so the workspace needs no chart library or network).

A match weight is ``log2(m / u)``: how many times more often the same person's records agree at
that level than two different people's do, as a power of two. The weights add up; the total
becomes a probability through ``2**w / (1 + 2**w)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from vigie.i18n import _

LEVELS: dict[str, Callable[[], str]] = {
    "name.same": lambda: _("the same name words, in any order"),
    "name.sounds": lambda: _("names that sound the same (a transliteration or spelling variant)"),
    "name.subset": lambda: _("every sound of one name is in the other (a name part is missing)"),
    "name.close": lambda: _("names spelt nearly the same"),
    "name.typo": lambda: _("names that sound a typing slip apart"),
    "name.two": lambda: _("two name parts in common"),
    "name.initials": lambda: _(
        "one name part in common and the same initials (a short form or an initial)"
    ),
    "name.one": lambda: _("one name part in common"),
    "name.else": lambda: _("different names"),
    "name.frequency": lambda: _("how common the shared name is (a rare name says more)"),
    "birth.same": lambda: _("the same date of birth"),
    "birth.swapped": lambda: _("the same date of birth with day and month swapped"),
    "birth.year_apart": lambda: _("the same day and month of birth, a year apart"),
    "birth.typo": lambda: _("dates of birth a typing slip apart"),
    "birth.month": lambda: _("the same year and month of birth"),
    "birth.year": lambda: _("the same year of birth"),
    "birth.month_known": lambda: _(
        "the same year and month of birth, one date known only to the month"
    ),
    "birth.year_known": lambda: _("the same year of birth, one date known only to the year"),
    "birth.else": lambda: _("different dates of birth"),
    "nationality.same": lambda: _("the same nationality"),
    "nationality.else": lambda: _("different nationalities"),
    "sex.same": lambda: _("the same sex"),
    "sex.else": lambda: _("different sexes"),
    "document.same": lambda: _("a document number in common"),
    "document.one_edit": lambda: _("document numbers one character apart"),
    "document.else": lambda: _("different document numbers"),
    "contact.phone_email": lambda: _("a phone number and an e-mail address in common"),
    "contact.phone_or_email": lambda: _("a phone number or an e-mail address in common"),
    "contact.address": lambda: _("the same address"),
    "contact.address_most": lambda: _(
        "addresses with most of their words in common (three or more)"
    ),
    "contact.address_close": lambda: _("addresses with four words or more in common"),
    "contact.address_some": lambda: _("addresses with two or three words in common"),
    "contact.else": lambda: _("no phone, e-mail or address in common"),
}

COMPARISONS: dict[str, Callable[[], str]] = {
    "name": lambda: _("name"),
    "birth": lambda: _("date of birth"),
    "nationality": lambda: _("nationality"),
    "sex": lambda: _("sex"),
    "document": lambda: _("document"),
    "contact": lambda: _("phone, e-mail and address"),
}


@dataclass(frozen=True)
class Step:
    """One comparison's part in the score."""

    comparison: str
    level: str
    weight: float

    @property
    def title(self) -> str:
        """The comparison's name in the active language."""
        if self.level == "name.frequency":
            return _("name frequency")
        return COMPARISONS.get(self.comparison, lambda: self.comparison)()

    @property
    def words(self) -> str:
        """The level in words (a missing value says so)."""
        if self.level == "null":
            return _("missing on one side: says nothing")
        return LEVELS.get(self.level, lambda: self.level)()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "comparison": self.comparison,
            "level": self.level,
            "words": self.words,
            "match_weight": round(self.weight, 3),
        }


@dataclass(frozen=True)
class Explanation:
    """The prior and the steps that add up to a pair's match weight."""

    prior: float
    steps: tuple[Step, ...]

    @property
    def match_weight(self) -> float:
        """The total: prior plus every step."""
        return self.prior + sum(s.weight for s in self.steps)

    @property
    def probability(self) -> float:
        """The total as a probability."""
        return probability(self.match_weight)

    def sentence(self) -> str:
        """The explanation in one line of words, strongest evidence first."""
        ordered = sorted(self.steps, key=lambda s: -abs(s.weight))
        parts = [
            _("{words} ({weight:+.1f})").format(words=s.words, weight=s.weight)
            for s in ordered
            if s.level != "null"
        ]
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "prior": round(self.prior, 3),
            "match_weight": round(self.match_weight, 3),
            "probability": round(self.probability, 6),
            "steps": [s.to_dict() for s in self.steps],
            "sentence": self.sentence(),
        }


def probability(weight: float) -> float:
    """A match weight as a probability."""
    return 1.0 / (1.0 + math.pow(2.0, -weight))


def _weight(level: dict[str, Any]) -> float:
    if level.get("is_null_level"):
        return 0.0
    m = float(level.get("m_probability") or 0.0)
    u = float(level.get("u_probability") or 0.0)
    if not m or not u:
        return 0.0
    return math.log2(m / u)


def explain(model: dict[str, Any], levels: Sequence[int], adjustment: float = 0.0) -> Explanation:
    """The explanation of a pair whose comparisons fell in ``levels`` (Splink's comparison
    vector values, in the model's order; -1 is a missing value), with the weight
    ``adjustment`` given for how common the shared name is."""
    lam = float(model["probability_two_random_records_match"])
    prior = math.log2(lam / (1.0 - lam))
    steps: list[Step] = []
    for comparison, value in zip(model["comparisons"], levels, strict=True):
        name = str(comparison["output_column_name"])
        # Splink numbers the levels that are not the null level from the strongest (n - 1)
        # down to the last (0); -1 is the null level.
        ranked = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        if 0 <= value < len(ranked):
            level = ranked[len(ranked) - 1 - value]
            steps.append(Step(name, str(level["label_for_charts"]), _weight(level)))
        else:
            steps.append(Step(name, "null", 0.0))
    if adjustment:
        steps.append(Step("name", "name.frequency", adjustment))
    return Explanation(prior, tuple(steps))


def waterfall_svg(explanation: Explanation, width: int = 560) -> str:
    """The explanation as a waterfall chart: the prior, then each comparison as a bar that moves
    the running total up (green) or down (red), then the final weight."""
    rows: list[tuple[str, float, float, str]] = [(_("prior"), 0.0, explanation.prior, "prior")]
    total = explanation.prior
    for step in explanation.steps:
        rows.append((step.title, total, total + step.weight, "up" if step.weight >= 0 else "down"))
        total += step.weight
    rows.append((_("total"), 0.0, total, "total"))
    values = [v for _label, a, b, _kind in rows for v in (a, b)]
    low, high = min([*values, 0.0]), max([*values, 0.0])
    span = (high - low) or 1.0
    # Room for the longest comparison's name at about 7 px a character in the 12 px font.
    label_width = max(130, 7 * max(len(label) for label, *_rest in rows) + 12)
    bar_height, gap = 18, 6
    plot = width - label_width - 60
    height = len(rows) * (bar_height + gap) + gap

    def x(value: float) -> float:
        return label_width + (value - low) / span * plot

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="waterfall" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(_("Match weight of each comparison"))}">',
        f'<line x1="{x(0):.1f}" y1="0" x2="{x(0):.1f}" y2="{height}" class="axis"/>',
    ]
    for number, (label, start, end, kind) in enumerate(rows):
        top = gap + number * (bar_height + gap)
        left, right = sorted((x(start), x(end)))
        parts.append(
            f'<text x="{label_width - 6}" y="{top + bar_height - 5}" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect class="{kind}" x="{left:.1f}" y="{top}" width="{max(right - left, 1):.1f}" '
            f'height="{bar_height}"/>'
            f'<text x="{right + 4:.1f}" y="{top + bar_height - 5}">{end - start:+.1f}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
