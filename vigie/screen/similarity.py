"""Comparing two names token by token, whatever their order, script or spelling.

Each pair of tokens gets a similarity in [0, 1]: 1 for the same canonical variant or one name
item of Wikidata's (``names.name_groups``), otherwise the best of the edit similarity of their
Latin spellings and of their phonetic keys and shapes over all their readings (``phonetic``),
a fifth of which their fine shapes make. Tokens are then paired best first. What is left
unpaired counts against the match by where it stands: a missing first or last token is
usually a different given or family name (John Wayne is not John Wayne Gacy), a missing
middle name, patronymic, particle or initial usually is not; but a middle name on each side,
the two unlike, counts as much as a missing first or last name (Tran Ngoc Hoa is not Tran Thu Hoa).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from rapidfuzz.distance.Levenshtein import normalized_similarity as similarity

from vigie.screen.names import Role, Token, parse
from vigie.screen.phonetic import (
    fine,
    fine_consonants,
    key,
    reading_keys,
    readings,
    shape,
    shapes,
)
from vigie.screen.variants import canonical

_VOWELS = frozenset("aeiou")
# Token runs are tried only when word-for-word pairing leaves tokens over and scores below this.
_GOOD_ENOUGH = 0.95
SHORT_KEY_MATCH = 0.9
SHORT_SHAPE_MATCH = 0.8
ABBREVIATION = 0.85
# Two spellings of one name item of Wikidata (rigour's name tables).
NAME_GROUP = 1.0
# Spellings this long are taken for one name whenever a name item lists both.
GROUP_LONG = 5
# What consonant keys alone are worth when one spelling never had its short vowels written.
VOWELLESS_SHARE = 0.85
# Share of a phonetic comparison that the fine shapes make: the coarse classes alone would
# make one name of Joju and Sedza (both SaSa).
FINE_SHARE = 0.2
# Two short Latin spellings (five letters or fewer) that begin with another sound are seldom
# one name (Wang and Yang, Li and Yi): their likeness counts this much.
SHORT_ONSET = 5
ONSET_SHARE = 0.85
# Two spellings this unlike as written and as first read are not compared by their other
# readings: those change a letter or two, not that.
HOPELESS = 0.4
# Below this a pair of tokens is not a pairing at all.
PAIR_FLOOR = 0.4
# How much an unpaired token weighs against the match, by role and place.
_UNPAIRED_EDGE = 1.0
_UNPAIRED_MIDDLE = 0.35
_UNPAIRED_MINOR = {Role.PARTICLE: 0.1, Role.INITIAL: 0.2, Role.PATRONYMIC: 0.3}
# The most tokens a name may have for all of them to be tried as one word against one.
_WHOLE_MOST = 5
# Share of the score that the least alike pair scales: two half-alike pairs are weaker evidence
# than one exact pair and one that is not alike at all.
_WEAKEST_SHARE = 0.5
_WEIGHT = {Role.NAME: 1.0, Role.PATRONYMIC: 0.6, Role.PARTICLE: 0.15, Role.INITIAL: 0.3}


class Basis(StrEnum):
    """What vouches for a pair of name parts beyond their spelling and sound."""

    SPELLING = "spelling"
    VARIANT = "variant"
    NAME_ITEM = "name item"


@dataclass(frozen=True, slots=True)
class Pair:
    """Two tokens taken for the same name part, how alike they are, and on what basis: their
    spelling and sound, a curated variant (``variants``), or one name item of Wikidata's
    (``names.name_groups``)."""

    left: str
    right: str
    similarity: float
    basis: Basis = Basis.SPELLING


@dataclass(frozen=True, slots=True)
class NameComparison:
    """The outcome of comparing two names: a score in [0, 1], the pairs and the leftovers."""

    score: float
    pairs: tuple[Pair, ...]
    unpaired: tuple[str, ...]


@lru_cache(maxsize=2_000_000)
def token_similarity(a: Token, b: Token) -> float:
    """How alike two tokens are, in [0, 1]. Cached: name parts repeat a great deal."""
    if a.canon == b.canon:
        return 1.0
    if (
        a.groups
        and not a.groups.isdisjoint(b.groups)
        and (a.romanised or b.romanised or _same_initial(a.text, b.text))
    ):
        return NAME_GROUP
    if a.role is Role.INITIAL or b.role is Role.INITIAL:
        short, full = (a, b) if a.role is Role.INITIAL else (b, a)
        return 0.9 if full.text.startswith(short.text) else 0.0
    short, full = (a, b) if len(a.text) <= len(b.text) else (b, a)
    if len(short.text) == 2 and len(full.text) >= 5 and full.text.startswith(short.text):
        # Two letters that begin a long name are its abbreviation without the full stop
        # (Ma for Maria, Jo for Josephine).
        return ABBREVIATION
    # A form with a canonical variant is compared as written too: Rick is filed under
    # Richard, and the Hebrew ריק (rik) must still meet it.
    forms = {(a.canon, b.canon), (a.text, b.text)}
    # Another reading of a Hebrew or Arabic spelling (דוד read dvd beside dod).
    if a.alt:
        forms.add((a.alt, b.text))
    if b.alt:
        forms.add((a.text, b.alt))
    if a.romanised or b.romanised:
        vowelless = a.abjad != b.abjad
        return max(spelling_similarity(x, y, vowelless) for x, y in forms)
    if sparse(a.text) != sparse(b.text):
        # One Latin spelling left its short vowels out (mhmd, jsprit: romanised by a table
        # that writes only what the script wrote): its consonants are all it says.
        return max(spelling_similarity(x, y, True) for x, y in forms)
    # Two Latin spellings: their letters count as much as their sounds (Kuldeep is not
    # Gurdeep, though they sound alike once k/g and l/r are classed together).
    best = 0.0
    for x, y in forms:
        written = Levenshtein.normalized_similarity(x, y)
        best = max(best, written, (written + spelling_similarity(x, y)) / 2)
    if min(len(a.text), len(b.text)) <= SHORT_ONSET and fine(a.text)[:1] != fine(b.text)[:1]:
        # Latin spellings agree on the first sound of a short name; scripts disagree on it
        # (Hangul l for r, Hebrew v for w), so only two Latin spellings are held to it.
        best *= ONSET_SHARE
    return best


@lru_cache(maxsize=1_000_000)
def spelling_similarity(a: str, b: str, vowelless: bool = False) -> float:
    """How alike two spellings are: the best of their edit similarity and that of their
    phonetic keys and shapes. Cached: name parts repeat a great deal. Parts of three letters or
    fewer (Li, Wu, Wei) are compared as spelled: their keys say too little. When one of the two
    was written without its short vowels (``vowelless``: Hebrew or Arabic script against
    another), the consonant keys alone may vouch for it: its vowels were never written."""
    best = similarity(a, b)
    if min(len(a), len(b)) <= 3 and _VOWELS & set(a) and _VOWELS & set(b):
        # Short parts with their vowels written (Li, Wu, Wei) share keys by chance; only an
        # exact key of two consonants or more vouches for them. Unvocalised parts (mr for
        # Omar, from Arabic script) have nothing but their consonants to go by.
        ka, kb = key(a), key(b)
        if (ka == kb and len(ka) >= 2) or _short_keys(a) & _short_keys(b):
            return max(best, SHORT_KEY_MATCH)
        # The same consonants in the same places among vowels spelled otherwise (Leo and
        # Liao, An and Aen, Ana and Anna) are less sure: a single consonant says little.
        if ka and not set(shapes(a)).isdisjoint(shapes(b)):
            return max(best, SHORT_SHAPE_MATCH)
        return best
    (sa, ka), (sb, kb) = readings(a)[0], readings(b)[0]
    if best < HOPELESS and similarity(ka, kb) + similarity(sa, sb) < 2 * HOPELESS:
        # Most pairs of a comparison are a given name against a family name.
        return best
    # Without its vowels written, a spelling's fine consonants are all it says.
    sf = similarity(*(fine_consonants(a), fine_consonants(b)) if vowelless else (fine(a), fine(b)))
    # The fine shapes weigh the same whatever the readings: find the best reading first (the
    # sum of the key's and the shape's likeness; the key's alone where vowels were never
    # written), then weigh it. Readings that share a key are compared by shape only where
    # their key could still make the best.
    both = keys = 0.0
    for ka, shapes_a in reading_keys(a):
        for kb, shapes_b in reading_keys(b):
            sk = similarity(ka, kb)
            if vowelless and sk > keys and len(ka) >= 2 and len(kb) >= 2:
                keys = sk
            if sk + 1.0 <= both:
                continue
            for sa in shapes_a:
                for sb in shapes_b:
                    pair = sk + similarity(sa, sb)
                    if pair > both:
                        both = pair
        if both >= 2.0 and not vowelless:
            break
    best = max(best, (1 - FINE_SHARE) * both / 2 + FINE_SHARE * sf)
    if keys:
        best = max(best, VOWELLESS_SHARE * ((1 - FINE_SHARE) * keys + FINE_SHARE * sf))
    return best


def _same_initial(a: str, b: str) -> bool:
    # A name item lists the spellings of every reading of its characters in every language:
    # one Chinese, Korean or Vietnamese item lists both Jing and Ying, Jun and Yun. Two short
    # Latin spellings (Vi and Wei) are taken for one name only when they start with the same
    # letter.
    return min(len(a), len(b)) >= GROUP_LONG or a[:1] == b[:1]


@lru_cache(maxsize=500_000)
def sparse(token: str) -> bool:
    """Whether ``token`` was written without most of its vowels: fewer than one vowel for every
    two consonants (mhmd, jsprit, hmdzy; but Christ and Schwarzenegger have theirs)."""
    form = shape(token)
    vowels = form.count("a")
    return len(form) - vowels > 2 * vowels + 1


@lru_cache(maxsize=100_000)
def _short_keys(token: str) -> frozenset[str]:
    # The keys of a short part's readings that have two consonants or more (Ford read fod).
    return frozenset(k for _s, k in readings(token) if len(k) >= 2)


def _basis(a: Token, b: Token) -> Basis:
    # Cheap checks, made for every pair of every comparison: most are never read.
    if a.text == b.text:
        return Basis.SPELLING
    if a.canon == b.canon:
        return Basis.VARIANT
    if a.groups and not a.groups.isdisjoint(b.groups) and token_similarity(a, b) == NAME_GROUP:
        return Basis.NAME_ITEM
    return Basis.SPELLING


def _middle_name(over: list[tuple[int, Token]], count: int) -> bool:
    return any(0 < p < count - 1 and t.role is Role.NAME for p, t in over)


def _penalty(token: Token, place: int, count: int) -> float:
    if token.role in _UNPAIRED_MINOR:
        return _UNPAIRED_MINOR[token.role] * _WEIGHT[token.role]
    edge = place in (0, count - 1)
    return _WEIGHT[token.role] * (_UNPAIRED_EDGE if edge else _UNPAIRED_MIDDLE)


@lru_cache(maxsize=200_000)
def _units(tokens: tuple[Token, ...], runs: bool) -> tuple[tuple[int, int, Token], ...]:
    """Each token, and when ``runs`` each run of two or three adjacent name tokens written as
    one word (Seo-jun and Seojun, the unspaced 박미경 and Bak Mi-gyeong): ``(first, last,
    token)``. Cached, so that a run is the same object whenever its name meets another: the
    comparison caches then find it at once."""
    units = [(i, i, t) for i, t in enumerate(tokens)]
    for size in (2, 3) if runs else ():
        for i in range(len(tokens) - size + 1):
            run = tokens[i : i + size]
            # A particle may open a run: Al Haddad is Alhaddad, De la Cruz is Delacruz; and
            # particles may run together: de la is dela.
            if all(t.role in (Role.NAME, Role.PARTICLE) for t in run):
                text = "".join(t.text for t in run)
                romanised = any(t.romanised for t in run)
                abjad = any(t.abjad for t in run)
                role = Role.NAME if run[-1].role is Role.NAME else Role.PARTICLE
                units.append(
                    (i, i + size - 1, Token(text, canonical(text), role, romanised, abjad))
                )
    return tuple(units)


@lru_cache(maxsize=200_000)
def compare_tokens(left: tuple[Token, ...], right: tuple[Token, ...]) -> NameComparison:
    """Compare two parsed names (see the module docstring for the rule); cached, as the same
    names meet again and again in a batch."""
    if not left or not right:
        return NameComparison(0.0, (), ())
    single = _pair(left, right, runs=False)
    if not single.unpaired or single.score >= _GOOD_ENOUGH:
        return single
    if len(left) == len(right) and not any(
        t.romanised or t.role is Role.PARTICLE for t in left + right
    ):
        # Two Latin spellings with as many words each: a run on one side would leave a word
        # over on the other. Runs matter across scripts (Hangul unspaced, Hebrew split).
        return single
    joined = _pair(left, right, runs=True)
    best = joined if joined.score > single.score else single
    one, many = (left, right) if len(left) == 1 else (right, left)
    if len(one) == 1 and 3 <= len(many) <= _WHOLE_MOST and best.unpaired:
        # One word against a name of three syllables or more, written apart (a foreign name in
        # Chinese characters: 埃爾溫, ai er wen, is Erwin): the whole name may be that word,
        # though two of its syllables alone spell it better (erwen).
        whole = _whole(many)
        if whole is not None:
            found = _pair(one, whole, runs=False) if one is left else _pair(whole, one, runs=False)
            if found.score > best.score:
                return found
    return best


def _whole(tokens: tuple[Token, ...]) -> tuple[Token, ...] | None:
    # The tokens of a name written as one word, when they are all names or particles.
    units = _units(tokens, runs=True)
    found = [t for i0, i1, t in units if i0 == 0 and i1 == len(tokens) - 1]
    if found:
        return (found[0],)
    if not all(t.role in (Role.NAME, Role.PARTICLE) for t in tokens):
        return None
    text = "".join(t.text for t in tokens)
    romanised = any(t.romanised for t in tokens)
    abjad = any(t.abjad for t in tokens)
    return (Token(text, canonical(text), Role.NAME, romanised, abjad),)


def _pair(left: tuple[Token, ...], right: tuple[Token, ...], runs: bool) -> NameComparison:
    lunits, runits = _units(left, runs), _units(right, runs)
    scored = sorted(
        (
            (token_similarity(a, b), -(i1 - i0) - (j1 - j0), li, ri)
            for li, (i0, i1, a) in enumerate(lunits)
            for ri, (j0, j1, b) in enumerate(runits)
            # A run meets one token: two runs would make one word of two whole names, whose
            # keys say next to nothing (Guo Wei and Awa Gueye).
            if i0 == i1 or j0 == j1
        ),
        reverse=True,
    )
    used_l: set[int] = set()
    used_r: set[int] = set()
    pairs: list[Pair] = []
    gained = 0.0
    weight = 0.0
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
        pairs.append(Pair(a.text, b.text, sim, _basis(a, b)))
    if not pairs:
        return NameComparison(0.0, (), tuple(t.text for t in left + right))
    unpaired: list[str] = []
    left_over = [(p, t) for p, t in enumerate(left) if p not in used_l]
    right_over = [(p, t) for p, t in enumerate(right) if p not in used_r]
    # A middle name on each side that meets none on the other says another person (Tran Ngoc
    # Hoa and Tran Thu Hoa); a middle name missing from one side does not.
    both = (
        bool(left_over and right_over)
        and _middle_name(left_over, len(left))
        and _middle_name(right_over, len(right))
    )
    for side, over in ((left, left_over), (right, right_over)):
        for place, token in over:
            weight += _penalty(token, len(side) - 1 if both else place, len(side))
            unpaired.append(token.text)
    weakest = min(p.similarity for p in pairs)
    score = (1 - _WEAKEST_SHARE) * gained / weight + _WEAKEST_SHARE * weakest * gained / weight
    return NameComparison(score, tuple(pairs), tuple(unpaired))


def compare(left: str, right: str) -> NameComparison:
    """Compare two names written in any script."""
    return compare_tokens(parse(left), parse(right))
