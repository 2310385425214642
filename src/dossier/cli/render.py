"""Shared Rich rendering helpers for the CLI."""
from __future__ import annotations

from rich.console import Console

console = Console(soft_wrap=False)
err_console = Console(stderr=True, soft_wrap=True)


def short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
