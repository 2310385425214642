"""Response shapes of the JSON API, for the OpenAPI schema (and schemathesis' conformance checks)."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class PageBase(_Open):
    total: int
    limit: int
    offset: int
    next_offset: int | None


class DocumentSummary(_Open):
    id: str
    title: str | None
    published: str | None
    language: str | None
    source: str
    url: str | None
    outlet: str | None
    words: int | None


class DocumentPage(PageBase):
    items: list[DocumentSummary]


class DocumentFull(_Open):
    schema_: str | None = None
    document: dict[str, Any]
    text: str
    entities: list[dict[str, Any]]
    places: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    quantities: list[dict[str, Any]]
    dates: list[dict[str, Any]]
    events: list[dict[str, Any]]
    meta: dict[str, Any] | None


class SearchHit(_Open):
    doc_id: str
    title: str | None
    published: str | None
    kind: str
    snippet: str
    speaker: str | None


class SearchResult(_Open):
    q: str
    items: list[SearchHit]


class RegionCount(_Open):
    code: str
    name: str | None
    documents: int
    events: int
    claims: int


class RegionList(_Open):
    items: list[RegionCount]


class EventRow(_Open):
    doc_id: str
    idx: int
    type: str
    polarity: str
    trigger_text: str | None
    date: str | None
    places: list[str]
    sentence: str | None


class EventPage(PageBase):
    items: list[EventRow]


class QuoteRow(_Open):
    doc_id: str
    idx: int
    text: str
    kind: str
    speaker_name: str | None
    roles: list[str]
    outlet: str | None


class QuotePage(PageBase):
    items: list[QuoteRow]


class AnyPage(PageBase):
    items: list[dict[str, Any]]


class TimelinePoint(_Open):
    period: str
    type: str
    count: int


class Timeline(_Open):
    bucket: str
    items: list[TimelinePoint]


class Failure(_Open):
    where: str
    reason: str
    message: str


class IngestOut(_Open):
    new: int
    unchanged: int
    versions: int
    doc_ids: list[str]
    failed: list[Failure]


class ErrorDetail(_Open):
    code: str
    message: str
    status: int


class ErrorBody(_Open):
    """Every error: a stable code (E6xx for the web layer, the DossierError code otherwise)."""

    error: ErrorDetail


def errors(*statuses: int) -> dict[int | str, dict[str, object]]:
    return {s: {"model": ErrorBody, "description": "Error with a stable code"} for s in statuses}
