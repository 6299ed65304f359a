"""Phonetic keys of name tokens: what survives transliteration.

Scripts and spelling traditions disagree most on vowels (Mohammed, Muhammad), on which of a
pair of close consonants to write (b/p/v/f in Korean and Hebrew, l/r in Korean and Japanese,
k/g/q, d/t, s/z/sh/ch/j) and on digraphs (kh, sh, ph, th; Polish cz for ch, as in Kowalczuk
and Kovalchuk). A key maps each consonant to its class and drops the vowels and the weak
letters h and y, and counts w with v (as German, Polish, Hebrew and Arabic romanisations do); a
*shape* keeps one ``a`` for each run of vowels so that the number of syllables still counts. A
*fine shape* keeps apart what the classes join (l and r, b/p and f/v/w, k and g, s and sh): two
spellings alike in their classes but not in these are less likely one name (Joju and Sedza,
Tico and Diego).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby

# Order matters: longer spellings first.
_DIGRAPHS = (
    ("schtsch", "S"), ("chtch", "S"), ("shch", "S"), ("tsch", "S"), ("dsch", "S"), ("sch", "S"),
    ("chr", "KL"), ("tch", "S"), ("dzh", "S"), ("tsh", "S"),
    ("kh", "K"), ("gh", "K"), ("ck", "K"), ("qu", "K"), ("ch", "S"), ("cz", "S"), ("sh", "S"),
    ("zh", "S"), ("ts", "S"), ("tz", "S"), ("dj", "S"), ("dz", "S"), ("ph", "P"), ("th", "T"),
    ("dh", "T"), ("x", "KS"),
)  # fmt: skip

# An r that no vowel follows, inside or at the end of a word, or before a final silent e:
# silent in non-rhotic English and left out by Hangul (Turner is teoneo, Moore mueo), whether
# or not a vowel is written before it (Hebrew writes Turner trnr).
_R_AFTER_VOWEL = re.compile(r"(?<=[a-z])r(?![aeiouy])|(?<=[a-z])r(?=e$)")
_SOFT_G = re.compile(r"g(?=[eiy])")
_INHERENT_A = re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])a(?!a)")
VOWELS = frozenset("aeiou")
# An m before a consonant made with the tongue: how anyascii writes the nasal sign of South
# Asian scripts (anusvara, tippi), which sounds and is written n there (simgh, amjli, cmdr:
# Singh, Anjali, Chandra).
_ANUSVARA_M = re.compile(r"m(?=[cdgjkqstz])")
_INNER_CH = re.compile(r"(?<=[aeiou])ch")
_SOFT_C = re.compile(r"c(?=[eiy])")
_CLASSES = str.maketrans(
    {
        "b": "P", "p": "P", "f": "P", "v": "P", "c": "K", "g": "K", "k": "K", "q": "K",
        "d": "T", "t": "T", "s": "S", "z": "S", "j": "S", "l": "L", "r": "L", "m": "M", "n": "N",
        "h": "", "w": "P", "y": "a", "a": "a", "e": "a", "i": "a", "o": "a", "u": "a",
    }
)  # fmt: skip


def nasal_n(token: str) -> str:
    """``token`` with an m before a consonant made with the tongue read n (simgh → singh)."""
    return _ANUSVARA_M.sub("n", token)


def squeeze(text: str) -> str:
    """``text`` with each run of one letter written once."""
    # Runs of one letter as one letter (groupby: a regular expression with a back reference
    # expands its template on every call).
    return "".join(ch for ch, _run in groupby(text))


@lru_cache(maxsize=500_000)
def shapes(token: str) -> tuple[str, ...]:
    """The shape of ``token`` first, then its other readings: a g before e, i or y read soft
    (George, Gilberto; but Gerhard), as Korean, Hebrew and Portuguese write it, and an r that no
    vowel follows left silent (Robert, Forster), as Korean and non-rhotic English write it;
    and where the letters are there, an inner ch read k, South Asian inherent vowels left out
    and an anyascii nasal sign read n,
    dh read z, th read s, kh read h, an English gh silent or f, a pinyin x read s and a j
    opening the name read y (each explained where it is made)."""
    soft = _SOFT_G.sub("j", token)
    forms = {shape(token), shape(soft), shape(_R_AFTER_VOWEL.sub("", token))}
    # Both at once: George is joji in Hangul.
    forms.add(shape(_R_AFTER_VOWEL.sub("", soft)))
    if "ch" in token and not token.startswith("ch"):
        # Inside a word ch is often a k (Bachar, Michael, Sachar: Hebrew and German write it so).
        forms.add(shape(_INNER_CH.sub("k", token)))
    if "dh" in token:
        # Arabic dhal and dad are a z in Persian, Urdu and Turkish (Ridha and Reza, Dhakir and
        # Zakir).
        forms.add(shape(token.replace("dh", "z")))
    if len(_INHERENT_A.findall(token)) >= 2:
        # South Asian scripts write a vowel a after every consonant that has no other, and
        # names leave most of them out: Devanagari-Latin writes amanadipa and rahamana what
        # people write Amandeep and Rahman (and anyascii amndip and rhman).
        forms.add(shape(_INHERENT_A.sub("", token)))
    nasal = nasal_n(token)
    if nasal != token:
        forms.add(shape(nasal))
    if "gh" in token[1:]:
        # English gh after a vowel is silent or an f (Leigh, Wright; Gough).
        forms.add(shape(token[0] + token[1:].replace("gh", "")))
        forms.add(shape(token[0] + token[1:].replace("gh", "f")))
    if "kh" in token:
        # Hebrew het and Arabic ha are kh to some, h to others (Mokhamed, Mohamed; Khalid,
        # Halid).
        forms.add(shape(token.replace("kh", "h")))
    if token.startswith("j") and token[1:2] in VOWELS:
        # German, Dutch, Scandinavian and Slavic j is a y (Jassir, Jelena: Yasir, Yelena).
        forms.add(shape("y" + token[1:]))
    if token.startswith("x"):
        # A pinyin x is Wade-Giles hs and nearly an s (Xi and Hsi, Xu and Hsu).
        forms.add(shape("s" + token[1:]))
    if "th" in token:
        # Korean writes English th as s (North is noseu, Matthew maesyu).
        forms.add(shape(token.replace("th", "s")))
    return tuple(sorted(forms, key=lambda s: s != shape(token)))


@lru_cache(maxsize=500_000)
def shape(token: str) -> str:
    """Consonant classes with one ``a`` for each run of vowels (``muhammad`` → ``MaMaT``)."""
    out = _SOFT_C.sub("s", token)
    for digraph, cls in _DIGRAPHS:
        out = out.replace(digraph, cls)
    return squeeze(_mixed(out))


# The fine classes: what a class joins because some script or romanisation confuses it, kept
# apart (l/r, b·p/f·v·w, k/g, d·t, s·z/sh·ch·j·zh, ts).
_FINE_DIGRAPHS = (
    ("schtsch", "J"), ("chtch", "J"), ("shch", "J"), ("tsch", "J"), ("dsch", "J"), ("sch", "J"),
    ("tch", "J"), ("dzh", "J"), ("zh", "J"), ("sh", "J"),
    ("ch", "J"), ("cz", "J"), ("kh", "X"), ("gh", "G"), ("ph", "F"), ("th", "T"), ("dh", "T"),
    ("ts", "C"), ("tz", "C"), ("dz", "C"), ("ck", "K"), ("qu", "K"), ("x", "KS"),
)  # fmt: skip
_FINE_CLASSES = str.maketrans(
    {
        "b": "B", "p": "B", "f": "F", "v": "F", "w": "F", "k": "K", "c": "K", "q": "K",
        "g": "G", "d": "T", "t": "T", "s": "S", "z": "S", "j": "J", "l": "L", "r": "R",
        "m": "M", "n": "N", "h": "H", "y": "a", "a": "a", "e": "a", "i": "a", "o": "a", "u": "a",
    }
)  # fmt: skip


@lru_cache(maxsize=500_000)
def fine(token: str) -> str:
    """The fine shape of ``token``: finer consonant classes, one ``a`` for each run of vowels
    (``gervais`` → ``GaRFaS``)."""
    out = _fine_digraphs(token)
    return squeeze("".join(ch if ch.isupper() else ch.translate(_FINE_CLASSES) for ch in out))


def _fine_digraphs(token: str) -> str:
    # ``token`` with its digraphs in their fine classes (upper case), its letters as written.
    for digraph, cls in _FINE_DIGRAPHS:
        token = token.replace(digraph, cls)
    return token


def _mixed(text: str) -> str:
    # Digraph classes are upper case already; the remaining lower-case letters map now.
    return "".join(ch if ch.isupper() else ch.translate(_CLASSES) for ch in text)


@lru_cache(maxsize=500_000)
def key(token: str) -> str:
    """The consonant classes alone (``muhammad``, ``mohamed``, ``mhmd`` → ``MMT``)."""
    return squeeze(shape(token).replace("a", "")) if token.isalpha() else token


@lru_cache(maxsize=500_000)
def reading_keys(token: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The readings of ``token`` grouped by their consonant key (most readings change vowels or
    one letter, not the key), the base reading's key first."""
    grouped: dict[str, list[str]] = {}
    for s, k in readings(token):
        grouped.setdefault(k, []).append(s)
    return tuple((k, tuple(found)) for k, found in grouped.items())


@lru_cache(maxsize=500_000)
def fine_consonants(token: str) -> str:
    """The fine shape of ``token`` without its vowels."""
    return fine(token).replace("a", "")


@lru_cache(maxsize=500_000)
def readings(token: str) -> tuple[tuple[str, str], ...]:
    """Each shape of ``token`` (``shapes``) with its consonants alone, squeezed like the key:
    Jessica's j and ss are one class once the vowel between them goes, as Hebrew writes it
    (jsika)."""
    return tuple((s, squeeze(s.replace("a", ""))) for s in shapes(token))


_VOWEL_LETTERS = str.maketrans({"y": "i"})


@lru_cache(maxsize=500_000)
def lettered(token: str) -> str:
    """``token`` with its consonants in their fine classes and its vowels as written (y as
    i): what two spellings in alphabets that write every vowel share, whatever digraphs their
    romanisations use (``dzhentilini`` and ``gentilini`` differ by one letter, ``golyan`` and
    ``gullon`` by three)."""
    return squeeze("".join(_lettered(ch) for ch in _fine_digraphs(token)))


def _lettered(ch: str) -> str:
    if ch.isupper():
        return ch
    return ch.translate(_VOWEL_LETTERS if ch in "aeiouy" else _FINE_CLASSES)
