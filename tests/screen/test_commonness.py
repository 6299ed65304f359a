"""How common a name is, and what that does to a score when nothing else confirms it."""

from __future__ import annotations

import pytest

from vigie.screen.commonness import Commonness
from vigie.screen.scoring import score
from vigie.screen.subject import Subject


def population() -> list[Subject]:
    # 400 distinct people called Wang Li, 2,000 others of rare names, and one traveller seen
    # on 50 passenger lists (records of one person, not 50 people).
    wangs = [Subject(("Wang Li",), (f"{1950 + i % 50}-01-{1 + i // 50:02d}",)) for i in range(400)]
    others = [Subject((f"Person{i} Family{i}",), ("1980-01-01",)) for i in range(2000)]
    frequent = [Subject(("Oluwatoyin Adeyemi",), ("1975-06-01",)) for _ in range(50)]
    return wangs + others + frequent


@pytest.fixture
def table() -> Commonness:
    return Commonness.of(population())


def test_people_are_counted_not_records(table: Commonness) -> None:
    assert table.people == 400 + 2000 + 1
    assert table.parts["oluwatoyin"] == 1
    assert table.parts["wang"] == 400


def test_chance_of_a_common_name_is_higher_than_of_a_rare_one(table: Commonness) -> None:
    common = table.chance(["wang", "li"])
    rare = table.chance(["oluwatoyin", "adeyemi"])
    assert common is not None and rare is not None
    # Family and given name travel together: their joint share, not the product of shares.
    assert common == pytest.approx(399 / (table.people + 1))
    assert rare < common / 100


def test_a_part_borne_twice_counts_twice(table: Commonness) -> None:
    # Wang Wang is not as common as Wang: two draws of a part borne by a sixth of the people.
    twice = table.chance(["wang", "wang"])
    once = table.chance(["wang"])
    assert twice is not None and once is not None
    assert twice == pytest.approx(once**2)


def test_a_small_population_says_nothing() -> None:
    assert Commonness.of(population()[:10]).chance(["wang"]) is None


def test_a_common_name_without_a_date_weighs_less(table: Commonness) -> None:
    traveller = Subject(("Wang Li",), ("1985-04-02",))
    wang = score(traveller, Subject(("Wang Li",), entity_id="wl-1"), table=table)
    rare = score(
        Subject(("Oluwatoyin Adeyemi",), ("1985-04-02",)),
        Subject(("Oluwatoyin Adeyemi",), entity_id="wl-2"),
        table=table,
    )
    assert wang.score < 0.5 < rare.score
    assert "how common the name is" in wang.explanation()
    assert "common_name" not in {c.feature for c in rare.contributions}


def test_the_same_date_of_birth_tells_namesakes_apart(table: Commonness) -> None:
    traveller = Subject(("Wang Li",), ("1985-04-02",))
    listed = Subject(("Wang Li",), ("1985-04-02",), entity_id="wl-1")
    assert score(traveller, listed, table=table).score > 0.9


def test_without_a_population_commonness_is_not_weighed(table: Commonness) -> None:
    traveller = Subject(("Wang Li",), ("1985-04-02",))
    listed = Subject(("Wang Li",), entity_id="wl-1")
    plain = score(traveller, listed)
    weighed = score(traveller, listed, table=table)
    assert weighed.score < 0.5 < plain.score
    assert "common_name" not in {c.feature for c in plain.contributions}


def test_the_same_place_of_birth_narrows_the_namesakes() -> None:
    # Five Amina Haddads among 2,000 others: common enough to weigh, not beyond the floor.
    people = population()[400:2400] + [
        Subject(("Amina Haddad",), (f"19{60 + i}-01-01",)) for i in range(5)
    ]
    table = Commonness.of(people)
    listed = Subject(("Amina Haddad",), entity_id="wl-1", birth_places=("Tripoli",))
    anywhere = score(Subject(("Amina Haddad",), ("1985-04-02",)), listed, table=table)
    there = score(
        Subject(("Amina Haddad",), ("1985-04-02",), birth_places=("Tripoli",)), listed, table=table
    )
    common = [
        {c.feature: c.points for c in found.contributions}["common_name"]
        for found in (anywhere, there)
    ]
    assert common[0] < common[1] < 0
    assert there.score > anywhere.score


def test_vietnamese_middle_names_that_say_the_sex_do_not_make_a_name_rarer() -> None:
    # Half of the Nguyen women are Nguyen Thi, half of the men Nguyen Van: as Singh and Kaur,
    # Thi and Van tell namesakes apart no better, in the table and in the parts it is asked.
    people = population()[400:2400] + [
        Subject((name,), (f"{1950 + i % 50}-01-{1 + i // 50:02d}",))
        for name in ("Nguyen Thi Hoa", "Nguyen Van Hung")
        for i in range(600)
    ]
    table = Commonness.of(people)
    assert table.parts["thi"] == table.parts["van"] == 0
    for name in ("Nguyen Thi Hoa", "Nguyen Van Hung"):
        found = score(
            Subject((name,), ("1985-04-02",)), Subject((name,), entity_id="wl-1"), table=table
        )
        common = {c.feature: c.points for c in found.contributions}.get("common_name", 0.0)
        assert common < -3, name
