"""Person names: Russian nominative forms, spelling-variant matching, and a cross-language key.

``person_key("Дмитрий Песков") == person_key("Dmitry Peskov") == "peskov"``: claims from Russian and
English articles about one person merge on this key (the claims engineer's join column). The key is
the surname folded to a Latin skeleton; :func:`same_person` adds the first-name check used inside
one article ("David Zhoe" / "Zhou", "Pavlo Čikov" / "Chikov", "Mihail" / "Mikhail").
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Span

# Russian/Ukrainian Cyrillic → Latin, a simple BGN-like scheme; exactness does not matter because both
# sides go through :func:`skeleton`, which folds the usual romanisation variants together.
_CYR = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
        "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
        "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g"}
# Latin letters with diacritics whose plain-ASCII romanisation is a digraph (Čikov → Chikov).
_LATIN = {"č": "ch", "š": "sh", "ž": "zh", "ś": "s", "ć": "c", "ł": "l", "ø": "o", "ß": "ss"}
# Romanisation variants folded to one form, applied in order (Mikhail/Mihail, Dmitry/Dmitriy/Dmitrii).
_FOLDS = ((r"kh", "h"), (r"ks", "x"), (r"[yj]", "i"), (r"ts", "c"), (r"iu", "u"), (r"ia", "a"),
          (r"(.)\1+", r"\1"), (r"ie$", "i"))
_NAME_TAGS = {"Name", "Surn", "Patr"}
_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_GENDERS = {"Masc": "masc", "Fem": "femn"}


def is_cyrillic(text: str) -> bool:
    return any("а" <= c.lower() <= "я" or c.lower() in "ёіїєґ" for c in text)


def to_latin(text: str) -> str:
    """Lower-case ASCII Latin form of a name written in Cyrillic or accented Latin."""
    out = []
    for c in text.casefold():
        c = _CYR.get(c, _LATIN.get(c, c))
        out.append(c)
    flat = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in flat if not unicodedata.combining(c))


def skeleton(word: str) -> str:
    """A spelling-tolerant form of one name word: 'Dmitriy', 'Dmitry', 'Дмитрий' → 'dmitri'."""
    s = re.sub(r"[^a-z]", "", to_latin(word))
    for pattern, repl in _FOLDS:
        s = re.sub(pattern, repl, s)
    return s


def name_words(name: str) -> list[str]:
    """Words of a person name without possessive endings and initials' dots."""
    name = re.sub(r"['’]s\b", "", name)
    return [w for w in re.split(r"[\s.]+", name) if w and any(ch.isalpha() for ch in w)]


@lru_cache(maxsize=8192)  # compared pairwise against every known entity: parse each name once
def person_key(name: str) -> str:
    """Cross-language key of a person: the surname's skeleton (Peskov / Песков / Пескова → 'peskov')."""
    words = name_words(name)
    if not words:
        return ""
    last = words[-1]
    if is_cyrillic(last):
        last = nominative_ru([last])[-1] if len(words) == 1 else nominative_ru(words)[-1]
    return skeleton(last)


def _close(a: str, b: str) -> bool:
    if a == b:
        return True
    if not a or not b or a[0] != b[0] or min(len(a), len(b)) < 4:
        return False
    return Levenshtein.distance(a, b) <= 1


def same_person(a: str, b: str) -> bool:
    """True when two names in one article can denote the same person (surname and first name agree)."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb or not _close(person_key(a), person_key(b)):
        return False
    if len(wa) > 1 and len(wb) > 1:  # both have a first name: it must agree too (initials count)
        fa, fb = skeleton(wa[0]), skeleton(wb[0])
        return bool(fa and fb) and (fa[0] == fb[0] and (len(fa) == 1 or len(fb) == 1 or _close(fa, fb)))
    return True


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _restore_case(word: str, like: str) -> str:
    return "-".join(p[:1].upper() + p[1:] for p in word.split("-")) if like[:1].isupper() else word


@lru_cache(maxsize=4096)
def _nominative_word(word: str, case: str | None, gender: str | None) -> str:
    parses = _morph().parse(word)
    named = [p for p in parses if _NAME_TAGS & p.tag.grammemes] or parses
    if case:
        named = [p for p in named if p.tag.case == case] or named
    if gender:
        named = [p for p in named if p.tag.gender == gender] or named
    best = named[0]
    if best.tag.case in (None, "nomn"):
        return word
    form = best.inflect({"nomn"})
    return _restore_case(form.word, word) if form else word


def nominative_ru(words: list[str], cases: list[str | None] | None = None,
                  genders: list[str | None] | None = None) -> list[str]:
    """Russian name words in the nominative: ['Дмитрия', 'Пескова'] → ['Дмитрий', 'Песков'].

    `cases`/`genders` are Universal Dependencies values from the tagger (Gen, Fem…) when known; a first
    name fixes the gender of the surname after it, so 'Анны Ивановой' stays feminine.
    """
    cases = cases or [None] * len(words)
    genders = genders or [None] * len(words)
    gender = next((_GENDERS.get(g or "") for g in genders if g), None)
    if gender is None and len(words) > 1:
        first = [p for p in _morph().parse(words[0]) if "Name" in p.tag.grammemes]
        gender = first[0].tag.gender if first else None
    out = []
    for w, c in zip(words, cases):
        if not is_cyrillic(w) or c == "Nom":
            out.append(w)
        else:
            out.append(_nominative_word(w, _CASES.get(c or ""), gender))
    return out


def inflect_nominative(word: str, number: list[str] | None = None, gender: list[str] | None = None) -> str:
    """One Russian common word in the nominative, keeping number and, for adjectives, the noun's gender
    ("краевого" of "правительства" → "краевое")."""
    if word.isupper() or not _morph().word_is_known(word.lower()):
        return word  # abbreviations and unknown names ("РБК", "Минцифры") are not declined by guesswork
    parses = [p for p in _morph().parse(word) if p.tag.case not in (None, "nomn")] or _morph().parse(word)
    want = {"nomn", "plur" if number == ["Plur"] else "sing"}
    if number != ["Plur"] and gender and parses[0].tag.POS in ("ADJF", "PRTF", "NPRO"):
        want.add({"Masc": "masc", "Fem": "femn", "Neut": "neut"}.get(gender[0], "masc"))
    form = parses[0].inflect(want) or parses[0].inflect({"nomn"})
    return _restore_case(form.word, word) if form else word


def nominative_phrase(span: Span) -> str:
    """"краевого правительства" → "краевое правительство": the head noun and the words agreeing with it
    go to the nominative; dependents in their own case ("сотрудник военкомата") stay as they are."""
    try:
        root = span.root
    except RuntimeError:  # spaCy E039 on a broken parse tree: keep the words as written
        return span.text
    if "Nom" in root.morph.get("Case") or not root.morph.get("Case"):
        return span.text
    parts = []
    for t in span:
        agrees = t.i == root.i or (t.head.i == root.i and t.pos_ in ("ADJ", "DET") and t.i < root.i)
        form = inflect_nominative(t.text, root.morph.get("Number")[:1], root.morph.get("Gender")[:1]) if agrees \
            else t.text
        parts.append(form + t.whitespace_)
    return "".join(parts).strip()
