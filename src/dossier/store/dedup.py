"""Persisted MinHash signatures and the ``documents.duplicate_of`` link (see :mod:`dossier.dedup`).

Signatures live in their own table so a new run rebuilds its LSH index by reading them (linear,
no re-hashing of texts). :func:`enable_dedup` registers a store hook that links each new document
inside the transaction that writes it, so a crash never leaves a document without its link.
"""
from __future__ import annotations

import logging

import numpy as np
from datasketch import MinHash
from sqlalchemy import Column, Connection, LargeBinary, MetaData, String, Table, func, insert, select, update

from dossier.dedup import NUM_PERM, SCHEME, DedupIndex, signature, text_hash
from dossier.model import Extraction
from dossier.store import Store, schema

log = logging.getLogger(__name__)

metadata = MetaData()
signatures = Table(
    "doc_signatures", metadata,
    Column("doc_id", String(64), primary_key=True),
    Column("text_hash", String(64), nullable=False, index=True),
    Column("minhash", LargeBinary, nullable=False, comment=f"{NUM_PERM} uint64 MinHash values"),
)


def _to_bytes(sig: MinHash) -> bytes:
    return sig.hashvalues.astype("<u8").tobytes()


def _from_bytes(raw: bytes) -> MinHash:
    values = np.frombuffer(raw, dtype="<u8").astype(np.uint64)
    return MinHash(num_perm=len(values), hashvalues=values, scheme=SCHEME)


class DedupHook:
    """Store hook: link a new document to the cluster it joins and remember its signature."""

    def __init__(self, index: DedupIndex) -> None:
        self.index = index

    def __call__(self, store: Store, conn: Connection, ex: Extraction, doc_id: str) -> None:
        text = ex.text
        sig = signature(text, self.index.num_perm)
        match = self.index.find(text, sig)
        if match and match.doc_id != doc_id:
            conn.execute(update(schema.documents).where(schema.documents.c.id == doc_id)
                         .values(duplicate_of=match.doc_id))
            log.info("%s: %s duplicate of %s (%.2f)", ex.document.source, match.kind, match.doc_id[:12],
                     match.similarity)
        conn.execute(insert(signatures).values(doc_id=doc_id, text_hash=text_hash(text), minhash=_to_bytes(sig)))
        # indexed now; if the transaction rolls back, a later re-add is found as "exact" of itself and skipped
        self.index.add(doc_id, text, sig, duplicate_of=match.doc_id if match and match.doc_id != doc_id else None)


def load_index(store: Store, threshold: float | None = None) -> DedupIndex:
    """An index of every stored document, oldest first; documents without a signature get one."""
    index = DedupIndex(**({"threshold": threshold} if threshold is not None else {}))
    metadata.create_all(store.engine)
    d, s = schema.documents, signatures
    stmt = (select(d.c.id, d.c.duplicate_of, s.c.minhash, s.c.text_hash)
            .select_from(d.outerjoin(s, s.c.doc_id == d.c.id)).order_by(d.c.ingested_at, d.c.id))
    missing: list[str] = []
    with store.engine.connect() as conn:
        for row in conn.execution_options(yield_per=1000).execute(stmt):
            if row.minhash is None:
                missing.append(row.id)
                continue
            _add_known(index, row.id, row.text_hash, _from_bytes(row.minhash), row.duplicate_of)
    for doc_id in missing:  # documents stored before dedup was enabled
        _backfill_signature(store, index, doc_id)
    return index


def _add_known(index: DedupIndex, doc_id: str, h: str, sig: MinHash, duplicate_of: str | None) -> None:
    index.root[doc_id] = index.root.get(duplicate_of, duplicate_of) if duplicate_of else doc_id
    index.exact.setdefault(h, doc_id)
    index.signatures[doc_id] = sig
    index.lsh.insert(doc_id, sig)


def _backfill_signature(store: Store, index: DedupIndex, doc_id: str) -> None:
    d = schema.documents
    with store.engine.begin() as conn:
        row = conn.execute(select(d.c.text, d.c.duplicate_of).where(d.c.id == doc_id)).one()
        sig = signature(row.text, index.num_perm)
        match = None if row.duplicate_of else index.find(row.text, sig)
        dup = row.duplicate_of or (match.doc_id if match else None)
        if dup and not row.duplicate_of:
            conn.execute(update(d).where(d.c.id == doc_id).values(duplicate_of=dup))
        conn.execute(insert(signatures).values(doc_id=doc_id, text_hash=text_hash(row.text), minhash=_to_bytes(sig)))
    index.add(doc_id, row.text, sig, duplicate_of=dup)


def enable_dedup(store: Store, threshold: float | None = None) -> DedupIndex:
    """Load the index from `store` and link every document added from now on. Idempotent per store."""
    for hook in store.hooks:
        if isinstance(hook, DedupHook):
            return hook.index
    index = load_index(store, threshold)
    store.hooks.insert(0, DedupHook(index))  # first: the claims hook reads the duplicate_of link it sets
    return index


def independent_sources(store: Store) -> int:
    """Documents counted once per duplicate cluster (what the claims layer should count)."""
    d = schema.documents
    with store.engine.connect() as conn:
        return conn.execute(select(func.count(func.distinct(func.coalesce(d.c.duplicate_of, d.c.id))))).scalar_one()
