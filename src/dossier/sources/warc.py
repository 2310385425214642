"""WARC archives (CC-NEWS and crawler output): each HTML response record is one article.

Streaming through warcio's ArchiveIterator, which reads gzip member by member, so memory stays
bounded whatever the archive size. The record's target URI becomes the source.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dossier.errors import InputRejected
from dossier.model import Document
from dossier.sources import MAX_BYTES, Item, Rejected, reader
from dossier.sources.decode import decode

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"'")
    return None


def record_document(record: Any, where: str) -> Document:
    """The article in one WARC response record; InputRejected when it holds none."""
    from dossier.sources.html import document_from_html

    http = record.http_headers
    status = http.get_statuscode() if http else None
    if status != "200":
        raise InputRejected("http_status", f"HTTP status {status}, not 200", where=where)
    ctype = (http.get_header("Content-Type") or "").lower()
    if not ctype.startswith(HTML_TYPES):
        raise InputRejected("not_html", f"content type {ctype or 'missing'!r} is not HTML", where=where)
    data = record.content_stream().read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputRejected("too_large", f"response body over the {MAX_BYTES // 2**20} MiB limit", where=where)
    charset = _charset(ctype)
    try:
        html = data.decode(charset) if charset else decode(data, where)
    except (LookupError, UnicodeDecodeError):
        html = decode(data, where)
    url = record.rec_headers.get_header("WARC-Target-URI")
    doc = document_from_html(html, where, url=url)
    doc.source = url or where
    doc.meta["crawled"] = record.rec_headers.get_header("WARC-Date")
    return doc


@reader(".warc", ".warc.gz", ".arc.gz")
def read_warc(path: Path) -> Iterator[Item]:
    """Every HTML response in a (gzipped) WARC file; other record types are skipped silently."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh, arc2warc=True):
                if record.rec_type != "response":
                    continue
                where = record.rec_headers.get_header("WARC-Target-URI") or f"{path}@{fh.tell()}"
                try:
                    yield record_document(record, where)
                except InputRejected as e:
                    yield Rejected(where, e.reason, e.message)
    except ArchiveLoadFailed as e:
        raise InputRejected("warc", f"not a readable WARC file ({e})", where=str(path)) from e
    except OSError as e:
        raise InputRejected("unreadable", e.strerror or str(e), where=str(path)) from e
