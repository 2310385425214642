"""`dossier bench --api N` and `dossier bench --claims N`, run small (the real figures are in docs/scale.md)."""
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


def test_bench_without_inputs_or_mode_says_what_to_give() -> None:
    r = runner.invoke(app, ["bench"])
    assert r.exit_code != 0
