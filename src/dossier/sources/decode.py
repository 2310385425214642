"""Bytes → text: encoding detection, binary rejection, normalisation, language guess."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from dossier.errors import InputRejected

_MAGIC = {b"\x89PNG": "a PNG image", b"\x1f\x8b": "gzip data", b"%PDF": "a PDF", b"PK\x03\x04": "a zip archive",
          b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image"}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e"))
_CYR = re.compile(r"[\u0400-\u04FF]")
_LAT = re.compile(r"[A-Za-z]")


def read_bytes(path: Path) -> bytes:
    """A file's bytes; an unreadable file is rejected with the system's reason."""
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputRejected("unreadable", e.strerror or str(e), where=str(path)) from e


def read_decoded(path: Path) -> str:
    """A file's text, decoded as :func:`decode` does."""
    return decode(read_bytes(path), str(path))


def decode(data: bytes, where: str) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else detected (CP1251…)."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputRejected("binary", f"not text: looks like {what}", where=where)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise InputRejected("binary", "not text: holds NUL bytes", where=where)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        utf8_error = e
    if _mostly_utf8(data):
        raise InputRejected("encoding", f"not valid UTF-8: damaged byte at offset {utf8_error.start} in otherwise "
                            "UTF-8 text; repair or re-save the file as UTF-8", where=where)
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1251", "koi8_r", "cp1252", "latin_1"]).best()
    if best is None or best.chaos > 0.2:
        raise InputRejected("encoding", f"not valid UTF-8 (byte {utf8_error.start}) and no other encoding "
                            "fits; save the file as UTF-8", where=where)
    text = str(best)
    if _CYR.search(text) is None and _LAT.search(text) is None:
        raise InputRejected("binary", "not text: no letters after decoding", where=where)
    return text


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few damaged bytes, not a legacy code page: it holds at least as many well-formed
    multi-byte sequences as broken ones. Decoding it as CP1251 would store mojibake (`вЂ”` for `—`)
    as if it were the article, so it is rejected instead. Real CP1251/KOI8 text almost never forms valid
    multi-byte sequences by accident."""
    decoded = data.decode("utf-8", errors="replace")
    broken = decoded.count("\ufffd")
    wellformed = sum(1 for ch in decoded if ord(ch) > 127 and ch != "\ufffd")
    return wellformed >= broken > 0


def clean(text: str) -> str:
    """Normalise a body: NFC, CRLF → LF, zero-width characters and soft hyphens removed.

    Done once at the source so every offset downstream refers to the same string.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_INVISIBLE)


def guess_language(text: str) -> str:
    """'ru' or 'en' from the share of Cyrillic letters.

    The two languages we serve use different scripts, so counting letters is as accurate as a
    statistical detector here and costs nothing; anything that is not mostly Cyrillic is 'en'.
    """
    sample = text[:20000]
    cyr, lat = len(_CYR.findall(sample)), len(_LAT.findall(sample))
    return "ru" if cyr > lat else "en"


def check_body(text: str, where: str) -> str:
    from dossier.sources import MAX_CHARS

    if not text.strip():
        raise InputRejected("empty", "no article text (empty or only whitespace)", where=where)
    if len(text) > MAX_CHARS:
        raise InputRejected("too_large", f"article body is {len(text):,} characters, over the limit of {MAX_CHARS:,}",
                            where=where)
    letters = sum(ch.isalpha() for ch in text[:10000])
    if letters < 0.3 * min(len(text), 10000) and letters < 20:
        raise InputRejected("binary", "not text: too few letters", where=where)
    return text
