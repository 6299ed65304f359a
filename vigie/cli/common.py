"""What every command shares: settings, the store, the acting user, messages."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, ProgressColumn

from vigie import settings as settings_module
from vigie.i18n import _, set_language
from vigie.policy.accounts import get_reader
from vigie.policy.reader import Reader
from vigie.settings import Settings
from vigie.store import Store

console = Console(stderr=True)


def load_settings() -> Settings:
    """The settings from the environment, with the CLI's language made active."""
    current = settings_module.from_env()
    set_language(current.language)
    return current


@contextmanager
def open_store() -> Iterator[tuple[Settings, Store]]:
    """The configured store, migrated, closed on exit."""
    current = load_settings()
    store = Store.open(current)
    try:
        yield current, store
    finally:
        store.close()


def reader(store: Store, name: str) -> Reader:
    """The user named by ``--as``."""
    return get_reader(store.engine, name)


def operator() -> str:
    """Who runs an administrative command from the shell, for the audit log."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def fail(message: str) -> None:
    """Print an error message to standard error."""
    console.print(f"[bold red]{_('error:')}[/] {escape(message)}", highlight=False)


def say(message: str) -> None:
    """Print a message for the user to standard error (standard output is for data)."""
    console.print(message, highlight=False)


def out(text: str) -> None:
    """Write data to standard output."""
    sys.stdout.write(text)


def progress_bar(*columns: str | ProgressColumn) -> Progress:
    """A progress bar on standard error that goes when done, shown on a terminal only:
    elsewhere (a log, a pipe) it leaves an empty line."""
    return Progress(*columns, console=console, transient=True, disable=not console.is_terminal)
