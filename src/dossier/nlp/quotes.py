"""Quotes component (placeholder)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("dossier_quotes", default_config={"lang": "en"})
def make_quotes(nlp: Language, name: str, lang: str):
    def quotes(doc: Doc) -> Doc:
        doc._.quotes = []
        return doc
    return quotes
