"""The gazetteer's data files load, are complete and consistent, and the generated files are current."""
from __future__ import annotations

import shutil
from pathlib import Path

import pycountry
import pytest

from dossier.gazetteer import load
from dossier.gazetteer.loader import DATA, read_cues, read_tsv

HAND = ["regions.tsv", "cities.tsv", "macro.tsv", "countries_extra.tsv"]
GENERATED = ["countries.tsv", "subdivisions.tsv", "ru_forms.tsv"]


@pytest.fixture(scope="module")
def gz():
    return load()


@pytest.mark.parametrize("name", HAND + GENERATED)
def test_every_data_file_loads_with_rows(name):
    rows = read_tsv(name)
    assert rows and all(None not in row for row in rows), f"{name}: a row has more cells than the header"


def test_cues_load():
    cues = read_cues()
    assert {"region_nouns", "negation", "person", "ambiguity"} <= set(cues)


def test_all_russian_and_ukrainian_subdivisions(gz):
    iso_ru = {s.code for s in pycountry.subdivisions.get(country_code="RU")}
    iso_ua = {s.code for s in pycountry.subdivisions.get(country_code="UA")}
    assert {r.id for r in gz.regions("RU")} == iso_ru and len(iso_ru) == 83
    assert {r.id for r in gz.regions("UA")} == iso_ua and len(iso_ua) == 27


def test_claimed_regions_are_flagged(gz):
    claimed = {r.id for r in gz.regions() if r.occupied}
    assert claimed == {"UA-43", "UA-40", "UA-14", "UA-09", "UA-23", "UA-65"}


def test_every_region_has_capital_coordinates(gz):
    for r in gz.regions():
        assert gz.coordinates(r.id) is not None, r.id
        lat, lon = gz.coordinates(r.id)
        assert 41 < lat < 78 and 19 < lon < 180, r.id  # inside Russia/Ukraine's bounding box
        if r.capital and gz[r.capital].kind == "city":
            assert gz[r.capital].region == r.id
        elif r.capital:  # Kyiv Oblast's capital is Kyiv, itself a region (UA-30): no second "Kyiv"
            assert gz[r.capital].type in ("city", "federal_city")


def test_cities_lie_in_known_regions(gz):
    for c in gz.kind("city"):
        assert gz.get(c.region) is not None and gz[c.region].kind == "region", c.id


def test_macro_regions_are_not_regions(gz):
    for m in gz.kind("macro_region"):
        assert m.id.startswith("macro:") and m.region is None
        assert all(gz[x].kind == "region" for x in m.members)
    assert len([m for m in gz.kind("macro_region") if m.id.endswith("-fd")]) == 8


def test_countries_have_russian_names(gz):
    countries = gz.kind("country")
    assert len(countries) == len(pycountry.countries)
    assert gz.name("DE", "ru") == "Германия" and gz.name("RU", "en") == "Russia"


@pytest.mark.parametrize("name,expected", [
    ("Свердловская область", "RU-SVE"), ("Свердловской области", "RU-SVE"), ("Свердловскую область", "RU-SVE"),
    ("Свердловской областью", "RU-SVE"), ("Пермского края", "RU-PER"), ("Пермском крае", "RU-PER"),
    ("Башкирии", "RU-BA"), ("Чечне", "RU-CE"), ("Крыму", "UA-43"), ("Ямало-Ненецком автономном округе", "RU-YAN"),
    ("Sverdlovsk region", "RU-SVE"), ("Sverdlovsk Oblast", "RU-SVE"), ("Moscow region", "RU-MOS"),
    ("Moscow", "RU-MOW"), ("Yamalo-Nenets Autonomous District", "RU-YAN"), ("Saint Petersburg", "RU-SPE"),
    ("Bashkiria", "RU-BA"), ("Chuvashia", "RU-CU"), ("Republic of Dagestan", "RU-DA"),
    ("Sverdlovskaya oblast", "RU-SVE"), ("Respublika Adygeya", "RU-AD"), ("Zaporizka oblast", "UA-23"),
])
def test_lookup_names_in_every_form(gz, name, expected):
    assert expected in {r.id for r in gz.lookup(name)}


def test_cities_resolve_to_regions(gz):
    assert [r.region for r in gz.lookup("Yekaterinburg")] == ["RU-SVE"]
    assert [r.region for r in gz.lookup("Ekaterinburg")] == ["RU-SVE"]
    assert [r.region for r in gz.lookup("Нижнем Новгороде")] == ["RU-NIZ"]


def test_ambiguous_name_lists_both(gz):
    assert {r.id for r in gz.lookup("Altai")} == {"RU-AL", "RU-ALT"}


def test_unknown_id_raises_coded_error(gz):
    from dossier.errors import DossierError

    with pytest.raises(DossierError, match="E405"):
        gz["RU-XXX"]


def test_generated_files_are_current(tmp_path: Path):
    """Editing a hand-written file without re-running scripts/build_gazetteer.py fails here."""
    from dossier.gazetteer.build import build

    for f in DATA.iterdir():
        shutil.copy(f, tmp_path / f.name)
    build(tmp_path)
    for name in GENERATED:
        assert (tmp_path / name).read_text(encoding="utf-8") == (DATA / name).read_text(encoding="utf-8"), name
