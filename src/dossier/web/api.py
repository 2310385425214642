"""The JSON API (``/api/...``): thin handlers that parse parameters, call one query and render JSON.

Reads answer with an ETag (hash of the body) and ``Cache-Control: no-cache``, so clients revalidate
cheaply (304) and never show stale data; writes need the start-up token.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from dossier.errors import DossierError
from dossier.store import Store, queries
from dossier.store.queries import Filters, Page
from dossier.web import schemas
from dossier.web.mapdata import region_names
from dossier.web.settings import Settings

router = APIRouter(prefix="/api", responses=schemas.errors(422))
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
CODE = r"^(?:[A-Z]{2}(?:-[A-Z0-9]{1,3})?|macro:[a-z0-9_-]{1,40})$"
NAME = r"^[^\x00-\x1f]*$"  # free text without control characters


def store_of(request: Request) -> Store:
    return request.app.state.store


def run(request: Request, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """One read query through the app's cache (see ``web/cache.py``)."""
    cache = request.app.state.cache
    if cache.enabled and getattr(request.state, "cache_token", None) is None:
        request.state.cache_token = cache.token()  # one state check per request, however many queries
    return cache.call(fn, *args, token=getattr(request.state, "cache_token", None), **kwargs)


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def filters(since: Annotated[str | None, Query(pattern=DATE, description="From this date (YYYY[-MM[-DD]]).")] = None,
            until: Annotated[str | None, Query(pattern=DATE, description="Up to this date, inclusive.")] = None,
            region: Annotated[str | None, Query(pattern=CODE, description="ISO 3166-2 code, e.g. RU-SVE.")] = None,
            type: Annotated[str | None, Query(pattern=r"^[a-z_]{1,40}$", description="Event type.")] = None,
            language: Annotated[str | None, Query(pattern=r"^(en|ru)$")] = None,
            source: Annotated[str | None, Query(max_length=200, pattern=NAME, description="Source or outlet contains.")]
            = None) -> Filters:
    return Filters(since, until, region, type, language, source)


class Paging(BaseModel):
    limit: int
    offset: int


def paging(request: Request,
           limit: Annotated[int | None, Query(ge=1, le=10_000, description="Page size; clamped to the server's "
                                              "maximum (the response's `limit` is the size used).")] = None,
           offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0) -> Paging:
    s = settings_of(request)
    return Paging(limit=min(limit or s.default_page_size, s.max_page_size), offset=offset)


FiltersDep = Annotated[Filters, Depends(filters)]
PagingDep = Annotated[Paging, Depends(paging)]


def cached(request: Request, payload: Any) -> Response:
    """JSON with an ETag; answers 304 when the client already holds this exact body."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str).encode()
    tag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    headers = {"ETag": tag, "Cache-Control": "no-cache"}
    if tag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


def paged(request: Request, page: Page) -> Response:
    nxt = page.offset + page.limit if page.offset + page.limit < page.total else None
    return cached(request, {"items": page.items, "total": page.total, "limit": page.limit, "offset": page.offset,
                            "next_offset": nxt})


@router.get("/documents", response_model=schemas.DocumentPage, tags=["documents"])
def list_documents(request: Request, f: FiltersDep, pg: PagingDep,
                   q: Annotated[str | None, Query(max_length=500, pattern=NAME, description="Full-text search.")] = None
                   ) -> Response:
    """Documents newest first, filtered by date, source, language, region, event type and full text."""
    ids = run(request, queries.search_ids, q) if q else None
    return paged(request, run(request, queries.documents, f, ids=tuple(ids) if ids is not None else None,
                              limit=pg.limit, offset=pg.offset))


@router.get("/documents/{doc_id}", response_model=schemas.DocumentFull, tags=["documents"],
            responses=schemas.errors(404))
def get_document(request: Request, doc_id: str) -> Response:
    """One document with all its spans (the `dossier.extraction/1` contract) and its store metadata."""
    store = store_of(request)
    ex = store.extraction(doc_id) if len(doc_id) == 64 else None
    if ex is None:
        raise DossierError("E601", f"no document with id {doc_id[:80]!r}; list ids at /api/documents")
    return cached(request, ex.to_dict() | {"meta": queries.document_meta(store, doc_id)})


@router.get("/search", response_model=schemas.SearchResult, tags=["documents"])
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=500, pattern=NAME)],
           limit: Annotated[int, Query(ge=1, le=200)] = 20) -> Response:
    """Full-text search over titles, article texts and quotes (hits of both kinds)."""
    return cached(request, {"q": q, "items": run(request, queries.search, q, limit)})


@router.get("/regions", response_model=schemas.RegionList, tags=["places"])
def regions(request: Request, f: FiltersDep) -> Response:
    """Per region (ISO 3166-2): documents that mention it, events placed there and claims about it,
    in the period and of the event type chosen (the `region` filter is ignored here)."""
    counts = run(request, queries.regions, f)
    names = region_names()
    items = [{"code": c, "name": names.get(c)} | v for c, v in sorted(counts.items())]
    return cached(request, {"items": items})


@router.get("/events", response_model=schemas.EventPage, tags=["events"])
def events(request: Request, f: FiltersDep, pg: PagingDep,
           polarity: Annotated[str | None, Query(pattern=r"^(asserted|denied|rumored|planned|hypothetical)$")] = None
           ) -> Response:
    """Events newest first with their sentence, places and document."""
    return paged(request, run(request, queries.events, f, polarity=polarity, limit=pg.limit, offset=pg.offset))


@router.get("/claims", response_model=schemas.AnyPage, tags=["claims"])
def claims(request: Request, f: FiltersDep, pg: PagingDep,
           contradicted: Annotated[bool | None, Query(description="Only (un)contradicted claims.")] = None) -> Response:
    """Cross-document claims (event type × place × period) with every source, the number of independent
    sources and the contradictions found between them (empty when the store has no claims layer)."""
    return paged(request, run(request, queries.claims, f, contradicted=contradicted, limit=pg.limit,
                              offset=pg.offset))


@router.get("/quotes", response_model=schemas.QuotePage, tags=["quotes"])
def quotes(request: Request, f: FiltersDep, pg: PagingDep,
           speaker: Annotated[str | None, Query(max_length=200, pattern=NAME, description="Name contains.")] = None,
           entity: Annotated[str | None, Query(max_length=200, pattern=NAME,
                                               description="Entity name, or DOCID:eN for one document's entity.")]
           = None) -> Response:
    """Quotes newest first with speaker, role and outlet."""
    page = run(request, queries.quotes, f, speaker=speaker, entity=entity, limit=pg.limit, offset=pg.offset)
    return paged(request, page)


@router.get("/speakers", response_model=schemas.AnyPage, tags=["quotes"])
def speakers(request: Request, f: FiltersDep, pg: PagingDep) -> Response:
    """Who is quoted most, with roles and the outlets quoting them."""
    return paged(request, run(request, queries.speakers, f, limit=pg.limit, offset=pg.offset))


@router.get("/entities", response_model=schemas.AnyPage, tags=["entities"])
def entities(request: Request, f: FiltersDep, pg: PagingDep,
             entity_type: Annotated[str | None, Query(alias="entity_type",
                                                      pattern=r"^(PERSON|ORG|MEDIA|GPE|GROUP)$")] = None,
             name: Annotated[str | None, Query(max_length=200, pattern=NAME)] = None) -> Response:
    """People, organisations and media named in the documents, by number of documents."""
    page = run(request, queries.entities, f, type=entity_type, name=name, limit=pg.limit, offset=pg.offset)
    return paged(request, page)


@router.get("/timeline", response_model=schemas.Timeline, tags=["events"])
def timeline(request: Request, f: FiltersDep,
             bucket: Annotated[str, Query(pattern=r"^(day|week|month)$")] = "day") -> Response:
    """Event counts per day, week (its Monday) or month (YYYY-MM) and event type."""
    return cached(request, {"bucket": bucket, "items": run(request, queries.timeline, f, bucket=bucket)})


@router.get("/stats", tags=["store"])
def stats(request: Request) -> Response:
    """Row counts per table."""
    return cached(request, store_of(request).counts())


# ---- writing ----------------------------------------------------------------------------------------------
class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=500_000)
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, pattern=DATE)
    language: str | None = Field(None, pattern=r"^(en|ru)$")
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)


class IngestIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=100)


def require_token(request: Request) -> None:
    token = settings_of(request).token
    if not token:
        raise DossierError("E604", "ingest is disabled: start the server with --token to enable it")
    given = request.headers.get("authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        raise DossierError("E603", "missing or wrong token: send 'Authorization: Bearer <token>'")


@router.post("/ingest", response_model=schemas.IngestOut, tags=["ingest"], dependencies=[Depends(require_token)], responses=schemas.errors(401, 403, 413))
def ingest_json(request: Request, body: IngestIn) -> JSONResponse:
    """Extract and store articles given as JSON (the same path as `dossier ingest`). Needs the token."""
    from dossier.ingest import ingest_documents
    from dossier.model import Document

    s = settings_of(request)
    if len(body.articles) > s.max_articles:
        raise DossierError("E605", f"{len(body.articles)} articles in one request; the limit is {s.max_articles}")
    docs = [Document(text=a.text, source=a.source or a.url or "api", title=a.title, published=a.published,
                     language=a.language, url=a.url, outlet=a.outlet) for a in body.articles]
    report = ingest_documents(store_of(request), docs)
    return JSONResponse(_report(report))


@router.post("/ingest/files", response_model=schemas.IngestOut, tags=["ingest"],
             dependencies=[Depends(require_token)], responses=schemas.errors(401, 403, 413))
def ingest_files(request: Request, files: Annotated[list[UploadFile], File(description="Article files.")]
                 ) -> JSONResponse:
    """Extract and store uploaded article files (.txt with optional header, .html, .jsonl). Needs the token."""
    from dossier.ingest import IngestReport, ingest_documents
    from dossier.model import Document
    from dossier.sources import Rejected, read_file

    report = IngestReport()
    items: list[Document | Rejected] = []
    with tempfile.TemporaryDirectory(prefix="dossier-upload-") as tmp:
        for i, up in enumerate(files[: settings_of(request).max_articles]):
            name = Path(up.filename or f"upload-{i}.txt").name[:100] or f"upload-{i}.txt"
            path = Path(tmp) / f"{i}-{name}"
            path.write_bytes(up.file.read())
            for item in read_file(path):
                if isinstance(item, Rejected):
                    items.append(Rejected(f"upload:{name}", item.reason, item.message))
                else:
                    item.source = f"upload:{name}"
                    items.append(item)
    ingest_documents(store_of(request), items, report)
    return JSONResponse(_report(report))


def _report(r: Any) -> dict[str, Any]:
    return {"new": r.new, "unchanged": r.unchanged, "versions": r.versions, "doc_ids": r.doc_ids,
            "failed": [{"where": f.where, "reason": f.reason, "message": f.message} for f in r.failed]}
