"""Sentence segments shared by the components that reason per sentence (quotes, events)."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span


def sentences(doc: Doc, lang: str = "en") -> list[Span]:
    """The parser's sentences, also cut at line breaks (a heading never runs into the next paragraph).

    Russian Docs get their sentences from punctuation instead: their dependency trees come from Natasha
    per sentence, and spaCy's tree-derived ``doc.sents`` can split a sentence between subject and verb."""
    if lang == "ru":
        return _punctuation_sentences(doc)
    return line_sentences(doc)


def line_sentences(doc: Doc) -> list[Span]:
    """The parser's sentences, cut at line breaks: a headline or a dateline the parser ran into the next
    paragraph is a sentence of its own, and a line break is a paragraph boundary."""
    out = []
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if tok.i > start:
                    out.append(doc[start:tok.i])
                start = tok.i + 1
        if sent.end > start:
            out.append(doc[start:sent.end])
    return _join_split_names([s for s in out if s.text.strip()])


def _join_split_names(spans: list[Span]) -> list[Span]:
    """«Мобилизация. Новости», “Voices. Ural”: a full stop inside a short quoted name is no sentence end — the
    two pieces are one sentence again when the mark opened before the cut closes within a few words after it."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.end == span.start and _opens_unclosed(prev.text) \
                and any(c in span.text[:40] for c in "»”") and "\n" not in span.doc.text[prev.end_char:span.start_char]:
            out[-1] = span.doc[prev.start:span.end]
        else:
            out.append(span)
    return out


def _opens_unclosed(text: str) -> bool:
    tail = text[-40:]
    return any(tail.count(o) > tail.count(c) for o, c in (("«", "»"), ("“", "”")))


_ABBREV = re.compile(r"(?:\b[A-ZА-ЯЁ]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Jr|Sr|Prof|Gov|Sen|Rep|Lt|ул|г|гг|им|т|д|"
                     r"пр|просп|обл|р-н|тыс|млн|млрд|трлн|руб|ст|ч|п))\.$")


def _punctuation_sentences(doc: Doc) -> list[Span]:
    text, out, start = doc.text, [], 0
    for m in re.finditer(r"[.!?…]+[\"»”]?(?=\s+[\"«“„(—–A-ZА-ЯЁ0-9])|\n+", text):
        if m.group()[0] == "." and _ABBREV.search(text[max(0, m.start() - 8):m.start() + 1]):
            continue
        _add_sentence(doc, text, start, m.end(), out)
        start = m.end()
    _add_sentence(doc, text, start, len(text), out)
    return out


def _add_sentence(doc: Doc, text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():  # `text` is doc.text, read once by the caller
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    if span is not None and len(span):
        out.append(span)
