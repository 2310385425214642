"""The gold test sets in eval/ and the demo articles in examples/ are well formed.

Gold files are hand-written; these checks catch typos (a code that is not ISO 3166-2, a snippet that
drifted from the text, a date that is not ISO) before they silently lower or raise a score.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.domains import load_pack
from dossier.evaluate import find_gold, gold_problems
from dossier.gazetteer import load as load_gazetteer
from dossier.sources import Rejected, read_one, read_paths
from dossier.sources.text import split_header

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "eval"
EXAMPLES = ROOT / "examples"
SETS = {"ru": 6, "en": 6}  # folder → minimum number of articles
GOLD = [a for name in SETS for a in find_gold(EVAL / name)]
EVENT_TYPES = load_pack("mobilization").type_names  # gold event types must be the domain pack's


def known_subdivisions() -> set[str]:
    """First-level subdivisions of the project's gazetteer (the one owner of place knowledge)."""
    gz = load_gazetteer()
    return {r.id for c in ("RU", "UA") for r in gz.regions(country=c)}


@pytest.mark.parametrize("name,minimum", SETS.items())
def test_each_set_has_enough_articles(name, minimum):
    assert len(find_gold(EVAL / name)) >= minimum


@pytest.mark.parametrize("article", GOLD, ids=lambda a: f"{a.text_path.parent.name}/{a.name}")
def test_gold_file_is_well_formed(article):
    gold = article.gold()
    text = read_one(article.text_path).text
    assert gold_problems(gold, text, EVENT_TYPES) == []


@pytest.mark.parametrize("article", GOLD, ids=lambda a: f"{a.text_path.parent.name}/{a.name}")
def test_gold_agrees_with_the_article_header(article):
    gold = article.gold()
    meta, body = split_header(article.text_path.read_text(encoding="utf-8"))
    assert set(meta) >= {"TITLE", "DATE", "LANG", "SOURCE"}
    assert gold["document"]["file"] == article.text_path.name
    assert gold["document"]["language"] == meta["LANG"] == article.text_path.parent.name
    assert gold["document"]["published"] == meta["DATE"]
    assert 300 <= len(body.split()) <= 800


@pytest.mark.parametrize("article", GOLD, ids=lambda a: f"{a.text_path.parent.name}/{a.name}")
def test_region_codes_are_real_subdivisions(article):
    known = known_subdivisions()
    g = article.gold()["regions"]
    codes = g["mentioned"] + g["negated"] + g.get("optional", []) + [c for grp in g["any_of"] for c in grp]
    codes += [p for e in article.gold()["events"] for p in e["places"] if isinstance(p, str) and "-" in p]
    assert sorted(set(codes) - known) == []


def test_gold_problems_catches_typical_mistakes():
    text = "Повестки раздают в Перми, сообщил Иванов."
    gold = {"schema": "dossier.gold/1", "regions": {"mentioned": ["RU-PERM", "RU-KYA"], "any_of": [], "negated": []},
            "countries": ["RU"],
            "quotes": [{"snippet": "раздают в Казани", "kind": "direct", "speaker": "Иванов"}],
            "quantities": [{"value": 3, "low": 1, "high": 2, "counted": "человек"}],
            "dates": ["2023-3-1"], "events": [{"type": "parade", "polarity": "maybe", "places": ["Perm"]}]}
    found = " | ".join(gold_problems(gold, text, EVENT_TYPES))
    for expected in ("RU-PERM", "раздают в Казани", "value or low and high", "2023-3-1", "parade", "maybe", "Perm"):
        assert expected in found
    assert "RU-KYA" not in found  # a well-formed code the text happens not to name is the annotator's call


def test_region_of_a_country_not_listed_is_reported():
    gold = {"schema": "dossier.gold/1", "regions": {"mentioned": ["UA-43"], "any_of": [], "negated": []},
            "countries": ["RU"]}
    assert any("UA" in p for p in gold_problems(gold, "Крым"))


# ---------------------------------------------------------------- demo articles

def demo_documents():
    items = list(read_paths([EXAMPLES]))
    assert not [i for i in items if isinstance(i, Rejected)], "every demo article must be readable"
    return items


def test_demo_articles_read_cleanly_in_both_languages():
    docs = demo_documents()
    assert 6 <= len(docs) <= 10
    assert {d.language for d in docs} == {"en", "ru"}
    assert all(d.title and d.published and d.outlet for d in docs)
    assert all(150 <= len(d.text.split()) <= 400 for d in docs)


def test_demo_set_holds_a_cp1251_file_and_a_two_article_jsonl():
    cp1251 = [p for p in EXAMPLES.glob("*.txt") if not _is_utf8(p.read_bytes())]
    assert len(cp1251) == 1
    assert "военкомат" in read_one(cp1251[0]).text.lower()
    jsonl = list(EXAMPLES.glob("*.jsonl"))
    assert len(jsonl) == 1
    assert len([json.loads(line) for line in jsonl[0].read_text(encoding="utf-8").splitlines() if line.strip()]) == 2


def test_demo_set_holds_a_near_copy_under_another_headline():
    from difflib import SequenceMatcher

    docs = demo_documents()
    pairs = [(a, b) for i, a in enumerate(docs) for b in docs[i + 1:]
             if SequenceMatcher(None, a.text, b.text).ratio() > 0.85 and a.title != b.title and a.outlet != b.outlet]
    assert len(pairs) == 1


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.slow
def test_demo_set_shows_corroboration_a_denial_and_a_collapsed_reprint():
    """End to end (extractors + claims): what the dashboard demo relies on."""
    from dossier.claims import claims_from_extractions
    from dossier.extract import extract

    claims = {c.id.rsplit("@", 1)[0]: c for c in claims_from_extractions(extract(d) for d in demo_documents())}
    assert claims["summons@RU-VOR"].independent_sources >= 2  # two outlets, two languages
    assert claims["summons@RU-VOR"].polarities.get("asserted")
    assert any(c.type == "mobilization" and c.place == "RU-VOR" and c.polarities.get("denied") for c in claims.values())
    perm = claims["contract_recruitment@RU-PER"]  # the wire story and its reprint count once
    assert len({s.doc_id for s in perm.sources}) == 2 and perm.independent_sources == 1
