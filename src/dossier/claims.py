"""Claims across documents: the same kind of event, in the same place, within a time window.

A claim gathers the events of many articles that say one thing happened ("summonses are served in
Voronezh Oblast in mid-March"). For each claim it keeps every source (document, outlet, speaker,
date, polarity, number), counts *independent* sources (one outlet, or copied / near-duplicate
text, counts once), flags contradictions (one source asserts, another denies; numbers further
apart than the pack's tolerance) and gives a timeline. Pure functions over plain records: the
store (:mod:`dossier.store.claims`) feeds them rows and saves the claims; tests feed them
extractions directly.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlparse

from dossier.model import Extraction, date_of

AFFIRMING = ("asserted", "planned", "rumored")
DUPLICATE_JACCARD = 0.7  # estimated word-shingle overlap above which two texts are copies of each other
SHINGLE = 5
NUM_PERM = 64


@dataclass
class EventRecord:
    """One event as the claims layer sees it: where it came from and what it says."""

    doc_id: str
    event_idx: int
    type: str
    polarity: str
    places: list[str]
    date: str | None  # the event's own date, else the document's publication date
    outlet: str | None = None
    speaker: str | None = None
    quantity: float | None = None
    counted: str | None = None
    trigger: str = ""
    sentence: str = ""


@dataclass
class ClaimSource:
    doc_id: str
    event_idx: int
    outlet: str | None
    speaker: str | None
    date: str | None
    polarity: str
    quantity: float | None
    counted: str | None
    trigger: str
    sentence: str
    group: str = ""  # sources with one group are one independent source


@dataclass
class Claim:
    id: str
    type: str
    place: str
    start: str | None
    end: str | None
    sources: list[ClaimSource] = field(default_factory=list)
    independent_sources: int = 0
    polarities: dict[str, int] = field(default_factory=dict)
    contradictions: list[str] = field(default_factory=list)
    quantity_low: float | None = None
    quantity_high: float | None = None

    @property
    def contradicted(self) -> bool:
        return bool(self.contradictions)

    def timeline(self) -> list[ClaimSource]:
        """Sources in date order (undated last)."""
        return sorted(self.sources, key=lambda s: (s.date is None, s.date or "", s.doc_id, s.event_idx))


# ------------------------------------------------------------------ records
def records_from_extraction(ex: Extraction) -> list[EventRecord]:
    """The claim records of one extraction (what the store computes from its rows)."""
    names = {e.id: e.name for e in ex.entities}
    out = []
    for i, ev in enumerate(ex.events):
        q = ex.quantities[ev.quantities[0]] if ev.quantities else None
        value = None if q is None else (q.value if q.value is not None else q.high if q.high is not None else q.low)
        out.append(EventRecord(
            doc_id=ex.document.id, event_idx=i, type=ev.type, polarity=ev.polarity, places=list(ev.places),
            date=ev.date or ex.document.published, outlet=outlet_key(ex.document.outlet, ex.document.url),
            speaker=names.get(ev.attributed_to or ""), quantity=value, counted=q.counted if q else None,
            trigger=ev.trigger.text, sentence=ex.text[ev.sentence[0]:ev.sentence[1]]))
    return out


def outlet_key(outlet: str | None, url: str | None) -> str | None:
    """Who published it: the outlet name, else the web host of its URL (without "www.")."""
    if outlet and outlet.strip():
        return " ".join(outlet.split()).casefold()
    if url:
        host = urlparse(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def speaker_key(name: str | None) -> str | None:
    """One key for one person across spellings and languages (Peskov / Песков) when the names
    module offers it; else the casefolded surname."""
    if not name:
        return None
    try:
        from dossier.nlp import names  # the quotes engineer's cross-language person key, when present

        key = getattr(names, "person_key", None)
        if key is not None:
            return key(name) or None
    except ImportError:
        pass
    return name.split()[-1].casefold()


# ------------------------------------------------------------------ grouping
def group_events(records: Iterable[EventRecord], window_days: int) -> dict[tuple[str, str, str | None], list[EventRecord]]:
    """(type, place, first date) → the records of one claim. A claim starts at its earliest event;
    a later event joins it while it lies within `window_days` of that start."""
    by_key: dict[tuple[str, str], list[EventRecord]] = defaultdict(list)
    for r in records:
        for place in dict.fromkeys(r.places):
            by_key[(r.type, place)].append(r)
    out: dict[tuple[str, str, str | None], list[EventRecord]] = {}
    for (etype, place), recs in by_key.items():
        dated = sorted((r for r in recs if date_of(r.date)), key=lambda r: (date_of(r.date), r.doc_id, r.event_idx))
        undated = [r for r in recs if not date_of(r.date)]
        start: dt.date | None = None
        for r in dated:
            d = date_of(r.date)
            if start is None or (d - start).days > window_days:
                start = d
                out[(etype, place, start.isoformat())] = []
            out[(etype, place, start.isoformat())].append(r)
        if undated:
            out[(etype, place, None)] = undated
    return out


def build_claims(records: Iterable[EventRecord], texts: Mapping[str, str] | None = None, *,
                 duplicate_of: Mapping[str, str | None] | None = None, window_days: int = 30,
                 tolerance: float = 0.25) -> list[Claim]:
    """Claims from event records. `texts` (doc id → text) finds copied articles; `duplicate_of`
    carries near-duplicate links the store already knows."""
    texts, duplicate_of = texts or {}, duplicate_of or {}
    claims = []
    for (etype, place, start), recs in sorted(group_events(records, window_days).items(),
                                              key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "~")):
        sources = [ClaimSource(r.doc_id, r.event_idx, r.outlet, r.speaker, r.date, r.polarity, r.quantity,
                               r.counted, r.trigger, r.sentence) for r in recs]
        groups = independence_groups(sources, texts, duplicate_of)
        for s in sources:
            s.group = groups[s.doc_id]
        dates = sorted(s.date for s in sources if s.date)
        polarities: dict[str, int] = defaultdict(int)
        for s in sources:
            polarities[s.polarity] += 1
        values = [s.quantity for s in sources if s.quantity is not None]
        claims.append(Claim(
            id=f"{etype}@{place}@{start or 'undated'}", type=etype, place=place, start=start,
            end=dates[-1] if dates else None, sources=sources, independent_sources=len(set(groups.values())),
            polarities=dict(polarities), contradictions=contradictions(sources, tolerance),
            quantity_low=min(values) if values else None, quantity_high=max(values) if values else None))
    return claims


def claims_from_extractions(extractions: Iterable[Extraction], *, window_days: int = 30,
                            tolerance: float = 0.25) -> list[Claim]:
    """Convenience for libraries and tests: claims straight from extractions."""
    records, texts = [], {}
    for ex in extractions:
        records += records_from_extraction(ex)
        texts[ex.document.id] = ex.text
    return build_claims(records, texts, window_days=window_days, tolerance=tolerance)


# ------------------------------------------------------------------ independence
def independence_groups(sources: list[ClaimSource], texts: Mapping[str, str],
                        duplicate_of: Mapping[str, str | None]) -> dict[str, str]:
    """doc id → group id; documents of one outlet, or copies of one text, share a group."""
    docs = list(dict.fromkeys(s.doc_id for s in sources))
    parent = {d: d for d in docs}

    def find(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    outlet = {s.doc_id: s.outlet for s in sources}
    first_of_outlet: dict[str, str] = {}
    first_of_cluster: dict[str, str] = {}
    for d in docs:
        if outlet[d]:
            union(d, first_of_outlet.setdefault(outlet[d], d))
        # the store's dedup links every copy to the root of its MinHash cluster: copies share a
        # group even when the root itself is not a source of this claim (linear, no text compared)
        root = duplicate_of.get(d) or d
        union(d, first_of_cluster.setdefault(root, d))
    # texts are compared only for callers without dedup links (library use, tests); the store
    # passes its links and no texts, so a claim of n copies costs O(n), not O(n²) comparisons
    for a, b in near_duplicate_pairs({d: texts[d] for d in docs if d in texts}):
        union(a, b)
    return {d: find(d) for d in docs}


def near_duplicate_pairs(texts: Mapping[str, str], threshold: float = DUPLICATE_JACCARD) -> list[tuple[str, str]]:
    """Pairs of near-identical texts, found through MinHash LSH (no all-pairs comparison)."""
    from datasketch import MinHashLSH

    if len(texts) < 2:
        return []
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for doc_id, text in texts.items():
        lsh.insert(doc_id, _minhash(text))
    pairs = []
    for doc_id, text in texts.items():
        for other in lsh.query(_minhash(text)):
            if other > doc_id and _minhash(text).jaccard(_minhash(texts[other])) >= threshold:
                pairs.append((doc_id, other))
    return pairs


def near_duplicate(a: str, b: str, threshold: float = DUPLICATE_JACCARD) -> bool:
    """Whether two texts share most of their word 5-shingles (MinHash estimate of Jaccard)."""
    return _minhash(a).jaccard(_minhash(b)) >= threshold


@lru_cache(maxsize=4096)
def _minhash(text: str):
    from datasketch import MinHash

    words = re.findall(r"\w+", text.casefold())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch(s.encode("utf-8") for s in shingles)
    return m


# ------------------------------------------------------------------ contradictions
def contradictions(sources: list[ClaimSource], tolerance: float) -> list[str]:
    """Readable reasons why the sources of one claim disagree (empty when they agree)."""
    out = []
    voices: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    for s in sources:
        voices[s.polarity].add((s.group or s.doc_id, speaker_key(s.speaker)))
    denying = voices.get("denied", set())
    affirming = set().union(*(voices.get(p, set()) for p in AFFIRMING))
    if denying and affirming and denying != affirming:
        said = "/".join(p for p in AFFIRMING if voices.get(p))
        out.append(f"polarity: {len(affirming)} source(s) {said}, {len(denying)} denied")
    by_counted: dict[str, list[float]] = defaultdict(list)
    shown: dict[str, str] = {}  # a stem's first counted noun as written, for the reader
    for s in sources:
        if s.quantity is not None and s.polarity != "denied":
            by_counted[_stem(s.counted)].append(float(s.quantity))
            shown.setdefault(_stem(s.counted), s.counted or "")
    for stem, values in sorted(by_counted.items()):
        lo, hi = min(values), max(values)
        if lo > 0 and hi / lo - 1 > tolerance or lo <= 0 < hi:
            what = f"figures for {shown[stem]}" if shown[stem] else "figures"
            out.append(f"quantity: {what} range {lo:,.0f}–{hi:,.0f} (beyond ±{tolerance:.0%})")
    return out


def _stem(counted: str | None) -> str:
    words = re.findall(r"\w+", (counted or "").casefold())
    return words[-1][:5] if words else ""
