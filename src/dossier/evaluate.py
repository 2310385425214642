"""Gold scoring: how well extractions match hand-written gold files (schema ``dossier.gold/1``).

The metrics and matching rules are those of the team's reference scorer (``shared/tools/score.py``),
re-implemented here so the package owns its evaluator; a test checks that both agree exactly.
Matching is lenient on purpose: case, diacritics, quote marks and whitespace are normalised; a
gold quote is found when its snippet lies inside a predicted quote's text; a speaker is right when
the predicted name contains one of the gold aliases (or is contained in one). Events are scored as
(type, ``*``) pairs for each type plus (type, region) pairs for each first-level region.

:func:`score` compares one gold dict with one prediction dict (``dossier.extraction/1``);
:func:`evaluate_dir` runs :func:`dossier.extract.extract` on every article of a gold folder and
macro-averages; :func:`gold_problems` checks that a gold file is well formed.
"""
from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier.errors import DossierError
from dossier.model import POLARITIES, QUOTE_KINDS, Document, Extraction, problems

GOLD_SCHEMA = "dossier.gold/1"
PRED_SCHEMA = "dossier.extraction/1"
REGION_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")  # ISO 3166-2 shape
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
# Typographic marks folded to their ASCII kin before matching.
_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"',
                        "\u00bb": '"', "\u201e": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " ", "ё": "е"})
# Column order of the per-article summary (and of the macro average).
SUMMARY_KEYS = ("region_f1", "country_f1", "quote_recall", "quote_precision", "speaker_accuracy",
                "quote_attributed_recall", "quantity_recall", "quantity_precision", "date_f1",
                "event_pair_f1", "event_type_f1", "event_polarity")

Json = dict[str, Any]


# ---------------------------------------------------------------- normalisation and small helpers

def norm(s: Any) -> str:
    """Text folded for lenient matching: no diacritics, ASCII quote marks and dashes, one space, casefold."""
    s = unicodedata.normalize("NFKD", str(s or ""))
    s = "".join(c for c in s if not unicodedata.combining(c))  # also folds ё → е and й → и
    return re.sub(r"\s+", " ", s.translate(_MARKS)).strip().casefold()


def stem(s: Any) -> str:
    """A crude English plural strip (soldiers → soldier); Russian gold already holds lemmas."""
    s = norm(s)
    return re.sub(r"(ies|es|s)$", "", s) if len(s) > 3 else s


def prf(tp: int, fp: int, fn: int) -> Json:
    """Precision, recall and F1 rounded to 3 places; an empty side counts as perfect."""
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def _ratio(num: int, den: int, empty: float) -> float:
    return round(num / den, 3) if den else empty


def _code(p: Any) -> str | None:
    """The code of a place given as a string or as a contract/gold object."""
    return p if isinstance(p, str) else (p.get("id") or p.get("code"))


def _as_list(x: Any) -> list[Any]:
    if not x:
        return []
    return [x] if isinstance(x, str) else list(x)


def _number(x: Any) -> float | None:
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def _same_number(a: Any, b: Any) -> bool:
    x, y = _number(a), _number(b)
    return x is not None and y is not None and abs(x - y) <= 1e-9 * max(1.0, abs(y))


# ---------------------------------------------------------------- places

def score_regions(gold: Json, pred: Json) -> Json:
    """F1 over first-level region codes; `any_of` groups count once, `optional` codes never count."""
    g = gold.get("regions", {})
    mentioned, negated = set(g.get("mentioned", [])), set(g.get("negated", []))
    groups = [set(x) for x in g.get("any_of", [])]
    excused = set().union(*groups) | set(g.get("optional", []))
    got: set[str] = set()
    got_negated: set[str] = set()
    for p in pred.get("places", []):
        if p.get("kind") == "macro_region":  # federal districts and "the Urals" are not regions
            continue
        codes = {c for c in (p.get("region"), _code(p)) if c and REGION_CODE.match(c)}
        (got_negated if p.get("negated") else got).update(codes)
    hit_groups = sum(1 for grp in groups if grp & got)
    out = prf(len(got & mentioned) + hit_groups, len(got - mentioned - excused),
              len(mentioned - got) + len(groups) - hit_groups)
    out["missed"] = sorted(mentioned - got)
    out["spurious"] = sorted(got - mentioned - excused)
    out["negation_found"] = f"{len(negated & got_negated)}/{len(negated)}"
    return out


def score_countries(gold: Json, pred: Json) -> Json:
    """F1 over ISO alpha-2 countries, from a place's `country` or a country-level place's id."""
    want, optional = set(gold.get("countries", [])), set(gold.get("optional_countries", []))
    got: set[str] = set()
    for p in pred.get("places", []):
        if p.get("negated"):
            continue
        if p.get("country"):
            got.add(p["country"])
        code = _code(p)
        if code and COUNTRY_CODE.fullmatch(code):
            got.add(code)
    out = prf(len(got & want), len(got - want - optional), len(want - got))
    out["missed"], out["spurious"] = sorted(want - got), sorted(got - want - optional)
    return out


# ---------------------------------------------------------------- quotes

def _speaker_name(q: Json) -> str:
    s = q.get("speaker")
    if isinstance(s, dict):
        return s.get("name") or s.get("text") or ""
    return s or ""


def _speaker_right(spoken_by: list[str], aliases: list[str]) -> bool:
    """A predicted name containing an alias is right; so is a (longer than 3 letters) part of one."""
    return any(a and (a in spk or (len(spk) > 3 and spk in a)) for spk in spoken_by for a in aliases)


def score_quotes(gold: Json, pred: Json) -> Json:
    preds = [(norm(q.get("text", "")), norm(_speaker_name(q))) for q in pred.get("quotes", [])]
    required = gold.get("quotes", [])
    found = speaker_ok = 0
    missed: list[str] = []
    wrong_speaker: list[str] = []
    for gq in required:
        snippet = norm(gq["snippet"])
        aliases = [norm(a) for a in gq.get("aliases", [])] + [norm(gq.get("speaker", ""))]
        spoken_by = [spk for txt, spk in preds if snippet in txt]
        if not spoken_by:
            missed.append(gq["snippet"])
            continue
        found += 1
        if _speaker_right(spoken_by, aliases):
            speaker_ok += 1
        else:
            wrong_speaker.append(f"{gq['snippet'][:40]}… → {spoken_by[0] or '∅'} (want {gq.get('speaker')})")
    snippets = [norm(q["snippet"]) for q in required + gold.get("optional_quotes", [])]
    good = sum(1 for txt, _ in preds if any(s in txt for s in snippets))
    n = len(required)
    return {"recall": _ratio(found, n, 1.0),
            "precision": _ratio(good, len(preds), 1.0 if not n else 0.0),
            "speaker_accuracy": _ratio(speaker_ok, found, 0.0),
            "attributed_recall": _ratio(speaker_ok, n, 1.0),
            "predicted": len(preds), "missed": missed, "wrong_speaker": wrong_speaker}


# ---------------------------------------------------------------- quantities

def _value_matches(g: Json, p: Json) -> bool:
    """A single gold value may match a prediction's value, low or high; a gold range needs both ends."""
    if g.get("value") is not None:
        return any(_same_number(p.get(k), g["value"]) for k in ("value", "low", "high"))
    return _same_number(p.get("low"), g.get("low")) and _same_number(p.get("high"), g.get("high"))


def _counted_matches(g: Json, p: Json) -> bool:
    want = _as_list(g.get("counted"))
    have = stem(p.get("counted") or p.get("unit") or "")
    if not want:
        return True
    return bool(have) and any(stem(w) in have or have in stem(w) for w in want)


def score_quantities(gold: Json, pred: Json) -> Json:
    preds = pred.get("quantities", [])
    required = gold.get("quantities", [])
    found = value_found = 0
    missed: list[Any] = []
    for g in required:
        same_value = [p for p in preds if _value_matches(g, p)]
        value_found += bool(same_value)
        if any(_counted_matches(g, p) for p in same_value):
            found += 1
        else:
            missed.append(g.get("snippet") or g.get("value") or f"{g.get('low')}-{g.get('high')}")
    acceptable = required + gold.get("optional_quantities", [])
    good = sum(1 for p in preds if any(_value_matches(g, p) for g in acceptable))
    n = len(required)
    return {"recall": _ratio(found, n, 1.0), "value_recall": _ratio(value_found, n, 1.0),
            "precision": _ratio(good, len(preds), 1.0 if not n else 0.0),
            "predicted": len(preds), "missed": missed}


# ---------------------------------------------------------------- dates

def _date_value(d: Any) -> Any:
    return d.get("value") if isinstance(d, dict) else d


def score_dates(gold: Json, pred: Json) -> Json:
    want = {_date_value(d) for d in gold.get("dates", [])}
    acceptable = want | {_date_value(d) for d in gold.get("optional_dates", [])}
    got = {d.get("value") for d in pred.get("dates", []) if d.get("value")}
    out = prf(len(got & want), len(got - acceptable), len(want - got))
    out["missed"], out["spurious"] = sorted(want - got), sorted(got - acceptable)
    return out


# ---------------------------------------------------------------- events

def event_pairs(events: Iterable[Json]) -> tuple[set[tuple[Any, str]], set[tuple[Any, frozenset[str]]]]:
    """(type, '*') for every event, (type, region) for each region it names, and (type, {alternatives})
    for a gold place given as a list. A country code adds nothing: an event in "Russia" is its type alone."""
    pairs: set[tuple[Any, str]] = set()
    groups: set[tuple[Any, frozenset[str]]] = set()
    for e in events:
        pairs.add((e.get("type"), "*"))
        for p in e.get("places", []) or []:
            if isinstance(p, list):
                groups.add((e.get("type"), frozenset(p)))
                continue
            code = _code(p)
            if code and REGION_CODE.match(code):
                pairs.add((e.get("type"), code))
    return pairs, groups


def _polarity(gold: Json, pred: Json) -> tuple[int, int]:
    """(right, total): a gold event's polarity is right when a predicted event of its type has one of its values."""
    total = right = 0
    for e in gold.get("events", []):
        want = _as_list(e.get("polarity"))
        if not want:
            continue
        total += 1
        right += any(p.get("type") == e["type"] and p.get("polarity") in want for p in pred.get("events", []))
    return right, total


def score_events(gold: Json, pred: Json) -> Json:
    gold_pairs, groups = event_pairs(gold.get("events", []))
    pred_pairs, _ = event_pairs(pred.get("events", []))
    grouped = {(t, p) for t, grp in groups for p in grp}
    hit_groups = sum(1 for t, grp in groups if any((t, p) in pred_pairs for p in grp))
    pairs = prf(len(pred_pairs & gold_pairs) + hit_groups, len(pred_pairs - gold_pairs - grouped),
                len(gold_pairs - pred_pairs) + len(groups) - hit_groups)
    pairs["missed"] = sorted(f"{t}@{p}" for t, p in gold_pairs - pred_pairs)
    pairs["spurious"] = sorted(f"{t}@{p}" for t, p in pred_pairs - gold_pairs - grouped)
    gold_types = {e["type"] for e in gold.get("events", [])}
    pred_types = {e.get("type") for e in pred.get("events", [])}
    right, total = _polarity(gold, pred)
    return {"pairs": pairs,
            "types": prf(len(gold_types & pred_types), len(pred_types - gold_types), len(gold_types - pred_types)),
            "polarity": f"{right}/{total}", "polarity_accuracy": _ratio(right, total, 1.0)}


# ---------------------------------------------------------------- one article

def summary(s: Json) -> Json:
    """The headline figures of a full score, in :data:`SUMMARY_KEYS` order."""
    return {
        "region_f1": s["regions"]["f1"], "country_f1": s["countries"]["f1"],
        "quote_recall": s["quotes"]["recall"], "quote_precision": s["quotes"]["precision"],
        "speaker_accuracy": s["quotes"]["speaker_accuracy"],
        "quote_attributed_recall": s["quotes"]["attributed_recall"],
        "quantity_recall": s["quantities"]["recall"], "quantity_precision": s["quantities"]["precision"],
        "date_f1": s["dates"]["f1"], "event_pair_f1": s["events"]["pairs"]["f1"],
        "event_type_f1": s["events"]["types"]["f1"], "event_polarity": s["events"]["polarity_accuracy"],
    }


def score(gold: Json, pred: Json) -> Json:
    """Every metric of one prediction against one gold file, plus a ``summary`` of the headline figures."""
    if pred.get("schema") != PRED_SCHEMA:
        raise DossierError("E203", f"prediction schema is {pred.get('schema')!r}, expected {PRED_SCHEMA!r}")
    s: Json = {"regions": score_regions(gold, pred), "countries": score_countries(gold, pred),
               "quotes": score_quotes(gold, pred), "quantities": score_quantities(gold, pred),
               "dates": score_dates(gold, pred), "events": score_events(gold, pred)}
    s["summary"] = summary(s)
    return s


def macro_average(rows: Iterable[Json]) -> Json:
    """The unweighted mean of each summary figure over articles (every article counts the same)."""
    rows = list(rows)
    if not rows:
        return {}
    return {k: round(sum(r[k] for r in rows) / len(rows), 3) for k in rows[0]}


# ---------------------------------------------------------------- gold files are well formed

def _snippet_problems(where: str, items: Iterable[Any], body: str, required: bool) -> list[str]:
    out = []
    for i, item in enumerate(items):
        snippet = item.get("snippet") if isinstance(item, dict) else None
        if snippet is None:
            if required:
                out.append(f"{where}[{i}]: no snippet")
        elif not str(snippet).strip() or norm(snippet) not in body:
            out.append(f"{where}[{i}]: snippet {snippet!r} does not occur in the text")
    return out


def _region_problems(gold: Json, countries: set[str]) -> list[str]:
    out = []
    g = gold.get("regions")
    if not isinstance(g, dict):
        return ["regions: missing (want an object with mentioned/any_of/negated)"]
    named = list(g.get("mentioned", [])) + list(g.get("negated", [])) + [c for grp in g.get("any_of", []) for c in grp]
    for code in named + list(g.get("optional", [])):
        if not (isinstance(code, str) and REGION_CODE.match(code)):
            out.append(f"regions: {code!r} is not an ISO 3166-2 code like RU-SVE")
        elif code not in g.get("optional", []) and code[:2] not in countries:
            out.append(f"regions: {code} is named but its country {code[:2]} is not in countries")
    return out


def _quantity_problems(items: list[Json]) -> list[str]:
    out = []
    for i, q in enumerate(items):
        has_value = _number(q.get("value")) is not None
        has_range = _number(q.get("low")) is not None and _number(q.get("high")) is not None
        if has_value == has_range:
            out.append(f"quantities[{i}]: give either value or low and high")
        counted = _as_list(q.get("counted"))
        if not counted or not all(isinstance(c, str) and c.strip() for c in counted):
            out.append(f"quantities[{i}]: counted must be a lemma or a list of lemmas")
    return out


def _event_problems(events: list[Json], event_types: set[str] | None) -> list[str]:
    out = []
    for i, e in enumerate(events):
        if event_types is not None and e.get("type") not in event_types:
            out.append(f"events[{i}]: type {e.get('type')!r} is not one of {', '.join(sorted(event_types))}")
        if any(p not in POLARITIES for p in _as_list(e.get("polarity"))):
            out.append(f"events[{i}]: polarity {e.get('polarity')!r} is not one of {', '.join(POLARITIES)}")
        for p in e.get("places", []):
            for code in p if isinstance(p, list) else [p]:
                if not (isinstance(code, str) and (REGION_CODE.match(code) or COUNTRY_CODE.match(code))):
                    out.append(f"events[{i}]: place {code!r} is neither ISO 3166-1 alpha-2 nor 3166-2")
    return out


def gold_problems(gold: Json, text: str, event_types: set[str] | None = None) -> list[str]:
    """Every way a gold dict is malformed for the article `text`, as readable strings ([] when fine)."""
    if gold.get("schema") != GOLD_SCHEMA:
        return [f"schema is {gold.get('schema')!r}, expected {GOLD_SCHEMA!r}"]
    body = norm(text)
    countries = set(gold.get("countries", [])) | set(gold.get("optional_countries", []))
    out = [f"countries: {c!r} is not an ISO 3166-1 alpha-2 code" for c in countries
           if not (isinstance(c, str) and COUNTRY_CODE.match(c))]
    out += _region_problems(gold, countries)
    for i, q in enumerate(gold.get("quotes", [])):
        if q.get("kind") not in QUOTE_KINDS:
            out.append(f"quotes[{i}]: kind {q.get('kind')!r} is not one of {', '.join(QUOTE_KINDS)}")
        if not str(q.get("speaker") or "").strip():
            out.append(f"quotes[{i}]: no speaker")
    out += _snippet_problems("quotes", gold.get("quotes", []), body, required=True)
    out += _snippet_problems("optional_quotes", gold.get("optional_quotes", []), body, required=True)
    out += _quantity_problems(gold.get("quantities", []) + gold.get("optional_quantities", []))
    out += _snippet_problems("quantities", gold.get("quantities", []), body, required=False)
    for key in ("dates", "optional_dates"):
        out += [f"{key}: {_date_value(d)!r} is not YYYY, YYYY-MM or YYYY-MM-DD" for d in gold.get(key, [])
                if not (isinstance(_date_value(d), str) and ISO_DATE.match(_date_value(d)))]
        out += _snippet_problems(key, gold.get(key, []), body, required=False)
    out += _event_problems(gold.get("events", []), event_types)
    out += _snippet_problems("events", gold.get("events", []), body, required=False)
    return out


# ---------------------------------------------------------------- a folder of gold articles

@dataclass
class GoldArticle:
    """An article (``NN.txt``) and its gold file (``NN.gold.json``) side by side."""

    name: str
    text_path: Path
    gold_path: Path

    def gold(self) -> Json:
        try:
            return json.loads(self.gold_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise DossierError("E111", f"gold file is not valid JSON ({e.msg}, line {e.lineno})",
                               where=str(self.gold_path)) from e


@dataclass
class ArticleResult:
    name: str
    scores: Json
    seconds: float
    words: int
    contract_problems: list[str] = field(default_factory=list)

    @property
    def summary(self) -> Json:
        return self.scores["summary"]


@dataclass
class EvalReport:
    folder: str
    articles: list[ArticleResult]

    @property
    def macro(self) -> Json:
        return macro_average(a.summary for a in self.articles)

    def to_dict(self, details: bool = True) -> Json:
        out: Json = {"folder": self.folder, "documents": {a.name: a.summary for a in self.articles},
                     "macro": self.macro,
                     "speed": {"articles": len(self.articles), "words": sum(a.words for a in self.articles),
                               "seconds": round(sum(a.seconds for a in self.articles), 3)}}
        if details:
            out["details"] = {a.name: {**{k: v for k, v in a.scores.items() if k != "summary"},
                                       "contract_problems": a.contract_problems} for a in self.articles}
        return out


def find_gold(folder: str | Path) -> list[GoldArticle]:
    """Every ``X.gold.json`` in `folder` with its article ``X.txt`` (``NN`` or ``article``), sorted by name."""
    root = Path(folder)
    if not root.is_dir():
        raise DossierError("E110", "not a directory of gold files (want NN.txt beside NN.gold.json)", where=str(root))
    found = []
    for gold_path in sorted(root.glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        text_path = root / f"{name}.txt"
        if not text_path.exists():
            raise DossierError("E110", f"gold file has no article beside it (looked for {text_path.name})",
                               where=str(gold_path))
        found.append(GoldArticle(name, text_path, gold_path))
    if not found:
        raise DossierError("E110", "no *.gold.json files here (want NN.txt beside NN.gold.json)", where=str(root))
    return found


Extractor = Callable[[Document], Extraction]  # dossier.extract.extract by default


def load_article(article: GoldArticle, gold: Json) -> Document:
    """The Document of a gold article. The gold's own publication date and language fill what the
    file's header leaves out (they are what the annotator resolved dates against)."""
    from dossier.sources import read_one

    doc = read_one(article.text_path)
    head = gold.get("document") or {}
    doc.published = doc.published or head.get("published")
    doc.language = doc.language or head.get("language")
    return doc


def evaluate_article(article: GoldArticle, extractor: Extractor | None = None,
                     save_to: Path | None = None) -> ArticleResult:
    """Extract one gold article and score the extraction; with `save_to`, also write it as ``NAME.json``."""
    if extractor is None:
        from dossier.extract import extract as extractor
    gold = article.gold()
    doc = load_article(article, gold)
    t0 = time.perf_counter()
    ex = extractor(doc)
    seconds = time.perf_counter() - t0
    if save_to is not None:
        save_to.mkdir(parents=True, exist_ok=True)
        (save_to / f"{article.name}.json").write_text(ex.to_json(), encoding="utf-8")
    return ArticleResult(article.name, score(gold, ex.to_dict()), seconds, len(doc.text.split()),
                         problems(ex))


def evaluate_dir(folder: str | Path, extractor: Extractor | None = None,
                 save_predictions: str | Path | None = None) -> EvalReport:
    """Score every gold article of `folder`; with `save_predictions`, also write the ``NAME.json``
    extractions there (the files ``score.py --pairs`` reads)."""
    save_to = Path(save_predictions) if save_predictions is not None else None
    return EvalReport(str(folder), [evaluate_article(a, extractor, save_to) for a in find_gold(folder)])
