"""API benchmark: load generated documents straight into a store and time the main endpoints.

    python -m dossier.web.bench --docs 10000          # or dossier.web.bench.api_bench(n_docs=10000)

Documents are synthetic but shaped like real ones (2–4 places, quotes with speakers, numbers, dates,
1–3 events over ~3 years); they skip the NLP so the figure is the store + API alone. Requests go
through the ASGI app in-process (no network), each endpoint `repeat` times after one warm-up.
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from dossier.model import DateRef, Document, Entity, Event, Extraction, Place, Quantity, Quote, Speaker, Trigger
from dossier.store import Store, rows
from dossier.web.mapdata import all_codes

TYPES = ("summons", "mobilization", "conscription", "contract_recruitment", "recruitment_quota",
         "military_training", "force_expansion", "arms_procurement", "draft_evasion", "legal_change")
WORDS = ("военкомат", "повестки", "mobilization", "summons", "recruitment", "contract", "soldiers", "region",
         "governor", "officials", "reported", "according", "district", "enlistment", "office", "reservists")
SPEAKERS = [f"Speaker {i}" for i in range(300)]
OUTLETS = [f"Outlet {i}" for i in range(40)]


def _doc(i: int, rng: random.Random, codes: list[str]) -> Extraction:
    day = date(2022, 1, 1) + timedelta(days=rng.randrange(1100))
    speaker = rng.choice(SPEAKERS)
    places = rng.sample(codes, rng.randint(2, 4))
    body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(120, 400)))
    quote = " ".join(rng.choice(WORDS) for _ in range(12))
    text = f'{speaker} said: "{quote}" In {" and ".join(places)}, {rng.randint(10, 5000)} men. {body} #{i}'
    q0 = text.index(quote)
    ex = Extraction(Document(text=text, source=f"bench:{i}", title=f"Bench article {i} {rng.choice(WORDS)}",
                             published=day.isoformat(), language=rng.choice(("en", "ru")),
                             outlet=rng.choice(OUTLETS)))
    ex.entities.append(Entity("e1", "PERSON", speaker, [speaker], ["official"], [[0, len(speaker)]]))
    ex.quotes.append(Quote(q0, q0 + len(quote), quote, "direct", Speaker(speaker, "e1", 0, len(speaker)), "said"))
    at = text.index(" In ") + 4
    for code in places:
        s = text.index(code, at)
        ex.places.append(Place(s, s + len(code), code, code, code, "region", code, code[:2]))
    n0 = text.index(" men.") - len(text[:text.index(" men.")].split()[-1])
    ex.quantities.append(Quantity(n0, text.index(" men.") + 4, text[n0:text.index(" men.") + 4],
                                  int(text[n0:text.index(" men.")]), counted="men"))
    ex.dates.append(DateRef(0, 0, "", day.isoformat(), "day", "on"))
    for k in range(rng.randint(1, 3)):
        ex.events.append(Event(rng.choice(TYPES), "asserted", Trigger(q0, q0 + 5, text[q0:q0 + 5]), [0, q0 + len(quote)],
                               [rng.choice(places)], (day - timedelta(days=k)).isoformat(), [0], ["e1"], "e1"))
    return ex


def load(store: Store, n_docs: int, seed: int = 7) -> float:
    """Write `n_docs` generated documents in one transaction; returns seconds taken."""
    rng, codes = random.Random(seed), all_codes()
    t0 = time.perf_counter()
    from sqlalchemy import insert

    from dossier.store import schema

    with store.engine.begin() as conn:
        batch: dict[str, list[dict]] = {}
        docs = []
        for i in range(n_docs):
            ex = _doc(i, rng, codes)
            docs.append(rows.document_row(ex, None, "2024-01-01T00:00:00+00:00"))
            for table, values in rows.span_rows(ex, ex.document.id):
                batch.setdefault(table.name, []).extend(values)
            store.fts.index(conn, ex.document.id, ex)
        conn.execute(insert(schema.documents), docs)
        for table in schema.SPAN_TABLES:
            if batch.get(table.name):
                conn.execute(insert(table), batch[table.name])
    return time.perf_counter() - t0


@dataclass
class Timing:
    endpoint: str
    p50_ms: float
    p95_ms: float
    max_ms: float


def api_bench(n_docs: int = 10_000, repeat: int = 30, db: str | None = None, cache: bool = True
              ) -> tuple[float, list[Timing]]:
    """Load `n_docs` documents into a fresh SQLite store and time the main endpoints (p50/p95 in ms).
    ``cache=False`` measures every request cold (each one runs its queries)."""
    from fastapi.testclient import TestClient

    from dossier.web import Settings, create_app

    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        store = Store(db or str(Path(tmp) / "bench.db"))
        load_s = load(store, n_docs)
        t0 = time.perf_counter()
        from dossier.workspace import prepare

        prepare(store)  # claims (and dedup) layers: the bulk load bypassed their hooks, so rebuild claims
        from dossier.store.claims import recompute

        recompute(store)
        load_s += time.perf_counter() - t0
        client = TestClient(create_app(store, Settings(cache=cache)))
        one = client.get("/api/documents", params={"limit": 1}).json()["items"][0]["id"]
        urls = ["/api/documents", "/api/documents?q=mobilization&limit=20", f"/api/documents/{one}",
                "/api/regions", "/api/regions?type=summons&since=2023-01-01&until=2023-12-31",
                "/api/documents?region=RU-SVE", "/api/events?region=RU-MOW", "/api/events", "/api/quotes",
                "/api/quotes?speaker=Speaker%201", "/api/speakers", "/api/entities", "/api/timeline?bucket=week", "/api/claims", "/api/claims?region=RU-SVE",
                "/api/search?q=повестки", "/", "/?region=RU-SVE&type=summons", f"/documents/{one}"]
        out = []
        for url in urls:
            client.get(url)  # warm-up
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                r = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200, (url, r.status_code)
            times.sort()
            out.append(Timing(url, statistics.median(times), times[max(0, int(0.95 * len(times)) - 1)], times[-1]))
        store.close()
    return load_s, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--no-cache", action="store_true", help="measure every request cold")
    args = ap.parse_args()
    load_s, timings = api_bench(args.docs, args.repeat, cache=not args.no_cache)
    print(f"loaded {args.docs} documents in {load_s:.1f} s")
    print(f"{'endpoint':60} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for t in timings:
        print(f"{t.endpoint[:60]:60} {t.p50_ms:8.1f} {t.p95_ms:8.1f} {t.max_ms:8.1f}")


if __name__ == "__main__":
    main()
