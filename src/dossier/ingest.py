"""Sources → extraction → store, for many inputs, with a typed report of what happened to each."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dossier.model import Document
from dossier.sources import Rejected, iter_files, read_file
from dossier.store import Store

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    new: int = 0
    unchanged: int = 0
    versions: int = 0
    read: int = 0  # documents read from the inputs so far (extraction may lag behind in batches)
    failed: list[Rejected] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.new + self.versions

    @property
    def ok(self) -> bool:
        return not self.failed


Progress = Callable[[str, IngestReport], None]


def _override(doc: Document, published: str | None, language: str | None) -> Document:
    if published:
        doc.published = published
    if language:
        doc.language = language
    return doc


def ingest_documents(store: Store, items: Iterable[Document | Rejected], report: IngestReport | None = None,
                     *, n_process: int = 1, batch_size: int = 16) -> IngestReport:
    """Store already-read documents (API uploads, feeds) through the same path as `ingest`."""
    from dossier.bulk import store_many
    from dossier.workspace import prepare

    prepare(store)
    return store_many(store, items, n_process=n_process, batch_size=batch_size, report=report)


def ingest(paths: Iterable[str | Path], store: Store, *, published: str | None = None, language: str | None = None,
           progress: Progress | None = None, n_process: int = 1, batch_size: int = 16) -> IngestReport:
    """Ingest every article under `paths` into `store` (deduplicated, claims kept current).

    Texts already stored are skipped before extraction; rejections are recorded in the store too.
    """
    report = IngestReport()

    def items() -> Iterator[Document | Rejected]:
        for f in iter_files(paths):
            if isinstance(f, Rejected):
                yield f
                continue
            before = len(report.failed)
            for item in read_file(f):
                report.read += not isinstance(item, Rejected)
                yield item if isinstance(item, Rejected) else _override(item, published, language)
            if len(report.failed) == before:
                store.clear_rejection(str(f))
            if progress:
                progress(str(f), report)

    return ingest_documents(store, items(), report, n_process=n_process, batch_size=batch_size)


def count_inputs(paths: Iterable[str | Path]) -> int:
    return sum(1 for f in iter_files(paths) if not isinstance(f, Rejected))
