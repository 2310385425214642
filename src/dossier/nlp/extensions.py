"""Every Doc extension dossier uses, declared in one place.

Components fill these with contract types from :mod:`dossier.model`; `dossier.extract` reads them.
``doc._.meta`` carries what the components must know about the article before they run
(publication date, language, title), set by :func:`dossier.extract.make_doc`.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

DOC_EXTENSIONS = ("meta", "places", "quantities", "dates", "entities", "quotes", "events")


def register() -> None:
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Token.has_extension("place"):
        Token.set_extension("place", default=None)  # the Place a token belongs to, when any
    if not Span.has_extension("speaker"):
        Span.set_extension("speaker", default=None)


register()
