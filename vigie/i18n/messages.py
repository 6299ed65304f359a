"""Keeping the message catalogues in step with the source.

Messages are every literal ``_("…")`` in the ``vigie`` package: Python modules and the
workspace's Jinja2 templates (``{{ _("…") }}``). ``messages.pot`` holds them and is checked in;
each language's ``vigie.po`` translates every one of them (``tests/test_i18n.py`` checks both).

After adding or changing a message, run::

    python -m vigie.i18n.messages          # or: python -m vigie.i18n.messages update

which rewrites ``messages.pot``, adds the new messages untranslated to each catalogue and drops
the ones no longer used; then translate the new entries. ``python -m vigie.i18n.messages check``
fails while anything is out of step. The files list where each message is
used (file names, no line numbers, so that editing code does not churn the catalogues).

The same commands keep ``ftm.po`` in step: the FollowTheMoney labels that FtM's own catalogue
leaves untranslated in a language (``vigie.i18n.ftm``), to be translated there likewise.
"""

from __future__ import annotations

import ast
import io
import sys
from collections.abc import Collection, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.extract import extract_python as babel_python
from babel.messages.pofile import read_po, write_po

from vigie import __version__
from vigie.i18n import CATALOGUE_DIR, LANGUAGES, ftm

PACKAGE_DIR = CATALOGUE_DIR.parent
TEMPLATE = CATALOGUE_DIR / "messages.pot"
DOMAIN = "vigie"


def extract_python(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Any,
) -> Iterator[tuple[Any, ...]]:
    """Babel's extractor for Python, and the ``_("…")`` calls inside f-strings, which it
    misses before Python 3.12 (an f-string is then one token): those would never be
    translated."""
    data = fileobj.read()
    yield from babel_python(io.BytesIO(data), keywords, comment_tags, options)
    for node in ast.walk(ast.parse(data)):
        if isinstance(node, ast.JoinedStr):
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and call.func.id in keywords
                    and len(call.args) == 1
                    and isinstance(call.args[0], ast.Constant)
                    and isinstance(call.args[0].value, str)
                ):
                    yield call.lineno, call.func.id, call.args[0].value, []


# Babel uses the first pattern that matches a file; Jinja2 ships Babel's extractor for templates.
METHOD_MAP: list[tuple[str, Any]] = [
    ("**/templates/**.html", "jinja2"),
    ("**.py", extract_python),
]
KEYWORDS: dict[str, None] = {"_": None}
WIDTH = 100
HEADER = "# Messages of Vigie{what}.\n# Regenerate with: python -m vigie.i18n.messages\n#"


def po_path(language: str, domain: str = DOMAIN) -> Path:
    """Where one language's catalogue lives."""
    return CATALOGUE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def extract(root: Path = PACKAGE_DIR) -> Catalog:
    """Every message of the package, found afresh in the source."""
    catalog = Catalog(
        header_comment=HEADER.format(what=", extracted from the source"),
        project="Vigie",
        version=__version__,
        copyright_holder="the Vigie contributors",
        msgid_bugs_address="-",
        domain=DOMAIN,
        fuzzy=False,
    )
    found = extract_from_dir(
        root,
        METHOD_MAP,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        path = f"{root.name}/{Path(filename).as_posix()}"
        catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return catalog


def message_ids(catalog: Catalog) -> set[str]:
    """The message ids of a catalogue, without its header entry."""
    return {str(m.id) for m in catalog if m.id}


def read(path: Path, language: str | None = None, domain: str = DOMAIN) -> Catalog:
    """A ``.po`` or ``.pot`` file."""
    with path.open("rb") as fh:
        catalog: Catalog = read_po(fh, locale=language, domain=domain)
    return catalog


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(
            fh,
            catalog,
            width=WIDTH,
            sort_output=True,
            ignore_obsolete=True,
            include_lineno=False,
        )


def update() -> list[str]:
    """Rewrite the template and every language's catalogue from the source; returns what it
    changed, one line per file."""
    fresh = extract()
    changes: list[str] = []
    old = read(TEMPLATE) if TEMPLATE.exists() else None
    if old is not None:
        # Keep the creation date so that the template only changes when the messages do.
        fresh.creation_date = old.creation_date
    else:
        fresh.creation_date = datetime.now(UTC)
    if old is None or message_ids(old) != message_ids(fresh):
        _write(TEMPLATE, fresh)
        changes.append(f"{TEMPLATE.relative_to(PACKAGE_DIR.parent)}: {len(message_ids(fresh))}")
    for language in sorted(LANGUAGES):
        if language == "en":
            continue
        path = po_path(language)
        if path.exists():
            catalog = read(path, language)
        else:
            header = HEADER.format(what=f", translated to {language}")
            catalog = Catalog(header_comment=header, locale=language, domain=DOMAIN, fuzzy=False)
        catalog.project, catalog.version = "Vigie", __version__
        before = message_ids(catalog)
        catalog.update(fresh, no_fuzzy_matching=True, update_creation_date=False)
        catalog.obsolete.clear()
        _write(path, catalog)
        added, dropped = message_ids(fresh) - before, before - message_ids(fresh)
        missing = sum(1 for m in catalog if m.id and not m.string)
        changes.append(
            f"{path.relative_to(PACKAGE_DIR.parent)}: {len(added)} new, {len(dropped)} dropped, "
            f"{missing} to translate"
        )
        changes.append(_update_ftm(language))
    return changes


def _update_ftm(language: str) -> str:
    """Bring a language's ``ftm.po`` in step with the labels FtM leaves untranslated."""
    path = po_path(language, ftm.DOMAIN)
    wanted = ftm.upstream_misses(language)
    old = read(path, language, ftm.DOMAIN) if path.exists() else None
    known = {str(m.id): str(m.string) for m in old if m.id and m.string} if old else {}
    header = HEADER.format(what=f": FollowTheMoney labels FtM leaves untranslated in {language}")
    catalog = Catalog(header_comment=header, locale=language, domain=ftm.DOMAIN, fuzzy=False)
    catalog.project, catalog.version = "Vigie", __version__
    if old is not None:
        catalog.creation_date = old.creation_date
    for label in sorted(wanted):
        catalog.add(label, known.get(label, ""))
    _write(path, catalog)
    missing = sum(1 for label in wanted if not known.get(label))
    return f"{path.relative_to(PACKAGE_DIR.parent)}: {len(wanted)} labels, {missing} to translate"


def problems() -> list[str]:
    """What is out of step: the template against the source, and each language's catalogue
    against the template (missing, untranslated, fuzzy or obsolete entries)."""
    found: list[str] = []
    wanted = message_ids(extract())
    if not TEMPLATE.exists() or message_ids(read(TEMPLATE)) != wanted:
        found.append(f"{TEMPLATE.name} does not match the source")
    for language in sorted(set(LANGUAGES) - {"en"}):
        path = po_path(language)
        if not path.exists():
            found.append(f"{language}: no catalogue")
            continue
        catalog = read(path, language)
        have = {str(m.id) for m in catalog if m.id and m.string and not m.fuzzy}
        if wanted - have:
            found.append(f"{language}: {len(wanted - have)} messages untranslated or fuzzy")
        if message_ids(catalog) - wanted or catalog.obsolete:
            found.append(f"{language}: obsolete messages")
        found.extend(_ftm_problems(language))
    return found


def _ftm_problems(language: str) -> list[str]:
    path = po_path(language, ftm.DOMAIN)
    if not path.exists():
        return [f"{language}: no catalogue of FollowTheMoney labels"]
    catalog = read(path, language, ftm.DOMAIN)
    have = {str(m.id) for m in catalog if m.id and m.string and not m.fuzzy}
    wanted = ftm.upstream_misses(language)
    found = []
    if wanted - have:
        found.append(f"{language}: {len(wanted - have)} FollowTheMoney labels untranslated")
    if message_ids(catalog) - wanted:
        found.append(f"{language}: FollowTheMoney labels FtM now translates itself")
    return found


def main(argv: list[str]) -> int:
    """``update`` the catalogues (the default) or ``check`` that they are current."""
    if argv in ([], ["update"]):
        for line in update():
            sys.stdout.write(line + "\n")
        return 0
    if argv == ["check"]:
        found = problems()
        for line in found:
            sys.stderr.write(f"{line}: run `python -m vigie.i18n.messages` and translate\n")
        return 1 if found else 0
    sys.stderr.write("usage: python -m vigie.i18n.messages [update|check]\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
