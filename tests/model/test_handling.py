from __future__ import annotations

import pytest

from vigie.errors import InvalidInput
from vigie.model.grading import Grading
from vigie.model.handling import Handling, Marking, combine


def test_markings_are_ordered_and_parse_from_labels() -> None:
    order = [
        Marking.parse(m)
        for m in (
            "unclassified",
            "Protected A",
            "PROTECTED-B",
            "protected c",
            "CONFIDENTIAL",
            "secret",
            "Top Secret",
        )
    ]
    assert order == sorted(order)
    assert [m.label for m in order][-1] == "TOP SECRET"
    with pytest.raises(InvalidInput, match="unknown marking"):
        Marking.parse("RESTRICTED")


def test_handling_cleans_labels_and_builds_a_banner() -> None:
    h = Handling.make("secret", ["canadian eyes only"], ["fvey-uk"], ["op-x"])
    assert h.caveats == {"CANADIAN EYES ONLY"}
    assert h.banner == "SECRET // CANADIAN EYES ONLY // OP-X // REL FVEY-UK"
    with pytest.raises(InvalidInput, match="invalid caveat"):
        Handling.make("secret", ["bad|label"])


def test_combined_handling_takes_the_highest_marking_and_the_common_partners() -> None:
    a = Handling.make("protected b", releasable_to=["FVEY-UK", "FVEY-US"])
    b = Handling.make("secret", ["LAW ENFORCEMENT ONLY"], ["FVEY-UK"])
    both = combine([a, b])
    assert both.marking is Marking.SECRET
    assert both.caveats == {"LAW ENFORCEMENT ONLY"}
    assert both.releasable_to == {"FVEY-UK"}
    assert combine([]) == Handling()


def test_handling_key_is_canonical() -> None:
    a = Handling.make("secret", ["B", "A"])
    b = Handling.make("SECRET", ["a", "b"])
    assert a.key == b.key


def test_grading_codes_round_trip_and_reject_bad_input() -> None:
    assert Grading.make("b", 2).code == "B2"
    assert Grading.from_code("F6") == Grading()
    for bad in ("G1", "A7", "A", "AA"):
        with pytest.raises(InvalidInput):
            Grading.from_code(bad)
