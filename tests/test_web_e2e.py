"""End to end: the gold articles go through POST /api/ingest/files (real NLP), then the pages render them."""
from __future__ import annotations

import html as htmllib
import re

import pytest
from fastapi.testclient import TestClient

from dossier.store import Store
from beside import EVAL
from dossier.web import Settings, create_app

pytestmark = pytest.mark.slow
TOKEN = "e2e-token"


@pytest.fixture(scope="module")
def ingested() -> tuple[TestClient, dict]:
    files = [EVAL / "seed" / "article.txt", EVAL / "ru-example" / "article.txt"]
    if not all(f.exists() for f in files):
        pytest.skip("../shared/eval is not beside this checkout")
    from dossier.workspace import prepare

    client = TestClient(create_app(prepare(Store(":memory:")), Settings(token=TOKEN)))
    upload = [("files", (f"{f.parent.name}.txt", f.read_bytes(), "text/plain")) for f in files]
    r = client.post("/api/ingest/files", files=upload, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    return client, r.json()


def test_both_articles_are_stored(ingested):
    client, report = ingested
    assert report["new"] == 2 and report["failed"] == []
    langs = {d["language"] for d in client.get("/api/documents").json()["items"]}
    assert langs == {"en", "ru"}


@pytest.mark.parametrize("i", [0, 1])
def test_document_page_keeps_the_text_exact_and_highlights_spans(ingested, i):
    client, report = ingested
    doc = client.get(f"/api/documents/{report['doc_ids'][i]}").json()
    page = client.get(f"/documents/{report['doc_ids'][i]}").text
    body = re.search(r'<div class="text" id="doc-text">(.*?)</div>\n</article>', page, re.S).group(1)
    assert htmllib.unescape(re.sub(r"<[^>]+>", "", body)) == doc["text"]
    if doc["quotes"]:
        assert 'class="hl hl-quote"' in body
    if any(q["speaker"] and q["speaker"].get("start") is not None for q in doc["quotes"]):
        assert 'class="hl hl-speaker"' in body
    assert body.count('class="hl hl-place"') >= len(doc["places"])


def test_dashboard_maps_the_ingested_regions(ingested):
    client, _ = ingested
    regions = [r["code"] for r in client.get("/api/regions").json()["items"] if r["code"].startswith("RU-")]
    assert regions
    html = client.get("/", params={"metric": "documents"}).text
    for code in regions:
        assert re.search(rf'id="geo-{code}" class="region c[1-4]', html)
