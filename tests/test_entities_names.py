"""Names and the entity index: nominative forms, spelling variants, the cross-language person key."""
from __future__ import annotations

import pytest

from dossier.nlp import lexicon
from dossier.nlp.entities import EntityIndex
from dossier.nlp.names import nominative_ru, person_key, same_person


@pytest.mark.parametrize("latin,cyrillic", [("Dmitry Peskov", "Дмитрий Песков"), ("Peskov", "Пескова"),
                                            ("Volodymyr Zelenskyy", "Зеленский"), ("Yevgeny Prigozhin", "Пригожин"),
                                            ("Sergei Shoigu", "Сергей Шойгу")])
def test_person_key_is_the_same_in_latin_and_cyrillic(latin: str, cyrillic: str):
    assert person_key(latin) == person_key(cyrillic) != ""


def test_person_key_separates_different_people():
    assert person_key("Dmitry Peskov") != person_key("Dmitry Medvedev")


@pytest.mark.parametrize("a,b", [("David Zhoe", "Zhou"), ("Pavlo Čikov", "Chikov"), ("Mihail Romanov", "Mikhail Romanov"),
                                 ("Yuriy Shvitkin", "Yuri Shvytkin"), ("D. Peskov", "Dmitry Peskov")])
def test_spelling_variants_are_one_person(a: str, b: str):
    assert same_person(a, b)


@pytest.mark.parametrize("a,b", [("Vladimir Putin", "Vadim Denisenko"), ("Dmitry Medvedev", "Dmitry Peskov"),
                                 ("Alexei Navalny", "Yulia Navalnaya Smith"), ("Ivan Petrov", "Pavel Petrov")])
def test_different_people_stay_apart(a: str, b: str):
    assert not same_person(a, b)


def test_nominative_of_oblique_names():
    assert nominative_ru(["Дмитрия", "Пескова"]) == ["Дмитрий", "Песков"]
    assert nominative_ru(["Анны", "Ивановой"]) == ["Анна", "Иванова"]
    assert nominative_ru(["Владимиром", "Путиным"]) == ["Владимир", "Путин"]
    assert nominative_ru(["Сергея", "Кужугетовича", "Шойгу"]) == ["Сергей", "Кужугетович", "Шойгу"]


def test_entity_index_merges_variants_and_keeps_fuller_name():
    index = EntityIndex()
    a = index.add("PERSON", "Zhoe", 0, 4)
    b = index.add("PERSON", "David Zhoe", 10, 20)
    c = index.add("PERSON", "Zhou", 30, 34)
    assert a is b is c and a.name == "David Zhoe" and set(a.aliases) == {"Zhoe", "Zhou"}
    assert a.mentions == [[0, 4], [10, 20], [30, 34]]
    org = index.add("ORG", "the Kremlin", 40, 51)
    assert index.add("ORG", "Kremlin") is org and org is not a


def test_outlet_seen_first_as_org_becomes_media():
    index = EntityIndex()
    ent = index.add("ORG", "Focus")
    assert index.add("MEDIA", "Focus") is ent and ent.type == "MEDIA"


@pytest.mark.parametrize("lang", lexicon.LANGS)
def test_every_cue_file_loads(lang: str):
    cues = lexicon.cues(lang)
    assert cues.speech and cues.according_to and cues.pronouns and cues.descriptions and cues.speaker_nouns
    assert set(cues.pronouns.values()) | set(cues.descriptions.values()) <= {"PERSON", "ORG", "MEDIA", "GROUP",
                                                                            "AUTHOR"}
    assert lexicon.is_media_name("The New York Times") and lexicon.is_media_name("ТАСС")


@pytest.mark.parametrize("word,gender", [("Svetlana", "f"), ("Andrey", "m"), ("Andrei", "m"), ("Dmitriy", "m"),
                                         ("Olha", "f"), ("Ilgiz", "m"), ("Sasha", "u"), ("Moscow", None),
                                         ("the", None)])
def test_given_names_fold_romanisations_and_carry_gender(word: str, gender: str | None):
    assert lexicon.given_name_gender(word) == gender


@pytest.mark.parametrize("word,gender", [("Sofiya", "f"), ("Kseniya", "f"), ("Yevgeniya", "f"), ("Yevhenii", "m"),
                                         ("Nataliya", "f"), ("Aleksey", "m")])
def test_given_names_accept_iya_and_ii_spellings(word: str, gender: str):
    assert lexicon.given_name_gender(word) == gender
