"""Names of the synthetic world: curated components per origin and their renderings.

A person's name is built from components (given names, a father's name or patronymic, family
names), each with its native form and the Latin spellings found in real records. Records then
spell the same name differently: the passport picks one spelling, a watchlist the scholarly
one, an officer's report yet another.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from random import Random
from typing import Any, Generic, TypeVar

import yaml

T = TypeVar("T")

# Zipf-like popularity: the first entries of a list are the most common names.
_POPULARITY_EXPONENT = 0.9
# Arabic letters that assimilate the article: al-Rashid is pronounced and often written ar-Rashid.
_SUN_LETTERS = frozenset("تثدذرزسشصضطظلن")
# Scripts written without spaces between family and given name.
_UNSPACED_SCRIPTS = frozenset({"Hani", "Hang"})
# libyaml when it is there: the pure-Python parser takes most of a small world's time.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Style(StrEnum):
    """How an origin composes a full name from its components."""

    PLAIN = "plain"  # given [second given] [middle] family
    ARABIC = "arabic"  # given, father's name (bin/bint in the Gulf), family
    PATRONYMIC = "patronymic"  # given, father's [and grandfather's] given names
    RUSSIAN = "russian"  # given, patronymic, gendered family name
    SPANISH = "spanish"  # given names, paternal and maternal surnames
    PORTUGUESE = "portuguese"  # given names, maternal and paternal surnames
    EAST_ASIAN = "east_asian"  # family first, then given
    VIETNAMESE = "vietnamese"  # family, middle, given
    PUNJABI = "punjabi"  # given, Singh or Kaur, optional clan name
    FILIPINO = "filipino"  # given names, mother's maiden name as middle, family


class Spelling(StrEnum):
    """Which Latin spelling a record picks for each name component."""

    STANDARD = "standard"  # the scholarly transliteration (watchlists)
    PREFERRED = "preferred"  # usually the standard one, sometimes another (passports)
    ANY = "any"  # any attested spelling (officers' reports, partners)


@dataclass(frozen=True, slots=True)
class Part:
    """One name component: its native form and its Latin spellings (standard first)."""

    native: str
    latin: tuple[str, ...]
    informal: tuple[str, ...] = ()  # short forms people use but documents do not (Mike, Segun)
    sons: Part | None = None  # patronymic this given name gives a son
    daughters: Part | None = None  # ... and a daughter
    feminine: Part | None = None  # feminine form of a family name


class Pool(Generic[T]):
    """Items drawn with Zipf-like weights by rank."""

    __slots__ = ("_cumulative", "_total", "items")

    def __init__(self, items: Sequence[T], weights: Sequence[float] | None = None) -> None:
        if not items:
            raise ValueError("a pool needs at least one item")
        self.items = tuple(items)
        if weights is None:
            weights = [1.0 / (rank + 1) ** _POPULARITY_EXPONENT for rank in range(len(items))]
        self._cumulative = tuple(itertools.accumulate(weights))
        self._total = self._cumulative[-1]

    def pick(self, rng: Random) -> T:
        """Draw one item."""
        return self.items[bisect.bisect_right(self._cumulative, rng.random() * self._total)]


@dataclass(frozen=True, slots=True)
class Origin:
    """A naming tradition: its components, script, composition style and nationalities."""

    key: str
    label: str
    script: str
    style: Style
    weight: float
    nationalities: Pool[str]
    diaspora: Pool[str] | None
    diaspora_rate: float
    male: Pool[Part]
    female: Pool[Part]
    family: Pool[Part] | None
    middle_male: Pool[Part] | None
    middle_female: Pool[Part] | None
    middle_rate: float
    female_family: Pool[Part] | None
    female_family_rate: float
    second_given_rate: float
    family_rate: float
    mononym_rate: float
    ancestors: int
    gulf: frozenset[str]


@dataclass(frozen=True, slots=True)
class Name:
    """A person's name as components, independent of any spelling."""

    origin: Origin
    given: tuple[Part, ...]
    middle: tuple[Part, ...]
    family: tuple[Part, ...]

    def parts(self) -> tuple[Part, ...]:
        """All components in the order the slots are listed (given, middle, family)."""
        return self.given + self.middle + self.family


@dataclass(frozen=True, slots=True)
class Spelled:
    """A name in one Latin spelling, component by component."""

    name: Name
    given: tuple[str, ...]
    middle: tuple[str, ...]
    family: tuple[str, ...]

    @property
    def family_first(self) -> bool:
        """Whether the origin writes the family name first (Chinese, Korean, Vietnamese)."""
        return self.name.origin.style in (Style.EAST_ASIAN, Style.VIETNAMESE)

    def full(self, *, middle: bool = True, swap: bool = False) -> str:
        """The whole name in its customary order, or the other order when ``swap``."""
        mid = self.middle if middle else ()
        if self.family_first:
            if swap:  # Western order, as foreign forms make people write it
                return " ".join((*self.given, *mid, *self.family))
            return " ".join((*self.family, *mid, *self.given))
        if swap:  # "SURNAME Given", as lists and registers sort people
            return " ".join((*self.family, *self.given, *mid))
        return " ".join((*self.given, *mid, *self.family))

    def passport(self) -> tuple[str, str]:
        """(surname, given names) as a passport of this tradition prints them."""
        style = self.name.origin.style
        family = " ".join(self.family)
        if style is Style.VIETNAMESE:
            return family, " ".join((*self.middle, *self.given))
        if style in (Style.RUSSIAN, Style.FILIPINO):
            # Russian and Ukrainian passports omit the patronymic from the Latin fields;
            # Philippine passports keep the middle name out of the MRZ.
            return family, " ".join(self.given)
        if not family:
            if self.middle:  # "Harpreet Singh": Singh is printed as the surname
                return " ".join(self.middle), " ".join(self.given)
            # A single name is the primary identifier (Doc 9303 part 3).
            return " ".join(self.given), ""
        return family, " ".join((*self.given, *self.middle))


def native_full(name: Name) -> str:
    """The name written in its own script and order."""
    style = name.origin.style
    if style is Style.EAST_ASIAN:
        sep = "" if name.origin.script in _UNSPACED_SCRIPTS else " "
        return sep.join(p.native for p in (*name.family, *name.given))
    if style is Style.VIETNAMESE:
        return " ".join(p.native for p in (*name.family, *name.middle, *name.given))
    return " ".join(p.native for p in name.parts())


def _choose(part: Part, how: Spelling, rng: Random) -> str:
    if how is Spelling.STANDARD:
        return part.latin[0]
    if how is Spelling.PREFERRED:
        if len(part.latin) == 1 or rng.random() < 0.6:
            return part.latin[0]
        return part.latin[int(rng.random() * len(part.latin))]
    choices = len(part.latin) + len(part.informal)
    pick = int(rng.random() * choices)
    return part.latin[pick] if pick < len(part.latin) else part.informal[pick - len(part.latin)]


def spell(name: Name, how: Spelling, rng: Random) -> Spelled:
    """Pick one Latin spelling for every component of ``name``."""
    return Spelled(
        name,
        tuple(_choose(p, how, rng) for p in name.given),
        tuple(_choose(p, how, rng) for p in name.middle),
        tuple(_choose(p, how, rng) for p in name.family),
    )


def respell(spelled: Spelled, rng: Random, share: float = 0.5) -> Spelled:
    """Change each component's spelling with probability ``share``, keeping the others."""

    def again(parts: tuple[Part, ...], current: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(
            _choose(p, Spelling.ANY, rng) if rng.random() < share else c
            for p, c in zip(parts, current, strict=True)
        )

    name = spelled.name
    return Spelled(
        name,
        again(name.given, spelled.given),
        again(name.middle, spelled.middle),
        again(name.family, spelled.family),
    )


def make_name(origin: Origin, gender: str, nationality: str, rng: Random) -> Name:
    """Compose a random name of ``origin`` for a person of ``gender`` ("male"/"female")."""
    male = gender == "male"
    given_pool = origin.male if male else origin.female
    given = [given_pool.pick(rng)]
    if rng.random() < origin.second_given_rate:
        second = given_pool.pick(rng)
        if second != given[0]:
            given.append(second)
    middle: list[Part] = []
    family: list[Part] = []
    style = origin.style
    if style is Style.ARABIC:
        father = _other(origin.male, given[0], rng)
        middle.append(_gulf(father, male) if nationality in origin.gulf else father)
        family.append(_family(origin, rng))
    elif style is Style.PATRONYMIC:
        ancestors = [_other(origin.male, given[0], rng)]
        for _ in range(origin.ancestors - 1):
            ancestors.append(_other(origin.male, ancestors[-1], rng))
        middle.extend(ancestors[:-1])
        family.append(ancestors[-1])
    elif style is Style.RUSSIAN:
        father = origin.male.pick(rng)
        patronymic = father.sons if male else father.daughters
        if patronymic is not None:
            middle.append(patronymic)
        surname = _family(origin, rng)
        family.append(surname if male or surname.feminine is None else surname.feminine)
    elif style in (Style.SPANISH, Style.PORTUGUESE):
        first, second = _family(origin, rng), _family(origin, rng)
        family.extend((first, second) if first != second else (first,))
    elif style is Style.FILIPINO:
        middle.append(_family(origin, rng))
        family.append(_family(origin, rng))
    else:
        middle_pool = origin.middle_male if male else origin.middle_female
        rate = 1.0 if style in (Style.VIETNAMESE, Style.PUNJABI) else origin.middle_rate
        if middle_pool is not None and rng.random() < rate:
            middle.append(middle_pool.pick(rng))
        if rng.random() >= origin.mononym_rate and rng.random() < origin.family_rate:
            if not male and origin.female_family and rng.random() < origin.female_family_rate:
                family.append(origin.female_family.pick(rng))
            else:
                family.append(_family(origin, rng))
    return Name(origin, tuple(given), tuple(middle), tuple(family))


def _other(pool: Pool[Part], avoid: Part, rng: Random) -> Part:
    # Sons are seldom named after their father: one more draw makes it rare, not impossible.
    pick = pool.pick(rng)
    return pool.pick(rng) if pick == avoid else pick


def _family(origin: Origin, rng: Random) -> Part:
    if origin.family is None:
        return origin.male.pick(rng)
    return origin.family.pick(rng)


@cache
def _gulf(father: Part, son: bool) -> Part:
    word, article = ("bin", "بن") if son else ("bint", "بنت")
    latin = [f"{word} {spelling}" for spelling in father.latin]
    if son:
        latin.append(f"ibn {father.latin[0]}")
    return Part(f"{article} {father.native}", tuple(_unique([*latin, *father.latin])))


def kunya(name: Name, rng: Random) -> tuple[str, str]:
    """A teknonym ("Abu Omar", native and Latin) as watchlists record for Arabic names."""
    son = name.origin.male.pick(rng)
    return f"أبو {son.native}", f"Abu {_choose(son, Spelling.ANY, rng)}"


def tamil_initial(spelled: Spelled) -> str:
    """The South Indian style with the father's name as an initial: "S. Karthik"."""
    initials = " ".join(f"{f[0]}." for f in spelled.family if f)
    return f"{initials} {' '.join(spelled.given)}".strip()


# --- loading -------------------------------------------------------------------------------


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _part(entry: Any, latin_script: bool, *, al: bool = False) -> Part:
    if isinstance(entry, dict):
        base = _part(entry["n"], latin_script)
        return Part(
            base.native,
            base.latin,
            sons=_part(entry["pm"], latin_script) if "pm" in entry else None,
            daughters=_part(entry["pf"], latin_script) if "pf" in entry else None,
            feminine=_part(entry["f"], latin_script) if "f" in entry else _feminine(base),
        )
    native, *spellings = (str(v) for v in entry)
    latin = [v for v in spellings if not v.startswith("~")]
    informal = tuple(v[1:] for v in spellings if v.startswith("~"))
    if al:
        native, latin = "ال" + native.removeprefix("ال"), _with_article(native, latin)
    if latin_script:
        # Records in the person's own Latin orthography keep the diacritics (José, Nguyễn).
        latin.append(native)
    part = Part(native, tuple(_unique(latin)), informal)
    feminine = _feminine(part)
    return part if feminine is None else Part(native, part.latin, informal, feminine=feminine)


def _feminine(part: Part) -> Part | None:
    if part.native.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return Part(part.native + "а", tuple(f"{spelling}a" for spelling in part.latin))
    return None


def _with_article(native: str, bases: list[str]) -> list[str]:
    """Al-Hassan, Al Hassan, Alhassan, El-Hassan, Hassan, and Ar-Rashid for sun letters."""
    sun = len(native) > 2 and native[2] in _SUN_LETTERS
    forms = [f"Al-{b}" for b in bases]
    for b in bases:
        if sun:
            cluster = b[:2].lower() if b[:2].lower() in ("sh", "th", "dh") else b[0].lower()
            forms.append(f"A{cluster}-{b}")
        forms.extend((f"Al {b}", f"Al{b.lower()}", f"El-{b}", b))
    return _unique(forms)


def _pool(entries: Any, latin_script: bool, *, al: bool = False) -> list[Part]:
    return [_part(e, latin_script, al=al) for e in entries or ()]


def _weights(mapping: dict[str, float] | None) -> Pool[str] | None:
    if not mapping:
        return None
    return Pool(list(mapping), list(mapping.values()))


def _origin(raw: dict[str, Any]) -> Origin:
    latin_script = raw["script"] == "Latn"
    # Family names with the article are interleaved with the others, so that neither kind
    # monopolises the most popular ranks.
    with_article = _pool(raw.get("al_family"), latin_script, al=True)
    without = _pool(raw.get("family"), latin_script)
    family = [
        p for pair in itertools.zip_longest(with_article, without) for p in pair if p is not None
    ]
    nationalities = _weights(raw["nationalities"])
    assert nationalities is not None, raw["origin"]
    middle_male = _pool(raw.get("middle_male"), latin_script)
    middle_female = _pool(raw.get("middle_female"), latin_script)
    female_family = _pool(raw.get("female_family"), latin_script)
    return Origin(
        key=raw["origin"],
        label=raw["label"],
        script=raw["script"],
        style=Style(raw["style"]),
        weight=float(raw["weight"]),
        nationalities=nationalities,
        diaspora=_weights(raw.get("diaspora")),
        diaspora_rate=float(raw.get("diaspora_rate", 0)),
        male=Pool(_pool(raw["male"], latin_script)),
        female=Pool(_pool(raw["female"], latin_script)),
        family=Pool(family) if family else None,
        middle_male=Pool(middle_male) if middle_male else None,
        middle_female=Pool(middle_female) if middle_female else None,
        middle_rate=float(raw.get("middle_rate", 0)),
        female_family=Pool(female_family) if female_family else None,
        female_family_rate=float(raw.get("female_family_rate", 0)),
        second_given_rate=float(raw.get("second_given_rate", 0)),
        family_rate=float(raw.get("family_rate", 1)),
        mononym_rate=float(raw.get("mononym_rate", 0)),
        ancestors=int(raw.get("ancestors", 1)),
        gulf=frozenset(raw.get("gulf", ())),
    )


@cache
def origins() -> tuple[Origin, ...]:
    """Every naming tradition, loaded once from ``vigie/demo/data/origins/*.yaml``."""
    folder = resources.files("vigie.demo").joinpath("data", "origins")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    return tuple(_origin(yaml.load(f.read_text(encoding="utf-8"), Loader=_LOADER)) for f in files)


@cache
def origin_pool() -> Pool[Origin]:
    """Origins weighted by their share of the world's population."""
    everyone = origins()
    return Pool(everyone, [o.weight for o in everyone])
