"""Places component (placeholder until the gazetteer lands): no places yet."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("dossier_places", default_config={"lang": "en"})
def make_places(nlp: Language, name: str, lang: str):
    def places(doc: Doc) -> Doc:
        doc._.places = []
        return doc
    return places
