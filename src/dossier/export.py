"""Exports for analysts and GIS tools: CSV, JSON Lines, Parquet and GeoJSON from the store.

Tables: documents, quotes, events, claims (see :mod:`dossier.store.exports`). GeoJSON gives one
Point feature per region at its capital's coordinates (from the gazetteer) with counts, so QGIS,
kepler.gl or geojson.io open it directly.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from dossier.errors import DossierError
from dossier.store import Store
from dossier.store.exports import TABLES, region_counts, rows

FORMATS = ("csv", "jsonl", "parquet", "geojson")
Coordinates = Callable[[str], tuple[float, float, str] | None]  # id → (lon, lat, name)


def _flat(value: Any) -> Any:
    return ";".join(map(str, value)) if isinstance(value, list) else value


def write_csv(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    n, writer = 0, None
    for rec in records:
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(rec))
            writer.writeheader()
        writer.writerow({k: _flat(v) for k, v in rec.items()})
        n += 1
    return n


def write_jsonl(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_parquet(records: Iterator[dict[str, Any]], path: Path, chunk: int = 5000) -> int:
    """Row groups of `chunk` rows, so a large export never sits in memory whole."""
    writer, buf, n = None, [], 0
    for rec in records:
        buf.append(rec)
        if len(buf) >= chunk:
            writer = _flush(buf, path, writer)
            n, buf = n + len(buf), []
    if buf or writer is None:
        writer = _flush(buf, path, writer)
        n += len(buf)
    writer.close()
    return n


def _flush(buf: list[dict[str, Any]], path: Path, writer: Any) -> Any:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(buf, schema=writer.schema if writer else None)
    if writer is None:
        writer = pq.ParquetWriter(path, table.schema)
    writer.write_table(table)
    return writer


def gazetteer_coordinates() -> Coordinates:
    """Capital coordinates of regions (and coordinates of cities) from the project's gazetteer."""
    try:
        from dossier.gazetteer import load
    except ImportError as e:
        raise DossierError("E403", "GeoJSON export needs the gazetteer (dossier.gazetteer), which is not installed") from e
    gz = load()

    def lookup(place_id: str) -> tuple[float, float, str] | None:
        rec = gz.get(place_id)
        if rec is None or rec.lat is None or rec.lon is None:
            return None
        return rec.lon, rec.lat, rec.name_en

    return lookup


def geojson(store: Store, coordinates: Coordinates | None = None) -> dict[str, Any]:
    """A FeatureCollection: one Point per region with counts; regions without coordinates are listed apart."""
    lookup = coordinates or gazetteer_coordinates()
    features, unplaced = [], []
    for rec in region_counts(store):
        where = lookup(rec["id"]) if rec["id"] else None
        if where is None:
            unplaced.append(rec["id"])
            continue
        lon, lat, name = where
        features.append({"type": "Feature", "id": rec["id"], "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": {"id": rec["id"], "name": name, **{k: v for k, v in rec.items() if k != "id"}}})
    return {"type": "FeatureCollection", "features": features,
            "properties": {"coordinates": "capital of each region (gazetteer)", "unplaced": unplaced}}


def export(store: Store, table: str, fmt: str, out: Path | None, *, with_text: bool = True,
           stdout: IO[str] | None = None) -> int:
    """Write `table` of `store` as `fmt` to `out` (stdout when None, except Parquet); returns rows/features."""
    if fmt not in FORMATS:
        raise DossierError("E404", f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    if fmt != "geojson" and table not in TABLES:
        raise DossierError("E405", f"table {table!r} is not one of {', '.join(TABLES)}")
    if fmt == "parquet":
        if out is None:
            raise DossierError("E406", "Parquet is binary: give an output file with --out FILE.parquet")
        return write_parquet(rows(store, table, with_text=with_text), out)
    fh = out.open("w", encoding="utf-8", newline="") if out else stdout
    try:
        if fmt == "geojson":
            data = geojson(store)
            json.dump(data, fh, ensure_ascii=False, indent=1)
            return len(data["features"])
        writer = write_csv if fmt == "csv" else write_jsonl
        return writer(rows(store, table, with_text=with_text), fh)
    finally:
        if out:
            fh.close()
