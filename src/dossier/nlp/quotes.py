"""Quotes component: direct, indirect and mixed quotes with resolved speakers, cues, relays and dates.

Direct quotes come from quotation marks and Russian dash speech (:mod:`dossier.nlp.quote_marks`); the
words around them (the *frame*: ``"…," said Romanov.`` or ``Peskov answered …: "…"``) give the cue and
the speaker. Reported speech comes from the parse: a cue verb with a subject and a ``that``/``что``
clause, a topic phrase ("writes about", "draws attention to"), a sentence-final cue ("…, says a
source"), or an "according to X" phrase; the quote span is the reported clause only. Speakers are
resolved by :class:`dossier.nlp.speakers.Resolver` in text order so that "he" and "the expert" find the
person introduced before. Cue words are data (``data/quotes_<lang>.toml``).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dossier.model import Quote, Speaker
from dossier.nlp import lexicon
from dossier.nlp.entities import EntityIndex
from dossier.nlp.quote_dates import quote_date
from dossier.nlp.quote_marks import Marked, find_marked
from dossier.nlp.speakers import Found, Resolver, subject_of

_SENT_END = re.compile(r"[.!?…]+[\"»”]?(?=\s+[\"«“„(—–A-ZА-ЯЁ0-9])|\n")
MIN_UNCUED_WORDS = 6  # a quoted run without a cue shorter than this is a title or a scare quote
MAX_FRAME_CUE_OFFSET = 6  # "…," Zhirokhov told Focus — the cue sits right after the quote
MIN_CUED_WORDS = 4  # shorter quoted runs count only when punctuation sets them off as speech


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    cue: Token | None = None
    subject: Token | None = None
    strict: bool = True
    frame: tuple[int, int] | None = None  # where the cue, the speaker and a date may be found
    found: Found | None = None
    via: str | None = None


class Context:
    """One document's tokens, cues and quote marks, with helpers to look up tokens by character range."""

    def __init__(self, doc: Doc, lang: str) -> None:
        self.doc, self.text, self.lang = doc, doc.text, lang
        self.cues = lexicon.cues(lang)
        if doc._.entities is None:
            doc._.entities = EntityIndex()
        self.index: EntityIndex = doc._.entities
        self.resolver = Resolver(doc, self.cues, self.index)
        self.marked = find_marked(doc.text)
        self._starts = [t.idx for t in doc]

    def tokens(self, start: int, end: int) -> list[Token]:
        i = bisect.bisect_left(self._starts, start)
        j = bisect.bisect_left(self._starts, end)
        return [t for t in self.doc[i:j] if not t.is_space]

    def inside_marked(self, pos: int) -> Marked | None:
        return next((m for m in self.marked if m.start <= pos < m.end), None)

    def word(self, tok: Token) -> str:
        return lexicon.norm_word(tok.lemma_ or tok.text)

    def is_cue(self, tok: Token, direct: bool = False) -> bool:
        w, t = self.word(tok), lexicon.norm_word(tok.text)
        if tok.pos_ in ("VERB", "AUX", "NOUN") or tok.tag_.startswith("VB"):
            if w in self.cues.speech or t in self.cues.speech or (not direct and w in self.cues.cognition):
                return tok.pos_ != "NOUN" or self.lang == "ru"  # Natasha tags some finite verbs as nouns
        return t in self.cues.adjectives or (w in self.cues.adjectives and tok.pos_ == "ADJ")

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """The sentence around `pos` by punctuation, ignoring sentence ends inside quotation marks."""
        start, end = 0, len(self.text)
        for m in _SENT_END.finditer(self.text):
            if self.inside_marked(m.start()):
                continue
            if m.end() <= pos:
                start = m.end()
            elif m.start() >= pos:
                end = m.end() if m.group() != "\n" else m.start()
                break
        return start, end


def sentences(doc: Doc) -> list[Span]:
    """The parser's sentences, also cut at line breaks (a heading never runs into the next paragraph)."""
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
    return out


def _direct_frame(ctx: Context, m: Marked, used: set[int]) -> Candidate:
    """The cue and subject of a direct quote: after it ("…," said X) or before it (X said: "…")."""
    cand = Candidate(m.start, m.end, "direct", strict=False)
    s_start, s_end = ctx.sentence_bounds(m.close)
    nxt = next((o.open for o in ctx.marked if o.open >= m.close), s_end)
    after = ctx.tokens(m.close, min(s_end, nxt))
    after = [t for t in after if not ctx.inside_marked(t.idx)]
    words = [t for t in after if not t.is_punct]
    short = len(ctx.text[m.start:m.end].split()) < MIN_CUED_WORDS
    tail = ctx.text[m.close:m.close + 3].lstrip()
    if short and not (ctx.text[m.end - 1:m.end] in ",.!?…" or tail[:1] in (",", "—", "–")):
        return cand  # a name or a scare quote inside a sentence ("the "Agora" group"), not speech
    for k, tok in enumerate(words[:MAX_FRAME_CUE_OFFSET]):
        if ctx.is_cue(tok, direct=True) and tok.i not in used:
            return _with_subject(ctx, cand, tok, words[max(0, k - 3):], (m.close, min(s_end, nxt)))
    b_start, _ = ctx.sentence_bounds(m.open)
    prev = max([o.close for o in ctx.marked if o.close <= m.open] + [b_start])
    before = [t for t in ctx.tokens(prev, m.open) if not t.is_punct]
    if short and not ctx.text[prev:m.open].rstrip().endswith(":"):
        return cand
    for tok in reversed(before):
        if tok.i in used:
            break
        if ctx.is_cue(tok, direct=True) or (ctx.word(tok) in ctx.cues.cognition and ctx.text[prev:m.open].rstrip()
                                            .endswith(":")):
            return _with_subject(ctx, cand, tok, before, (prev, m.open))
    return cand


def _with_subject(ctx: Context, cand: Candidate, cue: Token, frame: list[Token], bounds: tuple[int, int]) -> Candidate:
    cand.cue, cand.frame = cue, bounds
    subj = subject_of(cue)
    if subj is None or not (bounds[0] <= subj.idx < bounds[1]) or not ctx.resolver.acceptable(subj, False):
        after = [t for t in frame if t.idx > cue.idx] + [t for t in reversed(frame) if t.idx < cue.idx]
        subj = next((t for t in after if ctx.resolver.acceptable(t, True) and t.pos_ in ("PROPN", "NOUN", "PRON")),
                    None)
    cand.subject = subj
    return cand


def _clause_after(ctx: Context, cue: Token, sent: Span) -> tuple[int, int] | None:
    """The reported clause after a cue: "notes that <clause>", "пояснил, что <clause>", or its ccomp."""
    end = sent.end_char
    while end > sent.start_char and (ctx.text[end - 1] in ".!?…;: \n"):
        end -= 1
    nxt = cue.doc[cue.i + 1: min(sent.end, cue.i + 6)]
    for tok in nxt:
        if ctx.word(tok) in ctx.cues.complementizers or tok.lower_ in ctx.cues.complementizers:
            start, end = _strip_span(ctx.text, (tok.idx + len(tok.text), end))
            return (start, end) if end - start > 8 else None
        if tok.pos_ in ("VERB", "AUX") or (tok.is_punct and tok.text not in ",—–"):
            break
    comps = [c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i]
    if comps:
        sub = list(comps[0].subtree)
        start, stop = sub[0].idx, sub[-1].idx + len(sub[-1].text)
        return (start, min(stop, end)) if len(sub) >= 3 else None
    return None


def _topic_after(ctx: Context, cue: Token, sent: Span) -> tuple[int, int] | None:
    """"writes about <topic>", "draws attention to <topic>": the topic is the reported content."""
    words = [ctx.word(cue)] + [t.lower_ for t in cue.doc[cue.i + 1: min(sent.end, cue.i + 5)]]
    for phrase in ctx.cues.topic:
        if tuple(words[:len(phrase)]) == phrase:
            last = cue.doc[cue.i + len(phrase) - 1]
            start = last.idx + len(last.text)
            end = sent.end_char
            while end > start and ctx.text[end - 1] in ".!?…;: \n":
                end -= 1
            start, end = _strip_span(ctx.text, (start, end))
            return (start, end) if len(ctx.text[start:end].split()) >= 3 else None
    return None


def _trailing(ctx: Context, cue: Token, sent: Span) -> tuple[int, int] | None:
    """"<clause>, says a source in the government." / "<clause>, Zhou noted.": the clause before the cue."""
    comma = next((t for t in reversed(sent[: cue.i - sent.start]) if t.text == ","), None)
    if comma is None or cue.i - comma.i > 5 or any(t.pos_ == "VERB" and t.i != cue.i for t in sent[comma.i - sent.start:
                                                                                                      cue.i - sent.start]):
        return None
    if not all(t.is_punct or t.is_space or t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PRON", "ADP", "ADV", "VERB", "AUX", "PART")
               for t in sent[cue.i - sent.start + 1:]):
        return None
    if len(sent[: comma.i - sent.start]) < 4:
        return None
    return _strip_span(ctx.text, (sent.start_char, comma.idx))


def _indirect(ctx: Context, sent: Span, used: set[int]) -> list[Candidate]:
    out = []
    for tok in sent:
        if tok.i in used or ctx.inside_marked(tok.idx):
            continue
        if not ctx.is_cue(tok):
            topic = _topic_after(ctx, tok, sent)
            subj = subject_of(tok) if topic else None
            if topic and subj is not None and ctx.resolver.acceptable(subj, True):
                out.append(Candidate(topic[0], topic[1], "indirect", cue=tok, subject=subj,
                                     frame=(sent.start_char, sent.end_char)))
            continue
        subj = subject_of(tok)
        if subj is not None and not sent.start <= subj.i < sent.end:
            subj = None
        clause = _clause_after(ctx, tok, sent)
        if clause is None and ctx.word(tok) in ctx.cues.speech:
            clause = _trailing(ctx, tok, sent)
            if clause is not None:
                subj = next((t for t in sent[tok.i - sent.start + 1:] if ctx.resolver.acceptable(t, True)),
                            next((t for t in sent if clause[1] <= t.idx < tok.idx and ctx.resolver.acceptable(t, True)),
                                 None))
        if subj is None and clause is not None:
            subj = next((t for t in sent[: tok.i - sent.start] if ctx.resolver.acceptable(t, True)
                         and t.pos_ in ("NOUN", "PROPN", "PRON")), None)
        if clause is None or subj is None or clause[0] <= subj.idx < clause[1]:
            continue
        out.append(Candidate(clause[0], clause[1], "indirect", cue=tok, subject=subj,
                             frame=(sent.start_char, sent.end_char)))
    return out


def _according(ctx: Context, sent: Span) -> list[Candidate]:
    """"according to X, <clause>" / "<clause>, according to X" / "по словам X, <clause>"."""
    out, toks = [], list(sent)
    low = [lexicon.norm_word(t.text) for t in toks]
    for i in range(len(toks)):
        for phrase in ctx.cues.according_to:
            if tuple(low[i:i + len(phrase)]) != phrase:
                continue
            j = i + len(phrase)
            k = next((n for n in range(j, len(toks)) if toks[n].text in ",;.:—–" and toks[n].text != "-"), len(toks))
            if k == j:
                continue
            head = next((t for t in toks[j:k] if t.head.i < toks[j].i or t.head.i >= toks[k - 1].i + 1 or t.head == t),
                        toks[j])
            if not ctx.resolver.acceptable(head, True):
                continue
            before = (sent.start_char, toks[i].idx)
            after = (toks[k].idx + 1 if k < len(toks) else sent.end_char, sent.end_char)
            span = after if len(ctx.text[after[0]:after[1]].split()) >= 3 else before
            span = _strip_span(ctx.text, span)
            if len(ctx.text[span[0]:span[1]].split()) >= 3:
                out.append(Candidate(span[0], span[1], "indirect", cue=toks[i], subject=head,
                                     frame=(sent.start_char, sent.end_char)))
            break
    return out


def _strip_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:.—–-"):
        e -= 1
    return s, e


def candidates(ctx: Context) -> list[Candidate]:
    direct: list[Candidate] = []
    used: set[int] = set()
    for m in ctx.marked:
        direct.append(_direct_frame(ctx, m, used))
        if direct[-1].cue is not None:
            used.add(direct[-1].cue.i)
    indirect: list[Candidate] = []
    title = ((ctx.doc._.meta or {}).get("title") or "").strip()
    for sent in sentences(ctx.doc):
        if title and sent.text.strip() == title:
            continue  # a headline summarises; the body says who said it
        found = _according(ctx, sent)
        indirect.extend(found or _indirect(ctx, sent, used))
    return sorted(direct + indirect, key=lambda c: c.start)


def _resolve(ctx: Context, cands: list[Candidate]) -> None:
    """Resolve speakers in text order, so pronouns and descriptions see the speakers before them."""
    for i, cand in enumerate(cands):
        if cand.subject is not None:
            cand.found = _relayed(ctx, cand) or ctx.resolver.resolve(cand.subject, strict=cand.strict)
        if cand.found is None and cand.kind == "direct":
            cand.found = _from_context(ctx, cands, i)
        if cand.found is not None:
            ctx.resolver.remember(cand.start, cand.found.entity)
        if cand.frame is not None:
            cand.via = _via(ctx, cand)


def _relayed(ctx: Context, cand: Candidate) -> Found | None:
    """"the Washington Post quotes an excerpt from X's book": speaker X, via the Post."""
    if cand.cue is None or ctx.word(cand.cue) not in ctx.cues.relay:
        return None
    for t in cand.cue.subtree:
        if t.i > cand.cue.i:
            hit = ctx.index.at(t.idx, t.idx + len(t.text))
            if hit and hit[0].type == "PERSON":
                return Found(hit[0], hit[0].name, hit[1][0], hit[1][1])
    return None


def _from_context(ctx: Context, cands: list[Candidate], i: int) -> Found | None:
    """A quote without a cue continues the quote just before it, or belongs to the next cued one."""
    cand = cands[i]
    for j in (i - 1, i + 1):
        if 0 <= j < len(cands) and cands[j].kind == "direct" and cands[j].subject is not None:
            other = cands[j]
            gap = ctx.text[min(cand.end, other.end):max(cand.start, other.start)]
            if gap.count("\n") <= 1 and len(gap) < 300:
                if j < i and other.found:
                    return other.found
                if j > i:
                    return ctx.resolver.resolve(other.subject, strict=False)
    return None


def _via(ctx: Context, cand: Candidate) -> str | None:
    """An outlet the words were given to: "told Focus", "in an interview with RTVI", "заявил ТАСС"."""
    start, end = cand.frame
    for tok in ctx.tokens(start, end):
        if cand.start <= tok.idx < cand.end:
            continue
        hit = ctx.index.at(tok.idx, tok.idx + len(tok.text))
        if not hit or hit[0].type not in ("ORG", "MEDIA") or (cand.found and hit[0] is cand.found.entity):
            continue
        before = tuple(lexicon.norm_word(t.text) for t in ctx.doc[max(0, tok.i - 3):tok.i])
        dative = ctx.lang == "ru" and "Dat" in tok.morph.get("Case") and tok.i > 0 and ctx.is_cue(ctx.doc[tok.i - 1])
        if dative or any(before[-len(p):] == p for p in ctx.cues.via_before if len(p) <= len(before)) or \
                (cand.cue is not None and ctx.word(cand.cue) in ctx.cues.relay and tok.i < cand.cue.i):
            hit[0].type = "MEDIA"
            return hit[0].name
    return None


def _keep(ctx: Context, cand: Candidate) -> bool:
    words = len(ctx.text[cand.start:cand.end].split())
    if cand.kind != "direct":
        return cand.found is not None and words >= 2
    if cand.cue is not None:
        return words >= 2
    return words >= MIN_UNCUED_WORDS and cand.found is not None


def _dedupe(ctx: Context, cands: list[Candidate]) -> list[Candidate]:
    """A short direct run inside a reported clause makes it mixed; overlapping clauses keep the longer."""
    out: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        inner = [o for o in out if o.start <= cand.start and cand.end <= o.end]
        if inner:
            if cand.kind == "direct" and inner[0].kind != "direct":
                inner[0].kind = "mixed"
            continue
        out.append(cand)
    return out


def to_quote(ctx: Context, cand: Candidate) -> Quote:
    f = cand.found
    speaker = Speaker(f.name, f.entity.id if f.entity else None, f.start, f.end) if f else None
    if f and f.entity is not None and [f.start, f.end] not in f.entity.mentions:
        f.entity.mentions.append([f.start, f.end])
        f.entity.mentions.sort()
    cue = cand.cue
    return Quote(start=cand.start, end=cand.end, text=ctx.text[cand.start:cand.end], kind=cand.kind, speaker=speaker,
                 cue=cue.text if cue is not None else None,
                 cue_span=[cue.idx, cue.idx + len(cue.text)] if cue is not None else None,
                 via=cand.via, date=quote_date(ctx.doc, cand.frame, (cand.start, cand.end)) if cand.frame else None)


def find_quotes(doc: Doc, lang: str) -> list[Quote]:
    """Every quote of `doc`, in text order; also adds speakers to ``doc._.entities``."""
    ctx = Context(doc, lang)
    cands = candidates(ctx)
    _resolve(ctx, cands)
    kept = _dedupe(ctx, [c for c in cands if _keep(ctx, c)])
    return [to_quote(ctx, c) for c in kept]


@Language.factory("dossier_quotes", default_config={"lang": "en"})
def make_quotes(nlp: Language, name: str, lang: str):
    def quotes(doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc, lang)
        return doc
    return quotes
