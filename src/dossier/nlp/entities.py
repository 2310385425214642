"""Entities component: people, organisations and media named in the article, merged per article.

Baseline: spaCy/Natasha NER mentions grouped by their last word (surname) for people and by exact
name for the rest. The quotes component adds speakers through :class:`EntityIndex`.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from dossier.model import Entity

NER_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "NORP": "GROUP"}


class EntityIndex:
    """The article's entities, with lookup by name so that every mention of one person is one entity."""

    def __init__(self) -> None:
        self.items: list[Entity] = []
        self._by_key: dict[tuple[str, str], Entity] = {}

    @staticmethod
    def key(etype: str, name: str) -> tuple[str, str]:
        words = name.replace("’", "'").removesuffix("'s").split()
        return (etype, (words[-1] if etype == "PERSON" and words else name).casefold())

    def add(self, etype: str, name: str, start: int | None = None, end: int | None = None) -> Entity:
        k = self.key(etype, name)
        ent = self._by_key.get(k)
        if ent is None:
            ent = Entity(id=f"e{len(self.items) + 1}", type=etype, name=name)
            self.items.append(ent)
            self._by_key[k] = ent
        elif len(name) > len(ent.name):  # "Peskov" then "Dmitry Peskov": keep the fuller name
            ent.aliases.append(ent.name)
            ent.name = name
        elif name != ent.name and name not in ent.aliases:
            ent.aliases.append(name)
        if start is not None and [start, end] not in ent.mentions:
            ent.mentions.append([start, end])
        return ent

    def find(self, etype: str, name: str) -> Entity | None:
        return self._by_key.get(self.key(etype, name))


def ner_entities(doc: Doc) -> EntityIndex:
    index = EntityIndex()
    for ent in doc.ents:
        etype = NER_TYPES.get(ent.label_)
        if etype:
            span = _trim(ent)
            if span is not None and len(span.text) > 1:
                index.add(etype, span.text, span.start_char, span.end_char)
    return index


def _trim(span: Span) -> Span | None:
    """Drop a leading article and a trailing possessive so "the Kremlin's" names "Kremlin"."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and span.doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    return span.doc[start:end] if end > start else None


@Language.factory("dossier_entities", default_config={"lang": "en"})
def make_entities(nlp: Language, name: str, lang: str):
    def entities(doc: Doc) -> Doc:
        doc._.entities = ner_entities(doc)
        return doc
    return entities
