"""Documents → batched extraction → store, for the bulk paths (watch, backfill, benchmarks).

Texts already stored are skipped before extraction (the id is the text's sha256), so a rerun after
a crash only pays for what is missing, and each article is stored exactly once.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from dossier.errors import DossierError
from dossier.extract import extract_many
from dossier.ingest import IngestReport
from dossier.model import Document, validate
from dossier.sources import Rejected
from dossier.store import Store

log = logging.getLogger(__name__)


def _unstored(store: Store, items: Iterable[Document | Rejected], report: IngestReport) -> Iterator[Document]:
    for item in items:
        if isinstance(item, Rejected):
            report.failed.append(item)
            store.reject(item.where, item.reason, item.message)
        elif store.has(item.id):
            report.unchanged += 1
            report.doc_ids.append(item.id)
        else:
            yield item


def store_many(store: Store, items: Iterable[Document | Rejected], *, n_process: int = 1, batch_size: int = 16,
               report: IngestReport | None = None) -> IngestReport:
    """Extract and store documents in batches; rejections and extraction failures are recorded, never raised."""
    report = report or IngestReport()

    def failed(doc: Document, e: Exception) -> None:
        log.error("%s: extraction failed: %s", doc.source, e)
        report.failed.append(Rejected(doc.source, "internal", str(e)))
        store.reject(doc.source, "internal", str(e))

    docs = _unstored(store, items, report)
    for ex in extract_many(docs, batch_size=batch_size, n_process=n_process, on_error=failed):
        try:
            result = store.add(validate(ex))
        except DossierError as e:  # a contract breach in one article must not stop the batch
            failed(ex.document, e)
            continue
        report.doc_ids.append(result.doc_id)
        if result.status == "new":
            report.new += 1
        elif result.status == "version":
            report.versions += 1
        else:
            report.unchanged += 1
    return report
