"""What `dossier watch` remembers between polls: each feed's validators and the entries already handled."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Column, MetaData, String, Table, Text, delete, insert, select

from dossier.store import Store

metadata = MetaData()
feed_state = Table(
    "feed_state", metadata,
    Column("feed", Text, primary_key=True), Column("etag", Text), Column("last_modified", Text),
    Column("checked_at", String(32)),
)
feed_entries = Table(
    "feed_entries", metadata,
    Column("feed", Text, primary_key=True), Column("uid", Text, primary_key=True), Column("link", Text),
    Column("at", String(32)),
)


@dataclass
class FeedState:
    feed: str
    etag: str | None = None
    last_modified: str | None = None


def _ready(store: Store) -> None:
    if not getattr(store, "_feeds_ready", False):
        metadata.create_all(store.engine)
        store._feeds_ready = True  # type: ignore[attr-defined]


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def load_state(store: Store, feed: str) -> FeedState:
    _ready(store)
    with store.engine.connect() as conn:
        row = conn.execute(select(feed_state).where(feed_state.c.feed == feed)).first()
    return FeedState(feed, row.etag, row.last_modified) if row else FeedState(feed)


def save_state(store: Store, state: FeedState) -> None:
    _ready(store)
    with store.engine.begin() as conn:
        conn.execute(delete(feed_state).where(feed_state.c.feed == state.feed))
        conn.execute(insert(feed_state).values(feed=state.feed, etag=state.etag, last_modified=state.last_modified,
                                               checked_at=_now()))


def seen(store: Store, feed: str, uid: str) -> bool:
    _ready(store)
    with store.engine.connect() as conn:
        return conn.execute(select(feed_entries.c.uid).where(feed_entries.c.feed == feed,
                                                             feed_entries.c.uid == uid)).first() is not None


def mark_seen(store: Store, feed: str, uid: str, link: str | None) -> None:
    _ready(store)
    with store.engine.begin() as conn:
        if not conn.execute(select(feed_entries.c.uid).where(feed_entries.c.feed == feed,
                                                             feed_entries.c.uid == uid)).first():
            conn.execute(insert(feed_entries).values(feed=feed, uid=uid, link=link, at=_now()))
