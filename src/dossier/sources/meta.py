"""Normalising metadata values that every reader receives in many shapes."""
from __future__ import annotations

import datetime as dt
import re

from dossier.errors import InputRejected

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def normalise_date(value: str | None, where: str) -> str | None:
    """An ISO date (YYYY-MM-DD, or coarser when that is all we have) or None.

    Accepts ISO dates and timestamps, RFC 2822 (feeds) and day-first numeric dates (17.03.2023).
    """
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    m = _ISO.match(value)
    if m:
        y, mo, d = m.groups()
        try:
            dt.date(int(y), int(mo or 1), int(d or 1))
        except ValueError:
            raise InputRejected("metadata", f"publication date {value!r} is not a calendar date", where=where)
        return "-".join(x for x in (y, mo, d) if x)
    m = re.match(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$", value)
    if m:
        d, mo, y = map(int, m.groups())
        return dt.date(y, mo, d).isoformat()
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        pass
    import dateparser

    parsed = dateparser.parse(value, languages=["en", "ru"], settings={"STRICT_PARSING": True})
    if parsed is None:
        raise InputRejected("metadata", f"publication date {value!r} is not a date I can read "
                            "(use YYYY-MM-DD)", where=where)
    return parsed.date().isoformat()


def normalise_language(value: str | None, where: str) -> str | None:
    if value is None or not str(value).strip():
        return None
    v = str(value).strip().lower()[:2]
    if v not in ("en", "ru"):
        raise InputRejected("metadata", f"language {value!r} is not supported (en or ru)", where=where)
    return v
