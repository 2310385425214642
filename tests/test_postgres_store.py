"""The store's tests again, against a real PostgreSQL server the tests start themselves."""
from __future__ import annotations

import pytest
from pg_server import pg_bin, postgres_server, reset
from sqlalchemy import text

from dossier.store import Store
from test_store import *  # noqa: F401,F403  (the same tests, collected here with the PostgreSQL fixture)
from test_store import sample

pytestmark = [pytest.mark.slow, pytest.mark.postgres,
              pytest.mark.skipif(pg_bin() is None, reason="PostgreSQL binaries not installed")]

# SQLite-only checks (WAL journal, file paths) stay in test_store.py
del test_file_database_uses_wal_and_views_work, test_missing_folder_is_a_clear_error  # noqa: F821


@pytest.fixture(scope="module")
def pg_url():
    with postgres_server() as url:
        yield url


@pytest.fixture
def store(pg_url):
    reset(pg_url)
    s = Store(pg_url)
    yield s
    s.close()


def test_postgres_uses_tsvector_search_and_views(store):
    assert store.dialect == "postgresql"
    store.add(sample())
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM search_index")).scalar() == 2
        assert conn.execute(text("SELECT speaker_name FROM quotes_view")).scalar() == "Dmitry Peskov"
    hit = store.search("summonses")[0]
    assert hit.kind == "document" and "[Summonses]" in hit.snippet


def test_dedup_works_on_postgres(store):
    from dossier.model import Document, Extraction
    from dossier.store.dedup import enable_dedup, independent_sources

    enable_dedup(store)
    base = " ".join(f"Sentence {i} about the call-up of reservists in the regions." for i in range(20))
    store.add(Extraction(document=Document(text=base, source="a", language="en")))
    store.add(Extraction(document=Document(text="Headline\n\n" + base, source="b", language="en")))
    assert independent_sources(store) == 1
    assert len(enable_dedup(Store(store.target))) == 2
