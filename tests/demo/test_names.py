"""The curated name data and the country tables behind the synthetic world."""

from __future__ import annotations

import random
import unicodedata

import pytest

from tests.demo.test_world import SCRIPT_NAMES
from vigie.demo import geo
from vigie.demo.names import Origin, Part, Spelling, Style, make_name, native_full, origins, spell
from vigie.documents.mrz import icao_transliterate

LATIN_PUNCTUATION = set(" -'.")


def parts(origin: Origin) -> list[Part]:
    pools = [
        origin.male,
        origin.female,
        origin.family,
        origin.middle_male,
        origin.middle_female,
        origin.female_family,
    ]
    found = [p for pool in pools if pool is not None for p in pool.items]
    found += [x for p in found for x in (p.sons, p.daughters, p.feminine) if x is not None]
    return found


def test_many_origins_from_many_scripts() -> None:
    everyone = origins()
    assert len(everyone) >= 20
    assert {o.script for o in everyone} == {"Latn", *SCRIPT_NAMES}
    keys = {o.key for o in everyone}
    for required in (
        "arabic",
        "persian",
        "hindi",
        "urdu",
        "bengali",
        "punjabi",
        "chinese",
        "russian",
        "ukrainian",
        "spanish",
        "portuguese",
        "yoruba",
        "igbo",
        "hausa",
        "akan",
        "wolof",
        "turkish",
        "vietnamese",
        "haitian",
        "english",
        "korean",
        "somali",
        "amharic",
        "tamil",
    ):
        assert required in keys


@pytest.mark.parametrize("origin", origins(), ids=lambda o: o.key)
def test_native_forms_are_in_the_origin_script(origin: Origin) -> None:
    for part in parts(origin):
        for char in part.native:
            if char in LATIN_PUNCTUATION:
                continue
            name = unicodedata.name(char)
            if origin.script == "Latn":
                assert name.startswith("LATIN") or unicodedata.combining(char), part.native
            else:
                assert name.startswith(SCRIPT_NAMES[origin.script]), (part.native, name)


@pytest.mark.parametrize("origin", origins(), ids=lambda o: o.key)
def test_latin_spellings_are_latin_and_fit_a_passport(origin: Origin) -> None:
    for part in parts(origin):
        assert part.latin
        for spelling in part.latin:
            assert all(
                c in LATIN_PUNCTUATION
                or unicodedata.name(c).startswith("LATIN")
                or unicodedata.combining(c)
                for c in spelling
            ), spelling
            coded = icao_transliterate(spelling)
            assert coded and set(coded) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ<"), spelling


def test_common_names_have_curated_variants() -> None:
    by_key = {o.key: o for o in origins()}
    arabic_male = {p.native: p.latin for p in by_key["arabic"].male.items}
    assert {"Muhammad", "Mohammed", "Mohamed", "Mohamad"} <= set(arabic_male["محمد"])
    assert {"Hussein", "Husayn", "Hussain"} <= set(arabic_male["حسين"])
    families = {p.native: p.latin for p in by_key["arabic"].family.items}  # type: ignore[union-attr]
    assert {"Al-Rashid", "Ar-Rashid", "Al Rashid", "Alrashid", "El-Rashid", "Rashid"} <= set(
        families["الرشيد"]
    )
    assert "Ash-Shami" in families["الشامي"]
    russian = {p.native: p for p in by_key["russian"].male.items}
    assert {"Yevgeniy", "Evgeny", "Evgenii"} <= set(russian["Евгений"].latin)
    english = {p.native: p for p in by_key["english"].male.items}
    assert "Mike" in english["Michael"].informal
    assert "Mike" not in english["Michael"].latin
    assert russian["Сергей"].daughters is not None
    assert russian["Сергей"].daughters.native == "Сергеевна"


def test_names_follow_their_tradition() -> None:
    rng = random.Random(4)
    by_key = {o.key: o for o in origins()}
    for _ in range(200):
        woman = make_name(by_key["russian"], "female", "ru", rng)
        assert woman.family[0].native.endswith(("а", "я", "ая")), native_full(woman)
        assert woman.middle[0].native.endswith("на")
        spanish = make_name(by_key["spanish"], "male", "mx", rng)
        assert 1 <= len(spanish.family) <= 2
        chinese = make_name(by_key["chinese"], "male", "cn", rng)
        assert native_full(chinese) == chinese.family[0].native + chinese.given[0].native
        assert spell(chinese, Spelling.STANDARD, rng).full().startswith(chinese.family[0].latin[0])
        gulf = make_name(by_key["arabic"], "female", "sa", rng)
        assert gulf.middle[0].native.startswith("بنت ")
    assert by_key["vietnamese"].style is Style.VIETNAMESE


def test_every_referenced_country_and_airport_exists() -> None:
    countries = geo.countries()
    airports = geo.places().departures
    for origin in origins():
        assert set(origin.nationalities.items) <= set(countries)
        if origin.diaspora is not None:
            assert set(origin.diaspora.items) <= set(countries)
    for country in countries.values():
        assert set(country.hubs) <= set(airports), country.code
    for airport in (*airports.values(), *geo.places().arrivals):
        assert airport.country in countries


@pytest.mark.parametrize("code", sorted(geo.countries()))
def test_phone_numbers_are_valid_for_followthemoney(code: str) -> None:
    from followthemoney.types import registry

    rng = random.Random(code)
    country = geo.countries()[code]
    for _ in range(100):
        number = geo.fill(country.phone, rng)
        assert registry.phone.clean(number) == number


@pytest.mark.parametrize("code", ["ca", "de", "fr", "cn", "ph", "sy", "us"])
def test_document_numbers_never_collide(code: str) -> None:
    country = geo.countries()[code]
    issued = [geo.person_number(country, i, slot, 42) for i in range(3000) for slot in range(4)]
    blanks = [n for series in range(60) for n in geo.blank_numbers(country, series, 40, 42)]
    numbers = issued + blanks
    assert len(set(numbers)) == len(numbers)
    assert all(len(n) == len(country.passport) for n in numbers)
    assert geo.person_number(country, 7, 0, 42) != geo.person_number(country, 7, 0, 43)


def test_a_persons_booklets_share_no_pattern() -> None:
    country = geo.countries()["sy"]
    for index in range(200):
        current, previous = (geo.person_number(country, index, slot, 42) for slot in (0, 1))
        assert current[-4:] != previous[-4:] or index % 97 == 0


def test_blank_batches_are_consecutive() -> None:
    country = geo.countries()["ng"]
    batch = geo.blank_numbers(country, 3, 25, 42)
    values = [int(n[1:]) for n in batch]
    assert values == list(range(values[0], values[0] + 25))
    with pytest.raises(ValueError):
        geo.blank_numbers(country, 3, 65, 42)
