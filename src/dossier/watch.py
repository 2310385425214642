"""Polite feed polling: conditional GET, per-host delay, retries with backoff, bounded downloads.

``watch(feeds, store)`` polls each RSS/Atom feed (ETag / Last-Modified remembered in the store, so
an unchanged feed costs one 304), fetches every entry it has not seen, extracts the article with
trafilatura and stores it. A feed or page that times out, answers 5xx after retries, loops
redirects, exceeds the size limit or is not HTML is logged and recorded as a rejection; the rest
proceeds.
"""
from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from dossier import __version__
from dossier.errors import DossierError, InputRejected
from dossier.ingest import IngestReport
from dossier.model import Document
from dossier.sources import MAX_BYTES, Rejected
from dossier.sources.rss import Entry, Feed, entry_document, parse_feed
from dossier.store import Store
from dossier.store.feeds import FeedState, load_state, mark_seen, save_state, seen

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass
class Policy:
    """How politely and how patiently to fetch. One object, validated once, used by every request."""

    timeout: float = 20.0
    per_host_delay: float = 2.0  # seconds between two requests to the same host
    retries: int = 3  # extra attempts after a timeout or a 429/5xx answer
    backoff: float = 2.0  # first retry waits this long, then doubles
    max_redirects: int = 5
    max_bytes: int = MAX_BYTES
    user_agent: str = f"dossier/{__version__} (news monitor; polite polling)"


@dataclass
class Fetched:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    url: str = ""


class Fetcher:
    """An httpx client that waits between requests per host, retries with backoff and caps body size."""

    def __init__(self, policy: Policy | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.policy = policy or Policy()
        self.sleep = sleep
        self.last: dict[str, float] = {}
        self.client = httpx.Client(timeout=self.policy.timeout, follow_redirects=True,
                                   max_redirects=self.policy.max_redirects,
                                   headers={"User-Agent": self.policy.user_agent})

    def close(self) -> None:
        self.client.close()

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc
        due = self.last.get(host, 0.0) + self.policy.per_host_delay - time.monotonic()
        if due > 0:
            self.sleep(due)
        self.last[host] = time.monotonic()

    def get(self, url: str, headers: dict[str, str] | None = None) -> Fetched:
        """The response (200 or 304); InputRejected naming the URL for anything else."""
        delay = self.policy.backoff
        for attempt in range(self.policy.retries + 1):
            self._wait_turn(url)
            try:
                return self._get_once(url, headers or {})
            except _Retry as e:
                if attempt == self.policy.retries:
                    raise InputRejected(e.reason, f"{e.message} (after {attempt + 1} attempts)", where=url) from None
                log.info("%s: %s; retrying in %.1f s", url, e.message, delay)
                self.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def _get_once(self, url: str, headers: dict[str, str]) -> Fetched:
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                if resp.status_code in RETRY_STATUS:
                    raise _Retry(f"http_{resp.status_code}", f"server answered {resp.status_code}")
                if resp.status_code == 304:
                    return Fetched(304, headers=dict(resp.headers), url=str(resp.url))
                if resp.status_code != 200:
                    raise InputRejected(f"http_{resp.status_code}", f"server answered {resp.status_code}", where=url)
                return Fetched(200, self._body(resp, url), dict(resp.headers), str(resp.url))
        except httpx.TooManyRedirects:
            raise InputRejected("redirects", f"more than {self.policy.max_redirects} redirects", where=url) from None
        except httpx.TimeoutException:
            raise _Retry("timeout", f"no answer within {self.policy.timeout:g} s") from None
        except httpx.TransportError as e:
            raise _Retry("network", f"network error: {type(e).__name__}: {e}") from None

    def _body(self, resp: httpx.Response, url: str) -> bytes:
        limit = self.policy.max_bytes
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise InputRejected("too_large", f"body of {int(declared) / 2**20:.1f} MiB exceeds {limit / 2**20:g} MiB",
                                where=url)
        chunks, size = [], 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise InputRejected("too_large", f"body exceeds {limit / 2**20:g} MiB", where=url)
            chunks.append(chunk)
        return b"".join(chunks)


class _Retry(Exception):
    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason, self.message = reason, message


def fetch_article(fetcher: Fetcher, entry: Entry, feed: Feed, where: str) -> Document:
    """The linked page's article; the feed's embedded text when the entry has no link."""
    from dossier.sources.decode import decode
    from dossier.sources.html import document_from_html

    if not entry.link:
        return entry_document(entry, feed, where)
    page = fetcher.get(entry.link)
    ctype = page.headers.get("content-type", "").lower()
    if not ctype.startswith(HTML_TYPES):
        raise InputRejected("not_html", f"content type {ctype or 'missing'!r} is not HTML", where=entry.link)
    final = page.url or entry.link  # after redirects: the canonical address
    doc = document_from_html(decode(page.body, final), final, url=final)
    doc.source = final
    doc.title = doc.title or entry.title
    doc.published = doc.published or entry.published
    doc.outlet = doc.outlet or feed.title
    return doc


@dataclass
class Poll:
    """One feed's new entries, fetched but not yet stored, and the validators to remember after storing."""

    feed: str
    state: FeedState | None = None  # None: nothing to remember (304, or the feed failed)
    items: list[tuple[str, str | None, Document | Rejected]] = field(default_factory=list)  # (uid, link, item)


def poll(feed_url: str, store: Store, fetcher: Fetcher) -> Poll:
    """New articles of one feed (entries already handled are skipped); every failure becomes a Rejected."""
    state = load_state(store, feed_url)
    headers = {k: v for k, v in (("If-None-Match", state.etag), ("If-Modified-Since", state.last_modified)) if v}
    out = Poll(feed_url)
    try:
        resp = fetcher.get(feed_url, headers)
        if resp.status == 304:
            log.info("%s: not modified", feed_url)
            return out
        feed = parse_feed(resp.body, feed_url)
    except InputRejected as e:
        log.warning("%s: feed skipped: %s", feed_url, e.message)
        out.items.append(("", None, Rejected(e.where or feed_url, e.reason, e.message)))
        return out
    out.state = FeedState(feed_url, resp.headers.get("etag"), resp.headers.get("last-modified"))
    for entry in feed.entries:
        if seen(store, feed_url, entry.uid):
            continue
        try:
            item: Document | Rejected = fetch_article(fetcher, entry, feed, entry.link or feed_url)
        except InputRejected as e:
            log.warning("%s: article skipped: %s", e.where or entry.link, e.message)
            item = Rejected(e.where or entry.link or feed_url, e.reason, e.message)
        out.items.append((entry.uid, entry.link, item))
    return out


def watch_once(feeds: Iterable[str], store: Store, fetcher: Fetcher, n_process: int = 1) -> IngestReport:
    """One round over `feeds`: fetch what is new, extract, store (deduplicated).

    Entries are marked handled and the feed's validators saved only after its articles are stored:
    a crash in between refetches them next time, and the content-addressed store keeps one copy.
    """
    from dossier.bulk import store_many
    from dossier.workspace import prepare

    prepare(store)
    report = IngestReport()
    for url in feeds:
        polled = poll(url, store, fetcher)
        store_many(store, (item for _, _, item in polled.items), n_process=n_process, report=report)
        for uid, link, item in polled.items:
            if uid and not (isinstance(item, Rejected) and transient(item.reason)):
                mark_seen(store, url, uid, link)
        if polled.state:
            save_state(store, polled.state)
    return report


def transient(reason: str) -> bool:
    """Failures worth trying again next round (the entry is not marked handled)."""
    return reason in ("timeout", "network", "http_429") or reason.startswith("http_5")


def parse_every(value: str) -> float:
    """'15m' → 900.0 seconds ('30s', '2h', '1d' and plain seconds work too)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value or "")
    if not m:
        raise DossierError("E407", f"interval {value!r} is not like 30s, 15m, 2h or 1d")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def watch(feeds: list[str], store: Store, *, every: float | None = None, policy: Policy | None = None,
          rounds: int | None = None, on_round: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Poll `feeds` once, or every `every` seconds until interrupted (or `rounds` rounds)."""
    fetcher = Fetcher(policy)
    total, done = IngestReport(), 0
    try:
        while True:
            started = time.monotonic()
            report = watch_once(feeds, store, fetcher)
            _merge(total, report)
            if on_round:
                on_round(report)
            done += 1
            if every is None or (rounds is not None and done >= rounds):
                return total
            time.sleep(max(0.0, every - (time.monotonic() - started)))
    finally:
        fetcher.close()


def _merge(total: IngestReport, part: IngestReport) -> None:
    total.new += part.new
    total.unchanged += part.unchanged
    total.versions += part.versions
    total.failed += part.failed
    total.doc_ids += part.doc_ids
