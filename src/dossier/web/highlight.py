"""Article text as HTML with its extracted spans highlighted; every character of article text is escaped.

Spans overlap freely (a quote holds places and numbers; a speaker may sit inside an event sentence),
while HTML needs proper nesting. The text is cut at every span boundary and, segment by segment, the
open tags are reconciled with the spans covering it (outermost first); a span is split only where it
crosses another's edge. Hand-written: markupsafe escapes but no library nests overlapping ranges.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from dossier.model import Extraction


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # place | quote | speaker | quantity | date | trigger
    title: str
    data: tuple[tuple[str, str], ...] = field(default=())

    def open_tag(self) -> str:
        attrs = "".join(f' data-{k}="{escape(v)}"' for k, v in self.data)
        return f'<span class="hl hl-{self.kind}" title="{escape(self.title)}"{attrs}>'


def _num(v: object) -> str:
    return f"{v:,}" if isinstance(v, (int, float)) and not isinstance(v, bool) else "?"


def spans(ex: Extraction) -> list[Span]:
    """Every highlightable span of an extraction, with the resolved value as its hover text."""
    names = {e.id: e.name for e in ex.entities}
    out = [Span(p.start, p.end, "place", f"{p.name} · {p.id} · {p.kind}" + (" · negated" if p.negated else ""),
                (("code", p.region or p.id),)) for p in ex.places]
    for i, q in enumerate(ex.quotes):
        who = q.speaker.name if q.speaker else "unknown speaker"
        out.append(Span(q.start, q.end, "quote", f"{q.kind} quote · {who}" + (f" · via {q.via}" if q.via else ""),
                        (("quote", str(i)),)))
        if q.speaker and q.speaker.start is not None and q.speaker.end is not None:
            out.append(Span(q.speaker.start, q.speaker.end, "speaker", f"speaker of quote {i + 1}: {who}",
                            (("quote", str(i)),)))
    for n in ex.quantities:
        value = f"{_num(n.low)}–{_num(n.high)}" if n.low is not None or n.high is not None else _num(n.value)
        extra = " ".join(x for x in (n.qualifier, n.unit or n.counted) if x)
        out.append(Span(n.start, n.end, "quantity", f"{value} {extra}".strip()))
    for d in ex.dates:
        out.append(Span(d.start, d.end, "date", f"{d.value or 'unresolved'}" + (f" ({d.relation})" if d.relation else "")))
    for ev in ex.events:
        who = names.get(ev.attributed_to or "", "")
        title = f"{ev.type} · {ev.polarity}" + (f" · {', '.join(ev.places)}" if ev.places else "")
        out.append(Span(ev.trigger.start, ev.trigger.end, "trigger", title + (f" · per {who}" if who else ""),
                        (("type", ev.type),)))
    return [s for s in out if 0 <= s.start < s.end <= len(ex.text)]


def render(text: str, items: list[Span]) -> Markup:
    """`text` as escaped HTML with `items` wrapped in nested ``<span class="hl hl-KIND">`` tags."""
    cuts = sorted({0, len(text)} | {s.start for s in items} | {s.end for s in items})
    order = sorted(items, key=lambda s: (s.start, -s.end))
    parts: list[str] = []
    stack: list[Span] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [s for s in order if s.start <= a and b <= s.end]
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        parts.extend("</span>" for _ in stack[keep:])
        parts.extend(s.open_tag() for s in active[keep:])
        stack = active
        parts.append(str(escape(text[a:b])))
    parts.extend("</span>" for _ in stack)
    return Markup("".join(parts))


def highlight(ex: Extraction) -> Markup:
    return render(ex.text, spans(ex))
