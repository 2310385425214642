"""`dossier extract FILE`: one article through the pipeline, as the JSON contract or a readable summary."""
from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from dossier.cli import app
from dossier.cli.render import console, short
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
    console.print(f"[bold]{d.title or d.source}[/bold]", highlight=False)  # the title alone, the facts below it
    console.print(f"[dim]{d.language} · {d.published or 'no date'} · {len(ex.text.split())} words · id {d.id[:12]}"
                  + (f" · {d.source}" if d.title else "") + "[/dim]", highlight=False)
    sections = [
        ("Places", ["text", "id", "kind", "negated"], [[p.text, p.id, p.kind, "yes" if p.negated else ""] for p in ex.places]),
        ("Quotes", ["speaker", "kind", "quote"], [[q.speaker.name if q.speaker else "?", q.kind, short(q.text)] for q in ex.quotes]),
        ("Quantities", ["text", "value", "unit/counted"], [[n.text, _num(n), n.unit or n.counted or ""] for n in ex.quantities]),
        ("Dates", ["text", "value", "relation"], [[x.text, x.value or "?", x.relation or ""] for x in ex.dates]),
        ("Events", ["type", "polarity", "places", "trigger"],
         [[e.type, e.polarity, ", ".join(e.places), short(e.trigger.text, 40)] for e in ex.events]),
        ("Entities", ["name", "type", "roles"], [[e.name, e.type, "; ".join(e.roles)] for e in ex.entities]),
    ]
    for title, cols, rows in sections:
        table = Table(title=f"{title} ({len(rows)})", title_justify="left", show_edge=False)
        for c in cols:
            table.add_column(c)
        for r in rows:
            table.add_row(*map(str, r))
        console.print(table)


def _num(n) -> str:
    if n.low is not None or n.high is not None:
        return f"{n.low:,}–{n.high:,}" if n.low is not None and n.high is not None else str(n.low or n.high)
    return f"{n.value:,}" if isinstance(n.value, (int, float)) else "?"
