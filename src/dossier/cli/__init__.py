"""The `dossier` command: a package of small sub-commands, each parsing, calling one library
function and rendering. Errors are translated once, in :func:`main`."""
from __future__ import annotations

import logging
import sys

import typer

from dossier.errors import DossierError

app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode="rich",
                  help="Turn news articles into a sourced record of who said what, where, when and how many.")
state = {"debug": False}


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Show full tracebacks and debug logs."),
          quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors on stderr.")) -> None:
    state["debug"] = debug
    level = logging.DEBUG if debug else (logging.ERROR if quiet else logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _flags_take_no_metavar() -> None:
    """Typer's rich help prints a type (`<bool>`) beside every option, flags included, so `--json <bool>`
    reads as if it took a value. A flag takes none: show no type for it (an explicit metavar still wins)."""
    from typer.core import TyperOption

    if getattr(TyperOption.display_type_rich, "_dossier", False):
        return
    original = TyperOption.display_type_rich

    def display_type_rich(self, ctx):  # type: ignore[no-untyped-def]
        if self.is_flag and self.metavar is None:
            return None
        return original(self, ctx)

    display_type_rich._dossier = True  # type: ignore[attr-defined]
    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


_flags_take_no_metavar()


def main() -> None:
    from dossier.cli import commands  # noqa: F401  (registers the sub-commands)

    try:
        code = app(standalone_mode=False, prog_name="dossier")
        sys.exit(code if isinstance(code, int) else 0)
    except DossierError as e:
        if state["debug"]:
            raise
        print(f"error: {e}", file=sys.stderr)
        sys.exit(1)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        print("aborted", file=sys.stderr)
        sys.exit(130)
    except Exception as e:  # usage errors of typer's (vendored) click carry their own message and code
        if hasattr(e, "show") and isinstance(getattr(e, "exit_code", None), int):
            e.show()
            sys.exit(e.exit_code)
        if state["debug"]:
            raise
        print(f"error: unexpected {type(e).__name__}: {e} (run with --debug for the traceback)", file=sys.stderr)
        sys.exit(1)
