"""The codes an MRZ may give for an issuing state or a nationality: ISO 3166-1 alpha-3 (with
Germany as ``D``) and the special codes of Doc 9303 part 3, kept as data in ``codes.yaml``."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

CODES_FILE = Path(__file__).with_name("codes.yaml")


@cache
def _load() -> tuple[frozenset[str], dict[str, str]]:
    raw = yaml.safe_load(CODES_FILE.read_text(encoding="utf-8"))
    states = frozenset(str(raw["states"]).split())
    special = {str(code): str(meaning) for code, meaning in raw["special"].items()}
    return states | frozenset(special), special


def known_codes() -> frozenset[str]:
    """Every code the MRZ accepts for a state or nationality, without filler padding."""
    return _load()[0]


@cache
def padded_codes() -> frozenset[str]:
    """Every accepted code as the MRZ writes it: three characters, ``D<<`` for Germany."""
    return frozenset(code.ljust(3, "<") for code in known_codes())


def special_meaning(code: str) -> str | None:
    """What a special code (``XXA``, ``UNO`` …) stands for, or ``None`` for a country code."""
    return _load()[1].get(code)
