"""Plain-text articles: optional ``KEY: value`` header block, then the body."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from dossier.model import Document
from dossier.sources import Item, reader
from dossier.sources.decode import check_body, clean, guess_language, read_decoded
from dossier.sources.meta import normalise_date, normalise_language

HEADER_KEYS = {"URL", "TITLE", "DATE", "LANG", "LANGUAGE", "SOURCE", "OUTLET", "PUBLISHED"}
_HEADER_LINE = re.compile(r"^([A-Z_]{2,12}):[ \t]*(.*)$")


def split_header(raw: str) -> tuple[dict[str, str], str]:
    """Split a leading ``KEY: value`` block (ended by a blank line) from the body.

    Only known keys count, so a body that opens with "NOTE: …" prose is left alone.
    """
    lines = raw.split("\n")
    meta: dict[str, str] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if meta:
                return meta, "\n".join(lines[i + 1:])
            break
        m = _HEADER_LINE.match(line)
        if not m or m.group(1) not in HEADER_KEYS:
            break
        meta[m.group(1)] = m.group(2).strip()
    return {}, raw


def first_line_title(body: str) -> str | None:
    """A short first line without final punctuation is the title (it stays in the body)."""
    first = body.lstrip().split("\n", 1)[0].strip()
    if first and len(first) <= 200 and "\n" in body.strip() and first[-1] not in ".!?…:;,\"»”":
        return first
    return None


def document_from_text(raw: str, where: str, *, title: str | None = None, published: str | None = None,
                       language: str | None = None, url: str | None = None, outlet: str | None = None) -> Document:
    """Build a Document from text that may carry a header block; header values fill what callers left None."""
    meta, body = split_header(clean(raw))
    body = body.strip("\n")
    check_body(body, where)
    body_lang = normalise_language(language or meta.get("LANG") or meta.get("LANGUAGE"), where)
    return Document(
        text=body, source=where,
        title=title or meta.get("TITLE") or first_line_title(body),
        published=normalise_date(published or meta.get("DATE") or meta.get("PUBLISHED"), where),
        language=body_lang or guess_language(body),
        url=url or meta.get("URL"), outlet=outlet or meta.get("SOURCE") or meta.get("OUTLET"))


@reader(".txt", ".text")
def read_text(path: Path) -> Iterator[Item]:
    """A UTF-8/UTF-16/CP1251 text file holding one article."""
    yield document_from_text(read_decoded(path), str(path))
