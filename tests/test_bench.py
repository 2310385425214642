"""The benchmark reports full and bare runs on the same texts, per language, with ratios and memory."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from scale_fixtures import article

from dossier.bench import bench, sample
from dossier.model import Document


@pytest.mark.slow  # times 4 configurations: ~15 s on an idle 2-core machine
def test_bench_reports_every_configuration_on_the_same_texts() -> None:
    docs = [Document(text=article(1), language="en"), Document(text=article(2, "ru"), language="ru")]
    report = bench(docs, articles=3, processes=(1,), repeat=1)  # 2 processes: see test_extract_many
    keys = {(r.label, r.language, r.processes) for r in report.runs}
    assert keys == {(lab, lang, 1) for lab in ("full", "bare") for lang in ("en", "ru")}
    words = {r.language: r.words for r in report.runs}
    assert words["en"] == 3 * len(article(1).split())
    assert all(r.articles == 3 and r.seconds > 0 for r in report.runs)
    assert report.ratio("en", 1) is not None and report.ratio("en", 1) > 0
    data = report.to_dict()
    assert data["machine"]["cores"] == os.cpu_count() and data["peak_rss_mib"] > 50
    assert set(data["ratios"]) == {"en/1", "ru/1"}


def test_sample_cycles_inputs() -> None:
    docs = sample([Document(text="a b"), Document(text="c")], 5)
    assert [d.text for d in docs] == ["a b", "c", "a b", "c", "a b"]


def test_export_cli_writes_csv(tmp_path: Path) -> None:
    from dossier.model import Extraction
    from dossier.store import Store

    db = tmp_path / "d.db"
    Store(db).add(Extraction(document=Document(text=article(1), source="a.txt", language="en", outlet="X")))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    out = tmp_path / "docs.jsonl"
    r = subprocess.run([sys.executable, "-m", "dossier", "export", "documents", "--format", "jsonl", "-o", str(out),
                        "--db", str(db), "--no-text"], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    (row,) = [json.loads(x) for x in out.read_text().splitlines()]
    assert row["outlet"] == "X" and "text" not in row
    bad = subprocess.run([sys.executable, "-m", "dossier", "export", "--format", "xlsx", "--db", str(db)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 1 and "xlsx" in bad.stderr and "Traceback" not in bad.stderr


def test_bench_ingest_stores_distinct_articles_once() -> None:
    from dossier.bench import bench_ingest
    from dossier.store import Store

    store = Store(":memory:")
    res = bench_ingest([Document(text=article(1), language="en", source="a")], store, 4)
    assert res.articles == res.stored == 4 and store.counts()["documents"] == 4
    assert res.peak_rss_mib > 50 and res.seconds > 0
