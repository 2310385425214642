"""The domain pack loader: every shipped pack loads, and a broken pack names its file and field."""
from __future__ import annotations

from pathlib import Path

import pytest

from dossier.domains import PACK_DIR, available_packs, load_pack
from dossier.domains.phrases import split_phrase
from dossier.errors import DossierError

MOBILIZATION_TYPES = {"summons", "mobilization", "conscription", "contract_recruitment", "recruitment_quota",
                      "military_training", "force_expansion", "arms_procurement", "draft_evasion", "legal_change"}

MINIMAL = """
[pack]
name = "tiny"
version = 1
default_country = "RU"
[polarity]
order = ["denied", "rumored", "hypothetical", "planned"]
[types.flood]
label = "Flood"
[types.flood.en]
triggers = ["flood"]
"""


@pytest.mark.parametrize("name", available_packs())
def test_every_shipped_pack_loads(name: str) -> None:
    pack = load_pack(name)
    assert pack.types and pack.languages
    for lang, rules in pack.languages.items():
        assert all(split_phrase(r.phrase) for r in rules.triggers), lang


def test_mobilization_pack_has_the_ten_types_in_both_languages() -> None:
    pack = load_pack("mobilization")
    assert pack.type_names == MOBILIZATION_TYPES
    for lang in ("en", "ru"):
        covered = {r.type for r in pack.rules(lang).triggers}
        assert covered == MOBILIZATION_TYPES, (lang, MOBILIZATION_TYPES - covered)
        assert all(pack.rules(lang).cues[p] for p in ("denied", "rumored", "planned", "hypothetical"))


def test_a_second_domain_is_a_second_file(tmp_path: Path) -> None:
    f = tmp_path / "tiny.toml"
    f.write_text(MINIMAL, encoding="utf-8")
    pack = load_pack(str(f))
    assert pack.name == "tiny" and pack.type_names == {"flood"}
    assert "ru" not in pack.languages


@pytest.mark.parametrize("change, field", [
    (("[types.flood]\nlabel = \"Flood\"", "[types.flood]\nlabel = \"Flood\"\nscope = \"global\""), "types.flood.scope"),
    (('triggers = ["flood"]', 'triggers = ["flood"]\ncontextual = [{ phrases = ["water"] }]'), "types.flood.en.contextual[0]"),
    (('order = ["denied", "rumored", "hypothetical", "planned"]', 'order = ["denied"]'), "polarity.order"),
    (('label = "Flood"', 'label = "Flood"\ntrigers = ["x"]'), "types.flood"),
    (('default_country = "RU"', 'default_country = "Russia"'), "pack.default_country"),
    (('triggers = ["flood"]', 'triggers = ["flood", 3]'), "types.flood.en.triggers[1]"),
])
def test_a_broken_pack_names_file_and_field(tmp_path: Path, change: tuple[str, str], field: str) -> None:
    f = tmp_path / "broken.toml"
    f.write_text(MINIMAL.replace(*change), encoding="utf-8")
    with pytest.raises(DossierError) as err:
        load_pack(str(f))
    assert err.value.code == "E412" and field in err.value.message and str(f) in str(err.value)


def test_unknown_pack_and_bad_toml_are_coded_errors(tmp_path: Path) -> None:
    with pytest.raises(DossierError) as err:
        load_pack("no-such-domain")
    assert err.value.code == "E410" and "mobilization" in err.value.message
    f = tmp_path / "bad.toml"
    f.write_text("[pack\n", encoding="utf-8")
    with pytest.raises(DossierError) as err:
        load_pack(str(f))
    assert err.value.code == "E411"


def test_pack_files_live_in_the_package() -> None:
    assert (PACK_DIR / "mobilization.toml").is_file()


def test_phrase_syntax_exact_forms_hyphens_and_russian_lemmas() -> None:
    from dossier.domains.phrases import PhraseIndex, russian_lemma
    from eventkit import annotate

    exact: PhraseIndex[str] = PhraseIndex(russian_lemma)
    exact.add("=будет", "future")
    exact.add("военные сборы", "training")
    doc = annotate("ru", "Сборов не было. Будет проведение военных сборов.")
    found = [(doc[m.start:m.end].text, m.payload) for m in exact.matches(doc)]
    assert found == [("Будет", "future"), ("военных сборов", "training")]
    hyphen: PhraseIndex[str] = PhraseIndex()
    hyphen.add("call-up papers", "summons")
    doc = annotate("en", "He got his call-up papers.")
    assert [doc[m.start:m.end].text for m in hyphen.matches(doc)] == ["call-up papers"]
