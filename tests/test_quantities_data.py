"""Every number/date data file loads, holds the keys the code reads, and only uses contract values."""
from __future__ import annotations

import pytest

from dossier.errors import DossierError
from dossier.model import QUALIFIERS, RELATIONS
from dossier.nlp import numerals
from dossier.nlp.dates import grammar
from dossier.nlp.quantities import lex

FILES = sorted(numerals.DATA_DIR.glob("*.toml"))


def test_every_file_is_a_known_kind_and_language() -> None:
    assert {p.name for p in FILES} == {f"{k}.{lang}.toml" for k in numerals.KINDS for lang in numerals.LANGS}


@pytest.mark.parametrize("lang", numerals.LANGS)
def test_quantity_lexicon(lang: str) -> None:
    data = numerals.lexicon("quantities", lang)
    for key in ("number_words", "special_values", "scales", "qualifiers", "units", "currency_signs",
                "reference_words", "count_nouns", "drop_adjectives", "range_infix", "range_frames"):
        assert key in data, key
    assert set(data["qualifiers"].values()) <= set(QUALIFIERS)
    assert all(v >= 1000 for v in data["scales"].values())
    assert all(len(frame) == 2 for frame in data["range_frames"])
    currencies = {v for v in data["units"].values() if v.isupper()} | set(data["currency_signs"].values())
    assert currencies <= set(data["currency_nouns"]), currencies - set(data["currency_nouns"])
    lex(lang)  # compiles


@pytest.mark.parametrize("lang", numerals.LANGS)
def test_date_lexicon(lang: str) -> None:
    data = numerals.lexicon("dates", lang)
    assert set(data["months"].values()) == set(range(1, 13))
    allowed = set(RELATIONS) | {""}
    for value in data["relations"].values():
        assert set(value.split("|")) <= allowed, value
    assert all(unit in ("day", "month", "year") and isinstance(off, int) for unit, off in data["relative"].values())
    assert set(data["weekdays"].values()) == set(range(7))
    grammar(lang)  # compiles


def test_russian_lemmas_expand_to_case_forms() -> None:
    assert {"тысяч", "тысячи", "тысячам"} <= numerals.forms("тысяча", "ru")
    assert {"трёх", "трех"} <= numerals.forms("три", "ru")


def test_unknown_lexicon_is_a_coded_error() -> None:
    with pytest.raises(DossierError, match="E403"):
        numerals.lexicon("quantities", "de")
