"""Batch extraction: same results as one-by-one, input order kept, across languages and processes."""
from __future__ import annotations

import pytest
from scale_fixtures import article

from dossier.extract import extract, extract_many
from dossier.model import Document, validate


def corpus(n: int) -> list[Document]:
    return [Document(text=article(i, "ru" if i % 3 == 0 else "en"), source=f"doc{i}") for i in range(n)]


def test_batches_equal_single_extraction_and_keep_order() -> None:
    docs = corpus(7)
    batched = list(extract_many(docs, batch_size=3))
    assert [x.document.source for x in batched] == [d.source for d in docs]
    assert [x.document.language for x in batched] == ["ru", "en", "en", "ru", "en", "en", "ru"]
    single = [extract(Document(text=d.text, source=d.source)) for d in docs]
    assert [x.to_dict() for x in batched] == [validate(x).to_dict() for x in single]


def test_two_processes_equal_one() -> None:
    docs = corpus(6)
    one = [x.to_dict() for x in extract_many(docs, batch_size=2)]
    two = [x.to_dict() for x in extract_many(corpus(6), batch_size=2, n_process=2)]
    assert one == two


def test_a_failing_document_is_reported_and_the_rest_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.extract as mod

    real = mod.to_extraction

    def flaky(document, doc):
        if document.source == "doc1":
            raise RuntimeError("component bug")
        return real(document, doc)

    monkeypatch.setattr(mod, "to_extraction", flaky)
    failed: list[str] = []
    out = list(extract_many(corpus(4), batch_size=4, on_error=lambda d, e: failed.append(d.source)))
    assert [x.document.source for x in out] == ["doc0", "doc2", "doc3"]
    assert failed == ["doc1"]
    with pytest.raises(Exception, match="component bug"):
        list(extract_many(corpus(2), batch_size=2))
