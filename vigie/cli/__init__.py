"""The ``vigie`` command."""

from __future__ import annotations

import contextlib
import sys

import typer

from vigie.errors import VigieError
from vigie.i18n import _, set_language
from vigie.settings import from_env

# Help texts are translated when the command modules are imported, so the language is set first;
# a broken setting is reported by the command itself when it loads the settings.
with contextlib.suppress(VigieError):
    set_language(from_env().language)

from vigie.cli import (
    audit,
    casework,
    data,
    documents,
    lookouts,
    network,
    planning,
    products,
    resolve,
    screen,
    serve,
    users,
    world,
)
from vigie.cli.common import fail
from vigie.cli.help import translate_command_help

app = typer.Typer(
    help=_("Vigie: immigration intelligence platform."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(users.app, name="users")
app.add_typer(world.app, name="world")
app.add_typer(data.import_app, name="import")
app.add_typer(data.export_app, name="export")
app.add_typer(audit.app, name="audit")
app.add_typer(lookouts.app, name="lookouts")
app.add_typer(documents.app, name="documents")
app.add_typer(resolve.app, name="resolve")
app.add_typer(screen.app, name="screen")
app.add_typer(network.app, name="network")
app.add_typer(planning.requirements_app, name="requirements")
app.add_typer(planning.tasks_app, name="tasks")
app.add_typer(products.products_app, name="products")
app.add_typer(products.releases_app, name="releases")
app.add_typer(casework.watches_app, name="watches")
app.add_typer(casework.cases_app, name="cases")
app.add_typer(casework.support_app, name="support")
app.command(name="coverage")(planning.coverage)
app.command(name="search")(data.search)
app.command(name="serve")(serve.serve)
app.command(name="demo")(serve.demo)


def main() -> None:
    """Entry point: run the command, turning Vigie's own errors into a message and exit code 1."""
    # Commands' docstrings are translated here rather than with the rest of the help above: the
    # catalogue's extractor and the (English) CLI reference read the app as registered.
    translate_command_help(app)
    try:
        app()
    except VigieError as exc:
        fail(str(exc))
        sys.exit(1)
