"""The extraction contract (`dossier.extraction/1`): the one module that owns its types.

Every stage speaks these dataclasses. Offsets are Python ``str`` indices (code points) into
``Extraction.text``, end-exclusive; ``text[start:end] == span.text`` always holds, and
:func:`validate` checks it. Unknown values are ``None``, never a guess dressed as a fact.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from dossier.errors import DossierError

SCHEMA = "dossier.extraction/1"

ENTITY_TYPES = ("PERSON", "ORG", "MEDIA", "GPE", "GROUP")
PLACE_KINDS = ("country", "region", "city", "macro_region")
QUOTE_KINDS = ("direct", "indirect", "mixed")
QUALIFIERS = ("up_to", "more_than", "less_than", "about", "average")
PRECISIONS = ("day", "month", "year")
RELATIONS = ("since", "by", "until", "on", "from", "before", "after")
POLARITIES = ("asserted", "denied", "rumored", "planned", "hypothetical")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def date_of(value: str | None) -> dt.date | None:
    """The first day a contract date value (YYYY, YYYY-MM or YYYY-MM-DD) can mean; None when empty or invalid."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")] + [1, 1]
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def sha256_text(text: str) -> str:
    """The id of a document: sha256 of its body text (UTF-8), hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Document:
    """One article as read from a source, before any language processing."""

    text: str
    source: str = ""
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD (or coarser) when known
    language: str | None = None  # "en" | "ru"
    url: str | None = None
    outlet: str | None = None  # publisher / channel name when the source tells it
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return sha256_text(self.text)

    def header(self) -> dict[str, Any]:
        """The contract's ``document`` object."""
        return {"id": self.id, "source": self.source, "title": self.title, "published": self.published,
                "language": self.language, "text_sha256": self.id, "url": self.url, "outlet": self.outlet}


@dataclass
class Entity:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[list[int]] = field(default_factory=list)


@dataclass
class Place:
    start: int
    end: int
    text: str
    id: str
    name: str
    kind: str
    region: str | None = None
    country: str | None = None
    negated: bool = False
    alternatives: list[str] = field(default_factory=list)  # other ids an ambiguous mention may mean


@dataclass
class Speaker:
    name: str
    entity: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Quote:
    start: int
    end: int
    text: str
    kind: str
    speaker: Speaker | None = None
    cue: str | None = None
    cue_span: list[int] | None = None
    via: str | None = None
    date: str | None = None


@dataclass
class Quantity:
    start: int
    end: int
    text: str
    value: float | int | None = None
    low: float | int | None = None
    high: float | int | None = None
    approx: bool = False
    qualifier: str | None = None
    unit: str | None = None
    counted: str | None = None


@dataclass
class DateRef:
    start: int
    end: int
    text: str
    value: str | None = None
    precision: str | None = None
    relation: str | None = None


@dataclass
class Trigger:
    start: int
    end: int
    text: str


@dataclass
class Event:
    type: str
    polarity: str
    trigger: Trigger
    sentence: list[int]
    places: list[str] = field(default_factory=list)
    date: str | None = None
    quantities: list[int] = field(default_factory=list)  # indexes into Extraction.quantities
    actors: list[str] = field(default_factory=list)  # entity ids
    attributed_to: str | None = None  # entity id of the speaker when the event sits in a quote


@dataclass
class Extraction:
    document: Document
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.document.text

    def to_dict(self) -> dict[str, Any]:
        def plain(items: list[Any]) -> list[dict[str, Any]]:
            return [dataclasses.asdict(x) for x in items]

        return {"schema": SCHEMA, "document": self.document.header(), "text": self.text,
                "entities": plain(self.entities), "places": plain(self.places), "quotes": plain(self.quotes),
                "quantities": plain(self.quantities), "dates": plain(self.dates), "events": plain(self.events)}

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        if data.get("schema") != SCHEMA:
            raise DossierError("E201", f"schema is {data.get('schema')!r}, expected {SCHEMA!r}")
        head = data.get("document") or {}
        doc = Document(text=data["text"], source=head.get("source") or "", title=head.get("title"),
                       published=head.get("published"), language=head.get("language"),
                       url=head.get("url"), outlet=head.get("outlet"))
        quotes = []
        for q in data.get("quotes", []):
            q = dict(q)
            spk = q.pop("speaker", None)
            quotes.append(Quote(**q, speaker=Speaker(**spk) if spk else None))
        events = []
        for e in data.get("events", []):
            e = dict(e)
            events.append(Event(**{**e, "trigger": Trigger(**e["trigger"])}))
        return cls(document=doc, entities=[Entity(**x) for x in data.get("entities", [])],
                   places=[Place(**x) for x in data.get("places", [])], quotes=quotes,
                   quantities=[Quantity(**x) for x in data.get("quantities", [])],
                   dates=[DateRef(**x) for x in data.get("dates", [])], events=events)

    @classmethod
    def from_json(cls, raw: str) -> Extraction:
        return cls.from_dict(json.loads(raw))


def _check_span(text: str, where: str, start: Any, end: Any, expect: str | None, problems: list[str]) -> None:
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        problems.append(f"{where}: offsets [{start}, {end}] outside text of length {len(text)}")
    elif expect is not None and text[start:end] != expect:
        problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, span text is {expect!r}")


def _check_enum(where: str, value: Any, allowed: tuple[str, ...], problems: list[str], nullable: bool = True) -> None:
    if value is None and nullable:
        return
    if value not in allowed:
        problems.append(f"{where}: {value!r} is not one of {', '.join(allowed)}")


def _check_date(where: str, value: Any, problems: list[str]) -> None:
    if value is not None and not (isinstance(value, str) and _DATE_RE.match(value)):
        problems.append(f"{where}: {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")


def problems(ex: Extraction, event_types: set[str] | None = None) -> list[str]:
    """Every way `ex` breaks the contract, as readable strings naming the field at fault."""
    text, out = ex.text, []
    if ex.document.language not in (None, "en", "ru"):
        out.append(f"document.language: {ex.document.language!r} is not en or ru")
    _check_date("document.published", ex.document.published, out)
    ids = {e.id for e in ex.entities}
    if len(ids) != len(ex.entities):
        out.append("entities: duplicate ids")
    for i, e in enumerate(ex.entities):
        _check_enum(f"entities[{i}].type", e.type, ENTITY_TYPES, out, nullable=False)
        for j, m in enumerate(e.mentions):
            _check_span(text, f"entities[{i}].mentions[{j}]", m[0], m[1], None, out)
    for i, p in enumerate(ex.places):
        _check_span(text, f"places[{i}]", p.start, p.end, p.text, out)
        _check_enum(f"places[{i}].kind", p.kind, PLACE_KINDS, out, nullable=False)
    for i, q in enumerate(ex.quotes):
        _check_span(text, f"quotes[{i}]", q.start, q.end, q.text, out)
        _check_enum(f"quotes[{i}].kind", q.kind, QUOTE_KINDS, out, nullable=False)
        _check_date(f"quotes[{i}].date", q.date, out)
        if q.speaker is not None:
            if q.speaker.entity is not None and q.speaker.entity not in ids:
                out.append(f"quotes[{i}].speaker.entity: {q.speaker.entity!r} is not an entity id")
            if q.speaker.start is not None:
                _check_span(text, f"quotes[{i}].speaker", q.speaker.start, q.speaker.end, None, out)
        if q.cue_span is not None:
            _check_span(text, f"quotes[{i}].cue_span", q.cue_span[0], q.cue_span[1], q.cue, out)
    for i, n in enumerate(ex.quantities):
        _check_span(text, f"quantities[{i}]", n.start, n.end, n.text, out)
        _check_enum(f"quantities[{i}].qualifier", n.qualifier, QUALIFIERS, out)
    for i, d in enumerate(ex.dates):
        _check_span(text, f"dates[{i}]", d.start, d.end, d.text, out)
        _check_date(f"dates[{i}].value", d.value, out)
        _check_enum(f"dates[{i}].precision", d.precision, PRECISIONS, out)
        _check_enum(f"dates[{i}].relation", d.relation, RELATIONS, out)
    for i, ev in enumerate(ex.events):
        if event_types is not None and ev.type not in event_types:
            out.append(f"events[{i}].type: {ev.type!r} is not a type of the active domain pack")
        _check_enum(f"events[{i}].polarity", ev.polarity, POLARITIES, out, nullable=False)
        _check_span(text, f"events[{i}].trigger", ev.trigger.start, ev.trigger.end, ev.trigger.text, out)
        _check_span(text, f"events[{i}].sentence", ev.sentence[0], ev.sentence[1], None, out)
        _check_date(f"events[{i}].date", ev.date, out)
        for k in ev.quantities:
            if not 0 <= k < len(ex.quantities):
                out.append(f"events[{i}].quantities: index {k} out of range")
        for a in ev.actors + ([ev.attributed_to] if ev.attributed_to else []):
            if a not in ids:
                out.append(f"events[{i}]: actor {a!r} is not an entity id")
    return out


def validate(ex: Extraction, event_types: set[str] | None = None) -> Extraction:
    """Return `ex` unchanged, or raise DossierError E200 listing every contract violation."""
    found = problems(ex, event_types)
    if found:
        raise DossierError("E200", "extraction breaks the contract: " + "; ".join(found[:20]))
    return ex
