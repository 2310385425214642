"""Shared Rich rendering helpers for the CLI.

Article text, titles, speakers, file names and error messages are data, never Rich markup: a title such
as ``[/red] Summons`` must print as written, not crash the command. Every value goes through
:func:`plain` (a :class:`rich.text.Text`, which Rich does not parse), and tables are built by
:func:`fit_table`, which never cuts a key value (a code, a type, a date, a number) with ``…``."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

console = Console(soft_wrap=False)
err_console = Console(stderr=True, soft_wrap=True)

KEY = "key"    # codes, types, dates, numbers: shown whole, never wrapped or cut
NUM = "num"    # a KEY aligned right
TEXT = "text"  # prose, names, lists: wraps (long words fold), so it gives way on a narrow terminal
MIN_TEXT = 12  # narrowest a TEXT column may become before the table turns into a list

__all__ = ["KEY", "NUM", "TEXT", "console", "err_console", "escape", "fit_table", "plain", "short"]


def short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def plain(value, style: str = "") -> Text:
    """`value` as literal text (no markup), None as empty."""
    if isinstance(value, Text):
        return value
    return Text("" if value is None else str(value), style=style)


def fit_table(title: str, columns: Sequence[tuple[str, str]], rows: Iterable[Sequence], *,
              width: int | None = None, **table_options) -> RenderableType:
    """A table of `rows` under `columns` ((header, KEY|NUM|TEXT) pairs) that fits `width` (the console's).

    KEY and NUM columns are as wide as their widest value; TEXT columns wrap. When the KEY columns and
    the TEXT columns at their narrowest still do not fit, the rows are printed as a list instead (one
    entry per row: the first value, then, indented, `header value` for each other non-empty one), which
    wraps at any width and cuts nothing."""
    width = width or console.width
    cells = [[plain(c) for c in row] for row in rows]
    widths = []
    for i, (header, kind) in enumerate(columns):
        longest = max([cell_len(header)] + [max(map(cell_len, r[i].plain.split("\n") or [""])) for r in cells])
        widths.append(longest if kind in (KEY, NUM) else min(longest, MIN_TEXT))
    edge = table_options.get("show_edge", True)
    needed = sum(w + 3 for w in widths) + (1 if edge else -1)
    if needed <= width or not cells:
        table = Table(title=plain(title), title_justify="left", **table_options)
        for (header, kind), w in zip(columns, widths):
            if kind == TEXT:
                table.add_column(header, overflow="fold")
            else:
                table.add_column(header, no_wrap=True, min_width=w, justify="right" if kind == NUM else "left")
        for r in cells:
            table.add_row(*r)
        return table
    lines: list[RenderableType] = [plain(title, "italic")]
    for r in cells:
        first = r[0].copy()
        first.stylize("bold")
        lines.append(Text.assemble("• ", first))
        details = Text()
        for (header, _), cell in zip(columns[1:], r[1:]):
            if cell.plain.strip():
                if details:
                    details.append(" · ")
                details.append(header + " ", style="dim")
                details.append_text(cell)
        if details:
            lines.append(Padding(details, (0, 0, 0, 2)))
    return Group(*lines)
