"""Read-only queries behind `dossier export`: flat rows of documents, quotes, events and claims,
and per-region counts for maps. Rows are plain dicts with JSON-list columns decoded."""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Select, func, literal, select, union_all

from dossier.store import Store, schema

TABLES = ("documents", "quotes", "events", "claims")


def _documents(with_text: bool) -> Select:
    d = schema.documents
    cols = [c for c in d.c if c.name != "text" or with_text]
    return select(*cols).order_by(d.c.published, d.c.id)


def _quotes() -> Select:
    q, d = schema.quotes, schema.documents
    return (select(q.c.doc_id, q.c.idx, d.c.published, d.c.outlet, d.c.url, d.c.title, q.c.speaker_name,
                   q.c.speaker_entity, q.c.kind, q.c.cue, q.c.via, q.c.date, q.c.start, q.c.end, q.c.text)
            .join(d, d.c.id == q.c.doc_id).order_by(d.c.published, q.c.doc_id, q.c.idx))


def _events() -> Select:
    e, d = schema.events, schema.documents
    return (select(e.c.doc_id, e.c.idx, d.c.published, d.c.outlet, d.c.url, e.c.type, e.c.polarity, e.c.date,
                   e.c.places, e.c.quantities, e.c.speaker_name, e.c.trigger_text, e.c.sentence_start,
                   e.c.sentence_end, d.c.duplicate_of)
            .join(d, d.c.id == e.c.doc_id).order_by(d.c.published, e.c.doc_id, e.c.idx))


def _claims() -> Select:
    """The claims layer's table (dossier.store.claims): one row per (type, place, period) claim with its
    source and independent-source counts (duplicate clusters count once)."""
    from dossier.store.claims import claims

    return select(claims).order_by(claims.c.n_independent.desc(), claims.c.type, claims.c.place, claims.c.start)


def rows(store: Store, table: str, *, with_text: bool = True, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Stream the rows of one export table (server-side batches; memory stays flat)."""
    if table == "claims":
        from dossier.store.claims import ensure_current

        ensure_current(store)  # claims of documents stored without the hook are built first
    stmt = {"documents": lambda: _documents(with_text), "quotes": _quotes, "events": _events,
            "claims": _claims}[table]()
    with store.engine.connect() as conn:
        for r in conn.execution_options(yield_per=batch).execute(stmt):
            row = dict(r._mapping)
            for k in ("places", "quantities", "polarities", "contradictions"):
                if isinstance(row.get(k), str):
                    row[k] = json.loads(row[k])
            yield row


def region_counts(store: Store) -> list[dict[str, Any]]:
    """Per region (or city-less place id): documents mentioning it and documents reporting an event there."""
    p, ep, d = schema.places, schema.event_places, schema.documents
    region = func.coalesce(p.c.region, p.c.place_id)
    mentions = (select(region.label("id"), p.c.doc_id, literal("mention").label("what"))
                .where(p.c.kind.in_(("region", "city")), p.c.negated.is_not(True)))
    events = select(ep.c.place_id.label("id"), ep.c.doc_id, literal("event").label("what"))
    u = union_all(mentions, events).subquery()
    src = func.coalesce(d.c.duplicate_of, d.c.id)
    stmt = (select(u.c.id, func.count(func.distinct(u.c.doc_id)).filter(u.c.what == "mention").label("documents"),
                   func.count(func.distinct(u.c.doc_id)).filter(u.c.what == "event").label("event_documents"),
                   func.count(func.distinct(src)).label("independent_sources"))
            .select_from(u.join(d, d.c.id == u.c.doc_id)).group_by(u.c.id).order_by(u.c.id))
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt)]
