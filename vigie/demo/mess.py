"""The errors real records carry: typing slips and confused dates."""

from __future__ import annotations

from datetime import date
from random import Random

# Neighbouring keys on a QWERTY keyboard, for substitution slips.
_NEIGHBOURS = {
    "a": "qswz",
    "b": "vghn",
    "c": "xdfv",
    "d": "serfcx",
    "e": "wsdr",
    "f": "drtgvc",
    "g": "ftyhbv",
    "h": "gyujnb",
    "i": "ujko",
    "j": "huikmn",
    "k": "jiolm",
    "l": "kop",
    "m": "njk",
    "n": "bhjm",
    "o": "iklp",
    "p": "ol",
    "q": "wa",
    "r": "edft",
    "s": "awedxz",
    "t": "rfgy",
    "u": "yhji",
    "v": "cfgb",
    "w": "qase",
    "x": "zsdc",
    "y": "tghu",
    "z": "asx",
}


def typo(text: str, rng: Random) -> str:
    """Return ``text`` with one slip: a letter deleted, doubled, swapped or mistyped.

    The first letter is kept, as people rarely get it wrong; text with fewer than four
    letters, or in a script without a keyboard model here, is returned unchanged.
    """
    positions = [i for i, c in enumerate(text) if c.isascii() and c.isalpha()]
    if len(positions) < 4:
        return text
    i = positions[1 + int(rng.random() * (len(positions) - 1))]
    char = text[i]
    roll = rng.random()
    if roll < 0.25:
        return text[:i] + text[i + 1 :]
    if roll < 0.5:
        return text[:i] + char + text[i:]
    if roll < 0.75 and i + 1 < len(text) and text[i + 1].isalpha() and text[i + 1] != char:
        return text[:i] + text[i + 1] + char + text[i + 2 :]
    options = _NEIGHBOURS.get(char.lower(), "aeiou")
    swap = options[int(rng.random() * len(options))]
    return text[:i] + (swap.upper() if char.isupper() else swap) + text[i + 1 :]


def swap_day_month(day: date) -> date | None:
    """The date read the other way round (03/07 for 07/03), or None when that is impossible."""
    if day.day > 12 or day.day == day.month:
        return None
    return date(day.year, day.day, day.month)


def shift_years(day: date, years: int) -> date:
    """The same day ``years`` later (earlier when negative); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
