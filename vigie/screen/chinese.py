"""How Chinese characters are written in Latin letters: one syllable a character, spelled by
the reading of whoever wrote it down. Mainland records write pinyin (黄桂英, Huang Guiying),
Taiwanese ones Wade-Giles (Hwang Kuei-ying), Hong Kong and Macau ones the Hong Kong
Government's Cantonese romanisation (Wong Kwai Ying). The three are not spellings of one another
letter by letter (Huang and Wong share one letter), so a character's readings come from
pypinyin (Mandarin: pinyin and Wade-Giles) and cantonese-romanisation (Cantonese, read from the
traditional character: ICU's ``Hans-Hant`` finds it for a simplified one).

A Latin word that is a sequence of Chinese syllables but none of a character's readings spells
another character (Qiang is not 桂英, Yong is not 黄): ``similarity`` then compares its letters
with the readings', not as a romanisation, whose every vowel is uncertain. A Latin word that is
not made of Chinese syllables (John, against 约翰) is a foreign name the characters
approximate, compared as a romanisation. Two words in characters are one name when they share
a reading (one simplified, the other traditional), and otherwise only as alike as their letters.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import cache, lru_cache
from itertools import product
from typing import TYPE_CHECKING

import icu

from vigie.screen.variants import section

if TYPE_CHECKING:
    from cantoroman import Cantonese

_local = threading.local()
# The most readings a run of characters keeps (three characters of four readings each make 64).
_MOST_READINGS = 256
# Wade-Giles' apostrophe (ch'iang) and pypinyin's v for ü (Hsü, written Hsu in passports).
_MARKS = re.compile(r"['’ʼ]")
_NOT_LETTERS = re.compile(r"[^a-z]")
_VOWELS = re.compile(r"[aeiouy]")
_SOUTHERN = (("eung", "eong"), ("iu", "iew"), ("au", "ow"), ("oi", "oy"), ("i", "ee"))


def _latin(reading: str) -> str:
    plain = unicodedata.normalize("NFKD", reading.lower().replace("ü", "u").replace("v", "u"))
    return _NOT_LETTERS.sub("", _MARKS.sub("", plain))


# The tables are read when the first Chinese name is (about 75 MB): most processes never
# see one.
@cache
def _cantonese() -> Cantonese:
    from cantoroman import Cantonese

    return Cantonese()


def _wade_giles(pinyin: str) -> str:
    from pypinyin.style.wadegiles import to_wade_glides

    return str(to_wade_glides(pinyin))


def _traditional(char: str) -> str:
    # ICU transliterators are not thread-safe, so each thread keeps its own.
    found: icu.Transliterator | None = getattr(_local, "hant", None)
    if found is None:
        found = _local.hant = icu.Transliterator.createInstance("Hans-Hant")
    return str(found.transliterate(char))


@lru_cache(maxsize=50_000)
def readings(char: str, also: str = "") -> frozenset[str]:
    """The Latin spellings of one Chinese character: its Mandarin reading in pinyin and
    Wade-Giles, its Cantonese ones in the Hong Kong Government's romanisation and as Malaysia
    and Singapore spell them, and ``also`` (its reading as a name, where that differs); empty
    for a character none lists. Cached: the tokens of a character share one set."""
    from pypinyin.pinyin_dict import pinyin_dict

    # Only the common Mandarin reading: the rare ones (英 read yang, 王 read yu) are not how
    # names are read, and would make one name of two.
    common = pinyin_dict.get(ord(char), "").split(",")[0]
    found = {_latin(common), _latin(_wade_giles(common)), also} if common else {also}
    table = _cantonese().charToRoman
    cantonese = {_latin(r) for form in {char, _traditional(char)} for r in table.get(form, ())}
    found |= cantonese
    found.update(_southern(r) for r in cantonese)
    return frozenset(r for r in found if r)


def _southern(reading: str) -> str:
    # Cantonese as Malaysian and Singaporean records spell it, in English and Malay letters:
    # Leung is Leong, Chi Chee, Siu Siew, Chau Chow, Choi Choy.
    for ending, spelled in _SOUTHERN:
        stem = reading[: -len(ending)]
        if reading.endswith(ending) and stem and stem[-1] not in "aeiou":
            return stem + spelled
    return reading


@lru_cache(maxsize=50_000)
def run_readings(chars: tuple[frozenset[str], ...]) -> frozenset[str]:
    """The Latin spellings of characters written as one word (桂英: guiying, kueiying,
    kwaiying …), each character read one way, the whole held to ``_MOST_READINGS``. Cached:
    the runs of one name, met in many comparisons, share one set."""
    found: set[str] = set()
    for parts in product(*(sorted(c) for c in chars)):
        found.add("".join(parts))
        if len(found) >= _MOST_READINGS:
            break
    return frozenset(found)


@cache
def _syllables() -> tuple[frozenset[str], int]:
    # Every Latin syllable any character reads as, and the longest.
    from pypinyin.pinyin_dict import pinyin_dict

    mandarin = {_latin(r) for value in pinyin_dict.values() for r in value.split(",")}
    found = mandarin | {_latin(_wade_giles(r)) for r in mandarin}
    found |= {_latin(r) for r in _cantonese().romanToChar}
    # Hokkien, Teochew and Korean-style spellings the variant groups list (Tan, Lim, Hwang).
    found |= section("chinese")
    # Syllables without a vowel (Cantonese m, hm, the stray d) would spell any consonant
    # cluster of a foreign name (joh n); Ng, a family name, stays.
    return frozenset(f for f in found if _VOWELS.search(f) or f == "ng"), max(map(len, found))


@lru_cache(maxsize=100_000)
def syllables(word: str) -> frozenset[int]:
    """How many Chinese syllables (pinyin, Wade-Giles or Cantonese) can spell ``word``
    (lower-case Latin letters) one after the other: kueiying two (kuei ying), qiang one, xian
    one or two (xi an), john none (empty)."""
    known, longest = _syllables()
    counts: list[set[int]] = [{0}] + [set() for _ in word]
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - longest), end):
            if counts[start] and word[start:end] in known:
                counts[end].update(c + 1 for c in counts[start])
    return frozenset(counts[-1]) if word else frozenset()
