"""``python -m vigie`` runs the ``vigie`` command."""

from vigie.cli import main

main()
