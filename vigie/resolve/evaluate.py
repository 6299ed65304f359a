"""Scoring a resolution against ground truth: pairwise and cluster precision, recall and F1.

*Pairwise*: every two records put in one cluster is a predicted pair; a true pair is two
records of the same true person. *Cluster*: a predicted cluster counts as right when it holds
exactly the records of one true person (precision over predicted clusters, recall over true
ones). Only records present in both the prediction and the truth are scored, so a reader who
sees part of the store is scored on that part.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from vigie.errors import InvalidInput
from vigie.i18n import _


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one measure."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def to_dict(self) -> dict[str, float]:
        """A JSON-ready form, rounded to four places."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Evaluation:
    """Pairwise and cluster scores, and what was scored."""

    pairwise: Score
    cluster: Score
    records: int
    true_pairs: int
    predicted_pairs: int

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {
            "records": self.records,
            "true_pairs": self.true_pairs,
            "predicted_pairs": self.predicted_pairs,
            "pairwise": self.pairwise.to_dict(),
            "cluster": self.cluster.to_dict(),
        }


def _groups(assignment: Mapping[str, str]) -> dict[str, frozenset[str]]:
    grouped: dict[str, set[str]] = defaultdict(set)
    for entity, group in assignment.items():
        grouped[group].add(entity)
    return {g: frozenset(m) for g, m in grouped.items()}


def _pair_count(groups: Iterable[frozenset[str]]) -> int:
    return sum(len(g) * (len(g) - 1) // 2 for g in groups)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def evaluate(predicted: Mapping[str, str], truth: Mapping[str, str]) -> Evaluation:
    """Score ``predicted`` (entity id → cluster id) against ``truth`` (entity id → true
    person) over the entities both name."""
    common = predicted.keys() & truth.keys()
    guess = _groups({e: predicted[e] for e in common})
    real = _groups({e: truth[e] for e in common})
    together = 0
    for members in guess.values():
        counts: dict[str, int] = defaultdict(int)
        for entity in members:
            counts[truth[entity]] += 1
        together += sum(n * (n - 1) // 2 for n in counts.values())
    predicted_pairs = _pair_count(guess.values())
    true_pairs = _pair_count(real.values())
    exact = set(guess.values()) & set(real.values())
    return Evaluation(
        pairwise=Score(_ratio(together, predicted_pairs), _ratio(together, true_pairs)),
        cluster=Score(_ratio(len(exact), len(guess)), _ratio(len(exact), len(real))),
        records=len(common),
        true_pairs=true_pairs,
        predicted_pairs=predicted_pairs,
    )


def read_truth(path: Path) -> dict[str, str]:
    """The ``persons`` section of a world's ``truth.json`` (entity id → true person), or a
    plain JSON object of the same shape."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidInput(
            _("{path}: cannot read the truth file ({reason})").format(path=path, reason=exc)
        ) from None
    persons = data.get("persons", data) if isinstance(data, dict) else None
    if not isinstance(persons, dict) or not all(isinstance(v, str) for v in persons.values()):
        raise InvalidInput(
            _("{path}: expected an object mapping entity ids to true person ids").format(path=path)
        )
    return {str(k): v for k, v in persons.items()}


@dataclass(frozen=True)
class JudgedEvaluation:
    """The model against analysts' judgements: of the pairs judged *the same* or *not the
    same*, how many the model merges on its own and how many it sends to review."""

    judged_same: int
    judged_apart: int
    merged_same: int
    merged_apart: int
    review_same: int
    review_apart: int

    @property
    def score(self) -> Score:
        """Pairwise precision (of the judged pairs the model merges, the share judged the
        same) and recall (of the pairs judged the same, the share the model merges)."""
        merged = self.merged_same + self.merged_apart
        return Score(_ratio(self.merged_same, merged), _ratio(self.merged_same, self.judged_same))

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form (no scores when nobody judged a pair the same or not the same)."""
        judged = self.judged_same + self.judged_apart
        return {
            "judged_same": self.judged_same,
            "judged_not_same": self.judged_apart,
            "merged": {"same": self.merged_same, "not_same": self.merged_apart},
            "in_review": {"same": self.review_same, "not_same": self.review_apart},
            "pairwise": self.score.to_dict() if judged else None,
        }


def against_judgements(
    probabilities: Mapping[tuple[str, str], float],
    same: Iterable[tuple[str, str]],
    apart: Iterable[tuple[str, str]],
    merge: float,
    review: float,
) -> JudgedEvaluation:
    """Score the model's pairwise decisions against judged pairs. ``probabilities`` holds the
    model's probability of each pair it kept (a pair it did not keep scored below ``review``);
    ``same`` and ``apart`` the pairs judged the same and not the same."""

    def tally(pairs: Iterable[tuple[str, str]]) -> tuple[int, int, int]:
        found = [probabilities.get(p, 0.0) for p in pairs]
        merged = sum(p >= merge for p in found)
        return len(found), merged, sum(review <= p < merge for p in found)

    judged_same, merged_same, review_same = tally(same)
    judged_apart, merged_apart, review_apart = tally(apart)
    return JudgedEvaluation(
        judged_same, judged_apart, merged_same, merged_apart, review_same, review_apart
    )
