"""Domain packs: declarative event vocabularies, one TOML file per domain, and their loader.

A pack names its event types and, per language, the trigger phrases that announce each type, the
cues that change an event's polarity (denied, rumored, planned, hypothetical) and the discourse
cues the event extractor needs (national scope, list continuations, reporting verbs). The
pipeline knows events only through a pack: a second domain is a second file beside
``mobilization.toml`` (or any path given to :func:`load_pack`). The phrase syntax is described in
:mod:`dossier.domains.phrases`.

The loader validates the whole file once and raises a coded :class:`DossierError` (E41x) naming the
file and the field at fault.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from dossier.errors import DossierError

PACK_DIR = Path(__file__).resolve().parent
DEFAULT_PACK = "mobilization"
LANGS = ("en", "ru")
CUE_POLARITIES = ("denied", "rumored", "planned", "hypothetical")
SCOPES = ("national", "local")
DISCOURSE_KEYS = ("national", "continuation", "reporting", "local_anaphora", "destination", "not_triggers",
                  "anaphoric_modifiers", "question")

__all__ = ["Pack", "EventType", "TriggerRule", "load_pack", "available_packs", "active_pack", "PACK_DIR"]


@dataclass(frozen=True)
class TriggerRule:
    """One trigger phrase of an event type. Contextual rules fire only near a context phrase."""

    phrase: str
    type: str
    context: tuple[str, ...] = ()
    window: int = 0  # sentences either side where a context phrase may stand
    needs_quantity: bool = False  # fires only when the sentence carries a quantity
    unless: tuple[str, ...] = ()  # does not fire when one of these phrases is in the sentence
    lede: bool = False  # the context may also stand in the headline or the first paragraph (the story's topic)

    @property
    def contextual(self) -> bool:
        return bool(self.context or self.unless) or self.needs_quantity


@dataclass(frozen=True)
class EventType:
    name: str
    label: str
    description: str
    scope: str  # "national": no regional default; "local": may take the article's focus region
    quantity_hints: tuple[str, ...] = ()  # what the event's numbers count ("people", "человек")


@dataclass
class LanguageRules:
    triggers: list[TriggerRule] = field(default_factory=list)
    cues: dict[str, list[str]] = field(default_factory=dict)  # polarity -> phrases
    negation: list[str] = field(default_factory=list)  # narrow-scope negators ("not", "не")
    planned_features: list[str] = field(default_factory=list)  # morphology of a future verb
    discourse: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Pack:
    name: str
    version: int
    title: str
    default_country: str
    window_days: int
    quantity_tolerance: float
    polarity_order: tuple[str, ...]
    types: dict[str, EventType]
    languages: dict[str, LanguageRules]
    source: Path

    def rules(self, lang: str) -> LanguageRules:
        rules = self.languages.get(lang)
        if rules is None:
            raise DossierError("E413", f"domain pack {self.name!r} has no rules for language {lang!r}; "
                               f"it covers {', '.join(self.languages)}", where=str(self.source))
        return rules

    @property
    def type_names(self) -> set[str]:
        return set(self.types)


def available_packs() -> list[str]:
    """Names of the packs shipped inside the package (one TOML file each)."""
    return sorted(p.stem for p in PACK_DIR.glob("*.toml"))


def active_pack() -> Pack:
    """The pack the pipeline uses: ``DOSSIER_DOMAIN`` (a name or a path), else ``mobilization``."""
    return load_pack(os.environ.get("DOSSIER_DOMAIN") or DEFAULT_PACK)


@lru_cache(maxsize=None)
def load_pack(name: str = DEFAULT_PACK) -> Pack:
    """Load and validate a pack by name (a file in this package) or by path to a TOML file."""
    path = Path(name) if name.endswith(".toml") else PACK_DIR / f"{name}.toml"
    if not path.is_file():
        raise DossierError("E410", f"domain pack {name!r} not found; available: {', '.join(available_packs())} "
                           "(or give a path to a .toml file)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise DossierError("E411", f"not valid TOML: {e}", where=str(path)) from e
    return _Parser(path).pack(data)


class _Parser:
    """Turns the TOML tree into a Pack, naming file and field in every error."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, message: str) -> DossierError:
        return DossierError("E412", f"{where}: {message}", where=str(self.path))

    def get(self, table: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str,
            default: Any = ...) -> Any:
        if key not in table:
            if default is ...:
                raise self.fail(f"{where}.{key}", "is required")
            return default
        value = table[key]
        if not isinstance(value, kind) or isinstance(value, bool) and kind in (int, float, (int, float)):
            raise self.fail(f"{where}.{key}", f"{value!r} should be {getattr(kind, '__name__', kind)}")
        return value

    def strings(self, table: dict[str, Any], key: str, where: str) -> list[str]:
        value = self.get(table, key, list, where, default=[])
        for i, s in enumerate(value):
            if not isinstance(s, str) or not s.strip():
                raise self.fail(f"{where}.{key}[{i}]", f"{s!r} should be a non-empty string")
        return list(value)

    def no_unknown(self, table: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
        extra = sorted(set(table) - set(allowed))
        if extra:
            raise self.fail(where, f"unknown key(s) {', '.join(extra)}; allowed: {', '.join(allowed)}")

    def pack(self, data: dict[str, Any]) -> Pack:
        self.no_unknown(data, ("pack", "polarity", "discourse", "types"), "top level")
        head = self.get(data, "pack", dict, "top level")
        self.no_unknown(head, ("name", "version", "title", "default_country", "window_days",
                               "quantity_tolerance"), "pack")
        types_t = self.get(data, "types", dict, "top level")
        if not types_t:
            raise self.fail("types", "a pack needs at least one event type")
        types = {n: self.event_type(n, t) for n, t in types_t.items()}
        languages = {lang: LanguageRules() for lang in LANGS}
        for name, table in types_t.items():
            for lang in LANGS:
                if lang in table:
                    languages[lang].triggers += self.triggers(name, lang, table[lang])
        polarity = self.get(data, "polarity", dict, "top level")
        order = self.strings(polarity, "order", "polarity")
        if sorted(order) != sorted(CUE_POLARITIES):
            raise self.fail("polarity.order", f"{order!r} should list each of {', '.join(CUE_POLARITIES)} once")
        discourse = self.get(data, "discourse", dict, "top level", default={})
        for lang in LANGS:
            self.language(languages[lang], lang, polarity.get(lang, {}), discourse.get(lang, {}))
        country = self.get(head, "default_country", str, "pack")
        if len(country) != 2 or not country.isupper():
            raise self.fail("pack.default_country", f"{country!r} should be an ISO 3166-1 alpha-2 code")
        return Pack(name=self.get(head, "name", str, "pack"), version=self.get(head, "version", int, "pack"),
                    title=self.get(head, "title", str, "pack", default=""), default_country=country,
                    window_days=self.get(head, "window_days", int, "pack", default=30),
                    quantity_tolerance=float(self.get(head, "quantity_tolerance", (int, float), "pack", default=0.25)),
                    polarity_order=tuple(order), types=types,
                    languages={k: v for k, v in languages.items() if v.triggers}, source=self.path)

    def event_type(self, name: str, t: Any) -> EventType:
        where = f"types.{name}"
        if not isinstance(t, dict):
            raise self.fail(where, "should be a table")
        self.no_unknown(t, ("label", "description", "scope", "quantity_hints", *LANGS), where)
        scope = self.get(t, "scope", str, where, default="local")
        if scope not in SCOPES:
            raise self.fail(f"{where}.scope", f"{scope!r} is not one of {', '.join(SCOPES)}")
        return EventType(name=name, label=self.get(t, "label", str, where),
                         description=self.get(t, "description", str, where, default=""), scope=scope,
                         quantity_hints=tuple(self.strings(t, "quantity_hints", where)))

    def triggers(self, name: str, lang: str, t: Any) -> list[TriggerRule]:
        where = f"types.{name}.{lang}"
        if not isinstance(t, dict):
            raise self.fail(where, "should be a table")
        self.no_unknown(t, ("triggers", "contextual"), where)
        rules = [TriggerRule(p, name) for p in self.strings(t, "triggers", where)]
        for i, c in enumerate(self.get(t, "contextual", list, where, default=[])):
            w = f"{where}.contextual[{i}]"
            if not isinstance(c, dict):
                raise self.fail(w, "should be an inline table {phrases=[…], context=[…]}")
            self.no_unknown(c, ("phrases", "context", "window", "needs_quantity", "unless", "lede"), w)
            context = tuple(self.strings(c, "context", w))
            needs_q = self.get(c, "needs_quantity", bool, w, default=False)
            unless = tuple(self.strings(c, "unless", w))
            if not context and not needs_q and not unless:
                raise self.fail(w, "a contextual trigger needs `context`, `unless` or `needs_quantity = true`")
            window = self.get(c, "window", int, w, default=0)
            lede = self.get(c, "lede", bool, w, default=False)
            phrases = self.strings(c, "phrases", w)
            if not phrases:
                raise self.fail(f"{w}.phrases", "is required")
            rules += [TriggerRule(p, name, context, window, needs_q, unless, lede) for p in phrases]
        return rules

    def language(self, rules: LanguageRules, lang: str, pol: dict[str, Any], disc: dict[str, Any]) -> None:
        self.no_unknown(pol, (*CUE_POLARITIES, "negation", "planned_features"), f"polarity.{lang}")
        rules.cues = {p: self.strings(pol, p, f"polarity.{lang}") for p in CUE_POLARITIES}
        rules.negation = self.strings(pol, "negation", f"polarity.{lang}")
        rules.planned_features = self.strings(pol, "planned_features", f"polarity.{lang}")
        for i, feat in enumerate(rules.planned_features):
            if "=" not in feat:
                raise self.fail(f"polarity.{lang}.planned_features[{i}]", f"{feat!r} should look like Tense=Fut")
        self.no_unknown(disc, DISCOURSE_KEYS, f"discourse.{lang}")
        rules.discourse = {k: self.strings(disc, k, f"discourse.{lang}") if k in disc else []
                           for k in DISCOURSE_KEYS}
