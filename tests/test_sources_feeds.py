"""RSS/Atom, WARC and Telegram readers on files the tests generate."""
from __future__ import annotations

from pathlib import Path

from scale_fixtures import article, html_page, rss_feed, telegram_export, write_warc

from dossier.model import Document
from dossier.sources import Rejected, read_paths


def docs_and_rejects(path: Path) -> tuple[list[Document], list[Rejected]]:
    items = list(read_paths([path]))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Rejected)]


def test_rss_file_embedded_content_and_teasers(tmp_path: Path) -> None:
    body = article(1)
    feed = rss_feed([
        {"title": "Summonses served in Voronezh", "link": "http://127.0.0.1/a1",
         "content": "".join(f"<p>{p}</p>" for p in body.split("\n\n"))},
        {"title": "Short teaser only", "link": "http://127.0.0.1/a2", "summary": "Read more on the site."},
    ])
    path = tmp_path / "news.rss"
    path.write_text(feed)
    docs, rejects = docs_and_rejects(path)
    assert len(docs) == 1 and len(rejects) == 1
    d = docs[0]
    assert d.title == "Summonses served in Voronezh"
    assert d.text.startswith("Summonses served in Voronezh\n\n")
    assert "began serving summonses" in d.text and "<p>" not in d.text
    assert d.published == "2023-03-17" and d.language == "en"
    assert d.source == d.url == "http://127.0.0.1/a1" and d.outlet == "Test Outlet"
    assert rejects[0].reason == "teaser"


def test_rss_reader_rejects_non_feed(tmp_path: Path) -> None:
    p = tmp_path / "broken.rss"
    p.write_text("this is not xml at all")
    docs, rejects = docs_and_rejects(p)
    assert not docs and rejects[0].reason == "not_feed"


def test_warc_streams_html_and_skips_the_rest(tmp_path: Path) -> None:
    page = html_page("Summonses served in Voronezh", article(2)).encode()
    ru = html_page("Повестки в Воронеже", article(3, "ru")).encode("cp1251")
    path = write_warc(tmp_path / "crawl.warc.gz", [
        ("http://127.0.0.1/en", "text/html; charset=utf-8", page, "200 OK"),
        ("http://127.0.0.1/ru", "text/html; charset=windows-1251", ru, "200 OK"),
        ("http://127.0.0.1/img.png", "image/png", b"\x89PNG....", "200 OK"),
        ("http://127.0.0.1/gone", "text/html", b"<html>gone</html>", "404 Not Found"),
    ])
    docs, rejects = docs_and_rejects(path)
    assert [d.source for d in docs] == ["http://127.0.0.1/en", "http://127.0.0.1/ru"]
    assert [d.language for d in docs] == ["en", "ru"]
    assert "Воронежской области" in docs[1].text
    assert "All rights reserved" not in docs[0].text  # boilerplate dropped by trafilatura
    assert sorted(r.reason for r in rejects) == ["http_status", "not_html"]


def test_warc_uncompressed_and_corrupt(tmp_path: Path) -> None:
    plain = write_warc(tmp_path / "a.warc", [("http://127.0.0.1/x", "text/html", html_page("T", article(4)).encode(),
                                              "200 OK")])
    assert len(docs_and_rejects(plain)[0]) == 1
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00garbage" * 10)
    docs, rejects = docs_and_rejects(bad)
    assert not docs and rejects and rejects[0].reason in ("warc", "unreadable")


def test_telegram_export(tmp_path: Path) -> None:
    text_parts = ["Военкоматы ", {"type": "bold", "text": "Воронежской области"},
                  " начали вручать повестки резервистам, сообщили местные власти в понедельник утром."]
    path = telegram_export(tmp_path / "result.json", [
        {"id": 10, "type": "message", "date": "2023-03-13T09:15:00", "text": text_parts},
        {"id": 11, "type": "service", "date": "2023-03-13T09:20:00", "action": "pin_message", "text": ""},
        {"id": 12, "type": "message", "date": "2023-03-14T10:00:00", "text": "👍"},
        {"id": 13, "type": "message", "date": "2023-03-15T11:00:00", "forwarded_from": "Other Channel",
         "text": article(5, "ru")},
    ], name="Канал новостей", username="testchannel")
    docs, rejects = docs_and_rejects(path)
    assert len(docs) == 2
    first = docs[0]
    assert first.text.startswith("Военкоматы Воронежской области начали")
    assert first.published == "2023-03-13" and first.language == "ru"
    assert first.outlet == "Канал новостей" and first.source == "https://t.me/testchannel/10"
    assert docs[1].meta["forwarded_from"] == "Other Channel"
    assert [r.reason for r in rejects] == ["too_short"]


def test_telegram_reader_rejects_other_json(tmp_path: Path) -> None:
    p = tmp_path / "result.json"
    p.write_text('{"name": "x"}')
    docs, rejects = docs_and_rejects(p)
    assert not docs and rejects[0].reason == "format"
