"""Extraction ⇄ table rows. The mapping between the contract and the schema lives only here."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Table, select

from dossier.model import (DateRef, Document, Entity, Event, Extraction, Place, Quantity, Quote, Speaker,
                           Trigger)
from dossier.store import schema


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def document_row(ex: Extraction, previous: str | None, now: str) -> dict[str, Any]:
    d = ex.document
    return {"id": d.id, "source": d.source or "", "url": d.url, "title": d.title, "published": d.published,
            "language": d.language, "outlet": d.outlet, "text": d.text, "words": len(d.text.split()),
            "ingested_at": now, "previous_id": previous, "duplicate_of": d.meta.get("duplicate_of")}


def span_rows(ex: Extraction, doc_id: str) -> list[tuple[Table, list[dict[str, Any]]]]:
    ents = [{"doc_id": doc_id, "eid": e.id, "type": e.type, "name": e.name, "aliases": _j(e.aliases),
             "roles": _j(e.roles), "mentions": _j(e.mentions)} for e in ex.entities]
    names = {e.id: e.name for e in ex.entities}
    places = [{"doc_id": doc_id, "idx": i, "start": p.start, "end": p.end, "text": p.text, "place_id": p.id,
               "name": p.name, "kind": p.kind, "region": p.region, "country": p.country, "negated": p.negated,
               "alternatives": _j(p.alternatives)} for i, p in enumerate(ex.places)]
    quotes = []
    for i, q in enumerate(ex.quotes):
        s = q.speaker or Speaker(name="")
        cue = q.cue_span or [None, None]
        quotes.append({"doc_id": doc_id, "idx": i, "start": q.start, "end": q.end, "text": q.text, "kind": q.kind,
                       "speaker_name": s.name or None, "speaker_entity": s.entity, "speaker_start": s.start,
                       "speaker_end": s.end, "cue": q.cue, "cue_start": cue[0], "cue_end": cue[1], "via": q.via,
                       "date": q.date})
    qty = [{"doc_id": doc_id, "idx": i, "start": n.start, "end": n.end, "text": n.text, "value": n.value,
            "low": n.low, "high": n.high, "approx": n.approx, "qualifier": n.qualifier, "unit": n.unit,
            "counted": n.counted} for i, n in enumerate(ex.quantities)]
    dates = [{"doc_id": doc_id, "idx": i, "start": x.start, "end": x.end, "text": x.text, "value": x.value,
              "precision": x.precision, "relation": x.relation} for i, x in enumerate(ex.dates)]
    events, event_places = [], []
    for i, e in enumerate(ex.events):
        events.append({"doc_id": doc_id, "idx": i, "type": e.type, "polarity": e.polarity,
                       "trigger_start": e.trigger.start, "trigger_end": e.trigger.end, "trigger_text": e.trigger.text,
                       "sentence_start": e.sentence[0], "sentence_end": e.sentence[1], "date": e.date,
                       "attributed_to": e.attributed_to, "speaker_name": names.get(e.attributed_to or ""),
                       "places": _j(e.places), "quantities": _j(e.quantities), "actors": _j(e.actors)})
        event_places += [{"doc_id": doc_id, "event_idx": i, "place_id": p} for p in dict.fromkeys(e.places)]
    return [(schema.entities, ents), (schema.places, places), (schema.quotes, quotes), (schema.quantities, qty),
            (schema.dates, dates), (schema.events, events), (schema.event_places, event_places)]


def _rows(conn: Connection, table: Table, doc_id: str) -> list[Any]:
    order = table.c.idx if "idx" in table.c else table.c.eid
    return list(conn.execute(select(table).where(table.c.doc_id == doc_id).order_by(order)))


def _num(x: float | None) -> float | int | None:
    return int(x) if isinstance(x, float) and x.is_integer() and abs(x) < 2**53 else x


def read_extraction(conn: Connection, doc_id: str) -> Extraction | None:
    d = conn.execute(select(schema.documents).where(schema.documents.c.id == doc_id)).first()
    if d is None:
        return None
    doc = Document(text=d.text, source=d.source, title=d.title, published=d.published, language=d.language,
                   url=d.url, outlet=d.outlet)
    ents = sorted(_rows(conn, schema.entities, doc_id), key=lambda r: int(r.eid.lstrip("e") or 0)
                  if r.eid.lstrip("e").isdigit() else 10**9)
    return Extraction(
        document=doc,
        entities=[Entity(r.eid, r.type, r.name, json.loads(r.aliases), json.loads(r.roles), json.loads(r.mentions))
                  for r in ents],
        places=[Place(r.start, r.end, r.text, r.place_id, r.name, r.kind, r.region, r.country, bool(r.negated),
                      json.loads(r.alternatives or "[]")) for r in _rows(conn, schema.places, doc_id)],
        quotes=[Quote(r.start, r.end, r.text, r.kind,
                      Speaker(r.speaker_name, r.speaker_entity, r.speaker_start, r.speaker_end)
                      if r.speaker_name else None, r.cue,
                      [r.cue_start, r.cue_end] if r.cue_start is not None else None, r.via, r.date)
                for r in _rows(conn, schema.quotes, doc_id)],
        quantities=[Quantity(r.start, r.end, r.text, _num(r.value), _num(r.low), _num(r.high), bool(r.approx),
                             r.qualifier, r.unit, r.counted) for r in _rows(conn, schema.quantities, doc_id)],
        dates=[DateRef(r.start, r.end, r.text, r.value, r.precision, r.relation)
               for r in _rows(conn, schema.dates, doc_id)],
        events=[Event(r.type, r.polarity, Trigger(r.trigger_start, r.trigger_end, r.trigger_text),
                      [r.sentence_start, r.sentence_end], json.loads(r.places), r.date, json.loads(r.quantities),
                      json.loads(r.actors), r.attributed_to) for r in _rows(conn, schema.events, doc_id)],
    )
