"""Quantities component (placeholder)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("dossier_quantities", default_config={"lang": "en"})
def make_quantities(nlp: Language, name: str, lang: str):
    def quantities(doc: Doc) -> Doc:
        doc._.quantities = []
        return doc
    return quantities
