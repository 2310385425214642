"""RSS and Atom feeds (feedparser): one Document per entry that carries article text.

A feed file read from disk gives the text the feed embeds (``content:encoded`` or the summary);
:mod:`dossier.watch` instead follows each entry's link and extracts the full page. Both share
:func:`parse_feed`, so entry metadata (title, link, date) is read the same way everywhere.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dossier.errors import InputRejected
from dossier.model import Document
from dossier.sources import Item, Rejected, reader
from dossier.sources.decode import read_bytes
from dossier.sources.text import document_from_text

log = logging.getLogger(__name__)

MIN_ENTRY_CHARS = 200  # a teaser shorter than this is not an article; watch fetches the page instead


@dataclass
class Entry:
    """What a feed says about one article."""

    link: str | None
    title: str | None
    published: str | None  # ISO date
    html: str  # embedded content (full text or teaser), HTML
    uid: str  # the entry's guid, else its link, else its title


@dataclass
class Feed:
    title: str | None
    link: str | None
    entries: list[Entry]


def _iso(struct: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", struct) if struct else None


def parse_feed(data: bytes | str, where: str) -> Feed:
    """Entries of an RSS/Atom document; InputRejected when it is not a feed at all."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        why = getattr(parsed, "bozo_exception", None)
        raise InputRejected("not_feed", f"not an RSS/Atom feed ({why or 'no entries'})", where=where)
    entries = []
    for e in parsed.entries:
        contents = [c.get("value", "") for c in e.get("content", []) if c.get("value")]
        html = max(contents, key=len) if contents else e.get("summary", "")
        date = _iso(e.get("published_parsed") or e.get("updated_parsed"))
        uid = e.get("id") or e.get("link") or e.get("title") or ""
        entries.append(Entry(link=e.get("link"), title=e.get("title"), published=date, html=html, uid=uid))
    return Feed(title=parsed.feed.get("title"), link=parsed.feed.get("link"), entries=entries)


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment, paragraphs kept as lines.

    Feed content is a fragment without page chrome, so trafilatura's boilerplate removal (which
    needs a whole page) often discards it; lxml's text extraction is what fits here.
    """
    import lxml.html

    if "<" not in html:
        return html
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml raises several unrelated types on broken markup
        return html
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    lines = [" ".join(line.split()) for line in root.text_content().split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def entry_document(entry: Entry, feed: Feed, where: str) -> Document:
    """The Document an entry embeds; InputRejected when it holds only a short teaser."""
    body = html_to_text(entry.html)
    if len(body) < MIN_ENTRY_CHARS:
        raise InputRejected("teaser", f"entry holds {len(body)} characters of text, not an article "
                            "(use `dossier watch` to fetch the linked page)", where=where)
    if entry.title and not body.startswith(entry.title):
        body = f"{entry.title}\n\n{body}"
    doc = document_from_text(body, where, title=entry.title, published=entry.published, url=entry.link,
                             outlet=feed.title)
    doc.source = entry.link or where
    doc.meta["feed"] = feed.link or where
    return doc


@reader(".rss", ".atom", ".rss.xml", ".atom.xml")
def read_feed(path: Path) -> Iterator[Item]:
    """Entries of a feed file that embed article text; teasers come back as Rejected."""
    feed = parse_feed(read_bytes(path), str(path))
    for n, entry in enumerate(feed.entries, 1):
        where = f"{path}#{n}"
        try:
            yield entry_document(entry, feed, where)
        except InputRejected as e:
            yield Rejected(where, e.reason, e.message)
