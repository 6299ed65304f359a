"""Vigie: an open-source immigration intelligence platform.

Decision support for an intelligence network: every fact carries its source, grade and handling,
policy is enforced inside the store's queries, and a person decides.
"""

__version__ = "0.1.0"
