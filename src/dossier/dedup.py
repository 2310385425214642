"""Exact and near-duplicate detection, so a wire story republished by ten outlets counts once.

Exact: sha256 of the normalised word sequence (case, punctuation and spacing ignored). Near:
MinHash signatures of word 5-shingles in a datasketch LSH index, which finds candidates in
constant expected time per document, so deduplicating a corpus is linear in its size. Every
document is still stored (once per outlet); the link ``documents.duplicate_of`` points to the
earliest stored document of its cluster, and the claims layer counts a cluster as one source.
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from datasketch import MinHash, MinHashLSH

from dossier.model import Document

if TYPE_CHECKING:
    from dossier.store import Store

log = logging.getLogger(__name__)

NUM_PERM = 128
THRESHOLD = 0.7  # estimated Jaccard of 5-shingles; reposts with a new headline/byline stay above it
SHINGLE = 5
SCHEME = "affine32"  # pinned: stored signatures must keep their meaning across datasketch releases
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Match:
    doc_id: str
    kind: str  # "exact" | "near"
    similarity: float


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def text_hash(text: str) -> str:
    """Hash of the normalised text: equal for copies that differ only in case, punctuation or spacing."""
    return hashlib.sha256(" ".join(words(text)).encode("utf-8")).hexdigest()


def signature(text: str, num_perm: int = NUM_PERM) -> MinHash:
    toks = words(text)
    shingles = {" ".join(toks[i:i + SHINGLE]) for i in range(max(1, len(toks) - SHINGLE + 1))}
    m = MinHash(num_perm=num_perm, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


class DedupIndex:
    """In-memory exact + LSH index over documents seen so far (or loaded from a store)."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.threshold, self.num_perm = threshold, num_perm
        self.exact: dict[str, str] = {}
        # recall-weighted bands: a missed repost costs more than a candidate the exact Jaccard check drops
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=(0.1, 0.9))
        self.signatures: dict[str, MinHash] = {}
        self.root: dict[str, str] = {}  # doc id → the earliest document of its cluster

    def __len__(self) -> int:
        return len(self.signatures)

    def find(self, text: str, sig: MinHash | None = None) -> Match | None:
        """The earliest indexed document `text` duplicates, or None."""
        h = text_hash(text)
        if h in self.exact:
            return Match(self.root[self.exact[h]], "exact", 1.0)
        sig = sig or signature(text, self.num_perm)
        best: tuple[float, str] | None = None
        for cand in self.lsh.query(sig):
            sim = sig.jaccard(self.signatures[cand])
            if sim >= self.threshold and (best is None or (sim, cand) > best):
                best = (sim, cand)
        return Match(self.root[best[1]], "near", round(best[0], 3)) if best else None

    def add(self, doc_id: str, text: str, sig: MinHash | None = None, duplicate_of: str | None = None) -> Match | None:
        """Index a document; returns what it duplicates (computed unless `duplicate_of` is known)."""
        if doc_id in self.signatures:
            return None
        sig = sig or signature(text, self.num_perm)
        match = None if duplicate_of else self.find(text, sig)
        root = duplicate_of or (match.doc_id if match else doc_id)
        self.root[doc_id] = self.root.get(root, root)
        self.exact.setdefault(text_hash(text), doc_id)
        self.signatures[doc_id] = sig
        self.lsh.insert(doc_id, sig)
        return match


def near_duplicate_of(index: DedupIndex | Store, document: Document) -> str | None:
    """The id of an indexed (or stored) document that `document` (nearly) repeats, not counting itself.

    Given a Store, its index is loaded once and dedup is enabled on it (see store.dedup.enable_dedup).
    """
    if not isinstance(index, DedupIndex):
        from dossier.store.dedup import enable_dedup

        index = enable_dedup(index)
    match = index.find(document.text)
    return match.doc_id if match and match.doc_id != document.id else None
