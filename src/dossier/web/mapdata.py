"""The dashboard's map: region shapes (built once by ``scripts/build_map_data.py``) rendered as SVG.

The map is drawn on the server, so it works without JavaScript and without any network; the small
script in ``static/app.js`` only turns a click on a region into a filter. Two layouts share one
colour scale: ``geo`` (Miller-projected shapes; Ukraine's subdivisions as labelled cells on Ukraine's
outline, Crimea clipped out of it) and ``grid`` (a tile-grid cartogram of equal cells, where small,
dense regions are not lost).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from markupsafe import Markup

# Sequential palette (ColorBrewer "OrRd", 5 classes); index 0 is "no data".
_PATH_RE = re.compile(r"^[MLZmlz0-9.,\- ]+$")
PALETTE = ("#eeeeee", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000")


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    path: str | None  # SVG path in map pixels; None for a cell drawn as a labelled marker
    label: tuple[float, float]
    clip: str | None = None  # id of a clipPath (Crimea drawn from Ukraine's outline)


@lru_cache(maxsize=1)
def map_data() -> dict[str, Any]:
    """The shipped map data file (shapes, cells, grid layout and attribution)."""
    raw = resources.files("dossier.web").joinpath("data/regions_map.json").read_text(encoding="utf-8")
    return json.loads(raw)


@lru_cache(maxsize=4096)
def place_name(code: str) -> str:
    """Display name of any place id (region, country, city, macro-region); the id itself when unknown."""
    name = region_names().get(code)
    if name:
        return name
    try:
        from dossier.gazetteer import load
    except ImportError:
        return code
    rec = load().get(code)
    return rec.name_en if rec is not None and rec.name_en else code


@lru_cache(maxsize=1)
def region_names() -> dict[str, str]:
    """ISO 3166-2 code -> display name: the gazetteer's English name when it is available, else the map's."""
    data = map_data()
    names = {c: v["name"] for c, v in data["regions"].items()} | {c: v["name"] for c, v in data["cells"].items()}
    return names | _gazetteer_names(tuple(names))


@lru_cache(maxsize=1)
def _gazetteer_names(codes: tuple[str, ...]) -> dict[str, str]:
    try:  # the gazetteer owns place names; the map's own (transliterated) names are the fallback
        from dossier.gazetteer import load
    except ImportError:
        return {}
    gz = load()
    return {c: rec.name_en for c in codes if (rec := gz.get(c)) is not None and rec.name_en}


def _safe_path(d: str) -> Markup:
    """A path from the data file as markup that needs no escaping: checked to hold only path syntax."""
    if not _PATH_RE.match(d):
        raise ValueError("map data: a region path holds characters other than SVG path syntax")
    return Markup(d)


@lru_cache(maxsize=1)
def shapes() -> tuple[Shape, ...]:
    data, names = map_data(), region_names()
    out = [Shape(c, names[c], _safe_path(v["path"]), tuple(v["label"])) for c, v in sorted(data["regions"].items())]
    for code, cell in sorted(data["cells"].items()):
        clip = f"clip-{code}" if code in data["clips"] else None
        path = _safe_path(data["context"]["UA"]["path"]) if clip else None
        out.append(Shape(code, names[code], path, tuple(cell["label"]), clip))
    return tuple(out)


def all_codes() -> list[str]:
    return [s.code for s in shapes()]


def colour_classes(counts: dict[str, int]) -> tuple[dict[str, int], list[tuple[int, int]]]:
    """Class (0..4) per code and the (low, high) bounds of classes 1..4: quartile-like breaks on the
    positive counts, so one hot region does not wash out the rest."""
    values = sorted(v for v in counts.values() if v > 0)
    if not values:
        return {}, []
    breaks: list[int] = []
    for q in (0.25, 0.5, 0.75):
        b = values[min(len(values) - 1, int(q * len(values)))]
        if not breaks or b > breaks[-1]:
            breaks.append(b)
    bounds, low = [], values[0]
    for b in breaks + [values[-1]]:
        if b >= low:
            bounds.append((low, b))
            low = b + 1
    classes = {}
    for code, v in counts.items():
        if v > 0:
            classes[code] = next((i + 1 for i, (_, hi) in enumerate(bounds) if v <= hi), len(bounds))
    return classes, bounds


def grid_layout() -> dict[str, Any]:
    return map_data()["grid"]


def attribution() -> str:
    return map_data()["attribution"]


def clip_polygons() -> dict[str, str]:
    return {f"clip-{c}": " ".join(f"{x},{y}" for x, y in pts) for c, pts in map_data()["clips"].items()}


def context_paths() -> dict[str, str]:
    return {c: _safe_path(v["path"]) for c, v in map_data()["context"].items()}
