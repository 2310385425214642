"""`watch`: polite polling against a local HTTP server; broken feeds and pages are logged and skipped."""
from __future__ import annotations

from pathlib import Path

import pytest
from http_fixture import answer, http_server, redirect_to, slow
from scale_fixtures import article, html_page, rss_feed

from dossier.store import Store
from dossier.watch import Fetcher, Policy, parse_every, watch, watch_once

FAST = Policy(timeout=1.0, per_host_delay=0.0, retries=1, backoff=0.01, max_bytes=2_000_000)


def feed_route(server, paths: list[str]):
    items = [{"title": f"Story {p}", "link": server.url(p)} for p in paths]
    body = rss_feed(items)

    def route(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, body.encode()
    return route


def test_watch_stores_good_pages_and_skips_broken_ones(tmp_path: Path) -> None:
    with http_server() as srv:
        srv.routes.update({
            "/a1": answer(body=html_page("Summonses in Voronezh", article(1))),
            "/a2": answer(body=html_page("Повестки в Воронеже", article(2, "ru"))),
            "/slow": slow(2.0), "/error": answer(500, "boom"), "/loop": redirect_to("/loop"),
            "/big": answer(body=b"<html>" + b"x" * 3_000_000), "/image": answer(body=b"\x89PNG", ctype="image/png"),
            "/moved": redirect_to("/a1b"), "/a1b": answer(body=html_page("Moved story", article(3))),
        })
        srv.routes["/feed.xml"] = feed_route(srv, ["/a1", "/a2", "/slow", "/error", "/loop", "/big", "/image",
                                                   "/moved"])
        store = Store(tmp_path / "d.db")
        report = watch([srv.url("/feed.xml"), srv.url("/missing.xml")], store, policy=FAST)
        assert report.new == 3
        reasons = {r.where.rsplit("/", 1)[-1]: r.reason for r in report.failed}
        assert reasons == {"slow": "timeout", "error": "http_500", "loop": "redirects", "big": "too_large",
                           "image": "not_html", "missing.xml": "http_404"}
        docs = {d.source.rsplit("/", 1)[-1]: d for d in store.documents()}
        assert set(docs) == {"a1", "a2", "a1b"} and docs["a2"].language == "ru"
        assert docs["a1"].title == "Summonses in Voronezh"
        assert {r["reason"] for r in store.rejections()} >= {"timeout", "redirects", "not_html"}
        assert sum(1 for p, _ in srv.hits if p == "/error") == 2  # one retry

        # second round: the feed answers 304 to the remembered ETag, so no page is fetched again
        before = len(srv.hits)
        again = watch_once([srv.url("/feed.xml")], store, Fetcher(FAST))
        assert again.new == 0 and [p for p, _ in srv.hits[before:]] == ["/feed.xml"]
        assert srv.hits[-1][1].get("If-None-Match") == '"v1"'


def test_transient_failures_are_retried_next_round_but_not_permanent_ones(tmp_path: Path) -> None:
    with http_server() as srv:
        srv.routes.update({"/down": answer(503, "later"), "/image": answer(body=b"GIF8", ctype="image/gif")})
        srv.routes["/feed.xml"] = lambda h: (200, {"Content-Type": "application/rss+xml"},
                                             rss_feed([{"title": "A", "link": srv.url("/down")},
                                                       {"title": "B", "link": srv.url("/image")}]).encode())
        store = Store(tmp_path / "d.db")
        watch([srv.url("/feed.xml")], store, policy=FAST)
        srv.routes["/down"] = answer(body=html_page("Back up", article(4)))
        report = watch([srv.url("/feed.xml")], store, policy=FAST)
        assert report.new == 1 and report.failed == []
        assert sum(1 for p, _ in srv.hits if p == "/image") == 1


def test_per_host_delay_is_kept() -> None:
    waits: list[float] = []
    with http_server() as srv:
        srv.routes["/x"] = answer(body="<html>x</html>")
        fetcher = Fetcher(Policy(per_host_delay=5.0), sleep=waits.append)
        fetcher.get(srv.url("/x"))
        fetcher.get(srv.url("/x"))
    assert len(waits) == 1 and 4.0 < waits[0] <= 5.0


def test_parse_every() -> None:
    from dossier.errors import DossierError

    assert parse_every("15m") == 900 and parse_every("30s") == 30 and parse_every("2h") == 7200
    with pytest.raises(DossierError, match="15m"):
        parse_every("soon")


def test_watch_command_once(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    with http_server() as srv:
        srv.routes["/a1"] = answer(body=html_page("Summonses in Voronezh", article(1)))
        srv.routes["/feed.xml"] = feed_route(srv, ["/a1", "/gone"])
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
        r = subprocess.run([sys.executable, "-m", "dossier", "watch", srv.url("/feed.xml"), "--db",
                            str(tmp_path / "d.db"), "--delay", "0", "--retries", "0"],
                           capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "1 new" in r.stdout and "http_404" in r.stderr and "Traceback" not in r.stderr
    assert Store(tmp_path / "d.db").counts()["documents"] == 1
