"""Geometry of the server-side SVG charts (map colours live in ``mapdata``; this is the timeline)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

# Tableau 10: distinct, colour-blind-aware hues for up to ten event types.
TYPE_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                "#9c755f", "#bab0ac")


def period_range(period: str, bucket: str) -> tuple[str, str]:
    """(since, until) of one timeline column: a day, the week starting on that Monday, or a month."""
    import calendar
    import datetime as dt

    if bucket == "month" and len(period) == 7:
        y, m = map(int, period.split("-"))
        return f"{period}-01", f"{period}-{calendar.monthrange(y, m)[1]:02d}"
    if bucket == "week":
        start = dt.date.fromisoformat(period)
        return period, (start + dt.timedelta(days=6)).isoformat()
    return period, period


@dataclass
class Bar:
    x: float
    y: float
    w: float
    h: float
    colour: str
    period: str
    type: str
    count: int


def type_colours(types: list[str]) -> dict[str, str]:
    return {t: TYPE_COLOURS[i % len(TYPE_COLOURS)] for i, t in enumerate(sorted(types))}


def timeline_chart(rows: list[dict[str, Any]], colours: dict[str, str], width: int = 900,
                   height: int = 140) -> dict[str, Any]:
    """Stacked bars, one column per period, one segment per event type; labels for ~8 periods."""
    per: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for r in rows:
        per[r["period"]].append((r["type"], r["count"]))
    periods = sorted(per)
    if not periods:
        return {"bars": [], "labels": [], "max": 0, "width": width, "height": height}
    top = max(sum(n for _, n in v) for v in per.values())
    step = width / len(periods)
    bars, labels = [], []
    every = max(1, len(periods) // 8)
    for i, period in enumerate(periods):
        y = float(height)
        for etype, n in sorted(per[period]):
            h = n / top * (height - 10)
            y -= h
            w = min(max(step * 0.8, 1), 24)  # a few periods must not become slabs
            bars.append(Bar(round(i * step + (step - w) / 2, 2), round(y, 2), round(w, 2),
                            round(h, 2), colours.get(etype, "#999"), period, etype, n))
        if i % every == 0:
            labels.append({"x": round(i * step, 2), "text": period})
    return {"bars": bars, "labels": labels, "max": top, "width": width, "height": height}
