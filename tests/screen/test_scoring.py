"""The explained score: each feature's contribution, the thresholds, and the rule that dates,
nationality and sex only support a name that is alike."""

from __future__ import annotations

import pytest

from vigie.screen.scoring import REVIEW, Thresholds, date_ceiling, score
from vigie.screen.subject import Subject

LISTED = Subject(
    ("Muhammad Husayn al-Tikriti", "محمد حسين التكريتي"),
    ("1970-03-05",),
    ("iq",),
    "male",
    ("A1234567",),
    "wl-1",
)


def features(query: Subject) -> dict[str, float]:
    return {c.feature: c.points for c in score(query, LISTED).contributions}


@pytest.mark.parametrize(
    ("birth", "points"),
    [("1970-03-05", 2.5), ("1970", 1.5), ("1970-05-03", 1.5), ("1971-03-05", 1.0)],
)
def test_dates_of_birth_that_agree(birth: str, points: float) -> None:
    assert features(Subject(("Mohamed Hussein Tikriti",), (birth,)))["birth_date"] == points


def test_a_date_years_apart_sinks_a_namesake() -> None:
    child = score(Subject(("Mohamed Hussein al-Tikriti",), ("2005-03-05",)), LISTED)
    assert child.score < Thresholds().review
    assert "dates of birth differ" in child.explanation()


def test_the_same_day_does_not_make_a_match_of_another_name() -> None:
    other = score(Subject(("Mohamed Rahman",), ("1970-03-05",)), LISTED)
    assert other.score < Thresholds().review


def test_a_document_number_is_enough_to_review() -> None:
    found = score(Subject(("John Smith",), (), (), None, ("a1234567",)), LISTED)
    assert found.score >= Thresholds().review
    assert "same document number (A1234567)" in found.explanation()


def test_a_full_match_is_labelled_and_explained() -> None:
    found = score(Subject(("محمد حسين التكريتي",), ("1970-05-03",), ("iq",), "male"), LISTED)
    assert found.match and found.score > 0.95
    words = found.explanation()
    assert "names 100% alike" in words
    assert "day and month swapped" in words
    assert "same nationality (iq)" in words
    assert [c["feature"] for c in found.to_dict()["features"]] == [  # type: ignore[union-attr]
        "name",
        "birth_date",
        "nationality",
        "sex",
    ]


def test_different_sex_and_nationality_count_against() -> None:
    points = features(Subject(("Muhammad Husayn al-Tikriti",), (), ("sy",), "female"))
    assert points["sex"] < 0 and points["nationality"] < 0


def test_thresholds_must_be_ordered() -> None:
    with pytest.raises(ValueError):
        Thresholds(review=0.9, match=0.5)


def test_an_entry_without_a_date_needs_a_near_perfect_name() -> None:
    undated = Subject(("Oksana Oleksandrivna Shevchenko",), entity_id="wl-2")
    namesake = score(Subject(("Oksana Oleksandrivna Lysenko",), ("1970-05-20",)), undated)
    assert namesake.score < Thresholds().review
    assert "no date of birth on the entry" in namesake.explanation()
    same = score(Subject(("Oksana Oleksandrivna Shevchenko",), ("1970-05-20",)), undated)
    assert same.score >= Thresholds().review
    assert "unconfirmed" not in {c.feature for c in same.contributions}


def test_another_document_number_counts_a_little_against() -> None:
    renewed = score(Subject(("Mohamed Hussein Tikriti",), (), (), None, ("B7654321",)), LISTED)
    words = renewed.explanation()
    assert "different document numbers (B7654321 / A1234567)" in words
    assert {c.feature: c.points for c in renewed.contributions}["document"] == -1.0


LISTED_BORN = Subject(
    ("Nguyen Van An", "Nguyễn Văn An"), (), ("vn",), "male", (), "wl-5", "", ("Hải Phòng",)
)


@pytest.mark.parametrize("place", ["Haiphong", "Hai Phong", "HAI PHONG, VIETNAM"])
def test_the_same_place_of_birth_however_spelled_supports_the_name(place: str) -> None:
    found = score(Subject(("Nguyen Van An",), birth_places=(place,)), LISTED_BORN)
    assert {c.feature: c.points for c in found.contributions}["birth_place"] > 0
    assert "same place of birth" in found.explanation()


def test_another_place_of_birth_tells_a_namesake_apart() -> None:
    same = score(Subject(("Nguyen Van An",), (), ("vn",), "male"), LISTED_BORN)
    other = score(
        Subject(("Nguyen Van An",), (), ("vn",), "male", birth_places=("Da Nang",)), LISTED_BORN
    )
    assert other.score < same.score
    assert "places of birth differ (Da Nang / Hải Phòng)" in other.explanation()


def test_dates_apart_keep_any_comparison_below_the_review_threshold() -> None:
    # The index reads only the entries a date of birth leaves a chance (``date_ceiling``):
    # whatever else agrees, a date apart must keep a comparison below the default threshold.
    assert date_ceiling() < REVIEW


def test_the_explanation_says_what_vouches_for_a_name_part() -> None:
    found = score(Subject(("Jewgeni Hussein",)), Subject(("Yevgeny Husayn",), entity_id="x"))
    words = found.explanation()
    assert "hussein ≈ husayn (100%, a listed spelling variant)" in words
    assert "jewgeni ≈ yevgeny (100%, one name in Wikidata's name tables)" in words


UNDATED = Subject(("Karim Haddad",), (), ("lb",), "male", entity_id="wl-2", listed="2018-06-01")


@pytest.mark.parametrize(
    ("birth", "words"),
    [
        ("2019-02-11", "not yet born when the entry was listed (2018-06-01)"),
        ("2010-09-30", "aged 7 when the entry was listed (2018-06-01)"),
    ],
)
def test_a_child_when_an_undated_entry_was_listed_is_not_raised(birth: str, words: str) -> None:
    child = score(Subject(("Karim Haddad",), (birth,), ("lb",), "male"), UNDATED)
    assert child.score < REVIEW
    assert words in child.explanation()


def test_age_at_listing_counts_only_what_a_child_could_not_have_done() -> None:
    adult = score(Subject(("Karim Haddad",), ("1980-01-01",), ("lb",), "male"), UNDATED)
    assert adult.score >= REVIEW
    assert "listing" not in {c.feature for c in adult.contributions}
    # Fourteen at the listing counts a little against, not enough to hide the name.
    young = score(Subject(("Karim Haddad",), ("2004-01-01",), ("lb",), "male"), UNDATED)
    assert [c.points for c in young.contributions if c.feature == "listing"] == [-1.5]
    assert young.score >= REVIEW
    # An entry's own date of birth says more than the day it was listed.
    # A partial day of listing is read as its last day: born in 2010, one may be a child then.
    listed_2010 = Subject(("Karim Haddad",), entity_id="wl-4", listed="2010")
    baby = score(Subject(("Karim Haddad",), ("2010-05-01",)), listed_2010)
    assert [c.points for c in baby.contributions if c.feature == "listing"] == [-4.0]
    dated = Subject(("Karim Haddad",), ("2010-01-01",), entity_id="wl-3", listed="2018-06-01")
    same = score(Subject(("Karim Haddad",), ("2010-01-01",), ("lb",), "male"), dated)
    assert "listing" not in {c.feature for c in same.contributions}
