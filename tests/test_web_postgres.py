"""The JSON API tests again, over a real PostgreSQL server the tests start themselves."""
from __future__ import annotations

import pytest
from pg_server import pg_bin, postgres_server, reset

from dossier.store import Store
from test_web_api import *  # noqa: F401,F403  (the same tests, collected here with the PostgreSQL store)
from webseed import seed_articles

pytestmark = [pytest.mark.slow, pytest.mark.postgres,
              pytest.mark.skipif(pg_bin() is None, reason="PostgreSQL binaries not installed")]


@pytest.fixture(scope="module")
def store():
    with postgres_server() as url:
        reset(url)
        s = Store(url)
        for ex in seed_articles():
            s.add(ex)
        yield s
        s.close()
