"""Folding text for search: the same name in any script or accent folds to the same tokens.

ICU transliterates every script to Latin and then to ASCII; ``anyascii`` catches what ICU leaves.
A consonant *skeleton* of each token bridges common transliteration variants (Mohammed, Muhammad
and محمد all give ``mhmd``) so that search is script- and spelling-tolerant; screening has its own,
richer name matching.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import icu
from anyascii import anyascii

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_local = threading.local()


def _transliterator() -> icu.Transliterator:
    # ICU transliterators are not thread-safe, so each thread keeps its own.
    trans = getattr(_local, "trans", None)
    if trans is None:
        trans = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII; Lower")
        _local.trans = trans
    return trans


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """``text`` as lower-case ASCII words separated by single spaces."""
    latin = _transliterator().transliterate(text)
    if not latin.isascii():
        latin = anyascii(latin)
    return " ".join(_NON_ALNUM.sub(" ", latin.lower()).split())


def tokens(text: str) -> list[str]:
    """The folded words of ``text``."""
    return fold(text).split()


_SKELETON_RULES = (
    (re.compile(r"ph"), "f"),
    (re.compile(r"tch"), "ch"),
    (re.compile(r"(?<=[aeiouy])j|j$"), ""),
    (re.compile(r"[qc](?!h)"), "k"),
    (re.compile(r"z"), "s"),
    (re.compile(r"w"), "v"),
    (re.compile(r"[aeiouy]"), ""),
    (re.compile(r"(.)\1+"), r"\1"),
)


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """The consonant skeleton of one folded token; digits-only tokens have none."""
    if not token.isalpha():
        return ""
    out = token
    for pattern, repl in _SKELETON_RULES:
        out = pattern.sub(repl, out)
    return out


@lru_cache(maxsize=200_000)
def skeletons(text: str) -> str:
    """The skeletons of all the words of ``text``, space-separated."""
    return " ".join(s for s in (skeleton(t) for t in tokens(text)) if s)
