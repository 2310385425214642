"""`dossier places FILE`: the place mentions of one article and the codes they resolve to, for checking."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import typer

from dossier.cli import app
from dossier.cli.extract_cmd import load_document
from dossier.cli.options import JsonOption
from dossier.cli.render import KEY, NUM, TEXT, console, fit_table
from dossier.nlp.places import find_places


@app.command("places")
def places_command(
    file: Path = typer.Argument(..., help="Article: .txt (optional KEY: value header), .html or .jsonl (first line)."),
    as_json: bool = JsonOption,
    lang: str = typer.Option(None, "--lang", help="en or ru; detected from the text when omitted."),
) -> None:
    """Table of place mentions → gazetteer codes (ISO 3166-2 regions, countries, cities, macro-regions).

    Example: [bold]dossier places article.txt[/bold]
    """
    places = find_places(load_document(file, None, lang))
    if as_json:
        typer.echo(json.dumps([dataclasses.asdict(p) for p in places], ensure_ascii=False, indent=1))
        return
    rows = [[p.text, str(p.start), p.id, p.name, p.kind, p.region or "", "yes" if p.negated else "",
             ", ".join(p.alternatives)] for p in places]
    console.print(fit_table(f"Places ({len(places)})", [
        ("mention", TEXT), ("offset", NUM), ("id", KEY), ("name", TEXT), ("kind", KEY), ("region", KEY),
        ("negated", KEY), ("alternatives", TEXT)], rows, show_edge=False))
