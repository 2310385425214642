"""Registers every sub-command module on the app (one module per group of commands)."""
from dossier.cli import eval_cmd, events_cmd, extract_cmd, places_cmd, scale_cmd, serve_cmd, store_cmd  # noqa: F401
