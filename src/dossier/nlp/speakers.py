"""Who a quote belongs to: from a cue's grammatical subject to an entity of the article.

A speaker token is resolved, in order, as a named mention (an :class:`EntityIndex` entity), a name
introduced by a media word ("the publication Ura.ru"), a pronoun or anaphoric description that
refers back ("he", "this politician", "the agency", "эксперт" → the speaker or entity introduced
earlier, preferring one whose role contains the word), or an unnamed speaker noun phrase ("a source
in the government", "the coalition of human rights defenders"), which becomes a new entity.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dossier.model import Entity
from dossier.nlp import lexicon
from dossier.nlp.entities import EntityIndex, role_head_words
from dossier.nlp.lexicon import Cues, is_media_name, norm_word
from dossier.nlp.names import is_cyrillic, nominative_phrase

SUBJECT_DEPS = ("nsubj", "nsubj:pass", "nsubjpass")
_CUT_DEPS = {"relcl", "acl", "acl:relcl", "advcl", "punct", "cc", "conj", "appos", "parataxis"}


@dataclass
class Found:
    """A resolved speaker: the entity, the name to show, and the mention in the text."""

    entity: Entity | None
    name: str
    start: int
    end: int
    anaphoric: bool = False


@dataclass
class Resolver:
    doc: Doc
    cues: Cues
    index: EntityIndex
    said: list[tuple[int, Entity]] = field(default_factory=list)  # (position, speaker) seen so far
    text: str = ""  # the Doc's text, read once (Doc.text joins every token on each access)

    def __post_init__(self) -> None:
        self.text = self.text or self.doc.text

    def word(self, tok: Token) -> str:
        return norm_word(tok.lemma_ or tok.text)

    def remember(self, pos: int, ent: Entity | None) -> None:
        if ent is not None:
            self.said.append((pos, ent))
            self.said.sort(key=lambda x: x[0])

    def last_speaker(self, pos: int, types: tuple[str, ...], gender: str | None = None) -> Entity | None:
        for p, ent in reversed(self.said):
            if p < pos and ent.type in types and self.agrees(ent, gender):
                return ent
        return None

    def entity_gender(self, ent: Entity) -> str | None:
        """"m"/"f" from a known first name ("Svetlana") or a gendered role noun ("brother"), else None."""
        for name in [ent.name, *ent.aliases]:
            words = name.split()
            g = lexicon.given_name_gender(words[0]) if words else None
            if g in ("m", "f"):
                return g
        for role in ent.roles:
            words = role_head_words(role)
            if words & self.cues.masculine:
                return "m"
            if words & self.cues.feminine:
                return "f"
        return None

    def agrees(self, ent: Entity, gender: str | None) -> bool:
        """"she said" cannot point to Andrei: a pronoun's gender must not contradict the entity's."""
        if gender is None:
            return True
        g = self.entity_gender(ent)
        return g is None or g == gender

    def mention_of(self, tok: Token) -> tuple[Entity, list[int]] | None:
        return self.index.at(tok.idx, tok.idx + len(tok.text))

    def acceptable(self, tok: Token, strict: bool) -> bool:
        """Can `tok` head a speaker phrase? Strict mode (reported speech) wants a name or a known speaker word."""
        w = self.word(tok)
        if w in self.cues.not_speakers or tok.lower_ in self.cues.not_speakers or tok.is_punct or tok.is_space:
            return False
        if self.mention_of(tok) or tok.lower_ in self.cues.pronouns or w in self.cues.pronouns:
            return True
        if any(self.mention_of(t) for t in tok.subtree
               if t.i - tok.i < 4 or (t.dep_ == "appos" and t.head.i == tok.i and self.doc.lang_ == "en")):
            # "The coordinator of the project, lawyer Artem Klyuev, told …": a named apposition
            return True
        if w in self.cues.speaker_nouns or w in self.cues.descriptions or tok.lower_ in self.cues.speaker_nouns \
                or w in self.cues.media_words:
            return True
        if tok.pos_ == "NOUN" and "Anim" in tok.morph.get("Animacy"):  # Russian: people can speak ("экономисты")
            return True
        return tok.pos_ == "PROPN" or (not strict and tok.pos_ == "NOUN")  # a name the NER missed can speak

    def resolve(self, tok: Token, strict: bool = False) -> Found | None:
        if not self.acceptable(tok, strict):
            return None
        hit = self.mention_of(tok) or self._name_in(tok)
        if hit and hit[0].type != "PERSON" and self.doc.lang_ == "en":
            hit = self._person_before(tok, hit) or hit
        if hit:
            ent, m = hit
            return Found(ent, ent.name, m[0], m[1])
        named = self._media_named(tok)
        if named:
            return named
        if tok.lower_ in self.cues.pronouns or self.word(tok) in self.cues.pronouns:
            etype = self.cues.pronouns.get(tok.lower_) or self.cues.pronouns[self.word(tok)]
            return self._antecedent(tok, etype)
        after = self._name_after(tok)
        if after:
            return after
        if self._anaphoric(tok):
            found = self._description(tok)
            if found:
                return found
        return self._unnamed(tok)

    def _name_after(self, tok: Token) -> Found | None:
        """"— рассказал начальник пункта отбора подполковник Ринат Галиев": a role noun followed, with only
        role words between (nouns, adjectives, names; no punctuation), by a person's name introduces that
        person, even when the parse hung the name elsewhere."""
        doc = tok.doc
        for t in doc[tok.i + 1:min(len(doc), tok.i + 8)]:
            if t.is_punct or t.pos_ not in ("NOUN", "PROPN", "ADJ"):
                return None
            hit = self.mention_of(t)
            if hit:
                return Found(hit[0], hit[0].name, hit[1][0], hit[1][1]) if hit[0].type == "PERSON" else None
        return None

    def _name_in(self, tok: Token) -> tuple[Entity, list[int]] | None:
        """A named entity inside the subject phrase: appositions and flat names first, people first."""
        hits = []
        for t in tok.subtree:
            h = self.mention_of(t)
            if h and t.dep_ not in ("pobj", "obl") and h not in hits \
                    and not (h[0].type != "PERSON" and _under_preposition(t, tok)) and not _under_possessor(t, tok):
                hits.append(h)
        hits.sort(key=lambda h: (h[0].type != "PERSON", abs(h[1][0] - tok.idx)))
        return hits[0] if hits else None

    def _person_before(self, tok: Token, org: tuple[Entity, list[int]]) -> tuple[Entity, list[int]] | None:
        """"Sociologist Marina Lebedeva of the … group Ural Opinion said": when the parse makes the
        organisation the subject, a person named earlier in the same subject phrase (not through a
        preposition) is the one who speaks."""
        for t in tok.subtree:
            h = self.mention_of(t)
            if h and h[0].type == "PERSON" and h[1][1] <= org[1][0] and not _under_preposition(t, tok) \
                    and t.dep_ not in ("pobj", "poss"):
                return h
        return None

    def _media_named(self, tok: Token) -> Found | None:
        """"the publication Ura.ru": a media word followed by a capitalised name names an outlet."""
        if self.word(tok) not in self.cues.media_words:
            return None
        words, quoted = [], False
        for t in self.doc[tok.i + 1: tok.i + 8]:
            if t.text in "«„“\"" and not words and not quoted:
                quoted = True  # издание «Вечерний курьер»: the name is inside the marks
                continue
            if t.text in "»“”\"" and quoted:
                break
            if not quoted and (not (t.text[:1].isupper() or is_media_name(t.text)) or t.is_punct):
                break
            words.append(t)
        if not words:
            return None
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        ent = self.index.add("MEDIA", self.text[start:end], start, end)
        return Found(ent, ent.name, start, end)

    def _anaphoric(self, tok: Token) -> bool:
        return self.word(tok) in self.cues.descriptions and "Plur" not in tok.morph.get("Number") \
            and tok.tag_ not in ("NNS", "NNPS")

    def _determiner(self, tok: Token) -> str | None:
        dets = [norm_word(c.text) for c in tok.children if c.dep_ in ("det", "det:poss") and c.i < tok.i]
        return dets[0] if dets else None

    def _antecedent(self, tok: Token, etype: str, near: bool = False) -> Found | None:
        """The speaker (else the entity) of `etype` before `tok`; `near`: only in this or the previous paragraph.
        A gendered pronoun ("she") only takes an entity whose gender does not contradict it, and a name
        inside quotation marks ("…wrote his name down," she said — about Andrei) is never the antecedent."""
        types = {"PERSON": ("PERSON",), "AUTHOR": ("PERSON",), "MEDIA": ("MEDIA", "ORG"),
                 "ORG": ("ORG", "GROUP")}.get(etype, ("GROUP", "ORG", "MEDIA", "PERSON"))
        gender = (_pronoun_gender(tok) or self.cues.pronoun_genders.get(self.word(tok))
                  or self.cues.pronoun_genders.get(norm_word(tok.text))) if etype == "PERSON" else None
        ent = self.last_speaker(tok.idx, types, gender)
        if ent is not None and etype == "PERSON" and self.doc.lang_ == "en" \
                and tok.head.lemma_ not in ("add", "continue"):  # "he added": the same speaker goes on
            ent = self._newer_subject(tok.idx, ent, gender) or ent
        if ent is None and etype != "AUTHOR":
            hit = self.index.last_before(tok.idx, types, lambda e, m: self.agrees(e, gender)
                                         and not self._inside_quote(m[0]))
            ent = hit[0] if hit else None
        if ent is None or (near and not self._near(ent, tok.idx)):
            return None
        return Found(ent, ent.name, tok.idx, tok.idx + len(tok.text), anaphoric=True)

    def _newer_subject(self, pos: int, speaker: Entity, gender: str | None = None) -> Entity | None:
        """A person introduced as the subject of a sentence after the last speaker spoke ("Minister X
        rejected the reports. 'No mobilization…,' he wrote"): "he" and "this politician" point to that
        newer protagonist, not back to the last speaker. Names inside quotation marks do not count.
        Hand-written: the English model has no coreference component."""
        spoke = max((p for p, e in self.said if e is speaker and p < pos), default=-1)
        best: tuple[int, Entity] | None = None
        for ent in self.index.items:
            if ent.type != "PERSON" or ent is speaker or not self.agrees(ent, gender):
                continue
            for start, end in ent.mentions:
                if spoke < start and end <= pos and (best is None or start > best[0]) \
                        and self._subject_mention(start, end) and not self._inside_quote(start):
                    best = (start, ent)
        return best[1] if best else None

    def _subject_mention(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        tok = span.root
        for _ in range(6):  # up through the apposition / "minister of the republic X" to the clause
            if tok.dep_ in SUBJECT_DEPS:
                # "Olga, whose son Denis was called up, …": the subject of a relative clause describes
                # somebody else; it does not introduce the protagonist
                return tok.head.dep_ not in ("relcl", "acl", "acl:relcl")
            if tok.head is tok or tok.pos_ in ("VERB", "AUX"):
                return False
            tok = tok.head
        return False

    def _inside_quote(self, pos: int) -> bool:
        """Odd number of quotation marks between the start of the paragraph and `pos`."""
        text = self.text
        para = text.rfind("\n", 0, pos) + 1
        return sum(text[para:pos].count(c) for c in '"“”«»') % 2 == 1

    def _near(self, ent: Entity, pos: int) -> bool:
        last = max([p for p, e in self.said if e is ent and p < pos] + [m[0] for m in ent.mentions if m[0] < pos],
                   default=-1)
        return last >= 0 and self.text.count("\n", last, pos) <= 1

    def _description(self, tok: Token) -> Found | None:
        """"this politician" refers back anywhere, "the expert" only nearby, "the author" to the last writer."""
        w = self.word(tok)
        own = self._own_modifiers(tok)
        ent = self.index.with_role(w, tok.idx) or self.index.named_with(w, tok.idx)
        if own and (ent is None or not own <= self._entity_words(ent)):
            return None  # "the industry ministry" after "the defence ministry": another body, not a reference
        if ent is not None:
            return Found(ent, ent.name, tok.idx, tok.idx + len(tok.text), anaphoric=True)
        etype, det = self.cues.descriptions[w], self._determiner(tok)
        if det is not None and det not in self.cues.determiners:
            return None  # "a source": a new, unnamed speaker
        demonstrative = det is not None and det != "the"
        return self._antecedent(tok, etype, near=not demonstrative and etype != "AUTHOR")

    def _own_modifiers(self, tok: Token) -> set[str]:
        """Nouns compounded with a description ("industry" in "the industry ministry"): they name which one."""
        return {norm_word(c.text) for c in tok.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")}

    @staticmethod
    def _entity_words(ent: Entity) -> set[str]:
        return {norm_word(w) for n in [ent.name, *ent.aliases, *ent.roles] for w in n.split()}

    def _unnamed(self, tok: Token) -> Found | None:
        """An unnamed speaker phrase becomes an entity: "a source in the Y government"."""
        span = speaker_phrase(tok)
        if span is None:
            return None
        if tok.pos_ == "PROPN":  # a name the NER missed: a person seen before ("Chikov"), an outlet, or an org
            known = self.index.find("PERSON", span.text)
            if known is not None:
                self.index.add("PERSON", span.text, span.start_char, span.end_char)
                return Found(known, known.name, span.start_char, span.end_char)
            etype = "MEDIA" if is_media_name(span.text) else "GPE" if tok.ent_type_ in ("GPE", "LOC") else "ORG"
            ent = self.index.add(etype, span.text, span.start_char, span.end_char)
            return Found(ent, ent.name, span.start_char, span.end_char)
        plural = "Plur" in tok.morph.get("Number") or tok.tag_ in ("NNS", "NNPS")
        etype = self.cues.descriptions.get(self.word(tok), "GROUP")
        etype = "GROUP" if plural or etype == "AUTHOR" else etype
        name = nominative_phrase(span) if is_cyrillic(span.text) else span.text
        ent = self.index.add(etype, name, span.start_char, span.end_char)
        return Found(ent, ent.name, span.start_char, span.end_char)


def _pronoun_gender(tok: Token) -> str | None:
    """"m"/"f" from the pronoun's morphology (spaCy: he → Gender=Masc, she/her → Gender=Fem), else None."""
    g = tok.morph.get("Gender")
    return {"Masc": "m", "Fem": "f"}.get(g[0]) if g else None


def _under_possessor(t: Token, top: Token) -> bool:
    """`t` is (part of) a possessor of `top` ("Alexei Navalny's team", "the governor's office"): the one
    who has the team does not speak for it."""
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ == "poss":
            return True
        t = t.head
    return False


def _under_preposition(t: Token, top: Token) -> bool:
    """`t` hangs off `top` through a preposition ("a spokeswoman for the Ministry of Defense": the
    ministry qualifies the speaker, it is not the speaker)."""
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ in ("prep", "pobj"):
            return True
        t = t.head
    return False


def speaker_phrase(tok: Token) -> Span | None:
    """The noun phrase headed by `tok`, without determiners and without clauses hanging off it."""
    left = right = tok.i
    for child in tok.children:
        if child.dep_ in _CUT_DEPS or child.dep_ in ("det", "case"):
            continue
        sub = list(child.subtree)
        if any(t.is_punct and t.text in ",;:()" for t in sub):
            continue
        left, right = min(left, sub[0].i), max(right, sub[-1].i)
    doc = tok.doc
    while left < tok.i and (doc[left].dep_ == "det" or doc[left].is_punct):
        left += 1
    return doc[left:right + 1]


def subject_of(tok: Token) -> Token | None:
    """The grammatical subject of a cue word, following conjoined verbs and copulas ("is sure")."""
    for cand in (tok, tok.head):
        subs = [c for c in cand.children if c.dep_ in SUBJECT_DEPS]
        if subs:
            return subs[0]
        if cand is tok and tok.dep_ not in ("conj", "acomp", "xcomp", "amod"):
            break
    return None

