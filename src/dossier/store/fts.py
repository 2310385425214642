"""Full-text search, one implementation per database dialect.

SQLite uses FTS5 tables kept in step with the base tables inside the same transaction. Other
dialects fall back to a portable LIKE search until they get their own class (PostgreSQL: tsvector).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

from dossier.model import Extraction

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class SearchHit:
    doc_id: str
    title: str | None
    published: str | None
    kind: str  # "document" | "quote"
    snippet: str
    speaker: str | None = None


def query_terms(q: str) -> list[str]:
    """Words of a user query. Long words are cut to a prefix so that inflected forms match
    ("повестки" finds "повестка", "summonses" finds "summons"): FTS5 has no Russian stemmer."""
    out = []
    for w in _WORD.findall(q.lower()):
        out.append(w[: max(4, len(w) - 2)] if len(w) >= 6 else w)
    return out


class SqliteFts:
    DDL = (
        "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(doc_id UNINDEXED, title, text, "
        "tokenize='unicode61 remove_diacritics 2')",
        "CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(doc_id UNINDEXED, idx UNINDEXED, speaker, text, "
        "tokenize='unicode61 remove_diacritics 2')",
    )

    def create(self, conn: Connection) -> None:
        for ddl in self.DDL:
            conn.execute(text(ddl))

    def index(self, conn: Connection, doc_id: str, ex: Extraction) -> None:
        conn.execute(text("INSERT INTO documents_fts(doc_id, title, text) VALUES (:d, :t, :x)"),
                     {"d": doc_id, "t": ex.document.title or "", "x": ex.text})
        for i, q in enumerate(ex.quotes):
            conn.execute(text("INSERT INTO quotes_fts(doc_id, idx, speaker, text) VALUES (:d, :i, :s, :x)"),
                         {"d": doc_id, "i": i, "s": q.speaker.name if q.speaker else "", "x": q.text})

    def search(self, conn: Connection, q: str, limit: int) -> list[SearchHit]:
        terms = query_terms(q)
        if not terms:
            return []
        match = " AND ".join(f'"{t}"*' for t in terms)
        rows = conn.execute(text(
            "SELECT f.doc_id, d.title, d.published, snippet(documents_fts, 2, '[', ']', '…', 16) AS snip "
            "FROM documents_fts f JOIN documents d ON d.id = f.doc_id WHERE documents_fts MATCH :m "
            "ORDER BY rank LIMIT :n"), {"m": match, "n": limit}).all()
        hits = [SearchHit(r.doc_id, r.title, r.published, "document", r.snip) for r in rows]
        rows = conn.execute(text(
            "SELECT f.doc_id, d.title, d.published, f.speaker, snippet(quotes_fts, 3, '[', ']', '…', 16) AS snip "
            "FROM quotes_fts f JOIN documents d ON d.id = f.doc_id WHERE quotes_fts MATCH :m "
            "ORDER BY rank LIMIT :n"), {"m": match, "n": limit}).all()
        hits += [SearchHit(r.doc_id, r.title, r.published, "quote", r.snip, r.speaker or None) for r in rows]
        return hits


class LikeFts:
    """Portable fallback: case-insensitive substring search over titles, texts and quotes."""

    def create(self, conn: Connection) -> None:
        pass

    def index(self, conn: Connection, doc_id: str, ex: Extraction) -> None:
        pass

    def search(self, conn: Connection, q: str, limit: int) -> list[SearchHit]:
        terms = query_terms(q)
        if not terms:
            return []
        where = " AND ".join(f"LOWER(d.title || ' ' || d.text) LIKE :t{i}" for i in range(len(terms)))
        params = {f"t{i}": f"%{t}%" for i, t in enumerate(terms)} | {"n": limit}
        rows = conn.execute(text(f"SELECT d.id, d.title, d.published, d.text FROM documents d WHERE {where} "
                                 "ORDER BY d.published DESC LIMIT :n"), params).all()
        hits = []
        for r in rows:
            pos = r.text.lower().find(terms[0])
            hits.append(SearchHit(r.id, r.title, r.published, "document", r.text[max(0, pos - 60): pos + 100]))
        return hits


def for_dialect(name: str):
    if name == "postgresql":
        from dossier.store.pg import PostgresFts

        return PostgresFts()
    return SqliteFts() if name == "sqlite" else LikeFts()
