"""A memo of read-query results that lives as long as the store does not change.

The store only changes by adding documents, so a token of (number of documents, latest ingest
time) — one indexed query, ~1 ms — tells when every cached answer is stale. Aggregates over
10k+ documents (regions, timeline, speakers) then cost one token check on repeat views. Hand-written:
functools.lru_cache cannot be invalidated by an external token.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from dossier.store import Store, queries

T = TypeVar("T")


class QueryCache:
    def __init__(self, store: Store, *, enabled: bool = True, size: int = 512) -> None:
        self.store, self.enabled, self.size = store, enabled, size
        self._token: object = None
        self._items: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()

    def token(self) -> object:
        return queries.state(self.store)

    def call(self, fn: Callable[..., T], *args: Any, token: object = None, **kwargs: Any) -> T:
        """`fn(self.store, *args, **kwargs)`, from the cache when the store has not changed since.
        `token` (from :meth:`token`) lets one request check the store's state once for many calls."""
        if not self.enabled:
            return fn(self.store, *args, **kwargs)
        token = token if token is not None else queries.state(self.store)
        key = (fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())))
        with self._lock:
            if token != self._token:
                self._items.clear()
                self._token = token
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = fn(self.store, *args, **kwargs)
        with self._lock:
            if token == self._token:
                self._items[key] = value
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return value
