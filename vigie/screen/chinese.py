"""How Chinese characters are written in Latin letters: one syllable a character, spelled by
the reading of whoever wrote it down. Mainland records write pinyin (黄桂英, Huang Guiying),
Taiwanese ones Wade-Giles (Hwang Kuei-ying), Hong Kong and Macau ones the Hong Kong
Government's Cantonese romanisation (Wong Kwai Ying), Malaysian and Singaporean ones these in
English and Malay letters (Wong Kwai Yeng, Lee, Liew, Loong). The spellings are not one
another's letter by letter (Huang and Wong share one), so each character's readings are looked
up: Mandarin from pypinyin (pinyin, and Wade-Giles and Gwoyeu Romatzyh from it: Taiwan's Ma
Ying-jeou), Cantonese from cantonese-romanisation (its Jyutping, spelled the Hong Kong way by
``_hong_kong``, and its own romanisation), on the traditional character that ICU's
``Hans-Hant`` gives for a simplified one. Hokkien and Teochew spellings (Tan, Lim, Goh) are not
readings here: the variant groups hold them.

A Latin word that is a sequence of Chinese syllables but does not spell a word's characters
spells other characters (Qiang is not 桂英, Yong is not 黄): ``similarity`` then compares its
letters with the readings', not as a romanisation, whose every vowel is uncertain. A Latin word
that is not made of Chinese syllables (John, against 约翰) is a foreign name the characters
approximate, compared as a romanisation.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import product
from typing import TYPE_CHECKING

import icu

from vigie.screen.variants import section

if TYPE_CHECKING:
    from cantoroman import Cantonese

_local = threading.local()
# The most spellings of a run of characters ``run_readings`` keeps, for comparing letters.
_MOST_READINGS = 256
# Wade-Giles' apostrophe (ch'iang), which records leave out.
_MARKS = re.compile(r"['’ʼ]")
_NOT_LETTERS = re.compile(r"[^a-z]")
_VOWELS = re.compile(r"[aeiouy]")
_SOUTHERN = (
    ("eung", "eong"), ("iu", "iew"), ("au", "ow"), ("oi", "oy"), ("ing", "eng"),
    ("ong", "oong"), ("ung", "oong"), ("ung", "ong"), ("i", "ee"),
)  # fmt: skip
# Jyutping initials and finals as the Hong Kong Government's romanisation spells them, with
# the spellings it also uses (Chan and Chun for the short a before n: 陳, 振; Tsz and Chi for
# the vowel after z and c: 子, 志).
_JYUTPING_INITIALS = {
    "b": ("p",), "p": ("p",), "m": ("m",), "f": ("f",), "d": ("t",), "t": ("t",),
    "n": ("n",), "l": ("l",), "g": ("k",), "k": ("k",), "ng": ("ng",), "h": ("h",),
    "gw": ("kw",), "kw": ("kw",), "w": ("w",), "z": ("ch", "ts"), "c": ("ch", "ts"),
    "s": ("s", "sh"), "j": ("y",), "": ("",),
}  # fmt: skip
_JYUTPING_FINALS = {
    "aa": ("a", "ar"), "aai": ("ai",), "aau": ("au",), "aam": ("am",), "aan": ("an",),
    "aang": ("ang",), "aap": ("ap",), "aat": ("at",), "aak": ("ak",), "ai": ("ai",),
    "au": ("au",), "am": ("am", "um"), "an": ("an", "un"), "ang": ("ang",), "ap": ("ap", "up"),
    "at": ("at", "ut"), "ak": ("ak",), "e": ("e",), "ei": ("ei", "ee"), "eng": ("eng",),
    "ek": ("ek",), "i": ("i", "ee", "z", "ze"), "iu": ("iu",), "im": ("im",), "in": ("in",),
    "ing": ("ing",), "ip": ("ip",), "it": ("it",), "ik": ("ik",), "o": ("o", "oh"),
    "oi": ("oi",), "ou": ("o",), "on": ("on",), "ong": ("ong",), "ot": ("ot",), "ok": ("ok",),
    "u": ("u", "oo"), "ui": ("ui",), "un": ("un", "oon"), "ung": ("ung",), "ut": ("ut",),
    "uk": ("uk",), "oe": ("eu",), "oeng": ("eung",), "oek": ("euk",), "eoi": ("ui", "eui"),
    "eon": ("un", "eun"), "eot": ("ut",), "yu": ("u", "ue"), "yun": ("uen",), "yut": ("uet",),
    "m": ("m",), "ng": ("ng",),
}  # fmt: skip
_JYUTPING_TONE = re.compile(r"[1-6]$")
# The longest initial is tried first: ng before n, gw before g.
_INITIALS_LONGEST_FIRST = sorted(_JYUTPING_INITIALS, key=len, reverse=True)


def _latin(reading: str) -> str:
    # pypinyin writes ü as v (lv) and passports as u (Lu, Hsu).
    plain = unicodedata.normalize("NFKD", reading.lower().replace("ü", "u").replace("v", "u"))
    return _NOT_LETTERS.sub("", _MARKS.sub("", plain))


# The tables are read when the first Chinese name is (about 75 MB): most processes never
# see one.
@cache
def _cantonese() -> Cantonese:
    from cantoroman import Cantonese

    return Cantonese()


def _traditional(char: str) -> str:
    # ICU transliterators are not thread-safe, so each thread keeps its own.
    found: icu.Transliterator | None = getattr(_local, "hant", None)
    if found is None:
        found = _local.hant = icu.Transliterator.createInstance("Hans-Hant")
    return str(found.transliterate(char))


@lru_cache(maxsize=50_000)
def readings(char: str, also: str = "") -> frozenset[str]:
    """The Latin spellings of one Chinese character: its Mandarin reading in pinyin, Wade-Giles
    and Gwoyeu Romatzyh (Taiwan's Ma Ying-jeou), its Cantonese ones in the Hong Kong
    Government's romanisation, all of them as Malaysia and Singapore spell them, and ``also``
    (its reading as a name, where that differs); empty for a character none lists. Cached: the
    tokens of a character share one set."""
    from pypinyin.pinyin_dict import pinyin_dict

    # Only the common Mandarin reading: the rare ones (英 read yang, 王 read yu) are not how
    # names are read, and would make one name of two.
    tables = _cantonese()
    forms = {char, _traditional(char)}
    found = _spellings(
        (pinyin_dict.get(ord(char), "").split(",")[0], also),
        (r for form in forms for r in tables.charToRoman.get(form, ())),
        (r for form in forms for r in tables.charToLshk.get(form, ())),
    )
    return frozenset(r for r in found if r)


def _spellings(
    pinyin: Iterable[str], romanised: Iterable[str], jyutping: Iterable[str]
) -> set[str]:
    # Mandarin and Cantonese readings spelled every way ``readings`` lists.
    found = {form for r in pinyin for form in _mandarin(r)}
    found.update(_latin(r) for r in romanised)
    found.update(h for r in jyutping for h in _hong_kong(r))
    found.update(s for r in list(found) for s in _southern(r))
    return found


def _mandarin(toned: str) -> set[str]:
    # A pinyin syllable (with its tone mark: Gwoyeu Romatzyh spells the tone), in pinyin,
    # Wade-Giles and Gwoyeu Romatzyh.
    if not toned:
        return set()
    from pypinyin import Style
    from pypinyin.style import convert

    return {_latin(toned)} | {
        _latin(convert(toned, style, strict=True)) for style in (Style.WADEGILES, Style.GWOYEU)
    }


def _hong_kong(jyutping: str) -> set[str]:
    # A Jyutping syllable (zan3) as the Hong Kong Government spells it (chun, chan, tsun …).
    syllable = _JYUTPING_TONE.sub("", jyutping.strip().lower())
    # The longest initial that leaves a final (ng4 is the final ng, gwok3 gw and ok).
    initial = next(
        (i for i in _INITIALS_LONGEST_FIRST
         if syllable.startswith(i) and syllable[len(i) :] in _JYUTPING_FINALS),
        None,
    )  # fmt: skip
    if initial is None:
        return set()
    final = syllable[len(initial) :]
    starts = _JYUTPING_INITIALS[initial]
    if initial in ("g", "k") and final[:1] == "u":
        starts += ("kw",)  # 官 gun is Kwun, 貴 gwai Kwai
    return {
        start + end
        for start in starts
        for end in _JYUTPING_FINALS[final]
        # The vowel of 子 and 詩 is written z only after ts and s (Tsz, Sze).
        if not end.startswith("z") or start in ("ts", "s")
    }


def _southern(reading: str) -> set[str]:
    # A reading as Malaysian and Singaporean records spell it, in English and Malay letters:
    # Leung is Leong, Chi Chee, Liu Liew, Chau Chow, Choi Choy, Ming Meng, Long Loong, Chung
    # Chong.
    found = set()
    for ending, spelled in _SOUTHERN:
        stem = reading[: -len(ending)]
        if reading.endswith(ending) and stem and stem[-1] not in "aeiou":
            found.add(stem + spelled)
    return found


# How a foreign name is written in characters (the Xinhua News Agency's transcription tables,
# which Chinese and Taiwanese records follow): a character a syllable, and these characters for
# a consonant with no vowel after it (克里斯 is Kris, 霍夫 Hough, 勒斯特 Lust).
_BARE = {
    "斯": "s", "思": "s", "丝": "s", "絲": "s", "克": "k", "尔": "r", "爾": "r", "德": "d",
    "特": "t", "姆": "m", "格": "g", "布": "b", "卜": "b", "普": "p", "夫": "f", "弗": "f",
    "兹": "z", "茲": "z", "茨": "ts", "什": "sh", "赫": "h", "勒": "l", "瑟": "s",
}  # fmt: skip
# Pinyin letters for the sounds a transcription means by them: xi is written for si (西, 辛),
# qi for chi (奇, 切), zh for j (朱), c for ts (采), uo is an o (罗 is ro, 多 do), and a final
# ng the nasal n or m that foreign names have more often (彭 for pen in Crippen, 朗普 for rump
# in Trump).
_PINYIN_SOUNDS = {"zh": "j", "x": "s", "q": "ch", "c": "ts", "uo": "o", "ng": "n"}
_PINYIN_LETTERS = re.compile(r"zh|x|q|c(?!h)|uo|ng")
# Pinyin writes a y or w before a syllable that begins with i or u, which the foreign name does
# not (伊本 is Ibn, 烏穆納 Umunna).
_GLIDE = re.compile(r"^(?:y(?=i)|w(?=u))")


@lru_cache(maxsize=50_000)
def sounds(char: str) -> str:
    """What a character stands for in the transcription of a foreign name: a bare consonant
    (斯, s) or its Mandarin syllable as the foreign name would spell it (西, xi, is si); empty
    for a character pypinyin does not read."""
    from pypinyin.pinyin_dict import pinyin_dict

    if char in _BARE:
        return _BARE[char]
    syllable = _GLIDE.sub("", _latin(pinyin_dict.get(ord(char), "").split(",")[0]))
    return _PINYIN_LETTERS.sub(lambda m: _PINYIN_SOUNDS[m.group()], syllable)


@lru_cache(maxsize=100_000)
def spells(word: str, chars: tuple[frozenset[str], ...]) -> bool:
    """Whether ``word`` is the characters' readings one after the other, each character read
    its own way (kwaiying, kuei ying and gwai ying all spell 桂英)."""
    ends = {0}
    for readings_ in chars:
        ends = {end + len(r) for end in ends for r in readings_ if word.startswith(r, end)}
        if not ends:
            return False
    return len(word) in ends


@lru_cache(maxsize=50_000)
def run_readings(chars: tuple[frozenset[str], ...]) -> frozenset[str]:
    """The Latin spellings of characters written as one word (桂英: guiying, kueiying,
    kwaiying …), each character read one way, the whole held to ``_MOST_READINGS`` (whether a
    word is one of them is ``spells``, which holds to none). Cached: the runs of one name, met
    in many comparisons, share one set."""
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

    tables = _cantonese()
    found = _spellings(
        {r for value in pinyin_dict.values() for r in value.split(",")},
        tables.romanToChar,
        {r for value in tables.charToLshk.values() for r in value},
    )
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
