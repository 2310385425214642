"""Open a store with every layer that keeps derived data current as documents arrive.

The store itself knows only documents and spans; deduplication (``store.dedup``) and claims
(``store.claims``) register hooks that run inside each document's transaction. Every front end
(CLI, web, watch, backfill) opens stores through here so that no path forgets one of them.
"""
from __future__ import annotations

from pathlib import Path

from dossier.store import Store


def prepare(store: Store) -> Store:
    """Attach deduplication, then claims (claims read the duplicate links). Idempotent."""
    from dossier.store.claims import attach
    from dossier.store.dedup import enable_dedup

    enable_dedup(store)
    attach(store)
    return store


def open_store(target: str | Path) -> Store:
    return prepare(Store(target))
