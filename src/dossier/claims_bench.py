"""Claims scaling benchmark: ingest clusters of near-copies and time each document's hooks.

    dossier bench --claims 1000        # or dossier.claims_bench.claims_bench((1000, 2000))

A wire story republished by many outlets is the worst case for the claims layer: every copy lands
in the same (type, place) claims. Documents are generated (no NLP, see :mod:`dossier.web.bench`):
clusters of ``cluster`` near-copies (the same text plus a short outlet line, each from its own
outlet), all reporting summonses in the same four regions on the same day, so each claim grows to
about half the corpus. Each size runs on a fresh store with dedup and claims attached
(:func:`dossier.workspace.prepare`), through ``Store.add`` exactly as an ingest does. With
independence read from ``documents.duplicate_of`` the time per document should stay roughly flat
as the corpus grows; pairwise text comparison made it grow with the claim size.
"""
from __future__ import annotations

import random
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from dossier.model import Document, Extraction

REGIONS = ["RU-SVE", "RU-MOW", "RU-SPE", "RU-CHE"]


@dataclass
class ClaimsRun:
    documents: int
    seconds: float
    independent: int  # independent sources of the largest claim
    sources: int  # sources of the largest claim

    @property
    def ms_per_doc(self) -> float:
        return 1000 * self.seconds / self.documents


def corpus(n_docs: int, cluster: int = 50, seed: int = 11) -> list[Extraction]:
    """`n_docs` extractions in clusters of `cluster` near-copies (see the module docstring)."""
    from dossier.web.bench import _doc

    rng = random.Random(seed)
    out: list[Extraction] = []
    base: Extraction | None = None
    for i in range(n_docs):
        if i % cluster == 0:
            base = _doc(i, rng, REGIONS)
            for ev in base.events:
                ev.type, ev.date = "summons", "2023-03-14"
        assert base is not None
        text = base.text + f" Published by outlet {i}."  # appended: every span offset stays valid
        doc = replace(base.document, text=text, outlet=f"Outlet {i}", source=f"claims-bench:{i}",
                      published="2023-03-14")
        out.append(replace(base, document=Document(**{**doc.__dict__})))
    return out


def run(n_docs: int, cluster: int = 50, db: str | None = None) -> ClaimsRun:
    """Ingest `n_docs` generated documents into a fresh store; seconds spent in ``Store.add``."""
    from dossier.store import Store
    from dossier.store.claims import list_claims
    from dossier.workspace import prepare

    docs = corpus(n_docs, cluster)
    with tempfile.TemporaryDirectory(prefix="dossier-claims-bench-") as tmp:
        store = prepare(Store(db or str(Path(tmp) / "claims.db")))
        t0 = time.perf_counter()
        for ex in docs:
            store.add(ex)
        seconds = time.perf_counter() - t0
        biggest = max(list_claims(store, limit=1000), key=lambda c: len(c.sources))
        store.close()
    return ClaimsRun(n_docs, seconds, biggest.independent_sources, len(biggest.sources))


def claims_bench(sizes: tuple[int, ...] = (500, 1000), cluster: int = 50) -> list[ClaimsRun]:
    return [run(n, cluster) for n in sizes]


if __name__ == "__main__":
    import sys

    for r in claims_bench(tuple(int(a) for a in sys.argv[1:]) or (500, 1000)):
        print(f"{r.documents:6d} docs  {r.seconds:7.1f} s  {r.ms_per_doc:7.1f} ms/doc  "
              f"largest claim {r.sources} sources, {r.independent} independent")
