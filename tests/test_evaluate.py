"""The evaluator: hand-computed scores on tiny gold files, and exact agreement with the team's
reference scorer (shared/tools/score.py, run as a subprocess when the shared folder is present)."""
from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.errors import DossierError
from beside import SHARED as _SHARED
from dossier.evaluate import (SUMMARY_KEYS, evaluate_dir, find_gold, macro_average, norm, score)
from dossier.model import Document, Extraction, Place

ROOT = Path(__file__).resolve().parents[1]
SHARED = _SHARED if (_SHARED / "tools" / "score.py").exists() else None
PRED = "dossier.extraction/1"


def tiny_gold() -> dict:
    return {"schema": "dossier.gold/1", "document": {"language": "en", "published": "2023-03-17"},
            "regions": {"mentioned": ["RU-SVE", "RU-CHE"], "any_of": [["RU-AL", "RU-ALT"]], "negated": ["RU-CE"],
                        "optional": ["RU-MOW"]},
            "countries": ["RU"], "optional_countries": ["UA"],
            "quotes": [{"snippet": "no second wave", "kind": "direct", "speaker": "Dmitry Peskov", "aliases": ["Peskov"]},
                       {"snippet": "summonses are served", "kind": "indirect", "speaker": "Agora", "aliases": ["Agora"]}],
            "optional_quotes": [{"snippet": "lists are checked", "speaker": "lawyer"}],
            "quantities": [{"value": 400000, "counted": ["soldier", "people"]},
                           {"low": 6, "high": 7, "counted": "month"}],
            "optional_quantities": [{"value": 2, "counted": "decade"}],
            "dates": ["2023-03-13", {"snippet": "April", "value": "2023-04"}], "optional_dates": ["2023"],
            "events": [{"type": "summons", "polarity": "asserted", "places": ["RU-SVE", ["RU-AL", "RU-ALT"]]},
                       {"type": "mobilization", "polarity": ["denied", "rumored"], "places": ["RU"]}]}


def place(code: str, kind: str = "region", negated: bool = False, region: str | None = None) -> dict:
    return {"start": 0, "end": 1, "text": code, "id": code, "name": code, "kind": kind,
            "region": region if region is not None else (code if kind == "region" else None),
            "country": code[:2] if kind != "macro_region" else None, "negated": negated}


def tiny_pred() -> dict:
    return {"schema": PRED,
            "places": [place("RU-SVE"), place("RU-ALT"), place("RU-CE", negated=True), place("RU-MOW"),
                       place("RU-TA"), place("macro:urals", kind="macro_region"),
                       place("RU-KRS-city", kind="city", region="RU-KDA")],
            "quotes": [{"text": "«There is NO  second wave»", "speaker": {"name": "Peskov said"}},
                       {"text": "summonses are served", "speaker": {"name": "Kremlin"}},
                       {"text": "something else entirely", "speaker": None}],
            "quantities": [{"value": 400000, "counted": "soldiers"}, {"low": 6, "high": 7, "unit": "months"},
                           {"value": 2, "counted": "decades"}, {"value": 5, "counted": "rifles"}],
            "dates": [{"value": "2023-03-13"}, {"value": "2023"}, {"value": "2022-10"}, {"value": None}],
            "events": [{"type": "summons", "polarity": "asserted", "places": ["RU-SVE", "RU-AL", "RU-TA"]},
                       {"type": "mobilization", "polarity": "asserted", "places": ["RU"]},
                       {"type": "arms_procurement", "polarity": "asserted", "places": []}]}


def test_scores_written_out_by_hand():
    s = score(tiny_gold(), tiny_pred())
    # regions: got SVE, ALT (any_of group), MOW (optional), TA (wrong), KDA via a city (wrong); CHE missed
    assert (s["regions"]["tp"], s["regions"]["fp"], s["regions"]["fn"]) == (2, 2, 1)
    assert s["regions"]["spurious"] == ["RU-KDA", "RU-TA"] and s["regions"]["negation_found"] == "1/1"
    assert s["countries"]["f1"] == 1.0
    # quotes: both found despite quote marks, case and spacing; the second has the wrong speaker
    assert s["quotes"]["recall"] == 1.0 and s["quotes"]["speaker_accuracy"] == 0.5
    assert s["quotes"]["precision"] == round(2 / 3, 3)
    # quantities: plural "soldiers"/"months" match the lemmas; the rifles are not in the gold
    assert s["quantities"]["recall"] == 1.0 and s["quantities"]["precision"] == 0.75
    assert (s["dates"]["tp"], s["dates"]["fp"], s["dates"]["fn"]) == (1, 1, 1)
    pairs = s["events"]["pairs"]  # gold: summons@*, summons@SVE, summons@{AL|ALT}, mobilization@*
    assert (pairs["tp"], pairs["fp"], pairs["fn"]) == (4, 2, 0)
    assert s["events"]["polarity"] == "1/2"
    assert list(s["summary"]) == list(SUMMARY_KEYS)


def test_empty_prediction_scores_zero_and_perfect_prediction_scores_one():
    gold = {"schema": "dossier.gold/1", "regions": {"mentioned": ["RU-PER"]}, "countries": ["RU"],
            "quotes": [{"snippet": "да", "kind": "direct", "speaker": "Иванов"}],
            "quantities": [{"value": 3000, "counted": "человек"}], "dates": ["2022-11-01"],
            "events": [{"type": "conscription", "polarity": "planned", "places": ["RU-PER"]}]}
    empty = score(gold, {"schema": PRED})["summary"]
    assert set(empty.values()) == {0.0}
    perfect = {"schema": PRED, "places": [place("RU-PER")],
               "quotes": [{"text": "Да", "speaker": {"name": "Сергей Иванов"}}],
               "quantities": [{"value": 3000.0, "counted": "человек"}], "dates": [{"value": "2022-11-01"}],
               "events": [{"type": "conscription", "polarity": "planned", "places": ["RU-PER"]}]}
    assert set(score(gold, perfect)["summary"].values()) == {1.0}


def test_norm_folds_quote_marks_dashes_yo_and_space():
    assert norm("«Ещё  один» — Тест\u00a0") == norm('"еще один" - тест')


def test_wrong_prediction_schema_is_a_coded_error():
    with pytest.raises(DossierError) as e:
        score(tiny_gold(), {"schema": "other/1"})
    assert e.value.code == "E203"


def test_macro_average_weights_articles_equally():
    assert macro_average([{"a": 1.0}, {"a": 0.0}, {"a": 0.5}]) == {"a": 0.5}


def test_find_gold_pairs_files_and_reports_orphans(tmp_path):
    (tmp_path / "01.txt").write_text("x")
    (tmp_path / "01.gold.json").write_text("{}")
    assert [a.name for a in find_gold(tmp_path)] == ["01"]
    (tmp_path / "02.gold.json").write_text("{}")
    with pytest.raises(DossierError, match="02.txt"):
        find_gold(tmp_path)


def test_evaluate_dir_with_a_stub_extractor(tmp_path):
    text = "Summonses were served in Perm."
    (tmp_path / "a.txt").write_text(f"TITLE: t\nDATE: 2023-03-17\nLANG: en\n\n{text}\n")
    gold = {"schema": "dossier.gold/1", "regions": {"mentioned": ["RU-PER"]}, "countries": ["RU"]}
    (tmp_path / "a.gold.json").write_text(json.dumps(gold))

    def stub(doc: Document) -> Extraction:
        assert doc.text == text and doc.published == "2023-03-17"
        return Extraction(document=doc, places=[Place(25, 29, "Perm", "RU-PER", "Perm Krai", "region", "RU-PER", "RU")])

    report = evaluate_dir(tmp_path, stub, save_predictions=tmp_path / "pred")
    assert report.macro["region_f1"] == 1.0 and report.macro["country_f1"] == 1.0
    assert report.articles[0].contract_problems == []
    assert json.loads((tmp_path / "pred" / "a.json").read_text())["places"][0]["id"] == "RU-PER"


# ---------------------------------------------------------------- agreement with the reference scorer

needs_shared = pytest.mark.skipif(SHARED is None, reason="shared/tools/score.py is not beside this checkout")
SHARED_SETS = ("seed", "ru-example")


def reference(gold_path: Path, pred: dict, tmp_path: Path) -> dict:
    pred_path = tmp_path / "pred.json"
    pred_path.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(gold_path), str(pred_path), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def mine(gold_path: Path, pred: dict) -> dict:
    return json.loads(json.dumps(score(json.loads(gold_path.read_text(encoding="utf-8")), pred), ensure_ascii=False))


def hand_made_predictions(gold: dict, text: str) -> list[dict]:
    """Predictions built from the gold itself (all right), half of it, and half of it distorted."""
    g = gold
    regions = g["regions"]["mentioned"] + [grp[-1] for grp in g["regions"].get("any_of", [])]
    full = {"schema": PRED,
            "places": [place(c) for c in regions] + [place(c, negated=True) for c in g["regions"].get("negated", [])]
            + [place(c, kind="country") for c in g.get("countries", [])],
            "quotes": [{"text": f"«{q['snippet']}»", "speaker": {"name": q["speaker"]}} for q in g.get("quotes", [])],
            "quantities": [{**{k: q[k] for k in ("value", "low", "high") if k in q},
                            "counted": (q["counted"] if isinstance(q["counted"], str) else q["counted"][0])}
                           for q in g.get("quantities", [])],
            "dates": [{"value": d["value"] if isinstance(d, dict) else d} for d in g.get("dates", [])],
            "events": [{"type": e["type"], "polarity": (e.get("polarity") or ["asserted"])[0]
                        if isinstance(e.get("polarity"), list) else e.get("polarity") or "asserted",
                        "places": [p[0] if isinstance(p, list) else p for p in e.get("places", [])]}
                       for e in g.get("events", [])]}
    half = {k: (v[::2] if isinstance(v, list) else v) for k, v in full.items()}
    bent = copy.deepcopy(half)
    for q in bent["quotes"]:
        q["speaker"] = {"name": "Someone Else"}
    for n in bent["quantities"]:
        n["counted"] = "banana"
    bent["places"] += [place("RU-TA"), place("macro:siberia", kind="macro_region"), place("FR", kind="country")]
    bent["dates"] += [{"value": "1999-01-01"}]
    bent["events"] += [{"type": "draft_evasion", "polarity": "denied", "places": ["RU-KDA"]}]
    return [full, half, bent, {"schema": PRED}]


@needs_shared
@pytest.mark.parametrize("name", SHARED_SETS)
def test_agrees_with_reference_on_hand_made_predictions(name, tmp_path):
    gold_path = SHARED / "eval" / name / "article.gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (SHARED / "eval" / name / "article.txt").read_text(encoding="utf-8")
    for pred in hand_made_predictions(gold, text):
        assert mine(gold_path, pred) == reference(gold_path, pred, tmp_path)
    assert score(gold, hand_made_predictions(gold, text)[0])["summary"]["region_f1"] == 1.0


@needs_shared
@pytest.mark.parametrize("name", SHARED_SETS)
def test_agrees_with_reference_on_our_own_extraction(name, tmp_path):
    report = evaluate_dir(SHARED / "eval" / name, save_predictions=tmp_path)
    pred = json.loads((tmp_path / "article.json").read_text(encoding="utf-8"))
    gold_path = SHARED / "eval" / name / "article.gold.json"
    want = reference(gold_path, pred, tmp_path)
    assert mine(gold_path, pred) == want
    assert report.articles[0].summary == want["summary"]


# ---------------------------------------------------------------- the command

def run_cli(*args: object) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "dossier", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


def test_eval_command_prints_json_scores(tmp_path):
    (tmp_path / "01.txt").write_text("TITLE: t\nDATE: 2023-03-04\nLANG: en\n\n"
                                     "The governor of the Sverdlovsk region said 1,200 men had received summonses.\n")
    gold = {"schema": "dossier.gold/1", "document": {"file": "01.txt", "language": "en", "published": "2023-03-04"},
            "regions": {"mentioned": ["RU-SVE"], "any_of": [], "negated": []}, "countries": ["RU"]}
    (tmp_path / "01.gold.json").write_text(json.dumps(gold))
    r = run_cli("eval", tmp_path, "--json", "--save", tmp_path / "pred")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert list(out["documents"]) == ["01"] and list(out["macro"]) == list(SUMMARY_KEYS)
    assert all(0.0 <= v <= 1.0 for v in out["macro"].values())
    assert out["details"]["01"]["contract_problems"] == []
    assert (tmp_path / "pred" / "01.json").exists()


def test_eval_command_names_a_folder_without_gold(tmp_path):
    r = run_cli("eval", tmp_path)
    assert r.returncode == 1 and "E110" in r.stderr and "Traceback" not in r.stderr
