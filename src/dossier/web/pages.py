"""The dashboard: server-rendered pages over the same queries as the API.

Every page works without JavaScript (the map's regions are links that set the region filter);
``static/app.js`` adds the layout toggle, hover details and quote↔speaker highlighting.
"""
from __future__ import annotations

from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from dossier.errors import DossierError
from dossier.store import Store, queries
from dossier.store.queries import Filters
from dossier.web import charts, highlight, mapdata
from dossier.web.api import CODE, DATE, NAME, run

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("dossier.web").joinpath("templates")))
METRICS = ("events", "documents", "claims")
PARAMS = ("since", "until", "region", "type", "layout", "metric", "offset")


def _store(request: Request) -> Store:
    return request.app.state.store


_run = run  # the API's cached query runner, shared


def url_with(request: Request, path: str = "/", **changes: str | None) -> str:
    """The dashboard URL with the current filters, some of them changed (None drops one)."""
    params = {k: request.query_params.get(k) for k in PARAMS} | changes
    query = urlencode({k: v for k, v in params.items() if v})
    return path + ("?" + query if query else "")


def snippet(text: str) -> Markup:
    """An FTS snippet with its [match] markers as <mark>; the text itself is escaped first."""
    return Markup(str(escape(text)).replace("[", "<mark>").replace("]", "</mark>"))


templates.env.globals.update(url_with=url_with, attribution=mapdata.attribution, place_name=mapdata.place_name)
templates.env.filters["snippet"] = snippet


def map_regions(request: Request, f: Filters, by_code: dict[str, int], classes: dict[str, int],
                metric: str) -> list[dict[str, Any]]:
    """One plain dict per region for the map templates (computed here: Jinja macros per shape were
    the slowest part of the page)."""
    cells = mapdata.grid_layout()["cells"]
    out = []
    for s in mapdata.shapes():
        css = f"region c{classes.get(s.code, 0)}" + (" sel" if f.region == s.code else "")
        out.append({"code": s.code, "path": s.path, "clip": s.clip, "label": s.label, "css": css,
                    "href": url_with(request, region=None if f.region == s.code else s.code),
                    "tip": f"{s.name} ({s.code}): {by_code.get(s.code, 0)} {metric}", "n": by_code.get(s.code, ""),
                    "cell": cells.get(s.code), "short": s.code if s.code.startswith("UA") else s.code[3:]})
    return out


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    response = templates.TemplateResponse(request, name, context, status_code=status)
    response.headers["Cache-Control"] = "no-cache"
    return response


def error_page(request: Request, code: str, message: str, status: int) -> HTMLResponse:
    return _render(request, "error.html", {"code": code, "message": message, "status": status}, status)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request,
              since: Annotated[str | None, Query(pattern=DATE)] = None,
              until: Annotated[str | None, Query(pattern=DATE)] = None,
              region: Annotated[str | None, Query(pattern=CODE)] = None,
              type: Annotated[str | None, Query(pattern=r"^[a-z_]{1,40}$")] = None,
              layout: Annotated[str, Query(pattern=r"^(geo|grid)$")] = "geo",
              metric: Annotated[str | None, Query(pattern=r"^(events|documents|claims)$")] = None) -> Response:
    f = Filters(since, until, region, type)
    counts = _run(request, queries.regions, Filters(since, until, None, type))
    if metric is None:  # colour by events when there are any, else by documents mentioning the region
        metric = "events" if any(v["events"] for v in counts.values()) else "documents"
    by_code = {c: v[metric] for c, v in counts.items()}
    classes, bounds = mapdata.colour_classes(by_code)
    types = _run(request, queries.event_types)
    colours = charts.type_colours(types)
    days = _run(request, queries.timeline, f, bucket="day")
    span = len({r["period"] for r in days})  # distinct days with events: keep the chart to ~100 columns
    bucket = "day" if span <= 60 else "week" if span <= 400 else "month"
    context = {
        "f": f, "layout": layout, "metric": metric, "metrics": METRICS, "types": types, "colours": colours,
        "regions": map_regions(request, f, by_code, classes, metric), "grid": mapdata.grid_layout(),
        "map": mapdata.map_data(),
        "clips": mapdata.clip_polygons(), "context_paths": mapdata.context_paths(),
        "counts": counts, "by_code": by_code, "classes": classes, "bounds": bounds, "palette": mapdata.PALETTE,
        "region_name": mapdata.region_names().get(region or "", region), "region_names": mapdata.region_names(),
        "timeline": charts.timeline_chart(_run(request, queries.timeline, f, bucket=bucket), colours), "bucket": bucket,
        "period_range": charts.period_range,
        "claims": _run(request, queries.claims, f, limit=20), "speakers": _run(request, queries.speakers, f, limit=12),
        "quotes": _run(request, queries.quotes, f, limit=12), "documents": _run(request, queries.documents, f, limit=20),
        "events": _run(request, queries.events, f, limit=15),
    }
    return _render(request, "index.html", context)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> Response:
    store = _store(request)
    ex = store.extraction(doc_id) if len(doc_id) == 64 else None
    if ex is None:
        raise DossierError("E601", f"no document with id {doc_id[:80]!r}")
    names = {e.id: e for e in ex.entities}
    context = {"ex": ex, "doc": ex.document, "meta": queries.document_meta(store, doc_id),
               "body": highlight.highlight(ex), "entities": names, "region_names": mapdata.region_names()}
    return _render(request, "document.html", context)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: Annotated[str, Query(max_length=500, pattern=NAME)] = "") -> Response:
    hits = _run(request, queries.search, q, 50) if q.strip() else []
    return _render(request, "search.html", {"q": q, "hits": hits})


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request,
                speaker: Annotated[str | None, Query(max_length=200, pattern=NAME)] = None,
                region: Annotated[str | None, Query(pattern=CODE)] = None,
                offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Response:
    """Who says what: quotes with role and outlet, optionally of one speaker (exact name)."""
    f = Filters(region=region)
    page = _run(request, queries.quotes, f, entity=speaker, limit=50, offset=offset) if speaker else \
        _run(request, queries.quotes, f, limit=50, offset=offset)
    return _render(request, "quotes.html", {"speaker": speaker, "page": page, "f": f,
                                            "speakers": _run(request, queries.speakers, f, limit=40)})


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request,
                   since: Annotated[str | None, Query(pattern=DATE)] = None,
                   until: Annotated[str | None, Query(pattern=DATE)] = None,
                   region: Annotated[str | None, Query(pattern=CODE)] = None,
                   type: Annotated[str | None, Query(pattern=r"^[a-z_]{1,40}$")] = None,
                   offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Response:
    """Every document of the dashboard's selection, 50 per page."""
    f = Filters(since, until, region, type)
    page = _run(request, queries.documents, f, limit=50, offset=offset)
    return _render(request, "documents.html", {"page": page, "f": f,
                                               "region_name": mapdata.place_name(region) if region else None})
