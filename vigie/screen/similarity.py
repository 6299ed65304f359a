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

import re
import threading
from bisect import insort
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

from rapidfuzz.distance.Levenshtein import normalized_similarity as similarity

from vigie.screen.chinese import run_readings, spells, syllables
from vigie.screen.names import SIKH_NAMES, VIETNAMESE_SURNAMES, Role, Token, father, parse
from vigie.screen.phonetic import (
    VOWELS,
    fine,
    fine_consonants,
    key,
    lettered,
    nasal_n,
    reading_keys,
    readings,
    shape,
    shapes,
)
from vigie.screen.variants import canonical, kin, section

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
# An Arabic-script spelling and a Latin one that disagree on a long vowel (``long_vowels_differ``)
# are two names as often as not (Hasan and Husayn, Mahmud and Muhammad): their likeness counts
# this much.
LONG_VOWEL_SHARE = 0.75
# A Latin spelling made of Chinese syllables that is none of a character's readings
# (``_against_readings``): its likeness as a romanisation counts this much.
SYLLABLE_SHARE = 0.75
# Two patronymics whose fathers' names are less alike than this are other fathers' children
# (``token_similarity``).
FATHERS_ALIKE = 0.6
# A family name or patronymic in the other sex's form (``gendered``: Petrova for Petrov) is
# the name of a wife, daughter, sister or brother, not the same person's: its likeness counts
# this much.
GENDERED_SHARE = 0.85
# Endings of Russian, Ukrainian, Belarusian, Polish, Bulgarian and Turkic family names and
# patronymics: the kind of name each makes, and for which sex; longest first, after a stem of
# at least _GENDERED_STEM letters, in Latin, French and German spellings (Petrovitch,
# Petrowna); Czech adds -ova to the whole name (Novak, Novakova; Svoboda, Svobodova). Not -ina
# and -in, -deva and -dev, -jeeva and -jeev, nor -aya and -oy: South Asian names are written
# with and without the vowel their scripts leave unwritten (Nasrin and Nasarina, Vasudev and
# Vasudeva, Sanjeev and Sanjeeva, Sanjoy and Sanjaya), Putina, Lebedeva and Tolstaya with it.
_GENDERED_FORMS = (
    ("ichna", "patronymic", "f"), ("ovna", "patronymic", "f"), ("evna", "patronymic", "f"),
    ("ivna", "patronymic", "f"), ("owna", "patronymic", "f"), ("ewna", "patronymic", "f"),
    ("ovich", "patronymic", "m"), ("evich", "patronymic", "m"), ("ovych", "patronymic", "m"),
    ("evych", "patronymic", "m"), ("ovitch", "patronymic", "m"), ("evitch", "patronymic", "m"),
    ("owitsch", "patronymic", "m"), ("ewitsch", "patronymic", "m"), ("ich", "patronymic", "m"),
    ("skaya", "sky", "f"), ("ska", "sky", "f"), ("cka", "sky", "f"), ("dzka", "sky", "f"),
    ("skiy", "sky", "m"), ("skii", "sky", "m"), ("skyi", "sky", "m"), ("sky", "sky", "m"),
    ("ski", "sky", "m"), ("cki", "sky", "m"), ("dzki", "sky", "m"), ("ova", "ov", "f"),
    ("owa", "ov", "f"), ("ov", "ov", "m"), ("ow", "ov", "m"), ("eva", "ev", "f"),
    ("ewa", "ev", "f"), ("ev", "ev", "m"), ("ew", "ev", "m"), ("kyzy", "turkic", "f"),
    ("qyzy", "turkic", "f"), ("qizi", "turkic", "f"), ("ogly", "turkic", "m"),
    ("oglu", "turkic", "m"), ("uly", "turkic", "m"),
)  # fmt: skip
_GENDERED_STEM = 3
# Endings of Ukrainian family names by the kind of name each makes, in the Ukrainian, Russian,
# Polish, German, French, Hungarian and Czech (č read c) spellings, longest first. The ch, sh
# or ts that most stems take before them goes with the ending (Shevchenko is Shvets's,
# Savchenko Sava's; French writes ш ch: Liachenko, Lyashenko), so that what is left is the
# stem. Two names of one kind whose stems are unlike are as unlike as their stems, however
# much -chenko or -chuk they share (Savchenko is not Kravchenko, nor Kovalchuk Kravchuk); two
# names of one stem with endings of other kinds, or one with an ending and one without, are
# the names of other families (Shevchuk and Shevchenko; Koval, Kovalchuk and Kovalenko).
# Belarusian -enka is -enko (Lukashenka, Lukashenko).
_FAMILY_ENDINGS = (
    ("tschenko", "enko"), ("schenko", "enko"), ("tchenko", "enko"), ("shenko", "enko"),
    ("chenko", "enko"), ("czenko", "enko"), ("csenko", "enko"), ("cenko", "enko"),
    ("enko", "enko"), ("enka", "enko"), ("tschuk", "uk"), ("tchouk", "uk"), ("chuk", "uk"),
    ("czuk", "uk"), ("csuk", "uk"), ("cuk", "uk"), ("ouk", "uk"), ("yuk", "uk"), ("iuk", "uk"),
    ("juk", "uk"), ("uk", "uk"),
)  # fmt: skip
_FAMILY_STEM = 3
# Two stems this alike are one stem.
STEMS_ALIKE = 0.6
# Another family's name of the same stem (``other_family``): its likeness counts this much.
OTHER_ENDING_SHARE = 0.75
_LATIN_VOWELS = frozenset("aeiouy")
# Letters the romanisation of Arabic script writes for ya and for waw (anyascii's y, u and w);
# the Latin letters that can spell them; the Latin spellings that say a long i or u was
# written (not ou: French and West African spellings write it for a short u as well, as in
# Abdoulkader and Mouhamed).
_ABJAD_YA = frozenset("y")
_ABJAD_WAW = frozenset("uw")
_LATIN_YA = frozenset("iey")
_LATIN_WAW = frozenset("ouwv")
_LONG_YA = ("ee", "ii", "ei", "ey", "ai", "ay")
_LONG_WAW = ("oo", "uu", "ow")
# A romanised Arabic-script word's first consonant, one letter or a digraph, then a ya or waw
# that no alif or other ya or waw follows; and a Latin spelling's first vowels, with the w or y
# that opens them and the w or y that closes them, or the v of Turkish ev for aw (Şevket).
_FIRST_VOWEL = re.compile(r"([kgsdtz]h|[b-df-hj-np-tv-xz])([yuw])(?![ayuw])")
_LATIN_FIRST_VOWELS = re.compile(r"[^aeiouwy]+([wy]?[aeiouy]+(?:[wy]|(?<=e)v)?)")
# What a Latin spelling may write for the first long vowel: a ya is also written for the
# French u and the German ü (تيسو is Tusseau), and for the English a before one consonant and
# an e or y (Dale, Jamie, Carey; not Dani or Tasio).
_FIRST_YA = _LATIN_YA | {"u"}
_ENGLISH_A = re.compile(r"[^aeiouy]+a[^aeiouy](?:e|ie|y|ey)")
# The letters whose run ends a Latin spelling's final vowel (a final w or y among them:
# Marlowe, Henry).
_LATIN_TAIL = "aeiouwy"
# Cyrillic writes every vowel, and its romanisation writes them as Latin letters: between a
# Cyrillic spelling and a Latin one, their letters (``phonetic.lettered``: vowels as written,
# consonants by their fine class, so that the romanisation's dzh is a j or soft g) count this
# much beside their sounds. Less than between two Latin spellings (half): romanisations write
# some vowels their own way (ё as yo, e or o; ы as y or i), and drop the marks of č, š and ž.
# But not nothing, or keys and shapes that ignore vowels make one name of Gullón and Голян
# (1.0), Bolonin and Вилхунен (0.93).
CYRILLIC_LETTERS = 0.4
# Two spellings the curated variants of Arabic and Persian names list, and not as kin
# (``variants.kin``), are other names however alike their letters and sounds (Hasan and
# Huseyin 0.84, Hasan and Husseini, Ahmad and Mahmud, Jamal and Jamil): their likeness is at
# most this. Not other sections': one name in other languages is filed apart there (John,
# Juan).
OTHER_NAMES = 0.5
# Each spelling of those sections with its kin, looked up once: asked of every pair of
# tokens alike enough.
_ARABIC_KIN = {form: kin()[form] for form in section("arabic") | section("persian")}
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
# Singh in one name and Kaur in the other say a man and a woman: two persons, though both
# weigh as particles (Harpreet Singh Dhillon is not Harpreet Kaur Dhillon). It costs as much as
# a given name left over.
OPPOSED_SIKH = 1.0
_WEIGHT = {Role.NAME: 1.0, Role.PATRONYMIC: 0.6, Role.PARTICLE: 0.15, Role.INITIAL: 0.3}


class Basis(StrEnum):
    """What vouches for a pair of name parts beyond their spelling and sound."""

    SPELLING = "spelling"
    VARIANT = "variant"
    NAME_ITEM = "name item"
    READING = "reading"
    GENDERED = "gendered"
    OTHER_FAMILY = "other family"


@dataclass(frozen=True, slots=True)
class Pair:
    """Two tokens taken for the same name part, how alike they are, and on what basis: their
    spelling and sound, a curated variant (``variants``), one name item of Wikidata's
    (``names.name_groups``), or a reading of the Chinese character one was written as
    (``chinese.readings``); or what tells them apart: one is the other's form for the other
    sex (``gendered``), or another family's name of the same stem (``other_family``)."""

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


def token_similarity(a: Token, b: Token) -> float:
    """How alike two tokens are, in [0, 1] (comparisons look it up in their memo: ``_Memo``).
    Two patronymics are no more alike than their fathers' names when those are unlike, and the
    two forms of one Slavic or Turkic family name or patronymic (``gendered``) are less alike
    than their spelling says."""
    if a.canon == b.canon:
        return 1.0
    found = _alike(a, b)
    if found > OTHER_NAMES and _listed_apart(a, b):
        found = OTHER_NAMES
    one, other = _father(a), _father(b)
    if (
        one is not None
        and other is not None
        and one.canon != other.canon
        and one.groups.isdisjoint(other.groups)
        and a.groups.isdisjoint(b.groups)
    ):
        # Two patronymics of unlike fathers' names are as unlike as those names: their shared
        # ending (Yuriivna and Vitaliivna, Andreyevich and Iurevich) says nothing. Alike ones
        # are compared whole, as are those a name item lists as one (Григорович, Hryhorovych)
        # or whose fathers' names one lists (Grigoryevich and Hryhorovych: Grigory, Hryhoriy).
        fathers = _alike(one, other)
        if fathers < FATHERS_ALIKE:
            found = min(found, fathers)
    if found >= PAIR_FLOOR and _by_stems(a, b):
        found = _stems(a.text, b.text, found)
    if found >= PAIR_FLOOR and gendered(a.text, b.text):
        found *= GENDERED_SHARE
    return found


def _listed_apart(a: Token, b: Token) -> bool:
    # Whether the curated Arabic and Persian variants list the two spellings, and not as kin
    # (``variants.kin``).
    one, other = _arabic_kin(a), _arabic_kin(b)
    return bool(one) and bool(other) and one != other


def _arabic_kin(token: Token) -> str:
    # The kin of the token, as written or as its other reading (محمود is mhmud, listed as
    # mhmwd), when the Arabic or Persian section lists it; else empty.
    return _ARABIC_KIN.get(token.text) or _ARABIC_KIN.get(token.alt, "")


def _by_stems(a: Token, b: Token) -> bool:
    # Whether two tokens are compared by their stems when they have Ukrainian endings: not
    # when a name item lists them as one, nor when either is written in letters other than
    # Latin or Cyrillic, whose spellings of the endings the list does not know (Greek τσ,
    # Arabic تش and Hebrew split the word otherwise).
    return (
        a.groups.isdisjoint(b.groups)
        and (a.cyrillic or not a.romanised)
        and (b.cyrillic or not b.romanised)
    )


def _stems(a: str, b: str, found: float) -> float:
    # ``found`` for two family names with Ukrainian endings (``_FAMILY_ENDINGS``).
    one, other = family_ending(a), family_ending(b)
    if one is not None and other is not None and one[1] == other[1]:
        stems = spelling_similarity(one[0], other[0])
        return min(found, stems) if stems < STEMS_ALIKE else found
    return found * OTHER_ENDING_SHARE if other_family(a, b) else found


def other_family(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are family names of one stem with Ukrainian endings of other
    kinds, or one with such an ending and one of its stem alone: the names of other families
    (Shevchuk and Shevchenko, Koval and Kovalchuk)."""
    one, other = family_ending(a), family_ending(b)
    if one is not None and other is not None:
        if one[1] == other[1]:
            return False
        return spelling_similarity(one[0], other[0]) >= STEMS_ALIKE
    # A word without an ending is that stem alone only when it is no longer: a longer one is
    # more likely the ending spelled as the lists do not (Romanian Pendiuc for Пендюк, Hebrew
    # or Hangul letters romanised).
    if one is not None:
        bare, stem = b, one[0]
    elif other is not None:
        bare, stem = a, other[0]
    else:
        return False
    return len(bare) <= len(stem) + 1 and spelling_similarity(bare, stem) >= STEMS_ALIKE


@lru_cache(maxsize=500_000)
def family_ending(word: str) -> tuple[str, str] | None:
    """The stem of a Ukrainian family name and the kind of its ending (``savchenko`` →
    ``("sav", "enko")``, ``kowalczuk`` → ``("kowal", "uk")``), or None for a word without one."""
    for ending, kind in _FAMILY_ENDINGS:
        stem = word.removesuffix(ending)
        if stem != word:
            return (stem, kind) if len(stem) >= _FAMILY_STEM else None
    return None


@lru_cache(maxsize=100_000)
def _father(token: Token) -> Token | None:
    # A patronymic's father's name as a token written as the patronymic was, or None.
    if token.role is not Role.PATRONYMIC:
        return None
    found = parse(father(token.text))
    if len(found) != 1 or found[0].text == token.text:
        return None
    return replace(
        found[0],
        romanised=token.romanised,
        abjad=token.abjad,
        arabic=token.arabic,
        cyrillic=token.cyrillic,
    )


def gendered(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are a name's feminine and masculine forms: Petrova and Petrov,
    Ivanovna and Ivanovich, Aliyeva and Aliyev, Nurlankyzy and Nurlanuly."""
    one, other = _gendered_form(a), _gendered_form(b)
    if one is not None and other is not None and one[0] == other[0] and one[1] != other[1]:
        return True
    return _czech_feminine(a, b) or _czech_feminine(b, a)


def _czech_feminine(feminine: str, masculine: str) -> bool:
    stem = feminine.removesuffix("ova")
    if stem == feminine or len(stem) < _GENDERED_STEM:
        return False
    return stem == masculine or (masculine[-1:] in _LATIN_VOWELS and stem == masculine[:-1])


@lru_cache(maxsize=500_000)
def _gendered_form(word: str) -> tuple[str, str] | None:
    # The kind of name and the sex its ending makes, worked out once a word (``gendered`` is
    # asked of every pair of tokens that could pair).
    for ending, kind, sex in _GENDERED_FORMS:
        stem = word.removesuffix(ending)
        if stem != word:
            if len(stem) < _GENDERED_STEM or (ending == "eva" and stem.endswith(("d", "je"))):
                return None
            return kind, sex
    return None


def _alike(a: Token, b: Token) -> float:
    if (
        a.groups
        and not a.groups.isdisjoint(b.groups)
        and (a.romanised or b.romanised or _same_initial(a.text, b.text))
    ):
        return NAME_GROUP
    if a.role is Role.INITIAL or b.role is Role.INITIAL:
        short, full = (a, b) if a.role is Role.INITIAL else (b, a)
        return 0.9 if full.text.startswith(short.text) else 0.0
    if a.han and b.han:
        # Chinese characters on both sides (not the same: their pinyin would be): other
        # characters are other names, however their pinyin folds (强 and 桂英, qiang and
        # guiying) or whichever dialect reads them alike (王 and 黄 are both Wong in Cantonese).
        return similarity(a.text, b.text)
    short, full = (a, b) if len(a.text) <= len(b.text) else (b, a)
    if (
        len(short.text) == 2
        and not short.han
        and len(full.text) >= 5
        and full.text.startswith(short.text)
        and 1 not in syllables(full.text)
        and full.text not in VIETNAMESE_SURNAMES
    ):
        # Two letters that begin a long name are its abbreviation without the full stop
        # (Ma for Maria, Jo for Josephine); not when the name is one Chinese syllable or a
        # Vietnamese family name, which are no abbreviation's (Li is not Liang, nor Hu Huang,
        # nor Vu Vuong), nor when the two letters read a Chinese character (法, fa, is no
        # abbreviation of Fassi: 法西 spells it).
        return ABBREVIATION
    # A form with a canonical variant is compared as written too: Rick is filed under
    # Richard, and the Hebrew ריק (rik) must still meet it.
    forms = [(a.text, b.text)]
    if a.canon != a.text or b.canon != b.text:
        forms.append((a.canon, b.canon))
    # Another reading of a Hebrew or Arabic spelling (דוד read dvd beside dod).
    if a.alt:
        forms.append((a.alt, b.text))
    if b.alt:
        forms.append((a.text, b.alt))
    best = 0.0
    if a.romanised or b.romanised:
        vowelless = a.abjad != b.abjad
        for x, y in forms:
            found = spelling_similarity(x, y, vowelless)
            if found > best:
                best = found
        # Cyrillic against Latin: the letters count beside the sounds (CYRILLIC_LETTERS).
        cyrillic, other = (a, b) if a.cyrillic else (b, a)
        if cyrillic.cyrillic and not other.romanised:
            letters = max(similarity(lettered(x), lettered(y)) for x, y in forms)
            best = max(letters, CYRILLIC_LETTERS * letters + (1 - CYRILLIC_LETTERS) * best)
        # Only Arabic script against a name written in Latin with its vowels: Hebrew writes
        # a vav for the consonant v and a yod for a foreign e, a name romanised from a third
        # script spells its own vowels, and a Latin spelling without them has none to compare.
        arabic, other = (a, b) if a.arabic else (b, a)
        if (
            arabic.arabic
            and not other.romanised
            and not sparse(other.text)
            and long_vowels_differ(arabic.text, other.text)
        ):
            best *= LONG_VOWEL_SHARE
        han, other = (a, b) if a.han else (b, a)
        if han.han and not other.romanised:
            return _against_readings(han, other.text, best)
        return best
    if sparse(a.text) != sparse(b.text) or schwa_dropped(a.text, b.text):
        # One Latin spelling left its short vowels out (mhmd, jsprit: romanised by a table
        # that writes only what the script wrote): its consonants are all it says.
        for x, y in forms:
            found = spelling_similarity(x, y, True)
            if found > best:
                best = found
        return best
    # Two Latin spellings: their letters count as much as their sounds (Kuldeep is not
    # Gurdeep, though they sound alike once k/g and l/r are classed together).
    for x, y in forms:
        written = similarity(x, y)
        best = max(best, written, (written + spelling_similarity(x, y)) / 2)
    if min(len(a.text), len(b.text)) <= SHORT_ONSET and not _onset_agrees(a, b):
        # Latin spellings agree on the first sound of a short name; scripts disagree on it
        # (Hangul l for r, Hebrew v for w), so only two Latin spellings are held to it.
        best *= ONSET_SHARE
    return best


def _onset_agrees(a: Token, b: Token) -> bool:
    # Whether two Latin spellings begin with one sound, as written or as another reading of
    # one reads (Somali Cabdi read abdi begins as Abdi).
    pairs = [(a.text, b.text)]
    if a.alt:
        pairs.append((a.alt, b.text))
    if b.alt:
        pairs.append((a.text, b.alt))
    return any(fine(x)[:1] == fine(y)[:1] for x, y in pairs)


def _against_readings(han: Token, word: str, romanised: float) -> float:
    """A Latin ``word`` against a token of Chinese characters, read in Latin letters as its
    ``han`` readings (``chinese``), ``romanised`` being their likeness as a romanisation: 1 when
    the word spells the characters. A word of Chinese syllables that does not spell them
    spells other characters: its letters are compared with the readings', and its likeness as a
    romanisation counts SYLLABLE_SHARE of itself (Qiang is not 桂英, Kuei-ying, nor Yong 黄,
    though a romanisation's folded vowels make one of them). A word of several syllables
    against several characters is as likely a foreign name they spell syllable by syllable
    (潔達, jie da, is Jada; 戴安娜, dai an na, Diana): compared as a romanisation. A word no
    Chinese syllables spell is a foreign name: compared too with what the characters stand for
    in its transcription (``chinese.sounds``: 法西 is fasi, Fassi; 霍夫 hof, Hough)."""
    if spells(word, han.han):
        return 1.0
    counts = syllables(word)
    characters = len(han.han)
    if not counts and characters > 1 and han.sounds:
        # Characters run together, not one alone: Don is not 东 (dong read don).
        return max(romanised, spelling_similarity(han.sounds, word))
    if not counts or (characters > 1 and min(counts) > 1):
        return romanised
    letters = max(similarity(r, word) for r in run_readings(han.han))
    return max(romanised * SYLLABLE_SHARE, letters)


@lru_cache(maxsize=1_000_000)
def spelling_similarity(a: str, b: str, vowelless: bool = False) -> float:
    """How alike two spellings are: the best of their edit similarity and that of their
    phonetic keys and shapes. Cached: name parts repeat a great deal. Parts of three letters or
    fewer (Li, Wu, Wei) are compared as spelled: their keys say too little. When one of the two
    was written without its short vowels (``vowelless``: Hebrew or Arabic script against
    another), the consonant keys alone may vouch for it: its vowels were never written."""
    best = similarity(a, b)
    pa, pb = _profile(a), _profile(b)
    if min(len(a), len(b)) <= 3 and pa[0] and pb[0]:
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
    if best < HOPELESS and similarity(pa[1], pb[1]) + similarity(pa[2], pb[2]) < 2 * HOPELESS:
        # Most pairs of a comparison are a given name against a family name.
        return best
    # Without its vowels written, a spelling's fine consonants are all it says.
    sf = similarity(pa[4], pb[4]) if vowelless else similarity(pa[3], pb[3])
    # The fine shapes weigh the same whatever the readings: find the best reading first (the
    # sum of the key's and the shape's likeness; the key's alone where vowels were never
    # written), then weigh it. Readings that share a key are compared by shape only where
    # their key could still make the best.
    both = keys = 0.0
    for ka, shapes_a in pa[5]:
        for kb, shapes_b in pb[5]:
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


@lru_cache(maxsize=500_000)
def _profile(
    token: str,
) -> tuple[bool, str, str, str, str, tuple[tuple[str, tuple[str, ...]], ...]]:
    # What ``spelling_similarity`` reads of one spelling, looked up once: whether it has a
    # vowel, the key and the shape of its first reading, its fine shape, its fine consonants
    # and its readings by key.
    shape_first, key_first = readings(token)[0]
    return (
        bool(VOWELS & set(token)),
        key_first,
        shape_first,
        fine(token),
        fine_consonants(token),
        reading_keys(token),
    )


def _same_initial(a: str, b: str) -> bool:
    # A name item lists the spellings of every reading of its characters in every language:
    # one Chinese, Korean or Vietnamese item lists both Jing and Ying, Jun and Yun. Two short
    # Latin spellings (Vi and Wei) are taken for one name only when they start with the same
    # letter.
    return min(len(a), len(b)) >= GROUP_LONG or a[:1] == b[:1]


@lru_cache(maxsize=500_000)
def long_vowels_differ(abjad: str, latin: str) -> bool:
    """Whether a romanised Arabic-script spelling and a Latin one disagree on a long vowel,
    which the script writes though it leaves the short ones out: the Arabic has a ya or a waw
    inside the word that the Latin spelling shows no trace of (حسين hsyn against Hassan), or
    the Latin spelling doubles a vowel the Arabic did not write (Hosseini against حسن hsn,
    Mahmood against محمد). The script writes a final long vowel too: a final waw (or Sorani's
    ۆ) is not spelled a, e or i (Badu is not Bada, هيلينيو not Helene), and a Latin o at the
    end was written as a waw (مي, May, is not Mayo; ماكين, Makin, not Makino). A final waw may
    be silent (Amr for عمرو), a final alif, ta marbuta or ha may stand for any vowel (عبده,
    Abdo), a final a or i may be left out (خليهن for Khalihenna; هوتک, Hotak, for Hotaki), and
    so may the u that Hausa, Fula and Swahili spellings end a name with (Aminu, Oumarou)."""
    if _final_vowel_differs(abjad, latin) or _first_vowel_differs(abjad, latin):
        return True
    inner, rest = set(abjad[1:-1]), set(latin)
    if inner & _ABJAD_YA and not rest & _LATIN_YA:
        return True
    if inner & _ABJAD_WAW and not rest & _LATIN_WAW:
        return True
    tail = set(abjad[1:])
    if not tail & _ABJAD_YA and any(d in latin for d in _LONG_YA):
        return True
    return not tail & _ABJAD_WAW and any(d in latin for d in _LONG_WAW)


def _first_vowel_differs(abjad: str, latin: str) -> bool:
    # A ya or waw after the word's first consonant is its first vowel, long (تيسو, tysu, is
    # Tiso, not Tosio; بونياكوفسكي is Ponyakovsky, not Penkovsky), unless a vowel letter after
    # it makes it the consonant (زياد, Ziyad; فياض, Fayyad; كويلي, Kweli). The Latin
    # spelling's first vowels, with a w or y opening or closing them (Mwanawasa, Sawsan,
    # Zayd), must show it. Only after one consonant, or a digraph the Latin spelling writes
    # too (شيرين, Shirin, not Sharin): after two letters, a short vowel may have come between
    # them unwritten (مسيح, Masih; سهيل, romanised shyl, Suhail).
    found = _FIRST_VOWEL.match(abjad)
    if found is None or (len(found.group(1)) == 2 and not latin.startswith(found.group(1))):
        # A digraph the Latin spelling does not write may be two letters: سهيل, read shyl.
        return False
    ours = _LATIN_FIRST_VOWELS.match(latin)
    if ours is None:
        return False
    theirs = set(ours.group(1))
    if found.group(2) in _ABJAD_YA:
        return not (theirs & _FIRST_YA or _ENGLISH_A.match(latin))
    return not theirs & _LATIN_WAW


def _final_vowel_differs(abjad: str, latin: str) -> bool:
    vowels = latin[len(latin.rstrip(_LATIN_TAIL)) :]
    last = abjad[-1:]
    if last in _ABJAD_WAW or last == "o":
        # Sorani's ۆ is romanised o: a waw too.
        return bool(vowels) and not set(vowels) & _LATIN_WAW
    if last in ("a", "h"):
        return False
    return latin.endswith("o")


@lru_cache(maxsize=500_000)
def sparse(token: str) -> bool:
    """Whether ``token`` was written without most of its vowels: fewer than one vowel for every
    two consonants (mhmd, jsprit, hmdzy; but Christ and Schwarzenegger have theirs)."""
    form = shape(token)
    vowels = form.count("a")
    return len(form) - vowels > 2 * vowels + 1


@lru_cache(maxsize=500_000)
def schwa_dropped(a: str, b: str) -> bool:
    """Whether one of two Latin spellings is the other without some of the a's that follow
    its consonants (two, or one inside the word): the vowel South Asian scripts leave
    unwritten, which ISO-style tables write everywhere and anyascii nowhere (rahamana and
    rhman, sarma and srma). The one without may also have a nasal before a consonant that the
    other lacks (sadipa and smdip: ICU leaves the Gurmukhi tippi out)."""
    a, b = nasal_n(a), nasal_n(b)
    return _without_schwas(a, b) or _without_schwas(b, a)


def _without_schwas(full: str, bare: str) -> bool:
    # ``bare`` read off ``full`` letter by letter, skipping a's after consonants in ``full``
    # and nasals before a consonant in ``bare``.
    i = j = dropped = 0
    inner = False
    while i < len(full):
        letter = full[i]
        if j < len(bare) and bare[j] == letter:
            j += 1
        elif letter == "a" and i > 0 and full[i - 1] not in VOWELS:
            dropped += 1
            inner = inner or i < len(full) - 1
        elif j + 1 < len(bare) and bare[j] == "n" and bare[j + 1] == letter:
            j += 2
        else:
            return False
        i += 1
    # A final a alone is also how many names tell a woman from a man (Daniela, Daniel).
    return j == len(bare) and (dropped >= 2 or inner)


@lru_cache(maxsize=100_000)
def _short_keys(token: str) -> frozenset[str]:
    # The keys of a short part's readings that have two consonants or more (Ford read fod).
    return frozenset(k for _s, k in readings(token) if len(k) >= 2)


def sikh(tokens: tuple[Token, ...]) -> str:
    """``singh`` or ``kaur`` when ``tokens`` hold one of the two (in any listed spelling) and
    not the other, else empty."""
    found = {t.canon for t in tokens} & SIKH_NAMES
    return next(iter(found)) if len(found) == 1 else ""


def _basis(a: Token, b: Token, similarity: float) -> Basis:
    # Made only for the pairs a comparison keeps, whose ``similarity`` is exact.
    if a.text == b.text:
        return Basis.SPELLING
    if (a.han and not b.han and spells(b.text, a.han)) or (
        b.han and not a.han and spells(a.text, b.han)
    ):
        return Basis.READING
    if a.canon == b.canon:
        return Basis.VARIANT
    if gendered(a.text, b.text):
        return Basis.GENDERED
    if _by_stems(a, b) and other_family(a.text, b.text):
        return Basis.OTHER_FAMILY
    if a.groups and not a.groups.isdisjoint(b.groups) and similarity == NAME_GROUP:
        return Basis.NAME_ITEM
    return Basis.SPELLING


def _penalty(role: Role, edge: bool) -> float:
    if role in _UNPAIRED_MINOR:
        return _UNPAIRED_MINOR[role] * _WEIGHT[role]
    return _WEIGHT[role] * (_UNPAIRED_EDGE if edge else _UNPAIRED_MIDDLE)


# What an unpaired token costs by role, at either end of its name and inside it.
_EDGE_COST = {role: _penalty(role, True) for role in Role}
_MIDDLE_COST = {role: _penalty(role, False) for role in Role}


def _spans(tokens: tuple[Token, ...], runs: bool) -> list[tuple[int, int]]:
    """Where each unit of ``tokens`` starts and ends: each token, and when ``runs`` each run
    of two or three adjacent name tokens that may be written as one word (Seo-jun and
    Seojun, the unspaced 박미경 and Bak Mi-gyeong)."""
    spans = [(i, i) for i in range(len(tokens))]
    for size in (2, 3) if runs else ():
        for i in range(len(tokens) - size + 1):
            # A particle may open a run: Al Haddad is Alhaddad, De la Cruz is Delacruz; and
            # particles may run together: de la is dela.
            if all(t.role in (Role.NAME, Role.PARTICLE) for t in tokens[i : i + size]):
                spans.append((i, i + size - 1))
    return spans


def _joined(tokens: tuple[Token, ...], role: Role) -> Token:
    # Adjacent tokens written as one word, with what any of them says of its script.
    text = "".join(t.text for t in tokens)
    han = all(t.han for t in tokens)
    return Token(
        text,
        canonical(text),
        role,
        any(t.romanised for t in tokens),
        any(t.abjad for t in tokens),
        arabic=any(t.arabic for t in tokens),
        han=tuple(r for t in tokens for r in t.han) if han else (),
        cyrillic=any(t.cyrillic for t in tokens),
        sounds="".join(t.sounds for t in tokens) if han else "",
    )


def _run(tokens: tuple[Token, ...]) -> Token:
    # Adjacent tokens written as one word: a name unless it ends in a particle.
    return _joined(tokens, Role.NAME if tokens[-1].role is Role.NAME else Role.PARTICLE)


def _units(tokens: tuple[Token, ...], runs: bool) -> tuple[tuple[int, int, Token], ...]:
    """Each unit of ``tokens`` (``_spans``) as ``(first, last, token)``, a run as one token."""
    return tuple(
        (i0, i1, tokens[i0] if i0 == i1 else _run(tokens[i0 : i1 + 1]))
        for i0, i1 in _spans(tokens, runs)
    )


class _Name:
    """A parsed name as the pairing reads it, worked out once: its tokens, then its runs
    (``_spans``), as parallel sequences (token ids, how many tokens past the first each unit
    spans, the tokens each covers as a bit mask, their weights), and what an unpaired token
    costs at each place. A run's token and id are made when a pairing first measures it (most
    never are): until then its id is -1."""

    __slots__ = (
        "count",
        "edge_penalties",
        "full",
        "ids",
        "masks",
        "middle",
        "penalties",
        "plain",
        "run_masks",
        "sikh",
        "sizes",
        "spans",
        "tokens",
        "unit_tokens",
        "weights",
    )

    def __init__(self, tokens: tuple[Token, ...], memo: _Memo) -> None:
        count = len(tokens)
        last = count - 1
        spans = _spans(tokens, runs=True)
        runs = len(spans) - count
        ids, weights, penalties, edge_penalties, middle = [], [], [], [], []
        plain = True
        for place, token in enumerate(tokens):
            role = token.role
            ids.append(memo.id(token))
            weights.append(_WEIGHT[role])
            edge = _EDGE_COST[role]
            edge_penalties.append(edge)
            inner = 0 < place < last
            penalties.append(_MIDDLE_COST[role] if inner else edge)
            middle.append(inner and role is Role.NAME)
            if token.romanised or role is Role.PARTICLE:
                plain = False
        for _i0, i1 in spans[count:]:
            ids.append(-1)
            weights.append(_WEIGHT[Role.NAME if tokens[i1].role is Role.NAME else Role.PARTICLE])
        masks = tuple((2 << i1) - (1 << i0) for i0, i1 in spans)
        self.tokens = tokens
        self.count = count
        self.spans = spans
        self.unit_tokens: list[Token | None] = [*tokens, *[None] * runs]
        self.ids = ids
        self.sizes = tuple(i1 - i0 for i0, i1 in spans)
        self.masks = masks
        self.run_masks = masks[count:]
        self.weights = weights
        self.full = (1 << count) - 1
        self.penalties = penalties
        self.edge_penalties = edge_penalties
        self.middle = middle
        # Latin spellings without particles: runs are not tried between two such names of
        # as many words (``compare_tokens``).
        self.plain = plain
        self.sikh = sikh(tokens)

    def unit(self, index: int, memo: _Memo) -> tuple[int, Token]:
        """The id and token of the unit at ``index``, made now if it is a run not made yet."""
        # Read both before trusting either: another thread may have made the run and not yet
        # its id (making it twice gives the same token and id).
        found, ident = self.unit_tokens[index], self.ids[index]
        if found is None or ident < 0:
            i0, i1 = self.spans[index]
            found = self.unit_tokens[index] = _run(self.tokens[i0 : i1 + 1])
            ident = self.ids[index] = memo.id(found)
        return ident, found


# Bounds of what a process memoises (``_Memo``): token ids (as a pair's key is the two ids
# side by side, below _ID_STRIDE), pairs of tokens, and names.
_MOST_TOKENS = 500_000
_ID_STRIDE = 1 << 19
_MOST_PAIRS = 2_000_000
_MOST_NAMES = 200_000


class _Memo:
    """What comparisons in this process work out once and look up after: an id for each
    token met, so that a pair of tokens is one integer, the similarity of each pair of token
    ids (or 0 when a pair is below ``PAIR_FLOOR``), and each name as ``_Name``. Name parts
    repeat a great deal in a batch. Bounded: the pairs and the names are forgotten when there
    are more than _MOST_PAIRS or _MOST_NAMES, and the whole memo when there are more than
    _MOST_TOKENS tokens (``_memo``); a comparison keeps the memo it started with."""

    __slots__ = ("ids", "lock", "names", "sims", "tokens")

    def __init__(self) -> None:
        # The web and API servers compare in several threads: two new tokens must not be
        # given one id (a token's hash runs Python code, so a thread may switch mid-insert).
        self.lock = threading.Lock()
        self.ids: dict[Token, int] = {}
        self.tokens: list[Token] = []
        self.sims: dict[int, float] = {}
        self.names: dict[tuple[Token, ...], _Name] = {}

    def id(self, token: Token) -> int:
        """The id of ``token`` (of any token equal to it)."""
        found = self.ids.get(token)
        if found is None:
            with self.lock:
                found = self.ids.get(token)
                if found is None:
                    found = self.ids[token] = len(self.tokens)
                    self.tokens.append(token)
        return found

    def name(self, tokens: tuple[Token, ...]) -> _Name:
        """``tokens`` as the pairing reads them."""
        found = self.names.get(tokens)
        if found is None:
            if len(self.names) >= _MOST_NAMES:
                self.names.clear()
            found = self.names[tokens] = _Name(tokens, self)
        return found


_MEMO = _Memo()


def _memo() -> _Memo:
    global _MEMO
    if len(_MEMO.tokens) > _MOST_TOKENS:
        _MEMO = _Memo()
    return _MEMO


class _Pairing:
    """The outcome of ``_pair`` before it is worded: the score, the pairs kept (unit indexes
    and similarity) and the tokens each side paired, as bit masks."""

    __slots__ = ("kept", "left", "right", "score", "used_left", "used_right")

    def __init__(
        self,
        left: _Name,
        right: _Name,
        score: float,
        kept: list[tuple[int, int, float]],
        used_left: int,
        used_right: int,
    ) -> None:
        self.left = left
        self.right = right
        self.score = score
        self.kept = kept
        self.used_left = used_left
        self.used_right = used_right

    def perfect(self) -> tuple[int, int]:
        """The tokens of each side (bit masks) that pairs of similarity 1 took."""
        left = right = 0
        for li, ri, sim in self.kept:
            if sim == 1.0:
                left |= self.left.masks[li]
                right |= self.right.masks[ri]
        return left, right

    @property
    def complete(self) -> bool:
        """Whether every token of both names was paired."""
        return self.used_left == self.left.full and self.used_right == self.right.full

    def comparison(self) -> NameComparison:
        """The pairing as a ``NameComparison``."""
        left, right = self.left, self.right
        if not self.kept:
            texts = tuple(t.text for t in left.tokens + right.tokens)
            return NameComparison(0.0, (), texts)
        pairs = []
        for li, ri, sim in self.kept:
            a, b = left.unit_tokens[li], right.unit_tokens[ri]
            assert a is not None and b is not None
            pairs.append(Pair(a.text, b.text, sim, _basis(a, b, sim)))
        unpaired = [
            t.text
            for name, used in ((left, self.used_left), (right, self.used_right))
            for p, t in enumerate(name.tokens)
            if not used >> p & 1
        ]
        return NameComparison(self.score, tuple(pairs), tuple(unpaired))


@lru_cache(maxsize=200_000)
def compare_tokens(left: tuple[Token, ...], right: tuple[Token, ...]) -> NameComparison:
    """Compare two parsed names (see the module docstring for the rule); cached, as the same
    names meet again and again in a batch."""
    if not left or not right:
        return NameComparison(0.0, (), ())
    memo = _memo()
    lone, rone = memo.name(left), memo.name(right)
    line = _line(memo, lone, rone)
    single = _take(memo, lone, rone, line.copy())
    if single.complete or single.score >= _GOOD_ENOUGH:
        return single.comparison()
    if len(left) == len(right) and lone.plain and rone.plain:
        # Two Latin spellings with as many words each: a run on one side would leave a word
        # over on the other. Runs matter across scripts (Hangul unspaced, Hebrew split).
        return single.comparison()
    perfect_l, perfect_r = single.perfect()
    if all(m & perfect_l for m in lone.run_masks) and all(m & perfect_r for m in rone.run_masks):
        # Pairing with runs takes the perfect pairs first, as the single pairing did, and
        # then every run holds a token they took: it can only end as the single pairing.
        best = single
    else:
        # The pairs of single tokens are those of the single pairing: only the runs' are added.
        line.extend(_run_line(memo, lone, rone))
        line.sort()
        joined = _take(memo, lone, rone, line)
        best = joined if joined.score > single.score else single
    one, many = (left, right) if len(left) == 1 else (right, left)
    if len(one) == 1 and 3 <= len(many) <= _WHOLE_MOST and not best.complete:
        # One word against a name of three syllables or more, written apart (a foreign name in
        # Chinese characters: 埃爾溫, ai er wen, is Erwin): the whole name may be that word,
        # though two of its syllables alone spell it better (erwen).
        whole = _whole(many)
        if whole is not None:
            mine, theirs = memo.name(one), memo.name(whole)
            found = _pair(memo, mine, theirs) if one is left else _pair(memo, theirs, mine)
            if found.score > best.score:
                return found.comparison()
    return best.comparison()


def _whole(tokens: tuple[Token, ...]) -> tuple[Token, ...] | None:
    # The tokens of a name written as one word, when they are all names or particles.
    units = _units(tokens, runs=True)
    found = [t for i0, i1, t in units if i0 == 0 and i1 == len(tokens) - 1]
    if found:
        return (found[0],)
    if not all(t.role in (Role.NAME, Role.PARTICLE) for t in tokens):
        return None
    return (_joined(tokens, Role.NAME),)


# A pair of units waiting to be taken (``_take``): its similarity, or 1 when not yet measured;
# minus how many tokens past the first it spans; the two units' indexes; whether measured.
_Waiting = tuple[float, int, int, int, bool]


def _line(memo: _Memo, left: _Name, right: _Name) -> list[_Waiting]:
    """Each token of ``left`` against each token of ``right``, sorted: a pair below the floor
    is left out, a pair not yet in the memo waits as if perfect."""
    sims = memo.sims
    if len(sims) >= _MOST_PAIRS:
        sims.clear()
    get = sims.get
    canons = [t.canon for t in right.tokens]
    rids = right.ids[: right.count]
    line = []
    for li, ia in enumerate(left.ids[: left.count]):
        base = ia * _ID_STRIDE
        canon = left.tokens[li].canon
        for ri, ib in enumerate(rids):
            sim = get(base + ib)
            if sim is None:
                if canon == canons[ri]:
                    # The same canonical form: perfect, and known at once to come first.
                    sims[base + ib] = 1.0
                    line.append((1.0, 0, li, ri, True))
                else:
                    line.append((1.0, 0, li, ri, False))
            elif sim >= PAIR_FLOOR:
                line.append((sim, 0, li, ri, True))
    line.sort()
    return line


def _run_line(memo: _Memo, left: _Name, right: _Name) -> list[_Waiting]:
    """Each run of either name against each token of the other (two runs would make one word
    of two whole names, whose keys say next to nothing: Guo Wei and Awa Gueye), as ``_line``."""
    get = memo.sims.get
    line = []
    for runs, tokens, on_left in ((left, right, True), (right, left, False)):
        ids = tokens.ids[: tokens.count]
        for u in range(runs.count, len(runs.ids)):
            run, size = runs.ids[u], -runs.sizes[u]
            for t, other in enumerate(ids):
                key = run * _ID_STRIDE + other if on_left else other * _ID_STRIDE + run
                sim = None if run < 0 else get(key)
                li, ri = (u, t) if on_left else (t, u)
                if sim is None:
                    line.append((1.0, size, li, ri, False))
                elif sim >= PAIR_FLOOR:
                    line.append((sim, size, li, ri, True))
    return line


def _pair(memo: _Memo, left: _Name, right: _Name) -> _Pairing:
    # Two names of single tokens (no runs) paired.
    return _take(memo, left, right, _line(memo, left, right))


def _take(memo: _Memo, left: _Name, right: _Name, line: list[_Waiting]) -> _Pairing:
    # The pairs taken best first from ``line`` (sorted, taken from the end), each token in one
    # pair at most. A pair not yet measured waits as if perfect and is measured only when it
    # comes first with its tokens still free: most are never measured, their tokens taken by
    # then (after Khan with Khan, no run holding either Khan), and the pairs taken are those
    # of measuring them all.
    sims = memo.sims
    lmasks, rmasks, lweights, rweights = left.masks, right.masks, left.weights, right.weights
    lfull, rfull = left.full, right.full
    used_l = used_r = 0
    kept: list[tuple[int, int, float]] = []
    gained = 0.0
    weight = 0.0
    while line:
        sim, size, li, ri, measured = line.pop()
        lmask, rmask = lmasks[li], rmasks[ri]
        if lmask & used_l or rmask & used_r:
            continue
        if not measured:
            (ia, a), (ib, b) = left.unit(li, memo), right.unit(ri, memo)
            key = ia * _ID_STRIDE + ib
            found = sims.get(key)
            if found is None:
                # Pairs below the floor are never taken: only whether they are below it counts.
                found = token_similarity(a, b)
                sims[key] = found = found if found >= PAIR_FLOOR else 0.0
            if found >= PAIR_FLOOR:
                insort(line, (found, size, li, ri, True))
            continue
        used_l |= lmask
        used_r |= rmask
        w = (lweights[li] + rweights[ri]) / 2
        gained += w * sim
        weight += w
        kept.append((li, ri, sim))
        if used_l == lfull or used_r == rfull:
            break
    if not kept:
        return _Pairing(left, right, 0.0, kept, 0, 0)
    # A middle name on each side that meets none on the other says another person (Tran Ngoc
    # Hoa and Tran Thu Hoa); a middle name missing from one side does not.
    over_l = [p for p in range(left.count) if not used_l >> p & 1]
    over_r = [p for p in range(right.count) if not used_r >> p & 1]
    both = (
        bool(over_l and over_r)
        and any(left.middle[p] for p in over_l)
        and any(right.middle[p] for p in over_r)
    )
    weakest = min(sim for _li, _ri, sim in kept)
    # A patronymic on each side that meets none on the other names two fathers: they count as
    # a pair as unlike as any pair taken, not as two patronymics left out (Oleksandrivna and
    # Yuriivna must not make two names more alike than Andriivna and Volodymyrivna do).
    father_l = next((p for p in over_l if left.tokens[p].role is Role.PATRONYMIC), None)
    father_r = next((p for p in over_r if right.tokens[p].role is Role.PATRONYMIC), None)
    if father_l is not None and father_r is not None:
        over_l.remove(father_l)
        over_r.remove(father_r)
        gained += _WEIGHT[Role.PATRONYMIC] * PAIR_FLOOR
        weight += _WEIGHT[Role.PATRONYMIC]
        weakest = min(weakest, PAIR_FLOOR)
    for side, over in ((left, over_l), (right, over_r)):
        penalties = side.edge_penalties if both else side.penalties
        for p in over:
            weight += penalties[p]
    if left.sikh and right.sikh and left.sikh != right.sikh:
        weight += OPPOSED_SIKH
    score = (1 - _WEAKEST_SHARE) * gained / weight + _WEAKEST_SHARE * weakest * gained / weight
    return _Pairing(left, right, score, kept, used_l, used_r)


def compare(left: str, right: str) -> NameComparison:
    """Compare two names written in any script."""
    return compare_tokens(parse(left), parse(right))
