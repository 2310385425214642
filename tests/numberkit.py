"""Run only what quantities and dates need (the language model plus the two components) and check the
result against the contract — faster than the full extract() in unit tests."""
from __future__ import annotations

from dossier.extract import make_doc
from dossier.model import Document, Extraction, validate
from dossier.nlp import pipeline

MINE = ("dossier_quantities", "dossier_dates")


def run(text: str, lang: str, published: str | None = None) -> Extraction:
    document = Document(text=text, language=lang, published=published)
    doc = make_doc(document)
    for name, proc in pipeline.load(lang).pipeline:
        if not name.startswith("dossier_") or name in MINE:
            doc = proc(doc)
    return validate(Extraction(document=document, quantities=doc._.quantities, dates=doc._.dates))
