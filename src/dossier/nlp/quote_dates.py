"""When a quote was said: a date in the words around it ("Speaking to reporters on March 15, …").

Uses the dates component's ``doc._.dates`` when it has run; otherwise a small month-name fallback
resolved against the publication date (or the latest explicit year before the quote). Dates inside the
quoted words are what the speaker talks about, not when they spoke, so they are ignored.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

_MONTHS = {m: i + 1 for i, m in enumerate(("january february march april may june july august september october "
                                            "november december").split())}
_RU_MONTHS = {m: i + 1 for i, m in enumerate(("январ феврал март апрел ма июн июл август сентябр октябр ноябр "
                                               "декабр").split())}
_EN = re.compile(r"\b(?:on\s+)?(" + "|".join(_MONTHS) + r")\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?", re.I)
_RU = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_RU_MONTHS) + r")[а-я]*\b(?:\s+(\d{4}))?", re.I)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def _year(doc: Doc, text: str, month: int) -> int | None:
    published = (doc._.meta or {}).get("published") if doc.has_extension("meta") else None
    if published and re.match(r"^\d{4}", published):
        year = int(published[:4])
        if len(published) >= 7 and month > int(published[5:7]):
            year -= 1  # "on March 15" in a February article is last year's March
        return year
    years = [int(m.group()) for m in _YEAR.finditer(text)]
    return max(years) if years else None  # the design's rule: the latest explicit year in the text


def quote_date(doc: Doc, frame: tuple[int, int], quote: tuple[int, int], text: str | None = None) -> str | None:
    """ISO date of the speech act told in `frame` (outside the `quote` span), or None. Pass the Doc's
    `text` when calling per quote: Doc.text joins every token anew."""
    text = doc.text if text is None else text
    outside = [(frame[0], min(frame[1], quote[0])), (max(frame[0], quote[1]), frame[1])]
    for ref in doc._.dates or []:
        if ref.value and ref.precision == "day" and any(s <= ref.start and ref.end <= e for s, e in outside):
            return ref.value
    for s, e in outside:
        chunk = text[s:e]
        for m in _EN.finditer(chunk):
            month, day = _MONTHS[m.group(1).lower()], int(m.group(2))
            year = int(m.group(3)) if m.group(3) else _year(doc, text, month)
            if year and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
        for m in _RU.finditer(chunk):
            stem = next(k for k in _RU_MONTHS if m.group(2).lower().startswith(k))
            month, day = _RU_MONTHS[stem], int(m.group(1))
            year = int(m.group(3)) if m.group(3) else _year(doc, text, month)
            if year and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None
