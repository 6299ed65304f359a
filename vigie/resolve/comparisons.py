"""The linkage model's design: how two person records are compared, and which pairs are compared
at all.

Each comparison has levels from the strongest agreement to none; Splink learns how much each
level says (its match weight) from the data. Every level's label is a key of ``LEVELS``, where
its explanation in words lives, so that an analyst reads *why* two records were joined.

| comparison | levels, strongest first |
| --- | --- |
| name | same words in any order · same sounds (consonant skeletons, so transliteration |
| | variants agree) · one name's sounds all in the other's · close spelling · sounds a |
| | typo apart · two sounds shared · one sound shared with the same initials (a short |
| | form, an initial) · one sound shared · different |
| date of birth | same · day and month swapped · same day and month, a year apart · a |
| | typing slip in the digits · same year and month · same year · one date known only |
| | to the month or the year, agreeing as far as it goes · different |
| nationality, sex | same · different |
| document | a document number in common · numbers one edit apart · different |
| contact | a phone and an e-mail in common · a phone or an e-mail · the same address · |
| | addresses sharing most of their words · four words in common · two · none of these |

Missing values say nothing (a null level of weight zero).

Blocking: pairs are compared only when they share a document number (or its characters in
another order: two swapped by a typing slip), a phone, an e-mail or an
address; a date of birth (either way round) and one name sound; or their name sounds and day
and month of birth; or a rare address word (``linkage.rare_words``) and a name sound or the
date of birth. A record without a date of birth is also compared with the records whose
name sounds, nationality and sex are its own, and a record whose date is known only to the
year with the records of that year sharing one of its name sounds. (On DuckDB, ``scoring``
leaves out the keys too common to tell people apart.) Each rule catches what the others miss:
renewed passports, swapped dates, a year's slip, missing or partial dates, an address
written with a slip.
"""

from __future__ import annotations

from typing import Any

import splink.blocking_rule_library as brl
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator

# The prior before training: about one pair in a hundred thousand is the same person; EM moves
# the per-level weights, the prior is re-estimated from the deterministic rules below.
PRIOR = 1e-5


def _level(level: ComparisonLevelCreator, key: str) -> ComparisonLevelCreator:
    return level.configure(label_for_charts=key)


def _custom(sql: str, key: str) -> ComparisonLevelCreator:
    return cll.CustomLevel(sql, label_for_charts=key)


class _Overlap(ComparisonLevelCreator):
    """Two list columns share a value (``subset``: one list's values are all in the other).

    Splink's ``ArrayIntersectLevel`` builds the intersection of the lists to count it; asking
    whether they overlap (or one holds the other) is the same test without building it, and
    half the cost over millions of pairs. Each engine has its own functions for it.
    """

    def __init__(self, column: str, subset: bool = False) -> None:
        self.column = column
        self.subset = subset

    def create_sql(self, sql_dialect: Any) -> str:
        # Unquoted: Spark reads a double-quoted name as a string.
        left, right = f"{self.column}_l", f"{self.column}_r"
        spark = sql_dialect.sql_dialect_str == "spark"
        if not self.subset:
            return f"arrays_overlap({left}, {right})" if spark else f"list_has_any({left}, {right})"
        if spark:
            return (
                f"(size(array_except({left}, {right})) = 0 "
                f"OR size(array_except({right}, {left})) = 0)"
            )
        return f"(list_has_all({left}, {right}) OR list_has_all({right}, {left}))"

    def create_label_for_charts(self) -> str:
        return f"{self.column} overlap"


class _Shared(ComparisonLevelCreator):
    """Two list columns have at least ``minimum`` values in common and, with ``share``, at
    least that share of the longer list's values."""

    def __init__(self, column: str, minimum: int, share: float = 0.0) -> None:
        self.column = column
        self.minimum = minimum
        self.share = share

    def create_sql(self, sql_dialect: Any) -> str:
        left, right = f"{self.column}_l", f"{self.column}_r"
        spark = sql_dialect.sql_dialect_str == "spark"
        size, intersect = ("size", "array_intersect") if spark else ("len", "list_intersect")
        common = f"{size}({intersect}({left}, {right}))"
        sql = f"{common} >= {self.minimum}"
        if self.share:
            sql += f" AND {common} >= {self.share} * greatest({size}({left}), {size}({right}))"
        return sql

    def create_label_for_charts(self) -> str:
        return f"{self.column} shared"


class _SameInitials(ComparisonLevelCreator):
    """Two names (``name_key``: the primary name's words, sorted) whose words begin with the
    same letters: Kasia and Katarzyna Nowak, but seldom two brothers."""

    def create_sql(self, sql_dialect: Any) -> str:
        def initials(side: str) -> str:
            if sql_dialect.sql_dialect_str == "spark":
                return f"array_sort(transform(split(name_key_{side}, ' '), x -> substr(x, 1, 1)))"
            return (
                f"list_sort(list_transform(string_split(name_key_{side}, ' '), "
                "lambda x: substr(x, 1, 1)))"
            )

        return f"{initials('l')} = {initials('r')}"

    def create_label_for_charts(self) -> str:
        return "same initials"


class _DigitSlip(ComparisonLevelCreator):
    """Two dates of birth one typing slip apart in their digits alone (a slip across the
    separator, 19420704 read 19402704, is one swap of neighbouring digits)."""

    def create_sql(self, sql_dialect: Any) -> str:
        distance = sql_dialect.damerau_levenshtein_function_name
        return f"{distance}(replace(dob_l, '-', ''), replace(dob_r, '-', '')) <= 1"

    def create_label_for_charts(self) -> str:
        return "dob digits one slip apart"


def _comparison(
    name: str, levels: list[ComparisonLevelCreator | dict[str, Any]]
) -> ComparisonCreator:
    return cl.CustomComparison(levels, output_column_name=name, comparison_description=name)


def _name() -> ComparisonCreator:
    return _comparison(
        "name",
        [
            cll.NullLevel("skels"),
            _level(cll.ExactMatchLevel("name_key", term_frequency_adjustments=True), "name.same"),
            _level(cll.ExactMatchLevel("skel_key", term_frequency_adjustments=True), "name.sounds"),
            _level(_Overlap("skels", subset=True), "name.subset"),
            _level(cll.JaroWinklerLevel("name_key", 0.92), "name.close"),
            _level(cll.JaroWinklerLevel("skel_key", 0.9), "name.typo"),
            _level(cll.ArrayIntersectLevel("skels", 2), "name.two"),
            _level(cll.And(_Overlap("skels"), _SameInitials()), "name.initials"),
            _level(_Overlap("skels"), "name.one"),
            _level(cll.ElseLevel(), "name.else"),
        ],
    )


def _birth() -> ComparisonCreator:
    year = "substr(dob_{side}, 1, 4)"
    month = "substr(dob_{side}, 6, 2)"
    day = "substr(dob_{side}, 9, 2)"

    def part(template: str, side: str) -> str:
        return template.format(side=side)

    swapped = (
        f"{part(year, 'l')} = {part(year, 'r')} AND {part(month, 'l')} = {part(day, 'r')} "
        f"AND {part(day, 'l')} = {part(month, 'r')}"
    )
    year_apart = (
        f"substr(dob_l, 6, 5) = substr(dob_r, 6, 5) AND "
        f"abs(cast({part(year, 'l')} as int) - cast({part(year, 'r')} as int)) = 1"
    )
    return _comparison(
        "birth",
        [
            cll.NullLevel("born"),
            _level(cll.ExactMatchLevel("dob"), "birth.same"),
            _custom(swapped, "birth.swapped"),
            _custom(year_apart, "birth.year_apart"),
            _level(_DigitSlip(), "birth.typo"),
            _custom("substr(dob_l, 1, 7) = substr(dob_r, 1, 7)", "birth.month"),
            _custom(f"{part(year, 'l')} = {part(year, 'r')}", "birth.year"),
            # One date known only to the month or the year (a watchlist's "1971"): agreeing
            # as far as it goes is weaker evidence than two whole dates agreeing.
            _custom(
                "substr(born_l, 1, 7) = substr(born_r, 1, 7) "
                "AND least(length(born_l), length(born_r)) = 7",
                "birth.month_known",
            ),
            _custom(
                "substr(born_l, 1, 4) = substr(born_r, 1, 4) "
                "AND least(length(born_l), length(born_r)) = 4",
                "birth.year_known",
            ),
            _level(cll.ElseLevel(), "birth.else"),
        ],
    )


def _exact(name: str, column: str) -> ComparisonCreator:
    return _comparison(
        name,
        [
            cll.NullLevel(column),
            _level(cll.ExactMatchLevel(column), f"{name}.same"),
            _level(cll.ElseLevel(), f"{name}.else"),
        ],
    )


def _document() -> ComparisonCreator:
    return _comparison(
        "document",
        [
            cll.NullLevel("docs"),
            _level(_Overlap("docs"), "document.same"),
            _level(cll.DamerauLevenshteinLevel("doc", 1), "document.one_edit"),
            _level(cll.ElseLevel(), "document.else"),
        ],
    )


def _contact() -> ComparisonCreator:
    # One comparison, not three: network members and families share phones, e-mails and
    # addresses together, so counting each as independent evidence would count it thrice.
    phone = _Overlap("phones")
    email = _Overlap("emails")
    return _comparison(
        "contact",
        [
            cll.And(
                cll.NullLevel("phones"), cll.NullLevel("emails"), cll.NullLevel("places")
            ).configure(is_null_level=True),
            _level(cll.And(phone, email), "contact.phone_email"),
            _level(cll.Or(phone, email), "contact.phone_or_email"),
            _level(cll.ExactMatchLevel("address_key"), "contact.address"),
            _level(_Shared("places", 3, 0.6), "contact.address_most"),
            _level(cll.ArrayIntersectLevel("places", 4), "contact.address_close"),
            _level(_Shared("places", 2), "contact.address_some"),
            _level(cll.ElseLevel(), "contact.else"),
        ],
    )


def comparisons() -> list[ComparisonCreator | dict[str, Any]]:
    """The comparisons of the model, in the order explanations list them."""
    return [
        _name(),
        _birth(),
        _exact("nationality", "nationality"),
        _exact("sex", "gender"),
        _document(),
        _contact(),
    ]


def blocking_rules() -> list[BlockingRuleCreator | dict[str, Any]]:
    """Which pairs are compared (see the module's docstring)."""
    return [
        block_on("doc"),
        block_on("doc_letters"),
        block_on("dob_key", "skels", arrays_to_explode=["skels"]),
        block_on("skel_key", "day_month"),
        # A record without a date of birth meets its namesakes of the same nationality; two
        # dated records never block on the name alone (namesakes would make blocks of
        # hundreds at a national scale).
        brl.CustomRule("l.sparse_key = r.name_place"),
        brl.CustomRule("l.name_place = r.sparse_key"),
        # A record whose date is known only to the year (or not whole) meets the records of
        # its year of birth with one of its name sounds.
        brl.CustomRule(
            "l.sparse_year = r.born_year AND l.skels = r.skels", arrays_to_explode=["skels"]
        ),
        brl.CustomRule(
            "l.born_year = r.sparse_year AND l.skels = r.skels", arrays_to_explode=["skels"]
        ),
        block_on("address_key"),
        block_on("phones", arrays_to_explode=["phones"]),
        block_on("emails", arrays_to_explode=["emails"]),
        # A rare address word (``linkage.rare_words``) with a name sound or the date of birth:
        # the same address written with a slip or a line left out.
        block_on("rare_places", "skels", arrays_to_explode=["rare_places", "skels"]),
        block_on("rare_places", "dob_key", arrays_to_explode=["rare_places"]),
    ]


def training_rules() -> list[tuple[tuple[str, ...], frozenset[str]]]:
    """Blocking rules for EM training, as the columns each rule blocks on and the comparisons
    those columns fix (EM learns nothing of them from that rule's pairs): each rule leaves the
    others free to be estimated."""
    return [
        (("doc",), frozenset({"document"})),
        (("dob", "skel_key"), frozenset({"birth", "name"})),
    ]


def settings(link_type: str = "dedupe_only") -> SettingsCreator:
    """The untrained model."""
    return SettingsCreator(
        link_type=link_type,  # type: ignore[arg-type]
        comparisons=comparisons(),
        blocking_rules_to_generate_predictions=blocking_rules(),
        probability_two_random_records_match=PRIOR,
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=True,
    )
