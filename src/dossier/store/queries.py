"""Read queries behind the API and the dashboard: filtered, paginated lists and aggregates.

Every function takes a :class:`~dossier.store.Store` and a :class:`Filters` and returns plain dicts
(ready for JSON). A region filter means "documents that mention the region (not negated) or hold
an event placed there"; a period filter applies to the event's date when it has one, else to the
document's publication date. Dates are ISO strings, so comparisons are plain string comparisons
and a coarse date ("2023-03") sorts before any day of that month.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, and_, distinct, func, inspect, or_, select, text, tuple_

from dossier.store import Store, schema

d, p, q, e, ep, ent = (schema.documents, schema.places, schema.quotes, schema.events, schema.event_places,
                       schema.entities)
REGION = func.coalesce(p.c.region, p.c.place_id)
# An event's date, else its document's publication date; a scalar subquery rather than a join, so
# event queries need not touch `documents` (coalesce only evaluates it for undated events).
_d = d.alias("d_event")
EVENT_DATE = func.coalesce(e.c.date, select(_d.c.published).where(_d.c.id == e.c.doc_id).scalar_subquery())
# Indexes the read paths need beyond the store's own (created if missing; harmless when present).
EXTRA_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_web_places_cover ON places (kind, region, place_id, doc_id, negated)",
    "CREATE INDEX IF NOT EXISTS ix_web_events_type_date ON events (type, date)",
    "CREATE INDEX IF NOT EXISTS ix_web_events_date ON events (date, type)",
    "CREATE INDEX IF NOT EXISTS ix_web_documents_ingested ON documents (ingested_at)",
    "CREATE INDEX IF NOT EXISTS ix_web_quotes_speaker_doc ON quotes (speaker_name, doc_id)",
    "CREATE INDEX IF NOT EXISTS ix_web_documents_lang_pub ON documents (language, published)",
    "CREATE INDEX IF NOT EXISTS ix_web_quotes_entity ON quotes (speaker_entity)",
    "CREATE INDEX IF NOT EXISTS ix_web_entities_name ON entities (name)",
)


@dataclass(frozen=True)
class Filters:
    """What the dashboard's controls and the API's query parameters select."""

    since: str | None = None
    until: str | None = None
    region: str | None = None
    event_type: str | None = None
    language: str | None = None
    source: str | None = None


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


def state(store: Store) -> tuple[int, str | None]:
    """A cheap token that changes whenever a document is added (for caches of aggregates)."""
    with store.engine.connect() as conn:
        n, last = conn.execute(select(func.count(), func.max(d.c.ingested_at)).select_from(d)).one()
    return n, last


def ensure_indexes(store: Store) -> None:
    with store.engine.begin() as conn:
        for ddl in EXTRA_INDEXES:
            conn.execute(text(ddl))


def _region_docs(code: str) -> Select:
    """Ids of documents that place something in region `code` (mention or event)."""
    mention = select(p.c.doc_id).where(or_(p.c.region == code, p.c.place_id == code), p.c.negated.is_not(True))
    return mention.union(select(ep.c.doc_id).where(ep.c.place_id == code))


def _doc_conditions(f: Filters) -> list[Any]:
    """Conditions on `documents` columns. Region and event type are ``IN (subquery)``, not correlated
    EXISTS: SQLite runs the subquery once instead of once per row (minutes → milliseconds at 10k docs)."""
    out: list[Any] = schema.document_conditions(f.language, f.since, f.until, f.source)
    if f.region:
        out.append(d.c.id.in_(_region_docs(f.region)))
    if f.event_type:
        out.append(d.c.id.in_(select(e.c.doc_id).where(e.c.type == f.event_type)))
    return out


def _doc_where(stmt: Select, f: Filters) -> Select:
    return stmt.where(*_doc_conditions(f))


def _doc_ids(f: Filters) -> Select | None:
    """Ids of the documents `f` selects, or None when it selects them all (so callers skip the join)."""
    conds = _doc_conditions(f)
    return select(d.c.id).where(*conds) if conds else None


def _event_conditions(f: Filters) -> list[Any]:
    out: list[Any] = []
    if f.event_type:
        out.append(e.c.type == f.event_type)
    if f.since:
        out.append(EVENT_DATE >= f.since)
    if f.until:
        out.append(EVENT_DATE <= f.until)
    if f.language or f.source:
        out.append(e.c.doc_id.in_(_doc_ids(Filters(language=f.language, source=f.source))))
    if f.region:
        out.append(tuple_(e.c.doc_id, e.c.idx).in_(select(ep.c.doc_id, ep.c.event_idx)
                                                   .where(ep.c.place_id == f.region)))
    return out


def _event_where(stmt: Select, f: Filters) -> Select:
    return stmt.where(*_event_conditions(f))


DOC_COLS = (d.c.id, d.c.title, d.c.published, d.c.language, d.c.source, d.c.url, d.c.outlet, d.c.words,
            d.c.ingested_at, d.c.previous_id)


def documents(store: Store, f: Filters, *, ids: tuple[str, ...] | list[str] | None = None, limit: int = 50, offset: int = 0) -> Page:
    """Documents newest first, filtered; `ids` restricts to a search's hits."""
    stmt = _doc_where(select(*DOC_COLS), f)
    if ids is not None:
        stmt = stmt.where(d.c.id.in_(ids))
    total_stmt = select(func.count()).select_from(stmt.subquery())
    stmt = stmt.order_by(d.c.published.desc(), d.c.ingested_at.desc(), d.c.id).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        items = [dict(r._mapping) for r in conn.execute(stmt)]
        total = conn.execute(total_stmt).scalar_one()
    return Page(items, total, limit, offset)


def search(store: Store, q: str, limit: int = 20) -> list[dict[str, Any]]:
    """The store's full-text search as plain dicts."""
    return [dict(h.__dict__) for h in store.search(q, limit=limit)]


def search_ids(store: Store, q: str, limit: int = 1000) -> list[str]:
    """Ids of documents whose title, text or quotes match `q`. On SQLite the FTS5 tables are asked for
    ids only (no ranking, no snippets: ~10x cheaper than ``store.search`` for a filter)."""
    if store.dialect != "sqlite":
        return list(dict.fromkeys(h.doc_id for h in store.search(q, limit=limit)))
    from dossier.store.fts import query_terms

    terms = query_terms(q)
    if not terms:
        return []
    match = " AND ".join(f'"{t}"*' for t in terms)
    sql = text("SELECT doc_id FROM documents_fts WHERE documents_fts MATCH :m UNION "
               "SELECT doc_id FROM quotes_fts WHERE quotes_fts MATCH :m LIMIT :n")
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(sql, {"m": match, "n": limit})]


def document_meta(store: Store, doc_id: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(*DOC_COLS).where(d.c.id == doc_id)).first()
    return dict(row._mapping) if row else None


def regions(store: Store, f: Filters) -> dict[str, dict[str, int]]:
    """Per ISO 3166-2 code: documents mentioning it, events placed in it and claims about it."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: {"documents": 0, "events": 0, "claims": 0})
    unplaced = Filters(f.since, f.until, None, f.event_type, f.language, f.source)
    docs = (select(REGION.label("code"), func.count(distinct(p.c.doc_id)))
            .where(p.c.kind.in_(("region", "city")), p.c.negated.is_not(True), REGION.is_not(None)))
    ids = _doc_ids(unplaced)
    if ids is not None:
        docs = docs.where(p.c.doc_id.in_(ids))
    docs = docs.group_by(REGION)
    conds = _event_conditions(unplaced)
    evs = select(ep.c.place_id, func.count())
    if conds:  # the join to events only when something filters them
        evs = evs.select_from(ep.join(e, and_(e.c.doc_id == ep.c.doc_id, e.c.idx == ep.c.event_idx))).where(*conds)
    evs = evs.group_by(ep.c.place_id)
    with store.engine.connect() as conn:
        for code, n in conn.execute(docs):
            out[code]["documents"] = n
        for code, n in conn.execute(evs):
            out[code]["events"] = n
    for code, n in claim_counts_by_region(store, f).items():
        out[code]["claims"] = n
    return dict(out)


def events(store: Store, f: Filters, *, polarity: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    stmt = (select(e.c.doc_id, e.c.idx, e.c.type, e.c.polarity, e.c.trigger_text, e.c.trigger_start, e.c.trigger_end,
                   e.c.date, e.c.speaker_name, e.c.places, e.c.quantities, d.c.title, d.c.published, d.c.outlet,
                   d.c.language,
                   func.substr(d.c.text, e.c.sentence_start + 1, e.c.sentence_end - e.c.sentence_start)
                   .label("sentence"))
            .select_from(e.join(d, d.c.id == e.c.doc_id)))
    stmt = _event_where(stmt, f)
    if polarity:
        stmt = stmt.where(e.c.polarity == polarity)
    total_stmt = _event_where(select(func.count()).select_from(e), f)
    if polarity:
        total_stmt = total_stmt.where(e.c.polarity == polarity)
    stmt = stmt.order_by(e.c.date.desc(), d.c.published.desc(), e.c.doc_id, e.c.idx).limit(limit).offset(offset)
    items = []
    with store.engine.connect() as conn:
        for r in conn.execute(stmt):
            row = dict(r._mapping)
            row["places"], row["quantities"] = json.loads(row["places"]), json.loads(row["quantities"])
            items.append(row)
        total = conn.execute(total_stmt).scalar_one()
    return Page(items, total, limit, offset)


def quotes(store: Store, f: Filters, *, speaker: str | None = None, entity: str | None = None,
           limit: int = 50, offset: int = 0) -> Page:
    """Quotes with their speaker's role and the outlet; `speaker` matches the name (substring),
    `entity` an entity id of one document as ``DOCID:e1`` or an entity name exactly."""
    roles = (select(ent.c.roles).where(ent.c.doc_id == q.c.doc_id, ent.c.eid == q.c.speaker_entity)
             .scalar_subquery())
    conds = list(_doc_conditions(f))
    if speaker:
        conds.append(q.c.speaker_name.contains(speaker, autoescape=True))
    if entity:
        doc, _, eid = entity.rpartition(":")
        conds += [q.c.doc_id == doc, q.c.speaker_entity == eid] if doc else [q.c.speaker_name == entity]
    stmt = (select(q.c.doc_id, q.c.idx, q.c.text, q.c.kind, q.c.speaker_name, q.c.speaker_entity, q.c.cue, q.c.via,
                   q.c.date, roles.label("roles"), d.c.title, d.c.published, d.c.outlet, d.c.language)
            .select_from(q.join(d, d.c.id == q.c.doc_id)).where(*conds))
    total_stmt = select(func.count()).select_from(q.join(d, d.c.id == q.c.doc_id)).where(*conds)
    stmt = stmt.order_by(d.c.published.desc(), q.c.doc_id, q.c.idx).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        items = [dict(r._mapping) | {"roles": json.loads(r.roles) if r.roles else []} for r in conn.execute(stmt)]
        total = conn.execute(total_stmt).scalar_one()
    return Page(items, total, limit, offset)


def speakers(store: Store, f: Filters, *, limit: int = 50, offset: int = 0) -> Page:
    """Who is quoted most, with the outlets that quote them."""
    stmt = (select(q.c.speaker_name.label("name"), func.count().label("quotes"),
                   func.count(distinct(q.c.doc_id)).label("documents")).where(q.c.speaker_name.is_not(None)))
    ids = _doc_ids(f)
    if ids is not None:
        stmt = stmt.where(q.c.doc_id.in_(ids))
    stmt = stmt.group_by(q.c.speaker_name)
    total_stmt = select(func.count()).select_from(stmt.subquery())
    stmt = stmt.order_by(text("quotes DESC"), q.c.speaker_name).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        items = [dict(r._mapping) for r in conn.execute(stmt)]
        total = conn.execute(total_stmt).scalar_one()
        names = [i["name"] for i in items]
        extra = conn.execute(select(q.c.speaker_name, d.c.outlet, ent.c.roles)
                             .select_from(q.join(d, d.c.id == q.c.doc_id)
                                          .outerjoin(ent, and_(ent.c.doc_id == q.c.doc_id,
                                                               ent.c.eid == q.c.speaker_entity)))
                             .where(q.c.speaker_name.in_(names))).all()
    outlets: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, dict[str, None]] = defaultdict(dict)
    for name, outlet, role_json in extra:
        if outlet:
            outlets[name].add(outlet)
        for role in json.loads(role_json or "[]"):
            roles[name][role] = None
    for i in items:
        i["outlets"], i["roles"] = sorted(outlets[i["name"]]), list(roles[i["name"]])[:5]
    return Page(items, total, limit, offset)


def entities(store: Store, f: Filters, *, type: str | None = None, name: str | None = None,
             limit: int = 50, offset: int = 0) -> Page:
    """Entities grouped by (name, type) across documents."""
    stmt = (select(ent.c.name, ent.c.type, func.count(distinct(ent.c.doc_id)).label("documents"))
            .select_from(ent.join(d, d.c.id == ent.c.doc_id)))
    stmt = _doc_where(stmt, f)
    if type:
        stmt = stmt.where(ent.c.type == type)
    if name:
        stmt = stmt.where(ent.c.name.contains(name, autoescape=True))
    stmt = stmt.group_by(ent.c.name, ent.c.type)
    total_stmt = select(func.count()).select_from(stmt.subquery())
    stmt = stmt.order_by(text("documents DESC"), ent.c.name).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        items = [dict(r._mapping) for r in conn.execute(stmt)]
        total = conn.execute(total_stmt).scalar_one()
    return Page(items, total, limit, offset)


def timeline(store: Store, f: Filters, *, bucket: str = "day") -> list[dict[str, Any]]:
    """Event counts per day, ISO week (its Monday) or month, and type; events dated only to a month or
    year are left out."""
    conds = _event_conditions(f)
    # Dated events group straight off the (date, type) index; only undated ones fall back to the
    # document's publication date (a join, kept off the common path).
    dated = (select(e.c.date, e.c.type, func.count()).where(e.c.date.is_not(None), func.length(e.c.date) == 10, *conds)
             .group_by(e.c.date, e.c.type))
    undated = (select(d.c.published, e.c.type, func.count()).select_from(e.join(d, d.c.id == e.c.doc_id))
               .where(e.c.date.is_(None), func.length(d.c.published) == 10, *conds).group_by(d.c.published, e.c.type))
    counts: dict[tuple[str, str], int] = defaultdict(int)
    with store.engine.connect() as conn:
        for stmt in (dated, undated):
            for value, etype, n in conn.execute(stmt):
                counts[(_bucket(value, bucket), etype)] += n
    return [{"period": k[0], "type": k[1], "count": n} for k, n in sorted(counts.items())]


@lru_cache(maxsize=4096)
def _bucket(value: str, bucket: str) -> str:
    if bucket == "month":
        return value[:7]
    if bucket != "week":
        return value
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return (day - dt.timedelta(days=day.weekday())).isoformat()


def event_types(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(select(e.c.type).distinct().order_by(e.c.type))]


# ---- claims: owned by dossier.store.claims; shown when its tables exist, empty otherwise ----------------------
def _has_claims(store: Store) -> bool:
    return inspect(store.engine).has_table("claims")


def _claim_conditions(f: Filters, contradicted: bool | None = None) -> list[Any]:
    from dossier.store.claims import claims as c

    out: list[Any] = []
    if f.region:  # same rule as list_claims: a country code matches its subdivisions too
        out.append(or_(c.c.place == f.region, c.c.place.like(f"{f.region}-%")) if len(f.region) == 2
                   else c.c.place == f.region)
    if f.event_type:
        out.append(c.c.type == f.event_type)
    if f.since:
        out.append(c.c.end >= f.since)
    if f.until:
        out.append(c.c.start <= f.until)
    if contradicted is not None:
        out.append(c.c.contradicted.is_(contradicted))
    return out


def claim_dict(claim: Any) -> dict[str, Any]:
    import dataclasses

    out = dataclasses.asdict(claim)
    out["contradicted"] = claim.contradicted
    out["n_sources"] = len(claim.sources)
    return out


def claims(store: Store, f: Filters, *, contradicted: bool | None = None, limit: int = 50, offset: int = 0) -> Page:
    """Claims (type × place × period) with their sources and contradictions, newest first."""
    if not _has_claims(store):
        return Page([], 0, limit, offset)
    from dossier.store.claims import claims as c
    from dossier.store.claims import list_claims

    rows = list_claims(store, region=f.region, type=f.event_type, since=f.since, until=f.until,
                       contradicted=contradicted, limit=offset + limit)[offset:]
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(c).where(*_claim_conditions(f, contradicted))).scalar_one()
    return Page([claim_dict(r) for r in rows], total, limit, offset)


def claim_counts_by_region(store: Store, f: Filters) -> dict[str, int]:
    if not _has_claims(store):
        return {}
    from dossier.store.claims import claims as c

    stmt = (select(c.c.place, func.count()).where(*_claim_conditions(Filters(f.since, f.until, None, f.event_type)))
            .group_by(c.c.place))
    with store.engine.connect() as conn:
        return {code: n for code, n in conn.execute(stmt)}
