"""PostgreSQL specifics: full-text search with tsvector/GIN where SQLite uses FTS5.

Each row of ``search_index`` holds one searchable unit (a document's title + text, or one quote)
as a tsvector built with both the English and the Russian Snowball configurations, so an
inflected query in either language ("повестка", "summons") finds the forms of the other
inflections, whatever the document's detected language. Queries are stemmed both ways and OR-ed.
"""
from __future__ import annotations

import re

from sqlalchemy import Connection, text

from dossier.model import Extraction
from dossier.store.fts import SearchHit

_WORD = re.compile(r"\w+", re.UNICODE)
_TSV = "(setweight(to_tsvector('english', :t), 'A') || setweight(to_tsvector('russian', :t), 'A') || " \
       "to_tsvector('english', :x) || to_tsvector('russian', :x))"
_QUERY = "(plainto_tsquery('english', :q) || plainto_tsquery('russian', :q))"
_HEADLINE = "'StartSel=[, StopSel=], MaxWords=30, MinWords=12, ShortWord=2'"


class PostgresFts:
    DDL = (
        "CREATE TABLE IF NOT EXISTS search_index (doc_id VARCHAR(64) NOT NULL REFERENCES documents(id) "
        "ON DELETE CASCADE, kind VARCHAR(10) NOT NULL, idx INTEGER NOT NULL, speaker TEXT, body TEXT NOT NULL, "
        "tsv TSVECTOR NOT NULL, PRIMARY KEY (doc_id, kind, idx))",
        "CREATE INDEX IF NOT EXISTS ix_search_index_tsv ON search_index USING GIN (tsv)",
    )

    def create(self, conn: Connection) -> None:
        for ddl in self.DDL:
            conn.execute(text(ddl))

    def index(self, conn: Connection, doc_id: str, ex: Extraction) -> None:
        sql = text(f"INSERT INTO search_index (doc_id, kind, idx, speaker, body, tsv) "
                   f"VALUES (:d, :k, :i, :s, :x, {_TSV})")
        conn.execute(sql, {"d": doc_id, "k": "document", "i": 0, "s": None, "t": ex.document.title or "",
                           "x": ex.text})
        quotes = [{"d": doc_id, "k": "quote", "i": i, "s": q.speaker.name if q.speaker else None, "t": "",
                   "x": q.text} for i, q in enumerate(ex.quotes)]
        if quotes:
            conn.execute(sql, quotes)

    def search(self, conn: Connection, q: str, limit: int) -> list[SearchHit]:
        words = _WORD.findall(q)
        if not words:
            return []
        sql = text(f"SELECT s.doc_id, s.speaker, d.title, d.published, "
                   f"ts_headline('russian', s.body, {_QUERY}, {_HEADLINE}) AS snip "
                   f"FROM search_index s JOIN documents d ON d.id = s.doc_id WHERE s.kind = :k AND s.tsv @@ {_QUERY} "
                   f"ORDER BY ts_rank(s.tsv, {_QUERY}) DESC, d.published DESC LIMIT :n")
        hits = []
        for kind in ("document", "quote"):
            for r in conn.execute(sql, {"q": " ".join(words), "k": kind, "n": limit}):
                hits.append(SearchHit(r.doc_id, r.title, r.published, kind, r.snip, r.speaker))
        return hits
