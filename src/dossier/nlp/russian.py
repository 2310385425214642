"""A spaCy Language for Russian whose annotations come from Natasha (razdel + slovnet + pymorphy).

Natasha's taggers work on whole texts, so the "tokenizer" here runs the full Natasha stack once and
builds the spaCy Doc with words, sentence structure, POS, morphology, lemmas, dependencies and
named entities in one constructor call. Downstream dossier components then see the same Doc
interface for Russian as for English. Everything loads from the installed wheels; nothing is
downloaded.
"""
from __future__ import annotations

from functools import cached_property

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

NER_LABELS = {"PER": "PERSON", "LOC": "LOC", "ORG": "ORG"}  # same label set as the English model


class NatashaTokenizer:
    """Callable str → Doc running Natasha segmentation, morphology, syntax, lemmas and NER."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    @cached_property
    def _models(self) -> tuple:
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

        emb = NewsEmbedding()
        return (Segmenter(), NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb), MorphVocab())

    def __call__(self, text: str) -> Doc:
        from natasha import Doc as NDoc

        segmenter, morph, syntax, ner, vocab = self._models
        nd = NDoc(text)
        nd.segment(segmenter)
        if not nd.tokens:
            return Doc(self.vocab, words=[], spaces=[])
        nd.tag_morph(morph)
        nd.parse_syntax(syntax)
        nd.tag_ner(ner)
        for tok in nd.tokens:
            tok.lemmatize(vocab)
        return self._build(text, nd)

    def _build(self, text: str, nd) -> Doc:
        words, spaces, pos, morphs, lemmas, heads, deps, sent_starts = [], [], [], [], [], [], [], []
        tok_index: dict[str, int] = {}
        pending_heads: list[tuple[int, str]] = []
        pos_in_text = nd.tokens[0].start
        if pos_in_text > 0:  # leading whitespace
            words.append(text[:pos_in_text]); spaces.append(False)
            pos.append("SPACE"); morphs.append(""); lemmas.append(text[:pos_in_text]); deps.append("dep")
            heads.append(None); sent_starts.append(True)
        sent_first = {s.tokens[0].id for s in nd.sents if s.tokens}
        for i, tok in enumerate(nd.tokens):
            nxt = nd.tokens[i + 1].start if i + 1 < len(nd.tokens) else len(text)
            gap = text[tok.stop:nxt]
            tok_index[tok.id] = len(words)
            words.append(tok.text)
            pos.append(tok.pos or "X")
            morphs.append("|".join(f"{k}={v}" for k, v in sorted((tok.feats or {}).items())))
            lemmas.append(tok.lemma or tok.text.lower())
            deps.append(tok.rel or "dep")
            pending_heads.append((len(words) - 1, tok.head_id))
            heads.append(None)
            sent_starts.append(tok.id in sent_first)
            space = gap.startswith(" ")
            spaces.append(space)
            rest = gap[1:] if space else gap
            if rest:  # newlines / extra spaces: a whitespace token, as spaCy's own tokenizer makes
                words.append(rest); spaces.append(False); pos.append("SPACE"); morphs.append("")
                lemmas.append(rest); deps.append("dep"); heads.append(None); sent_starts.append(False)
        for i, head_id in pending_heads:
            sent, _, num = (head_id or "").partition("_")
            heads[i] = tok_index.get(head_id, i) if num not in ("", "0") else i
        # whitespace tokens attach to the token before them (spaCy does the same)
        for i, h in enumerate(heads):
            if h is None:
                heads[i] = i - 1 if i > 0 and not sent_starts[i] else i
        repair_tree(heads, deps, sent_starts)
        doc = Doc(self.vocab, words=words, spaces=spaces, pos=pos, morphs=morphs, lemmas=lemmas,
                  heads=heads, deps=deps)
        spans = []
        for sp in nd.spans:
            s = doc.char_span(sp.start, sp.stop, label=NER_LABELS.get(sp.type, sp.type), alignment_mode="expand")
            if s is not None and not any(s.start < o.end and o.start < s.end for o in spans):
                spans.append(s)
        doc.ents = spans
        return doc


def repair_tree(heads: list[int], deps: list[str], sent_starts: list[bool]) -> None:
    """Make each sentence one tree with one root, in place.

    Natasha's parser now and then returns a cycle, a second root or a head in another sentence;
    spaCy then fails on `Span.root` (E039). Each offender is attached to the sentence's root.
    """
    bounds = [i for i, s in enumerate(sent_starts) if s] + [len(heads)]
    if not bounds or bounds[0] != 0:
        bounds.insert(0, 0)
    for a, b in zip(bounds, bounds[1:]):
        roots = [i for i in range(a, b) if heads[i] == i]
        root = next((i for i in roots if deps[i] == "root"), roots[0] if roots else a)
        heads[root], deps[root] = root, "root"
        for i in range(a, b):
            if i != root and (heads[i] == i or not a <= heads[i] < b):
                heads[i] = root
        for i in range(a, b):  # break cycles: a chain that does not reach the root within b-a steps
            j, steps = i, 0
            while j != root and steps <= b - a:
                j, steps = heads[j], steps + 1
            if j != root:
                heads[i] = root


def blank_russian() -> Language:
    """spacy.blank('ru') with the Natasha-backed tokenizer (no spaCy lemmatizer: Natasha lemmatizes)."""
    nlp = spacy.blank("ru")
    nlp.tokenizer = NatashaTokenizer(nlp.vocab)
    return nlp
