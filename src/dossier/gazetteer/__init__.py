"""The gazetteer: the one module of dossier that knows place names.

    from dossier.gazetteer import load
    gz = load()                       # built once per process
    gz.get("RU-SVE").name_en          # 'Sverdlovsk Oblast'
    gz.regions(country="RU")          # 83 federal subjects (Crimea/Sevastopol are UA-43/UA-40)
    gz.name("RU-SVE", "ru")           # 'Свердловская область'
    gz.lookup("Свердловской области") # [Record(id='RU-SVE', …)]
    words, matches = gz.find(text)    # raw name matches; dossier.nlp.places adds the context rules
"""
from __future__ import annotations

from functools import lru_cache

from dossier.gazetteer.core import Gazetteer, Match, Word, key, norm, words
from dossier.gazetteer.loader import Name, Record

__all__ = ["Gazetteer", "Match", "Name", "Record", "Word", "key", "load", "norm", "words"]


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The packaged gazetteer, built once per process."""
    return Gazetteer()
