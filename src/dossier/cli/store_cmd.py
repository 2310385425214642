"""`dossier ingest`, `dossier search`, `dossier stats`: the store from the command line."""
from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.text import Text

from dossier.cli import app
from dossier.cli.options import DbOption, JsonOption, open_store
from dossier.cli.render import KEY, NUM, TEXT, console, err_console, escape, fit_table, short
from dossier.ingest import count_inputs, ingest
from dossier.sources.meta import normalise_date, normalise_language


@app.command("ingest")
def ingest_command(
    paths: list[Path] = typer.Argument(..., help="Files or directories (.txt, .html, .jsonl, …)."),
    db: str = DbOption,
    published: str = typer.Option(None, "--published", help="Publication date for inputs that carry none."),
    lang: str = typer.Option(None, "--lang", help="Force en or ru instead of detecting it."),
    quiet: bool = typer.Option(False, "--no-progress", help="No progress bar (for logs)."),
    processes: int = typer.Option(1, "--processes", "-p", min=1, max=64,
                                  help="Extraction processes (2 on a 2-core machine roughly doubles throughput)."),
) -> None:
    """Extract every article under PATHS and store it. Re-running is safe: stored texts are skipped.

    Exit code 1 when any input failed; each failure is listed with its reason.
    Example: [bold]dossier ingest examples/ --db dossier.db[/bold]
    """
    published = normalise_date(published, "--published")
    lang = normalise_language(lang, "--lang")
    store = open_store(db)
    total = count_inputs(paths)
    columns = (TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
               TextColumn("{task.fields[docs]} articles · {task.fields[rate]:.1f}/s"), TimeElapsedColumn(),
               TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=err_console, disable=quiet, transient=False) as bar:
        task = bar.add_task("ingest", total=total, docs=0, rate=0.0)

        def tick(_: str, rep) -> None:
            elapsed = bar.tasks[0].elapsed or 1e-9
            bar.update(task, advance=1, docs=rep.read, rate=rep.read / elapsed)

        report = ingest(paths, store, published=published, language=lang, progress=tick, n_process=processes)
    console.print(f"[green]{report.new} new[/green] · {report.versions} new versions · {report.unchanged} unchanged · "
                  f"[{'red' if report.failed else 'green'}]{len(report.failed)} failed[/] → {escape(db)}")
    for r in report.failed:
        err_console.print(Text.assemble(("failed", "red"), f" {r.where}: {r.message} ", (f"({r.reason})", "dim")))
    if report.failed:
        raise typer.Exit(1)


@app.command("search")
def search_command(query: str = typer.Argument(..., help="Words to find in titles, texts and quotes."),
                   db: str = DbOption,
                   limit: int = typer.Option(20, "--limit", min=1, max=1000, help="Most hits to show."),
                   as_json: bool = JsonOption) -> None:
    """Full-text search over stored articles and quotes.

    Example: [bold]dossier search "повестки Свердловской"[/bold]
    """
    hits = open_store(db).search(query, limit=limit)
    if as_json:
        typer.echo(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=1))
        return
    rows = [[h.kind + (f" ({h.speaker})" if h.speaker else ""), h.published or "", short(h.title or h.doc_id, 80),
             _marked(short(h.snippet, 160))] for h in hits]
    console.print(fit_table(f"{len(hits)} hits for {query!r}",
                            [("kind", TEXT), ("published", KEY), ("title", TEXT), ("match", TEXT)], rows))


def _marked(snippet: str) -> Text:
    """The store marks matched words `[like this]`: show them bold instead, the brackets gone."""
    text = Text()
    for i, part in enumerate(re.split(r"\[([^\[\]]*)\]", snippet)):
        text.append(part, style="bold" if i % 2 else "")
    return text


@app.command("stats")
def stats_command(db: str = DbOption, as_json: bool = JsonOption) -> None:
    """Row counts of the store and the latest documents.

    Example: [bold]dossier stats --db dossier.db[/bold]
    """
    store = open_store(db)
    counts = store.counts()
    if as_json:
        typer.echo(json.dumps(counts, indent=1))
        return
    console.print(fit_table(db, [("table", KEY), ("rows", NUM)], [[k, f"{v:,}"] for k, v in counts.items()]))
    rows = [[d.published or "", d.language or "", short(d.title or "", 100), d.source]
            for d in store.documents(limit=10)]
    console.print(fit_table("latest documents", [("published", KEY), ("lang", KEY), ("title", TEXT),
                                                 ("source", TEXT)], rows))
    for name, pairs in store.overview().items():
        if pairs:
            console.print(Text.assemble((name, "bold"), ": ", " · ".join(f"{k} ({v})" for k, v in pairs)))
