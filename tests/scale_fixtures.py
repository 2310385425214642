"""Generated inputs shared by the scale tests: articles, pages, feeds, WARC files, Telegram exports.

Everything is written by the tests themselves; nothing comes from the network.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

EN_PARAS = [
    "Military enlistment offices in the Voronezh region began serving summonses to reservists on Monday, "
    "local officials said, describing the visits as routine checks of registration data.",
    "The regional governor told reporters that about 300 men had received papers so far and that no "
    "new wave of mobilization was planned, although lawyers said the number was likely higher.",
    "Human rights groups said that men in at least five other regions had reported similar visits "
    "during the past week, mostly at their workplaces and at university dormitories.",
]
RU_PARAS = [
    "В Воронежской области военкоматы начали вручать повестки резервистам, сообщили в понедельник "
    "местные власти, назвав это плановой сверкой данных воинского учета.",
    "Губернатор заявил журналистам, что повестки получили около трехсот мужчин и что новой волны "
    "мобилизации не планируется, однако юристы считают, что их было больше.",
]


def article(n: int, lang: str = "en") -> str:
    """A distinct article body: the paragraphs plus a sentence that makes each one unique."""
    paras = EN_PARAS if lang == "en" else RU_PARAS
    tail = (f"Report number {n} was filed by correspondent {n} from the city desk." if lang == "en"
            else f"Сообщение номер {n} подготовил корреспондент отдела {n}.")
    return "\n\n".join([*paras, tail])


def html_page(title: str, body: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='og:title' content='{title}'></head><body><nav><a href='/'>Home</a> | "
            f"<a href='/news'>News</a></nav><article><h1>{title}</h1>{paras}</article>"
            f"<footer>Copyright the outlet. All rights reserved.</footer></body></html>")


def rss_feed(items: list[dict], title: str = "Test Outlet") -> str:
    out = [f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0' "
           f"xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>{title}</title>"
           f"<link>http://127.0.0.1/</link><description>test</description>"]
    for it in items:
        content = it.get("content")
        enc = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
        out.append(f"<item><title>{it['title']}</title><link>{it['link']}</link><guid>{it['link']}</guid>"
                   f"<pubDate>{it.get('date', 'Fri, 17 Mar 2023 10:00:00 GMT')}</pubDate>"
                   f"<description>{it.get('summary', 'Teaser.')}</description>{enc}</item>")
    out.append("</channel></rss>")
    return "".join(out)


def write_warc(path: Path, records: list[tuple[str, str, bytes, str]]) -> Path:
    """records: (url, content type, body, HTTP status line tail e.g. '200 OK')."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for url, ctype, body, status in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(rec)
            req = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(req)
    return path


def telegram_export(path: Path, messages: list[dict], name: str = "Test Channel",
                    username: str | None = None) -> Path:
    data = {"name": name, "type": "public_channel", "id": 1234, "messages": messages}
    if username:
        data["username"] = username
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
