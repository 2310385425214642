"""`dossier events FILE` (one article's events) and `dossier claims` (claims across the store)."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer
from rich.table import Table

from dossier.cli import app
from dossier.cli.extract_cmd import load_document
from dossier.cli.options import DbOption, JsonOption, open_store
from dossier.cli.render import console, short
from dossier.domains import active_pack
from dossier.extract import extract
from dossier.model import validate
from dossier.sources.meta import normalise_date


@app.command("events")
def events_command(
    file: Path = typer.Argument(..., help="Article: .txt (optional KEY: value header), .html or .jsonl."),
    as_json: bool = JsonOption,
    published: str = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD)."),
    lang: str = typer.Option(None, "--lang", help="en or ru; detected when omitted."),
) -> None:
    """The events of one article: type, polarity, places, date, numbers and who says so.

    Example: [bold]dossier events article.txt[/bold]
    """
    ex = validate(extract(load_document(file, published, lang)), active_pack().type_names)
    if as_json:
        typer.echo(json.dumps([asdict(e) for e in ex.events], ensure_ascii=False, indent=1))
        return
    names = {e.id: e.name for e in ex.entities}
    table = Table("type", "polarity", "places", "date", "numbers", "said by", "trigger · sentence",
                  title=f"{len(ex.events)} events in {file.name}", title_justify="left")
    for e in ex.events:
        numbers = ", ".join(ex.quantities[k].text for k in e.quantities)
        sentence = ex.text[e.sentence[0]:e.sentence[1]]
        table.add_row(e.type, e.polarity, ", ".join(e.places), e.date or "", short(numbers, 30),
                      names.get(e.attributed_to or "", ""), f"[bold]{e.trigger.text}[/bold] · {short(sentence, 90)}")
    console.print(table)


@app.command("claims")
def claims_command(
    db: str = DbOption,
    region: str = typer.Option(None, "--region", help="ISO code: a region (RU-SVE) or a country (RU, all its regions)."),
    type_: str = typer.Option(None, "--type", help="Event type of the domain pack, e.g. summons."),
    since: str = typer.Option(None, "--since", help="Claims still reported on or after this date."),
    contradicted: bool = typer.Option(False, "--contradicted", help="Only claims whose sources disagree."),
    min_sources: int = typer.Option(0, "--min-sources", min=0, help="At least this many independent sources."),
    limit: int = typer.Option(50, "--limit", min=1, max=10000, help="Most claims to show."),
    timeline: bool = typer.Option(False, "--timeline", help="List every source of each claim in date order."),
    rebuild: bool = typer.Option(False, "--recompute", help="Rebuild all claims from the stored events first."),
    as_json: bool = JsonOption,
) -> None:
    """Claims across stored articles: one event type in one place within the pack's time window,
    with independent sources and contradictions.

    Example: [bold]dossier claims --region RU-SVE --type summons --contradicted[/bold]
    """
    from dossier.store.claims import ensure_current, list_claims, recompute

    pack = active_pack()
    if type_ and type_ not in pack.types:
        raise typer.BadParameter(f"{type_!r} is not a type of pack {pack.name!r}: {', '.join(pack.types)}",
                                 param_hint="--type")
    store = open_store(db)
    if rebuild:
        recompute(store, pack)
    else:
        ensure_current(store, pack)
    found = list_claims(store, region=region, type=type_, since=normalise_date(since, "--since"),
                        contradicted=True if contradicted else None, min_sources=min_sources, limit=limit)
    if as_json:
        typer.echo(json.dumps([{**asdict(c), "contradicted": c.contradicted} for c in found],
                              ensure_ascii=False, indent=1))
        return
    render_claims(found, timeline)


def render_claims(found: list, timeline: bool) -> None:
    """Dates, counts and figures never wrap or get cut; on a terminal too narrow for the contradiction
    column, contradictions follow the table, one line per claim."""
    wide = console.width >= 140
    table = Table(title=f"{len(found)} claims", title_justify="left", show_edge=False)
    table.add_column("claim", min_width=18, overflow="fold")
    for name in ("from", "to") if wide else ("from / to",):
        table.add_column(name, no_wrap=True, min_width=10)
    table.add_column("src", justify="right", no_wrap=True)
    table.add_column("ind", justify="right", no_wrap=True)
    table.add_column("polarity", max_width=None if wide else 14)
    table.add_column("numbers", justify="right", no_wrap=True)
    if wide:
        table.add_column("contradiction")
    for c in found:
        pol = ", ".join(f"{k} {v}" for k, v in sorted(c.polarities.items()))
        nums = "" if c.quantity_low is None else (f"{c.quantity_low:,.0f}" if c.quantity_low == c.quantity_high
                                                  else f"{c.quantity_low:,.0f}–{c.quantity_high:,.0f}")
        mark = "[red]✗[/red] " if c.contradictions and not wide else ""
        dates = [c.start or "?", c.end or "?"] if wide else [f"{c.start or '?'}\n{c.end or '?'}"]
        row = [f"{mark}{c.type} @ {c.place}" if wide else f"{mark}{c.type}\n@ {c.place}", *dates, str(len(c.sources)),
               str(c.independent_sources), pol, nums]
        if wide:
            row.append("[red]" + "; ".join(c.contradictions) + "[/red]" if c.contradictions else "")
        table.add_row(*row)
    console.print(table)
    console.print("[dim]src = sources, ind = independent sources[/dim]")
    if not wide:
        for c in (c for c in found if c.contradictions):
            console.print(f"[red]✗[/red] [bold]{c.type} @ {c.place}[/bold] {c.start or '?'}: " + "; ".join(c.contradictions),
                          highlight=False)
    if timeline:
        for c in found:
            console.print(f"[bold]{c.id}[/bold]")
            for s in c.timeline():
                who = " · ".join(x for x in (s.outlet, s.speaker) if x)
                console.print(f"  {s.date or '?':10} {s.polarity:12} {short(who, 30):30} {short(s.sentence, 90)}",
                              highlight=False)
