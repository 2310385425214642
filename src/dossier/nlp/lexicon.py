"""Loader for the quote/speaker data files in ``dossier/nlp/data`` (cue verbs, phrases, anaphora, media).

The words live in reviewed TOML/TSV files so that linguists can extend them without touching code;
this module only reads them, normalises case and ``ё``, and caches the result per language.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from dossier.errors import DossierError
from dossier.nlp.names import skeleton

DATA = "dossier.nlp.data"
LANGS = ("en", "ru")


def norm_word(word: str) -> str:
    """Lower case, ``ё`` as ``е``, curly apostrophes straight: the form every lookup uses."""
    return word.casefold().replace("ё", "е").replace("’", "'").strip()


@dataclass(frozen=True)
class Cues:
    """Everything the quotes component needs to know about one language's way of reporting speech."""

    lang: str
    speech: frozenset[str]
    cognition: frozenset[str]
    relay: frozenset[str]
    topic: tuple[tuple[str, ...], ...]  # verb lemma + following words, e.g. ("draw", "attention", "to")
    particles: frozenset[str]
    adjectives: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    citing: tuple[tuple[str, ...], ...]
    not_sources: frozenset[str]
    as_words: frozenset[str]
    naming: frozenset[str]
    back_reference: tuple[tuple[str, ...], ...]
    complementizers: frozenset[str]
    not_speakers: frozenset[str]
    via_before: tuple[tuple[str, ...], ...]
    pronouns: dict[str, str]
    possessives: frozenset[str]
    possessive_phrases: tuple[tuple[str, ...], ...]
    descriptions: dict[str, str]
    determiners: frozenset[str]
    speaker_nouns: frozenset[str]
    media_words: frozenset[str]
    refusal: frozenset[str] = frozenset()  # "declined to comment": the cue under it reports no words
    masculine: frozenset[str] = frozenset()  # role nouns that say a person is a man ("brother", "spokesman")
    feminine: frozenset[str] = frozenset()
    addressee_object: frozenset[str] = frozenset()  # "told reporters": the object is the hearer, not the words
    narrators: frozenset[str] = frozenset()  # transcript captions of the outlet's own voice ("[Presenter]")
    pronoun_genders: dict[str, str] = field(default_factory=dict)  # "её" → "f" where the tagger gives no gender

    @property
    def verbs(self) -> frozenset[str]:
        return self.speech | self.cognition


def _words(items: list[str]) -> frozenset[str]:
    return frozenset(norm_word(x) for x in items)


def _phrases(items: list[str]) -> tuple[tuple[str, ...], ...]:
    # longest first, so "как сообщила" wins over a shorter prefix
    return tuple(sorted({tuple(norm_word(x).split()) for x in items}, key=len, reverse=True))


def _read_toml(name: str) -> dict:
    try:
        return tomllib.loads(resources.files(DATA).joinpath(name).read_text(encoding="utf-8"))
    except (FileNotFoundError, tomllib.TOMLDecodeError) as e:
        raise DossierError("E403", f"cue file {name!r} is missing or invalid ({e}); reinstall dossier") from e


@lru_cache(maxsize=None)
def cues(lang: str) -> Cues:
    """The cue lexicon of `lang` ("en" or "ru")."""
    if lang not in LANGS:
        raise DossierError("E402", f"no quote cues for language {lang!r}; choose one of {', '.join(LANGS)}")
    raw = _read_toml(f"quotes_{lang}.toml")
    verbs, ph, ana, spk = raw["verbs"], raw["phrases"], raw["anaphora"], raw["speakers"]
    return Cues(
        lang=lang, speech=_words(verbs["speech"]), cognition=_words(verbs["cognition"]),
        relay=_words(verbs["relay"]), topic=_phrases(verbs["topic"]), particles=_words(verbs["particles"]),
        adjectives=_words(raw["adjectives"]["cue"]), according_to=_phrases(ph["according_to"]),
        citing=_phrases(ph["citing"]), not_sources=_words(ph["not_sources"]), as_words=_words(ph["as_words"]),
        naming=_words(ph["naming"]), back_reference=_phrases(ph["back_reference"]),
        complementizers=_words(ph["complementizer"]), not_speakers=_words(ph["not_speakers"]),
        via_before=_phrases(ph["via_before"]),
        pronouns={norm_word(k): v for k, v in ana["pronouns"].items()}, possessives=_words(ana["possessives"]),
        possessive_phrases=_phrases(ana["possessive_phrases"]),
        descriptions={norm_word(k): v for k, v in ana["descriptions"].items()},
        determiners=_words(ana["determiners"]), speaker_nouns=_words(spk["nouns"]),
        media_words=_words(spk["media_words"]), refusal=_words(verbs.get("refusal", [])),
        masculine=_words(ana.get("masculine", [])), feminine=_words(ana.get("feminine", [])),
        pronoun_genders={norm_word(k): v for k, v in ana.get("pronoun_genders", {}).items()},
        narrators=_words(ph.get("caption_narrators", [])),
        addressee_object=_words(verbs.get("addressee_object", [])))


@lru_cache(maxsize=None)
def media_names() -> frozenset[str]:
    """Known news outlets (normalised, without a leading "the"), from ``media.tsv``."""
    text = resources.files(DATA).joinpath("media.tsv").read_text(encoding="utf-8")
    names = set()
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            names.add(strip_article(norm_word(line.split("\t")[0])))
    return frozenset(names)


@lru_cache(maxsize=None)
def given_names() -> dict[str, str]:
    """First names from ``given_names.tsv`` keyed by their spelling skeleton, with gender m/f/u."""
    text = resources.files(DATA).joinpath("given_names.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            name, gender = line.split("\t")[:2]
            out[skeleton(name)] = gender.strip()
    return out


def given_name_gender(word: str) -> str | None:
    """"m", "f" or "u" when `word` is a known first name (any common romanisation), else None."""
    if not word[:1].isupper() or not word.isalpha():
        return None
    names = given_names()
    for form in (word, re.sub(r"i[iy]a$", "ia", word), re.sub(r"ii$", "iy", word)):  # Sofiya/Sofia, Yevhenii
        if skeleton(form) in names:
            return names[skeleton(form)]
    return None


def strip_article(name: str) -> str:
    return name[4:] if name.startswith("the ") else name


def is_media_name(name: str) -> bool:
    return strip_article(norm_word(name)) in media_names()
