"""Collection: importers that bring sources into the store, each atomic, idempotent, graded
and marked."""
