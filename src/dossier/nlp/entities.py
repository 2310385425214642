"""Entities component: people, organisations and media named in the article, merged per article.

NER mentions (spaCy for English, Natasha for Russian) become :class:`EntityIndex` items. People are
merged on :func:`dossier.nlp.names.same_person` (so "Pavlo Čikov" and "Chikov" are one entity) and
Russian names are put in the nominative ("Дмитрия Пескова" → "Дмитрий Песков"). The quotes component
adds speakers, roles and outlets to the same index.
"""
from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dossier.model import Entity
from dossier.nlp import lexicon, names

NER_TYPES = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG"}
ORGLIKE = ("ORG", "MEDIA", "GPE", "GROUP")
_LEADING = {"the", "a", "an"}
_MARKS = set('"«»„“”')
_ROLE_POS = {"NOUN", "PROPN", "ADJ", "DET", "ADP", "PART", "NUM", "CCONJ"}
MAX_ROLE_TOKENS = 12


def org_key(name: str) -> str:
    return lexicon.strip_article(lexicon.norm_word(name).replace("'s", ""))


class EntityIndex:
    """The article's entities, with lookup by name so that every mention of one person is one entity."""

    def __init__(self) -> None:
        self.items: list[Entity] = []

    def find(self, etype: str, name: str) -> Entity | None:
        """The entity `name` denotes: a person by surname/first-name agreement, others by normalised name."""
        for ent in self.items:
            if etype == "PERSON" and ent.type == "PERSON":
                if any(names.same_person(name, n) for n in [ent.name, *ent.aliases]):
                    return ent
            elif etype != "PERSON" and ent.type != "PERSON":
                if org_key(name) in {org_key(n) for n in [ent.name, *ent.aliases]}:
                    return ent
        return None

    def add(self, etype: str, name: str, start: int | None = None, end: int | None = None) -> Entity:
        """Add a mention; returns the (possibly existing) entity it belongs to."""
        ent = self.find(etype, name)
        if ent is None:
            ent = Entity(id=f"e{len(self.items) + 1}", type=etype, name=name)
            self.items.append(ent)
        else:
            if etype == "MEDIA" and ent.type == "ORG":  # "Focus" first seen by NER, then as an outlet
                ent.type = "MEDIA"
            self._rename(ent, name)
        if start is not None and end is not None and [start, end] not in ent.mentions:
            ent.mentions.append([start, end])
            ent.mentions.sort()
        return ent

    @staticmethod
    def _rename(ent: Entity, name: str) -> None:
        if name == ent.name or name in ent.aliases:
            return
        if len(name.split()) > len(ent.name.split()):  # "Peskov" then "Dmitry Peskov": keep the fuller
            ent.aliases.append(ent.name)
            ent.name = name
        else:
            ent.aliases.append(name)

    @staticmethod
    def add_role(ent: Entity, role: str) -> None:
        role = role.strip(" ,.-—–")
        if role and role.casefold() not in {r.casefold() for r in ent.roles}:
            ent.roles.append(role)

    def at(self, start: int, end: int) -> tuple[Entity, list[int]] | None:
        """The entity with a mention overlapping [start, end), and that mention."""
        for ent in self.items:
            for m in ent.mentions:
                if m[0] < end and start < m[1]:
                    return ent, m
        return None

    def last_before(self, pos: int, types: tuple[str, ...],
                    accept: Callable[[Entity, list[int]], bool] | None = None) -> tuple[Entity, list[int]] | None:
        """The entity of one of `types` mentioned last before `pos` (and `accept`ed, when given)."""
        best: tuple[Entity, list[int]] | None = None
        for ent in self.items:
            if ent.type in types:
                for m in ent.mentions:
                    if m[1] <= pos and (best is None or m[0] > best[1][0]) and (accept is None or accept(ent, m)):
                        best = (ent, m)
        return best

    def with_role(self, word: str, pos: int) -> Entity | None:
        """The entity mentioned last before `pos` whose role says it is a `word` ("the expert"): the
        role's own noun counts, not what it belongs to ("spokesman for the ministry" is no ministry)."""
        hits = [e for e in self.items if e.mentions and e.mentions[0][0] < pos
                and any(word in lexicon.norm_word(r) if names.is_cyrillic(r) else word in role_head_words(r)
                        for r in e.roles)]
        return max(hits, key=lambda e: max(m[0] for m in e.mentions if m[0] < pos), default=None)


    def named_with(self, word: str, pos: int) -> Entity | None:
        """The non-person entity mentioned last before `pos` whose name contains `word` ("the ministry")."""
        hits = [e for e in self.items if e.type != "PERSON" and e.mentions and e.mentions[0][0] < pos
                and any(word == lexicon.norm_word(w) for n in [e.name, *e.aliases] for w in n.split())]
        return max(hits, key=lambda e: max(m[0] for m in e.mentions if m[0] < pos), default=None)


def role_head_words(role: str) -> set[str]:
    """The words that say what a person is in a role, not what the role belongs to: "spokesman for the
    defence ministry" → {spokesman}, "group's lawyer" → {lawyer}, "deputy governor of X" → {deputy,
    governor}. English prepositions and possessives cut; a Russian role is kept whole."""
    words = [lexicon.norm_word(w) for w in role.replace("’", "'").split()]
    cut = next((k for k, w in enumerate(words) if w in _ROLE_PREPOSITIONS), len(words))
    words = words[:cut]
    poss = max((k for k, w in enumerate(words) if w.endswith(("'s", "s'"))), default=-1)
    return set(words[poss + 1:])


_ROLE_PREPOSITIONS = {"of", "for", "in", "at", "from", "with", "on", "to", "by"}


def person_name(span: Span) -> str:
    """The canonical form of a PERSON mention: Russian words in the nominative."""
    words = [t for t in span if not t.is_punct or t.text == "-"]
    text = span.text
    if names.is_cyrillic(text) and words:
        cases = [(t.morph.get("Case") or [None])[0] for t in words]
        genders = [(t.morph.get("Gender") or [None])[0] for t in words]
        return " ".join(names.nominative_ru([t.text for t in words], cases, genders))
    return text


def trim(span: Span) -> Span | None:
    """Drop a leading article, quote marks and a trailing possessive so "the Kremlin's" names "Kremlin"."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].lower_ in _LEADING or span.doc[start].text in _MARKS):
        start += 1
    while end > start and (span.doc[end - 1].text in ("'s", "’s", "'", "’") or span.doc[end - 1].is_space
                           or span.doc[end - 1].text in _MARKS):
        end -= 1
    return span.doc[start:end] if end > start else None


def _media_word_before(span: Span, lang: str) -> bool:
    """"the publication Politico", "издание «Вёрстка»": a media word right before the name."""
    words = lexicon.cues(lang).media_words
    for tok in reversed(span.doc[max(0, span.start - 3):span.start]):
        if lexicon.norm_word(tok.lemma_ or tok.text) in words or tok.lower_ in words:
            return True
        if not (tok.pos_ == "ADJ" or tok.text in _MARKS):
            return False
    return False


def role_before(span: Span) -> str | None:
    """An apposition before a name: "the deputy chairman of the Committee, Yuriy Shvitkin", "военный
    комиссар региона Андрей Максуров". The words run left up to a verb, a clause mark or a conjunction."""
    doc, i = span.doc, span.start - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    words = []
    while i >= 0 and len(words) < MAX_ROLE_TOKENS and (doc[i].pos_ in _ROLE_POS or doc[i].text in ("-", "'s", "’s")
                                                         or doc[i].text in _MARKS) and doc[i].text != ",":
        words.insert(0, doc[i])
        i -= 1
    root = span.root
    if root.dep_ in ("appos", "flat:name") and root.head in words:
        # "an open letter to the regional governor, Aisen Nikolayev": the role is the noun phrase the name
        # stands in apposition to, not the words before it
        head = root.head
        while head.dep_ == "appos" and head.head in words and head.head.i != head.i:
            head = head.head  # «начальник пресс-службы округа полковник Малышев»: the rank stands in apposition too
        head_words = {t.i for t in head.subtree}
        while words and words[0].i not in head_words:
            words.pop(0)
    else:
        # not an apposition: keep only the words that modify the name ("Military expert Zhirokhov"),
        # so that "the decree of President Putin" gives "President", not "decree of President"
        keep = {t.i for t in root.subtree}
        while words and words[0].i not in keep:
            words.pop(0)
    while words and (words[0].pos_ in ("DET", "ADP", "PART", "CCONJ") or words[0].text in _MARKS):
        words.pop(0)
    return _role_text(words)


def role_after(span: Span) -> str | None:
    """An apposition after a name: "Mihail Romanov, a member of the collegium," / "Песков, пресс-секретарь"."""
    doc, i = span.doc, span.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    words = []
    i += 1
    while i < len(doc) and len(words) < MAX_ROLE_TOKENS and doc[i].text not in ",.;:!?" and not doc[i].is_space:
        if doc[i].pos_ not in _ROLE_POS and doc[i].text not in _MARKS and doc[i].text != "-":
            return None
        words.append(doc[i])
        i += 1
    while words and words[0].pos_ in ("DET",):
        words.pop(0)
    return _role_text(words) if words and words[0].pos_ in ("NOUN", "ADJ") else None


def _role_text(words: list) -> str | None:
    while words and words[-1].text in _MARKS and sum(t.text in _MARKS for t in words) % 2:
        words = words[:-1]  # a dangling mark, not the close of «Агора»
    if not words or words[-1].pos_ in ("ADP", "DET", "ADJ"):
        return None
    # a capitalised title is tagged PROPN ("Deputy Prime Minister Bair Tsyrenov"): its last word names a person
    if not any(t.pos_ == "NOUN" for t in words) and not _person_word(words[-1]):
        return None
    doc = words[0].doc
    if names.is_cyrillic(words[0].text) and doc.has_annotation("DEP"):
        # «по словам пресс-секретаря президента Дмитрия Пескова»: the role as a reader names it, in the nominative
        return names.nominative_phrase(doc[words[0].i:words[-1].i + 1])
    return doc.text[words[0].idx:words[-1].idx + len(words[-1].text)]


def _person_word(tok: Token) -> bool:
    lang = "ru" if names.is_cyrillic(tok.text) else "en"
    return lexicon.cues(lang).descriptions.get(lexicon.norm_word(tok.lemma_ or tok.text)) == "PERSON"


def _title_before_name(span: Span, lang: str) -> str | None:
    """The first word when it is a person title ("Lawyer", "Governor") followed by a capitalised name."""
    first, rest = span[0], span[1:]
    if span.label_ == "PERSON" or len(rest) < 2 or len(rest) > 3:
        return None
    if lexicon.cues(lang).descriptions.get(lexicon.norm_word(first.text)) != "PERSON":
        return None
    return first.text if all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in rest) else None


def _title_word_before(span: Span, lang: str) -> str | None:
    """"Sociologist Marina Lebedeva": a capitalised person word right before a name is its title."""
    if span.start == 0:
        return None
    tok = span.doc[span.start - 1]
    known = lexicon.cues(lang).descriptions.get(lexicon.norm_word(tok.lemma_ or tok.text)) == "PERSON"
    return tok.text if known and tok.text[:1].isupper() else None


def _person_after_role(span: Span, lang: str) -> bool:
    """NER's ORG for a bare name after a person's role written without a comma, as machine translations
    do: "the first deputy prime minister of the republic Rustem Galiullin". The name is two or three
    capitalised proper nouns right after a noun (not after "of"/"the", which introduce institutions:
    "head of Gazprom Neft"), and a person word (minister, deputy, expert…) stands a few words before."""
    descriptions = lexicon.cues(lang).descriptions
    if span.label_ == "PERSON" or not 2 <= len(span) <= 3 or span.start == 0:
        return False
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text[1:].islower() for t in span):
        return False
    if any(lexicon.norm_word(t.text) in descriptions for t in span):
        return False  # "Defense Ministry", "Wagner Group": a word of the name says what it is
    before = span.doc[span.start - 1]
    if before.pos_ not in ("NOUN", "PROPN") or before.is_punct:
        return False
    words = []
    for tok in reversed(span.doc[max(0, span.start - 7):span.start]):
        if tok.is_punct or tok.pos_ not in _ROLE_POS:
            break
        words.append(tok)
    return any(descriptions.get(lexicon.norm_word(t.lemma_ or t.text)) == "PERSON" for t in words)


def _is_place(doc: Doc, span: Span) -> bool:
    # The English model tags some towns as PERSON ("Perm"); the places component knows better. A name
    # that only contains a place ("the Washington Post", "Russian Ministry of Defense") is still an entity.
    return any(p.start <= span.start_char and span.end_char <= p.end for p in (doc._.places or []))


def given_name_spans(doc: Doc) -> list[Span]:
    """Names that start with a known first name (``data/given_names.tsv``): "Svetlana", "Dmitry Voronin",
    "Ilgiz Safin". The small English model labels Russian first names at random (ORG, LOC, GPE, or only
    the surname), so a first name followed by up to two capitalised proper nouns (patronymic, surname)
    is a person. A lone first name that the gazetteer knows as a place ("in Vladimir") is not."""
    out: list[Span] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.pos_ != "PROPN" or lexicon.given_name_gender(tok.text) is None:
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j - i <= 2 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() \
                and doc[j].text.replace("-", "").isalpha():
            j += 1
        span = doc[i:j]
        if not any(p.start < tok.idx + len(tok.text) and tok.idx < p.end for p in (doc._.places or [])):
            out.append(span)  # "Vladimir Region", "in Vladimir": the places component kept it as a place
        i = j
    return out


def _merged_mentions(doc: Doc, lang: str) -> list[tuple[Span, str | None]]:
    """NER entities plus first-name spans, in text order. A first-name span wins over an NER entity that
    overlaps it ("Voronin" as ORG inside "Dmitry Voronin"), unless NER already has a person around it."""
    names = given_name_spans(doc) if lang == "en" else []
    ents = list(doc.ents)
    names = [n for n in names if not any(e.label_ in ("PERSON", "PER") and e.start <= n.start and n.end <= e.end
                                          for e in ents)]
    kept = [(e, None) for e in ents if not any(n.start < e.end and e.start < n.end for n in names)]
    return sorted(kept + [(n, "PERSON") for n in names], key=lambda x: x[0].start)


def ner_entities(doc: Doc, lang: str = "en") -> EntityIndex:
    index = EntityIndex()
    for ent, forced in _merged_mentions(doc, lang):
        etype = forced or NER_TYPES.get(ent.label_)
        span = trim(ent) if etype else None
        if span is None or len(span.text) < 2 or (forced is None and _is_place(doc, span)):
            continue
        title = _title_before_name(span, lang) if forced is None else None
        if title is not None:  # NER's "ORG: Lawyer Pavel Chikov" is a person with a title
            etype, span = "PERSON", span[1:]
        elif forced:
            pass
        elif etype == "ORG" and lang == "en" and _person_after_role(span, lang):
            etype = "PERSON"
        elif etype == "PERSON" and lang == "en" and len(span) == 1 and span.start > 0 \
                and span.doc[span.start - 1].lower_ == "the":
            etype = "ORG"  # "the Duma's committee", "the Kremlin": English puts no article before a person's name
        if not forced and etype in ("ORG", "PERSON") and (lexicon.is_media_name(span.text)
                                                          or _media_word_before(span, lang)):
            etype = "MEDIA"
        if etype != "PERSON" and len(span) == 1 and index.find("PERSON", span.text):
            etype = "PERSON"  # a surname seen before as a person ("Chikov" after "Pavlo Čikov"), whatever NER says
        name = person_name(span) if etype == "PERSON" else \
            names.nominative_phrase(span) if names.is_cyrillic(span.text) else span.text
        name = " ".join("".join(c for c in name if c not in _MARKS).split())  # '"Wagner" Group' → 'Wagner Group'
        ent = index.add(etype, name, span.start_char, span.end_char)
        if etype == "PERSON":
            for role in (role_before(span), role_after(span), _title_word_before(span, lang) if forced else None):
                if role:
                    index.add_role(ent, role)
    if lang == "en":
        _titled_names(doc, index)
    return index


# Labels the small English model gives Russian names it does not know ("Lawyer Natalia Korneva" → GPE);
# a real place among them is caught by the gazetteer (`_is_place`).
_NAME_MISLABELS = ("", "GPE", "LOC", "FAC", "NORP")


def _titled_names(doc: Doc, index: EntityIndex) -> None:
    """"Sociologist Marina Lebedeva of the group …": a person word with a capital (a title) followed by
    two or three capitalised proper nouns that NER left out is a person. Hand-written: the small
    English model misses names after a title it does not know."""
    descriptions = lexicon.cues("en").descriptions
    for tok in doc:
        if not (tok.text[:1].isupper() and descriptions.get(lexicon.norm_word(tok.lemma_ or tok.text)) == "PERSON"):
            continue
        words = []
        for t in doc[tok.i + 1:tok.i + 4]:
            if t.pos_ != "PROPN" or not t.text[:1].isupper() or not t.text[1:].islower() \
                    or t.ent_type_ not in _NAME_MISLABELS:
                break
            words.append(t)
        if not 2 <= len(words) <= 3 or (words[-1].i + 1 < len(doc) and doc[words[-1].i + 1].pos_ == "PROPN"):
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        if index.at(start, end) or _is_place(doc, doc[words[0].i:words[-1].i + 1]):
            continue
        ent = index.add("PERSON", doc.text[start:end], start, end)
        index.add_role(ent, tok.text)


@Language.factory("dossier_entities", default_config={"lang": "en"})
def make_entities(nlp: Language, name: str, lang: str):
    def entities(doc: Doc) -> Doc:
        doc._.entities = ner_entities(doc, lang)
        return doc
    return entities
