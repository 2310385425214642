"""Dates component: every date the text names, resolved to the precision it gives.

Regexes built from the month, relation and period tables in ``data/numbers/dates.<lang>.toml``
rather than dateparser: dateparser's ``search_dates`` finds dates but loses the precision asked for
("in April" comes back as a full day) and the relation word, and it is slow per sentence.

Resolution. A date without a year ("March 13", "в апреле") takes the year that puts it closest to
the reference date (so "in December" written in January is last December), unless a cue says past
("back in October") or future ("next April"). The reference date is the publication date; when
there is none, it is the latest explicit year in the text (a bare target year such as "by 2026" counts
only when there is no other) with the month of the first dated mention (news leads with the current
event). Relative words ("yesterday", "в этом году") resolve
only against a publication date; a date that cannot be resolved keeps ``value: None``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from dossier.model import DateRef
from dossier.nlp.numerals import SPACES, alternation, lexicon

_S = rf"[{SPACES}]+"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_CACHE_KEY = "dossier.dates"


@dataclass
class Mention:
    """A date as read, before resolution: year/month/day as written (None when absent)."""

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    rel: tuple[str, int] | None = None  # relative phrase: (unit, offset)
    period_year: bool = False  # "the end of the year": the reference year
    deadline: bool = False  # a bare year after by/until/before ("by 2026"): a target, not the news date
    precision: str | None = None
    tense: str | None = None  # "past" / "future" from the verb that governs the date (English parse)


def _abbreviations(lex: dict[str, Any], lang: str) -> set[str]:
    """Month abbreviations: written with a dot in the data ("окт."), or English prefixes of a name ("jan")."""
    names = {k.lower().rstrip(".") for k in lex["months"]}
    abbrev = {k.lower().rstrip(".") for k in lex["months"] if k.endswith(".")}
    if lang == "en":
        abbrev |= {n for n in names if any(o != n and o.startswith(n) for o in names)}
    return abbrev


def _month_pattern(lex: dict[str, Any], lang: str) -> str:
    """Month names as a named group. Abbreviations may take a dot; English names must be capitalised
    ("may" is a verb)."""
    names = {k.lower().rstrip(".") for k in lex["months"]}
    abbrev = _abbreviations(lex, lang)
    if lang == "en":
        names, abbrev = {n.capitalize() for n in names}, {n.capitalize() for n in abbrev}
    return rf"(?P<mon>(?:{alternation(abbrev)})\.?(?!\w)|{alternation(names - abbrev)})"


class DateGrammar:
    """Compiled date patterns for one language."""

    def __init__(self, lang: str) -> None:
        lex = lexicon("dates", lang)
        self.lang, self.lex = lang, lex
        self.months: dict[str, int] = {k.lower().rstrip("."): v for k, v in lex["months"].items()}
        mon = _month_pattern(lex, lang)
        self.full_months = set(self.months) - _abbreviations(lex, lang)
        day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|-?го|-?е)?(?!\d)"
        parts = alternation(lex["period_parts"])
        yw = alternation(lex.get("year_words", []))
        year = rf"(?P<year>{_YEAR})(?!\d)" + (rf"(?:{_S}(?:{yw})(?!\w))?" if yw else "")
        flags = 0 if lang == "en" else re.IGNORECASE  # English months are capitalised ("may" is a verb)
        pyears = alternation(lex["period_years"])
        self.numeric = re.compile(
            rf"(?<![\d.])(?:(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
            rf"|(?P<d>[0-3]?\d)(?P<sep>[./])(?P<m>[01]?\d)(?P=sep)(?P<y>{_YEAR}|\d\d))(?![\d.]\d)"
            + (rf"(?:{_S}(?:{yw})(?!\w))?" if yw else ""))
        # a day range ("13–14 марта", "March 13-14") is one date: its first day
        self.dmy = re.compile(rf"(?<!\w)(?:(?P<part>(?i:{parts})){_S}(?:the{_S})?)?"
                              rf"(?:(?:(?P<d0>[0-3]?\d)[-–])?{day}(?:{_S}of)?{_S})?{mon}"
                              rf"(?:{_S}{day.replace('day', 'day2')}(?:[-–][0-3]?\d(?!\d))?)?"
                              rf"(?:,?{_S}(?:of{_S})?{year})?(?!\w)", flags)
        self.period = re.compile(rf"(?<!\w)(?P<part>{parts}){_S}(?:(?P<py>{pyears})|{year})(?!\w)", re.IGNORECASE)
        self.bare_year = re.compile(rf"(?<![\w.,-]){year}(?![\w-]|[.,]\d)", re.IGNORECASE)
        rel = alternation(lex["relations"])
        self.relation = re.compile(rf"(?:^|(?<=[^\w]))(?P<rel>{rel})(?:{_S}|-)?(?:the{_S})?$", re.IGNORECASE)
        self.relative = re.compile(rf"(?<!\w)(?:{alternation(lex['relative'])})(?!\w)", re.IGNORECASE)
        days = {k.capitalize() if lang == "en" else k for k in lex["weekdays"]}
        self.weekday = re.compile(rf"(?<!\w)(?:{alternation(days)})(?!\w)",
                                  0 if lang == "en" else re.IGNORECASE)
        ago_units = alternation(lex["ago"]["units"])
        self.ago = re.compile(rf"(?<!\w)(?P<n>\d+|{alternation(_SMALL_VALUE)}){_S}(?P<unit>{ago_units}){_S}"
                              rf"(?:{alternation(lex['ago']['words'])})(?!\w)", re.IGNORECASE)
        self.range_frames = [(o.lower(), c.lower()) for o, c in lex.get("range_frames", [])]
        self.day_pairs = [(o.lower(), c.lower()) for o, c in lex.get("day_pair_frames", [])]
        if self.day_pairs:
            opens = alternation({o for o, _ in self.day_pairs})
            closes = alternation({c for _, c in self.day_pairs})
            self.day_pair = re.compile(rf"(?:^|(?<=\W))(?P<open>{opens}){_S}(?P<d>[0-3]?\d)(?:st|nd|rd|th|-?го|-?е)?"
                                       rf"{_S}(?P<close>{closes}){_S}$", re.IGNORECASE)
        openers = alternation({o for o, _ in self.range_frames}) or r"(?!x)x"
        self.range_opener = re.compile(rf"(?:^|(?<=\W))(?:{openers}){_S}(?:the{_S})?$", re.IGNORECASE)
        self.past = re.compile(rf"(?:{alternation(lex['past_cues'])})\W*$", re.IGNORECASE)
        self.future = re.compile(rf"(?:{alternation(lex['future_cues'])})\W*$", re.IGNORECASE)

    def relation_before(self, text: str, start: int) -> tuple[bool, str | None]:
        """(a relation or cue word stands right before `start`, the relation it names)."""
        m = self.relation.search(text[max(0, start - 30):start])
        if not m:
            return False, None
        key = re.sub(r"\s+", " ", m.group("rel").lower())
        rels = {k.lower(): v for k, v in self.lex["relations"].items()}
        return True, rels.get(key) or None


# Small number words in "two years ago" / "два года назад" (the quantities lexicon handles the rest).
_SMALL_VALUE = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
                "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10}


@lru_cache(maxsize=None)
def grammar(lang: str) -> DateGrammar:
    return DateGrammar(lang)


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _month_mentions(g: DateGrammar, text: str, taken: list[tuple[int, int]]) -> list[Mention]:
    out: list[Mention] = []
    for m in g.dmy.finditer(text):
        d = m.group("d0") or m.group("day") or m.group("day2")
        y = m.group("year")
        if _overlaps(m.span(), taken) or (d and not 1 <= int(d) <= 31):
            continue
        if not d and not y and m.group("mon").lower().rstrip(".") not in g.full_months:
            continue  # an abbreviation alone is more often a name ("Jan Nowak", "Dec") than a month
        listed = bool(out) and _COORDINATION.fullmatch(text[out[-1].end:m.start()]) is not None
        opened = g.range_opener.search(text[max(0, m.start() - 20):m.start()]) is not None
        if not d and not y and not m.group("part") and not listed and not opened \
                and not g.relation_before(text, m.start())[0]:
            continue  # a bare month name needs a preposition or a list: "March" may be a march, "Мая" a name
        out.append(Mention(m.start(), m.end(), int(y) if y else None, g.months[m.group("mon").lower().rstrip(".")],
                           int(d) if d else None, precision="day" if d else "month"))
    return out


def _first_days(g: DateGrammar, text: str, found: list[Mention]) -> list[Mention]:
    """"between 10 and 12 March", «с 10 по 12 марта»: the first day of a day range written once with the
    month takes that month (and year); it becomes a date of its own (the range's first end)."""
    out: list[Mention] = []
    if not g.day_pairs:
        return out
    for x in found:
        if not (x.day and x.month and x.precision == "day"):
            continue
        window = max(0, x.start - 40)
        m = g.day_pair.search(text[window:x.start])
        if m is None or (m["open"].lower(), m["close"].lower()) not in g.day_pairs or not 1 <= int(m["d"]) < x.day:
            continue
        start, end = window + m.start("d"), window + m.end("d")
        if not any(start < y.end and y.start < end for y in found):
            out.append(Mention(start, end, x.year, x.month, int(m["d"]), precision="day"))
    return out


def _ago_value(n: str) -> int:
    return int(n) if n.isdigit() else _SMALL_VALUE.get(n.lower(), 1)


def find_mentions(text: str, lang: str) -> list[Mention]:
    """Every date-like span in `text`, unresolved, in text order (longest pattern wins)."""
    g = grammar(lang)
    found: list[Mention] = []

    def taken() -> list[tuple[int, int]]:
        return [(x.start, x.end) for x in found]

    for m in g.numeric.finditer(text):
        y, mo, d = m.group("iy", "im", "id") if m.group("iy") else m.group("y", "m", "d")
        if lang == "en" and m.group("sep") == "/" and int(mo) <= 12 and int(d) <= 12:
            mo, d = d, mo  # English slashes are month/day/year
        year = int(y) + (2000 if len(y) == 2 else 0)
        if 1 <= int(mo) <= 12 and 1 <= int(d) <= 31:
            found.append(Mention(m.start(), m.end(), year, int(mo), int(d), precision="day"))
    for m in g.period.finditer(text):
        if not _overlaps(m.span(), taken()):
            month = {k.lower(): v for k, v in g.lex["period_parts"].items()}[re.sub(r"\s+", " ", m["part"].lower())]
            found.append(Mention(m.start(), m.end(), int(m["year"]) if m["year"] else None, month or None,
                                 period_year=bool(m["py"]), precision="month" if month else "year"))
    found += _month_mentions(g, text, taken())
    found += _first_days(g, text, found)
    for m in g.ago.finditer(text):
        if not _overlaps(m.span(), taken()):
            unit = {k.lower(): v for k, v in g.lex["ago"]["units"].items()}[m["unit"].lower()]
            found.append(Mention(m.start(), m.end(), rel=(unit, -_ago_value(m["n"])), precision=unit))
    rel_table = {k.lower(): v for k, v in g.lex["relative"].items()}
    for m in g.relative.finditer(text):
        if not _overlaps(m.span(), taken()):
            unit, off = rel_table[re.sub(r"\s+", " ", m.group(0).lower())]
            found.append(Mention(m.start(), m.end(), rel=(unit, off), precision=unit))
    week = {k.lower(): v for k, v in g.lex["weekdays"].items()}
    for m in g.weekday.finditer(text):
        if not _overlaps(m.span(), taken()) and (lang == "ru" or g.relation_before(text, m.start())[0]):
            found.append(Mention(m.start(), m.end(), rel=("weekday", week[m.group(0).lower()]), precision="day"))
    for m in _YEAR_RANGE.finditer(text):  # "in 2024-2025", "for 2024–26", «в 2022–2023 годах»: both ends
        y1, y2 = int(m["y1"]), int(m["y2"]) if len(m["y2"]) == 4 else int(m["y1"][:2] + m["y2"])
        if y1 < y2 <= y1 + 10 and not _overlaps(m.span(), taken()) and g.relation_before(text, m.start())[0]:
            found += [Mention(m.start("y1"), m.end("y1"), y1, precision="year"),
                      Mention(m.start("y2"), m.end("y2"), y2, precision="year")]
    for m in g.bare_year.finditer(text):
        cue = re.search(r"(\w+)\W*$", text[max(0, m.start() - 12):m.start()])
        if cue and cue.group(1).lower() == "to":
            continue  # "raised to 2000": after "to" a year-like number is more often an amount
        if not _overlaps(m.span(), taken()) and (g.relation_before(text, m.start())[0] or m.end("year") < m.end()):
            found.append(Mention(m.start(), m.end(), int(m["year"]), precision="year"))
    found.sort(key=lambda x: x.start)
    _share_years(found, text)
    return found


_YEAR_RANGE = re.compile(rf"(?<![\w.,-])(?P<y1>{_YEAR})[-–—](?P<y2>{_YEAR}|\d\d)(?![\w-]|[.,]\d)")
_COORDINATION = re.compile(r"\s*(?:,|,?\s*and|or|to|through|until|till|-|–|—|и|или|по|до)\s*", re.IGNORECASE)


def _share_years(found: list[Mention], text: str) -> None:
    """"September and October 2022", "с марта по май 2023 года": the year written once serves both."""
    for x, nxt in reversed(list(zip(found, found[1:]))):  # right to left: a chain shares one year
        if x.year is None and x.month and not x.rel and nxt.year and nxt.month \
                and _COORDINATION.fullmatch(text[x.end:nxt.start]):
            x.year = nxt.year


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def reference_date(mentions: list[Mention], published: str | None) -> tuple[dt.date | None, bool]:
    """(the date partial dates resolve against, whether it is a real publication date)."""
    pub = _parse_iso(published)
    if pub and published and published.count("-") < 2:  # "2023" or "2023-03": partial dates yes, "yesterday" no
        return (dt.date(pub.year, 7, 1) if published.count("-") == 0 else pub), False
    if pub:
        return pub, True
    years = [x.year for x in mentions if x.year and not x.deadline] or [x.year for x in mentions if x.year]
    if not years:
        return None, False
    anchor = max(years)
    first = next((x for x in mentions if x.month and not x.period_year and x.year in (None, anchor)), None)
    return dt.date(anchor, first.month if first else 12, 1), False


def _nearest_year(month: int, ref: dt.date, past: bool, future: bool, day: int | None = None) -> int:
    here = ref.year * 12 + ref.month
    options = [ref.year - 1, ref.year, ref.year + 1]
    # with a day, "15 января" written on 12 January is still ahead in the same month
    at = (lambda y: (y, month, day or 0)) if day else (lambda y: (y * 12 + month, 0, 0))
    now = (ref.year, ref.month, ref.day) if day else (here, 0, 0)
    if past:
        options = [y for y in options if at(y) <= now] or options
    if future:
        options = [y for y in options if at(y) > now] or options
    return min(options, key=lambda y: (abs(y * 12 + month - here), y != ref.year))


def _shift(ref: dt.date, unit: str, offset: int) -> tuple[int, int, int]:
    if unit == "day":
        d = ref + dt.timedelta(days=offset)
        return d.year, d.month, d.day
    if unit == "weekday":
        d = ref - dt.timedelta(days=(ref.weekday() - offset) % 7)
        return d.year, d.month, d.day
    if unit == "month":
        n = ref.year * 12 + ref.month - 1 + offset
        return n // 12, n % 12 + 1, 1
    return ref.year + offset, 1, 1


def resolve(x: Mention, text: str, g: DateGrammar, ref: dt.date | None, published: bool) -> str | None:
    """The ISO value of a mention at its precision, or None when it cannot be resolved.

    Without a past/future cue before it, the tense of the verb governing the date (`x.tense`) decides
    ("С 1 января вступили в силу" is last January, "will take effect on November 1" the coming one)."""
    if x.rel:
        if not (published and ref):
            return None
        y, m, d = _shift(ref, *x.rel)
        return {"day": f"{y:04d}-{m:02d}-{d:02d}", "month": f"{y:04d}-{m:02d}", "year": f"{y:04d}"}[x.precision]
    year = x.year
    if year is None:
        if ref is None:
            return None
        before = text[max(0, x.start - 30):x.start]
        past, future = bool(g.past.search(before)), bool(g.future.search(before))
        if not (past or future):
            past, future = x.tense == "past", x.tense == "future"
        year = ref.year if x.period_year or not x.month or not ref else _nearest_year(x.month, ref, past, future, x.day)
    if x.precision == "day":
        try:
            return dt.date(year, x.month, x.day).isoformat()
        except ValueError:
            return None
    if x.precision == "month" and x.month:
        return f"{year:04d}-{x.month:02d}"
    return f"{year:04d}"


def _relation(g: DateGrammar, text: str, x: Mention, value: str | None, ref: dt.date | None) -> str | None:
    _, rel = g.relation_before(text, x.start)
    if rel and "|" in rel:  # Russian "с": since for a date before the reference, from for a later one
        past, future = rel.split("|")
        when = _parse_iso(value)
        rel = future if when and ref and when > ref else past
    return rel


# Hand-written (no library reads tense for date resolution): the Penn tags of the verb that governs
# a date say whether the text puts it before or after the time of writing.
_FUTURE_AUX = {"will", "shall", "'ll", "going"}


def _governing_verb(doc: Doc, start: int, lang: str) -> Any:
    """The first verb above the token at character `start` in the parse, or None. Outside English
    only a finite verb counts (one whose morphology has a tense)."""
    tok = doc.char_span(start, start + 1, alignment_mode="expand")
    tok = tok[0] if tok is not None and len(tok) else None
    for _ in range(8):
        if tok is None:
            return None
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "aux" and (lang == "en" or tok.morph.get("Tense")):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _tense(verb: Any, lang: str) -> str | None:
    """"past" for a simple past ("signed since January 1", "announced in September"), "future" for
    will/shall/going to or "is to be launched"; None for the present and anything unclear. Russian
    morphology says it directly (perfective non-past verbs are Tense=Fut: «заработает»)."""
    if lang != "en":
        return {"Past": "past", "Fut": "future"}.get(next(iter(verb.morph.get("Tense")), ""))
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & _FUTURE_AUX or ("to" in lowers and verb.head.lemma_ == "be" and verb.head.tag_ in ("VBZ", "VBP")):
        return "future"
    if "to" in lowers or any(a.tag_ == "MD" for a in auxes):
        return None  # "plans to", "could": no tense
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and not auxes and verb.dep_ in ("acl", "relcl"):
        return "past"  # "a mobilization announced in September"
    return None


def _read_tenses(doc: Doc, mentions: list[Mention], lang: str) -> None:
    for x in mentions:
        if x.year is None and x.month and not x.rel:
            verb = _governing_verb(doc, x.start, lang)
            x.tense = _tense(verb, lang) if verb is not None else None


def find_dates(text: str, lang: str, published: str | None = None, doc: Doc | None = None) -> list[DateRef]:
    """Every date in `text` as contract DateRefs, resolved against `published` (ISO) when given.
    With a parse (`doc`), a full publication date and ``governing_verb_tense`` in the language's date
    data, the tense of the governing verb says past or future for a date without a year."""
    g = grammar(lang)
    mentions = find_mentions(text, lang)
    for x in mentions:
        x.deadline = x.month is None and g.relation_before(text, x.start)[1] in ("by", "until", "before")
    if lang == "en" and doc is not None and doc.has_annotation("DEP"):
        mentions = [x for x in mentions if not _counts_a_noun(doc, x, text)]
    ref, is_pub = reference_date(mentions, published)
    if is_pub and doc is not None and g.lex.get("governing_verb_tense") and doc.has_annotation("DEP"):
        _read_tenses(doc, mentions, lang)  # only against a real day of writing: a bare year is no "now"
    out: list[DateRef] = []
    for k, x in enumerate(mentions):
        if x.year is None and x.month and not x.rel:
            x.year = _year_right_after(text, x, mentions[k + 1:k + 2], g, ref, is_pub)
        if x.year is None and x.month and not x.rel and x.tense != "future":
            x.year = _year_of_the_sentence(text, mentions[:k], out, x)
        value = resolve(x, text, g, ref, is_pub)
        out.append(DateRef(start=x.start, end=x.end, text=text[x.start:x.end], value=value,
                           precision=x.precision if x.precision in ("day", "month", "year") else None,
                           relation=_relation(g, text, x, value, ref)))
    _close_ranges(g, text, mentions, out, ref)
    return out


_SENTENCE_END = re.compile(r"[.!?…][»\"”]?\s+[«\"“„(]?[A-ZА-ЯЁ0-9]|\n")


def _year_right_after(text: str, x: Mention, nxt: list[Mention], g: DateGrammar, ref: dt.date | None,
                      is_pub: bool) -> int | None:
    """"in September last year", «в сентябре прошлого года»: a year phrase right after a month gives its year."""
    if not nxt or nxt[0].precision != "year" or not re.fullmatch(r"[\s,]*(?:of\s+)?", text[x.end:nxt[0].start]):
        return None
    value = resolve(nxt[0], text, g, ref, is_pub)
    return int(value[:4]) if value else None


def _year_of_the_sentence(text: str, before: list[Mention], values: list[DateRef], x: Mention) -> int | None:
    """«осенью прошлого года, когда после объявления мобилизации 21 сентября …», "in 2022, when on September
    21 …": a day or month without a year takes the year a date earlier in the same sentence names."""
    for y, ref in zip(reversed(before), reversed(values)):
        if _SENTENCE_END.search(text, y.end, x.start + 1):  # +1: the capital opening the next sentence may be x
            return None
        if y.precision == "year" and ref.value and not y.period_year:
            return int(ref.value[:4])
    return None


def _counts_a_noun(doc: Doc, x: Mention, text: str) -> bool:
    """"a total of 2000 soldiers", "for 2000 roubles": a bare four-digit number that the parse makes the
    numeric modifier of a following noun counts that noun; it is not a year."""
    if x.month is not None or x.rel or not text[x.start:x.end].isdigit():
        return False
    span = doc.char_span(x.start, x.end)
    if span is None or len(span) != 1 or span[0].dep_ != "nummod" or span[0].head.i < span[0].i \
            or span[0].head.tag_ not in ("NNS", "NNPS"):
        return False
    if span[0].i > 0 and doc[span[0].i - 1].tag_ in ("DT", "PRP$", "POS"):
        return False  # "in the 2024 elections", "of its 2022 campaigns": a determiner makes it the year
    # a sentence without a verb is a misparse ("The decree of 2023 stands.": "stands" read as a noun)
    return any(t.pos_ in ("VERB", "AUX") for t in span[0].sent)


def _close_ranges(g: DateGrammar, text: str, mentions: list[Mention], out: list[DateRef], ref: dt.date | None) -> None:
    """"between November and January": the contract has no date range, so a range is its two ends, the
    first with "from" and the second with "until". When neither end gives a year and the end resolved
    before the start, one end moves by a year: the choice the governing verb's tense allows (all past /
    all future) that keeps both ends nearest the reference date."""
    for k in range(len(out) - 1):
        a, b, ma, mb = out[k], out[k + 1], mentions[k], mentions[k + 1]
        gap = re.sub(r"\s+", " ", text[a.end:b.start].strip().lower())
        opener = g.range_opener.search(text[max(0, a.start - 20):a.start])
        framed = opener is not None and any(gap == c and opener.group(0).lower().startswith(o)
                                            for o, c in g.range_frames)
        # "from April 1 until September 30", «с 10 по 12 марта»: a from-date right before an until-date;
        # "2024-2025": two years joined by a dash
        dashed = gap in ("-", "–", "—") and ma.precision == mb.precision == "year"
        if not framed and not dashed and not (a.relation in ("from", "since") and b.relation == "until"
                                              and len(gap.split()) <= 2):
            continue
        a.relation, b.relation = a.relation or "from", "until"
        if ref and a.value and b.value and ma.year is None and mb.year is None and ma.month and mb.month \
                and not (ma.rel or mb.rel) and b.value < a.value:
            a.value, b.value = _ordered_range(a.value, b.value, ref, ma.tense or mb.tense)


def _ordered_range(start: str, end: str, ref: dt.date, tense: str | None) -> tuple[str, str]:
    def shifted(value: str, years: int) -> str:
        return f"{int(value[:4]) + years:04d}{value[4:]}"

    def months_from_ref(value: str) -> int:
        return abs(int(value[:4]) * 12 + int(value[5:7]) - ref.year * 12 - ref.month)

    now = ref.isoformat()[:len(end)]
    options = [(shifted(start, -1), end), (start, shifted(end, 1))]
    if tense == "past":
        options = [o for o in options if o[1] <= now] or options
    elif tense == "future":
        options = [o for o in options if o[0] > now] or options
    return min(options, key=lambda o: months_from_ref(o[0]) + months_from_ref(o[1]))


def dates_of(doc: Doc, lang: str) -> list[DateRef]:
    """The dates of a Doc, computed once (the quantities component reads them to skip date numbers)."""
    if _CACHE_KEY not in doc.user_data:
        meta = doc._.meta or {}
        doc.user_data[_CACHE_KEY] = find_dates(doc.text, lang, meta.get("published"), doc)
    return doc.user_data[_CACHE_KEY]


@Language.factory("dossier_dates", default_config={"lang": "en"})
def make_dates(nlp: Language, name: str, lang: str) -> Any:
    grammar(lang)  # build the patterns at pipeline load, not on the first document

    def dates(doc: Doc) -> Doc:
        doc._.dates = list(dates_of(doc, lang))
        return doc
    return dates
