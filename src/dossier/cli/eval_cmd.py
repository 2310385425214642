"""`dossier eval GOLD_DIR`: extract every gold article of a folder and score it (per article + macro average)."""
from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from dossier.cli import app
from dossier.cli.render import console, short
from dossier.evaluate import SUMMARY_KEYS, EvalReport, evaluate_dir

# Short column headers for the summary figures, in SUMMARY_KEYS order.
HEADERS = ("region F1", "country F1", "quote rec", "quote prec", "speaker acc", "quote attr",
           "qty rec", "qty prec", "date F1", "event F1", "type F1", "polarity")


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
    """One row per metric and one column per article. Numbers are never truncated: on a narrow terminal
    the figures drop to two decimals, and articles that still do not fit continue in a further table."""
    console.print(f"[bold]{report.folder}[/bold] — {len(report.articles)} article(s)")
    macro = report.macro
    digits, groups = _layout(report.articles, console.width)
    for i, group in enumerate(groups):
        last = i == len(groups) - 1
        table = Table(show_edge=False)
        table.add_column("metric", no_wrap=True)
        for a in group:
            table.add_column(a.name, justify="right", no_wrap=True)
        if last:
            table.add_column("macro", justify="right", style="bold", no_wrap=True)
        for key, header in zip(SUMMARY_KEYS, HEADERS):
            cells = [f"{a.summary[key]:.{digits}f}" for a in group] + ([f"{macro[key]:.{digits}f}"] if last else [])
            table.add_row(header, *cells)
        console.print(table)
    speed = report.to_dict(details=False)["speed"]
    rate = speed["words"] / speed["seconds"] if speed["seconds"] else 0.0
    console.print(f"[dim]{speed['words']:,} words in {speed['seconds']:.2f} s ({rate:,.0f} words/s, "
                  "first article includes model loading)[/dim]")
    broken = [a.name for a in report.articles if a.contract_problems]
    if broken:
        console.print(f"[red]extractions breaking the contract: {', '.join(broken)}[/red]")


def _layout(articles: list, width: int) -> tuple[int, list[list]]:
    """Decimals (3, or 2 when narrow) and the articles per table so that every table fits `width`."""
    metric_w = max(map(len, HEADERS)) + 2  # a column is its text plus one space of padding each side

    def col(name: str, digits: int) -> int:
        return max(len(name), digits + 2) + 3  # padding and the column rule

    for digits in (3, 2):
        if metric_w + col("macro", digits) + sum(col(a.name, digits) for a in articles) <= width:
            return digits, [list(articles)]
    digits, groups, current, used = 2, [], [], metric_w
    for a in articles:
        if current and used + col(a.name, digits) + col("macro", digits) > width:
            groups.append(current)
            current, used = [], metric_w
        current.append(a)
        used += col(a.name, digits)
    groups.append(current)
    return digits, groups


def render_misses(report: EvalReport) -> None:
    for a in report.articles:
        s = a.scores
        lines = [("regions missed", s["regions"]["missed"]), ("regions spurious", s["regions"]["spurious"]),
                 ("countries missed", s["countries"]["missed"]), ("quotes missed", s["quotes"]["missed"]),
                 ("wrong speaker", s["quotes"]["wrong_speaker"]), ("quantities missed", s["quantities"]["missed"]),
                 ("dates missed", s["dates"]["missed"]), ("dates spurious", s["dates"]["spurious"]),
                 ("events missed", s["events"]["pairs"]["missed"]),
                 ("events spurious", s["events"]["pairs"]["spurious"]), ("contract", a.contract_problems)]
        console.print(f"[bold]{a.name}[/bold]  negation {s['regions']['negation_found']}, "
                      f"polarity {s['events']['polarity']}")
        for label, items in lines:
            if items:
                console.print(f"  {label}: " + "; ".join(short(str(x), 70) for x in items))
