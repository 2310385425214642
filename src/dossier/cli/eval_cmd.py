"""`dossier eval GOLD_DIR`: extract every gold article of a folder and score it (per article + macro average)."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from dossier.cli import app
from dossier.cli.render import console, escape, plain, short
from dossier.evaluate import SUMMARY_KEYS, EvalReport, evaluate_dir

# Short column headers for the summary figures, in SUMMARY_KEYS order.
HEADERS = ("region F1", "country F1", "quote rec", "quote prec", "speaker acc", "quote attr",
           "qty rec", "qty prec", "date F1", "event F1", "type F1", "polarity")


def _table_width(metric_width: int, widths: list[int]) -> int:
    """Width of a borderless-edge table: each column padded by one space a side, one rule between columns."""
    return metric_width + 2 + sum(w + 3 for w in widths)


def score_tables(columns: list[tuple[str, dict]], width: int) -> list[Table]:
    """Tables of the SUMMARY_KEYS scores of `columns` ((header, summary) pairs), fitted to `width`."""
    metric_width = max(map(len, HEADERS + ("metric",)))
    for decimals in (3, 2):
        widths = [max(len(name), decimals + 2) for name, _ in columns]
        if _table_width(metric_width, widths) <= width:
            return [_score_table(columns, widths, decimals, metric_width)]
    groups: list[list[int]] = [[]]
    for i, w in enumerate(widths):
        if groups[-1] and _table_width(metric_width, [widths[j] for j in groups[-1]] + [w]) > width:
            groups.append([])
        groups[-1].append(i)
    return [_score_table([columns[i] for i in g], [widths[i] for i in g], 2, metric_width) for g in groups]


def _score_table(columns: list[tuple[str, dict]], widths: list[int], decimals: int, metric_width: int) -> Table:
    table = Table(show_edge=False)
    table.add_column("metric", no_wrap=True, min_width=metric_width)
    for (name, _), w in zip(columns, widths):
        table.add_column(name, justify="right", no_wrap=True, min_width=w,
                         style="bold" if name == "macro" else None)
    for key, header in zip(SUMMARY_KEYS, HEADERS):
        table.add_row(header, *(f"{summary[key]:.{decimals}f}" for _, summary in columns))
    return table


@app.command("eval")
def eval_command(
    gold_dir: Path = typer.Argument(..., help="Folder of NN.txt + NN.gold.json pairs (or article.txt + article.gold.json)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores (summary, macro and details) as JSON."),
    misses: bool = typer.Option(False, "--misses", help="Also list what each article missed or got wrong."),
    save: Path = typer.Option(None, "--save", help="Write each extraction as NN.json into this folder."),
) -> None:
    """Score the extractors against hand-written gold files.

    Example: [bold]dossier eval eval/ru[/bold]
    """
    report = evaluate_dir(gold_dir, save_predictions=save)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
        return
    render_table(report)
    if misses:
        render_misses(report)


def render_table(report: EvalReport) -> None:
    """One row per metric and one column per article, so a dozen articles still fit a terminal. A score is
    never cut to `1.0…`: three decimals when the table fits the terminal, else two, else the articles are
    split over several tables (each repeating the metric names; the macro average ends the last)."""
    console.print(f"[bold]{escape(str(report.folder))}[/bold] — {len(report.articles)} article(s)")
    macro = report.macro
    columns = [(a.name, a.summary) for a in report.articles] + [("macro", macro)]
    for i, table in enumerate(score_tables(columns, console.width)):
        if i:
            console.print()
        console.print(table)
    speed = report.to_dict(details=False)["speed"]
    rate = speed["words"] / speed["seconds"] if speed["seconds"] else 0.0
    console.print(f"[dim]{speed['words']:,} words in {speed['seconds']:.2f} s ({rate:,.0f} words/s, "
                  "first article includes model loading)[/dim]")
    broken = [a.name for a in report.articles if a.contract_problems]
    if broken:
        console.print(f"[red]extractions breaking the contract: {escape(', '.join(broken))}[/red]")


def render_misses(report: EvalReport) -> None:
    for a in report.articles:
        s = a.scores
        lines = [("regions missed", s["regions"]["missed"]), ("regions spurious", s["regions"]["spurious"]),
                 ("countries missed", s["countries"]["missed"]), ("quotes missed", s["quotes"]["missed"]),
                 ("wrong speaker", s["quotes"]["wrong_speaker"]), ("quantities missed", s["quantities"]["missed"]),
                 ("dates missed", s["dates"]["missed"]), ("dates spurious", s["dates"]["spurious"]),
                 ("events missed", s["events"]["pairs"]["missed"]),
                 ("events spurious", s["events"]["pairs"]["spurious"]), ("contract", a.contract_problems)]
        console.print(f"[bold]{escape(a.name)}[/bold]  negation {s['regions']['negation_found']}, "
                      f"polarity {s['events']['polarity']}")
        for label, items in lines:
            if items:
                console.print(plain(f"  {label}: " + "; ".join(short(str(x), 70) for x in items)))
