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
from dossier.web.api import CODE, DATE, NAME

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("dossier.web").joinpath("templates")))
METRICS = ("events", "documents", "claims")
PARAMS = ("since", "until", "region", "type", "layout", "metric")


def _store(request: Request) -> Store:
    return request.app.state.store


def url_with(request: Request, path: str = "/", **changes: str | None) -> str:
    """The dashboard URL with the current filters, some of them changed (None drops one)."""
    params = {k: request.query_params.get(k) for k in PARAMS} | changes
    query = urlencode({k: v for k, v in params.items() if v})
    return path + ("?" + query if query else "")


def snippet(text: str) -> Markup:
    """An FTS snippet with its [match] markers as <mark>; the text itself is escaped first."""
    return Markup(str(escape(text)).replace("[", "<mark>").replace("]", "</mark>"))


templates.env.globals.update(url_with=url_with, attribution=mapdata.attribution)
templates.env.filters["snippet"] = snippet


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
    store = _store(request)
    f = Filters(since, until, region, type)
    counts = queries.regions(store, Filters(since, until, None, type))
    if metric is None:  # colour by events when there are any, else by documents mentioning the region
        metric = "events" if any(v["events"] for v in counts.values()) else "documents"
    by_code = {c: v[metric] for c, v in counts.items()}
    classes, bounds = mapdata.colour_classes(by_code)
    types = queries.event_types(store)
    colours = charts.type_colours(types)
    bucket = "week" if _long_period(store, f) else "day"
    context = {
        "f": f, "layout": layout, "metric": metric, "metrics": METRICS, "types": types, "colours": colours,
        "shapes": mapdata.shapes(), "grid": mapdata.grid_layout(), "map": mapdata.map_data(),
        "clips": mapdata.clip_polygons(), "context_paths": mapdata.context_paths(),
        "counts": counts, "by_code": by_code, "classes": classes, "bounds": bounds, "palette": mapdata.PALETTE,
        "region_name": mapdata.region_names().get(region or "", region),
        "timeline": charts.timeline_chart(queries.timeline(store, f, bucket=bucket), colours), "bucket": bucket,
        "claims": queries.claims(store, f, limit=20), "speakers": queries.speakers(store, f, limit=12),
        "quotes": queries.quotes(store, f, limit=12), "documents": queries.documents(store, f, limit=20),
        "events": queries.events(store, f, limit=15),
    }
    return _render(request, "index.html", context)


def _long_period(store: Store, f: Filters) -> bool:
    rows = queries.timeline(store, f, bucket="day")
    return len({r["period"] for r in rows}) > 60


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
    hits = _store(request).search(q, limit=50) if q.strip() else []
    return _render(request, "search.html", {"q": q, "hits": hits})
