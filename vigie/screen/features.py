"""The features of a screening comparison. Each is a function whose docstring is the sentence
an officer reads; it returns a contribution in log-odds points (positive for the same person)
and the words that say what was seen, or ``None`` when there is nothing to compare.

The weights are set so that a perfect name alone is a likely match (about 0.95), a name 70 %
alike alone is even odds (the review threshold: about 1 % of look-alike names pass), a perfect
name with a date of birth that differs (by years, or by day in the same year) is not worth a
review (children who share a listed parent's name), and a same document number is enough to
review whatever the names.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from vigie.i18n import _
from vigie.screen.commonness import Commonness, counted
from vigie.screen.names import latin
from vigie.screen.similarity import (
    Basis,
    NameComparison,
    Pair,
    compare_tokens,
    spelling_similarity,
)
from vigie.screen.subject import Subject, document_key

Feature = Callable[[Subject, Subject], "Contribution | None"]

NAME_SLOPE = 10.0
NAME_OFFSET = -7.0
# Points for dates of birth more than a year apart or on another day of the same year, and
# the most all other agreeing features
# but a document can add: together they bound the score of such a comparison (``scoring``).
FAR_BIRTH = -5.0
OTHER_DAY = -4.0
# Points per unit of name dissimilarity when the entry has no date of birth to check: a name
# 85 % alike then falls below the review threshold, 90 % alike stays just above it.
UNCONFIRMED_SLOPE = 20.0
# A name borne by more than this share of the known population is common: each tenfold above
# it costs COMMON_SLOPE points, down to COMMON_FLOOR, when nothing but the name confirms a match.
COMMON_FROM = 3e-5
COMMON_SLOPE = 2.5
COMMON_FLOOR = -6.0
# The share of strangers whose date of birth agrees as well as each agreement of
# ``_date_points`` (keyed by its points): the same date, the same year (or day and month
# swapped), one year apart by year alone, one year apart on the same day.
DATE_CHANCE = {2.5: 1 / 20_000, 1.5: 1 / 60, 0.5: 1 / 20, 1.0: 1 / 10_000}
# Name pairs at least this alike are the same name part for counting how common a name is.
SAME_PART = 0.8
# Places of birth: the same place supports a name as a shared nationality does; another place
# tells a namesake apart (a person is born once), though less surely than another date (places
# are written at several levels and in many spellings). Two places are the same when a word of
# four letters or more, or the whole of them run together, is at least PLACE_ALIKE alike.
SAME_PLACE = 0.2
OTHER_PLACE = -1.5
PLACE_ALIKE = 0.85
# The share of namesakes born in the same place too, for how common a name is: a town or a
# region holds far less than a tenth of a people, but places are recorded at either level.
PLACE_CHANCE = 1 / 10
# Both sides carry document numbers and none is shared: a namesake's number always differs,
# the listed person's only when the document was renewed or replaced since the listing.
OTHER_DOCUMENT = -1.0
# Lists name people for what they did as adults: a traveller not yet born when an entry was
# listed is not its person, and one who was a young child then hardly is (the children who
# share a listed person's name). Weighed only when the entry gives no date of birth of its own.
ADULT_AT_LISTING = 16
CHILD_AT_LISTING = 12
UNBORN_AT_LISTING = FAR_BIRTH
CHILD_POINTS = OTHER_DAY
YOUNG_POINTS = -1.5
# The most that agreeing nationality, sex and place of birth add (``scoring.date_ceiling``).
MOST_BESIDES = NAME_OFFSET + NAME_SLOPE + 0.5 + 0.2 + SAME_PLACE


@dataclass(frozen=True)
class Contribution:
    """One feature's part in a score: its name, log-odds points and plain-words detail (worded
    only when read: most comparisons are scored and dropped unread)."""

    feature: str
    points: float
    words: Callable[[], str]

    @property
    def detail(self) -> str:
        """The plain-words detail in the active language."""
        return self.words()

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form."""
        return {"feature": self.feature, "points": round(self.points, 2), "detail": self.detail}


def best_names(query: Subject, entry: Subject) -> NameComparison:
    """The best comparison between any name of ``query`` and any name of ``entry``."""
    best = NameComparison(0.0, (), ())
    for left in query.parsed:
        for right in entry.parsed:
            found = compare_tokens(left, right)
            if found.score > best.score:
                best = found
                if best.score >= 1.0:
                    return best
    return best


def name_points(similarity: float) -> float:
    """Log-odds points for a name similarity in [0, 1]."""
    return NAME_OFFSET + NAME_SLOPE * similarity


def name(found: NameComparison) -> Contribution:
    """How alike the names are, across scripts and spellings."""
    return Contribution("name", name_points(found.score), lambda: _name_words(found))


def _pair_words(pair: Pair) -> str:
    if pair.basis is Basis.VARIANT:
        return _("{left} ≈ {right} ({similarity:.0%}, a listed spelling variant)").format(
            left=pair.left, right=pair.right, similarity=pair.similarity
        )
    if pair.basis is Basis.READING:
        return _("{left} ≈ {right} ({similarity:.0%}, a reading of the Chinese character)").format(
            left=pair.left, right=pair.right, similarity=pair.similarity
        )
    if pair.basis is Basis.GENDERED:
        return _("{left} ≈ {right} ({similarity:.0%}, the name's form for the other sex)").format(
            left=pair.left, right=pair.right, similarity=pair.similarity
        )
    if pair.basis is Basis.OTHER_FAMILY:
        return _(
            "{left} ≈ {right} ({similarity:.0%}, another family name of the same stem)"
        ).format(left=pair.left, right=pair.right, similarity=pair.similarity)
    if pair.basis is Basis.NAME_ITEM:
        return _("{left} ≈ {right} ({similarity:.0%}, one name in Wikidata's name tables)").format(
            left=pair.left, right=pair.right, similarity=pair.similarity
        )
    return f"{pair.left} ≈ {pair.right} ({pair.similarity:.0%})"


def _name_words(found: NameComparison) -> str:
    pairs = ", ".join(_pair_words(p) for p in found.pairs)
    detail = _("names {similarity:.0%} alike: {pairs}").format(
        similarity=found.score, pairs=pairs or "—"
    )
    if found.unpaired:
        detail += "; " + _("unmatched: {tokens}").format(tokens=" ".join(found.unpaired))
    return detail


def unconfirmed(similarity: float) -> Contribution:
    """The entry has no date of birth to check the traveller's against: only a name that is
    (nearly) the same counts, as nothing else can tell namesakes apart."""
    points = -UNCONFIRMED_SLOPE * (1.0 - similarity)
    return Contribution(
        "unconfirmed", points, lambda: _("no date of birth on the entry to confirm the name")
    )


def common_name(
    found: NameComparison,
    table: Commonness,
    dates: Contribution | None = None,
    place: Contribution | None = None,
) -> Contribution | None:
    """How common the shared name is among the people Vigie knows: a name that many bear
    says less than a rare one, unless a date of birth tells the namesakes apart (``dates``:
    how well the dates agree; an exact date leaves next to no namesake) or the place of birth
    narrows them (``place``)."""
    # Parts the names share in full that tell namesakes apart (``commonness.counted``).
    parts = [p.right for p in found.pairs if p.similarity >= SAME_PART and counted(p.right)]
    chance = table.chance(parts)
    if chance is None:
        return None
    if dates is not None and dates.points > 0:
        chance *= DATE_CHANCE.get(dates.points, 1.0)
    if place is not None and place.points > 0:
        chance *= PLACE_CHANCE
    if chance <= COMMON_FROM:
        # A rare name (or a common one the dates of birth single out): nothing to take off.
        return None
    points = max(COMMON_FLOOR, -COMMON_SLOPE * math.log10(chance / COMMON_FROM))
    per = chance * 10_000
    return Contribution(
        "common_name",
        points,
        lambda: _("how common the name is: about {per} in 10,000 known people bear it").format(
            per=f"{per:.2g}" if per < 10 else f"{per:.0f}"
        ),
    )


def _date_parts(value: str) -> tuple[int, int | None, int | None] | None:
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
    except ValueError:
        return None
    return year, month, day


def _date_points(a: str, b: str) -> tuple[float, Callable[[], str]] | None:
    pa, pb = _date_parts(a), _date_parts(b)
    if pa is None or pb is None:
        return None
    if a == b and pa[2] is not None:
        return 2.5, lambda: _("same date of birth ({date})").format(date=a)
    if pa[0] == pb[0] and (pa[1] is None or pb[1] is None):
        return 1.5, lambda: _("same year of birth ({year})").format(year=pa[0])
    if pa[0] == pb[0] and pa[1] == pb[2] and pa[2] == pb[1]:
        return 1.5, lambda: _("dates of birth {a} and {b}: day and month swapped").format(a=a, b=b)
    if abs(pa[0] - pb[0]) == 1 and (pa[1] is None or pb[1] is None):
        return 0.5, lambda: _("years of birth one year apart ({a}, {b})").format(a=a, b=b)
    if abs(pa[0] - pb[0]) == 1 and pa[1:] == pb[1:]:
        return 1.0, lambda: _("dates of birth one year apart ({a}, {b})").format(a=a, b=b)
    if pa[0] == pb[0]:
        # The same year but another day is most often another person of a common name.
        return OTHER_DAY, lambda: _("same year of birth, other day ({a}, {b})").format(a=a, b=b)
    return FAR_BIRTH, lambda: _("dates of birth differ ({a}, {b})").format(a=a, b=b)


def birth_date(query: Subject, entry: Subject) -> Contribution | None:
    """Whether the dates of birth agree: exactly, by year, with day and month swapped, or
    within a year."""
    best: tuple[float, Callable[[], str]] | None = None
    for a in query.birth_dates:
        for b in entry.birth_dates:
            found = _date_points(a, b)
            if found is not None and (best is None or found[0] > best[0]):
                best = found
    return None if best is None else Contribution("birth_date", best[0], best[1])


def _age_on(birth: str, day: str) -> int | None:
    # The oldest the person can have been on ``day``: a partial date of birth is read as the
    # first day of its year or month, a partial ``day`` as the last.
    pb, pd = _date_parts(birth), _date_parts(day)
    if pb is None or pd is None:
        return None
    before = (pd[1] or 12, pd[2] or 31) < (pb[1] or 1, pb[2] or 1)
    return pd[0] - pb[0] - before


def age_at_listing(query: Subject, entry: Subject) -> Contribution | None:
    """How old the traveller was when the entry was listed, when the entry gives no date of
    birth to compare: one not yet born then is not the listed person, and a young child
    hardly is."""
    if entry.birth_dates or not entry.listed or not query.birth_dates:
        return None
    ages = [a for b in query.birth_dates if (a := _age_on(b, entry.listed)) is not None]
    if not ages:
        return None
    age, day = max(ages), entry.listed
    if age < 0:
        return Contribution(
            "listing",
            UNBORN_AT_LISTING,
            lambda: _("not yet born when the entry was listed ({date})").format(date=day),
        )
    if age >= ADULT_AT_LISTING:
        return None
    points = CHILD_POINTS if age < CHILD_AT_LISTING else YOUNG_POINTS
    return Contribution(
        "listing",
        points,
        lambda: _("aged {age} when the entry was listed ({date})").format(age=age, date=day),
    )


def nationality(query: Subject, entry: Subject) -> Contribution | None:
    """Whether they share a nationality."""
    if not query.nationalities or not entry.nationalities:
        return None
    shared = sorted(set(query.nationalities) & set(entry.nationalities))
    if shared:
        return Contribution(
            "nationality",
            0.5,
            lambda: _("same nationality ({codes})").format(codes=", ".join(shared)),
        )
    return Contribution(
        "nationality",
        -1.0,
        lambda: _("different nationalities ({a} / {b})").format(
            a=", ".join(query.nationalities), b=", ".join(entry.nationalities)
        ),
    )


def sex(query: Subject, entry: Subject) -> Contribution | None:
    """Whether the recorded sex agrees."""
    if not query.sex or not entry.sex:
        return None
    if query.sex == entry.sex:
        return Contribution("sex", 0.2, lambda: _("same sex"))
    return Contribution("sex", -2.0, lambda: _("different sex"))


def document(query: Subject, entry: Subject) -> Contribution | None:
    """Whether a travel document number is the same; a different one says a little (people
    renew theirs; a namesake's always differs)."""
    mine = {document_key(d) for d in query.documents} - {""}
    theirs = {document_key(d) for d in entry.documents} - {""}
    if not mine or not theirs:
        return None
    shared = sorted(mine & theirs)
    if not shared:
        return Contribution(
            "document",
            OTHER_DOCUMENT,
            lambda: _("different document numbers ({a} / {b})").format(
                a=", ".join(sorted(mine)), b=", ".join(sorted(theirs))
            ),
        )
    return Contribution(
        "document", 6.0, lambda: _("same document number ({number})").format(number=shared[0])
    )


def _place_words(place: str) -> tuple[str, list[str]]:
    words = latin(place).split()
    return "".join(words), [w for w in words if len(w) >= 4]


def _same_place(a: str, b: str) -> bool:
    whole_a, words_a = _place_words(a)
    whole_b, words_b = _place_words(b)
    if not whole_a or not whole_b:
        return False
    if spelling_similarity(whole_a, whole_b) >= PLACE_ALIKE:
        return True
    return any(spelling_similarity(x, y) >= PLACE_ALIKE for x in words_a for y in words_b)


def birth_place(query: Subject, entry: Subject) -> Contribution | None:
    """Whether the places of birth agree: the same town or region, however spelled, or
    another place."""
    if not query.birth_places or not entry.birth_places:
        return None
    same = next(
        (a for a in query.birth_places for b in entry.birth_places if _same_place(a, b)), None
    )
    if same is not None:
        return Contribution(
            "birth_place", SAME_PLACE, lambda: _("same place of birth ({place})").format(place=same)
        )
    return Contribution(
        "birth_place",
        OTHER_PLACE,
        lambda: _("places of birth differ ({a} / {b})").format(
            a=", ".join(query.birth_places), b=", ".join(entry.birth_places)
        ),
    )


# The features besides the name, which ``scoring`` compares first.
FEATURES: tuple[Feature, ...] = (
    birth_date,
    age_at_listing,
    nationality,
    sex,
    document,
    birth_place,
)
