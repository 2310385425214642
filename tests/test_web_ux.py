"""Dashboard layout defects seen in screenshots: claim periods broke inside a date ("2023-12-" / "01")
and the claims table pushed a phone-width page sideways."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from dossier.store import Store
from dossier.web import Settings, create_app
from webseed import second_sverdlovsk_report, seed_articles

workspace = pytest.importorskip("dossier.workspace")


@pytest.fixture(scope="module")
def client() -> TestClient:
    store = workspace.prepare(Store(":memory:"))
    for ex in [*seed_articles(), second_sverdlovsk_report()]:
        store.add(ex)
    return TestClient(create_app(store, Settings()))


def test_claim_periods_never_break_inside_a_date_and_the_table_scrolls(client):
    html = client.get("/").text
    wrapper = re.search(r'<div class="scroll"><table class="claims" id="claims">(.*?)</table></div>', html, re.S)
    assert wrapper, "the claims table sits in a horizontally scrolling wrapper"
    periods = re.findall(r'<td class="muted">(.*?)</td>', wrapper.group(1), re.S)
    assert periods
    for cell in periods:
        dates = re.findall(r"\d{4}-\d{2}(?:-\d{2})?", re.sub(r"<[^>]+>", "", cell))
        assert dates and len(re.findall(r'<span class="nowrap">\d{4}-\d{2}(?:-\d{2})?</span>', cell)) == len(dates), cell
    css = client.get("/static/app.css").text
    assert ".nowrap { white-space: nowrap; }" in css and ".columns > * { min-width: 0; }" in css
