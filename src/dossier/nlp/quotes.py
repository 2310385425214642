"""Quotes component: direct, indirect and mixed quotes with resolved speakers, cues, relays and dates.

Direct quotes come from quotation marks and Russian dash speech (:mod:`dossier.nlp.quote_marks`); the
words around them (the *frame*: ``"…," said Romanov.`` or ``Peskov answered …: "…"``) give the cue and
the speaker. Reported speech comes from the parse: a cue verb with a subject and a ``that``/``что``
clause, a topic phrase ("writes about", "draws attention to"), a sentence-final cue ("…, says a
source"), or an "according to X" phrase; the quote span is the reported clause only. Speakers are
resolved by :class:`dossier.nlp.speakers.Resolver` in text order so that "he" and "the expert" find the
person introduced before; the span of a reported clause is decided in :mod:`dossier.nlp.quote_clauses`.
Transcript captions ("[Colonel X, deputy head of …] …", "X: …") open the captioned person's words.
Cue words are data (``data/quotes_<lang>.toml``).
"""
from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dossier.model import Quote, Speaker
from dossier.nlp import lexicon
from dossier.nlp.entities import EntityIndex
from dossier.nlp.quote_clauses import MAX_ROLE_WORDS, clause_after, parenthetical, strip_span, topic_after, trailing
from dossier.nlp.quote_dates import quote_date
from dossier.nlp.quote_marks import Marked, find_marked
from dossier.nlp.sentences import sentences
from dossier.nlp.speakers import SUBJECT_DEPS, Found, Resolver, subject_of

log = logging.getLogger(__name__)
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
    cue_end: int | None = None  # end of a multi-word cue ("according to", "по словам")


class Context:
    """One document's tokens, cues and quote marks, with helpers to look up tokens by character range."""

    def __init__(self, doc: Doc, lang: str) -> None:
        self.doc, self.text, self.lang = doc, doc.text, lang
        self.cues = lexicon.cues(lang)
        if doc._.entities is None:
            doc._.entities = EntityIndex()
        self.index: EntityIndex = doc._.entities
        self.resolver = Resolver(doc, self.cues, self.index)
        self.marked = find_marked(self.text)
        self._starts = [t.idx for t in doc]
        self._mark_starts = [m.start for m in self.marked]
        # marks never overlap in practice; if they ever do, the first one in order must still win
        self._nested = any(a.end > b.start for a, b in zip(self.marked, self.marked[1:]))
        self._sent_ends: tuple[list[int], list[int], list[int]] | None = None

    def tokens(self, start: int, end: int) -> list[Token]:
        i = bisect.bisect_left(self._starts, start)
        j = bisect.bisect_left(self._starts, end)
        return [t for t in self.doc[i:j] if not t.is_space]

    def marks_from(self, pos: int) -> Iterator[Marked]:
        """The marks in order, starting from the first that may open at or after `pos` (no scan from the start)."""
        first = 0 if self._nested else bisect.bisect_left(self._mark_starts, pos)
        return (self.marked[k] for k in range(first, len(self.marked)))

    def inside_marked(self, pos: int) -> Marked | None:
        if self._nested:
            return next((m for m in self.marked if m.start <= pos < m.end), None)
        i = bisect.bisect_right(self._mark_starts, pos) - 1  # called per token and per sentence end: no scan
        return self.marked[i] if i >= 0 and pos < self.marked[i].end else None

    def word(self, tok: Token) -> str:
        return lexicon.norm_word(tok.lemma_ or tok.text)

    def refused(self, tok: Token) -> bool:
        """"declined to comment on the figures": a speech verb under a refusal reports no words."""
        return tok.dep_ == "xcomp" and self.word(tok.head) in self.cues.refusal

    def is_cue(self, tok: Token, direct: bool = False) -> bool:
        w, t = self.word(tok), lexicon.norm_word(tok.text)
        if self.refused(tok):
            return False
        if tok.pos_ in ("VERB", "AUX", "NOUN") or tok.tag_.startswith("VB"):
            if w in self.cues.speech or t in self.cues.speech or (not direct and w in self.cues.cognition):
                return tok.pos_ != "NOUN" or self.lang == "ru"  # Natasha tags some finite verbs as nouns
        return t in self.cues.adjectives or (w in self.cues.adjectives and tok.pos_ == "ADJ")

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """The sentence around `pos` by punctuation, ignoring sentence ends inside quotation marks."""
        if self._sent_ends is None:  # found once per document, then bisected per call
            ends = [m for m in _SENT_END.finditer(self.text) if not self.inside_marked(m.start())]
            self._sent_ends = ([m.end() for m in ends], [m.start() for m in ends],
                               [m.end() if m.group() != "\n" else m.start() for m in ends])
        match_ends, match_starts, closes = self._sent_ends
        i = bisect.bisect_right(match_ends, pos)
        start = match_ends[i - 1] if i else 0
        j = bisect.bisect_left(match_starts, pos)
        return start, closes[j] if j < len(closes) else len(self.text)


def _direct_frame(ctx: Context, m: Marked, used: set[int]) -> Candidate:
    """The cue and subject of a direct quote: after it ("…," said X) or before it (X said: "…")."""
    cand = Candidate(m.start, m.end, "direct", strict=False)
    s_start, s_end = ctx.sentence_bounds(m.close)
    nxt = next((o.open for o in ctx.marks_from(m.close) if o.open >= m.close and _speechlike(ctx, o)), s_end)
    after = ctx.tokens(m.close, min(s_end, nxt))
    after = [t for t in after if not ctx.inside_marked(t.idx)]
    words = [t for t in after if not t.is_punct]
    short = len(ctx.text[m.start:m.end].split()) < MIN_CUED_WORDS
    tail = ctx.text[m.close:m.close + 3].lstrip()
    dash_tail = re.match(r"^,?\s*[—–]", tail + ctx.text[m.close + 3:m.close + 5]) is not None
    if short and not (ctx.text[m.end - 1:m.end] in ",.!?…" or dash_tail):
        return _named_label(ctx, cand, m, used)  # a name or a scare quote ("the "Agora" group"), unless a label
    if words and _ends_sentence(ctx, m, words[0]):
        words = []  # the next sentence's cue is not this quote's
    low = [lexicon.norm_word(t.text) for t in words]
    for k, tok in enumerate(words[:2]):  # '"…", according to Peskov.' / '«…», по словам Пескова.'
        phrase = next((p for p in ctx.cues.according_to if tuple(low[k:k + len(p)]) == p), None)
        if phrase is not None:
            cand.cue, cand.frame = tok, (m.close, min(s_end, nxt))
            cand.cue_end = words[k + len(phrase) - 1].idx + len(words[k + len(phrase) - 1].text)
            rest = words[k + len(phrase):]
            rest = rest[:next((n for n, t in enumerate(rest) if t.dep_ in ("punct", "cc")), len(rest))]
            roots = [t for t in rest if not any(t.head.i == r.i for r in rest) or t.head.i == t.i]
            cand.subject = next((t for t in roots + rest if ctx.resolver.acceptable(t, True)), None)
            return cand
    for k, tok in enumerate(words[:MAX_FRAME_CUE_OFFSET]):
        if ctx.is_cue(tok, direct=True) and tok.i not in used:
            return _with_subject(ctx, cand, tok, words[max(0, k - 3):], (m.close, min(s_end, nxt)))
    for k, tok in enumerate(words[MAX_FRAME_CUE_OFFSET:MAX_FRAME_CUE_OFFSET + MAX_ROLE_WORDS], MAX_FRAME_CUE_OFFSET):
        # '"…," Andrei Kartsev, head of the Duma's defense committee, told lawmakers': a long apposition
        # pushes the cue further; it still frames the quote when every word before it is its subject
        if ctx.is_cue(tok, direct=True) and tok.i not in used:
            subj = subject_of(tok)
            inside = {t.i for t in subj.subtree} if subj is not None else set()
            if subj is not None and all(t.i in inside for t in words[:k]):
                return _with_subject(ctx, cand, tok, words[:k], (m.close, min(s_end, nxt)))
            break
    b_start, _ = ctx.sentence_bounds(m.open)
    prev = max([o.close for o in ctx.marked if o.close <= m.open] + [b_start])
    before = [t for t in ctx.tokens(prev, m.open) if not t.is_punct]
    if short and not ctx.text[prev:m.open].rstrip().endswith(":"):
        return _named_label(ctx, cand, m, used)
    for tok in reversed(before):
        if tok.i in used:
            break
        if ctx.word(tok) in ctx.cues.complementizers or tok.lower_ in ctx.cues.complementizers:
            return cand  # 'said that the lists were "…"': the reported clause takes it, as a mixed quote
        if ctx.is_cue(tok, direct=True) or (ctx.word(tok) in ctx.cues.cognition and ctx.text[prev:m.open].rstrip()
                                            .endswith(":")):
            return _with_subject(ctx, cand, tok, before, (prev, m.open))
    return cand


def _ends_sentence(ctx: Context, m: Marked, nxt: Token) -> bool:
    """'saying that recruitment "is proceeding to plan." She said …': in English a full stop inside the
    marks and a capital after them start a new sentence, whose cue is not this quote's."""
    return ctx.lang == "en" and ctx.text[m.end - 1:m.end] == "." and nxt.text[:1].isupper()


def _named_label(ctx: Context, cand: Candidate, m: Marked, used: set[int]) -> Candidate:
    """'назвали его принятие «спешкой без обсуждения»', 'called it "a disaster"': a short quoted label right
    after a naming verb is the speaker's words."""
    b_start, _ = ctx.sentence_bounds(m.open)
    before = [t for t in ctx.tokens(b_start, m.open) if not t.is_punct]
    namer = next((t for t in reversed(before[-4:]) if ctx.word(t) in ctx.cues.naming), None)
    if namer is None or namer.i in used:
        return cand
    return _with_subject(ctx, cand, namer, before, (b_start, m.open))


def _speechlike(ctx: Context, m: Marked) -> bool:
    return m.dash or len(ctx.text[m.start:m.end].split()) >= MIN_CUED_WORDS


def _with_subject(ctx: Context, cand: Candidate, cue: Token, frame: list[Token], bounds: tuple[int, int]) -> Candidate:
    cand.cue, cand.frame = cue, bounds
    subj = subject_of(cue)
    if subj is None or not (bounds[0] <= subj.idx < bounds[1]) or not ctx.resolver.acceptable(subj, False):
        after = [t for t in frame if t.idx > cue.idx] + [t for t in reversed(frame) if t.idx < cue.idx]
        subj = next((t for t in after if ctx.resolver.acceptable(t, True) and t.pos_ in ("PROPN", "NOUN", "PRON")),
                    None)
    cand.subject = subj
    return cand


def _subject_in(ctx: Context, tok: Token, sent: Span) -> Token | None:
    """The cue's subject inside this sentence, else the first word before the cue that can speak."""
    subj = subject_of(tok)
    if subj is not None and sent.start <= subj.i < sent.end:
        return subj
    if tok.dep_ == "advcl" and tok.tag_ == "VBG":  # "…, said Peskov, adding that …": the main verb's speaker
        head_subj = subject_of(tok.head)
        return head_subj if head_subj is not None and sent.start <= head_subj.i < sent.end else None
    if tok.tag_ in ("VBG", "VBN") or tok.dep_ in ("acl", "amod", "advcl"):
        return None  # "invitations stating that …": a participle has no speaker of its own
    return next((t for t in sent[: tok.i - sent.start] if t.pos_ in ("NOUN", "PROPN", "PRON")
                 and t.ent_type_ not in ("DATE", "TIME", "CARDINAL") and ctx.resolver.acceptable(t, True)), None)


def _indirect(ctx: Context, sent: Span, used: set[int]) -> list[Candidate]:
    out = []
    for tok in sent:
        if tok.i in used or ctx.inside_marked(tok.idx) or ctx.refused(tok):
            continue
        cue = ctx.is_cue(tok)
        clause = clause_after(ctx, tok, sent) if cue else None
        clause = clause or topic_after(ctx, tok, sent)
        subj = _subject_in(ctx, tok, sent) if clause else None
        if clause is None and cue and ctx.word(tok) in ctx.cues.speech:
            paren = parenthetical(ctx, tok, sent)
            if paren is not None:
                clause = paren[:2]
                subj = next((t for t in sent if paren[2] < t.idx < clause[0] and t.i != tok.i
                             and ctx.resolver.acceptable(t, True)), None)
        if clause is None and cue and ctx.word(tok) in ctx.cues.speech:
            clause = trailing(ctx, tok, sent)
            if clause is not None:  # the speaker follows the comma: "…, says a source" / "…, Zhou noted"
                subj = subject_of(tok)  # "…, Kremlin spokesman Dmitry Peskov told reporters": the parse's subject
                if subj is None or subj.idx < clause[1] or not ctx.resolver.acceptable(subj, True):
                    subj = next((t for t in sent if clause[1] <= t.idx and t.i != tok.i
                                 and ctx.resolver.acceptable(t, True)), None)
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
        phrases = [(p, False) for p in ctx.cues.according_to] + [(p, True) for p in ctx.cues.possessive_phrases]
        if low[i] in ctx.cues.as_words and i + 1 < len(toks) and ctx.is_cue(toks[i + 1]):
            phrases.insert(0, ((low[i], low[i + 1]), False))  # "как отмечает X," = "according to X,"
        for phrase, template in phrases:
            pron = _possessive_phrase(ctx, low, i, phrase) if template else None
            if (template and pron is None) or (not template and tuple(low[i:i + len(phrase)]) != phrase):
                continue
            j = i + len(phrase) + (pron is not None)
            k = next((n for n in range(j, len(toks)) if toks[n].text in ",;.:—–" and toks[n].text != "-"), len(toks))
            if k == j and pron is None:
                continue
            if any(m.close <= toks[i].idx and not ctx.text[m.close:toks[i].idx].strip(" ,—–")
                   and not _ends_sentence(ctx, m, toks[i]) for m in ctx.marked):
                break  # '"…", according to X': the direct quote before it has this cue already
            nouns = [t for t in toks[j:k] if t.pos_ in ("NOUN", "PROPN", "PRON")] or toks[j:k]
            head = toks[pron] if pron is not None else next(
                (t for t in nouns if not toks[j].i <= t.head.i < toks[k - 1].i + 1 or t.head.i == t.i), nouns[0])
            if not (ctx.resolver.acceptable(head, True) or (head.pos_ in ("NOUN", "PROPN")
                                                             and ctx.word(head) not in ctx.cues.not_sources)):
                continue
            before = (sent.start_char, toks[i].idx)
            k = _skip_citing(ctx, toks, k)
            after = (toks[k].idx + 1 if k < len(toks) else sent.end_char, sent.end_char)
            span = after if len(ctx.text[after[0]:after[1]].split()) >= 3 else before
            span = strip_span(ctx.text, span)
            if ctx.lang == "en" and any(ctx.is_cue(t, direct=True) and (s := subject_of(t)) is not None
                                        and s.dep_ == "nsubj" and span[0] <= s.idx < span[1]
                                        for t in ctx.tokens(*span)):
                break  # '"…," the commissar said, according to the Baikal Daily': the phrase relays a report
                # that has its own speaker and cue
            if len(ctx.text[span[0]:span[1]].split()) >= 3:
                last = toks[i + len(phrase) - 1 + (pron is not None)]
                out.append(Candidate(span[0], span[1], "indirect", cue=toks[i], subject=head,
                                     frame=(sent.start_char, sent.end_char), cue_end=last.idx + len(last.text)))
            break
    return out


def _back_reference(ctx: Context, sent: Span, prev: Span | None, used: set[int]) -> list[Candidate]:
    """"Госзаказ вырастет в полтора раза. Об этом сообщил вице-премьер X." — the report is the sentence before."""
    low = [lexicon.norm_word(t.text) for t in sent[:4]]
    phrase = next((p for p in ctx.cues.back_reference if tuple(low[:len(p)]) == p), None)
    if phrase is None or prev is None or ctx.text.count("\n", prev.end_char, sent.start_char) > 1:
        return []
    cue = next((t for t in sent[len(phrase):len(phrase) + 4] if ctx.is_cue(t) and t.i not in used), None)
    subj = _subject_in(ctx, cue, sent) if cue is not None else None
    if subj is None:
        return []
    start, end = strip_span(ctx.text, (prev.start_char, prev.end_char))
    if any(m.start < end and start < m.end for m in ctx.marked):
        return []  # the sentence before is a direct quote and has its own frame
    return [Candidate(start, end, "indirect", cue=cue, subject=subj, frame=(sent.start_char, sent.end_char))]


def _skip_citing(ctx: Context, toks: list[Token], k: int) -> int:
    """Past a ", citing sources in …," / ", со ссылкой на …," segment after the speaker: its end comma."""
    low = [lexicon.norm_word(t.text) for t in toks]
    if k < len(toks) and any(tuple(low[k + 1:k + 1 + len(p)]) == p for p in ctx.cues.citing):
        return next((n for n in range(k + 1, len(toks)) if toks[n].text in ",;:—–"), k)
    return k


def _possessive_phrase(ctx: Context, low: list[str], i: int, phrase: tuple[str, ...]) -> int | None:
    """"по его словам", "in his words": a pronoun inside a two-word phrase is the speaker; its index."""
    if len(phrase) != 2 or i + 2 >= len(low) or low[i] != phrase[0] or low[i + 2] != phrase[1]:
        return None
    return i + 1 if low[i + 1] in ctx.cues.possessives else None


_CAPTION = re.compile(r"^[ \t]*(?:\[(?P<cap>[^\]\n]{2,160})\]|(?P<label>[^\W\d][^:\n\[\]]{1,60}):)[ \t]+"
                      r"(?P<body>[^\s(][^\n]*)$", re.MULTILINE)


def _captioned(ctx: Context) -> list[Candidate]:
    """Transcript layout: "[Colonel Sergei Rudakov, deputy head of …] A man who signs …" — a paragraph
    opened by a bracketed caption that names a person is that person's words. Narrator captions
    ("[Presenter …]", "[Correspondent]") introduce the outlet's own text, whose reports keep their cues."""
    out = []
    title = ((ctx.doc._.meta or {}).get("title") or "").strip()
    for m in _CAPTION.finditer(ctx.text):
        if title and m.group(0).strip() == title:
            continue  # "Peskov: no plans for a new wave" as a headline summarises; the body says it
        key = "cap" if m.group("cap") else "label"
        cap = ctx.tokens(m.start(key), m.end(key))
        if not cap or any(ctx.word(t) in ctx.cues.narrators or t.lower_ in ctx.cues.narrators for t in cap):
            continue
        who = _captioned_person(ctx, cap, labelled=key == "label")
        if who is None:
            continue
        start, end = strip_span(ctx.text, (m.start("body"), m.end("body")))
        out.append(Candidate(start, end, "direct", subject=who, strict=False, frame=(m.start(key), m.end(key))))
    return out


def _captioned_person(ctx: Context, cap: list[Token], labelled: bool) -> Token | None:
    """The person a caption names. A bare "Name:" label must be that person's name and nothing else
    ("Sergei Rudakov:", "Rudakov:" for a person named before), so that "Update:" or "BELGOROD:" are not
    speakers; a bracketed caption may add a role ("[Colonel Sergei Rudakov, deputy head of …]")."""
    for t in cap:
        hit = ctx.index.at(t.idx, t.idx + len(t.text))
        if hit and hit[0].type == "PERSON":
            if labelled and not (hit[1][0] <= cap[0].idx and cap[-1].idx + len(cap[-1].text) <= hit[1][1]):
                return None
            return t
    if labelled and len(cap) <= 3 and all(t.text[:1].isupper() for t in cap):
        name = " ".join(t.text for t in cap)
        known = ctx.index.find("PERSON", name.title() if name.isupper() else name)
        if known is not None:  # "RUDAKOV:" / "Rudakov:" after "Sergei Rudakov" was named
            ctx.index.add("PERSON", name, cap[0].idx, cap[-1].idx + len(cap[-1].text))
            return cap[0]
    return None


def candidates(ctx: Context) -> list[Candidate]:
    direct: list[Candidate] = []
    used: set[int] = set()
    for m in ctx.marked:
        direct.append(_direct_frame(ctx, m, used))
        if direct[-1].cue is not None:
            used.add(direct[-1].cue.i)
    direct += _captioned(ctx)
    indirect: list[Candidate] = []
    title = ((ctx.doc._.meta or {}).get("title") or "").strip()
    prev: Span | None = None
    for sent in sentences(ctx.doc, ctx.lang):
        if title and sent.text.strip() == title:
            continue  # a headline summarises; the body says who said it
        try:
            indirect.extend(_according(ctx, sent) + _back_reference(ctx, sent, prev, used) + _indirect(ctx, sent, used))
            prev = sent
        except RuntimeError as e:  # spaCy E039: a broken parse tree from the tagger; skip this sentence only
            log.warning("%s: sentence at %d skipped for quotes: %s", (ctx.doc._.meta or {}).get("source"),
                        sent.start_char, e)
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
    return _previous_sentence_speaker(ctx, cand)


def _previous_sentence_speaker(ctx: Context, cand: Candidate) -> Found | None:
    """"Peskov answered a question about the call-up.\n"We have no plans …"": the person who is the subject
    of the sentence just before a cue-less quote (same or previous paragraph), else the last speaker there."""
    start, _ = ctx.sentence_bounds(max(0, cand.start - 1))
    prev_start, _ = ctx.sentence_bounds(max(0, start - 2))
    if ctx.text.count("\n", prev_start, cand.start) > 1:
        return None
    for tok in ctx.tokens(prev_start, start):
        hit = ctx.index.at(tok.idx, tok.idx + len(tok.text)) if tok.dep_ in SUBJECT_DEPS else None
        if hit and hit[0].type == "PERSON" and not ctx.inside_marked(tok.idx):
            return Found(hit[0], hit[0].name, hit[1][0], hit[1][1])
    last = ctx.resolver.said[-1] if ctx.resolver.said else None
    if last and last[1].type == "PERSON" and ctx.text.count("\n", last[0], cand.start) <= 1:
        ent = last[1]
        return Found(ent, ent.name, *ent.mentions[-1]) if ent.mentions else None
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
    """A direct run inside a reported clause makes it mixed; overlapping clauses keep the longer."""
    out: list[Candidate] = []

    def covers(start: int, end: int, s: int, e: int) -> bool:
        # the reported clause was cut before the full stop that the marks hold: 'his region "has no quota."'
        return start <= s and (e <= end or not ctx.text[end:e].strip(" .,;:!?…"))

    for cand in cands:
        if cand.kind == "indirect" and any(covers(cand.start, cand.end, m.start, m.end) and _speechlike(ctx, m)
                                           for m in ctx.marked):
            cand.kind = "mixed"
    for cand in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        inner = [o for o in out if covers(o.start, o.end, cand.start, cand.end)]
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
    cue_span = [cue.idx, cand.cue_end or cue.idx + len(cue.text)] if cue is not None else None
    return Quote(start=cand.start, end=cand.end, text=ctx.text[cand.start:cand.end], kind=cand.kind, speaker=speaker,
                 cue=ctx.text[cue_span[0]:cue_span[1]] if cue_span else None, cue_span=cue_span,
                 via=cand.via, date=quote_date(ctx.doc, cand.frame, (cand.start, cand.end), ctx.text) if cand.frame else None)


def find_quotes(doc: Doc, lang: str) -> list[Quote]:
    """Every quote of `doc`, in text order; also adds speakers to ``doc._.entities``."""
    ctx = Context(doc, lang)
    cands = candidates(ctx)
    _resolve(ctx, cands)
    kept = _dedupe(ctx, [c for c in cands if _keep(ctx, c)])
    for c in kept:  # '"…borders," Peskov said': the comma belongs to the frame, not the words
        while c.end > c.start and (ctx.text[c.end - 1] == "," or ctx.text[c.end - 1].isspace()):
            c.end -= 1
        while c.start < c.end and ctx.text[c.start].isspace():
            c.start += 1
    kept = [c for c in kept if c.end > c.start]
    return [to_quote(ctx, c) for c in kept]


@Language.factory("dossier_quotes", default_config={"lang": "en"})
def make_quotes(nlp: Language, name: str, lang: str):
    def quotes(doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc, lang)
        return doc
    return quotes
