"""Property-based fuzzing of the JSON API against its own OpenAPI schema (schemathesis): zero 5xx."""
from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from dossier.store import Store  # noqa: E402
from dossier.web import Settings, create_app  # noqa: E402
from webseed import seed_articles  # noqa: E402


def _app():
    store = Store(":memory:")
    for ex in seed_articles():
        store.add(ex)
    # a token is set so the ingest endpoints are reachable, but the fuzzer never sends it: they must answer 401
    return create_app(store, Settings(token="fuzz-token-not-sent"))


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_answers_5xx(case):
    # reads must also match their documented responses; writes (never authorised here) only must not crash
    response = case.call_and_validate() if case.method == "GET" else case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query} -> {response.status_code}"
    if response.status_code >= 400:
        assert response.json()["error"]["code"].startswith("E")
