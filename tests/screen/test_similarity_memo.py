"""The name comparison's shortcuts against the rule written plainly: a memo of token pairs,
pairs measured only when they come first with their tokens free, runs made only when
measured, the pairing with runs skipped when perfect pairs block every run. Each must give
the comparison that measuring every pair gives, to the last bit of the score."""

from __future__ import annotations

import pickle
import random
import sys
import threading
from collections.abc import Callable

import pytest

from tests.screen.test_index_fast import travellers, world_like
from vigie.screen import similarity
from vigie.screen.names import Role, Token, parse
from vigie.screen.similarity import (
    _GOOD_ENOUGH,
    _UNPAIRED_EDGE,
    _UNPAIRED_MIDDLE,
    _UNPAIRED_MINOR,
    _WEAKEST_SHARE,
    _WEIGHT,
    _WHOLE_MOST,
    OPPOSED_SIKH,
    PAIR_FLOOR,
    NameComparison,
    Pair,
    _basis,
    _units,
    _whole,
    compare_tokens,
    sikh,
    token_similarity,
)

Names = tuple[Token, ...]


def _penalty(token: Token, place: int, count: int) -> float:
    if token.role in _UNPAIRED_MINOR:
        return _UNPAIRED_MINOR[token.role] * _WEIGHT[token.role]
    edge = place in (0, count - 1)
    return _WEIGHT[token.role] * (_UNPAIRED_EDGE if edge else _UNPAIRED_MIDDLE)


def _plain_pair(left: Names, right: Names, runs: bool) -> NameComparison:
    # Every pair of units measured, sorted, taken best first.
    lunits, runits = _units(left, runs), _units(right, runs)
    scored = sorted(
        (
            (token_similarity(a, b), -(i1 - i0) - (j1 - j0), li, ri)
            for li, (i0, i1, a) in enumerate(lunits)
            for ri, (j0, j1, b) in enumerate(runits)
            if i0 == i1 or j0 == j1
        ),
        reverse=True,
    )
    used_l: set[int] = set()
    used_r: set[int] = set()
    pairs: list[Pair] = []
    gained = weight = 0.0
    for sim, _size, li, ri in scored:
        if sim < PAIR_FLOOR:
            break
        i0, i1, a = lunits[li]
        j0, j1, b = runits[ri]
        lspan, rspan = set(range(i0, i1 + 1)), set(range(j0, j1 + 1))
        if lspan & used_l or rspan & used_r:
            continue
        used_l |= lspan
        used_r |= rspan
        w = (_WEIGHT[a.role] + _WEIGHT[b.role]) / 2
        gained += w * sim
        weight += w
        pairs.append(Pair(a.text, b.text, sim, _basis(a, b, sim)))
    if not pairs:
        return NameComparison(0.0, (), tuple(t.text for t in left + right))
    left_over = [(p, t) for p, t in enumerate(left) if p not in used_l]
    right_over = [(p, t) for p, t in enumerate(right) if p not in used_r]

    def middle(over: list[tuple[int, Token]], count: int) -> bool:
        return any(0 < p < count - 1 and t.role is Role.NAME for p, t in over)

    both = (
        bool(left_over and right_over)
        and middle(left_over, len(left))
        and middle(right_over, len(right))
    )
    weakest = min(p.similarity for p in pairs)
    # A patronymic left on each side: two fathers, a pair at the floor.
    fathers = [
        next((p for p, t in over if t.role is Role.PATRONYMIC), None)
        for over in (left_over, right_over)
    ]
    if fathers[0] is not None and fathers[1] is not None:
        gained += _WEIGHT[Role.PATRONYMIC] * PAIR_FLOOR
        weight += _WEIGHT[Role.PATRONYMIC]
        weakest = min(weakest, PAIR_FLOOR)
    else:
        fathers = [None, None]
    unpaired = []
    for side, over, father in ((left, left_over, fathers[0]), (right, right_over, fathers[1])):
        for place, token in over:
            if place != father:
                weight += _penalty(token, len(side) - 1 if both else place, len(side))
            unpaired.append(token.text)
    if sikh(left) and sikh(right) and sikh(left) != sikh(right):
        weight += OPPOSED_SIKH
    score = (1 - _WEAKEST_SHARE) * gained / weight + _WEAKEST_SHARE * weakest * gained / weight
    return NameComparison(score, tuple(pairs), tuple(unpaired))


def plain_compare(left: Names, right: Names) -> NameComparison:
    """``compare_tokens`` as the module docstring states it, every pair measured."""
    if not left or not right:
        return NameComparison(0.0, (), ())
    single = _plain_pair(left, right, runs=False)
    if not single.unpaired or single.score >= _GOOD_ENOUGH:
        return single
    if len(left) == len(right) and not any(
        t.romanised or t.role is Role.PARTICLE for t in left + right
    ):
        return single
    joined = _plain_pair(left, right, runs=True)
    best = joined if joined.score > single.score else single
    one, many = (left, right) if len(left) == 1 else (right, left)
    if len(one) == 1 and 3 <= len(many) <= _WHOLE_MOST and best.unpaired:
        whole = _whole(many)
        if whole is not None:
            found = (
                _plain_pair(one, whole, runs=False)
                if one is left
                else _plain_pair(whole, one, runs=False)
            )
            if found.score > best.score:
                return found
    return best


CROSS_SCRIPT = [
    ("Rick Ross", "ריק רוס"),
    ("George Friedman", "조지 프리드먼"),
    ("Kuldeep Singh Maan", "ਕੁਲਦੀਪ ਸਿੰਘ ਮਾਨ"),
    ("Angelica De La Cruz", "Angelica Dela Cruz"),
    ("Bak Mi-gyeong", "박미경"),
    ("Erwin", "埃爾溫"),
    ("Seojun Park", "Park Seo-jun"),
    ("Al Haddad Omar", "Omar Alhaddad"),
    ("Tran Ngoc Hoa", "Tran Thu Hoa"),
    ("Ivan Sergeyevich Petrov", "Иван Петров"),
    ("Jean-Baptiste Rose-Marie", "Rosemarie Jeanbaptiste"),
    ("محمد عبد الرحمن", "Mohamed Abdelrahman"),
]


def _name_pairs() -> list[tuple[Names, Names]]:
    entries, spellings = world_like(300, seed=21)
    found = [(parse(a), parse(b)) for a, b in CROSS_SCRIPT]
    found += [(parse(b), parse(a)) for a, b in CROSS_SCRIPT]
    for query, want in travellers(entries, spellings, 150, seed=22):
        entry = entries[int(want.split("-")[1])]
        for left in query.parsed:
            for right in entry.parsed:
                found.append((left, right))
    rng = random.Random(23)
    for _ in range(600):
        a, b = rng.choice(entries), rng.choice(entries)
        found.append((rng.choice(a.parsed), rng.choice(b.parsed)))
    return found


def _fresh() -> None:
    compare_tokens.cache_clear()
    similarity._MEMO = similarity._Memo()


def test_the_shortcuts_compare_as_measuring_every_pair() -> None:
    _fresh()
    for left, right in _name_pairs():
        assert compare_tokens(left, right) == plain_compare(left, right), (left, right)


def _through_one_memo(pairs: list[tuple[Names, Names]]) -> list[similarity.NameComparison]:
    """Each pair compared afresh (no whole-name cache) through one memo kept from the first."""
    _fresh()
    compared = []
    for left, right in pairs:
        compare_tokens.cache_clear()
        compared.append(compare_tokens(left, right))
    return compared


def test_a_warm_memo_and_a_memo_forgotten_often_give_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pairs = _name_pairs()
    _fresh()
    cold = []
    for left, right in pairs:
        _fresh()
        cold.append(compare_tokens(left, right))
    assert _through_one_memo(pairs) == cold
    # Bounds small enough that the memo forgets its pairs, its names and all of itself many
    # times over, between and within comparisons.
    monkeypatch.setattr(similarity, "_MOST_PAIRS", 7)
    monkeypatch.setattr(similarity, "_MOST_NAMES", 3)
    monkeypatch.setattr(similarity, "_MOST_TOKENS", 20)
    assert _through_one_memo(pairs) == cold
    _fresh()


def test_a_pickled_token_is_the_same_token() -> None:
    tokens = parse("Mohammed al-Hassan ابن")
    again = pickle.loads(pickle.dumps(tokens))
    assert again == tokens
    assert [hash(t) for t in again] == [hash(t) for t in tokens]


def _race(work: Callable[[int], None], threads: int) -> None:
    """Run ``work(n)`` in ``threads`` threads released at once, switching as often as Python
    allows, so that an unguarded read-then-write is caught between its two halves."""
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        start = threading.Barrier(threads)

        def run(number: int) -> None:
            start.wait()
            work(number)

        pool = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
    finally:
        sys.setswitchinterval(switch)


def test_threads_meeting_new_tokens_give_each_its_own_id() -> None:
    """The servers compare in several threads: two tokens given one id would read each
    other's similarities."""
    memo = similarity._Memo()
    tokens = [[Token(f"t{k}x{i}", f"t{k}x{i}", Role.NAME) for i in range(2000)] for k in range(6)]
    _race(lambda k: [memo.id(token) for token in tokens[k]], 6)
    assert len(memo.ids) == 6 * 2000
    assert sorted(memo.ids.values()) == list(range(6 * 2000))
    assert all(memo.tokens[i] == token for token, i in memo.ids.items())


def test_threads_making_one_run_get_its_id() -> None:
    memo = similarity._Memo()
    handed: list[int] = []
    for trial in range(300):
        name = similarity._Name(parse(f"seo jun park{trial}"), memo)
        run = name.count  # the first run, not made yet
        _race(lambda _n, name=name, run=run: handed.append(name.unit(run, memo)[0]), 4)
    assert min(handed) >= 0
