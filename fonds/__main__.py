"""``python -m fonds`` runs the command line."""

from fonds.cli import main

main()
