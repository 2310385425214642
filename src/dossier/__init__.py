"""dossier: who said what, where, when and how many — sourced, from news articles.

Library entry points::

    from dossier import read_one, extract, Store
    ex = extract(read_one("article.txt"))      # dossier.extraction/1
    Store("dossier.db").add(ex)
"""
from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["extract", "read_one", "Store", "Extraction", "Document"]


def __getattr__(name: str):  # lazy: importing dossier must not load spaCy
    if name == "extract":
        from dossier.extract import extract
        # Importing the submodule just bound `dossier.extract` to the module; the package's name is the
        # function (else `from dossier import extract` hands back the module).
        globals()["extract"] = extract
        return extract
    if name == "read_one":
        from dossier.sources import read_one
        return read_one
    if name == "Store":
        from dossier.store import Store
        return Store
    if name in ("Extraction", "Document"):
        from dossier import model
        return getattr(model, name)
    raise AttributeError(name)
