"""`dossier watch`, `dossier backfill`, `dossier bench`, `dossier export`: feeds, clusters, speed, exports."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from dossier.cli import app
from dossier.cli.options import DbOption, JsonOption, open_store
from dossier.cli.render import KEY, NUM, TEXT, console, err_console, fit_table
from dossier.errors import DossierError
from dossier.ingest import IngestReport


def _summary(report: IngestReport, db: str) -> None:
    console.print(f"[green]{report.new} new[/green] · {report.versions} new versions · {report.unchanged} unchanged · "
                  f"[{'red' if report.failed else 'green'}]{len(report.failed)} skipped[/] → {db}")
    for r in report.failed:
        err_console.print(f"[yellow]skipped[/yellow] {r.where}: {r.message} [dim]({r.reason})[/dim]", highlight=False,
                          soft_wrap=True)


@app.command("watch")
def watch_command(
    feeds: list[str] = typer.Argument(..., help="RSS/Atom feed URLs."),
    db: str = DbOption,
    every: str = typer.Option(None, "--every", help="Poll again at this interval (30s, 15m, 2h); once if omitted."),
    delay: float = typer.Option(2.0, "--delay", min=0, help="Seconds between two requests to the same host."),
    timeout: float = typer.Option(20.0, "--timeout", min=1, help="Seconds to wait for an answer."),
    retries: int = typer.Option(3, "--retries", min=0, max=10, help="Retries after a timeout or 5xx, with backoff."),
) -> None:
    """Poll feeds politely and store every new article (ETag/Last-Modified, per-host delay, retries).

    Example: [bold]dossier watch https://example.org/rss.xml --every 15m --db dossier.db[/bold]
    """
    from dossier.watch import Policy, parse_every, watch

    interval = parse_every(every) if every else None
    policy = Policy(timeout=timeout, per_host_delay=delay, retries=retries)
    try:
        watch(feeds, open_store(db), every=interval, policy=policy, on_round=lambda r: _summary(r, db))
    except KeyboardInterrupt:
        err_console.print("stopped")


@app.command("backfill")
def backfill_command(
    inputs: list[Path] = typer.Argument(..., help="Files or folders (.txt, .html, .jsonl, .warc.gz, result.json…)."),
    db: str = DbOption,
    scheduler: str = typer.Option(None, "--scheduler", help="Address of a running Dask scheduler (tcp://host:8786)."),
    local: int = typer.Option(None, "--local", min=0, help="Start a local Dask cluster of N processes (0: no Dask)."),
    shards: Path = typer.Option(Path("shards"), "--shards", help="Folder for Parquet shards (shared with workers)."),
    size: int = typer.Option(20, "--partition-size", min=1, help="Files per partition."),
) -> None:
    """Extract an archive on a Dask cluster into Parquet shards, then load them into the store.

    Rerunning after a crash resumes: finished shards are kept and stored articles skipped.
    Example: [bold]dossier backfill archive/ --local 2 --db dossier.db[/bold]
    """
    from dossier.backfill import backfill

    if scheduler and local is not None:
        raise DossierError("E408", "give either --scheduler ADDRESS or --local N, not both")
    rep = backfill(inputs, open_store(db), shards, scheduler=scheduler, local=2 if local is None and not scheduler
                   else local, files_per_partition=size,
                   progress=lambda i, n: err_console.print(f"partition {i}/{n} extracted", highlight=False))
    console.print(f"{rep.partitions} partitions ({rep.extracted} extracted now, the rest from earlier shards)")
    _summary(rep.ingest, db)


@app.command("bench")
def bench_command(
    inputs: list[Path] = typer.Argument(None, help="Articles to time (cycled to reach --articles per language)."),
    articles: int = typer.Option(100, "--articles", min=1, help="Articles per language and configuration."),
    processes: str = typer.Option("1,2", "--processes", help="Process counts to time, comma-separated."),
    repeat: int = typer.Option(2, "--repeat", min=1, help="Runs per configuration; the best is kept."),
    ingest: int = typer.Option(0, "--ingest", min=0, help="Instead: ingest N distinct articles into --db and "
                               "report time and peak memory."),
    db: str = typer.Option(":memory:", "--db", help="Store for --ingest (a scratch file or :memory:)."),
    api: int = typer.Option(0, "--api", min=0, help="Instead: load N generated documents (no NLP) into a scratch "
                            "store and report p50/p95 of the main web endpoints (e.g. --api 10000)."),
    claims: int = typer.Option(0, "--claims", min=0, help="Instead: ingest N, then 2N generated near-copies "
                               "(clusters of 50) and report time per document of the dedup + claims hooks."),
    quotes: int = typer.Option(0, "--quotes", min=0, help="Instead: time one generated article of N/4 and of N "
                               "quotes and report quotes/s at each size (flat = linear time)."),
    as_json: bool = JsonOption,
) -> None:
    """Throughput of the full pipeline against the bare language model on the same texts.

    Examples: [bold]dossier bench corpus/ --articles 200[/bold] · [bold]dossier bench --api 10000[/bold] ·
    [bold]dossier bench --claims 1000[/bold] · [bold]dossier bench --quotes 2000[/bold]
    """
    if api:
        _bench_api(api, repeat, as_json)
        return
    if claims:
        _bench_claims(claims, as_json)
        return
    if quotes:
        _bench_quotes(quotes, as_json)
        return
    if not inputs:
        raise DossierError("E409", "give articles to time (or --api N / --claims N / --quotes N)")
    from dossier.bench import bench
    from dossier.model import Document
    from dossier.sources import read_paths

    try:
        procs = tuple(int(x) for x in processes.split(",") if x.strip())
    except ValueError:
        raise DossierError("E409", f"--processes {processes!r} is not a list of numbers like 1,2") from None
    docs = [d for d in read_paths(inputs) if isinstance(d, Document)]
    if ingest:
        from dossier.bench import bench_ingest

        res = bench_ingest(docs, open_store(db), ingest, n_process=procs[0] if procs else 1)
        typer.echo(json.dumps(res.to_dict(), indent=1) if as_json else
                   f"{res.stored:,} of {res.articles:,} articles stored in {res.seconds:,.0f} s "
                   f"({60 * res.articles / res.seconds:,.0f}/min), peak RSS {res.peak_rss_mib:,.0f} MiB "
                   f"(largest worker {res.peak_rss_children_mib:,.0f} MiB)")
        return
    report = bench(docs, articles=articles, processes=procs, repeat=repeat,
                   progress=lambda s: err_console.print(f"timing {s}", highlight=False))
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=1))
        return
    m = report.machine
    console.print(f"[bold]{m['cpu']}[/bold], {m['cores']} cores, {m['memory_gib']} GiB, {m['os']}, Python "
                  f"{m['python']}, spaCy {m['spacy']}, load average {m['load_average']:.2f}")
    rows = []
    for r in report.runs:
        ratio = report.ratio(r.language, r.processes) if r.label == "full" else None
        rows.append([r.language, r.label, str(r.processes), str(r.articles), f"{r.words / r.articles:.0f}",
                     f"{r.articles_per_min:,.0f}", f"{r.words_per_s:,.0f}", f"{ratio:.0%}" if ratio else ""])
    console.print(fit_table("", [("lang", KEY), ("run", KEY), ("procs", NUM), ("articles", NUM),
                                 ("w/article", NUM), ("art/min", NUM), ("words/s", NUM), ("full/bare", NUM)], rows))
    console.print(f"peak RSS: {report.peak_rss_mib:,.0f} MiB (this process), "
                  f"{report.peak_rss_children_mib:,.0f} MiB (largest worker)")


def _load() -> str:
    import os

    return f"load average {os.getloadavg()[0]:.2f}"


def _bench_api(n_docs: int, repeat: int, as_json: bool) -> None:
    """`dossier bench --api N`: a thin front end over :func:`dossier.web.bench.api_bench`."""
    from dossier.web.bench import api_bench

    err_console.print(f"loading {n_docs:,} generated documents, then timing each endpoint", highlight=False)
    load_s, timings = api_bench(n_docs, repeat=max(repeat, 20))
    worst = max(t.p95_ms for t in timings)
    if as_json:
        typer.echo(json.dumps({"documents": n_docs, "load_seconds": round(load_s, 2), "worst_p95_ms": round(worst, 1),
                               "endpoints": [t.__dict__ for t in timings]}, indent=1))
        return
    console.print(f"{n_docs:,} documents loaded in {load_s:,.1f} s · {_load()}")
    console.print(fit_table("", [("endpoint", TEXT), ("p50 ms", NUM), ("p95 ms", NUM), ("max ms", NUM)],
                            [[t.endpoint, f"{t.p50_ms:.1f}", f"{t.p95_ms:.1f}", f"{t.max_ms:.1f}"] for t in timings]))
    console.print(f"worst p95: {worst:.1f} ms ({'under' if worst < 100 else 'over'} the 100 ms goal)")


def _bench_claims(n_docs: int, as_json: bool) -> None:
    """`dossier bench --claims N`: time per document at N and 2N near-copies (should stay ~flat)."""
    from dossier.claims_bench import claims_bench

    runs = claims_bench((n_docs, 2 * n_docs))
    if as_json:
        typer.echo(json.dumps([{**r.__dict__, "ms_per_doc": round(r.ms_per_doc, 2)} for r in runs], indent=1))
        return
    for r in runs:
        console.print(f"{r.documents:,} documents: {r.ms_per_doc:.1f} ms/document (largest claim {r.sources} "
                      f"sources, {r.independent} independent)", highlight=False)
    console.print(f"ratio {runs[1].ms_per_doc / runs[0].ms_per_doc:.2f} for twice the documents · {_load()}")


def _bench_quotes(n_quotes: int, as_json: bool) -> None:
    """`dossier bench --quotes N`: one article of N/4 and of N quotes, in English and Russian."""
    from dossier.bench import bench_quotes

    sizes = (max(1, n_quotes // 4), n_quotes)
    runs = {lang: bench_quotes(sizes, lang) for lang in ("en", "ru")}
    if as_json:
        typer.echo(json.dumps({lang: [{**r.__dict__, "quotes_per_s": round(r.quotes_per_s, 1)} for r in rs]
                               for lang, rs in runs.items()}, indent=1))
        return
    for lang, rs in runs.items():
        for r in rs:
            console.print(f"{lang}: {r.quotes:,} quotes ({r.words:,} words) in {r.seconds:.2f} s = "
                          f"{r.quotes_per_s:,.0f} quotes/s, {r.found:,} found", highlight=False)
        console.print(f"{lang}: quotes/s at {rs[1].quotes:,} is {rs[1].quotes_per_s / rs[0].quotes_per_s:.0%} of "
                      f"that at {rs[0].quotes:,} (100 % = linear time) · {_load()}", highlight=False)


@app.command("export")
def export_command(
    table: str = typer.Argument("events", help="documents, quotes, events or claims (ignored for geojson)."),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv, jsonl, parquet or geojson."),
    out: Path = typer.Option(None, "--out", "-o", help="Output file (stdout when omitted; required for parquet)."),
    db: str = DbOption,
    no_text: bool = typer.Option(False, "--no-text", help="Leave article texts out of the documents table."),
) -> None:
    """Export the store for spreadsheets, notebooks and GIS tools.

    Examples: [bold]dossier export claims --format csv -o claims.csv[/bold] ·
    [bold]dossier export --format geojson -o regions.geojson[/bold]
    """
    from dossier.export import export

    n = export(open_store(db), table, fmt, out, with_text=not no_text, stdout=sys.stdout)
    if out:
        err_console.print(f"{n} {'features' if fmt == 'geojson' else 'rows'} → {out}", highlight=False)
