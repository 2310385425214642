"""Text in, contract out: run the language pipeline on Documents and assemble Extractions."""
from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult

from spacy.tokens import Doc

from dossier.errors import DossierError
from dossier.model import Document, Extraction
from dossier.nlp import pipeline
from dossier.sources.decode import guess_language

log = logging.getLogger(__name__)

OnError = Callable[[Document, Exception], None]


def make_doc(document: Document) -> Doc:
    """Tokenise `document` and attach what components must know before they run."""
    lang = document.language or guess_language(document.text)
    document.language = lang
    doc = pipeline.load(lang).make_doc(document.text)
    doc._.meta = {"published": document.published, "language": lang, "title": document.title,
                  "source": document.source, "outlet": document.outlet}
    return doc


def to_extraction(document: Document, doc: Doc) -> Extraction:
    if doc.text != document.text:
        raise DossierError("E202", "tokeniser changed the text; offsets would not match", where=document.source)
    index = doc._.entities
    return Extraction(document=document, entities=list(index.items) if index else [],
                      places=doc._.places or [], quotes=doc._.quotes or [],
                      quantities=doc._.quantities or [], dates=doc._.dates or [], events=doc._.events or [])


def extract(document: Document) -> Extraction:
    """The extraction of one article."""
    doc = make_doc(document)
    nlp = pipeline.load(document.language or "en")
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return to_extraction(document, doc)


def extract_batch(documents: list[Document], on_error: OnError | None = None) -> list[Extraction]:
    """Extractions of `documents` in input order, each language run through ``nlp.pipe`` once.

    With `on_error`, a document that breaks a component is reported to it and left out (the rest of
    the batch is re-run one by one); without it, the error propagates naming the document.
    """
    by_lang: dict[str, list[int]] = {}
    docs = [make_doc(d) for d in documents]  # sets document.language
    for i, d in enumerate(documents):
        by_lang.setdefault(d.language or "en", []).append(i)
    out: list[Extraction | None] = [None] * len(documents)
    try:
        for lang, idxs in by_lang.items():
            piped = pipeline.load(lang).pipe((docs[i] for i in idxs), batch_size=len(idxs))
            for i, doc in zip(idxs, piped):
                out[i] = to_extraction(documents[i], doc)
    except Exception as e:
        if len(documents) == 1:
            if on_error is None:
                raise DossierError("E203", f"extraction failed: {type(e).__name__}: {e}",
                                   where=documents[0].source) from e
            on_error(documents[0], e)
            return []
        return [x for d in documents for x in extract_batch([d], on_error)]
    return [x for x in out if x is not None]


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for d in documents:
        batch.append(d)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _worker_batch(documents: list[Document]) -> tuple[list[Extraction], list[tuple[str, str]]]:
    """Runs in a pool worker: failures travel back as (source, message) since exceptions may not pickle."""
    failed: list[tuple[str, str]] = []
    done = extract_batch(documents, lambda d, e: failed.append((d.source, f"{type(e).__name__}: {e}")))
    return done, failed


def extract_many(documents: Iterable[Document], batch_size: int = 16, n_process: int = 1,
                 on_error: OnError | None = None) -> Iterator[Extraction]:
    """Extractions in input order, streaming: at most ``2 × n_process`` batches are in memory at once.

    `n_process` > 1 runs batches in a process pool of the platform's default start method (fork on
    Linux, like spaCy's own ``n_process``), so workers share a model the parent already loaded.
    We pool whole batches rather than pass ``n_process`` to ``nlp.pipe`` because spaCy ships
    results back through ``Doc.to_bytes``, which cannot carry our components' dataclasses.
    """
    if n_process <= 1:
        for batch in _batches(documents, batch_size):
            yield from extract_batch(batch, on_error)
        return
    with multiprocessing.Pool(n_process) as pool:
        pending: deque[tuple[list[Document], AsyncResult]] = deque()
        for batch in _batches(documents, batch_size):
            pending.append((batch, pool.apply_async(_worker_batch, (batch,))))
            if len(pending) >= 2 * n_process:
                yield from _collect(*pending.popleft(), on_error)
        while pending:
            yield from _collect(*pending.popleft(), on_error)


def _collect(batch: list[Document], result: AsyncResult, on_error: OnError | None) -> Iterator[Extraction]:
    done, failed = result.get()
    by_source = {d.source: d for d in batch}
    for source, message in failed:
        err = DossierError("E203", f"extraction failed: {message}", where=source)
        if on_error is None:
            raise err
        on_error(by_source[source], err)
    yield from done
