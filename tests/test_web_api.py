"""JSON API through FastAPI's TestClient on a store seeded with hand-built extractions."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from dossier.store import Store
from dossier.web import Settings, create_app
from webseed import XSS_TITLE, article, seed_articles

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def store() -> Store:
    s = Store(":memory:")
    for ex in seed_articles():
        s.add(ex)
    return s


@pytest.fixture(scope="module")
def client(store: Store) -> TestClient:
    return TestClient(create_app(store, Settings(max_page_size=50)))


def ids_of(page: dict) -> list[str]:
    return [d["id"] for d in page["items"]]


def test_documents_newest_first_with_total(client):
    page = client.get("/api/documents").json()
    assert page["total"] == 4
    assert [d["published"] for d in page["items"]] == ["2023-05-01", "2023-04-03", "2023-03-14", "2023-03-02"]


def test_documents_paginate_with_next_offset(client):
    first = client.get("/api/documents", params={"limit": 3}).json()
    assert first["next_offset"] == 3
    rest = client.get("/api/documents", params={"limit": 3, "offset": 3}).json()
    assert rest["next_offset"] is None and len(rest["items"]) == 1
    assert not set(ids_of(first)) & set(ids_of(rest))


def test_documents_filter_by_language_period_region_and_type(client):
    assert [d["language"] for d in client.get("/api/documents", params={"language": "ru"}).json()["items"]] == ["ru"]
    march = client.get("/api/documents", params={"since": "2023-03-01", "until": "2023-03-31"}).json()
    assert march["total"] == 2
    vor = client.get("/api/documents", params={"region": "RU-VOR"}).json()
    assert {d["title"] for d in vor["items"]} == {"Повестки в Воронеже", XSS_TITLE}
    mob = client.get("/api/documents", params={"type": "mobilization"}).json()
    assert [d["title"] for d in mob["items"]] == ["Call-up in Crimea"]


def test_documents_full_text_search_finds_inflected_russian(client):
    page = client.get("/api/documents", params={"q": "повестка"}).json()
    assert [d["title"] for d in page["items"]] == ["Повестки в Воронеже"]


def test_one_document_carries_every_span(client):
    doc_id = client.get("/api/documents", params={"region": "RU-SVE"}).json()["items"][0]["id"]
    body = client.get(f"/api/documents/{doc_id}").json()
    assert body["schema"] == "dossier.extraction/1"
    q = body["quotes"][0]
    assert body["text"][q["start"]:q["end"]] == q["text"] and q["speaker"]["name"] == "Ivan Petrov"
    assert body["places"][0]["id"] == "RU-SVE" and body["events"][0]["type"] == "summons"
    assert body["quantities"][0]["value"] == 3000 and body["meta"]["outlet"] == "Test Wire"


def test_unknown_document_is_a_coded_404(client):
    r = client.get("/api/documents/" + "0" * 64)
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "E601"


def test_regions_count_documents_and_events_including_crimea(client):
    items = {r["code"]: r for r in client.get("/api/regions").json()["items"]}
    assert items["RU-VOR"]["documents"] == 2 and items["RU-VOR"]["events"] == 1
    assert items["UA-43"]["events"] == 1 and items["UA-40"]["documents"] == 1
    assert items["RU-SVE"]["claims"] == 0


def test_regions_respect_period_and_type(client):
    april = {r["code"] for r in client.get("/api/regions", params={"since": "2023-04-01", "until": "2023-04-30"})
             .json()["items"]}
    assert april == {"UA-43", "UA-40"}
    summons = {r["code"]: r["events"] for r in client.get("/api/regions", params={"type": "summons"}).json()["items"]}
    assert summons.get("UA-43", 0) == 0 and summons["RU-SVE"] == 1


def test_events_with_sentence_and_filters(client):
    page = client.get("/api/events", params={"region": "RU-SVE"}).json()
    assert page["total"] == 1
    ev = page["items"][0]
    assert ev["type"] == "summons" and ev["date"] == "2023-03-13" and "Sverdlovsk Oblast" in ev["sentence"]
    assert client.get("/api/events", params={"polarity": "denied"}).json()["total"] == 0


def test_quotes_by_speaker_and_entity_carry_role_and_outlet(client):
    page = client.get("/api/quotes", params={"speaker": "Петр"}).json()  # ё/е differ: no match is right
    assert page["total"] == 0
    page = client.get("/api/quotes", params={"speaker": "Пётр"}).json()
    assert page["items"][0]["roles"] == ["губернатор"] and page["items"][0]["outlet"] == "Тестовые новости"
    by_entity = client.get("/api/quotes", params={"entity": "Ivan Petrov"}).json()
    assert [q["text"] for q in by_entity["items"]] == ["Summonses are being served in Sverdlovsk Oblast."]


def test_speakers_and_entities(client):
    speakers = {s["name"]: s for s in client.get("/api/speakers").json()["items"]}
    assert speakers["Ivan Petrov"]["outlets"] == ["Test Wire"] and speakers["Ivan Petrov"]["roles"] == ["governor"]
    ents = client.get("/api/entities", params={"entity_type": "PERSON"}).json()
    assert {e["name"] for e in ents["items"]} == {"Ivan Petrov", "Пётр Иванов"}


def test_timeline_by_day_and_week(client):
    days = client.get("/api/timeline").json()["items"]
    assert {"period": "2023-03-13", "type": "summons", "count": 1} in days
    weeks = client.get("/api/timeline", params={"bucket": "week"}).json()["items"]
    assert {"period": "2023-03-13", "type": "summons", "count": 1} in weeks  # 13 March 2023 was a Monday
    assert {"period": "2023-02-27", "type": "summons", "count": 1} in weeks  # 1 March → Monday 27 February
    months = client.get("/api/timeline", params={"bucket": "month"}).json()["items"]
    assert {"period": "2023-03", "type": "summons", "count": 2} in months


def test_claims_empty_without_claims_layer(client):
    body = client.get("/api/claims").json()
    assert body["items"] == [] and body["total"] == 0


def test_search_hits_documents_and_quotes(client):
    hits = client.get("/api/search", params={"q": "Sverdlovsk"}).json()["items"]
    assert {h["kind"] for h in hits} == {"document", "quote"}
    assert all(h["title"] == "Summonses served in the Urals" for h in hits)


def test_reads_carry_etag_and_answer_304(client):
    r = client.get("/api/regions")
    assert r.headers["cache-control"] == "no-cache" and r.headers["etag"]
    again = client.get("/api/regions", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_page_size_is_clamped_to_the_server_maximum(client):
    page = client.get("/api/documents", params={"limit": 5000}).json()
    assert page["limit"] == 50


@pytest.mark.parametrize("params", [{"limit": 10_001}, {"limit": 0}, {"since": "March"}, {"region": "<script>"},
                                    {"offset": -1}, {"language": "de"}])
def test_bad_parameters_are_coded_errors(client, params):
    r = client.get("/api/documents", params=params)
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "E602" and r.json()["error"]["status"] == 422


def test_security_headers_and_closed_cors(client):
    r = client.get("/api/documents", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_openapi_documents_every_endpoint_and_docs_work_offline(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/documents", "/api/documents/{doc_id}", "/api/regions", "/api/events", "/api/claims",
              "/api/quotes", "/api/speakers", "/api/entities", "/api/timeline", "/api/search", "/api/ingest"):
        assert p in paths
    docs = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


# ---- ingest ---------------------------------------------------------------------------------------------
ARTICLE = {"text": "Military enlistment offices in Perm served summonses to 200 men on 5 March 2023.",
           "title": "Perm summonses", "published": "2023-03-06", "language": "en"}


def test_ingest_is_disabled_without_a_token(client):
    r = client.post("/api/ingest", json={"articles": [ARTICLE]})
    assert r.status_code == 403 and r.json()["error"]["code"] == "E604"


def test_ingest_needs_the_right_token():
    app = create_app(Store(":memory:"), Settings(token=TOKEN))
    c = TestClient(app)
    r = c.post("/api/ingest", json={"articles": [ARTICLE]}, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "E603"
    assert c.get("/api/stats").json()["documents"] == 0


@pytest.mark.slow
def test_ingest_json_runs_the_pipeline_and_stores():
    store = Store(":memory:")
    c = TestClient(create_app(store, Settings(token=TOKEN)))
    r = c.post("/api/ingest", json={"articles": [ARTICLE]}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["new"] == 1 and body["failed"] == []
    assert c.get(f"/api/documents/{body['doc_ids'][0]}").json()["document"]["title"] == "Perm summonses"
    again = c.post("/api/ingest", json={"articles": [ARTICLE]}, headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert again["unchanged"] == 1 and again["new"] == 0


@pytest.mark.slow
def test_ingest_files_upload():
    store = Store(":memory:")
    c = TestClient(create_app(store, Settings(token=TOKEN)))
    raw = "TITLE: Upload test\nDATE: 2023-03-06\nLANG: en\n\n" + ARTICLE["text"]
    r = c.post("/api/ingest/files", files=[("files", ("a.txt", raw.encode(), "text/plain")),
                                           ("files", ("empty.txt", b"", "text/plain"))],
               headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["new"] == 1 and [f["where"] for f in body["failed"]] == ["upload:empty.txt"]


def test_ingest_rejects_oversized_body():
    c = TestClient(create_app(Store(":memory:"), Settings(token=TOKEN, max_body_bytes=2048)))
    big = {"articles": [ARTICLE | {"text": "x" * 5000}]}
    r = c.post("/api/ingest", json=big, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "E605"


def test_ingest_validates_articles():
    c = TestClient(create_app(Store(":memory:"), Settings(token=TOKEN)))
    r = c.post("/api/ingest", json={"articles": [{"text": ""}]}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "E602"


def test_seed_helper_builds_valid_extractions():
    ex = article("A quote here.", "t", "2023-01-01", speaker="A", quote="quote here")
    assert ex.quotes[0].text == "quote here"


def test_cached_reads_see_documents_added_later():
    store = Store(":memory:")
    c = TestClient(create_app(store, Settings()))
    assert c.get("/api/regions").json()["items"] == []
    store.add(seed_articles()[0])
    codes = [r["code"] for r in c.get("/api/regions").json()["items"]]
    assert codes == ["RU-SVE"]


@pytest.mark.slow
def test_serve_get_answers_one_request_in_process(tmp_path):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    db = tmp_path / "d.db"
    s = Store(db)
    for ex in seed_articles():
        s.add(ex)
    s.close()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    run = lambda path: subprocess.run([sys.executable, "-m", "dossier", "serve", "--db", str(db), "--get", path],  # noqa: E731
                                      capture_output=True, text=True, env=env, timeout=120)
    ok = run("/api/regions")
    assert ok.returncode == 0, ok.stderr
    assert "RU-SVE" in {r["code"] for r in json.loads(ok.stdout)["items"]}
    missing = run("/api/documents/" + "0" * 64)
    assert missing.returncode == 1 and json.loads(missing.stdout)["error"]["code"] == "E601"
