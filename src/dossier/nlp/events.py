"""Events component: what happened (type, trigger, polarity) where, when, how many and on whose word.

Everything domain-specific comes from the active domain pack (:mod:`dossier.domains`): trigger
phrases per event type, polarity cues and discourse cues. Per sentence, the component finds pack
triggers, decides each trigger's polarity from the cues that govern it in the dependency parse,
and attaches the sentence's places (``doc._.places``), nearest date (``doc._.dates``), numbers that
fit the type (``doc._.quantities``), named actors (``doc._.entities``) and, when the trigger lies
inside a quote (``doc._.quotes``), the quote's speaker as ``attributed_to``.

Rules a reader should know (all general, none tied to an article):
* Place fallback: a sentence that names no place takes the article's focus region for local event
  types (when the article is about exactly one region and the sentence has no nationwide cue), else
  the country the article is about (most named country, ties to the pack's default country).
* Places inside the subject of a speech verb ("says a source in the X government") are where the
  speaker sits; they are dropped when the sentence names other places.
* Continuations: a trigger-less sentence that opens a list ("The list includes …") or that repeats
  the previous event's pattern with a new place and number ("For the Perm region, 9,000 people")
  adds its places and numbers to the previous sentence's events (same paragraph).
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dossier.domains import Pack, TriggerRule, active_pack, load_pack
from dossier.domains.phrases import Match, PhraseIndex, longest_first, norm, russian_lemma
from dossier.model import Event, Place, Quantity, Trigger
from dossier.nlp.sentences import line_sentences

# dependency relations by which a cue attached to a governor of the trigger scopes over it
MODIFIER_DEPS = {"neg", "aux", "auxpass", "aux:pass", "advmod", "amod", "det", "mark", "discourse", "xcomp",
                 "compound", "nmod", "advcl", "prep", "acl"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "nsubj:pass"}
CORE_DEPS = SUBJECT_DEPS | {"obj", "dobj", "attr", "xcomp", "ccomp", "csubj", "conj", "appos", "expl"}
OBJECT_DEPS = {"pobj", "dobj", "obj", "nmod", "obl", "iobj"}
LIST_CUE_TOKENS = 4  # a continuation cue must start within this many tokens of the sentence start


@dataclass
class Compiled:
    """A pack's phrases for one language, indexed for matching."""

    triggers: PhraseIndex[TriggerRule]
    context: PhraseIndex[str]
    cues: PhraseIndex[str]
    negation: PhraseIndex[str]
    discourse: dict[str, PhraseIndex[str]]
    planned_features: list[str]
    order: tuple[str, ...]
    destination: frozenset[str] = frozenset()  # direction prepositions ("to", "в")
    question: frozenset[str] = frozenset()  # words of asking: a trigger they govern takes the answer's polarity


@lru_cache(maxsize=None)
def compile_pack(pack_name: str, lang: str) -> Compiled:
    pack = load_pack(pack_name)
    rules = pack.rules(lang)
    lemma = russian_lemma if lang == "ru" else None

    def index() -> PhraseIndex:
        return PhraseIndex(lemma)

    triggers: PhraseIndex[TriggerRule] = index()
    context: PhraseIndex[str] = index()
    for rule in rules.triggers:
        triggers.add(rule.phrase, rule)
        for phrase in rule.context + rule.unless:
            context.add(phrase, phrase)
    cues: PhraseIndex[str] = index()
    for polarity, phrases in rules.cues.items():
        for phrase in phrases:
            cues.add(phrase, polarity)
    negation: PhraseIndex[str] = index()
    for phrase in rules.negation:
        negation.add(phrase, "denied")
    discourse = {}
    for key, phrases in rules.discourse.items():
        discourse[key] = index()
        for phrase in phrases:
            discourse[key].add(phrase, key)
    return Compiled(triggers, context, cues, negation, discourse, rules.planned_features, pack.polarity_order,
                    frozenset(norm(w) for w in rules.discourse.get("destination", [])),
                    frozenset(norm(w) for w in rules.discourse.get("question", [])))


@dataclass
class SentenceInfo:
    span: Span
    index: int
    context: set[str] = field(default_factory=set)
    quantities: list[int] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    national: bool = False
    local_anaphora: bool = False
    lede: bool = False  # in the headline or the first paragraph after it


def place_code(place: Place) -> str:
    """The code an event is filed under: a city counts for its region (claims group by region)."""
    if place.kind == "city" and place.region:
        return place.region
    return place.id


def article_country(places: list[Place], default: str) -> str:
    counts = Counter(p.country or (p.id if p.kind == "country" else None) for p in places if not p.negated)
    counts.pop(None, None)
    if not counts:
        return default
    best = max(counts.values())
    tied = [c for c, n in counts.items() if n == best]
    return default if default in tied else tied[0]


def _regions(places: list[Place]) -> list[str]:
    return sorted({p.region or p.id for p in places if not p.negated and p.kind in ("region", "city")
                   and (p.region or p.id)})


def focus_region(doc: Doc, places: list[Place]) -> str | None:
    """The one region an article is about: the only region named in its title (the metadata title
    or a short first line), else the only region in the whole text, else the lede's only region
    when it is also the region named most often."""
    title = ((doc._.meta or {}).get("title") or "").casefold()
    text = doc.text
    first_line = text.lstrip().split("\n", 1)[0]
    offset = len(text) - len(text.lstrip())
    affirmed = [p for p in places if not p.negated]
    headline = len(first_line) <= 200 and not first_line.rstrip().endswith((".", "!", "?", "…", ":"))
    in_title = _regions([p for p in affirmed if (title and p.text.casefold() in title)
                         or (headline and p.start < offset + len(first_line))])
    if len(in_title) == 1:
        return in_title[0]
    everywhere = _regions(affirmed)
    if len(everywhere) == 1:
        return everywhere[0]
    sents = line_sentences(doc)
    lede = _regions([p for p in affirmed if sents and p.start < sents[0].end_char])
    counts = Counter(r for p in affirmed for r in _regions([p]))
    if len(lede) == 1 and counts and counts.most_common(1)[0][0] == lede[0]:
        return lede[0]
    return None


def sentence_infos(doc: Doc, comp: Compiled, places: list[Place]) -> list[SentenceInfo]:
    infos = [SentenceInfo(span=s, index=i) for i, s in enumerate(line_sentences(doc))]
    quantities: list[Quantity] = doc._.quantities or []
    text, paragraph = doc.text, 0
    for i, info in enumerate(infos):
        s = info.span
        if i and "\n" in text[infos[i - 1].span.end_char:s.start_char]:
            paragraph += 1
        info.lede = paragraph <= 1  # the headline and the first paragraph (or, without a headline, two)
        info.context = {m.payload for m in comp.context.matches(doc, s.start, s.end)}
        info.quantities = [k for k, q in enumerate(quantities) if s.start_char <= q.start < s.end_char]
        info.places = [p for p in places if s.start_char <= p.start < s.end_char]
        info.national = any(True for _ in comp.discourse["national"].matches(doc, s.start, s.end))
        info.local_anaphora = any(True for _ in comp.discourse["local_anaphora"].matches(doc, s.start, s.end))
    return infos


def fires(rule: TriggerRule, infos: list[SentenceInfo], i: int) -> bool:
    """Whether a contextual trigger's condition holds around sentence i."""
    if rule.needs_quantity and not infos[i].quantities:
        return False
    if rule.unless and set(rule.unless) & infos[i].context:
        return False
    if not rule.context:
        return True
    lo, hi = max(0, i - rule.window), min(len(infos), i + rule.window + 1)
    if any(set(rule.context) & infos[k].context for k in range(lo, hi)):
        return True
    # "raised its payment to 500,000 roubles" in a round-up whose lede is about army contracts
    return rule.lede and any(set(rule.context) & x.context for x in infos if x.lede)


def sentence_triggers(doc: Doc, comp: Compiled, infos: list[SentenceInfo], i: int) -> list[Match[TriggerRule]]:
    s = infos[i].span
    blocked = {k for m in comp.discourse["not_triggers"].matches(doc, s.start, s.end) for k in range(m.start, m.end)}
    blocked |= quoted_names(doc, s)
    found = [m for m in comp.triggers.matches(doc, s.start, s.end)
             if fires(m.payload, infos, i) and m.start not in blocked]
    # plain triggers beat contextual ones of the same length; the longest phrase wins overall
    found.sort(key=lambda m: m.payload.contextual)
    chosen = longest_first(found)
    spans = {(m.start, m.end) for m in chosen}
    # a phrase listed under two types (e.g. "electronic summons") is an event of each type
    extra = [m for m in found if (m.start, m.end) in spans and m not in chosen
             and m.payload.type not in {c.payload.type for c in chosen if (c.start, c.end) == (m.start, m.end)}]
    return sorted(chosen + extra, key=lambda m: m.start)


OPENING, CLOSING = "«“\"„", "»”\"“"


def quoted_names(doc: Doc, sent: Span) -> set[int]:
    """Token indexes inside a short capitalised multi-word name in quotation marks (a project,
    group or operation: «Призыв к совести»): their words name something, they report no event.
    A short quoted statement is speech, not a name: «Мобилизации не будет», "There will be no
    mobilization." (a direct quote the quotes component found, or words with a finite verb or a
    sentence's end inside the marks)."""
    out: set[int] = set()
    i = sent.start
    while i < sent.end:
        if doc[i].text in OPENING:
            j = next((k for k in range(i + 1, min(sent.end, i + 8)) if doc[k].text in CLOSING), None)
            if j is not None:
                inner = doc[i + 1:j]
                words = [t for t in inner if t.is_alpha]
                if 2 <= len(words) <= 6 and words[0].text[:1].isupper() and not _is_statement(doc, inner):
                    out.update(range(i + 1, j))
                i = j
        i += 1
    return out


def _is_statement(doc: Doc, inner: Span) -> bool:
    starts, reach = _quote_reach(doc)
    i = bisect.bisect_right(starts, inner.start_char)
    if i and reach[i - 1] >= inner.end_char:  # a found quote starting before the marks runs past them
        return True
    return inner[-1].text in ".!?…" or any("Fin" in t.morph.get("VerbForm") or t.tag_ in ("VBD", "VBZ", "VBP", "MD")
                                           for t in inner)


def _quote_reach(doc: Doc) -> tuple[list[int], list[int]]:
    """The quotes' starts in order and, for each, the furthest end of the quotes starting there or
    before: whether some quote covers [s, e) is then one bisection (computed once per Doc)."""
    if _REACH_KEY not in doc.user_data:
        spans = sorted((q.start, q.end) for q in doc._.quotes or [])
        reach, far = [], -1
        for _, end in spans:
            far = max(far, end)
            reach.append(far)
        doc.user_data[_REACH_KEY] = ([s for s, _ in spans], reach)
    return doc.user_data[_REACH_KEY]


_REACH_KEY = "dossier.events.quote_reach"


def dateline(place: Place, text: str) -> bool:
    """"МОСКВА, 12 января." / "MOSCOW, Dec 1 (Reuters)": the dateline names where the reporter files
    from, not where the event happens."""
    return (place.text.isupper() and len(place.text) > 2 and text[place.end:place.end + 1] == ","
            and (place.start == 0 or text[place.start - 1] == "\n" or text[max(0, place.start - 2):place.start].strip() == ""))


def span_root(span: Span) -> Token:
    """The span's head word. Span.root and Token.ancestors/subtree can fail or loop on the cyclic
    trees Natasha sometimes produces, so the tree walks here guard against cycles."""
    for tok in span:
        if tok.head.i == tok.i or not span.start <= tok.head.i < span.end:
            return tok
    return span[-1]


def ancestors(tok: Token, sent: Span) -> list[Token]:
    out, seen = [], {tok.i}
    while tok.head.i not in seen and sent.start <= tok.head.i < sent.end:
        tok = tok.head
        seen.add(tok.i)
        out.append(tok)
    return out


def subtree_range(tok: Token) -> tuple[int, int]:
    """Character range covered by `tok` and its descendants."""
    seen, todo = {tok.i}, [tok]
    while todo:
        for child in todo.pop().children:
            if child.i not in seen:
                seen.add(child.i)
                todo.append(child)
    doc = tok.doc
    first, last = doc[min(seen)], doc[max(seen)]
    return first.idx, last.idx + len(last.text)


def polarity(doc: Doc, comp: Compiled, sent: Span, start: int, end: int) -> str:
    """The polarity of the trigger at tokens [start, end) from the cues that govern it."""
    head = span_root(doc[start:end])
    chain = [head, *ancestors(head, sent)]
    chain_ids = {t.i for t in chain}
    inside = set(range(start, end))
    found: set[str] = set()
    for m in comp.cues.matches(doc, sent.start, sent.end):
        for t in doc[m.start:m.end]:
            if t.i in inside and m.end - m.start == 1 and m.start == start:
                continue  # the trigger itself is no cue for itself
            if t.i in chain_ids or (t.head.i in chain_ids and t.dep_ in MODIFIER_DEPS):
                found.add(m.payload)
                break
    governor = next((t for t in chain if t.pos_ in ("VERB", "AUX")), head)
    # a negator denies the event when it sits on the trigger or on the verb the trigger is an argument
    # of, or on the verbs that verb completes ("do not want to declare mobilization")
    narrow = set(inside)
    arg = head
    while arg.dep_ in ("amod", "compound", "nmod", "flat") and arg.head.i != arg.i and arg.head.pos_ in ("NOUN", "PROPN"):
        arg = arg.head  # "mobilization measures are not held": the noun the trigger qualifies
        narrow.add(arg.i)
    # only when the trigger is the verb itself or one of its core arguments: "не усугублять
    # загруженность в связи с мобилизацией" does not deny the mobilization
    if governor.i == head.i or (governor.i == arg.head.i and arg.dep_ in CORE_DEPS):
        narrow.add(governor.i)
        while governor.dep_ == "xcomp" and governor.head.i != governor.i:
            governor = governor.head
            narrow.add(governor.i)
    nouns = {t.i for t in chain if t.pos_ in ("NOUN", "PROPN")}
    for m in comp.negation.matches(doc, sent.start, sent.end):
        for t in doc[m.start:m.end]:
            if t.i in inside:
                continue
            # "no discussions about mobilization", "никаких решений о второй волне"
            # also on a copula or auxiliary the parser hung below the trigger («Мобилизации не будет»)
            hook = t.head.head if t.head.dep_ in ("cop", "aux", "aux:pass") else t.head
            if hook.i in narrow or (t.dep_ == "det" and t.head.i in nouns):
                found.add("denied")
    verbs = [t for t in chain if t.pos_ in ("VERB", "AUX")][:1]
    verbs += [c for v in verbs for c in v.children if c.dep_ in ("aux", "aux:pass")]
    if any(f in str(v.morph).split("|") for v in verbs for f in comp.planned_features):
        found.add("planned")
    if found == {"planned"} and verbs and verbs[0].tag_ == "VBD" and verbs[0].i not in cue_ids(comp, doc, sent):
        return "asserted"  # "We will remind, in 2022 the mobilization took away men": the trigger's own verb
        # is in the simple past (English tag), a future cue higher up frames the telling, not the event
    if "denied" not in found and _answer_denies(doc, comp, sent, chain):
        found.add("denied")
    return next((p for p in comp.order if p in found), "asserted")


def _answer_denies(doc: Doc, comp: Compiled, sent: Span, chain: list[Token]) -> bool:
    """"Asked about a second wave of mobilisation, Peskov said there were no such plans", «на вопрос о новой
    волне мобилизации ответил, что такие планы не обсуждаются»: the topic of a question takes the polarity of
    the answer, the clause the speech verb above the question reports."""
    k = next((k for k, t in enumerate(chain) if norm(t.lemma_) in comp.question), None)
    verb = next((t for t in chain[k + 1:] if t.pos_ in ("VERB", "AUX")), None) if k is not None else None
    if verb is None:
        return False
    on_chain = {t.i for t in chain}
    answers = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i not in on_chain]
    inside = {t.i for a in answers for t in a.subtree}
    if any(m.payload == "denied" and any(t.i in inside for t in doc[m.start:m.end])
           for m in comp.cues.matches(doc, sent.start, sent.end)):
        return True
    negators = {t.i for m in comp.negation.matches(doc, sent.start, sent.end) for t in doc[m.start:m.end]}
    # a negator on the answer's verb or on one of its nouns ("there were no such plans")
    return any(t.i in negators and (t.head.i == a.i or t.head.head.i == a.i) for a in answers for t in a.subtree)


def cue_ids(comp: Compiled, doc: Doc, sent: Span) -> set[int]:
    return {t.i for m in comp.cues.matches(doc, sent.start, sent.end) for t in doc[m.start:m.end]}


def speaker_ranges(doc: Doc, comp: Compiled, sent: Span) -> list[tuple[int, int]]:
    """Character ranges naming who speaks (subject of a speech verb, object of "according to")."""
    out = []
    for m in comp.discourse["reporting"].matches(doc, sent.start, sent.end):
        last = doc[m.end - 1]
        deps = SUBJECT_DEPS if last.pos_ in ("VERB", "AUX") else OBJECT_DEPS
        for child in last.children:
            if child.dep_ in deps:
                out.append(subtree_range(child))
    return out


def named_places(doc: Doc, comp: Compiled, info: SentenceInfo) -> list[Place]:
    """The sentence's affirmed places, without datelines, destinations and those naming a speaker
    when others remain."""
    places = [p for p in info.places if not p.negated and not (p.kind == "country" and is_destination(doc, comp, p))
              and not is_agent(doc, p) and not stands_for_government(doc, p)]
    speakers = speaker_ranges(doc, comp, info.span)
    outside = [p for p in places if not any(a <= p.start < b for a, b in speakers)]
    return outside or places


def is_agent(doc: Doc, place: Place) -> bool:
    """"targets set by Moscow": the agent of a passive is the authority that acts (a capital standing
    for its government), not where the event happens."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    root = span_root(span)
    return root.dep_ == "pobj" and root.head.dep_ == "agent"


def stands_for_government(doc: Doc, place: Place) -> bool:
    """"Moscow buys drones", «Москва отказалась»: a seat of government (gazetteer data) that is the active
    subject of a clause names the state that acts, not the city where something happens."""
    if place.id not in _government_seats():
        return False
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and span_root(span).dep_ == "nsubj"


@lru_cache(maxsize=1)
def _government_seats() -> frozenset[str]:
    from dossier.gazetteer import load

    return frozenset(load().cues.get("government_seats", {}).get("ids", []))


def is_destination(doc: Doc, comp: Compiled, place: Place) -> bool:
    """"sent to Ukraine" / "отправят в Украину": a direction preposition governs the place (in the
    accusative when the language marks case)."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    root = span_root(span)
    preps = [root.head] if root.dep_ == "pobj" else [c for c in root.children if c.dep_ == "case"]
    case = root.morph.get("Case")
    return any(norm(p.text) in comp.destination for p in preps) and (not case or "Acc" in case)


def event_places(doc: Doc, comp: Compiled, info: SentenceInfo, kind_scope: str, ctx: dict,
                 denied: bool = False) -> list[str]:
    places = named_places(doc, comp, info)
    regional = [place_code(p) for p in places if p.kind in ("region", "city", "macro_region")]
    codes = list(dict.fromkeys(regional or [place_code(p) for p in places if p.kind == "country"]))
    if any(not c.startswith("macro:") for c in codes):
        return codes
    if denied and any(p.negated for p in info.places):
        # «В Белгородской области мобилизации не будет» in an article about Voronezh: the denial is
        # about the place it names, never about the article's focus region
        return codes + [ctx["country"]]
    focus = ctx["focus"]
    if info.local_anaphora and ctx.get("recent"):  # "the regional office": the region just named
        return codes + ctx["recent"]
    if focus and (info.local_anaphora or (kind_scope == "local" and not info.national)):
        # a paragraph that moved to another region ("Meanwhile, in neighbouring Tomsk Oblast …")
        # speaks of that region until it names another
        recent = ctx.get("recent") or []
        return codes + (recent if recent and recent != [focus] else [focus])
    return codes + [ctx["country"]]


def nearest_date(doc: Doc, info: SentenceInfo, char: int) -> str | None:
    s = info.span
    dates = [d for d in (doc._.dates or []) if s.start_char <= d.start < s.end_char and d.value]
    return min(dates, key=lambda d: abs(d.start - char)).value if dates else None


def fitting_quantities(doc: Doc, info: SentenceInfo, hints: tuple[str, ...]) -> list[int]:
    quantities: list[Quantity] = doc._.quantities or []
    out = []
    for k in info.quantities:
        q = quantities[k]
        what = " ".join(x for x in (q.counted, q.unit) if x).casefold()
        if (not hints and not q.unit) or (what and any(h.casefold() in what for h in hints)):
            out.append(k)
    return out


def attribution(doc: Doc, char: int) -> str | None:
    for q in doc._.quotes or []:
        if q.start <= char < q.end and q.speaker is not None and q.speaker.entity:
            return q.speaker.entity
    return None


def actors(doc: Doc, info: SentenceInfo, exclude: str | None) -> list[str]:
    index = doc._.entities
    if index is None:
        return []
    s = info.span
    return [e.id for e in index.items if e.id != exclude
            and any(s.start_char <= a < s.end_char for a, _ in e.mentions)]


def find_events(doc: Doc, pack: Pack, lang: str) -> list[Event]:
    """The events of one Doc whose extensions places/quantities/dates/entities/quotes are set."""
    comp = compile_pack(str(pack.source), lang)
    text = doc.text  # Doc.text joins every token: read it once
    places = [p for p in doc._.places or [] if not dateline(p, text)]
    ctx = {"country": article_country(places, pack.default_country), "focus": focus_region(doc, places),
           "recent": [], "text": text}
    infos = sentence_infos(doc, comp, places)
    events: list[Event] = []
    previous: list[Event] = []
    heads: dict[str, str] = {}  # head lemma of each multi-word trigger seen so far → its event type
    for i, info in enumerate(infos):
        if i and "\n" in text[infos[i - 1].span.end_char:info.span.start_char]:
            ctx["recent"] = []  # a new paragraph: no region carried over
        here = sentence_events(doc, comp, pack, info, infos, ctx)
        here += anaphoric_events(doc, comp, pack, info, ctx, heads, {(e.type, e.polarity) for e in here})
        for ev in here:
            span = doc.char_span(ev.trigger.start, ev.trigger.end)
            if span is not None and len(span) > 1:
                heads[span.root.lemma_.lower()] = ev.type
        named = _regions(named_places(doc, comp, info))
        if named:
            ctx["recent"] = named
        if here:
            events += here
            previous = here
        elif previous and continues(doc, comp, infos, i, previous):
            extend(previous, doc, comp, pack, info)
        elif named or "\n" in text[previous[-1].sentence[1] if previous else 0:info.span.start_char]:
            previous = []  # a sentence about other places, or a new paragraph, ends the list
        # else: a neutral aside ("— в ноябре.") keeps the previous events open for a continuation
    return events


def sentence_events(doc: Doc, comp: Compiled, pack: Pack, info: SentenceInfo, infos: list[SentenceInfo],
                    ctx: dict) -> list[Event]:
    out: dict[tuple[str, str], Event] = {}
    s = info.span
    for m in sentence_triggers(doc, comp, infos, info.index):
        etype = pack.types[m.payload.type]
        pol = polarity(doc, comp, s, m.start, m.end)
        if (etype.name, pol) in out:
            continue
        out[(etype.name, pol)] = make_event(doc, comp, pack, info, ctx, etype.name, pol, doc[m.start:m.end])
    return list(out.values())


def make_event(doc: Doc, comp: Compiled, pack: Pack, info: SentenceInfo, ctx: dict, etype: str, pol: str,
               span: Span) -> Event:
    s, kind = info.span, pack.types[etype]
    speaker = attribution(doc, span.start_char)
    return Event(type=etype, polarity=pol, trigger=Trigger(span.start_char, span.end_char, span.text),
                 sentence=[s.start_char, s.end_char],
                 places=event_places(doc, comp, info, kind.scope, ctx, denied=pol == "denied"),
                 date=nearest_date(doc, info, span.start_char),
                 quantities=fitting_quantities(doc, info, kind.quantity_hints),
                 actors=actors(doc, info, speaker), attributed_to=speaker)


def anaphoric_events(doc: Doc, comp: Compiled, pack: Pack, info: SentenceInfo, ctx: dict, heads: dict[str, str],
                     taken: set[tuple[str, str]]) -> list[Event]:
    """"A recruitment point has opened in Samara … Similar points have opened in Saratov and Penza": the head
    noun of an earlier multi-word trigger under an anaphoric modifier (pack data) reports an event of that type."""
    s, out = info.span, []
    for m in comp.discourse["anaphoric_modifiers"].matches(doc, s.start, s.end):
        noun = next((t for t in doc[m.end:min(s.end, m.end + 3)] if t.pos_ in ("NOUN", "PROPN")), None)
        etype = heads.get(noun.lemma_.lower()) if noun is not None else None
        if etype is None:
            continue
        pol = polarity(doc, comp, s, noun.i, noun.i + 1)
        if (etype, pol) not in taken:
            taken.add((etype, pol))
            out.append(make_event(doc, comp, pack, info, ctx, etype, pol, doc[noun.i:noun.i + 1]))
    return out


def continues(doc: Doc, comp: Compiled, infos: list[SentenceInfo], i: int, previous: list[Event]) -> bool:
    """Whether trigger-less sentence i carries on the previous sentence's events."""
    info = infos[i]
    if not any(p.kind in ("region", "city") and not p.negated for p in info.places):
        return False
    # a paragraph break does not end the list: round-ups give each region a paragraph of its own
    # ("KRASNODAR AND ADYGEA: Both regions offer 300,000 roubles." after a paragraph on recruitment)
    s = info.span
    opens_list = any(m.start < s.start + LIST_CUE_TOKENS
                     for m in comp.discourse["continuation"].matches(doc, s.start, s.end))
    parallel = bool(info.quantities) and any(e.quantities for e in previous)
    return opens_list or parallel


def extend(previous: list[Event], doc: Doc, comp: Compiled, pack: Pack, info: SentenceInfo) -> None:
    regions = [place_code(p) for p in named_places(doc, comp, info) if p.kind in ("region", "city")]
    for ev in previous:
        ev.places = list(dict.fromkeys(ev.places + regions))
        ev.quantities = sorted(set(ev.quantities) | set(fitting_quantities(doc, info, pack.types[ev.type].quantity_hints)))
        ev.sentence = [ev.sentence[0], info.span.end_char]


@Language.factory("dossier_events", default_config={"lang": "en", "domain": ""})
def make_events(nlp: Language, name: str, lang: str, domain: str):
    pack = load_pack(domain) if domain else active_pack()

    def events(doc: Doc) -> Doc:
        doc._.events = find_events(doc, pack, lang)
        return doc
    return events
