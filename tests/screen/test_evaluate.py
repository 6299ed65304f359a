"""The world evaluation's count of what officers see once they have cleared false positives."""

from __future__ import annotations

from vigie.screen.evaluate import WorldTruth, evaluate_world
from vigie.screen.index import Index
from vigie.screen.subject import Subject


def _traveller(name: str, birth_date: str) -> Subject:
    return Subject((name,), (birth_date,), ("af",), "male")


def test_a_cleared_traveller_is_not_raised_again_and_may_hide_a_namesake() -> None:
    # An entry without a date of birth: every Ahmad Karimi is raised against it.
    entry = Subject(("Ahmad Karimi",), nationalities=("af",), sex="male", entity_id="wl-1")
    others = [Subject((f"Person{i} Other{i}",), entity_id=f"wl-{i + 2}") for i in range(3)]
    batch = [
        # A namesake, raised and cleared; then the same person on a passenger list.
        ("app-1", _traveller("Ahmad Karimi", "1990-01-01")),
        ("pax-1", _traveller("AHMAD KARIMI", "1990-01-01")),
        # The listed person, born another day: raised.
        ("app-2", _traveller("Ahmad Karimi", "1985-05-05")),
        # The listed person again, by the truth, with the cleared namesake's name and date.
        ("app-3", _traveller("Ahmad Karimi", "1990-01-01")),
    ]
    truth = WorldTruth(
        frozenset({("app-2", "wl-1"), ("app-3", "wl-1")}),
        {"app-1": "tp-1", "pax-1": "tp-1", "app-2": "tp-2", "app-3": "tp-3"},
        {"tp-1": "persian", "tp-2": "persian", "tp-3": "persian"},
    )
    report = evaluate_world(batch, Index([entry, *others]), truth)
    assert (report.overall.false_hits, report.overall.found) == (2, 2)
    remembered = report.remembered
    assert remembered is not None
    assert (remembered.false_hits, remembered.found, remembered.missed) == (1, 1, 1)
    assert report.to_dict()["remembered"] == remembered.to_dict()
