"""HTML pages: main text and metadata through trafilatura (boilerplate, menus and footers dropped)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from dossier.errors import InputRejected
from dossier.model import Document
from dossier.sources import Item, reader
from dossier.sources.decode import read_decoded
from dossier.sources.text import document_from_text

MIN_WORDS = 10


def document_from_html(html: str, where: str, url: str | None = None) -> Document:
    """The article in an HTML page; InputRejected when the page holds no article text."""
    import trafilatura

    out = trafilatura.extract(html, output_format="json", with_metadata=True, include_comments=False,
                              url=url, favor_precision=True)
    if not out:
        raise InputRejected("no_article", "HTML page holds no article text", where=where)
    meta = json.loads(out)
    text = meta.get("text") or ""
    words = len(text.split())
    if words < MIN_WORDS:  # menus and link lists come through as a few words
        raise InputRejected("no_article", f"HTML page holds no article text (only {words} word{'' if words == 1 else 's'} "
                            "outside navigation)", where=where)
    title = meta.get("title")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"  # keep the headline in the body: places in it count
    return document_from_text(text, where, title=title, published=meta.get("date"),
                              url=url or meta.get("source") or meta.get("url"),
                              outlet=meta.get("sitename") or meta.get("hostname"))


@reader(".html", ".htm", ".xhtml")
def read_html(path: Path) -> Iterator[Item]:
    yield document_from_html(read_decoded(path), str(path))
