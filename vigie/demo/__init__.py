"""The synthetic world: deterministic people, records and ground truth (no real person, ever)."""
