"""Clusters: judgements always win over the model, "not the same" is never bridged, canonical
ids are stable, and the review queue holds only undecided uncertain pairs."""

from __future__ import annotations

from vigie.resolve.cluster import (
    ScoredPair,
    Verdict,
    births_agree,
    clusters,
    in_review,
    pair_key,
)


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


def test_the_model_never_joins_clusters_whose_births_all_disagree() -> None:
    # A record with only a name resembles two namesakes born years apart: it joins the more
    # likely one, and the other stays a person of their own.
    pairs = [ScoredPair("hub", "x", 0.97), ScoredPair("hub", "y", 0.95)]
    births = {"x": "1980-01-02", "y": "1991-07-30"}
    found = clusters(["hub", "x", "y"], pairs, {}, births=births)
    assert found["hub"] == found["x"] != found["y"]
    # An analyst may still join them.
    judged = clusters(["hub", "x", "y"], pairs, {("x", "y"): Verdict.SAME}, births=births)
    assert judged["x"] == judged["y"]


def test_births_that_could_be_the_same_persons() -> None:
    assert births_agree("1990-07-03", "1990-07-03")
    assert births_agree("1990-07-03", "1990-03-07")
    assert births_agree("1990-07-03", "1991-07-03")
    assert births_agree("1990-07-03", "1990-07-08")
    assert births_agree("1990-07-13", "1990-07-31")
    assert births_agree("1942-07-04", "1940-27-04")
    assert not births_agree("1990-07-03", "1975-11-21")
    assert not births_agree("1990-07-03", "1985-07-03")
