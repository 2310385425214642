"""Claims tables and queries: claims are recomputed from the stored events, per (type, place).

``attach(store)`` creates the two tables and registers a store hook: when a new document is
written, only the claims of the (type, place) pairs its events touch are rebuilt, inside the same
transaction. ``recompute(store)`` rebuilds everything (after changing the pack's window or
tolerance). Tables share the lead's :data:`dossier.store.schema.metadata`.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import (Boolean, Column, Connection, Float, ForeignKey, Integer, String, Table, Text, and_,
                        delete, func, insert, or_, select, tuple_, update)

from dossier.claims import Claim, ClaimSource, EventRecord, build_claims, contradictions, outlet_key
from dossier.model import date_of
from dossier.domains import Pack, active_pack
from dossier.store import schema

if TYPE_CHECKING:
    from dossier.model import Extraction
    from dossier.store import Store

claims = Table(
    "claims", schema.metadata,
    Column("id", String(120), primary_key=True, comment="type@place@first-date"),
    Column("type", String(32), nullable=False), Column("place", String(40), nullable=False),
    Column("start", String(10)), Column("end", String(10)),
    Column("n_sources", Integer), Column("n_independent", Integer),
    Column("polarities", Text, comment="JSON {polarity: count}"),
    Column("contradicted", Boolean), Column("contradictions", Text, comment="JSON list of reasons"),
    Column("quantity_low", Float), Column("quantity_high", Float),
)
claim_sources = Table(
    "claim_sources", schema.metadata,
    Column("claim_id", String(120), ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("event_idx", Integer, primary_key=True),
    Column("outlet", Text), Column("speaker", Text), Column("date", String(10)), Column("polarity", String(16)),
    Column("quantity", Float), Column("counted", Text), Column("trigger_text", Text), Column("sentence", Text),
    Column("source_group", String(64), comment="sources sharing a group count as one independent source"),
)
TABLES = (claims, claim_sources)
STATE_KEY = "claims_events"  # dossier_meta row: number of events the stored claims reflect


def attach(store: Store, pack: Pack | None = None) -> Store:
    """Create the claims tables (if missing) and keep claims current as documents are added."""
    from dossier.store.dedup import enable_dedup

    pack = pack or active_pack()
    # independence comes from the dedup links, so claims never run without the dedup hook (idempotent;
    # it registers itself first, so documents.duplicate_of is set before the claims hook reads it)
    enable_dedup(store)
    with store.engine.begin() as conn:
        schema.metadata.create_all(conn, tables=list(TABLES))

    def on_document(_store: Store, conn: Connection, ex: Extraction, doc_id: str) -> None:
        keys = {(e.type, p) for e in ex.events for p in e.places}
        rebuild = {k for k in keys if not _append(conn, k, doc_id, pack)}
        if rebuild:
            recompute_keys(conn, rebuild, pack)
        _mark_current(conn)

    if not any(getattr(h, "__name__", "") == "on_document" and getattr(h, "__module__", "") == __name__
               for h in store.hooks):
        store.hooks.append(on_document)
    return store


def ensure_current(store: Store, pack: Pack | None = None) -> bool:
    """Rebuild all claims when events were stored without the hook (e.g. by an older ingest);
    returns whether a rebuild ran."""
    attach(store, pack)
    with store.engine.connect() as conn:
        seen = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == STATE_KEY)).scalar()
        now = conn.execute(select(func.count()).select_from(schema.events)).scalar_one()
    if seen == str(now):
        return False
    recompute(store, pack)
    return True


def _mark_current(conn: Connection) -> None:
    """Remember how many events the claims reflect, so a store filled without the hook is noticed."""
    n = conn.execute(select(func.count()).select_from(schema.events)).scalar_one()
    conn.execute(delete(schema.meta).where(schema.meta.c.key == STATE_KEY))
    conn.execute(insert(schema.meta).values(key=STATE_KEY, value=str(n)))


def recompute(store: Store, pack: Pack | None = None) -> int:
    """Rebuild every claim from the stored events; returns the number of claims."""
    pack = pack or active_pack()
    attach(store, pack)
    with store.engine.begin() as conn:
        keys = {(r.type, r.place_id) for r in conn.execute(
            select(schema.events.c.type, schema.event_places.c.place_id).join(
                schema.event_places, and_(schema.event_places.c.doc_id == schema.events.c.doc_id,
                                          schema.event_places.c.event_idx == schema.events.c.idx)))}
        conn.execute(delete(claims))
        n = recompute_keys(conn, keys, pack)
        _mark_current(conn)
        return n


def recompute_keys(conn: Connection, keys: set[tuple[str, str]], pack: Pack) -> int:
    """Rebuild the claims of the given (type, place) pairs from the stored events."""
    records, dups = _records(conn, keys)
    # independence comes from documents.duplicate_of (set by the dedup hook, which runs first):
    # no texts are passed, so no pairwise text comparison happens here
    built = [c for c in build_claims(records, None, duplicate_of=dups, window_days=pack.window_days,
                                     tolerance=pack.quantity_tolerance) if (c.type, c.place) in keys]
    for etype, place in keys:
        conn.execute(delete(claims).where(claims.c.type == etype, claims.c.place == place))
    for c in built:
        conn.execute(insert(claims).values(_claim_row(c)))
        conn.execute(insert(claim_sources), [_source_row(c.id, s) for s in c.sources])
    return len(built)


def _append(conn: Connection, key: tuple[str, str], doc_id: str, pack: Pack) -> bool:
    """Add one new document's events to the existing claim of `key` whose window holds them, without
    rebuilding it: its group is found by outlet or dedup cluster root in SQL, and the claim's summary
    is recomputed from its stored source rows. Returns False (caller rebuilds the key) whenever the
    grouping could shift: an undated event, or a date outside every existing claim's window."""
    records, dups = _records(conn, {key}, doc_id=doc_id)
    if not records:
        return True
    rows = conn.execute(select(claims.c.id, claims.c.start).where(claims.c.type == key[0], claims.c.place == key[1])
                        ).all()
    targets = []
    for r in records:
        d = date_of(r.date)
        hit = [c.id for c in rows if d and c.start and 0 <= (d - date_of(c.start)).days <= pack.window_days]
        if len(hit) != 1:
            return False
        targets.append((hit[0], r))
    cs, docs = claim_sources, schema.documents
    root = dups.get(doc_id) or doc_id
    for claim_id, r in targets:
        match = or_(func.coalesce(docs.c.duplicate_of, docs.c.id) == root, docs.c.id == root)
        if r.outlet:
            match = or_(match, cs.c.outlet == r.outlet)
        groups = {g for (g,) in conn.execute(select(cs.c.source_group).distinct().join(docs, docs.c.id == cs.c.doc_id)
                                             .where(cs.c.claim_id == claim_id, match))}
        group = min(groups | {doc_id})
        if groups - {group}:
            conn.execute(update(cs).where(cs.c.claim_id == claim_id, cs.c.source_group.in_(groups - {group}))
                         .values(source_group=group))
        src = ClaimSource(r.doc_id, r.event_idx, r.outlet, r.speaker, r.date, r.polarity, r.quantity, r.counted,
                          r.trigger, r.sentence, group)
        conn.execute(insert(cs).values(_source_row(claim_id, src)))
        claim = _claim(conn, conn.execute(select(claims).where(claims.c.id == claim_id)).one())
        claim.independent_sources = len({x.group for x in claim.sources})
        summary = build_summary(claim, pack.quantity_tolerance)
        conn.execute(update(claims).where(claims.c.id == claim_id).values(_claim_row(summary)))
    return True


def build_summary(claim: Claim, tolerance: float) -> Claim:
    """The claim's counts, period, polarities, range and contradictions from its sources."""
    dates = sorted(s.date for s in claim.sources if s.date)
    polarities: dict[str, int] = {}
    for s in claim.sources:
        polarities[s.polarity] = polarities.get(s.polarity, 0) + 1
    values = [s.quantity for s in claim.sources if s.quantity is not None]
    claim.end = dates[-1] if dates else None
    claim.polarities = polarities
    claim.contradictions = contradictions(claim.sources, tolerance)
    claim.quantity_low, claim.quantity_high = (min(values), max(values)) if values else (None, None)
    return claim


def _records(conn: Connection, keys: set[tuple[str, str]], doc_id: str | None = None) -> tuple[list[EventRecord], dict]:
    e, ep, d, q = schema.events, schema.event_places, schema.documents, schema.quantities
    wanted = select(ep.c.doc_id, ep.c.event_idx).where(tuple_(e.c.type, ep.c.place_id).in_(list(keys))).join(
        e, and_(e.c.doc_id == ep.c.doc_id, e.c.idx == ep.c.event_idx))
    if doc_id is not None:
        wanted = wanted.where(ep.c.doc_id == doc_id)
    pairs = {(r.doc_id, r.event_idx) for r in conn.execute(wanted)}
    if not pairs:
        return [], {}
    rows = conn.execute(select(e, d.c.published, d.c.outlet, d.c.url, d.c.duplicate_of).join(d, d.c.id == e.c.doc_id)
                        .where(tuple_(e.c.doc_id, e.c.idx).in_(list(pairs)))).all()
    doc_ids = {r.doc_id for r in rows}
    # only the sentences are needed, not whole texts
    sentences = {(r.doc_id, r.idx): r.sentence for r in conn.execute(
        select(e.c.doc_id, e.c.idx, func.substr(d.c.text, e.c.sentence_start + 1,
                                                e.c.sentence_end - e.c.sentence_start).label("sentence"))
        .join(d, d.c.id == e.c.doc_id).where(tuple_(e.c.doc_id, e.c.idx).in_(list(pairs))))}
    qty = {(r.doc_id, r.idx): r for r in conn.execute(select(q).where(q.c.doc_id.in_(doc_ids)))}
    records, dups = [], {}
    for r in rows:
        dups[r.doc_id] = r.duplicate_of
        idx = json.loads(r.quantities or "[]")
        qr = qty.get((r.doc_id, idx[0])) if idx else None
        value = None if qr is None else next((v for v in (qr.value, qr.high, qr.low) if v is not None), None)
        records.append(EventRecord(
            doc_id=r.doc_id, event_idx=r.idx, type=r.type, polarity=r.polarity,
            places=[p for p in json.loads(r.places or "[]")], date=r.date or r.published,
            outlet=outlet_key(r.outlet, r.url), speaker=r.speaker_name, quantity=value,
            counted=qr.counted if qr is not None else None, trigger=r.trigger_text or "",
            sentence=sentences.get((r.doc_id, r.idx)) or "" if r.sentence_start is not None else ""))
    return records, dups


def _claim_row(c: Claim) -> dict[str, Any]:
    return {"id": c.id, "type": c.type, "place": c.place, "start": c.start, "end": c.end,
            "n_sources": len(c.sources), "n_independent": c.independent_sources,
            "polarities": json.dumps(c.polarities), "contradicted": c.contradicted,
            "contradictions": json.dumps(c.contradictions, ensure_ascii=False),
            "quantity_low": c.quantity_low, "quantity_high": c.quantity_high}


def _source_row(claim_id: str, s: ClaimSource) -> dict[str, Any]:
    return {"claim_id": claim_id, "doc_id": s.doc_id, "event_idx": s.event_idx, "outlet": s.outlet,
            "speaker": s.speaker, "date": s.date, "polarity": s.polarity, "quantity": s.quantity,
            "counted": s.counted, "trigger_text": s.trigger, "sentence": s.sentence, "source_group": s.group}


def list_claims(store: Store, *, region: str | None = None, type: str | None = None, since: str | None = None,
                until: str | None = None, contradicted: bool | None = None, min_sources: int = 0,
                limit: int = 100) -> list[Claim]:
    """Stored claims, newest first, each with its sources (timeline order)."""
    stmt = select(claims)
    if region:
        stmt = stmt.where(or_(claims.c.place == region, claims.c.place.like(f"{region}-%")) if len(region) == 2
                          else claims.c.place == region)
    if type:
        stmt = stmt.where(claims.c.type == type)
    if since:
        stmt = stmt.where(claims.c.end >= since)
    if until:
        stmt = stmt.where(claims.c.start <= until)
    if contradicted is not None:
        stmt = stmt.where(claims.c.contradicted.is_(contradicted))
    if min_sources:
        stmt = stmt.where(claims.c.n_independent >= min_sources)
    stmt = stmt.order_by(claims.c.end.desc(), claims.c.n_independent.desc(), claims.c.id).limit(limit)
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
        return [_claim(conn, r) for r in rows]


def get_claim(store: Store, claim_id: str) -> Claim | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(claims).where(claims.c.id == claim_id)).first()
        return _claim(conn, row) if row else None


def _claim(conn: Connection, r: Any) -> Claim:
    cs = claim_sources
    sources = [ClaimSource(s.doc_id, s.event_idx, s.outlet, s.speaker, s.date, s.polarity, s.quantity, s.counted,
                           s.trigger_text or "", s.sentence or "", s.source_group or "")
               for s in conn.execute(select(cs).where(cs.c.claim_id == r.id)
                                     .order_by(cs.c.date, cs.c.doc_id, cs.c.event_idx))]
    return Claim(id=r.id, type=r.type, place=r.place, start=r.start, end=r.end, sources=sources,
                 independent_sources=r.n_independent or 0, polarities=json.loads(r.polarities or "{}"),
                 contradictions=json.loads(r.contradictions or "[]"), quantity_low=r.quantity_low,
                 quantity_high=r.quantity_high)

