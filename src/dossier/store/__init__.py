"""The store: documents and every span type, in SQLite (default) or PostgreSQL, via SQLAlchemy Core.

``Store(path_or_url)`` accepts a SQLite file path, ``":memory:"`` or a ``postgresql://`` URL. A
document's id is the sha256 of its text, so re-adding the same article changes nothing; an edited
text from the same source is stored as a new version linked to the old one. Each document is
written in one transaction: an error leaves no partial rows. All SQL of the project lives here.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from dossier.errors import DossierError
from dossier.model import Extraction
from dossier.store import rows, schema
from dossier.store.fts import SearchHit, for_dialect

log = logging.getLogger(__name__)
Hook = Callable[["Store", Connection, Extraction, str], None]

__all__ = ["Store", "AddResult", "DocumentRow", "SearchHit"]


@dataclass
class AddResult:
    doc_id: str
    status: str  # "new" | "unchanged" | "version"
    previous_id: str | None = None


@dataclass
class DocumentRow:
    id: str
    source: str
    url: str | None
    title: str | None
    published: str | None
    language: str | None
    outlet: str | None
    words: int | None
    ingested_at: str
    previous_id: str | None
    duplicate_of: str | None


def engine_for(target: str | Path) -> Engine:
    url = str(target)
    if "://" not in url:
        if url != ":memory:":
            path = Path(url).expanduser()
            if path.parent and not path.parent.exists():
                raise DossierError("E301", f"folder {path.parent} does not exist", where=url)
            url = f"sqlite:///{path}"
        else:  # one shared connection so every user of the store sees the same in-memory database
            return create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    try:
        return create_engine(url, pool_pre_ping=True)
    except (SQLAlchemyError, ImportError) as e:
        raise DossierError("E302", f"cannot open database: {e}", where=url) from e


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


class Store:
    def __init__(self, target: str | Path = "dossier.db", *, create: bool = True) -> None:
        self.target = str(target)
        self.engine = engine_for(target)
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.fts = for_dialect(self.dialect)
        self.hooks: list[Hook] = []
        if create:
            self.create()

    def __repr__(self) -> str:
        return f"Store({self.target!r})"

    def create(self) -> None:
        """Create missing tables, views and search indexes (safe to call on an existing database)."""
        try:
            with self.engine.begin() as conn:
                schema.metadata.create_all(conn)
                self.fts.create(conn)
                for name, sql in schema.VIEWS.items():
                    if self.dialect == "sqlite":
                        conn.execute(text(f"CREATE VIEW IF NOT EXISTS {name} AS {sql}"))
                    else:
                        conn.execute(text(f"CREATE OR REPLACE VIEW {name} AS {sql}"))
                conn.execute(schema.meta.delete().where(schema.meta.c.key == "schema_version"))
                conn.execute(insert(schema.meta).values(key="schema_version", value=str(schema.SCHEMA_VERSION)))
        except SQLAlchemyError as e:
            raise DossierError("E303", f"cannot create the schema: {e.__class__.__name__}: {e}", where=self.target) from e

    # ---- writing -------------------------------------------------------------------------
    def add(self, ex: Extraction) -> AddResult:
        """Store one extraction in one transaction; idempotent on the text's sha256."""
        doc_id = ex.document.id
        with self.engine.begin() as conn:
            if conn.execute(select(schema.documents.c.id).where(schema.documents.c.id == doc_id)).first():
                return AddResult(doc_id, "unchanged")
            previous = self._previous_version(conn, ex)
            conn.execute(insert(schema.documents).values(rows.document_row(ex, previous, _now())))
            for table, values in rows.span_rows(ex, doc_id):
                if values:
                    conn.execute(insert(table), values)
            self.fts.index(conn, doc_id, ex)
            for hook in self.hooks:
                hook(self, conn, ex, doc_id)
        return AddResult(doc_id, "version" if previous else "new", previous)

    def _previous_version(self, conn: Connection, ex: Extraction) -> str | None:
        d = schema.documents
        keys = [k for k in (ex.document.url, ex.document.source) if k]
        if not keys:
            return None
        cond = d.c.url.in_(keys) | d.c.source.in_(keys)
        row = conn.execute(select(d.c.id).where(cond).order_by(d.c.ingested_at.desc()).limit(1)).first()
        return row.id if row else None

    def reject(self, where: str, reason: str, message: str) -> None:
        """Record an input that could not be stored, with its typed reason (latest wins)."""
        r = schema.rejections
        with self.engine.begin() as conn:
            conn.execute(r.delete().where((r.c.input == where) & (r.c.reason == reason)))
            conn.execute(insert(r).values(input=where, reason=reason, message=message, at=_now()))

    def clear_rejection(self, where: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(schema.rejections.delete().where(schema.rejections.c.input == where))

    # ---- reading -------------------------------------------------------------------------
    def has(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(schema.documents.c.id).where(schema.documents.c.id == doc_id)).first() is not None

    def extraction(self, doc_id: str) -> Extraction | None:
        """The stored extraction of one document, exactly as it was added."""
        with self.engine.connect() as conn:
            return rows.read_extraction(conn, doc_id)

    def documents(self, limit: int = 50, offset: int = 0, language: str | None = None, since: str | None = None,
                  until: str | None = None, source: str | None = None, q: str | None = None) -> list[DocumentRow]:
        d = schema.documents
        cols = [getattr(d.c, f) for f in DocumentRow.__dataclass_fields__]
        stmt = select(*cols).where(*schema.document_conditions(language, since, until, source))
        if q:
            ids = list(dict.fromkeys(h.doc_id for h in self.search(q, limit=1000)))
            stmt = stmt.where(d.c.id.in_(ids))
        stmt = stmt.order_by(d.c.published.desc(), d.c.ingested_at.desc(), d.c.id).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [DocumentRow(**r._mapping) for r in conn.execute(stmt)]

    def search(self, q: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles, article texts and quotes."""
        with self.engine.connect() as conn:
            return self.fts.search(conn, q, limit)

    def counts(self) -> dict[str, int]:
        out = {}
        with self.engine.connect() as conn:
            for table in (schema.documents, *schema.SPAN_TABLES, schema.rejections):
                out[table.name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
        return out

    def overview(self, limit: int = 10) -> dict[str, list[tuple[str, int]]]:
        """What the store knows at a glance: most-mentioned regions, most-quoted speakers, event types."""
        p, q, e = schema.places, schema.quotes, schema.events
        region = func.coalesce(p.c.region, p.c.place_id)
        queries = {
            "regions": select(region, func.count(func.distinct(p.c.doc_id)).label("n"))
            .where(p.c.kind.in_(("region", "city")), p.c.negated.is_not(True)).group_by(region),
            "speakers": select(q.c.speaker_name, func.count().label("n")).where(q.c.speaker_name.is_not(None))
            .group_by(q.c.speaker_name),
            "event types": select(e.c.type, func.count().label("n")).group_by(e.c.type),
        }
        with self.engine.connect() as conn:
            return {k: [(r[0], r[1]) for r in conn.execute(stmt.order_by(text("n DESC")).limit(limit))]
                    for k, stmt in queries.items()}

    def rejections(self) -> list[dict[str, str]]:
        r = schema.rejections
        with self.engine.connect() as conn:
            return [dict(x._mapping) for x in conn.execute(select(r.c.input, r.c.reason, r.c.message, r.c.at)
                                                              .order_by(r.c.id))]

    def close(self) -> None:
        self.engine.dispose()


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
