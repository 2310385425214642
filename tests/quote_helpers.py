"""Shared helpers for the quote tests: run the full pipeline on a short text and check the contract."""
from __future__ import annotations

from dossier.extract import extract
from dossier.model import Document, Extraction, Quote, validate


def run(text: str, lang: str, published: str | None = None) -> Extraction:
    ex = extract(Document(text=text, language=lang, published=published, source="test"))
    return validate(ex)


def quote_with(ex: Extraction, words: str) -> Quote:
    hits = [q for q in ex.quotes if words in q.text]
    assert hits, f"no quote contains {words!r}: {[q.text for q in ex.quotes]}"
    return hits[0]


def speaker(q: Quote) -> str:
    return q.speaker.name if q.speaker else ""
