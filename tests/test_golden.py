"""Golden end-to-end tests: whole articles through the whole pipeline, scored against gold files
written by hand from the text (eval/*/NN.gold.json and ../shared/eval). A set fails when any
macro-averaged metric falls below its floor in eval/floors.toml, and every extraction must keep
the contract."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from beside import EVAL
from dossier.evaluate import evaluate_dir

ROOT = Path(__file__).resolve().parents[1]
FLOORS = tomllib.loads((ROOT / "eval" / "floors.toml").read_text())


def resolve(name: str) -> Path:
    if name.startswith("shared:"):
        return EVAL / name.removeprefix("shared:")
    return ROOT / name


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_set_meets_its_floors(name):
    folder = resolve(name)
    if not folder.exists():
        pytest.skip(f"{folder} is not here")
    report = evaluate_dir(folder)
    for article in report.articles:
        assert not article.contract_problems, (article.name, article.contract_problems[:3])
    macro = report.macro
    below = {k: (macro[k], floor) for k, floor in FLOORS[name].items() if macro[k] < floor}
    assert not below, f"{name}: metrics below their floors (measured, floor): {below}"


def test_floors_name_known_metrics():
    from dossier.evaluate import summary

    keys = set(summary({"regions": {"f1": 0}, "countries": {"f1": 0},
                        "quotes": {"recall": 0, "precision": 0, "speaker_accuracy": 0, "attributed_recall": 0},
                        "quantities": {"recall": 0, "precision": 0}, "dates": {"f1": 0},
                        "events": {"pairs": {"f1": 0}, "types": {"f1": 0}, "polarity_accuracy": 0}}))
    for name, floors in FLOORS.items():
        assert set(floors) <= keys, (name, set(floors) - keys)
        assert all(0 <= v <= 1 for v in floors.values())
