"""The synthetic world: deterministic people, records and ground truth (no real person, ever).

``generate(out, size, seed)`` writes one FollowTheMoney entity file per source, a manifest of
the handling each file is to be imported with, and ``truth.json``: which records are the same
person, who is on the watchlist, which documents are fraudulent and which networks were planted.
"""

from vigie.demo.world import SIZES, SourceSummary, WorldSummary, generate, parse_size

__all__ = ["SIZES", "SourceSummary", "WorldSummary", "generate", "parse_size"]
