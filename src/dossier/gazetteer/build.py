"""Regenerate the gazetteer's generated data files (``countries.tsv``, ``subdivisions.tsv``, ``ru_forms.tsv``).

Run ``python scripts/build_gazetteer.py`` after editing a hand-written file. Nothing here runs when
dossier extracts: the package ships the generated files, so extraction needs neither pycountry's
locale files nor pymorphy3's inflection at run time.

* ``countries.tsv``: every ISO 3166-1 country from pycountry, English names plus Russian names from
  pycountry's gettext catalogue (domain ``iso3166-1``).
* ``subdivisions.tsv``: ISO 3166-2 romanised names of RU/UA regions ("Sverdlovskaya oblast").
* ``ru_forms.tsv``: every Russian name of ``regions.tsv``/``cities.tsv``/``macro.tsv``/countries in
  all six cases (plus the second locative, "в Крыму"), generated with pymorphy3 with adjective+noun
  agreement; region adjectives in every gender, case and number (for "Свердловской и Челябинской
  областей"); demonyms ("российский", "россиянин") in all forms. Each form carries ``risky=person`` when
  pymorphy knows it as a person's name ("Владимир"), ``risky=word`` when as a common word ("Курган").
"""
from __future__ import annotations

import csv
import gettext
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from dossier.gazetteer.loader import DATA, capitals, city_id, read_tsv, split

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "loc2")
GENDERS = ("masc", "femn", "neut", "plur")
PERSONAL = {"Name", "Surn", "Patr"}


@lru_cache(maxsize=1)
def morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _clean(s: str) -> str:
    """Drop stress marks (pycountry's Russian names carry some) and normalise spaces."""
    s = "".join(c for c in unicodedata.normalize("NFD", s) if c != "\u0301")
    return " ".join(unicodedata.normalize("NFC", s).split())


def _restore_case(form: str, original: str) -> str:
    """pymorphy returns lower case; copy the capitals of `original` part by hyphen-separated part."""
    parts, orig = form.split("-"), original.split("-")
    if len(parts) != len(orig):
        return form[:1].upper() + form[1:] if original[:1].isupper() else form
    return "-".join(p[:1].upper() + p[1:] if o[:1].isupper() else p for p, o in zip(parts, orig))


def _parse(word: str):
    """The reading of a dictionary-form word: a geographic noun if pymorphy knows one, else nominative."""
    parses = morph().parse(word)
    for p in parses:
        if "Geox" in p.tag and "nomn" in p.tag:
            return p
    for p in parses:
        if "nomn" in p.tag:
            return p
    return parses[0]


def _fixed(word: str) -> bool:
    """Acronyms ("ЯНАО") and punctuation stay as written."""
    return not any(c.isalpha() for c in word) or (len(word) > 1 and word.isupper())


def inflect_phrase(phrase: str, cases: Iterable[str] = CASES, plural: bool = False) -> Iterator[str]:
    """`phrase` in each case: the words up to the first noun agree; words after it (apposition) stay."""
    words = phrase.split(" ")
    parses = [None if _fixed(w) else _parse(w.lower()) for w in words]
    head = next((i for i, p in enumerate(parses) if p is not None and p.tag.POS == "NOUN"), None)
    if head is None:
        yield phrase
        return
    hp = parses[head]
    number = "plur" if plural or "Pltm" in hp.tag or hp.tag.number == "plur" else "sing"
    for case in cases:
        out = []
        for i, (w, p) in enumerate(zip(words, parses)):
            if i > head or p is None or p.tag.POS not in ("NOUN", "ADJF", "PRTF"):
                out.append(w)
                continue
            grams = {case, number} if number == "plur" or p.tag.POS == "NOUN" else {case, hp.tag.gender or "masc"}
            if case == "accs" and p.tag.POS != "NOUN" and "inan" in hp.tag:
                grams.add("inan")  # "в Свердловский регион", not "Свердловского"
            if number == "plur" and p.tag.POS == "NOUN" and "Pltm" in p.tag:
                grams = {case}
            f = p.inflect(grams) or p.inflect(grams - {"inan"})
            if f is None:
                break
            out.append(_restore_case(f.word, w))
        else:
            yield " ".join(out)


def adjective_forms(lemma: str) -> set[str]:
    """Every gender/number/case form of an adjective lemma ("челябинский" → "челябинской", …)."""
    p = _parse(lemma)
    forms = {lemma}
    for g in GENDERS:
        for case in CASES[:6]:
            f = p.inflect({g, case})
            if f is not None:
                forms.add(f.word)
    return forms


def noun_forms(lemma: str) -> set[str]:
    """Singular and plural forms of a noun or noun phrase in every case."""
    return set(inflect_phrase(lemma)) | set(inflect_phrase(lemma, plural=True)) | {lemma}


def risky(form: str) -> str:
    """Why a single-word name needs context: "person" (pymorphy knows it as a first name, surname or
    patronymic: "Владимир", "Киров"), "word" (its likeliest reading is a known non-place word: "Того",
    "Курган"), or "" (safe)."""
    if " " in form or _fixed(form):
        return ""
    parses = morph().parse(form.lower())
    if any(PERSONAL & set(p.tag.grammemes) for p in parses[:4]):
        return "person"
    top = parses[0]
    return "word" if top.is_known and "Geox" not in top.tag else ""


def _stem_adjective(name_ru: str, nouns: set[str]) -> str | None:
    """"Свердловская область" → "свердловский" when the name is an adjective before a region noun."""
    words = name_ru.split(" ")
    if len(words) < 2 or not any(w.lower() in nouns for w in words[1:]):
        return None
    p = _parse(words[0].lower())
    return p.normal_form if p.tag.POS in ("ADJF", "PRTF") else None


ABBREVIATIONS = {"oblast": ("обл", "femn"), "autonomous_okrug": ("АО", "masc")}


def _abbreviated(adj: str, rtype: str, original: str) -> Iterator[str]:
    """"Свердловской обл.", "Ямало-Ненецкий АО": the adjective in every case before the abbreviated noun."""
    if rtype not in ABBREVIATIONS:
        return
    abbr, gender = ABBREVIATIONS[rtype]
    p = _parse(adj)
    for case in CASES[:6]:
        f = p.inflect({gender, case} | ({"inan"} if case == "accs" and gender == "masc" else set()))
        if f is not None:
            yield f"{_restore_case(f.word, original)} {abbr}"


def region_rows(cues: dict) -> Iterator[tuple[str, str, str]]:
    """(form, id, kind) for regions: all cases of every name, plus adjective stems and "<adj> регион"."""
    nouns = {n for ns in cues["region_nouns"]["ru"].values() for n in ns for n in n.split(" ")}
    rows = read_tsv("regions.tsv")
    caps = capitals(rows)
    for r in rows:
        names = [r["name_ru"], *split(r["aliases_ru"])]
        for name in names:
            for form in inflect_phrase(name):
                yield form, r["id"], "name"
        if caps[r["id"]][1]:
            for name in split(r["capital_ru"]):
                for form in inflect_phrase(name):
                    yield form, city_id(r["capital_en"]), "name"
        adj = _stem_adjective(r["name_ru"], nouns)
        if adj:
            for form in adjective_forms(adj):
                yield form, r["id"], "stem"
            for form in inflect_phrase(f"{adj.capitalize()} регион"):
                yield form, r["id"], "name"
            for form in _abbreviated(adj, r["type"], r["name_ru"].split(" ")[0]):
                yield form, r["id"], "name"


def other_rows(cues: dict, countries: list[dict[str, str]]) -> Iterator[tuple[str, str, str]]:
    for c in read_tsv("cities.tsv"):
        for name in split(c["name_ru"]):
            for form in inflect_phrase(name):
                yield form, city_id(c["name_en"]), "name"
    for m in read_tsv("macro.tsv"):
        for name in split(m["names_ru"]):
            for form in inflect_phrase(name):
                yield form, m["id"], "name"
    extra = {row["alpha2"]: row for row in read_tsv("countries_extra.tsv")}
    for c in countries:
        names = split(c["names_ru"]) + split(extra.get(c["alpha2"], {}).get("aliases_ru", ""))
        for name in dict.fromkeys(names):
            for form in inflect_phrase(name):
                yield form, c["alpha2"], "name"
        for lemma in split(extra.get(c["alpha2"], {}).get("demonyms_ru", "")):
            p = _parse(lemma)
            forms = adjective_forms(lemma) if p.tag.POS in ("ADJF", "PRTF") else noun_forms(lemma)
            for form in forms:
                yield form, c["alpha2"], "demonym"
    for rtype, lemmas in cues["region_nouns"]["ru"].items():
        for lemma in lemmas:
            for form in noun_forms(lemma) | {"регион", "регионы", "регионов", "регионах", "регионам", "регионами"}:
                yield form, f"noun:{rtype}", "noun"


def build_countries() -> list[dict[str, str]]:
    """All ISO 3166-1 countries with English and Russian names (names with ISO-style commas dropped)."""
    import pycountry

    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    rows = []
    for c in pycountry.countries:
        en = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        en = [n for n in dict.fromkeys(en) if n and "," not in n]
        rus = [_clean(ru.gettext(n)) for n in [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)] if n]
        rus = [n for n in dict.fromkeys(rus) if "," not in n and re.search("[а-яё]", n.lower())]
        rows.append({"alpha2": c.alpha_2, "name_en": en[0] if en else c.name, "names_en": "|".join(en),
                     "name_ru": rus[0] if rus else "", "names_ru": "|".join(rus)})
    return rows


def build_subdivisions() -> list[tuple[str, str]]:
    """ISO 3166-2 names of RU/UA regions in the standard's romanisation ("Sverdlovskaya oblast'",
    "Respublika Adygeya", "Zaporizka oblast"): texts that transliterate rather than translate use them."""
    import pycountry

    rows = []
    for country in ("RU", "UA"):
        for sub in pycountry.subdivisions.get(country_code=country):
            name = sub.name.replace("'", "")
            if ", " in name:  # "Adygeya, Respublika" → "Respublika Adygeya"
                head, _, kind = name.partition(", ")
                name = f"{kind} {head}"
            rows.append((sub.code, name))
    return sorted(rows)


def write_tsv(path: Path, header: list[str], rows: Iterable[Iterable[str]], comment: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(comment)
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def build(data: Path = DATA) -> dict[str, int]:
    """Write the generated files into `data`; return how many rows each got."""
    cues = tomllib.loads((data / "cues.toml").read_text(encoding="utf-8"))
    countries = build_countries()
    write_tsv(data / "countries.tsv", ["alpha2", "name_en", "names_en", "name_ru", "names_ru"],
              ([c[k] for k in ("alpha2", "name_en", "names_en", "name_ru", "names_ru")] for c in countries),
              "# GENERATED by scripts/build_gazetteer.py from pycountry (ISO 3166-1 + Russian locale). Do not edit.\n")
    subdivisions = build_subdivisions()
    write_tsv(data / "subdivisions.tsv", ["id", "name_iso"], subdivisions,
              "# GENERATED by scripts/build_gazetteer.py from pycountry (ISO 3166-2 romanised names). Do not edit.\n")
    seen: dict[tuple[str, str], str] = {}
    for form, pid, kind in [*region_rows(cues), *other_rows(cues, countries)]:
        seen.setdefault((form, pid), kind)
    rows = sorted((form, pid, kind, risky(form) if kind == "name" else "")
                  for (form, pid), kind in seen.items())
    write_tsv(data / "ru_forms.tsv", ["form", "id", "kind", "risky"], rows,
              "# GENERATED by scripts/build_gazetteer.py with pymorphy3 from the hand-written files. Do not edit.\n"
              "# kind: name (a full name), stem (region adjective, for coordination), demonym, noun (region noun)\n"
              "# risky: person (also a first name/surname), word (also a common word), empty (safe)\n")
    return {"countries.tsv": len(countries), "subdivisions.tsv": len(subdivisions), "ru_forms.tsv": len(rows)}
