"""Deterministic randomness: every draw is keyed by the seed and what it is for."""

from __future__ import annotations

import hashlib
from random import Random


def key(*parts: object) -> int:
    """A stable 64-bit integer for ``parts`` (never Python's salted ``hash``)."""
    text = ":".join(map(str, parts)).encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


def rng(*parts: object) -> Random:
    """A random stream of its own for ``parts``, the same on every run and platform."""
    return Random(key(*parts))


def entity_id(prefix: str, *parts: object) -> str:
    """A source-prefixed entity id that reveals nothing about the person behind it."""
    text = f"{prefix}:{parts}".encode()
    return f"{prefix}-{hashlib.blake2b(text, digest_size=10).hexdigest()}"
