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
from typing import Any

from sqlalchemy import Select, and_, distinct, exists, func, inspect, or_, select, text

from dossier.store import Store, schema

d, p, q, e, ep, ent = (schema.documents, schema.places, schema.quotes, schema.events, schema.event_places,
                       schema.entities)
REGION = func.coalesce(p.c.region, p.c.place_id)
EVENT_DATE = func.coalesce(e.c.date, d.c.published)
# Indexes the read paths need beyond the store's own (created if missing; harmless when present).
EXTRA_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_web_places_doc_region ON places (doc_id, region, place_id)",
    "CREATE INDEX IF NOT EXISTS ix_web_events_type_date ON events (type, date)",
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


def ensure_indexes(store: Store) -> None:
    with store.engine.begin() as conn:
        for ddl in EXTRA_INDEXES:
            conn.execute(text(ddl))


def _region_docs(code: str):
    """Ids of documents that place something in region `code` (mention or event)."""
    mention = select(p.c.doc_id).where(or_(p.c.region == code, p.c.place_id == code), p.c.negated.is_not(True))
    return mention.union(select(ep.c.doc_id).where(ep.c.place_id == code))


def _doc_where(stmt: Select, f: Filters) -> Select:
    if f.language:
        stmt = stmt.where(d.c.language == f.language)
    if f.since:
        stmt = stmt.where(d.c.published >= f.since)
    if f.until:
        stmt = stmt.where(d.c.published <= f.until)
    if f.source:
        stmt = stmt.where(d.c.source.contains(f.source, autoescape=True) | d.c.outlet.contains(f.source, autoescape=True))
    if f.region:
        stmt = stmt.where(d.c.id.in_(_region_docs(f.region)))
    if f.event_type:
        stmt = stmt.where(exists().where(e.c.doc_id == d.c.id, e.c.type == f.event_type))
    return stmt


def _event_where(stmt: Select, f: Filters) -> Select:
    if f.event_type:
        stmt = stmt.where(e.c.type == f.event_type)
    if f.since:
        stmt = stmt.where(EVENT_DATE >= f.since)
    if f.until:
        stmt = stmt.where(EVENT_DATE <= f.until)
    if f.language:
        stmt = stmt.where(d.c.language == f.language)
    if f.source:
        stmt = stmt.where(d.c.source.contains(f.source, autoescape=True) | d.c.outlet.contains(f.source, autoescape=True))
    if f.region:
        stmt = stmt.where(exists().where(ep.c.doc_id == e.c.doc_id, ep.c.event_idx == e.c.idx,
                                         ep.c.place_id == f.region))
    return stmt


DOC_COLS = (d.c.id, d.c.title, d.c.published, d.c.language, d.c.source, d.c.url, d.c.outlet, d.c.words,
            d.c.ingested_at, d.c.previous_id)


def documents(store: Store, f: Filters, *, ids: list[str] | None = None, limit: int = 50, offset: int = 0) -> Page:
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


def document_meta(store: Store, doc_id: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(*DOC_COLS).where(d.c.id == doc_id)).first()
    return dict(row._mapping) if row else None


def regions(store: Store, f: Filters) -> dict[str, dict[str, int]]:
    """Per ISO 3166-2 code: documents mentioning it, events placed in it and claims about it."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: {"documents": 0, "events": 0, "claims": 0})
    docs = (select(REGION.label("code"), func.count(distinct(p.c.doc_id)))
            .select_from(p.join(d, d.c.id == p.c.doc_id))
            .where(p.c.kind.in_(("region", "city")), p.c.negated.is_not(True), REGION.is_not(None)))
    docs = _doc_where(docs, Filters(f.since, f.until, None, f.event_type, f.language, f.source)).group_by(REGION)
    evs = (select(ep.c.place_id, func.count())
           .select_from(ep.join(e, and_(e.c.doc_id == ep.c.doc_id, e.c.idx == ep.c.event_idx))
                        .join(d, d.c.id == e.c.doc_id)))
    evs = _event_where(evs, Filters(f.since, f.until, None, f.event_type, f.language, f.source)).group_by(ep.c.place_id)
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
    total_stmt = select(func.count()).select_from(stmt.subquery())
    stmt = stmt.order_by(EVENT_DATE.desc(), e.c.doc_id, e.c.idx).limit(limit).offset(offset)
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
    stmt = (select(q.c.doc_id, q.c.idx, q.c.text, q.c.kind, q.c.speaker_name, q.c.speaker_entity, q.c.cue, q.c.via,
                   q.c.date, roles.label("roles"), d.c.title, d.c.published, d.c.outlet, d.c.language)
            .select_from(q.join(d, d.c.id == q.c.doc_id)))
    stmt = _doc_where(stmt, f)
    if speaker:
        stmt = stmt.where(q.c.speaker_name.contains(speaker, autoescape=True))
    if entity:
        doc, _, eid = entity.rpartition(":")
        if doc:
            stmt = stmt.where(q.c.doc_id == doc, q.c.speaker_entity == eid)
        else:
            stmt = stmt.where(q.c.speaker_name == entity)
    total_stmt = select(func.count()).select_from(stmt.subquery())
    stmt = stmt.order_by(d.c.published.desc(), q.c.doc_id, q.c.idx).limit(limit).offset(offset)
    with store.engine.connect() as conn:
        items = [dict(r._mapping) | {"roles": json.loads(r.roles) if r.roles else []} for r in conn.execute(stmt)]
        total = conn.execute(total_stmt).scalar_one()
    return Page(items, total, limit, offset)


def speakers(store: Store, f: Filters, *, limit: int = 50, offset: int = 0) -> Page:
    """Who is quoted most, with the outlets that quote them."""
    stmt = (select(q.c.speaker_name.label("name"), func.count().label("quotes"),
                   func.count(distinct(q.c.doc_id)).label("documents"))
            .select_from(q.join(d, d.c.id == q.c.doc_id)).where(q.c.speaker_name.is_not(None)))
    stmt = _doc_where(stmt, f).group_by(q.c.speaker_name)
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
    """Event counts per day or ISO week (Monday) and type; events dated only to a month or year are left out."""
    day = EVENT_DATE.label("day")
    stmt = _event_where(select(day, e.c.type, func.count()).select_from(e.join(d, d.c.id == e.c.doc_id)), f)
    stmt = stmt.where(func.length(EVENT_DATE) == 10).group_by(day, e.c.type)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    with store.engine.connect() as conn:
        for value, etype, n in conn.execute(stmt):
            counts[(_bucket(value, bucket), etype)] += n
    return [{"period": k[0], "type": k[1], "count": n} for k, n in sorted(counts.items())]


def _bucket(value: str, bucket: str) -> str:
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


# ---- claims: owned by the claims layer; shown when its tables exist, empty otherwise ------------------------
def _claims_table(store: Store):
    from sqlalchemy import MetaData, Table

    if not inspect(store.engine).has_table("claims"):
        return None
    return Table("claims", MetaData(), autoload_with=store.engine)


def claims(store: Store, f: Filters, *, limit: int = 50, offset: int = 0) -> Page:
    """Claims from the claims layer (``dossier.store.claims.list_claims`` when it exists, else the
    ``claims`` table read as is); an empty page when there is no claims layer yet."""
    try:
        from dossier.store import claims as layer  # type: ignore[attr-defined]
    except ImportError:
        layer = None
    fn = getattr(layer, "list_claims", None)
    if fn is not None and _claims_table(store) is not None:
        rows = fn(store, since=f.since, until=f.until, region=f.region, type=f.event_type, limit=offset + limit)
        rows = [r if isinstance(r, dict) else _as_dict(r) for r in rows]
        return Page(rows[offset: offset + limit], len(rows), limit, offset)
    table = _claims_table(store)
    if table is None:
        return Page([], 0, limit, offset)
    stmt = select(table)
    for col, value in (("region", f.region), ("type", f.event_type)):
        if value and col in table.c:
            stmt = stmt.where(table.c[col] == value)
    total_stmt = select(func.count()).select_from(stmt.subquery())
    with store.engine.connect() as conn:
        items = [dict(r._mapping) for r in conn.execute(stmt.limit(limit).offset(offset))]
        total = conn.execute(total_stmt).scalar_one()
    return Page(items, total, limit, offset)


def claim_counts_by_region(store: Store, f: Filters) -> dict[str, int]:
    table = _claims_table(store)
    if table is None or "place" not in table.c:
        return {}
    stmt = select(table.c.place, func.count()).where(table.c.place.is_not(None)).group_by(table.c.place)
    if f.event_type and "type" in table.c:
        stmt = stmt.where(table.c.type == f.event_type)
    with store.engine.connect() as conn:
        return {code: n for code, n in conn.execute(stmt)}


def _as_dict(obj: Any) -> dict[str, Any]:
    import dataclasses

    return dataclasses.asdict(obj) if dataclasses.is_dataclass(obj) else dict(vars(obj))
