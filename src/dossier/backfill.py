"""Distributed backfill on Dask: partition inputs, extract on workers, Parquet shards, idempotent load.

    backfill(["archive/"], store, shards="shards/", local=2)            # LocalCluster, 2 processes
    backfill(["archive/"], store, shards="shards/", scheduler="tcp://scheduler:8786")

Each partition (a list of input files) becomes one Parquet shard of extractions, written under a
temporary name and renamed when complete, named after a hash of the partition's files, sizes and
mtimes. A rerun after a crash skips partitions whose shard exists and re-extracts the rest; the
load into the store skips texts already stored. So every article is stored exactly once. Workers
keep the language pipeline loaded between partitions (``pipeline.load`` is cached per process).
Shards must be on storage that the workers and the loading process share (local disk for a
LocalCluster; NFS or a shared volume for a cluster).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dossier.errors import DossierError
from dossier.ingest import IngestReport
from dossier.model import Document, Extraction
from dossier.sources import Rejected, iter_files, read_file
from dossier.store import Store

log = logging.getLogger(__name__)

SHARD_SCHEMA = ("kind", "doc_id", "source", "extraction", "reason", "message")


@dataclass
class Partition:
    index: int
    files: list[str]

    @property
    def key(self) -> str:
        """Changes when any file of the partition changes, so edited inputs are extracted again."""
        h = hashlib.sha256()
        for f in self.files:
            st = os.stat(f)
            h.update(f"{os.path.abspath(f)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        return h.hexdigest()[:16]

    def shard(self, shards: Path) -> Path:
        return shards / f"part-{self.index:05d}-{self.key}.parquet"


@dataclass
class BackfillReport:
    partitions: int = 0
    extracted: int = 0  # partitions extracted in this run (the rest had shards already)
    ingest: IngestReport = field(default_factory=IngestReport)
    missing: list[Rejected] = field(default_factory=list)


def partition(inputs: Iterable[str | Path], files_per_partition: int = 20) -> tuple[list[Partition], list[Rejected]]:
    """Input files in a stable order, grouped; archives (WARC, JSONL, feeds, exports) get their own partition."""
    parts: list[Partition] = []
    missing: list[Rejected] = []
    group: list[str] = []
    for f in iter_files(inputs):
        if isinstance(f, Rejected):
            missing.append(f)
            continue
        if f.name.lower().endswith((".warc", ".warc.gz", ".jsonl", ".ndjson", ".rss", ".atom", "result.json")):
            parts.append(Partition(len(parts), [str(f)]))
            continue
        group.append(str(f))
        if len(group) >= files_per_partition:
            parts.append(Partition(len(parts), group))
            group = []
    if group:
        parts.append(Partition(len(parts), group))
    return parts, missing


def _records(files: list[str]) -> Iterator[dict[str, str | None]]:
    from dossier.extract import extract_many

    docs: list[Document] = []
    for f in files:
        for item in read_file(Path(f)):
            if isinstance(item, Rejected):
                yield {"kind": "rejected", "doc_id": None, "source": item.where, "extraction": None,
                       "reason": item.reason, "message": item.message}
            else:
                docs.append(item)
    failures: list[dict[str, str | None]] = []

    def failed(doc: Document, e: Exception) -> None:
        failures.append({"kind": "rejected", "doc_id": doc.id, "source": doc.source, "extraction": None,
                         "reason": "internal", "message": str(e)})

    for ex in extract_many(docs, on_error=failed):
        yield {"kind": "extraction", "doc_id": ex.document.id, "source": ex.document.source,
               "extraction": ex.to_json(indent=None), "reason": None, "message": None}
    yield from failures


def extract_partition(part: Partition, shards: str) -> str:
    """Runs on a worker: one partition → one Parquet shard (atomic rename). Returns the shard path."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = part.shard(Path(shards))
    if out.exists():
        return str(out)
    rows = list(_records(part.files))
    table = pa.Table.from_pylist(rows, schema=pa.schema([(c, pa.string()) for c in SHARD_SCHEMA]))
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, out)  # a shard is either complete or absent
    return str(out)


def load_shard(store: Store, path: str | Path, report: IngestReport) -> None:
    """Add a shard's extractions to the store; texts already stored are skipped (idempotent)."""
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=256):
        for row in batch.to_pylist():
            if row["kind"] == "rejected":
                r = Rejected(row["source"], row["reason"], row["message"])
                report.failed.append(r)
                store.reject(r.where, r.reason, r.message)
                continue
            if store.has(row["doc_id"]):
                report.unchanged += 1
                continue
            result = store.add(Extraction.from_dict(json.loads(row["extraction"])))
            report.new += result.status == "new"
            report.versions += result.status == "version"
            report.unchanged += result.status == "unchanged"
            report.doc_ids.append(result.doc_id)


def _client(scheduler: str | None, local: int | None):
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=local or 1, threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster


def backfill(inputs: Iterable[str | Path], store: Store, shards: str | Path, *, scheduler: str | None = None,
             local: int | None = None, files_per_partition: int = 20,
             progress: Callable[[int, int], None] | None = None) -> BackfillReport:
    """Extract `inputs` on a Dask cluster (or in this process when `local` is 0) and load the shards.

    Shards are loaded in partition order, whatever order workers finish in, so duplicate links and
    versions come out exactly as a single-process run would make them.
    """
    from dossier.workspace import prepare

    shards = Path(shards)
    shards.mkdir(parents=True, exist_ok=True)
    parts, missing = partition(inputs, files_per_partition)
    report = BackfillReport(partitions=len(parts), missing=missing)
    report.ingest.failed += missing
    todo = [p for p in parts if not p.shard(shards).exists()]
    report.extracted = len(todo)
    if todo and local == 0 and not scheduler:
        for i, p in enumerate(todo, 1):
            extract_partition(p, str(shards))
            if progress:
                progress(i, len(todo))
    elif todo:
        _run_on_dask(todo, shards, scheduler, local, progress)
    prepare(store)
    for p in parts:
        load_shard(store, p.shard(shards), report.ingest)
    return report


def _run_on_dask(todo: list[Partition], shards: Path, scheduler: str | None, local: int | None,
                 progress: Callable[[int, int], None] | None) -> None:
    from dask.distributed import as_completed

    client, cluster = _client(scheduler, local)
    try:
        futures = [client.submit(extract_partition, p, str(shards.resolve()), key=f"dossier-part-{p.key}", pure=False)
                   for p in todo]
        for i, fut in enumerate(as_completed(futures), 1):
            fut.result()  # re-raises a worker error here, naming the partition below
            if progress:
                progress(i, len(todo))
    except Exception as e:
        raise DossierError("E500", f"backfill failed on the cluster: {type(e).__name__}: {e}") from e
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
