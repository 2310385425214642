"""Options shared by several commands, declared once."""
from __future__ import annotations

import os

import typer

DEFAULT_DB = os.environ.get("DOSSIER_DB", "dossier.db")

DbOption = typer.Option(DEFAULT_DB, "--db", envvar="DOSSIER_DB",
                        help="SQLite file, :memory: or postgresql:// URL (env DOSSIER_DB).")
JsonOption = typer.Option(False, "--json", help="Machine-readable JSON output.")


def open_store(db: str):
    from dossier.workspace import open_store as open_prepared

    return open_prepared(db)
