"""The `dossier` command: a package of small sub-commands, each parsing, calling one library
function and rendering. Errors are translated once, in :func:`main`."""
from __future__ import annotations

import logging
import re
import sys

import typer

from dossier.errors import DossierError


def _help_value_types() -> None:
    """Typer's rich help prints a value type for every option, so flags read `--json <bool>` as if they
    took a value (its plain help already skips them): a flag (or a counter) shows none. Repeatable
    options and variadic arguments read `<list[Path]>`, a Python annotation, although each occurrence
    takes one value: they show the element type (`paths... <path>`, `--cors-origin <str>`). `<int range> [x>=1]` says
    range twice: `<int> [x>=1]`."""
    from typer.core import TyperArgument, TyperOption

    for cls in (TyperOption, TyperArgument):
        shown = getattr(cls, "display_type_rich", None)
        if shown is None or getattr(shown, "_dossier", False):
            continue

        def display_type_rich(self, ctx, _shown=shown):
            if getattr(self, "param_type_name", "") == "option" and (
                    getattr(self, "is_flag", False) or getattr(self, "count", False)):
                return None
            label = _shown(self, ctx)
            if isinstance(label, str):
                label = _LIST.sub(lambda m: "<" + m.group(1).lower() + ">", label).replace(" range>", ">")
            return label

        display_type_rich._dossier = True
        cls.display_type_rich = display_type_rich


_LIST = re.compile(r"<list\[(\w+)\]>")
_help_value_types()

app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode="rich",
                  help="Turn news articles into a sourced record of who said what, where, when and how many.")
state = {"debug": False}


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Show full tracebacks and debug logs."),
          quiet: bool = typer.Option(False, "--quiet", "-q", help="Only errors on stderr.")) -> None:
    state["debug"] = debug
    level = logging.DEBUG if debug else (logging.ERROR if quiet else logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


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
