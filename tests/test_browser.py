"""The dashboard in a real browser: Debian's Chromium driven by Playwright against a live `dossier serve`.

Screenshots land in test-artifacts/ (look at them). Skipped with a reason when chromium or playwright
is missing; never downloads a browser.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.store import Store
from webseed import seed_articles

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("web") / "dossier.db"
    store = Store(db)
    for ex in seed_articles():
        store.add(ex)
    store.close()
    port = free_port()
    env = os.environ | {"PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-c", "from dossier.cli import main; main()", "serve", "--db", str(db),
                             "--host", "127.0.0.1", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            if proc.poll() is not None:
                pytest.fail(f"dossier serve exited: {proc.stderr.read().decode()[-2000:]}")
            try:
                urllib.request.urlopen(base + "/api/stats", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("chromium is not installed (apt-get install -y chromium fonts-dejavu-core)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    yield pg
    ctx.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_map_renders_and_filters_on_click(server, page):
    page.goto(server + "/")
    assert page.locator("#map-geo path.region").count() == 83 + 1  # Russia's subjects + Crimea
    assert page.locator("#geo-UA-43").is_visible() and page.locator("#geo-UA-40").is_visible()
    box = page.locator("#geo-RU-SVE").bounding_box()
    assert box and box["width"] > 5 and box["height"] > 5
    shot(page, "map-dashboard")
    page.locator("#geo-RU-SVE").click()
    page.wait_for_url("**region=RU-SVE**")
    assert "RU-SVE" in page.locator("#region-filter").inner_text()
    docs = page.locator("#documents li").all_inner_texts()
    assert len(docs) == 1 and "Summonses served in the Urals" in docs[0]
    assert "sel" in page.locator("#geo-RU-SVE").get_attribute("class")
    shot(page, "map-filtered-RU-SVE")
    assert page.errors == []


def test_tile_grid_toggle_and_click_on_crimea(server, page):
    page.goto(server + "/")
    page.locator("a.layout-toggle[data-layout=grid]").click()
    assert page.locator("#map-grid").is_visible() and not page.locator("#map-geo").is_visible()
    page.locator("#grid-UA-43").click()
    page.wait_for_url("**region=UA-43**")
    assert "layout=grid" in page.url
    docs = page.locator("#documents li").all_inner_texts()
    assert len(docs) == 1 and "Call-up in Crimea" in docs[0]
    assert page.locator("#map-grid").is_visible()
    shot(page, "grid-filtered-UA-43")


def test_document_view_highlights_quote_and_speaker(server, page):
    page.goto(server + "/?region=RU-SVE")
    page.locator("#documents a").first.click()
    page.wait_for_url("**/documents/**")
    quote = page.locator("#doc-text .hl-quote").first
    speaker = page.locator("#doc-text .hl-speaker").first
    assert "Summonses are being served" in quote.inner_text()
    assert speaker.inner_text() == "Ivan Petrov"
    assert "Ivan Petrov" in quote.get_attribute("title")
    quote.hover()
    assert "active" in speaker.get_attribute("class")  # hovering the quote lights up its speaker
    bg = speaker.evaluate("el => getComputedStyle(el).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    shot(page, "document-view")


def test_search_returns_the_seeded_article(server, page):
    page.goto(server + "/")
    page.fill("form.search input[name=q]", "Воронеже")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=**")
    hits = page.locator("#hits li.hit").all_inner_texts()
    assert any("Повестки в Воронеже" in h for h in hits)
    shot(page, "search")


def test_xss_article_is_inert(server, page):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/search?q=pwned")
    page.locator("#hits a").first.click()
    page.wait_for_url("**/documents/**")
    assert page.title() != "pwned" and dialogs == []
    assert page.locator("#doc-text img").count() == 0 and page.locator("#doc-text script").count() == 0
    assert page.locator("#doc-text a").count() == 0
    assert 'onerror="document.title' in page.locator("#doc-text").inner_text()  # shown as text
    page.goto(server + "/")
    assert page.title() != "pwned" and dialogs == [] and page.locator("main script").count() == 0
    shot(page, "xss-inert")
    assert page.errors == []


def test_api_docs_render_offline(server, page):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + "/docs")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock").count() >= 12  # every endpoint documented
    assert all(u.startswith(server) for u in requests)  # nothing fetched from any other origin
    assert page.errors == []
