"""Events component on short EN and RU sentences whose other extensions are filled by hand.

Expectations are what a careful annotator reads in each sentence, not what the code prints."""
from __future__ import annotations

import pytest

from dossier.domains import load_pack
from dossier.model import Document, Event, Extraction, validate
from dossier.nlp.events import find_events
from eventkit import annotate

PACK = load_pack("mobilization")


def events(lang: str, text: str, **hand) -> list[Event]:
    doc = annotate(lang, text, **hand)
    found = find_events(doc, PACK, lang)
    ex = Extraction(Document(text=text, language=lang), entities=doc._.entities.items, places=doc._.places,
                    quotes=doc._.quotes, quantities=doc._.quantities, dates=doc._.dates, events=found)
    validate(ex, PACK.type_names)
    return found


def only(found: list[Event], etype: str) -> Event:
    hits = [e for e in found if e.type == etype]
    assert len(hits) == 1, [(e.type, e.trigger.text) for e in found]
    return hits[0]


# ------------------------------------------------------------------ English
def test_en_summons_in_a_coordinated_list_of_regions() -> None:
    ev = only(events("en", "Summonses are being served en masse in Voronezh, Penza and Lipetsk regions.",
                     places=[("Voronezh", "RU-VOR"), ("Penza", "RU-PNZ"), ("Lipetsk", "RU-LIP")]), "summons")
    assert ev.polarity == "asserted" and ev.trigger.text == "Summonses"
    assert ev.places == ["RU-VOR", "RU-PNZ", "RU-LIP"]


@pytest.mark.parametrize("text, polarity", [
    ("Rumors of a second wave of mobilization are spreading across the country.", "rumored"),
    ("The Kremlin denied that a new mobilization is being prepared.", "denied"),
    ("There will be no mobilization in Russia.", "denied"),
    ("Russia is not planning a mobilization.", "denied"),
    ("The alleged mobilization worried many families.", "rumored"),
    ("If the front collapses, the Kremlin could announce a general mobilization.", "hypothetical"),
    ("The general staff plans to announce mobilization in the spring.", "planned"),
    ("Putin announced a partial mobilization on September 21.", "asserted"),
])
def test_en_polarity_follows_the_cue_that_governs_the_trigger(text: str, polarity: str) -> None:
    assert only(events("en", text), "mobilization").polarity == polarity


def test_en_no_region_means_the_country_and_numbers_join() -> None:
    text = "The Ministry of Defense plans to recruit up to 400,000 contract soldiers."
    ev = only(events("en", text, quantities=[("up to 400,000 contract soldiers", 400000, "contract soldiers")]),
              "contract_recruitment")
    assert ev.places == ["RU"] and ev.quantities == [0] and ev.polarity == "planned"


def test_en_list_continuation_adds_places_to_the_previous_event() -> None:
    text = "Agora found 43 regions where subpoenas are being served. The list includes Moscow and Dagestan."
    ev = only(events("en", text, places=[("Moscow", "RU-MOW"), ("Dagestan", "RU-DA")]), "summons")
    assert {"RU-MOW", "RU-DA"} <= set(ev.places)
    assert ev.sentence == [0, len(text)]


def test_en_place_of_the_speaker_is_not_the_place_of_the_event() -> None:
    text = "The quota for the Perm region is 9,000 people, says a source in the Yamalo-Nenets government."
    ev = only(events("en", text, places=[("Perm", "RU-PER"), ("Yamalo-Nenets", "RU-YAN")],
                     quantities=[("9,000 people", 9000, "people")]), "recruitment_quota")
    assert ev.places == ["RU-PER"] and ev.quantities == [0]


def test_en_negated_place_is_left_out() -> None:
    ev = only(events("en", "Summonses were served in Moscow, but there is no information about Chechnya.",
                     places=[("Moscow", "RU-MOW"), ("Chechnya", "RU-CE", True)]), "summons")
    assert ev.places == ["RU-MOW"]


def test_en_event_inside_a_quote_is_attributed_to_its_speaker_with_date() -> None:
    text = 'On March 15 Dmitry Peskov said: "We have no discussions about mobilization."'
    ev = only(events("en", text, quotes=[("We have no discussions about mobilization.", "Dmitry Peskov")],
                     dates=[("March 15", "2023-03-15")]), "mobilization")
    assert ev.attributed_to == "e1" and ev.polarity == "denied" and ev.date == "2023-03-15"


@pytest.mark.parametrize("text, etype", [
    ("Thousands of men fled the country to escape the draft.", "draft_evasion"),
    ("The Duma adopted a law on electronic summonses.", "legal_change"),
    ("Russia bought 800 tons of armored vehicles and rifles from Turkey.", "arms_procurement"),
    ("Putin signed a decree to increase the number of military personnel by 137,000.", "force_expansion"),
    ("Reservists were called to military training camps.", "military_training"),
    ("The spring conscription starts on April 1.", "conscription"),
])
def test_en_each_type_has_a_trigger(text: str, etype: str) -> None:
    assert etype in {e.type for e in events("en", text)}


@pytest.mark.parametrize("text", [
    "The weather in Moscow was cold and the call was dropped.",
    "Russian mobilization laws allow the commissars to interpret them quite freely.",
    "The original purpose evaporated like water in the desert.",
])
def test_en_words_out_of_context_are_no_events(text: str) -> None:
    assert not {"legal_change", "summons", "draft_evasion"} & {e.type for e in events("en", text)}


# ------------------------------------------------------------------ Russian
def test_ru_summons_in_a_region_in_the_locative() -> None:
    ev = only(events("ru", "В Свердловской области военкоматы начали вручать повестки.",
                     places=[("Свердловской области", "RU-SVE")]), "summons")
    assert ev.places == ["RU-SVE"] and ev.polarity == "asserted"


@pytest.mark.parametrize("text, etype, polarity", [
    ("Песков опроверг слухи о второй волне мобилизации.", "mobilization", "denied"),
    ("Осенний призыв начнётся 1 ноября.", "conscription", "planned"),
    ("В регионе якобы объявили мобилизацию.", "mobilization", "rumored"),
    ("Военные сборы в этом году не планируются.", "military_training", "denied"),
    ("Если мобилизацию объявят, мужчины уедут.", "mobilization", "hypothetical"),
    ("Минобороны планирует набрать 400 тысяч контрактников.", "contract_recruitment", "planned"),
    ("В сентябре была объявлена частичная мобилизация.", "mobilization", "asserted"),
])
def test_ru_types_and_polarity(text: str, etype: str, polarity: str) -> None:
    assert only(events("ru", text), etype).polarity == polarity


def test_ru_focus_region_of_the_article_fills_local_events() -> None:
    text = ("Военком Челябинской области рассказал о призыве.\n"
            "Задание на призыв составляет около 3 тысяч человек. Указ о частичной мобилизации действует.")
    found = events("ru", text, places=[("Челябинской области", "RU-CHE")],
                   quantities=[("около 3 тысяч человек", 3000, "человек")])
    quota = only(found, "recruitment_quota")
    assert quota.places == ["RU-CHE"] and quota.quantities == [0]
    assert only(found, "mobilization").places == ["RU"]  # national type, nationwide cue


def test_ru_dash_quote_is_attributed() -> None:
    text = "— Никакой мобилизации не будет, — сказал Песков."
    ev = only(events("ru", text, quotes=[("Никакой мобилизации не будет", "Песков")]), "mobilization")
    assert ev.attributed_to == "e1" and ev.polarity == "denied"


def test_ru_each_type_has_a_trigger() -> None:
    samples = {
        "draft_evasion": "Тысячи мужчин уехали из страны, спасаясь от призыва.",
        "legal_change": "Госдума приняла закон об электронных повестках.",
        "arms_procurement": "Россия закупила у Ирана беспилотники и боеприпасы.",
        "force_expansion": "Путин подписал указ об увеличении численности армии.",
        "recruitment_quota": "Регионам спустили разнарядку на добровольцев.",
    }
    for etype, text in samples.items():
        assert etype in {e.type for e in events("ru", text)}, text
