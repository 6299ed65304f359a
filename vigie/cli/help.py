"""Command help in the reader's language.

A command's docstring is its help, written once, in English. ``python -m vigie.i18n.messages``
extracts the docstring of every command that has no ``help=`` of its own
(:func:`docstring_commands`), and the CLI shows it through the catalogue
(:func:`translate_command_help`), so the help keeps a single English source.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import typer
from typer.main import get_command_name
from typer.models import CommandInfo

from vigie.i18n import _


class DocstringCommand(NamedTuple):
    """A command whose help is its function's docstring."""

    command: str  # as typed: "vigie lookouts approve"
    info: CommandInfo  # its registration, where Typer reads the help
    function: Callable[..., Any]
    doc: str  # the docstring as Typer shows it (dedented)


def _commands(app: typer.Typer, path: list[str]) -> Iterator[tuple[list[str], CommandInfo]]:
    for info in app.registered_commands:
        if info.callback is not None:
            yield [*path, info.name or get_command_name(info.callback.__name__)], info
    for group in app.registered_groups:
        if group.typer_instance is not None and isinstance(group.name, str):
            yield from _commands(group.typer_instance, [*path, group.name])


def docstring_commands(app: typer.Typer) -> Iterator[DocstringCommand]:
    """Each command of ``app`` and of its sub-apps whose help is its docstring, not yet
    translated."""
    for path, info in _commands(app, ["vigie"]):
        function = info.callback
        doc = inspect.getdoc(function)
        if info.help is None and function is not None and doc:
            yield DocstringCommand(" ".join(path), info, function, doc)


def translate_command_help(app: typer.Typer) -> None:
    """Give every command whose help is its docstring that docstring in the active language.

    Typer reads the help when it builds the Click commands, which is when the app runs; the
    registrations are changed in place, so this is done once, by the CLI's entry point."""
    for found in docstring_commands(app):
        found.info.help = _(found.doc)
