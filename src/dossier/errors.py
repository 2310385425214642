"""One coded catalogue of errors. A message names the bad value, what was expected and a next step.

Front ends translate a DossierError once: the CLI into exit code 1 and its message, the API into a
JSON body carrying the code.
"""
from __future__ import annotations


class DossierError(Exception):
    """An error a user can act on. ``code`` is stable (E1xx input, E2xx contract, E3xx store, E4xx config)."""

    def __init__(self, code: str, message: str, *, where: str | None = None) -> None:
        self.code, self.message, self.where = code, message, where
        super().__init__(str(self))

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        return f"[{self.code}] {prefix}{self.message}"


class InputRejected(DossierError):
    """An input that holds no article we can use. Carries a typed reason that is stored and shown."""

    def __init__(self, reason: str, message: str, *, where: str | None = None) -> None:
        self.reason = reason
        super().__init__("E100", message, where=where)
