"""The translation layer: every string a user reads goes through ``_``.

Catalogues are gettext ``.po`` files under ``vigie/i18n/<lang>/LC_MESSAGES/vigie.po``, read with
Babel at first use (no compiled ``.mo`` to keep in step). The active language is a context
variable, set per request by the web layer and per command by the CLI.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES = {"en": "English", "fr": "Français"}
CATALOGUE_DIR = Path(__file__).parent

_language: ContextVar[str] = ContextVar("vigie_language", default="en")


@cache
def catalogue(language: str, domain: str = "vigie") -> dict[str, str]:
    """The translations of one language: message id to translated text (empty for English).
    ``domain`` ``ftm`` holds the FollowTheMoney labels FtM's own catalogue lacks
    (``vigie.i18n.ftm``)."""
    path = CATALOGUE_DIR / language / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        po = read_po(fh, locale=language)
    return {str(m.id): str(m.string) for m in po if m.id and m.string and not m.fuzzy}


def translate(message: str, language: str) -> str:
    """``message`` in ``language``, or as written when it has no translation there."""
    return catalogue(language).get(message, message) if language != "en" else message


def _(message: str) -> str:
    """``message`` in the active language."""
    return translate(message, _language.get())


def get_language() -> str:
    """The active language code."""
    return _language.get()


def set_language(language: str) -> None:
    """Make ``language`` active in the current context (a request, a command)."""
    _language.set(language if language in LANGUAGES else "en")


@contextmanager
def language(code: str) -> Iterator[None]:
    """Run a block in another language, restoring the previous one afterwards."""
    token = _language.set(code if code in LANGUAGES else "en")
    try:
        yield
    finally:
        _language.reset(token)
