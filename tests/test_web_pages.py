"""Dashboard pages, span highlighting and the map data, without a browser."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from dossier.model import Extraction
from dossier.store import Store
from dossier.web import Settings, create_app, highlight, mapdata
from webseed import XSS_TEXT, article, seed_articles


@pytest.fixture(scope="module")
def client() -> TestClient:
    s = Store(":memory:")
    for ex in seed_articles():
        s.add(ex)
    return TestClient(create_app(s, Settings()))


def doc_id(client: TestClient, **params: str) -> str:
    return client.get("/api/documents", params=params).json()["items"][0]["id"]


# ---- highlighting -------------------------------------------------------------------------------------
def test_highlight_wraps_quote_and_speaker_linked_by_quote_index():
    ex = article('Ivan Petrov said: "Summonses are served in Perm."', "t", "2023-03-01", speaker="Ivan Petrov",
                 quote="Summonses are served in Perm.", places=[("Perm", "RU-PER", "Perm Krai", "region")])
    html = str(highlight.highlight(ex))
    assert '<span class="hl hl-speaker" title="speaker of quote 1: Ivan Petrov" data-quote="0">Ivan Petrov</span>' in html
    quote = re.search(r'<span class="hl hl-quote"[^>]*data-quote="0">(.*?)</span>\.?</span>', html)
    assert quote and "Summonses are served in" in quote.group(1)
    assert 'title="Perm Krai · RU-PER · region"' in html


def test_highlight_keeps_text_exact_and_nesting_valid_for_crossing_spans():
    from dossier.web.highlight import Span, render

    text = "abcdefghij"
    html = str(render(text, [Span(0, 6, "quote", "q"), Span(4, 9, "place", "p")]))
    assert re.sub(r"<[^>]+>", "", html) == text
    depth = 0
    for tag in re.findall(r"</?span", html):
        depth += -1 if tag.startswith("</") else 1
        assert depth >= 0
    assert depth == 0


def test_highlight_russian_quantities_and_dates_show_resolved_values():
    text = "Пётр Иванов заявил: «Призовут 3 тысячи человек» 1 марта."
    ex = article(text, "t", "2023-03-02", language="ru", speaker="Пётр Иванов", quote="Призовут 3 тысячи человек",
                 quantity=("3 тысячи человек", 3000), date=("1 марта", "2023-03-01"))
    html = str(highlight.highlight(ex))
    assert 'title="3,000 people">3 тысячи человек</span>' in html
    assert 'title="2023-03-01 (on)">1 марта</span>' in html


def test_highlight_escapes_markup_in_text_and_values():
    ex = article(XSS_TEXT, "t", "2023-01-01", places=[("Voronezh", "RU-VOR", 'Vor"><b>x', "region")])
    html = str(highlight.highlight(ex))
    assert "<script>" not in html and "<img" not in html and "<a " not in html
    assert "&lt;script&gt;" in html and 'title="Vor&#34;&gt;&lt;b&gt;x · RU-VOR · region"' in html


# ---- pages --------------------------------------------------------------------------------------------
def test_dashboard_renders_every_region_as_a_filter_link(client):
    html = client.get("/").text
    for code in ("RU-MOW", "RU-SVE", "RU-CHU", "UA-43", "UA-40", "UA-14"):
        assert f'id="geo-{code}"' in html and f'id="grid-{code}"' in html
        assert f'href="/?region={code}"' in html
    assert "Natural Earth" in html


def test_dashboard_colours_regions_with_events(client):
    html = client.get("/").text
    assert re.search(r'id="geo-RU-SVE" class="region c[1-4]', html)
    assert re.search(r'id="geo-UA-43" class="region c[1-4]', html)
    assert re.search(r'id="geo-RU-MOW" class="region c0', html)


def test_region_filter_narrows_documents_and_marks_the_region(client):
    html = client.get("/", params={"region": "UA-43"}).text
    assert 'class="chip" id="region-filter"' in html and "Crimea" in html
    docs = re.search(r'<ul class="docs" id="documents">(.*?)</ul>', html, re.S).group(1)
    assert "Call-up in Crimea" in docs and "Summonses served" not in docs
    assert re.search(r'id="geo-UA-43" class="region c\d sel"', html)


def test_document_page_and_search_page(client):
    page = client.get(f"/documents/{doc_id(client, region='RU-SVE')}").text
    assert 'class="hl hl-speaker"' in page and 'class="hl hl-quote"' in page
    hits = client.get("/search", params={"q": "Воронеже"}).text
    assert "Повестки в Воронеже" in hits and "<mark>" in hits


def test_xss_article_renders_inert_on_every_page(client):
    xss = doc_id(client, q="pwned")
    for url in ("/", f"/documents/{xss}", "/search?q=pwned", "/?region=RU-VOR"):
        html = client.get(url).text
        assert "<script>document.title" not in html and '<script>alert("t")' not in html
        assert "<img src=x" not in html and 'href="javascript:' not in html
    assert "&lt;img src=x onerror=" in client.get(f"/documents/{xss}").text


def test_unknown_document_page_is_a_404_page(client):
    r = client.get("/documents/nope", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "E601" in r.text and "<html" in r.text


# ---- map data -----------------------------------------------------------------------------------------
def test_map_data_has_all_russian_subjects_and_ukraine():
    data = mapdata.map_data()
    assert len(data["regions"]) == 83 and all(c.startswith("RU-") for c in data["regions"])
    assert len(data["cells"]) == 27 and {"UA-43", "UA-40"} <= set(data["cells"])
    assert set(data["grid"]["cells"]) == set(data["regions"]) | set(data["cells"])
    cells = [tuple(v) for v in data["grid"]["cells"].values()]
    assert len(cells) == len(set(cells))  # one region per tile
    assert "jvectormap" in data["attribution"] and "Natural Earth" in data["attribution"]


def test_every_gazetteer_region_is_on_the_map_with_its_name():
    gaz = pytest.importorskip("dossier.gazetteer", reason="gazetteer not merged yet").load()
    wanted = {r.id for r in gaz.regions(country="RU")} | {r.id for r in gaz.regions(country="UA")}
    assert len(wanted) == 110 and wanted == set(mapdata.all_codes())
    assert mapdata.region_names()["RU-SVE"] == "Sverdlovsk Oblast"


def test_colour_classes_are_monotonic():
    classes, bounds = mapdata.colour_classes({"a": 1, "b": 2, "c": 10, "d": 50, "e": 0})
    assert "e" not in classes and classes["a"] <= classes["b"] <= classes["c"] <= classes["d"]
    assert bounds[0][0] == 1 and bounds[-1][1] == 50


def test_seed_articles_are_valid():
    assert all(isinstance(ex, Extraction) for ex in seed_articles())


def test_quotes_page_lists_one_speakers_quotes_with_role_and_outlet(client):
    html = client.get("/quotes", params={"speaker": "Пётр Иванов"}).text
    items = re.search(r'<ul class="quotes" id="quote-list">(.*?)</ul>', html, re.S).group(1)
    assert "В Белгородской области мобилизации не будет" in items and "губернатор" in items
    assert "Тестовые новости" in items and "Sverdlovsk" not in items
    assert 'href="/quotes?speaker=%D0%9F%D1%91%D1%82%D1%80' in client.get("/").text  # dashboard links to it


def test_timeline_bars_link_to_their_period(client):
    html = client.get("/").text
    assert 'href="/?since=2023-03-13&amp;until=2023-03-13"' in html


def test_period_range_of_week_and_month():
    from dossier.web.charts import period_range

    assert period_range("2023-02-27", "week") == ("2023-02-27", "2023-03-05")
    assert period_range("2024-02", "month") == ("2024-02-01", "2024-02-29")


def test_documents_page_pages_through_the_selection(client):
    html = client.get("/documents", params={"region": "RU-VOR"}).text
    docs = re.search(r'<ul class="docs" id="documents">(.*?)</ul>', html, re.S).group(1)
    assert docs.count("<li>") == 2 and "Повестки в Воронеже" in docs
    assert "older →" not in html
