"""Country codes as travel documents write them, to the ISO 3166 alpha-2 codes FtM keeps.

Passports, visas and passenger lists use the three-letter codes of ICAO Doc 9303 part 3: ISO
3166 alpha-3 for almost every state (FtM's country type reads those itself), plus a few codes of
ICAO's own. Those name Germany (``D``), the kinds of British nationality, Kosovo, and
organisations or statuses that are no country at all (a stateless person, a refugee, a
laissez-passer of the UN or Interpol): these read as "no country", not as an error.
"""

from __future__ import annotations

from functools import lru_cache

from followthemoney.types import registry

# ICAO Doc 9303 part 3, section 5: the codes ISO 3166 does not define.
ICAO_CODES: dict[str, str | None] = {
    "D": "de",
    "GBD": "gb",  # British Overseas Territories Citizen
    "GBN": "gb",  # British National (Overseas)
    "GBO": "gb",  # British Overseas Citizen
    "GBP": "gb",  # British Protected Person
    "GBS": "gb",  # British Subject
    "RKS": "xk",  # Kosovo
    "UNK": "xk",  # issued by the UN Interim Administration Mission in Kosovo
    "EUE": "eu",  # European Union
    "UNO": None,  # United Nations Organization or one of its officials
    "UNA": None,  # a specialized agency of the United Nations
    "XBA": None,  # African Development Bank
    "XCC": None,  # Caribbean Community
    "XCE": None,  # Council of Europe
    "XCO": None,  # Common Market for Eastern and Southern Africa
    "XEC": None,  # Economic Community of West African States
    "XES": None,  # Organisation of Eastern Caribbean States
    "XIM": None,  # African Export-Import Bank
    "XOM": None,  # Sovereign Military Order of Malta
    "XPO": None,  # Interpol
    "XXA": None,  # stateless person
    "XXB": None,  # refugee under the 1951 Convention
    "XXC": None,  # refugee other than under the 1951 Convention
    "XXX": None,  # unspecified nationality
}


class UnknownCountry(ValueError):
    """A code that is neither ISO 3166 nor one of ICAO's own."""


@lru_cache(maxsize=1024)
def from_document_code(code: str) -> str | None:
    """The ISO alpha-2 code (lower case) of a travel-document country code, or None for the
    ICAO codes that name no country; raises :class:`UnknownCountry` for anything else."""
    key = code.strip().upper()
    if key in ICAO_CODES:
        return ICAO_CODES[key]
    # Some carriers send ISO alpha-2, the default of EDIFACT's country code list: read both.
    cleaned = registry.country.clean(key) if len(key) in (2, 3) and key.isalpha() else None
    if cleaned is None:
        raise UnknownCountry(code)
    return str(cleaned)
