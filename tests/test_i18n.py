"""The message catalogues are current and complete: a new ``_("…")`` without its translation
fails here (run ``python -m vigie.i18n.messages`` and translate the new entries)."""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

import vigie
from vigie.i18n import LANGUAGES, language, translate
from vigie.i18n.messages import TEMPLATE, extract, message_ids, po_path, problems, read
from vigie.model.grading import CREDIBILITY_WORDS, RELIABILITY_WORDS
from vigie.model.handling import Marking
from vigie.web import vocabulary

TRANSLATED = sorted(set(LANGUAGES) - {"en"})
FIX = "run `python -m vigie.i18n.messages` and translate the new entries"


def placeholders(text: str) -> list[tuple[str, str, str | None]]:
    """The ``{name:spec!conversion}`` fields of a message."""
    return sorted(
        (name, spec or "", conversion)
        for _literal, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


def test_template_matches_the_source() -> None:
    in_source = message_ids(extract())
    checked_in = message_ids(read(TEMPLATE))
    assert sorted(in_source - checked_in) == [], f"new messages: {FIX}"
    assert sorted(checked_in - in_source) == [], f"messages no longer used: {FIX}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_message_is_translated_with_the_same_placeholders(code: str) -> None:
    catalog = {str(m.id): m for m in read(po_path(code), code) if m.id}
    for message_id in sorted(message_ids(read(TEMPLATE))):
        entry = catalog.get(message_id)
        assert entry is not None, f"{code}: {message_id!r} is missing: {FIX}"
        assert entry.string and str(entry.string).strip(), f"{code}: {message_id!r} is empty"
        assert not entry.fuzzy, f"{code}: {message_id!r} is fuzzy"
        assert placeholders(str(entry.string)) == placeholders(message_id), message_id


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_obsolete_translations(code: str) -> None:
    catalog = read(po_path(code), code)
    assert not catalog.obsolete
    assert sorted(message_ids(catalog) - message_ids(read(TEMPLATE))) == []


def test_the_check_command_agrees() -> None:
    assert problems() == []


def test_translation_reads_the_catalogue() -> None:
    assert translate("UNCLASSIFIED", "fr") == "NON CLASSIFIÉ"
    assert translate("PROTECTED B", "fr") == "PROTÉGÉ B"
    assert translate("TOP SECRET", "fr") == "TRÈS SECRET"
    assert translate("not a message", "fr") == "not a message"
    with language("fr"):
        assert vocabulary.marking_label(Marking.PROTECTED_B) == "PROTÉGÉ B"


def test_workspace_words_match_the_model() -> None:
    with language("en"):
        for marking in Marking:
            assert vocabulary.marking_label(marking) == marking.label
        for letter, words in RELIABILITY_WORDS.items():
            assert vocabulary.reliability_words(letter) == words
        for digit, words in CREDIBILITY_WORDS.items():
            assert vocabulary.credibility_words(digit) == words


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_followthemoney_label_has_a_text(code: str) -> None:
    from vigie.i18n import catalogue
    from vigie.i18n.ftm import upstream_misses

    missing = upstream_misses(code) - set(catalogue(code, "ftm"))
    assert not missing, f"{code}: {sorted(missing)[:5]}: {FIX}"


def test_followthemoney_labels_come_from_ftm_then_from_vigie() -> None:
    from vigie.i18n.ftm import ftm_label

    assert ftm_label("Passport", "fr") == "Passeport"  # FtM's own catalogue
    assert ftm_label("Trip", "fr") == "Voyage"  # missing there: Vigie's
    assert ftm_label("Start location", "fr") == "Lieu de départ"
    assert ftm_label("Trip", "en") == "Trip"
    assert ftm_label("Not a label", "fr") == "Not a label"


def test_kinds_of_link_are_named_in_the_reader_language() -> None:
    from vigie.web.render import Labels

    english = Labels("en")
    assert english.link_kind("co-travel") == "Travelled together"
    assert english.link_kind("holder") == "Identification holder"
    with language("fr"):  # pages are drawn in their reader's language
        french = Labels("fr")
        assert french.link_kind("co-travel") == "Ont voyagé ensemble"
        assert french.link_kind("Associate") == "Associé"
        assert french.link_kind("endLocation") == "Lieu d'arrivée"
        assert french.link_kind("not-a-kind") == "not-a-kind"


def test_countries_and_genders_are_read_in_the_reader_language() -> None:
    from vigie.web.render import Labels

    assert Labels("en").value("Person", "nationality", "ph") == "Philippines (PH)"
    assert Labels("fr").value("Person", "nationality", "de") == "Allemagne (DE)"
    assert Labels("en").value("Person", "name", "de") == "de"  # not every value is a code
    with language("fr"):
        assert Labels("fr").value("Person", "gender", "female") == "féminin"


def _literal_calls(tree: ast.AST) -> Iterator[str]:
    """The literal argument of every ``_("…")`` call in a module, wherever it is written
    (inside an f-string too)."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "_"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value


def test_every_message_the_code_asks_for_is_extracted() -> None:
    # Babel's extractor reads tokens, and before Python 3.12 an f-string is one token: a
    # ``_("…")`` inside one is never extracted, so never translated.
    extracted = message_ids(read(TEMPLATE))
    package = Path(vigie.__file__).parent
    missed = {
        f"{path.relative_to(package)}: {message!r}"
        for path in package.rglob("*.py")
        for message in _literal_calls(ast.parse(path.read_text(encoding="utf-8")))
        if message not in extracted
    }
    assert sorted(missed) == []
