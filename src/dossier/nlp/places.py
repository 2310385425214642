"""Places component: every place mention resolved to a gazetteer id, in English and Russian.

Steps, each a small method: the gazetteer's word trie proposes name matches on the raw text;
coordinated region lists are expanded ("Voronezh, Penza and Lipetsk regions", "Свердловской и
Челябинской областей"); the longest non-overlapping matches win (phrases listed as not places win and
are dropped); names that belong to a person (NER, honorifics, neighbouring name words) or to the title
of a work are dropped; ambiguous names are decided from nearby region nouns, then from the rest of the
document, then from the preference list in ``cues.toml``; a place after a negation cue ("There is no
information about Chechnya"), before one ("О Чечне данных нет") or governed by a negated verb of
activity ("повесток не вручали в Чечне") is ``negated``. All names and cue words live in the
gazetteer's data files; this module holds only the rules (see docs/places.md).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dossier.gazetteer import Gazetteer, Match, Name, Record, Word, load, norm
from dossier.gazetteer.core import Index
from dossier.model import Document, Place
from dossier.nlp import lexicon, pipeline

SEPARATORS = {",", "and", "и", "&"}
BOUNDARIES = {".", "!", "?", ";"}
QUOTES = {"«", '"', "“", "„", "'"}


@Language.factory("dossier_places", default_config={"lang": "en"})
def make_places(nlp: Language, name: str, lang: str):
    resolver = PlaceResolver(load(), lang)

    def places(doc: Doc) -> Doc:
        doc._.places = resolver(doc)
        return doc

    return places


def find_places(document: Document) -> list[Place]:
    """The places of one article: the pipeline run only as far as this component."""
    from dossier.extract import make_doc

    doc = make_doc(document)
    for name, proc in pipeline.load(document.language or "en").pipeline:
        doc = proc(doc)
        if name == "dossier_places":
            break
    return doc._.places or []


@dataclass
class Found:
    """A match on its way to becoming a Place."""

    match: Match
    coordinated: bool = False
    id: str = ""
    alternatives: tuple[str, ...] = ()


class PlaceResolver:
    """Callable Doc → list[Place]; built once per pipeline."""

    def __init__(self, gz: Gazetteer, lang: str) -> None:
        self.gz, self.lang = gz, lang
        neg, person = gz.cues["negation"], gz.cues["person"]
        self.neg_cues = Index()
        for cue in neg["en"] + neg["ru"]:
            self.neg_cues.add(cue, Name("cue", "cue", lang, cased=False))
        self.neg_after = Index()
        for cue in neg.get("after", []):
            self.neg_after.add(cue, Name("cue", "cue", lang, cased=False))
        self.topic = {norm(w) for w in neg.get("topic", [])}
        self.window: int = neg.get("window", 6)
        self.particles = {norm(w) for w in neg["particles_en"] + neg["particles_ru"]}
        self.not_negating = {norm(w) for w in neg["not_negating"]}
        self.activity = {norm(w) for w in neg.get("activity_verbs", [])}
        self.activity_nouns = {norm(w) for w in neg.get("activity_nouns", [])}
        self.speech = {norm(w) for w in neg.get("speech_verbs", [])}
        self.honorifics = {norm(w) for w in person["honorifics"]}
        self.place_preps = {norm(w) for w in person["place_prepositions_en"] + person["place_prepositions_ru"]}
        self.place_nouns = {norm(w) for w in person.get("place_nouns_en", [])}
        titles = gz.cues.get("titles", {})
        self.works = {norm(w) for w in titles.get("works", [])}
        self.small = {norm(w) for w in titles.get("small", [])}
        orgs = gz.cues.get("org_names", {})
        self.org_prefixes = {norm(w) for w in orgs.get("prefixes", [])}
        self.org_nouns = {norm(w) for w in orgs.get("nouns", [])}
        adjectives = gz.cues.get("region_adjectives", {})
        self.adj_heads = {norm(w) for w in adjectives.get("heads", [])}
        self.adj_cities = {norm(k): v for k, v in adjectives.get("cities", {}).items()}
        self.prefer = [tuple(group) for group in gz.cues.get("ambiguity", {}).get("prefer", [])]

    def __call__(self, doc: Doc) -> list[Place]:
        text = doc.text
        ws, raw = self.gz.find(text)
        found = [Found(m) for m in (self._shaped(m, text) for m in raw) if m is not None]
        found += self._region_adjectives(ws, doc)
        found = [f for f in select(self._coordination(ws, text) + found) if f.match.names[0].how != "block"]
        found = [f for f in found if not _glued(f.match, text)]
        found = [f for f in found if f.coordinated or not (self._is_person(f.match, doc, ws)
                                                            or self._in_title(f.match, ws, text)
                                                            or self._org_name(f.match, ws))]
        self._resolve(found, ws)
        cues = ([m.last for m in self.neg_cues.find(ws)], [m.first for m in self.neg_after.find(ws)])
        return [self._place(f, text, self._negated(f.match, ws, cues, doc)) for f in found]

    # -- matching ------------------------------------------------------------------------------

    def _shaped(self, m: Match, text: str) -> Match | None:
        """Keep only names whose capitalisation fits the text ("Perm" yes, "perm" no; "US" not "us")."""
        surface = text[m.start:m.end]
        letters = [c for c in surface if c.isalpha()]
        upper_first = bool(letters) and letters[0].isupper()
        if any(n.how == "block" for n in m.names):
            return Match(m.first, m.last, m.start, m.end, [n for n in m.names if n.how == "block"])
        ok = [n for n in m.names if n.how in ("name", "demonym")
              and (not n.cased or upper_first)
              and (not n.exact_case or all(c.isupper() for c in letters))]
        if not ok:
            return None
        return Match(m.first, m.last, m.start, m.end, ok)

    def _coordination(self, ws: list[Word], text: str) -> list[Found]:
        """"Sverdlovsk and Chelyabinsk regions" → one region per stem, the shared noun on the last."""
        out: list[Found] = []
        for j in range(len(ws)):
            hit = self.gz.nouns.at(ws, j)
            if not hit:
                continue
            size, nouns = hit
            types = {n.id.split(":", 1)[1] for n in nouns}
            elems = self._stems_before(ws, j, text)
            if len(elems) < 2:
                continue
            for k, (first, last, names) in enumerate(elems):
                ids = self._fit_type(names, types)
                end_word = j + size if k == 0 else last  # elems run right to left: k == 0 is the last stem
                m = Match(first, end_word, ws[first].start, ws[end_word - 1].end,
                          [Name(i, "name", self.lang) for i in ids])
                out.append(Found(m, coordinated=True))
        return out

    def _region_adjectives(self, ws: list[Word], doc: Doc) -> list[Found]:
        """"свердловские власти", "Chechen leader": a region adjective qualifying a regional-institution noun."""
        out: list[Found] = []
        if not self.adj_heads:
            return out
        stems = tuple(k[:-2] for k in self.adj_cities)  # "московск": cheap test before asking for a lemma
        for i in range(len(ws) - 1):
            names = self.gz.stems.entries.get((ws[i].norm,))
            if names and ((ws[i].norm,) in self.gz.names.entries or not ws[i].first_upper(doc.text) and
                          names[0].lang == "en"):
                names = None  # "Sverdlovsk authorities": the name match already covers it
            city = None
            if ws[i].norm.startswith(stems):
                city = self.adj_cities.get(_lemma(doc, ws[i]) or "")
            if not (names or city):
                continue
            head = _lemma(doc, ws[i + 1])
            if head not in self.adj_heads:
                continue
            ids = [city] if city else list(dict.fromkeys(n.id for n in names or []))
            m = Match(i, i + 1, ws[i].start, ws[i].end, [Name(pid, "name", self.lang) for pid in ids])
            out.append(Found(m))
        return out

    def _stems_before(self, ws: list[Word], j: int, text: str) -> list[tuple[int, int, list[Name]]]:
        """Capitalised region stems ending at word j, walking left over separators: right to left."""
        elems, i = [], j
        while True:
            stem = None
            for size in (3, 2, 1):
                if i - size < 0:
                    continue
                names = self.gz.stems.entries.get(tuple(w.norm for w in ws[i - size:i]))
                if names and text[ws[i - size].start].isupper():
                    stem = (i - size, i, names)
                    break
            if stem is None:
                return elems
            elems.append(stem)
            i = stem[0]
            if i > 0 and ws[i - 1].norm in SEPARATORS:
                i -= 1
                if ws[i].norm in ("and", "и") and i > 0 and ws[i - 1].norm == ",":
                    i -= 1
            else:
                return elems

    def _fit_type(self, names: list[Name], types: set[str]) -> list[str]:
        ids = list(dict.fromkeys(n.id for n in names))
        fit = [i for i in ids if self.gz.region_types.get(i) in types]
        return fit or ids

    # -- person or place -------------------------------------------------------------------------

    def _is_person(self, m: Match, doc: Doc, ws: list[Word]) -> bool:
        """Not this place: part of a person's name (after an honorific, inside a longer PERSON entity) or,
        for risky names (also first names, surnames, common words), tagged PERSON, next to another name
        word, opening a sentence, or the tail of a longer place name ("New Jersey")."""
        if all(n.how == "demonym" for n in m.names):
            return False
        if m.first > 0 and ws[m.first - 1].norm in self.honorifics:
            return True
        if m.first > 1 and ws[m.first - 1].norm == "." and ws[m.first - 2].norm in self.honorifics:
            return True
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or (m.first > 0 and ws[m.first - 1].norm in self.place_preps):
            return False
        risky = any(n.risky for n in m.names)
        ent = _entity_at(span)
        if ent is not None and ent.label_ in ("PERSON", "PER"):
            end = ent.end - 1 if ent[-1].tag_ == "POS" else ent.end  # "St Petersburg's governor": NER kept the 's
            if ent.start < span.start or end > span.end:
                return True
            if risky:
                return True
        if risky and self.lang == "en" and len(span) == 1 and lexicon.given_name_gender(span.text) \
                and not any(w.norm in self.place_nouns for w in ws[max(0, m.first - 3):m.last + 3]):
            return True  # "[Visitor, captioned Artyom, 34]": a first name without "in"/"city of" is a person
        if ent is not None and ent.label_ in ("GPE", "LOC"):
            return risky and ent.start < span.start  # "New Jersey" is another place than Jersey
        # a risky name opening a sentence is more likely the common word or first name ("Того же дня")
        return risky and (span[0].is_sent_start or _next_to_name_word(span, doc, self.gz))

    def _in_title(self, m: Match, ws: list[Word], text: str, reach: int = 12) -> bool:
        """Inside a work's title: walk left over title-like words until a work noun ("book", "фильм")."""
        for i in range(m.first - 1, max(-1, m.first - 1 - reach), -1):
            w = ws[i]
            if w.norm in self.works:
                nxt = ws[i + 1]
                return nxt.first_upper(text) or nxt.norm in QUOTES
            possessive = w.norm == "s" and i > 0 and ws[i - 1].norm == "'"
            title_like = w.first_upper(text) or w.norm in self.small or not w.norm.isalnum() or possessive
            if w.norm in BOUNDARIES or not title_like:
                return False
        return False

    def _org_name(self, m: Match, ws: list[Word]) -> bool:
        """"FC Krasnodar", "клуб «Ростов»": the place's name serves as an organisation's."""
        before = ws[m.first - 1].norm if m.first > 0 else ""
        if before in self.org_prefixes:
            return True
        quoted = before in QUOTES and m.last < len(ws) and ws[m.last].norm in QUOTES | {"»", "”"}
        return quoted and m.first > 1 and ws[m.first - 2].norm in self.org_nouns

    # -- ambiguity -------------------------------------------------------------------------------

    def _resolve(self, found: list[Found], ws: list[Word]) -> None:
        """Pick one id per mention; keep the others of an ambiguous name as alternatives."""
        settled: set[str] = set()
        for f in found:
            ids = list(dict.fromkeys(n.id for n in f.match.names))
            if len(ids) == 1:
                f.id = ids[0]
                rec = self.gz.get(ids[0])
                settled |= {ids[0], rec.region} if rec and rec.region else {ids[0]}
        for f in found:
            if f.id:
                continue
            ids = list(dict.fromkeys(n.id for n in f.match.names))
            ranked = sorted(ids, key=lambda i: self._rank(i, ids, f.match, ws, settled))
            f.id, f.alternatives = ranked[0], tuple(ranked[1:])

    def _rank(self, pid: str, ids: list[str], m: Match, ws: list[Word], settled: set[str]) -> tuple[int, int, int]:
        near = self._nearby_types(m, ws)
        by_noun = 0 if self.gz.region_types.get(pid) in near else 1
        by_doc = 0 if pid in settled or any(r.region == pid for r in self._cities_settled(settled)) else 1
        pref = next((g.index(pid) for g in self.prefer if pid in g and set(ids) <= set(g)), len(ids) + ids.index(pid))
        return by_noun, by_doc, pref

    def _cities_settled(self, settled: set[str]) -> Iterable[Record]:
        return (r for i in settled if (r := self.gz.get(i)) is not None and r.kind == "city")

    def _nearby_types(self, m: Match, ws: list[Word], reach: int = 2) -> set[str]:
        types: set[str] = set()
        for j in [*range(max(0, m.first - reach), m.first), *range(m.last, min(len(ws), m.last + reach))]:
            hit = self.gz.nouns.at(ws, j)
            if hit:
                types |= {n.id.split(":", 1)[1] for n in hit[1]}
        return types

    # -- negation --------------------------------------------------------------------------------

    def _negated(self, m: Match, ws: list[Word], cues: tuple[list[int], list[int]], doc: Doc) -> bool:
        cue_ends, after_starts = cues
        for end in cue_ends:
            if end <= m.first <= end + self.window and not any(w.norm in BOUNDARIES for w in ws[end:m.first]):
                return True
        topical = m.first > 0 and (ws[m.first - 1].norm in self.topic or ws[m.first - 1].norm in SEPARATORS)
        for start in after_starts if topical else ():
            if m.last <= start <= m.last + self.window and not any(w.norm in BOUNDARIES for w in ws[m.last:start]):
                return True
        # verb negation says nothing happens *there*; for a state ("в Кремле не обсуждают") it is the actor
        if all((r := self.gz.get(n.id)) is not None and r.kind == "country" for n in m.names):
            return False
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        return span is not None and self._negated_verb(_root(span))

    def _negated_verb(self, tok: Token) -> bool:
        """The place is the locative argument of a negated verb ("not served in X", "не вручали в X")."""
        for _ in range(8):  # Natasha's trees may hold cycles: bounded walk up the conjuncts
            if tok.dep_ != "conj" or tok.head.i == tok.i:
                break
            tok = tok.head
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in self.place_preps:
            verb = tok.head.head
        elif tok.dep_ in ("obl", "nmod") and any(c.dep_ == "case" and c.lower_ in self.place_preps for c in tok.children):
            verb = tok.head
        else:
            # "Власти Крыма заявили, что мобилизации не проводится": the place owns the speaker, whose denial
            # is a claim about it (a denied event there, as eval/ru/03 is annotated), not a place without activity
            return False
        if self._no_activity(verb):
            return True  # "no complaints from X": the place qualifies a denied activity noun
        if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("nsubj", "nsubjpass", "nsubj:pass") and verb.head.i != verb.i:
            verb = verb.head  # "officials in X reported that …": the place their report speaks for
        reported = [c for c in verb.children if c.dep_ == "ccomp"] if norm(verb.lemma_) in self.speech else []
        if reported:
            # "In X, officials said no new quota had been set": the reported clause denies activity there
            return any(self._denies(c) for c in reported)
        return self._denies(verb)

    def _denies(self, verb: Token) -> bool:
        """A verb of activity under a negation particle, or with "no" on its subject or object; an
        existential clause with "no" + a noun of activity ("there has been no sign of …")."""
        existential = any(c.dep_ == "expl" for c in verb.children)  # "in X there has been no sign of …"
        if existential:
            return any(c.dep_ in ("attr", "nsubj") and self._no_activity(c) for c in verb.children)
        if any(c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass", "obj", "dobj") and self._no_activity(c)
               for c in verb.children):
            return True  # "no new quota had been set": "no" on a noun of activity, whatever the verb
        lemma = norm(verb.lemma_)
        if lemma not in self.activity and not (lemma.endswith(("ся", "сь")) and lemma[:-2] in self.activity):
            # (a Russian reflexive passive, «повестки не вручались», is its verb's activity)
            return False
        for child in verb.children:
            if norm(child.text) in self.particles and child.i < verb.i:
                nxt = child.doc[child.i + 1] if child.i + 1 < len(child.doc) else None
                if nxt is None or norm(nxt.text) not in self.not_negating:
                    return True
            # "No summonses were reported in X": the negation sits on the subject or object
            if child.dep_ in ("nsubj", "nsubjpass", "nsubj:pass", "obj", "dobj") and any(
                    g.dep_ == "det" and norm(g.text) in self.particles for g in child.children):
                return True
        return False

    def _no_activity(self, tok: Token) -> bool:
        """A noun of activity or of reporting it under the determiner "no" ("no complaints", "no sign")."""
        return tok.pos_ in ("NOUN", "PROPN") and norm(tok.lemma_) in self.activity_nouns and any(
            c.dep_ == "det" and norm(c.text) in self.particles for c in tok.children)

    # -- output ----------------------------------------------------------------------------------

    def _place(self, f: Found, text: str, negated: bool) -> Place:
        rec = self.gz[f.id]
        return Place(start=f.match.start, end=f.match.end, text=text[f.match.start:f.match.end], id=rec.id,
                     name=rec.name_en, kind=rec.kind, region=rec.region if rec.kind in ("region", "city") else None,
                     country=rec.country, negated=negated, alternatives=list(f.alternatives))


def _glued(m: Match, text: str) -> bool:
    """«Призывник.Урал», "Ural.ru": a name joined to another word by a dot, without a space, is part of a
    brand or an address, not a place."""
    # a missing space after a full stop ("на Урале.Это правда", "правда.Урал отчитался") is a typo, not a brand:
    # the brand's other part is capitalised before the dot ("Призывник.") or lower case after it (".ru")
    word_before = re.search(r"(\w+)\.$", text[max(0, m.start - 30):m.start])
    after = text[m.end:m.end + 2]
    return bool(word_before and word_before.group(1)[0].isupper()) or \
        (len(after) == 2 and after[0] == "." and after[1].islower())


def select(found: list[Found]) -> list[Found]:
    """Non-overlapping matches: coordination first, then longest, then leftmost; in text order."""
    taken: list[Found] = []
    for f in sorted(found, key=lambda f: (not f.coordinated, -(f.match.end - f.match.start), f.match.start)):
        if all(f.match.end <= t.match.start or t.match.end <= f.match.start for t in taken):
            taken.append(f)
    return sorted(taken, key=lambda f: f.match.start)


def _lemma(doc: Doc, w: Word) -> str | None:
    """The lemma of the token at a word, when the word is exactly one token."""
    span = doc.char_span(w.start, w.end)
    return norm(span[0].lemma_) if span is not None and len(span) == 1 else None


def _root(span: Span) -> Token:
    """The span's head word; computed here because Span.root fails on cyclic (Natasha) trees."""
    for tok in span:
        if tok.head.i == tok.i or not span.start <= tok.head.i < span.end:
            return tok
    return span[-1]


def _entity_at(span: Span) -> Span | None:
    for ent in span.doc.ents:
        if ent.start <= span.start < ent.end or span.start <= ent.start < span.end:
            return ent
    return None


def _next_to_name_word(span: Span, doc: Doc, gz: Gazetteer) -> bool:
    """A capitalised word right before (not starting a sentence) or after the name: "Vladimir Putin"."""
    def namey(tok: Token) -> bool:
        return tok.is_alpha and tok.text[:1].isupper() and not gz.lookup(tok.text) and not tok.is_sent_start
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    return bool((after is not None and after.is_alpha and after.text[:1].isupper() and not gz.lookup(after.text))
                or (before is not None and namey(before) and not span[0].is_sent_start))
