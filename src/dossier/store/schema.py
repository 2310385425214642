"""The database schema: plain tables (and a few views) that third-party tools open usefully.

One row per document version (id = sha256 of its text) and one row per span, keyed by
``(doc_id, idx)`` where ``idx`` is the span's position in the extraction's list. JSON-valued
columns hold small lists as JSON text so SQLite, PostgreSQL, Datasette and DuckDB all read them.
"""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData()
SCHEMA_VERSION = 1


def _doc_fk() -> Column:
    return Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)


documents = Table(
    "documents", metadata,
    Column("id", String(64), primary_key=True, comment="sha256 of the body text, hex"),
    Column("source", Text, nullable=False, comment="path or URL it was read from"),
    Column("url", Text), Column("title", Text),
    Column("published", String(10), comment="ISO date, YYYY[-MM[-DD]]"),
    Column("language", String(2)), Column("outlet", Text),
    Column("text", Text, nullable=False), Column("words", Integer),
    Column("ingested_at", String(32), nullable=False),
    Column("previous_id", String(64), comment="the earlier version of the same source, when edited"),
    Column("duplicate_of", String(64), comment="an earlier document with (nearly) the same text"),
)
Index("ix_documents_published", documents.c.published)
Index("ix_documents_source", documents.c.source)

entities = Table(
    "entities", metadata, _doc_fk(),
    Column("eid", String(16), primary_key=True), Column("type", String(8)), Column("name", Text),
    Column("aliases", Text, comment="JSON list"), Column("roles", Text, comment="JSON list"),
    Column("mentions", Text, comment="JSON list of [start, end]"),
)

places = Table(
    "places", metadata, _doc_fk(), Column("idx", Integer, primary_key=True),
    Column("start", Integer), Column("end", Integer), Column("text", Text),
    Column("place_id", String(40)), Column("name", Text), Column("kind", String(16)),
    Column("region", String(10)), Column("country", String(2)), Column("negated", Boolean),
    Column("alternatives", Text, comment="JSON list of other ids an ambiguous mention may mean"),
)
Index("ix_places_region", places.c.region)
Index("ix_places_place_id", places.c.place_id)

quotes = Table(
    "quotes", metadata, _doc_fk(), Column("idx", Integer, primary_key=True),
    Column("start", Integer), Column("end", Integer), Column("text", Text), Column("kind", String(10)),
    Column("speaker_name", Text), Column("speaker_entity", String(16)),
    Column("speaker_start", Integer), Column("speaker_end", Integer),
    Column("cue", Text), Column("cue_start", Integer), Column("cue_end", Integer),
    Column("via", Text), Column("date", String(10)),
)
Index("ix_quotes_speaker", quotes.c.speaker_name)

quantities = Table(
    "quantities", metadata, _doc_fk(), Column("idx", Integer, primary_key=True),
    Column("start", Integer), Column("end", Integer), Column("text", Text),
    Column("value", Float), Column("low", Float), Column("high", Float), Column("approx", Boolean),
    Column("qualifier", String(12)), Column("unit", String(16)), Column("counted", Text),
)

dates = Table(
    "dates", metadata, _doc_fk(), Column("idx", Integer, primary_key=True),
    Column("start", Integer), Column("end", Integer), Column("text", Text),
    Column("value", String(10)), Column("precision", String(5)), Column("relation", String(8)),
)

events = Table(
    "events", metadata, _doc_fk(), Column("idx", Integer, primary_key=True),
    Column("type", String(32), nullable=False), Column("polarity", String(16), nullable=False),
    Column("trigger_start", Integer), Column("trigger_end", Integer), Column("trigger_text", Text),
    Column("sentence_start", Integer), Column("sentence_end", Integer),
    Column("date", String(10)), Column("attributed_to", String(16)), Column("speaker_name", Text),
    Column("places", Text, comment="JSON list of place ids"),
    Column("quantities", Text, comment="JSON list of quantity idx"),
    Column("actors", Text, comment="JSON list of entity ids"),
)
Index("ix_events_type", events.c.type)

event_places = Table(
    "event_places", metadata, _doc_fk(), Column("event_idx", Integer, primary_key=True),
    Column("place_id", String(40), primary_key=True),
)
Index("ix_event_places_place", event_places.c.place_id)

rejections = Table(
    "rejections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input", Text, nullable=False, comment="file, file:line or URL"),
    Column("reason", String(32), nullable=False), Column("message", Text, nullable=False),
    Column("at", String(32), nullable=False),
    UniqueConstraint("input", "reason", name="uq_rejections_input"),
)

meta = Table("dossier_meta", metadata, Column("key", String(32), primary_key=True), Column("value", Text))

SPAN_TABLES = (entities, places, quotes, quantities, dates, events, event_places)

# Views: documents joined to their spans, for Datasette / sqlite-utils / DuckDB users.
VIEWS = {
    "quotes_view": """SELECT q.doc_id, d.title, d.published, d.outlet, q.speaker_name, q.kind, q.text, q.via,
        q.date FROM quotes q JOIN documents d ON d.id = q.doc_id""",
    "events_view": """SELECT e.doc_id, d.title, d.published, d.outlet, e.type, e.polarity, e.trigger_text,
        ep.place_id, e.date, e.speaker_name FROM events e JOIN documents d ON d.id = e.doc_id
        LEFT JOIN event_places ep ON ep.doc_id = e.doc_id AND ep.event_idx = e.idx""",
    "region_mentions": """SELECT COALESCE(p.region, p.place_id) AS region, p.negated, p.doc_id, d.published
        FROM places p JOIN documents d ON d.id = p.doc_id WHERE p.kind IN ('region', 'city')""",
}


def document_conditions(language: str | None = None, since: str | None = None, until: str | None = None,
                        source: str | None = None) -> list:
    """WHERE conditions on `documents` shared by every document list (store, API, dashboard): language,
    publication period (ISO strings compare as text), and source-or-outlet substring."""
    d = documents
    out = []
    if language:
        out.append(d.c.language == language)
    if since:
        out.append(d.c.published >= since)
    if until:
        out.append(d.c.published <= until)
    if source:
        out.append(d.c.source.contains(source, autoescape=True) | d.c.outlet.contains(source, autoescape=True))
    return out
