"""Clusters: judgements always win over the model, "not the same" is never bridged, canonical
ids are stable, and the review queue holds only undecided uncertain pairs."""

from __future__ import annotations

from vigie.resolve.cluster import ScoredPair, Verdict, clusters, in_review, pair_key


def test_strong_pairs_join_and_the_smallest_id_is_canonical() -> None:
    pairs = [ScoredPair("b", "c", 0.999), ScoredPair("a", "b", 0.95), ScoredPair("c", "d", 0.5)]
    found = clusters("abcde", pairs, {})
    assert found == {"a": "a", "b": "a", "c": "a", "d": "d", "e": "e"}


def test_a_same_judgement_joins_whatever_the_model_says() -> None:
    found = clusters("ab", [ScoredPair("a", "b", 0.01)], {("a", "b"): Verdict.SAME})
    assert found["a"] == found["b"]


def test_not_the_same_is_never_bridged_by_other_links() -> None:
    # a-b and b-c are strong, but a and c were judged different: the weaker link gives way.
    pairs = [ScoredPair("a", "b", 0.999), ScoredPair("b", "c", 0.95)]
    found = clusters("abc", pairs, {("a", "c"): Verdict.NOT_SAME})
    assert found["a"] == found["b"]
    assert found["c"] != found["a"]


def test_a_judged_pair_is_not_merged_by_the_model() -> None:
    pairs = [ScoredPair("a", "b", 0.999)]
    assert clusters("ab", pairs, {("a", "b"): Verdict.NOT_SAME})["b"] == "b"
    assert clusters("ab", pairs, {("a", "b"): Verdict.UNSURE})["b"] == "b"


def test_pairs_outside_the_readers_entities_are_ignored() -> None:
    found = clusters("ab", [ScoredPair("a", "x", 0.999), ScoredPair("x", "b", 0.999)], {})
    assert found == {"a": "a", "b": "b"}


def test_review_holds_only_undecided_uncertain_pairs() -> None:
    pair = ScoredPair("a", "b", 0.6)
    assert in_review(pair, {}, {})
    assert not in_review(ScoredPair("a", "b", 0.95), {}, {})
    assert not in_review(ScoredPair("a", "b", 0.1), {}, {})
    assert not in_review(pair, {pair_key("b", "a"): Verdict.UNSURE}, {})
    assert not in_review(pair, {}, {"a": "a", "b": "a"})
