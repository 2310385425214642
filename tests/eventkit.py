"""Test helper: a parsed Doc whose dossier extensions (places, quantities, dates, entities, quotes)
are filled by hand, so the events component can be tested before or apart from the other components."""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from dossier.model import DateRef, Place, Quantity, Quote, Speaker
from dossier.nlp import extensions  # noqa: F401
from dossier.nlp.entities import EntityIndex

COUNTRY_IDS = {"RU", "UA", "CN", "TR", "KP", "BY", "KZ"}


@lru_cache(maxsize=None)
def _nlp(lang: str):
    from dossier.nlp.pipeline import base_language

    return base_language(lang)


def _at(text: str, surface: str, after: int = 0) -> int:
    i = text.find(surface, after)
    assert i >= 0, f"{surface!r} not in text"
    return i


def annotate(lang: str, text: str, *, places: list[tuple] = (), quantities: list[tuple] = (),
             dates: list[tuple] = (), quotes: list[tuple] = (), published: str | None = None) -> Doc:
    """places: (surface, id[, negated]); a code with a dash is a region, two letters a country,
    "macro:" a macro-region, anything else "city:REGION". quantities: (surface, value, counted).
    dates: (surface, value). quotes: (quoted text, speaker name)."""
    doc = _nlp(lang)(text)
    doc._.meta = {"published": published, "language": lang, "title": None, "source": "test", "outlet": None}
    doc._.places = []
    for item in places:
        surface, pid = item[0], item[1]
        negated = len(item) > 2 and item[2]
        s = _at(text, surface)
        if pid.startswith("city:"):
            region = pid.split(":", 1)[1]
            p = Place(s, s + len(surface), surface, pid, surface, "city", region, region[:2], negated)
        elif pid.startswith("macro:"):
            p = Place(s, s + len(surface), surface, pid, surface, "macro_region", None, "RU", negated)
        elif "-" in pid:
            p = Place(s, s + len(surface), surface, pid, surface, "region", pid, pid[:2], negated)
        else:
            p = Place(s, s + len(surface), surface, pid, surface, "country", None, pid, negated)
        doc._.places.append(p)
    doc._.places.sort(key=lambda p: p.start)
    doc._.quantities = []
    for surface, value, counted in quantities:
        s = _at(text, surface)
        doc._.quantities.append(Quantity(s, s + len(surface), surface, value=value, counted=counted))
    doc._.dates = []
    for surface, value in dates:
        s = _at(text, surface)
        doc._.dates.append(DateRef(s, s + len(surface), surface, value=value, precision="day"))
    index = EntityIndex()
    doc._.quotes = []
    for quoted, speaker in quotes:
        s = _at(text, quoted)
        m = _at(text, speaker)
        ent = index.add("PERSON", speaker, m, m + len(speaker))
        doc._.quotes.append(Quote(s, s + len(quoted), quoted, "direct",
                                  Speaker(speaker, ent.id, m, m + len(speaker))))
    doc._.entities = index
    return doc
