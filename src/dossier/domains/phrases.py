"""The phrase syntax of domain packs, and a matcher that finds pack phrases in a spaCy Doc.

A pack phrase is written the way a domain expert would write it: space-separated words, each
matching a token whose lower-cased text OR lemma equals the word ("summonses are served" and
"summons be serve" both match "summonses are served"). ``*`` alone matches any one token;
a trailing ``*`` matches by prefix ("мобилиз*"); a leading ``=`` matches that exact word form only
("=будет", not every form of быть). ``ё`` and ``е`` are the same letter. A word with an
inner hyphen ("call-up") matches one token or the hyphen-split tokens spaCy makes of it.
Russian phrases may be written in natural forms ("военные сборы", "электронная повестка"): each
word also matches tokens whose lemma is the word's own pymorphy lemma.

Hand-written because spaCy's PhraseMatcher matches one attribute at a time (text OR lemma) and
has no prefix wildcard; this matcher is small and indexes phrases by their first word.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from spacy.tokens import Doc, Token

T = TypeVar("T")


def norm(word: str) -> str:
    return word.casefold().replace("ё", "е").replace("’", "'")


def token_forms(token: Token) -> tuple[str, str]:
    return norm(token.text), norm(token.lemma_ or token.text)


Word = tuple[str, ...]  # a phrase word and its lemma: any of them matches


@lru_cache(maxsize=20000)
def russian_lemma(word: str) -> str:
    """pymorphy's normal form of one word (the lemma Natasha gives the same word in a text)."""
    return norm(_morph().parse(word)[0].normal_form)


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def split_phrase(phrase: str, lemmatize: Callable[[str], str] | None = None) -> tuple[Word, ...]:
    """Words of a pack phrase, each with its lemma when a lemmatizer is given; empty words dropped."""
    out = []
    for w in re.split(r"\s+", phrase.strip()):
        if not w:
            continue
        w = norm(w)
        plain = w.endswith("*") or w.startswith("=") or lemmatize is None or not w.isalpha()
        forms = (w,) if plain else tuple(dict.fromkeys((w, lemmatize(w))))
        out.append(forms)
    return tuple(out)


def word_matches(word: str | Word, token: Token) -> bool:
    if isinstance(word, tuple):
        return any(word_matches(w, token) for w in word)
    if word == "*":
        return not (token.is_punct or token.is_space)
    text, lemma = token_forms(token)
    if word.startswith("=") and len(word) > 1:
        return word[1:] == text
    if word.endswith("*") and len(word) > 1:
        stem = word[:-1]
        return text.startswith(stem) or lemma.startswith(stem)
    return word == text or word == lemma


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int  # token index
    end: int  # token index, exclusive
    payload: T


class PhraseIndex(Generic[T]):
    """Phrases (each with a payload) matched against token text or lemma, longest first."""

    def __init__(self, lemmatize: Callable[[str], str] | None = None) -> None:
        self.lemmatize = lemmatize
        self._by_first: dict[str, list[tuple[tuple[Word, ...], T]]] = {}
        self._wild: list[tuple[tuple[Word, ...], T]] = []  # first word is a wildcard or prefix

    def add(self, phrase: str, payload: T) -> None:
        words = split_phrase(phrase, self.lemmatize)
        if not words:
            return
        first = words[0]
        if any(f.endswith("*") for f in first):
            self._wild.append((words, payload))
            return
        keys = set()
        for form in first:
            form = form[1:] if form.startswith("=") and len(form) > 1 else form
            keys.add(form)
            if "-" in form[1:]:  # "call-up" may come as the tokens "call", "-", "up"
                keys.add(form.split("-", 1)[0])
        for key in keys:
            self._by_first.setdefault(key, []).append((words, payload))

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values()) + len(self._wild)

    def _candidates(self, token: Token) -> Iterable[tuple[tuple[Word, ...], T]]:
        text, lemma = token_forms(token)
        yield from self._by_first.get(text, ())
        if lemma != text:
            yield from self._by_first.get(lemma, ())
        yield from self._wild

    def matches(self, doc: Doc, start: int = 0, end: int | None = None) -> Iterator[Match[T]]:
        """Every match inside tokens [start, end), overlapping ones included."""
        end = len(doc) if end is None else end
        for i in range(start, end):
            if doc[i].is_space:
                continue
            seen: set[tuple[tuple[Word, ...], int]] = set()
            for words, payload in self._candidates(doc[i]):
                stop = _match_at(doc, i, end, words)
                if stop is not None and (words, id(payload)) not in seen:
                    seen.add((words, id(payload)))
                    yield Match(i, stop, payload)


def _match_at(doc: Doc, i: int, end: int, words: tuple[Word, ...]) -> int | None:
    """Token index after the phrase when `words` match from token i, else None."""
    for forms in words:
        while i < end and doc[i].is_space:
            i += 1
        if i >= end:
            return None
        if word_matches(forms, doc[i]):
            i += 1
            continue
        word = forms[0]
        parts = [p for p in re.split(r"(-)", word) if p] if "-" in word[1:] else []
        if len(parts) < 2 or i + len(parts) > end:
            return None
        if not all(word_matches(p, doc[i + k]) for k, p in enumerate(parts)):
            return None
        i += len(parts)
    return i


def longest_first(found: Iterable[Match[T]]) -> list[Match[T]]:
    """Non-overlapping matches, preferring longer ones, then earlier ones (stable for equal spans)."""
    chosen: list[Match[T]] = []
    taken: set[int] = set()
    for m in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if not taken.intersection(range(m.start, m.end)):
            chosen.append(m)
            taken.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)
