"""Quantities component: every amount with its qualifier, unit and the noun it counts.

Numbers come from :mod:`dossier.nlp.numerals` (digits, words, scale words); this module joins
them into ranges ("six to seven trillion", "от 5 до 10 тысяч"), reads the qualifier before
("up to", "около"), the unit or currency after ("tons", "руб.", "$" before), and the counted noun
from the parsed tokens (its lemma: "contract workers" → "contract worker", "россиян" →
"россиянин"). Numbers that are labels, not amounts — dates, years, times, ordinals, model names
("T-62", "Су-25"), article and decree numbers, list numbering, phone numbers — are skipped.
All word lists live in ``data/numbers/quantities.<lang>.toml``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from dossier.model import Quantity
from dossier.nlp.dates import dates_of
from dossier.nlp.numerals import SPACES, Number, alternation, as_number, expanded, lexicon, numerals

_S = rf"[{SPACES}]*"
_NOUNS = ("NOUN", "PROPN")
# Spans that never hold an amount: times, phone numbers, list numbering, URLs.
_MASKS = (re.compile(r"(?<![\d.,])\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\b\.?|(?<![\d.,])\d{1,2}:\d{2}(?!\d)", re.I),
          re.compile(r"\+?\d[\d\s]{0,4}\(\d{2,5}\)[\d\s-]{5,}\d|\+\d[\d\s-]{7,}\d|\b\d{3}-\d{2}-\d{2}\b"),
          re.compile(r"^[ \t]*\d{1,2}[.)](?=\s)", re.M),
          re.compile(r"\b(?:https?://|www\.)\S+|\b\S+\.(?:ru|com|org|net|ua|su|рф)/\S*"))


@dataclass
class Lex:
    """The quantity lexicon of one language, compiled."""

    lang: str
    qualifiers: dict[str, str]
    units: dict[str, str]
    signs: dict[str, str]
    quals_re: re.Pattern[str]
    units_re: re.Pattern[str]
    label_re: re.Pattern[str]
    infix: set[str]
    frames: list[tuple[str, str]]
    count_nouns: frozenset[str]
    drop_adjectives: frozenset[str]
    skip_counted: frozenset[str] = field(default_factory=frozenset)
    classifiers: frozenset[str] = field(default_factory=frozenset)
    currency_nouns: dict[str, str] = field(default_factory=dict)
    target_words: frozenset[str] = field(default_factory=frozenset)
    target_verbs: frozenset[str] = field(default_factory=frozenset)
    abbrevs: dict[str, str] = field(default_factory=dict)
    abbrevs_re: re.Pattern[str] | None = None
    counted_by_word: dict[str, str] = field(default_factory=dict)  # "aged 18 to 27" counts "age"
    codes_re: re.Pattern[str] | None = None  # ISO currency codes written before the number
    share_units: frozenset[str] = field(default_factory=frozenset)  # "%": of a singular noun, a share
    change_frames: list[tuple[str, str]] = field(default_factory=list)  # "by N to M": a change and a level
    change_ratio: float = 5.0
    counted_before_skip: frozenset[str] = field(default_factory=frozenset)  # «лет около 150»: time, not counted


@lru_cache(maxsize=None)
def lex(lang: str) -> Lex:
    raw: dict[str, Any] = lexicon("quantities", lang)
    quals = {re.sub(r"\s+", " ", k.lower()): v for k, v in raw["qualifiers"].items()}
    units = {k.lower(): v for k, v in expanded(raw["units"], lang).items()}
    refs = set(expanded(raw["reference_words"], lang))
    abbrevs: dict[str, str] = raw.get("counted_abbreviations", {})
    return Lex(
        lang=lang, qualifiers=quals, units=units, signs=raw["currency_signs"],
        quals_re=re.compile(rf"(?:^|(?<=\W))(?P<q>{alternation(quals)}){_S}$", re.I),
        # "a 250,000-rouble payment", "a 10-km march": a hyphen may join the unit as a compound adjective
        units_re=re.compile(rf"^(?:[-‑]|{_S})(?P<u>{alternation(units)})(?:(?<=\.)|(?<=%)|(?!\w))(?!\.?[^\W\d_]\.)", re.I),
        label_re=re.compile(rf"(?:^|(?<=\W))(?:{alternation(refs)}){_S}(?:№{_S})?$", re.I),
        infix={x.lower() for x in raw["range_infix"]},
        frames=[(a.lower(), b.lower()) for a, b in raw["range_frames"]],
        count_nouns=frozenset(raw["count_nouns"]), drop_adjectives=frozenset(raw["drop_adjectives"]),
        skip_counted=frozenset(raw.get("skip_counted", [])),
        counted_before_skip=frozenset(raw.get("counted_before_skip", [])),
        classifiers=frozenset(raw.get("classifiers", [])), currency_nouns=raw.get("currency_nouns", {}),
        target_words=frozenset(raw.get("target_words", [])), target_verbs=frozenset(raw.get("target_verbs", [])),
        abbrevs={k.lower(): v for k, v in abbrevs.items()},
        counted_by_word={k.lower(): v for k, v in raw.get("counted_by_word_before", {}).items()},
        change_frames=[(a.lower(), b.lower()) for a, b in raw.get("change_frames", [])],
        share_units=frozenset(raw.get("share_units", [])),
        codes_re=re.compile(rf"(?:^|(?<=\W))(?P<c>{alternation(raw['codes_before'])})[{SPACES}]$")
        if raw.get("codes_before") else None,
        change_ratio=float(raw.get("change_ratio", 5)),
        abbrevs_re=re.compile(rf"^{_S}(?P<a>{alternation(abbrevs)})(?:(?<=\.)|(?!\w))", re.I) if abbrevs else None)


@dataclass
class Amount:
    """A number or a range of two, with the span it covers so far."""

    start: int
    end: int
    low: Number
    high: Number | None = None
    qualifier: str | None = None
    unit: str | None = None
    counted: str | None = None
    plural: bool = False  # the counted noun is plural (tells "2000 soldiers" from "the 2022 campaign")
    partitive: bool = False  # "300 of them": a part of a group named before
    change: bool = False  # "by 170,000 to 1.32 million service personnel": counts what the level after counts

    @property
    def words(self) -> bool:
        return self.low.words and (self.high is None or self.high.words)


def _is_label(text: str, n: Number, lx: Lex) -> bool:
    """True when the number names something (T-62, 5th, Article 328, 1990s) rather than counting it."""
    if n.words:
        return False
    before, after = text[max(0, n.start - 25):n.start], text[n.end:n.end + 3]
    if re.search(r"[^\W\d_][-‑–]?$|[#№+/]$", before):  # T-62, Су-25, №5, +7 …
        return True
    if re.match(r"[-‑]?[^\W\d_]", after):  # 5th, 1990s, 25-year-old, 5-й — but 10km and 20% are amounts
        return not lx.units_re.match(text[n.end:n.end + 12])
    return bool(lx.label_re.search(before))


def _masked(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = list(spans)
    for rx in _MASKS:
        out += [m.span() for m in rx.finditer(text)]
    return out


def _inside(n: Number, spans: list[tuple[int, int]]) -> bool:
    return any(n.start < e and s < n.end for s, e in spans)


def _range_start(text: str, a: Number, b: Number, lx: Lex) -> int | None:
    """Where the range a…b starts when the text between them joins a range, else None. Each end may
    repeat the sign or unit ("between $1.5 billion and $2 billion", "10% to 15%")."""
    a_start, gap = a.start, text[a.end:b.start]
    sign = text[a.start - 1:a.start] if a.start else ""
    if sign in lx.signs and gap.rstrip().endswith(sign):
        a_start, gap = a.start - 1, gap.rstrip()[:-1]
    unit = lx.units_re.match(gap)
    if unit and lx.units_re.match(text[b.end:b.end + 30]):
        gap = gap[unit.end():]
    gap = re.sub(r"\s+", " ", gap.strip().lower())
    if len(gap) > 6 or a.value >= b.value:
        return None
    before = text[max(0, a_start - 12):a_start]
    for opener, closer in lx.frames:  # "between 5 and 10", "от 5 до 10"
        m = re.search(rf"(?:^|(?<=\W)){re.escape(opener)}\s+$", before, re.I)
        if gap == closer and m:
            return a_start - len(before) + m.start()
    if _change_then_level(gap, before, a, b, lx):
        return None
    return a_start if gap in lx.infix else None


def _change_then_level(gap: str, before: str, a: Number, b: Number, lx: Lex) -> bool:
    """"raised the army by 170,000 to 1.32 million": a change, then the new level — two amounts."""
    return any(gap == closer and re.search(rf"(?:^|(?<=\W)){re.escape(opener)}\s+$", before, re.I) is not None
               and b.value >= lx.change_ratio * a.value for opener, closer in lx.change_frames)


def _join_ranges(text: str, nums: list[Number], lx: Lex) -> list[Amount]:
    """Numbers joined into ranges: "six to seven trillion", "4-6", "between 5 and 10", "от 5 до 10"."""
    out: list[Amount] = []
    i = 0
    while i < len(nums):
        a = nums[i]
        if i + 1 < len(nums):
            b = nums[i + 1]
            if a.scale == 1.0 and b.scale != 1.0 and a.core < 1000:  # "six to seven trillion": b's scale is a's
                a = Number(a.start, a.end, a.text, a.core, b.scale, a.words, a.grouped)
            start = _range_start(text, a, b, lx)
            if start is not None:
                sign = text[a.start - 1:a.start] if a.start else ""
                out.append(Amount(start, b.end, a, b, unit=lx.signs.get(sign) if start < a.start else None))
                i += 2
                continue
            a = nums[i]
            change = _change_then_level(re.sub(r"\s+", " ", text[a.end:b.start].strip().lower()),
                                        text[max(0, a.start - 12):a.start], a, b, lx)
            out.append(Amount(a.start, a.end, a, change=change))
            i += 1
            continue
        out.append(Amount(a.start, a.end, a))
        i += 1
    return out


def _qualify(text: str, am: Amount, lx: Lex) -> None:
    """Attach the qualifier before the amount and the currency sign / unit around it."""
    sign = text[max(0, am.start - 1):am.start]
    code = lx.codes_re.search(text[max(0, am.start - 6):am.start]) if lx.codes_re else None
    if sign in lx.signs:
        am.unit, am.start = lx.signs[sign], am.start - 1
    elif code:  # wire style "RUB 204,000", "USD 5 million": an ISO code before the amount
        am.unit, am.start = code.group("c").upper(), am.start - len(text[max(0, am.start - 6):am.start]) + code.start("c")
    m = lx.quals_re.search(text[max(0, am.start - 25):am.start])
    if m:
        am.qualifier = lx.qualifiers[re.sub(r"\s+", " ", m.group("q").lower())]
        am.start -= len(text[max(0, am.start - 25):am.start]) - m.start()
    u = lx.units_re.match(text[am.end:am.end + 30])
    if u and not am.unit:
        am.unit, am.end = lx.units[re.sub(r"\s+", " ", u.group("u").lower())], am.end + u.end()


class Tokens:
    """Character offset → token lookup over a Doc (skipping whitespace tokens)."""

    def __init__(self, doc: Doc, dates: list[tuple[int, int]] | None = None) -> None:
        self.doc, self.text = doc, doc.text  # Doc.text joins every token: read it once
        self.starts = [t.idx for t in doc]
        self.dates = dates or []  # date spans: never a counted noun ("2,000 last year")

    def at_or_after(self, char: int) -> int:
        i = bisect.bisect_left(self.starts, char)
        while i < len(self.doc) and self.doc[i].is_space:
            i += 1
        return i

    def containing(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)


def _noun_phrase(doc: Doc, i: int, lx: Lex) -> tuple[str | None, int]:
    """The counted noun starting at token i: (lemma phrase, char end of its head) or (None, -1)."""
    mods: list[Token] = []
    while i < len(doc) and len(mods) < 5:
        t = doc[i]
        nxt = doc[i + 1] if i + 1 < len(doc) else None
        noun = t.pos_ in _NOUNS and not any(c.isdigit() for c in t.text)
        if noun and t.pos_ == "PROPN" and nxt is not None and nxt.pos_ == "NOUN":
            noun = False  # "30,000 Wagner fighters": the name qualifies the noun after it
        elif noun and t.pos_ == "PROPN" and lx.lang == "en" and t.tag_ != "NNPS":
            return None, -1  # "1,000 Russia …": a name is not what is counted, a plural one is ("Russians")
        modifier = t.pos_ in ("ADJ", "PROPN") or (t.pos_ == "VERB" and ("Part" in t.morph.get("VerbForm")
                                                                       or t.tag_ == "VBN"))
        # «двоих её подзащитных», «трое наших сотрудников»: a Russian possessive or demonstrative
        # determiner between the numeral and the noun (Natasha tags «её» PRON with dep det)
        modifier = modifier or (lx.lang == "ru" and t.dep_ == "det" and t.pos_ in ("DET", "PRON"))
        if noun:
            mods.append(t)
            if not (lx.lang == "en" and nxt is not None and nxt.pos_ == "NOUN" and t.dep_ == "compound"):
                return _counted_text(mods, lx), t.idx + len(t.text)
        elif modifier:
            mods.append(t)
        else:
            return None, -1
        i += 1
    return None, -1


def _lemma(t: Token, lang: str) -> str:
    """The dictionary form of a counted noun, patching two lemmatizer gaps by rule."""
    lemma = t.lemma_.lower() if t.pos_ == "NOUN" else t.text
    if t.tag_ == "NNPS" and lemma.endswith("s"):  # "Russians": the model keeps plural names as they are
        lemma = lemma[:-1]
    if lang == "en" and lemma == t.lower_ and re.search(r"(?:[^aiouy]|wo)men$", lemma):
        return lemma[:-3] + "man"  # "servicemen" is left as is by the English lemmatizer
    if lang == "ru" and lemma.endswith(("ть", "ться")):  # "мобилизованных" lemmatized to the verb
        from dossier.nlp.numerals import morph

        for p in morph().parse(t.lower_):
            if {"PRTF", "ADJF"} & set(p.tag.grammemes):
                form = p.inflect({"masc", "sing", "nomn"})
                if form:
                    return form.word
    return lemma.replace("ё", "е") if lang == "ru" else lemma


def _counted_text(mods: list[Token], lx: Lex) -> str:
    lemma = _lemma(mods[-1], lx.lang)
    if lx.lang == "ru":  # head lemma only: Russian adjectives would need re-inflecting to agree
        return lemma
    keep = [t.text if t.pos_ == "PROPN" or (t.text[:1].isupper() and not t.is_sent_start) else t.lower_ for t in mods[:-1]
            if not (t.pos_ != "NOUN" and t.lower_ in lx.drop_adjectives)]
    return " ".join(keep + [lemma])


def _counted_after(tok: Tokens, am: Amount, lx: Lex) -> tuple[str | None, int]:
    doc = tok.doc
    i = tok.at_or_after(am.end)
    if i < len(doc) and doc[i].lower_ == "of" and lx.lang == "en":
        i += 1
        while i < len(doc) and (doc[i].pos_ == "DET" or doc[i].tag_ == "PRP$"):
            i += 1
        if not am.unit and (am.words or i >= len(doc) or doc[i].pos_ not in ("NOUN", "ADJ") or doc[i - 1].lower_ == "of"):
            am.partitive = i < len(doc) and doc[i].pos_ == "PRON" and doc[i - 1].lower_ == "of"
            return None, -1  # "1,000 of them", "one of the regions": a part of something said elsewhere;
            # "4,000 of its residents", "300 of the new recruits" count the noun
    phrase, end = _noun_phrase(doc, i, lx)
    if phrase and any(am.end < e and s < end for s, e in tok.dates):
        return None, -1  # "up from 2,000 last year": the words after the number are a date, not what it counts
    if phrase in lx.classifiers:  # "50 units of equipment", "50 ед. техники": count what follows
        j = tok.at_or_after(end)
        while j < len(doc) and (doc[j].is_punct or doc[j].lower_ == "of" or doc[j].pos_ == "DET"):
            j += 1
        inner, inner_end = _noun_phrase(doc, j, lx)
        if inner:
            return inner, inner_end
    return phrase, end


def _genitive_before(tok: Tokens, am: Amount, lx: Lex) -> str | None:
    """«заявлений около 150», «повесток — более 300»: in Russian the counted noun may stand before the amount,
    in the genitive plural, when nothing follows it."""
    if lx.lang != "ru":
        return None
    i = tok.containing(am.start) - 1
    while i >= 0 and (tok.doc[i].is_punct and tok.doc[i].text in "—–-"):
        i -= 1
    if i < 0:
        return None
    t = tok.doc[i]
    if t.pos_ == "NOUN" and "Gen" in t.morph.get("Case") and "Plur" in t.morph.get("Number") and t.lemma_.lower() not in lx.counted_before_skip:
        return t.lemma_.lower()
    return None


def _counted_before(tok: Tokens, am: Amount, lx: Lex) -> str | None:
    """"increase the number of military personnel by 137,000": the noun after a count noun earlier on."""
    doc = tok.doc
    here = tok.containing(am.start)
    sent_start = doc[here].sent.start if doc.has_annotation("SENT_START") else max(0, here - 20)
    for j in range(here - 1, max(sent_start, here - 15) - 1, -1):
        if doc[j].lemma_.lower() in lx.count_nouns:
            k = j + 1
            if lx.lang == "en":
                if k >= len(doc) or doc[k].lower_ != "of":
                    continue
                k += 1
            while k < here and doc[k].pos_ == "DET":
                k += 1
            phrase, _ = _noun_phrase(doc, k, lx)
            return phrase
    return None


def _keep(am: Amount) -> bool:
    """Word numbers need something to count ("three children", not "one of them"); years are dates."""
    n = am.low
    if am.high is None and n.scale == 1.0 and not (am.counted or am.unit):
        if am.words or n.value <= 1:
            return False  # "one of them", "1 in 5"
    if all(_year_like(x) for x in (n, am.high) if x is not None) and not am.unit and not am.plural:
        return False  # years the date grammar did not claim ("the 2022 mobilization", "in 2022–2023")
    return True


def _age(tok: Tokens, am: Amount) -> bool:
    """"said Tuyaara, 52, who asked …", «Тимур, 34, сварщик»: a bare number between commas right after a
    name is the person's age, not an amount the article reports."""
    if am.counted or am.unit or am.high is not None or am.qualifier or am.low.value > 120:
        return False
    text = tok.text
    if not re.match(r"\s*[,)]", text[am.end:am.end + 3]) or not re.search(r"[,(]\s*$", text[max(0, am.start - 3):am.start]):
        return False
    i = tok.containing(am.start) - 1
    while i >= 0 and tok.doc[i].is_punct:
        i -= 1
    return i >= 0 and tok.doc[i].pos_ == "PROPN" and tok.doc[i].text[:1].isupper()


def _name_number(tok: Tokens, am: Amount, lx: Lex) -> bool:
    """"the local channel Orenburg 24", "Russia 1": a bare number right after a proper name is part of it."""
    if lx.lang != "en" or am.counted or am.unit or am.high is not None or am.qualifier:
        return False
    i = tok.containing(am.start)
    return i > 0 and tok.doc[i - 1].pos_ == "PROPN" and tok.doc[i - 1].idx + len(tok.doc[i - 1].text) < am.start


def _indefinite_one(am: Amount, lx: Lex) -> bool:
    """"one miner, who asked that his name be withheld": the word "one" before a singular noun picks out
    somebody; it is not an amount ("one million", "one to two" stay)."""
    n = am.low
    return lx.lang == "en" and n.words and am.high is None and n.scale == 1.0 and n.value == 1 and not am.plural


def _year_like(n: Number) -> bool:
    return not n.words and n.scale == 1.0 and not n.grouped and re.fullmatch(r"(?:1[89]|20)\d\d", n.text) is not None


def find_quantities(doc: Doc, lang: str, skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every quantity in `doc`; `skip` holds spans (dates) whose numbers are not amounts."""
    text, lx, finder = doc.text, lex(lang), numerals(lang)
    masked = _masked(text, skip or [])
    nums = [n for n in finder.find(text) if not _inside(n, masked) and not _is_label(text, n, lx)]
    nums += _bare_scales(text, nums, finder, lx, masked)
    nums.sort(key=lambda n: n.start)
    tok = Tokens(doc, skip)
    amounts: list[Amount] = []
    for am in _join_ranges(text, nums, lx):
        _qualify(text, am, lx)
        _target_level(tok, am, lx)
        _count(tok, am, lx)
        if am.counted not in lx.skip_counted and _keep(am) and not _name_number(tok, am, lx) \
                and not _indefinite_one(am, lx) and not _year_before_noun(tok, am, lx) and not _age(tok, am):
            amounts.append(am)
    _inherit(tok, amounts)
    _partitive(tok, amounts)
    for am, level in zip(amounts, amounts[1:]):
        if am.change and am.end == am.low.end and (level.counted or level.unit):
            am.counted, am.unit = level.counted, level.unit  # no noun of its own: the level's noun
    return [_to_quantity(text, am) for am in amounts]


def _target_level(tok: Tokens, am: Amount, lx: Lex) -> None:
    """"вырос до 80 %": after a verb of change the preposition names the new level, not a ceiling."""
    if am.qualifier != "up_to" or not lx.target_words:
        return
    doc = tok.doc
    first = tok.containing(am.start)
    if doc[first].lower_ not in lx.target_words:
        return
    floor = doc[first].sent.start if doc.has_annotation("SENT_START") else 0
    if any(doc[j].lemma_.lower().replace("ё", "е") in lx.target_verbs for j in range(max(floor, first - 8), first)):
        am.qualifier = None


def _count(tok: Tokens, am: Amount, lx: Lex) -> None:
    """Fill what the amount counts: an abbreviation, the noun after it, a currency, or a count noun before."""
    text, doc = tok.text, tok.doc
    if am.unit in lx.currency_nouns:  # "300 billion rubles" counts rubles; the code goes to `unit`
        am.counted = lx.currency_nouns[am.unit]
        return
    ab = lx.abbrevs_re.match(text[am.end:am.end + 12]) if lx.abbrevs_re and not am.unit else None
    counted, end = (lx.abbrevs[ab.group("a").lower()], am.end + ab.end()) if ab else _counted_after(tok, am, lx)
    if counted:
        head = doc[tok.containing(end - 1)]
        plural = head.tag_ in ("NNS", "NNPS") or "Plur" in head.morph.get("Number")
        if am.unit in lx.share_units and not plural:
            return  # "6% of GDP", «6% ВВП»: a share of one whole, not a count of it; the unit says what it is
        am.counted, am.end, am.plural = counted, end, plural
    elif am.unit is None:
        am.counted = (_counted_before(tok, am, lx) or _counted_by_word(tok, am, lx) or _measured_noun(tok, am, lx)
                      or _genitive_before(tok, am, lx))


def _counted_by_word(tok: Tokens, am: Amount, lx: Lex) -> str | None:
    """"men aged 18 to 27": a word right before the amount names what it counts (lexicon)."""
    i = tok.containing(am.start) - 1
    return lx.counted_by_word.get(tok.doc[i].lower_) if i >= 0 and lx.counted_by_word else None


def _measured_noun(tok: Tokens, am: Amount, lx: Lex) -> str | None:
    """"targets of 1,500 each", "a bonus of 300,000": a bare amount after "<noun> of" measures that noun."""
    doc = tok.doc
    i = tok.containing(am.start) - 1
    if lx.lang != "en" or i < 1 or doc[i].lower_ != "of" or doc[i - 1].pos_ != "NOUN":
        return None
    if doc[i - 1].lemma_.lower() in lx.count_nouns:
        return None  # "the number of 1,500" says nothing more
    return _lemma(doc[i - 1], lx.lang)


def _inherit(tok: Tokens, amounts: list[Amount]) -> None:
    """Ellipsis: "about 2,000 summonses, and more than 5,000 across the region" — a bare number counts
    what the previous amount in the same sentence counted."""
    doc = tok.doc
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return
    for prev, am in zip(amounts, amounts[1:]):
        if am.counted or am.unit or not (prev.counted or prev.unit):
            continue
        if doc[tok.containing(prev.start)].sent.start == doc[tok.containing(am.start)].sent.start:
            am.counted, am.unit = prev.counted, prev.unit


def _partitive(tok: Tokens, amounts: list[Amount]) -> None:
    """"…at least 1,200 summonses… Between 300 and 500 of them went to …": "of them" points to the plural
    group counted just before (this or the previous sentence); without one it stays uncounted."""
    doc = tok.doc
    if not doc.has_annotation("SENT_START"):
        return
    for k, am in enumerate(amounts):
        if not am.partitive or am.counted or am.unit:
            continue
        sent = doc[tok.containing(am.start)].sent
        floor = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        prev = next((p for p in reversed(amounts[:k]) if p.counted and p.plural), None)
        if prev is not None and tok.containing(prev.start) >= floor:
            am.counted = prev.counted


def _year_before_noun(tok: Tokens, am: Amount, lx: Lex) -> bool:
    """"The 2024 budget sets aside …": a year-like number right before a singular noun names the year
    of that thing (the tagger may still read a verb after it as a plural noun)."""
    if lx.lang != "en" or am.high is not None or am.unit or am.qualifier or not _year_like(am.low):
        return False
    i = tok.at_or_after(am.low.end)
    return i < len(tok.doc) and tok.doc[i].tag_ == "NN"


def _bare_scales(text: str, nums: list[Number], finder: Any, lx: Lex, masked: list[tuple[int, int]]) -> list[Number]:
    """Russian "тысяча человек" / "около миллиона": a scale word alone is one of it when singular
    or right after a qualifier ("около тысячи"); a plural ("тысячи людей") is vague and skipped."""
    out: list[Number] = []
    if lx.lang != "ru":  # English says "a thousand" (read by the numerals); "over thousands" is vague
        return out
    for n in finder.find_bare_scales(text):
        if _inside(n, masked) or any(n.start < m.end and m.start < n.end for m in nums):
            continue
        qual = lx.quals_re.search(text[max(0, n.start - 25):n.start])
        if qual or n.text.lower() in ("тысяча", "тысячу", "миллион", "миллиона", "миллиард", "миллиарда"):
            out.append(n)
    return out


def _to_quantity(text: str, am: Amount) -> Quantity:
    low = as_number(am.low.value)
    high = as_number(am.high.value) if am.high else None
    approx = am.qualifier == "about"
    return Quantity(start=am.start, end=am.end, text=text[am.start:am.end],
                    value=None if am.high else low, low=low if am.high else None, high=high,
                    approx=approx, qualifier=am.qualifier, unit=am.unit, counted=am.counted)


@Language.factory("dossier_quantities", default_config={"lang": "en"})
def make_quantities(nlp: Language, name: str, lang: str) -> Any:
    lex(lang), numerals(lang)  # compile at pipeline load, not on the first document

    def quantities(doc: Doc) -> Doc:
        dates = [(d.start, d.end) for d in dates_of(doc, lang)]
        doc._.quantities = find_quantities(doc, lang, dates)
        return doc
    return quantities
