"""The message catalogues are current and complete: a new ``_("…")`` without its translation
fails here (run ``python -m vigie.i18n.messages`` and translate the new entries)."""

from __future__ import annotations

import ast
import json
import os
import string
import subprocess
import sys
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


# The help of every command and group, as the CLI shows it in the language it runs in: the
# language is read when ``vigie.cli`` is imported, so each language needs its own process.
HELP_DUMP = """
import json
import typer.main
from vigie.cli import app
from vigie.cli.help import translate_command_help

translate_command_help(app)  # as vigie.cli.main does before running the app


def walk(command, path):
    yield path, command.help
    for name, sub in getattr(command, "commands", {}).items():
        yield from walk(sub, f"{path} {name}")


print(json.dumps(dict(walk(typer.main.get_command(app), "vigie"))))
"""


def _cli_help(code: str, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIGIE_")}
    env |= {"VIGIE_LANGUAGE": code, "VIGIE_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", HELP_DUMP],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    found: dict[str, str] = json.loads(done.stdout)
    return found


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_command_help_is_translated(code: str, tmp_path: Path) -> None:
    # A command's help is its docstring: one the extractor missed, or a ``help=`` not written
    # through ``_``, would show in English here.
    english, translated = _cli_help("en", tmp_path), _cli_help(code, tmp_path)
    assert len(english) > 100 and translated.keys() == english.keys()
    untranslated = sorted(
        command
        for command, text in english.items()
        if translated[command] == text or translated[command] != translate(text, code)
    )
    assert untranslated == [], f"{code}: help of {untranslated[:5]}: {FIX}"


def test_the_cli_shows_command_help_in_its_language(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIGIE_")}
    env |= {"VIGIE_LANGUAGE": "fr", "VIGIE_DATA_DIR": str(tmp_path), "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-m", "vigie", "lookouts", "--help"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert translate("Approve a pending lookout.", "fr") in done.stdout
    assert "Approve a pending lookout." not in done.stdout
