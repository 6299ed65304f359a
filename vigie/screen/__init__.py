"""Screening: people checked against watchlists and lookouts across scripts and spellings.

Names are parsed and keyed (``names``, ``phonetic``, ``variants``), compared (``similarity``),
scored with the other identifiers into an explained score (``features``, ``scoring``), found
quickly among many entries (``index``) of what a reader may see (``entries``), recorded
(``service``), and every hit waits for an officer's decision (``adjudication``).
"""
