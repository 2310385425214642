"""Events component (placeholder)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("dossier_events", default_config={"lang": "en"})
def make_events(nlp: Language, name: str, lang: str):
    def events(doc: Doc) -> Doc:
        doc._.events = []
        return doc
    return events
