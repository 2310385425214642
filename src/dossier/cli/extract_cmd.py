"""`dossier extract FILE`: one article through the pipeline, as the JSON contract or a readable summary."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.text import Text

from dossier.cli import app
from dossier.cli.render import KEY, NUM, TEXT, console, fit_table, short
from dossier.extract import extract
from dossier.model import Extraction, validate
from dossier.sources import read_one
from dossier.sources.meta import normalise_date, normalise_language


def load_document(file: Path, published: str | None, lang: str | None):
    doc = read_one(file)
    if published:
        doc.published = normalise_date(published, "--published")
    if lang:
        doc.language = normalise_language(lang, "--lang")
    return doc


@app.command("extract")
def extract_command(
    file: Path = typer.Argument(..., help="Article: .txt (optional KEY: value header), .html or .jsonl (first line)."),
    as_json: bool = typer.Option(False, "--json", help="Print the dossier.extraction/1 JSON contract."),
    published: str = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) to resolve dates against."),
    lang: str = typer.Option(None, "--lang", help="en or ru; detected from the text when omitted."),
) -> None:
    """Extract places, quotes, quantities, dates and events from one article.

    Example: [bold]dossier extract article.txt --json > article.json[/bold]
    """
    ex = validate(extract(load_document(file, published, lang)))
    if as_json:
        typer.echo(ex.to_json())
    else:
        summarize(ex)


def summarize(ex: Extraction) -> None:
    d = ex.document
    console.print(Text.assemble((d.title or d.source, "bold"), "  ", (
        f"{d.language} · {d.published or 'no date'} · {len(ex.text.split())} words · id {d.id[:12]}", "dim")))
    sections = [
        ("Places", [("text", TEXT), ("id", KEY), ("kind", KEY), ("negated", KEY)],
         [[p.text, p.id, p.kind, "yes" if p.negated else ""] for p in ex.places]),
        ("Quotes", [("speaker", TEXT), ("kind", KEY), ("quote", TEXT)],
         [[q.speaker.name if q.speaker else "?", q.kind, short(q.text, 200)] for q in ex.quotes]),
        ("Quantities", [("text", TEXT), ("value", NUM), ("unit/counted", TEXT)],
         [[n.text, _num(n), n.unit or n.counted or ""] for n in ex.quantities]),
        ("Dates", [("text", TEXT), ("value", KEY), ("relation", KEY)],
         [[x.text, x.value or "?", x.relation or ""] for x in ex.dates]),
        ("Events", [("type", KEY), ("polarity", KEY), ("places", TEXT), ("trigger", TEXT)],
         [[e.type, e.polarity, ", ".join(e.places), short(e.trigger.text, 40)] for e in ex.events]),
        ("Entities", [("name", TEXT), ("type", KEY), ("roles", TEXT)],
         [[e.name, e.type, "; ".join(e.roles)] for e in ex.entities]),
    ]
    for title, cols, rows in sections:
        console.print(fit_table(f"{title} ({len(rows)})", cols, rows, show_edge=False))


def _num(n) -> str:
    """A quantity's value with thousands separators: `400,000`, `2.5`, `6,000,000,000,000–7,000,000,000,000`,
    `≥ 300` / `≤ 400` for a range open on one side."""
    if n.low is not None and n.high is not None:
        return f"{_figure(n.low)}–{_figure(n.high)}"
    if n.low is not None or n.high is not None:
        return f"≥ {_figure(n.low)}" if n.low is not None else f"≤ {_figure(n.high)}"
    return _figure(n.value) if isinstance(n.value, (int, float)) else "?"


def _figure(x) -> str:
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return f"{x:,}" if isinstance(x, (int, float)) else str(x)
