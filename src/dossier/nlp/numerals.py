"""Numbers in running text: find every cardinal written in digits, words or both, with its value.

Shared by :mod:`dossier.nlp.quantities` and :mod:`dossier.nlp.dates`. The word lists live in
``data/numbers/*.toml`` (one file per concept and language); Russian entries given as lemmas are
expanded to all their case forms with pymorphy3, so the files stay short and reviewable.

Values of number words come from libraries: text2num for English, number-parser for Russian.
Both stop short of what news text needs, so this module adds (by hand, because neither library
does it): scale words after digits ("137 тыс.", "1,5 млн", "300 billion" — text2num leaves
"trillion" as a word and number-parser ignores the abbreviations), fractional words ("полтора",
"half a million"), Russian collective numerals ("двое", "трое") and digit grouping with commas,
dots, spaces, no-break and thin spaces ("400,000", "10.000", "400 000").
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dossier.errors import DossierError

DATA_DIR = Path(__file__).parent / "data" / "numbers"
LANGS = ("en", "ru")
KINDS = ("quantities", "dates")
SPACES = " \u00a0\u202f\u2009"  # space, no-break space, narrow no-break space, thin space
_DIGITS = (rf"(?<![\d])(?:\d{{1,3}}(?:(?:,|\.|[{SPACES}])\d{{3}}(?!\d))+|\d+)"
           r"(?:[.,]\d+(?![.,]?\d))?")
_GROUPED = re.compile(rf"(\d{{1,3}}(?:[,.{SPACES}]\d{{3}})+|\d+)(?:[.,](\d+))?")


@lru_cache(maxsize=None)
def lexicon(kind: str, lang: str) -> dict[str, Any]:
    """The parsed data file ``data/numbers/<kind>.<lang>.toml``."""
    path = DATA_DIR / f"{kind}.{lang}.toml"
    if kind not in KINDS or lang not in LANGS or not path.exists():
        raise DossierError("E403", f"no number lexicon {kind!r} for language {lang!r}; "
                           f"choose kind in {', '.join(KINDS)} and language in {', '.join(LANGS)}")
    with path.open("rb") as fh:
        try:
            return tomllib.load(fh)
        except tomllib.TOMLDecodeError as e:
            raise DossierError("E404", f"{path} is not valid TOML: {e}; fix the data file") from e


@lru_cache(maxsize=1)
def morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=None)
def forms(word: str, lang: str) -> frozenset[str]:
    """`word` and, for a Russian lemma, all its inflected forms (with ё and е spellings)."""
    out = {word.lower()}
    if lang == "ru" and re.fullmatch(r"[а-яё]+", word.lower()):
        for parse in morph().parse(word.lower()):
            if parse.normal_form == word.lower().replace("ё", "е") or parse.normal_form == word.lower():
                out.update(f.word for f in parse.lexeme)
    return frozenset(out | {w.replace("ё", "е") for w in out})


def alternation(words: set[str] | list[str] | frozenset[str]) -> str:
    """A regex alternation of literal phrases, longest first, any run of spaces matching a space."""
    parts = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", rf"[{SPACES}]+") for p in parts)


def expanded(words: list[str] | dict[str, Any], lang: str) -> dict[str, Any]:
    """A word list or word→value table with every inflected form of each entry as its own key."""
    table = words if isinstance(words, dict) else {w: w for w in words}
    out: dict[str, Any] = {}
    for key, value in table.items():
        for form in forms(key, lang):
            out.setdefault(form, value)
    return out


def digits_value(text: str, lang: str, scaled: bool = False) -> float | None:
    """Value of a digit string with grouping: '400,000', '10.000', '400 000', '1,5', '4.5'.

    One separator followed by exactly three digits groups thousands — except before a scale word,
    where it is the decimal mark ('1,500 млн' is 1.5 million in Russian, '1.500 million' 1.5 million);
    English '1,500 million' keeps the comma as a group separator.
    """
    m = _GROUPED.fullmatch(text)
    if not m:
        return None
    whole, frac = m.group(1), m.group(2)
    seps = re.findall(rf"[,.{SPACES}]", whole)
    if scaled and len(seps) == 1 and seps[0] in ".," and not (lang == "en" and seps[0] == ","):
        whole, frac = re.sub(r"\D", "", text.split(seps[0])[0]), text.split(seps[0])[1]
    number = re.sub(r"\D", "", whole)
    return float(f"{number}.{frac}") if frac else float(number)


@dataclass(frozen=True)
class Number:
    """One cardinal in the text. ``core`` is the value before the scale word, ``scale`` the factor."""

    start: int
    end: int
    text: str
    core: float
    scale: float = 1.0
    words: bool = False  # written (at least partly) in words
    grouped: bool = False  # digits with a thousands separator

    @property
    def value(self) -> float:
        return self.core * self.scale


def as_number(x: float) -> int | float:
    """An int when the value is whole (contract values are plain JSON numbers)."""
    return int(x) if float(x).is_integer() else round(x, 6)


class Numerals:
    """Finds numbers in text for one language; built once per language from the data files."""

    def __init__(self, lang: str) -> None:
        lex = lexicon("quantities", lang)
        self.lang = lang
        self.scales: dict[str, float] = {k: float(v) for k, v in expanded(lex["scales"], lang).items()}
        self.special: dict[str, float] = {k.lower(): float(v) for k, v in lex["special_values"].items()}
        words = set(expanded(lex["number_words"], lang)) | set(self.special)
        word = rf"(?:{alternation(words)})"
        scale = rf"(?:{alternation(set(self.scales))})"
        joiner = r"(?:[ \u00a0]+(?:and[ \u00a0]+)?|(?<=ty)-)" if lang == "en" else rf"[{SPACES}]+"
        # English "a hundred", "a dozen", "a million": the article counts as one.
        article = r"(?:an?[ \u00a0]+(?=(?:hundred|dozen)\b))?" if lang == "en" else ""
        lone = rf"|an?[ \u00a0]+(?=(?:{scale})\b)" if lang == "en" else ""
        self.regex = re.compile(
            rf"(?P<core>(?P<digits>{_DIGITS})|(?P<words>(?<!\w)(?:{article}{word}(?:{joiner}{word})*(?!\w){lone})))"
            rf"(?:(?P<gap>[{SPACES}]*)(?P<scale>{scale})(?![\w]))?",
            re.IGNORECASE)
        bare = {f for f, v in self.scales.items() if "." not in f and len(f) > 3}
        self.bare_scale = re.compile(rf"(?<![\w-])(?:{alternation(bare)})(?![\w])", re.IGNORECASE)

    def words_value(self, text: str) -> float | None:
        """Value of a run of number words (without scale word), through text2num / number-parser."""
        key = re.sub(rf"[{SPACES}]+", " ", text.lower()).strip()
        if key in self.special:
            return self.special[key]
        if key in ("", "a", "an"):  # "a million": the scale word alone
            return 1.0
        if key.startswith(("a ", "an ")):
            key = key.split(" ", 1)[1]
            if key in self.special:
                return self.special[key]
            key = "one " + key
        if self.lang == "en":
            from text_to_num import text2num

            try:
                return float(text2num(key, "en"))
            except ValueError:
                return None
        from number_parser import parse_number

        value = parse_number(key.replace("ё", "е"), language="ru")
        return float(value) if value is not None else None

    def find(self, text: str) -> list[Number]:
        """Every number in `text`, left to right, with its value; unparseable word runs are dropped."""
        out: list[Number] = []
        for m in self.regex.finditer(text):
            scale_word = m.group("scale")
            if m.group("words") is not None and not m.group("words").strip() and not scale_word:
                continue
            if m.group("digits") is not None:
                core = digits_value(m.group("digits"), self.lang, scaled=bool(scale_word))
                grouped = bool(re.search(rf"\d[,.{SPACES}]\d{{3}}(?!\d)", m.group("digits"))) and not scale_word
            else:
                core, grouped = self.words_value(m.group("words")), False
            if core is None:
                continue
            factor = self.scales.get(scale_word.lower(), 1.0) if scale_word else 1.0
            end = m.end() if scale_word else m.end("core")
            out.append(Number(m.start(), end, text[m.start():end], core, factor,
                              words=m.group("words") is not None, grouped=grouped))
        return _compound(text, out)

    def find_bare_scales(self, text: str) -> list[Number]:
        """Scale words standing alone ("тысяча человек", "около миллиона"): value 1 × scale."""
        return [Number(m.start(), m.end(), m.group(0), 1.0, self.scales[m.group(0).lower()], words=True)
                for m in self.bare_scale.finditer(text)]


def _compound(text: str, nums: list[Number]) -> list[Number]:
    """"1 млрд 200 млн", "two million three hundred thousand": a smaller scaled number right after a
    larger one adds to it (written by hand: neither library reads digits mixed with scale words)."""
    out: list[Number] = []
    for n in nums:
        prev = out[-1] if out else None
        if prev and prev.scale > n.scale > 1 and n.value < prev.scale and not text[prev.end:n.start].strip():
            total = prev.value + n.value
            out[-1] = Number(prev.start, n.end, text[prev.start:n.end], total / prev.scale, prev.scale,
                             words=prev.words and n.words)
        else:
            out.append(n)
    return out


@lru_cache(maxsize=None)
def numerals(lang: str) -> Numerals:
    """The number finder for `lang` (cached: regexes and inflected forms are built once)."""
    if lang not in LANGS:
        raise DossierError("E402", f"language {lang!r} is not supported; choose one of {', '.join(LANGS)}")
    return Numerals(lang)
