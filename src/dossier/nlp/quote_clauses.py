"""Where a reported clause begins and ends, around a cue already found by :mod:`dossier.nlp.quotes`.

"notes that <clause>" / its ccomp (:func:`clause_after`), "writes about <topic>" (:func:`topic_after`),
"<clause>, says a source" (:func:`trailing`, with the role-and-name appositions before the cue),
"The lists, he said, are old" (:func:`parenthetical`), and the trimming every span gets
(:func:`strip_span`). The functions take the quotes component's ``Context`` (text, language, cue
lexicon, resolver) and the parsed sentence; they decide spans only, never speakers.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from dossier.nlp import lexicon
from dossier.nlp.speakers import SUBJECT_DEPS, subject_of

if TYPE_CHECKING:
    from dossier.nlp.quotes import Context

MAX_ROLE_WORDS = 12  # an apposition between the speaker and the cue ("X, head of the … committee, told")


def clause_after(ctx: Context, cue: Token, sent: Span) -> tuple[int, int] | None:
    """The reported clause after a cue: "notes that <clause>", "пояснил, что <clause>", or its ccomp."""
    end = sent.end_char
    while end > sent.start_char and (ctx.text[end - 1] in ".!?…;: \n"):
        end -= 1
    nxt = cue.doc[cue.i + 1: min(sent.end, cue.i + 6)]
    end = before_citing(ctx, cue, sent, end)
    for tok in nxt:
        if ctx.word(tok) in ctx.cues.complementizers or tok.lower_ in ctx.cues.complementizers:
            start, end = strip_span(ctx.text, (tok.idx + len(tok.text), end))
            return (start, end) if end - start > 8 else None
        if tok.pos_ in ("VERB", "AUX") or (tok.is_punct and tok.text not in ",—–"):
            break
    comps = [c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i]
    if comps:
        sub = list(comps[0].subtree)
        # "said no lists had been drawn up, and residents reported that …": a coordinated cue with its own
        # subject is the next statement, not part of this one
        nxt_cue = next((c for c in comps[0].children if c.dep_ == "conj" and ctx.is_cue(c)
                        and any(g.dep_ in SUBJECT_DEPS for g in c.children)), None)
        if nxt_cue is not None:
            first = min(t.i for t in nxt_cue.subtree)
            sub = [t for t in sub if t.i < first]
        while sub and (sub[0].ent_type_ in ("DATE", "TIME") or (sub[0].pos_ == "ADP" and len(sub) > 1
                                                                 and sub[1].ent_type_ in ("DATE", "TIME"))):
            sub.pop(0)  # "said on Tuesday it had no plans": the day belongs to the saying, not the report
        sub = [t for t in sub if t.idx < end]
        if sub and sub[0].dep_ == "mark" and (ctx.word(sub[0]) in ctx.cues.complementizers
                                              or sub[0].lower_ in ctx.cues.complementizers):
            sub.pop(0)  # "said in a statement on Tuesday that …": the complementizer is not the report
        while sub and (sub[-1].dep_ == "cc" or sub[-1].text in ",;:—–"):
            sub.pop()  # "said no quota had been set, and officials …": the conjunction joins the next clause
        if not sub:
            return None
        start, stop = sub[0].idx, sub[-1].idx + len(sub[-1].text)
        return (start, min(stop, end)) if len(sub) >= 3 else None
    return None


def before_citing(ctx: Context, cue: Token, sent: Span, end: int) -> int:
    """"reported that summonses had reached Chita, citing two officials": the relay segment after a comma
    names the source of the report; it is not part of the reported clause."""
    low = [lexicon.norm_word(t.text) for t in sent]
    for k, tok in enumerate(sent):
        if tok.i > cue.i and tok.text == "," and tok.idx < end \
                and any(tuple(low[k + 1:k + 1 + len(p)]) == p for p in ctx.cues.citing):
            return tok.idx
    return end


def topic_after(ctx: Context, cue: Token, sent: Span) -> tuple[int, int] | None:
    """"writes about <topic>", "draws attention to <topic>": the topic is the reported content."""
    if ctx.lang == "en" and not (cue.pos_ in ("VERB", "AUX") or cue.tag_.startswith("VB")):
        return None  # "carried the following report on a new point": a noun names a text, nobody speaks
    words = [ctx.word(cue)] + [t.lower_ for t in cue.doc[cue.i + 1: min(sent.end, cue.i + 5)]]
    for phrase in ctx.cues.topic:
        if tuple(words[:len(phrase)]) == phrase:
            last = cue.doc[cue.i + len(phrase) - 1]
            start = last.idx + len(last.text)
            end = sent.end_char
            while end > start and ctx.text[end - 1] in ".!?…;: \n":
                end -= 1
            start, end = strip_span(ctx.text, (start, end))
            return (start, end) if len(ctx.text[start:end].split()) >= 3 else None
    return None


def trailing(ctx: Context, cue: Token, sent: Span) -> tuple[int, int] | None:
    """"<clause>, says a source in the government." / "<clause>, Zhou noted.": the clause before the cue."""
    if any(c.dep_ in ("nsubjpass", "nsubj:pass") for c in cue.children):
        return None  # "…, men are told to report": a passive cue's subject is the hearer, not a speaker
    if cue.tag_ == "VBG" and (cue.lower_,) not in ctx.cues.citing:
        return None  # "…went further, asking students to …": a participle adds an act, not an attribution
        # ("…, citing two officials" still relays the clause before it)
    if (cue.lower_,) in ctx.cues.citing and any(t.i < cue.i and ctx.is_cue(t) and subject_of(t) is not None
                                                and clause_after(ctx, t, sent) is not None for t in sent):
        return None  # "Local media reported that …, citing two officials": the report has its own cue
    comma = subject_comma(cue, sent)
    if comma is None:
        comma = next((t for t in reversed(sent[: cue.i - sent.start]) if t.text == ","), None)
        if comma is None or cue.i - comma.i > 8 or any(t.pos_ == "VERB" and t.i != cue.i
                                                       for t in sent[comma.i - sent.start: cue.i - sent.start]):
            return None
        comma = role_and_name_comma(ctx, cue, sent) or comma
    if comma.i + 1 < cue.i and cue.doc[comma.i + 1].pos_ == "CCONJ":
        return None  # ", and the lawmakers then said …" coordinates a new statement, it attributes nothing
    if (cue.lower_,) not in ctx.cues.citing and ctx.word(cue) not in ctx.cues.addressee_object \
            and any(c.dep_ in ("dobj", "obj") for c in cue.children):
        return None  # "…, they said nothing more": the verb has its own object ("told reporters" is the hearer)
    after = sent[cue.i - sent.start + 1:]
    comma_after = next((n for n, t in enumerate(after) if t.text == ","), None)
    if comma_after == 0 or (comma_after is not None and ctx.lang == "en" and comma_after + 1 < len(after)
                            and after[comma_after + 1].pos_ != "CCONJ"):
        # "…, X said, in what appears to be …" / "…, X told reporters, adding that …": what follows the next
        # comma is an adjunct or a new statement (in Russian a comma after the cue opens the report itself)
        after = after[:comma_after + 1]
    if not all(t.is_punct or t.is_space or t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PRON", "ADP", "ADV", "VERB", "AUX", "PART")
               or (t.pos_ == "NUM" and ctx.lang == "en")  # "…, citing two officials in Kazan"
               for t in after):
        return None
    if len(sent[: comma.i - sent.start]) < 4:
        return None
    if ctx.lang == "en" and not any(t.pos_ in ("VERB", "AUX") or t.like_num for t in sent[: comma.i - sent.start]):
        return None  # "In the Irkutsk region, local media reported …": a fronted phrase, not a reported
        # clause (an elliptic figure still is: "For the Perm region, less than 9,000 people, says a source")
    return strip_span(ctx.text, (sent.start_char, comma.idx))


def subject_comma(cue: Token, sent: Span) -> Token | None:
    """"<clause>, a local lawyer, Pavel Gerasimov, said.": the cue's subject with its appositions fills
    everything between a comma and the cue; that comma, not the last one, ends the reported clause."""
    subj = subject_of(cue)
    if subj is None or not sent.start <= subj.i < cue.i:
        return None
    sub = list(subj.subtree)
    left = sub[0].i
    if not any(t.text == "," for t in sub):
        return None  # no apposition: the last comma already ends the clause
    if left - 1 <= sent.start or cue.doc[left - 1].text != "," or sub[-1].i >= cue.i \
            or cue.i - left > MAX_ROLE_WORDS + 4:
        return None
    return cue.doc[left - 1] if all(t.is_punct for t in cue.doc[sub[-1].i + 1:cue.i]) else None


def role_and_name_comma(ctx: Context, cue: Token, sent: Span) -> Token | None:
    """"<clause>, a local activist, Nina Orlova, said." when the parse hangs the apposition on the clause
    instead of making it the subject: a name and a speaker noun phrase (either order), each between
    commas, right before the cue; the comma before the pair ends the reported clause."""
    commas = [t for t in sent[: cue.i - sent.start] if t.text == ","]
    if commas and commas[-1].i == cue.i - 1:
        commas.pop()  # "…, Nina Orlova, said": the comma that closes the name
    if len(commas) < 2:
        return None
    prev, comma = commas[-2], commas[-1]
    last = [t for t in sent[comma.i - sent.start + 1: cue.i - sent.start] if not t.is_punct]
    other = [t for t in sent[prev.i - sent.start + 1: comma.i - sent.start] if not t.is_punct]
    if prev.i == sent.start or not last or not other or len(other) + len(last) > MAX_ROLE_WORDS:
        return None

    def name(ts: list[Token]) -> bool:
        return all(t.pos_ == "PROPN" for t in ts)

    def role(ts: list[Token]) -> bool:
        return not any(t.pos_ in ("VERB", "AUX") for t in ts) and any(
            t.pos_ == "NOUN" and ctx.resolver.acceptable(t, True) for t in ts)

    return prev if (name(last) and role(other)) or (role(last) and name(other)) else None


def parenthetical(ctx: Context, cue: Token, sent: Span) -> tuple[int, int, int] | None:
    """"В Татарстане, сообщил комиссар Гайнуллин, задание составит …" / "The lists, he said, are old": the
    cue and its speaker sit between commas; the report is what follows. Returns (start, end, open comma)."""
    i = cue.i - sent.start
    opening = next((t for t in reversed(sent[max(0, i - 5):i]) if t.text == ","), None)
    close = next((t for t in sent[i + 1:i + 12] if t.text == ","), None)
    if opening is None or close is None or opening.i == sent.start:
        return None
    between = [t for t in sent[opening.i - sent.start + 1:close.i - sent.start] if t.i != cue.i]
    if any(t.pos_ in ("VERB", "AUX", "SCONJ") for t in between):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in sent[:opening.i - sent.start]):
        return None  # "<a full clause>, residents said, in what appears …": the report is the clause before
    start, end = strip_span(ctx.text, (close.idx + 1, sent.end_char))
    return (start, end, opening.idx) if len(ctx.text[start:end].split()) >= 3 else None


_HEADING = re.compile(r"(?:[A-ZА-ЯЁ][A-ZА-ЯЁ'’.&-]*[ \t]+){0,5}[A-ZА-ЯЁ][A-ZА-ЯЁ'’.&-]+:[ \t]+")


# A wire dateline opening the sentence: "ULAN-UDE, Feb 20 (Steppe Wire) - ", "MOSCOW (Reuters) — ",
# «КАЗАНЬ, 14 марта. »: the city in capitals, then a date and/or the agency in brackets, then a dash or a stop.
_DATELINE = re.compile(r"[A-ZА-ЯЁ][A-ZА-ЯЁ'’.-]{2,}(?:[ \t]+[A-ZА-ЯЁ][A-ZА-ЯЁ'’.-]+){0,2}"
                       r"(?P<date>,[ \t][^\n()]{0,30}?\d[^\n()]{0,20}?)?(?P<agency>[ \t]*\([^)\n]{1,40}\))?"
                       r"[ \t]*(?:[-–—]|\.)[ \t]+")


def strip_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    heading = _HEADING.match(text, s, e)
    if heading and heading.end() < e:
        s = heading.end()  # "BELGOROD: The border region doubled …": a round-up's paragraph label
    dateline = _DATELINE.match(text, s, e)
    if dateline and (dateline["date"] or dateline["agency"]) and dateline.end() < e:
        s = dateline.end()  # the place and day of filing are not the speaker's words
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:.—–-"):
        e -= 1
    return s, e
