"""Claims in the API and the dashboard, on a store prepared with the claims layer (dossier.workspace)."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from dossier.store import Store
from dossier.web import Settings, create_app
from webseed import second_sverdlovsk_report, seed_articles

workspace = pytest.importorskip("dossier.workspace")


@pytest.fixture(scope="module")
def client() -> TestClient:
    store = workspace.prepare(Store(":memory:"))
    for ex in [*seed_articles(), second_sverdlovsk_report()]:
        store.add(ex)
    return TestClient(create_app(store, Settings()))


def sverdlovsk_claim(client: TestClient) -> dict:
    items = client.get("/api/claims", params={"region": "RU-SVE", "type": "summons"}).json()["items"]
    assert len(items) == 1
    return items[0]


def test_two_reports_of_one_call_up_make_one_claim_with_two_sources(client):
    claim = sverdlovsk_claim(client)
    assert claim["n_sources"] == 2
    assert {s["outlet"] for s in claim["sources"]} == {"test wire", "other outlet"}  # the claims layer keys outlets casefolded
    assert claim["start"] == "2023-03-13"


def test_3000_versus_9000_men_is_flagged_as_a_contradiction(client):
    claim = sverdlovsk_claim(client)
    assert claim["contradicted"] is True
    assert any("quantity" in reason for reason in claim["contradictions"])
    only = client.get("/api/claims", params={"contradicted": "true"}).json()
    assert [c["place"] for c in only["items"]] == ["RU-SVE"] and only["total"] == 1


def test_region_counts_include_claims(client):
    items = {r["code"]: r for r in client.get("/api/regions").json()["items"]}
    assert items["RU-SVE"]["claims"] == 1 and items["UA-43"]["claims"] == 1


def test_dashboard_claims_table_has_badge_and_evidence_links(client):
    html = client.get("/", params={"region": "RU-SVE"}).text
    table = re.search(r'<table class="claims" id="claims">(.*?)</table>', html, re.S).group(1)
    assert 'class="badge contra"' in table
    ids = {s["doc_id"] for s in sverdlovsk_claim(client)["sources"]}
    assert ids == set(re.findall(r'href="/documents/([0-9a-f]{64})"', table))
