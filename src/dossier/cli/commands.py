"""Registers every sub-command module on the app (one module per group of commands)."""
from dossier.cli import extract_cmd, scale_cmd, store_cmd  # noqa: F401
