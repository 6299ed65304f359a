"""Screening: people checked against watchlists and lookouts across scripts and spellings.

Names are parsed and keyed (``names``, ``phonetic``, ``variants``), compared (``similarity``),
scored with the other identifiers into an explained score (``features``, ``scoring``), found
quickly among many entries (``index``) of what a reader may see (``entries``), recorded
(``service``), and every hit waits for an officer's decision (``adjudication``). A traveller
may hold a redress record against repeat false positives (``redress``); a confirmed match or an
analyst's finding becomes an admissibility referral naming grounds of the Act (``grounds``)
with its evidence, decided by an officer (``referral``).
"""
