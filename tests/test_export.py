"""Exports: every table in every format, claims counting duplicate clusters once, GeoJSON points."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from dossier.export import export, geojson
from dossier.model import Document, Event, Extraction, Place, Quote, Speaker, Trigger
from dossier.store import Store

BASE = ("Summonses were served in Perm on Monday, the governor said. Officials in Omsk denied any plans. "
        "Lawyers said hundreds of men in the region had been called up since the start of the month.")


def ex(text: str, source: str, published: str) -> Extraction:
    perm, omsk = text.index("Perm"), text.index("Omsk")
    return Extraction(
        document=Document(text=text, source=source, outlet=source, published=published, language="en"),
        places=[Place(perm, perm + 4, "Perm", "RU-PER", "Perm Krai", "city", "RU-PER", "RU"),
                Place(omsk, omsk + 4, "Omsk", "RU-OMS", "Omsk Oblast", "city", "RU-OMS", "RU", negated=False)],
        quotes=[Quote(0, 40, text[:40], "indirect", Speaker("the governor"), "said")],
        events=[Event("summons", "asserted", Trigger(0, 9, "Summonses"), [0, 60], ["RU-PER"]),
                Event("mobilization", "denied", Trigger(perm + 30, perm + 34, text[perm + 30:perm + 34]), [60, 98],
                      ["RU-OMS"])],
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    from dossier.store.dedup import enable_dedup

    s = Store(tmp_path / "d.db")
    enable_dedup(s)
    s.add(ex(BASE, "agency", "2023-03-13"))
    s.add(ex("Reprinted from the agency. " + BASE, "outlet", "2023-03-14"))  # near duplicate: same source
    s.add(ex(BASE.replace("Monday", "Tuesday").replace("hundreds", "dozens").replace("month", "week")
             + " A second, separate report from a local newspaper adds detail about the district offices in Perm "
               "and the queues outside them in the morning.", "local", "2023-03-15"))
    return s


def test_claims_count_independent_sources(store: Store) -> None:
    out = io.StringIO()
    assert export(store, "claims", "jsonl", None, stdout=out) == 2
    claims = {(c["type"], c["place"]): c for c in map(json.loads, out.getvalue().splitlines())}
    summons = claims[("summons", "RU-PER")]
    assert summons["n_sources"] == 3 and summons["n_independent"] == 2  # the reprint counts once
    assert claims[("mobilization", "RU-OMS")]["polarities"] == {"denied": 3}


def test_csv_and_jsonl_tables(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    assert export(store, "quotes", "csv", path) == 3
    got = list(csv.DictReader(path.open(encoding="utf-8")))
    assert got[0]["speaker_name"] == "the governor" and got[0]["published"] == "2023-03-13"
    out = io.StringIO()
    export(store, "events", "jsonl", None, stdout=out)
    first = json.loads(out.getvalue().splitlines()[0])
    assert first["places"] == ["RU-PER"] and first["type"] == "summons"
    out = io.StringIO()
    export(store, "documents", "csv", None, stdout=out, with_text=False)
    assert "text" not in out.getvalue().splitlines()[0].split(",")


def test_parquet_round_trip(store: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "docs.parquet"
    assert export(store, "documents", "parquet", path) == 3
    table = pq.read_table(path)
    assert table.num_rows == 3 and set(table.column("outlet").to_pylist()) == {"agency", "outlet", "local"}
    assert sum(x is not None for x in table.column("duplicate_of").to_pylist()) == 1


def test_geojson_points_with_counts(store: Store) -> None:
    coords = {"RU-PER": (56.25, 58.01, "Perm Krai")}
    data = geojson(store, lambda i: coords.get(i))
    assert data["type"] == "FeatureCollection" and data["properties"]["unplaced"] == ["RU-OMS"]
    (perm,) = data["features"]
    assert perm["geometry"] == {"type": "Point", "coordinates": [56.25, 58.01]}
    assert perm["properties"]["documents"] == 3 and perm["properties"]["independent_sources"] == 2


def test_geojson_with_the_gazetteer(store: Store) -> None:
    pytest.importorskip("dossier.gazetteer")
    data = geojson(store)
    ids = {f["id"] for f in data["features"]}
    assert ids == {"RU-PER", "RU-OMS"}
    for f in data["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert 50 < lat < 60 and 50 < lon < 80  # Perm and Omsk lie in this box


def test_bad_format_and_table_are_clear_errors(store: Store) -> None:
    from dossier.errors import DossierError

    with pytest.raises(DossierError, match="xlsx"):
        export(store, "documents", "xlsx", None)
    with pytest.raises(DossierError, match="Parquet is binary"):
        export(store, "documents", "parquet", None)
