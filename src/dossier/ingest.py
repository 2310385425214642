"""Sources → extraction → store, for many inputs, with a typed report of what happened to each."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dossier.errors import DossierError
from dossier.extract import extract
from dossier.model import Document, validate
from dossier.sources import Rejected, iter_files, read_file
from dossier.store import Store

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    new: int = 0
    unchanged: int = 0
    versions: int = 0
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


def ingest_document(store: Store, doc: Document, report: IngestReport) -> None:
    """Extract and store one document; failures become Rejected entries, never partial rows."""
    if store.has(doc.id):  # same text already stored: nothing to extract
        report.unchanged += 1
        report.doc_ids.append(doc.id)
        return
    try:
        ex = validate(extract(doc))
        result = store.add(ex)
    except DossierError as e:
        report.failed.append(Rejected(doc.source, e.code, e.message))
        return
    except Exception as e:  # an extractor bug must not stop a batch of thousands
        log.exception("extraction failed for %s", doc.source)
        report.failed.append(Rejected(doc.source, "internal", f"{type(e).__name__}: {e}"))
        return
    report.doc_ids.append(result.doc_id)
    if result.status == "new":
        report.new += 1
    elif result.status == "version":
        report.versions += 1
    else:
        report.unchanged += 1


def ingest(paths: Iterable[str | Path], store: Store, *, published: str | None = None, language: str | None = None,
           progress: Progress | None = None) -> IngestReport:
    """Ingest every article under `paths` into `store`. Rejections are recorded in the store too."""
    report = IngestReport()
    for f in iter_files(paths):
        if isinstance(f, Rejected):
            report.failed.append(f)
            store.reject(f.where, f.reason, f.message)
            continue
        before = len(report.failed)
        for item in read_file(f):
            if isinstance(item, Rejected):
                report.failed.append(item)
                store.reject(item.where, item.reason, item.message)
            else:
                ingest_document(store, _override(item, published, language), report)
        if len(report.failed) == before:
            store.clear_rejection(str(f))
        if progress:
            progress(str(f), report)
    return report


def count_inputs(paths: Iterable[str | Path]) -> int:
    return sum(1 for f in iter_files(paths) if not isinstance(f, Rejected))
