"""Readers: one per input format, each turns a path into Documents (or typed rejections).

A reader registers for file suffixes with :func:`reader`; :func:`read_paths` walks files and
directories and dispatches. Nothing here knows about language processing or storage.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dossier.errors import DossierError, InputRejected
from dossier.model import Document

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024  # per input file; a news article is far smaller (limit named in the error)
MAX_CHARS = 2_000_000  # per article body


@dataclass
class Rejected:
    """An input (or one record of it) that holds no usable article, with a typed reason."""

    where: str  # path, path:line, URL…
    reason: str  # short machine-readable reason, e.g. "empty", "binary", "json"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


Item = Document | Rejected
Reader = Callable[[Path], Iterator[Item]]
READERS: dict[str, Reader] = {}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for file name suffixes (lower case, with the dot: ".txt", ".warc.gz")."""

    def register(fn: Reader) -> Reader:
        for s in suffixes:
            READERS[s] = fn
        return fn

    return register


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):  # ".warc.gz" before ".gz"
        if name.endswith(suffix):
            return READERS[suffix]
    return None


def guard(fn: Reader) -> Reader:
    """Turn an InputRejected raised inside a reader into a Rejected item for that file."""

    def wrapped(path: Path) -> Iterator[Item]:
        try:
            yield from fn(path)
        except InputRejected as e:
            yield Rejected(e.where or str(path), e.reason, e.message)

    wrapped.__name__ = fn.__name__
    wrapped.__doc__ = fn.__doc__
    return wrapped


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Rejected]:
    """Expand paths: files as they are, directories recursively (sorted, known suffixes only)."""
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            yield Rejected(str(p), "missing", "no such file or directory")
        elif p.is_dir():
            found = [f for f in sorted(p.rglob("*")) if f.is_file() and reader_for(f)
                     and not any(part.startswith(".") for part in f.relative_to(p).parts)]
            if not found:
                known = ", ".join(sorted(READERS))
                yield Rejected(str(p), "empty_dir", f"directory holds no articles (looked for {known})")
            yield from found
        else:
            yield p


def read_file(path: Path) -> Iterator[Item]:
    fn = reader_for(path) or READERS[".txt"]  # unknown suffix: try it as plain text
    try:
        size = path.stat().st_size
    except OSError as e:
        yield Rejected(str(path), "unreadable", str(e))
        return
    if size > MAX_BYTES and fn is READERS[".txt"]:
        yield Rejected(str(path), "too_large",
                       f"file is {size / 1e6:.1f} MB, over the {MAX_BYTES // (1024 * 1024)} MiB limit per article")
        return
    yield from guard(fn)(path)


def read_paths(paths: Iterable[str | Path]) -> Iterator[Item]:
    """Every Document (or Rejected) found under `paths`, in a stable order."""
    for f in iter_files(paths):
        if isinstance(f, Rejected):
            yield f
        else:
            yield from read_file(f)


def read_one(path: str | Path) -> Document:
    """The single article in `path`; raises DossierError naming the file when there is none."""
    for item in read_paths([path]):
        if isinstance(item, Rejected):
            raise DossierError("E100", item.message, where=item.where)
        return item
    raise DossierError("E100", "no article found", where=str(path))


# register the built-in readers
from dossier.sources import html, jsonl, rss, telegram, text, warc  # noqa: E402,F401
