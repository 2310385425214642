"""The Gazetteer: records by id, and a word-trie matcher over every name in English and Russian.

Matching runs on the raw text, not on a tokenizer's tokens, so the same index serves the English
spaCy Doc and the Natasha-built Russian Doc, and offsets are exact character offsets. Text and
names are cut into words by one regex (hyphenated words stay whole: "Yamalo-Nenets", "Ростов-на-Дону";
punctuation is its own word), lower-cased and "ё"→"е". Lookup is a dict probe per word plus one per
candidate length, so a whole article costs a few milliseconds (hand-written because spaCy's
PhraseMatcher needs patterns tokenised by each pipeline, and the Russian one runs all of Natasha).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dossier.errors import DossierError
from dossier.gazetteer.loader import (DATA, Name, Record, capitals, city_id, other_records, read_cues, read_tsv,
                                      region_records, split)

WORD = re.compile(r"\w+(?:[-\u2010\u2011]\w+)*|[^\w\s]")
_FOLD = str.maketrans({"ё": "е", "\u2010": "-", "\u2011": "-", "\u2019": "'"})
Key = tuple[str, ...]


def norm(word: str) -> str:
    return word.lower().translate(_FOLD)


def plural_en(noun: str) -> str:
    """Regular English plural of a (last) word: region → regions, territory → territories."""
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    norm: str

    def first_upper(self, text: str) -> bool:
        return text[self.start].isupper()


def words(text: str) -> list[Word]:
    """The text cut into normalised words with their character offsets."""
    return [Word(m.start(), m.end(), norm(m.group())) for m in WORD.finditer(text)]


def key(name: str) -> Key:
    return tuple(w.norm for w in words(name))


@dataclass
class Match:
    """Words [first, last) of the text that spell one or more names."""

    first: int
    last: int
    start: int
    end: int
    names: list[Name]


class Index:
    """Names keyed by word tuples, with the longest key length per first word for cheap probing."""

    def __init__(self) -> None:
        self.entries: dict[Key, list[Name]] = defaultdict(list)
        self.longest: dict[str, int] = {}

    def add(self, name: str, entry: Name) -> None:
        k = key(name)
        if not k:
            return
        if entry not in self.entries[k]:
            self.entries[k].append(entry)
        self.longest[k[0]] = max(self.longest.get(k[0], 0), len(k))

    def at(self, ws: list[Word], i: int) -> tuple[int, list[Name]] | None:
        """The longest key starting at word i: (its length, its names)."""
        n = self.longest.get(ws[i].norm)
        if not n:
            return None
        for size in range(min(n, len(ws) - i), 0, -1):
            found = self.entries.get(tuple(w.norm for w in ws[i:i + size]))
            if found:
                return size, found
        return None

    def find(self, ws: list[Word]) -> list[Match]:
        out = []
        for i in range(len(ws)):
            hit = self.at(ws, i)
            if hit:
                size, names = hit
                out.append(Match(i, i + size, ws[i].start, ws[i + size - 1].end, names))
            elif "-" in ws[i].norm:
                out.extend(self._parts(ws[i], i))
        return out

    def _parts(self, w: Word, i: int) -> list[Match]:
        """Names inside a hyphenated word that is not itself a name: "Russia-Ukraine", "Kremlin-backed"."""
        out, offset = [], w.start
        for part in w.norm.split("-"):
            names = self.entries.get((part,))
            if names:
                out.append(Match(i, i + 1, offset, offset + len(part), names))
            offset += len(part) + 1
        return out


class Gazetteer:
    """Every place dossier knows, with the names that refer to them. Build once with :func:`load`."""

    def __init__(self, data: Path = DATA) -> None:
        self.cues: dict[str, Any] = read_cues(data)
        self.records: dict[str, Record] = {}
        for rec in region_records(data) + other_records(data):
            if rec.id in self.records:
                raise DossierError("E404", f"gazetteer id {rec.id!r} is defined twice; make the names distinct")
            self.records[rec.id] = rec
        self.names, self.stems, self.nouns = Index(), Index(), Index()
        self.region_types = {r.id: r.type for r in self.records.values() if r.kind == "region"}
        self._add_russian(data)
        self._add_english(data)
        self._rename_countries(data)

    # -- building -------------------------------------------------------------------------------

    def _add_russian(self, data: Path) -> None:
        risky_cities = {city_id(r["name_en"]) for r in read_tsv("cities.tsv", data) if r["risky"] == "1"}
        self.risky_ids: set[str] = set()
        for row in read_tsv("ru_forms.tsv", data):
            form, pid, how = row["form"], row["id"], row["kind"]
            risky = row["risky"] != ""
            if how == "noun":
                self.nouns.add(form, Name(pid, how, "ru", cased=False))
            elif how == "stem":
                self.stems.add(form, Name(pid, how, "ru", cased=False))
            else:
                cased = how == "name" and form[:1].isupper()
                self.names.add(form, Name(pid, how, "ru", risky=risky, cased=cased,
                                          exact_case=form.isupper() and len(form) > 1))
            # English spellings inherit only person-name risk ("Vladimir", "Kirov"): "Sumy" is no word in English
            if row["risky"] == "person" and pid.startswith("city:") and form == self.records.get(pid, _NONE).name_ru:
                self.risky_ids.add(pid)
        self.risky_ids |= {pid for pid in risky_cities if pid in self.records}

    def _add_english(self, data: Path) -> None:
        en = self.cues["region_nouns"]["en"]
        templates = self.cues.get("region_templates", {}).get("en", {})
        rows = read_tsv("regions.tsv", data)
        caps = capitals(rows)
        for r in rows:
            pid = r["id"]
            for name in [r["name_en"], *split(r["aliases_en"])]:
                self._en(name, pid)
            for stem in split(r["stem_en"]):
                self.stems.add(stem, Name(pid, "stem", "en"))
                for noun in en.get(r["type"], []):
                    self._en(f"{stem} {noun}", pid)
                for tpl in templates.get(r["type"], []):
                    self._en(tpl.format(stem=stem), pid)
            cid, new_city = caps[pid]
            if cid and new_city:
                for name in split(r["capital_en"]):
                    self._en(name, cid, risky=cid in self.risky_ids)
        for sub in read_tsv("subdivisions.tsv", data):
            self._en(sub["name_iso"], sub["id"])
        for c in read_tsv("cities.tsv", data):
            cid = city_id(c["name_en"])
            for name in split(c["name_en"]):
                self._en(name, cid, risky=cid in self.risky_ids or c["risky"] == "1")
        for m in read_tsv("macro.tsv", data):
            for name in split(m["names_en"]):
                self._en(name, m["id"])
        extra = {row["alpha2"]: row for row in read_tsv("countries_extra.tsv", data)}
        for c in read_tsv("countries.tsv", data):
            x = extra.get(c["alpha2"], {})
            risky = x.get("risky") == "1"
            for name in split(c["names_en"]) + split(x.get("aliases_en")):
                self._en(name, c["alpha2"], risky=risky)
            for name in split(x.get("demonyms_en")):
                self._en(name, c["alpha2"], how="demonym")
        for lang, phrases in self.cues.get("not_places", {}).items():
            for phrase in phrases:
                self.names.add(phrase, Name("-", "block", lang, cased=False))
        for rtype, nouns in en.items():
            for noun in nouns:
                for form in (noun, plural_en(noun)):
                    self.nouns.add(form, Name(f"noun:{rtype}", "noun", "en", cased=False))

    def _en(self, name: str, pid: str, how: str = "name", risky: bool = False) -> None:
        letters = [c for c in name if c.isalpha()]
        acronym = len(letters) > 1 and all(c.isupper() for c in letters)
        self.names.add(name, Name(pid, how, "en", risky=risky, exact_case=acronym))

    def _rename_countries(self, data: Path) -> None:
        """pycountry's English name is formal ("Russian Federation"); the first everyday alias reads better."""
        for row in read_tsv("countries_extra.tsv", data):
            rec = self.records.get(row["alpha2"])
            aliases_en, aliases_ru = split(row["aliases_en"]), split(row["aliases_ru"])
            if rec and aliases_en:
                self.records[rec.id] = Record(**{**rec.__dict__, "name_en": aliases_en[0],
                                                 "name_ru": aliases_ru[0] if aliases_ru else rec.name_ru})

    # -- the API others use -----------------------------------------------------------------------

    def get(self, pid: str) -> Record | None:
        """The record of an id ("RU-SVE", "UA-43", "US", "city:perm", "macro:urals"), or None."""
        return self.records.get(pid)

    def __getitem__(self, pid: str) -> Record:
        rec = self.records.get(pid)
        if rec is None:
            raise DossierError("E405", f"no place with id {pid!r} in the gazetteer; ids look like RU-SVE, "
                               "UA-43, US, city:perm or macro:urals")
        return rec

    def regions(self, country: str | None = None) -> list[Record]:
        """First-level subdivisions (of `country` when given), in file order."""
        return [r for r in self.records.values() if r.kind == "region" and (country is None or r.country == country)]

    def kind(self, kind: str) -> list[Record]:
        return [r for r in self.records.values() if r.kind == kind]

    def name(self, pid: str, lang: str = "en") -> str:
        rec = self[pid]
        return rec.name_ru if lang == "ru" and rec.name_ru else rec.name_en

    def region_of(self, pid: str) -> str | None:
        """The ISO 3166-2 region a place lies in (a region's own id), or None for countries/macro-regions."""
        rec = self.get(pid)
        return rec.region if rec else None

    def coordinates(self, pid: str) -> tuple[float, float] | None:
        """(lat, lon) of a city or region (its capital), approximate; None for countries/macro-regions."""
        rec = self.get(pid)
        if rec and rec.lat is not None and rec.lon is not None:
            return rec.lat, rec.lon
        return None

    def lookup(self, name: str) -> list[Record]:
        """Records a whole name can mean, any case, any language ("Свердловской области" → [RU-SVE])."""
        ids = dict.fromkeys(n.id for n in self.names.entries.get(key(name), []))
        return [self.records[i] for i in ids if i in self.records]

    def find(self, text: str) -> tuple[list[Word], list[Match]]:
        """The raw matcher: every longest name match starting at each word (overlaps kept, no context rules)."""
        ws = words(text)
        return ws, self.names.find(ws)

    def all_names(self) -> Iterable[tuple[Key, list[Name]]]:
        return self.names.entries.items()


_NONE = Record(id="", kind="", name_en="", name_ru="")
