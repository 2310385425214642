"""Build the dashboard's map data file once from the npm package ``jvectormap-content@0.2.0``.

    cd /tmp && npm pack jvectormap-content@0.2.0 && tar xzf jvectormap-content-0.2.0.tgz
    python scripts/build_map_data.py /tmp/package src/dossier/web/data/regions_map.json

Inputs: ``ru-mill.js`` (Russia's 83 federal subjects keyed by ISO 3166-2, Miller projection, central
meridian 11.5°), ``europe-mill.js`` (Ukraine's outline, same projection and meridian, so a linear map
moves it into Russia's frame) and the gazetteer (``dossier.gazetteer``: Ukraine's subdivisions become
labelled cells at their administrative centres, since the package has no shapes for them). Output: one JSON file with the SVG paths, label
points, Crimea's clip polygon and a tile-grid cartogram layout. Shapes: jvectormap-content (MIT),
derived from Natural Earth (public domain); the attribution travels inside the JSON.

Needs numpy + scipy (build time only; the app only reads the JSON).
"""
from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

RADIUS = 6381372  # jvectormap's sphere radius for the Miller projection
CENTRAL_MERIDIAN = 11.5
ATTRIBUTION = ("Region shapes: jvectormap-content 0.2.0 (MIT licence, https://github.com/alex-pex/jvectormap), "
               "derived from Natural Earth (public domain). Ukraine's subdivisions are drawn as labelled cells.")
# Crimea's peninsula as a lon/lat polygon; used to clip it out of Ukraine's outline. Hand-drawn because no
# open source found has the shape keyed UA-43; at this scale (~5 px per degree) a coarse polygon suffices.
CRIMEA_CLIP = [(32.2, 44.2), (32.2, 45.6), (33.5, 46.12), (34.2, 46.05), (34.75, 46.1), (35.5, 45.6),
               (36.9, 45.5), (36.9, 44.2)]
GRID_COLS, GRID_ROWS = 21, 10
# Cells that would sit on top of another one: Kyiv Oblast's centre is Kyiv itself (UA-30).
CELL_NUDGE = {"UA-32": (49.95, 30.95)}
PATH_RE = re.compile(r'(?:"([A-Z]{2}(?:-[A-Z0-9]+)?)"|\b([A-Z]{2})):\s*\{\s*path:\s*"([^"]+)",\s*name:\s*"([^"]+)"')
BBOX_RE = re.compile(r"bbox:\s*\[\{\s*y:\s*(-?[\d.e]+),\s*x:\s*(-?[\d.e]+)\s*\},\s*\{\s*y:\s*(-?[\d.e]+),"
                     r"\s*x:\s*(-?[\d.e]+)\s*\}\]", re.S)
WIDTH_RE = re.compile(r"insets:\s*\[\{\s*width:\s*([\d.]+),\s*top:\s*[\d.]+,\s*height:\s*([\d.]+)", re.S)


class Frame:
    """One jvectormap inset: pixel <-> projected metres."""

    def __init__(self, js: str) -> None:
        y0, x0, y1, x1 = map(float, BBOX_RE.search(js).groups())
        self.w, self.h = map(float, WIDTH_RE.search(js).groups())
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1

    def to_proj(self, px: float, py: float) -> tuple[float, float]:
        return self.x0 + px * (self.x1 - self.x0) / self.w, self.y0 + py * (self.y1 - self.y0) / self.h

    def to_px(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.x0) * self.w / (self.x1 - self.x0), (y - self.y0) * self.h / (self.y1 - self.y0)

    def lonlat(self, lon: float, lat: float) -> tuple[float, float]:
        x = RADIUS * math.radians(lon - CENTRAL_MERIDIAN)
        y = -RADIUS * math.log(math.tan(math.radians(45 + 0.4 * lat))) / 0.8
        return self.to_px(x, y)


def rings(d: str) -> list[list[tuple[float, float]]]:
    """Absolute point rings of an SVG path made of M/m/L/l/Z commands (all jvectormap uses)."""
    out: list[list[tuple[float, float]]] = []
    x = y = 0.0
    cmd = "M"
    nums = re.findall(r"[MmLlZz]|-?\d*\.?\d+(?:e-?\d+)?", d)
    i = 0
    while i < len(nums):
        tok = nums[i]
        if tok in "MmLlZz":
            cmd = tok
            i += 1
            if tok in "Zz":
                continue
            if tok in "Mm":
                out.append([])
            continue
        dx, dy = float(nums[i]), float(nums[i + 1])
        i += 2
        if cmd in "ml":
            x, y = x + dx, y + dy
        else:
            x, y = dx, dy
        out[-1].append((x, y))
        cmd = {"M": "L", "m": "l"}.get(cmd, cmd)
    return out


def to_path(rs: list[list[tuple[float, float]]]) -> str:
    return "".join("M" + "L".join(f"{x:.2f},{y:.2f}" for x, y in r) + "Z" for r in rs if r)


def centroid(rs: list[list[tuple[float, float]]]) -> tuple[float, float]:
    """Area centroid of the largest ring (the mainland of a region with islands)."""
    best, best_area = rs[0], 0.0
    for r in rs:
        a = abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]))) / 2
        if a > best_area:
            best, best_area = r, a
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(best, best[1:] + best[:1]):
        c = x0 * y1 - x1 * y0
        a, cx, cy = a + c, cx + (x0 + x1) * c, cy + (y0 + y1) * c
    if abs(a) < 1e-9:
        return best[0]
    return cx / (3 * a), cy / (3 * a)


def tile_grid(points: dict[str, tuple[float, float]]) -> dict[str, list[int]]:
    """Equal-size cells placed by an optimal assignment from rank-spread centroids to grid cells.

    Ranks (not raw coordinates) spread the dense west, so Moscow's neighbours do not pile up while
    Yakutia takes a whole column; the Hungarian assignment then keeps every cell near its region."""
    codes = sorted(points)
    xs = np.array([points[c][0] for c in codes])
    ys = np.array([points[c][1] for c in codes])

    def spread(v: np.ndarray, n: int) -> np.ndarray:
        ranks = v.argsort().argsort() / (len(v) - 1)
        lin = (v - v.min()) / (v.max() - v.min())
        return (0.7 * ranks + 0.3 * lin) * (n - 1)

    tx, ty = spread(xs, GRID_COLS), spread(ys, GRID_ROWS)
    cells = [(c, r) for r in range(GRID_ROWS) for c in range(GRID_COLS)]
    cost = np.array([[(tx[i] - c) ** 2 + (ty[i] - r) ** 2 for c, r in cells] for i in range(len(codes))])
    rows, cols = linear_sum_assignment(cost)
    return {codes[i]: list(cells[j]) for i, j in zip(rows, cols)}


def main(package: Path, out: Path) -> None:
    ru_js = (package / "ru-mill.js").read_text()
    eu_js = (package / "europe-mill.js").read_text()
    ru, eu = Frame(ru_js), Frame(eu_js)
    regions = {}
    for q, u, d, name in PATH_RE.findall(ru_js):
        code = q or u
        cx, cy = centroid(rings(d))
        regions[code] = {"path": d, "name": name, "label": [round(cx, 2), round(cy, 2)]}
    ua_path = next(d for q, u, d, _ in PATH_RE.findall(eu_js) if (q or u) == "UA")
    ua_rings = [[ru.to_px(*eu.to_proj(x, y)) for x, y in r] for r in rings(ua_path)]
    cells = {}
    from dossier.gazetteer import load

    for rec in load().regions(country="UA"):
        lat, lon = CELL_NUDGE.get(rec.id, (rec.lat, rec.lon))
        x, y = ru.lonlat(lon, lat)
        cells[rec.id] = {"name": rec.name_en, "label": [round(x, 2), round(y, 2)]}
    points = {c: tuple(v["label"]) for c, v in {**regions, **cells}.items()}
    every = [pt for v in regions.values() for r in rings(v["path"]) for pt in r] + [pt for r in ua_rings for pt in r]
    x0, y0 = min(x for x, _ in every) - 4, min(y for _, y in every) - 4
    viewbox = [round(x0, 1), round(y0, 1), round(max(x for x, _ in every) + 4 - x0, 1),
               round(max(y for _, y in every) + 12 - y0, 1)]  # room below for the Crimea/Sevastopol labels
    data = {
        "attribution": ATTRIBUTION, "width": ru.w, "height": round(ru.h, 2), "viewbox": viewbox,
        "regions": regions, "cells": cells,
        "context": {"UA": {"name": "Ukraine", "path": to_path(ua_rings)}},
        "clips": {"UA-43": [[round(v, 2) for v in ru.lonlat(lon, lat)] for lon, lat in CRIMEA_CLIP]},
        "grid": {"cols": GRID_COLS, "rows": GRID_ROWS, "cells": tile_grid(points)},
    }
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(regions)} region shapes, {len(cells)} cells -> {out} ({out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
