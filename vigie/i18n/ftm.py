"""FollowTheMoney's labels (schemata and properties) in the reader's language.

FtM ships its own gettext catalogues, but its French one leaves about two hundred labels in
English ("Date", "Description", "Trip", "Risk" …). Vigie keeps the missing ones in a catalogue
of its own, ``<lang>/LC_MESSAGES/ftm.po``, consulted after FtM's; ``python -m vigie.i18n.messages``
adds every label FtM leaves untranslated to it, and its ``check`` fails while one has no text.
"""

from __future__ import annotations

import gettext
from functools import cache

from followthemoney import model
from followthemoney.util import i18n_path

from vigie.i18n import catalogue

DOMAIN = "ftm"


@cache
def _upstream(language: str) -> gettext.NullTranslations:
    return gettext.translation("followthemoney", i18n_path, [language], fallback=True)


def labels() -> set[str]:
    """Every English label of the model: schemata (singular and plural) and properties,
    including the reverse side of entity references."""
    found: set[str] = set()
    for schema in model.schemata.values():
        found.update((schema.label, schema.plural))
        for prop in schema.properties.values():
            found.add(prop.label)
            if prop.reverse is not None:
                found.add(prop.reverse.label)
    return {label for label in found if label}


def upstream_misses(language: str) -> set[str]:
    """The labels FtM's own catalogue leaves in English for ``language``."""
    upstream = _upstream(language)
    return {label for label in labels() if upstream.gettext(label) == label}


def ftm_label(english: str, language: str) -> str:
    """An FtM label in ``language``: from FtM's catalogue, else from Vigie's, else as written."""
    if not english or language == "en":
        return english
    translated = _upstream(language).gettext(english)
    if translated != english:
        return translated
    return catalogue(language, DOMAIN).get(english, english)
