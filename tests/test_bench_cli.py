"""`dossier bench --api N`, `--claims N` and `--quotes N`, run small (the real figures are in docs/scale.md)."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from dossier.cli import app
from dossier.cli import commands  # noqa: F401  (registers the sub-commands)

runner = CliRunner()


def test_bench_api_reports_percentiles_of_every_endpoint() -> None:
    r = runner.invoke(app, ["bench", "--api", "60", "--repeat", "2", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["documents"] == 60 and out["worst_p95_ms"] > 0
    urls = {t["endpoint"] for t in out["endpoints"]}
    assert {"/api/documents", "/api/claims", "/api/regions"} <= urls
    assert all(t["p50_ms"] <= t["p95_ms"] <= t["max_ms"] for t in out["endpoints"])


def test_bench_claims_counts_each_cluster_of_copies_once() -> None:
    r = runner.invoke(app, ["bench", "--claims", "20", "--json"])
    assert r.exit_code == 0, r.output
    small, big = json.loads(r.stdout)
    assert (small["documents"], big["documents"]) == (20, 40)
    assert small["independent"] == 1 and big["independent"] == 1  # clusters of 50: one wire story each
    assert big["sources"] > small["sources"]


def test_bench_quotes_finds_every_generated_quote_with_its_speaker_in_both_languages() -> None:
    r = runner.invoke(app, ["bench", "--quotes", "12", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    for lang in ("en", "ru"):
        assert [(x["quotes"], x["found"]) for x in out[lang]] == [(3, 3), (12, 12)]


def test_many_quotes_are_each_attributed_to_their_own_speaker() -> None:
    from dossier.bench import many_quotes_text, speaker_name
    from dossier.extract import extract
    from dossier.model import Document

    for lang in ("en", "ru"):
        ex = extract(Document(text=many_quotes_text(40, lang), language=lang))
        assert [q.speaker.name if q.speaker else None for q in ex.quotes] == [speaker_name(i, lang) for i in range(40)]


def test_bench_without_inputs_or_mode_says_what_to_give() -> None:
    r = runner.invoke(app, ["bench"])
    assert r.exit_code != 0
