"""Dates component (placeholder)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("dossier_dates", default_config={"lang": "en"})
def make_dates(nlp: Language, name: str, lang: str):
    def dates(doc: Doc) -> Doc:
        doc._.dates = []
        return doc
    return dates
