"""JSON Lines: one article per line (``text`` plus optional title, url, published, language, outlet)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from dossier.errors import InputRejected
from dossier.sources import Item, Rejected, reader
from dossier.sources.decode import read_decoded
from dossier.sources.text import document_from_text


@reader(".jsonl", ".ndjson")
def read_jsonl(path: Path) -> Iterator[Item]:
    """Each good line yields a Document; each bad line a Rejected naming its line number."""
    raw = read_decoded(path)
    good = 0
    bad: list[Rejected] = []
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            bad.append(Rejected(where, "json", f"not valid JSON ({e.msg} at column {e.colno})"))
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            bad.append(Rejected(where, "field", "record has no string field 'text'"))
            continue
        try:
            doc = document_from_text(rec["text"], where, title=rec.get("title"), published=rec.get("published"),
                                     language=rec.get("language") or rec.get("lang"), url=rec.get("url"),
                                     outlet=rec.get("outlet") or rec.get("source"))
        except InputRejected as e:
            bad.append(Rejected(where, e.reason, e.message))
            continue
        doc.source = rec.get("url") or where
        good += 1
        yield doc
    yield from bad
    if not good and not bad:
        yield Rejected(str(path), "empty", "no records")
