"""Evaluation: pairwise and cluster precision, recall and F1 on a worked example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vigie.errors import InvalidInput
from vigie.resolve.evaluate import against_judgements, evaluate, read_truth


def test_scores_of_a_worked_example() -> None:
    truth = {"a": "p1", "b": "p1", "c": "p1", "d": "p2", "e": "p3"}
    # Predicted: {a, b}, {c, d}, {e}. True pairs: ab, ac, bc (3); predicted: ab, cd (2).
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "z", "unknown": "w"}
    found = evaluate(predicted, truth)
    assert found.records == 5
    assert (found.true_pairs, found.predicted_pairs) == (3, 2)
    assert found.pairwise.precision == pytest.approx(0.5)
    assert found.pairwise.recall == pytest.approx(1 / 3)
    assert found.pairwise.f1 == pytest.approx(0.4)
    # Only {e} is exactly a true person: 1 of 3 predicted clusters, 1 of 3 true ones.
    assert found.cluster.precision == pytest.approx(1 / 3)
    assert found.cluster.recall == pytest.approx(1 / 3)


def test_a_perfect_resolution_scores_one() -> None:
    truth = {"a": "p1", "b": "p1", "c": "p2"}
    found = evaluate({"a": "a", "b": "a", "c": "c"}, truth)
    assert found.pairwise.f1 == found.cluster.f1 == 1.0


def test_truth_files(tmp_path: Path) -> None:
    world = tmp_path / "truth.json"
    world.write_text(json.dumps({"persons": {"a": "p1"}, "networks": {}}))
    assert read_truth(world) == {"a": "p1"}
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps({"a": "p1"}))
    assert read_truth(plain) == {"a": "p1"}
    broken = tmp_path / "broken.json"
    broken.write_text("[1, 2]")
    with pytest.raises(InvalidInput, match=r"broken\.json"):
        read_truth(broken)
    with pytest.raises(InvalidInput, match=r"missing\.json"):
        read_truth(tmp_path / "missing.json")


def test_the_model_against_judgements() -> None:
    probabilities = {("a", "b"): 0.99, ("c", "d"): 0.5, ("e", "f"): 0.95}
    found = against_judgements(
        probabilities,
        same=[("a", "b"), ("c", "d"), ("g", "h")],
        apart=[("e", "f")],
        merge=0.9,
        review=0.3,
    )
    assert (found.judged_same, found.judged_apart) == (3, 1)
    assert (found.merged_same, found.merged_apart, found.review_same) == (1, 1, 1)
    assert found.score.precision == 0.5
    assert found.score.recall == 1 / 3
    assert found.to_dict()["in_review"] == {"same": 1, "not_same": 0}


def test_no_judgement_gives_no_score() -> None:
    found = against_judgements({("a", "b"): 0.99}, same=[], apart=[], merge=0.9, review=0.3)
    assert found.to_dict()["pairwise"] is None
