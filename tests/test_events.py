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
    ("Решение приняли, чтобы не перегружать военкоматы в связи с частичной мобилизацией.", "mobilization", "asserted"),
])
def test_ru_types_and_polarity(text: str, etype: str, polarity: str) -> None:
    assert only(events("ru", text), etype).polarity == polarity


@pytest.mark.parametrize("lang, text, place", [
    ("en", "Regions raise bonuses for men who sign army contracts\n\nBELGOROD: The city hall opened.\n\n"
           "YAKUTIA: The republic raised its payment to 500,000 roubles.", ("YAKUTIA", "RU-SA")),
    ("ru", "Регионы повышают выплаты контрактникам\n\nВ Белгороде открыли мэрию.\n\n"
           "В Якутии выплату увеличили до 500 тысяч рублей.", ("Якутии", "RU-SA")),
])
def test_a_payment_in_a_story_whose_lede_is_about_contracts_is_recruitment(lang, text, place) -> None:
    found = [e for e in events(lang, text, places=[place]) if e.type == "contract_recruitment"]
    assert [e.places for e in found if e.trigger.start > text.index(place[0])] == [[place[1]]]


@pytest.mark.parametrize("lang, text, places", [
    ("en", "A recruitment point has opened at the station in Samara. Similar points have opened in Saratov and Penza.",
     [("Samara", "city:RU-SAM"), ("Saratov", "city:RU-SAR"), ("Penza", "city:RU-PNZ")]),
    ("ru", "В Самаре открылся пункт отбора на контракт. Подобные пункты открылись в Саратове и Пензе.",
     [("Самаре", "city:RU-SAM"), ("Саратове", "city:RU-SAR"), ("Пензе", "city:RU-PNZ")]),
])
def test_similar_points_refer_back_to_the_recruitment_point(lang: str, text: str, places: list) -> None:
    found = [e.places for e in events(lang, text, places=places) if e.type == "contract_recruitment"]
    assert found == [["RU-SAM"], ["RU-SAR", "RU-PNZ"]]


@pytest.mark.parametrize("text, present", [
    ("Всего в области на воинском учёте состоят около 400 тыс. человек.", False),
    ("Повестки связаны с плановой сверкой: жителей ставят на воинский учёт.", True),
])
def test_ru_being_on_the_register_is_no_summons(text: str, present: bool) -> None:
    assert any(e.type == "summons" for e in events("ru", text)) is present


@pytest.mark.parametrize("lang, text, places", [
    ("ru", "Канал собрал сообщения о вручении повесток.\n\nБольше всего жалоб пришло из Москвы (210) и Казани (98).",
     [("Москвы", "RU-MOW"), ("Казани", "city:RU-TA")]),
    ("en", "The channel collected reports of summonses being served.\n\nMost came from Moscow (210) and Kazan (98).",
     [("Moscow", "RU-MOW"), ("Kazan", "city:RU-TA")]),
])
def test_a_tally_of_regions_after_an_event_continues_it(lang: str, text: str, places: list) -> None:
    assert only(events(lang, text, places=places), "summons").places[-2:] == ["RU-MOW", "RU-TA"]


def test_a_bare_noun_without_an_anaphoric_word_is_no_trigger() -> None:
    text = "A recruitment point has opened in Samara. The points of the plan were discussed in Saratov."
    found = events("en", text, places=[("Samara", "city:RU-SAM"), ("Saratov", "city:RU-SAR")])
    assert [e.places for e in found] == [["RU-SAM"]]


@pytest.mark.parametrize("lang, text", [
    ("en", "We are not talking about mobilisation."),
    ("en", "Mobilization is not being considered."),
    ("ru", "Мы не говорим о мобилизации."),
])
def test_not_talking_about_it_denies_it(lang: str, text: str) -> None:
    assert only(events(lang, text), "mobilization").polarity == "denied"


@pytest.mark.parametrize("text, types", [
    ("Regions raise bonuses for men who sign army contracts.", {"contract_recruitment"}),
    ("The decree will raise the number of troops by 137,000.", {"force_expansion"}),
])
def test_raising_pay_is_not_raising_the_army(text: str, types: set[str]) -> None:
    assert {e.type for e in events("en", text)} == types


def test_a_payment_far_from_any_mention_of_contracts_is_no_event() -> None:
    text = "The city raised pensions.\n\nSchools opened.\n\nThe city also raised its payment to 5,000 roubles."
    assert events("en", text) == []


def test_ru_payments_next_to_contracts_are_recruitment_and_alone_are_not() -> None:
    text = "Добровольцы подписывают контракт на год. В Самарской области выплаты составляют 300 тысяч рублей."
    found = events("ru", text, places=[("Самарской области", "RU-SAM")])
    assert [e.places for e in found if e.trigger.text == "выплаты"] == [["RU-SAM"]]
    alone = "Пенсионерам увеличат социальные выплаты. В Самарской области выплаты составляют 30 тысяч рублей."
    assert events("ru", alone, places=[("Самарской области", "RU-SAM")]) == []


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


# ------------------------------------------------------------------ place rules
def test_a_destination_country_is_not_where_the_event_happens() -> None:
    ev = only(events("en", "In Russia, conscripts will not be sent to Ukraine.",
                     places=[("Russia", "RU"), ("Ukraine", "UA")]), "conscription")
    assert ev.places == ["RU"] and ev.polarity == "denied"


def test_regional_anaphora_points_to_the_region_just_named() -> None:
    text = ("Summonses were served in Kursk Oblast.\n"
            "In Belgorod Oblast, exercises began. The regional commissariat called 500 reservists to military training.")
    found = events("en", text, places=[("Kursk Oblast", "RU-KRS"), ("Belgorod Oblast", "RU-BEL")])
    assert only(found, "military_training").places == ["RU-BEL"]


@pytest.mark.parametrize("title, expected", [("Summonses in Buryatia", ["RU-BU"]), (None, ["RU"])])
def test_the_region_of_the_title_is_the_focus_of_local_events(title: str | None, expected: list[str]) -> None:
    text = ("Men in Buryatia received summonses. Neighbouring Tyva reported nothing similar, officials in Tyva said.\n"
            "Reservists were also called to military training.")
    doc = annotate("en", text, places=[("Buryatia", "RU-BU"), ("Tyva", "RU-TY")])
    doc._.places.append(doc._.places[-1].__class__(**{**doc._.places[-1].__dict__,
                                                      "start": text.rfind("Tyva"), "end": text.rfind("Tyva") + 4}))
    doc._.meta["title"] = title
    assert only(find_events(doc, PACK, "en"), "military_training").places == expected


# ------------------------------------------------------------------ rules added after reading eval/ru
def test_a_dateline_city_is_where_the_reporter_files_from() -> None:
    text = "МОСКВА, 12 января. Кремль опроверг слухи о второй волне мобилизации."
    ev = only(events("ru", text, places=[("МОСКВА", "city:RU-MOW")]), "mobilization")
    assert ev.places == ["RU"]


def test_a_quoted_project_name_is_no_trigger() -> None:
    text = "По данным проекта «Призыв к совести», в Екатеринбурге вручили 300 повесток."
    found = events("ru", text, places=[("Екатеринбурге", "city:RU-SVE")])
    assert {e.type for e in found} == {"summons"}


@pytest.mark.parametrize("lang, text, polarity", [
    ("ru", "Губернатор заявил: «Мобилизации не будет».", "denied"),
    ("ru", "Губернатор заявил: «В области идёт мобилизация»", "asserted"),
    ("en", 'The governor said: "There will be no mobilization."', "denied"),
])
def test_a_short_quoted_statement_is_speech_not_a_name(lang: str, text: str, polarity: str) -> None:
    assert only(events(lang, text), "mobilization").polarity == polarity


def test_a_denial_about_a_named_place_never_takes_the_articles_focus_region() -> None:
    text = ("Повестки раздают в Воронеже. В Воронеже вручили 300 повесток. "
            "В Белгородской области мобилизации не будет.")
    found = events("ru", text, places=[("Воронеже", "city:RU-VOR"), ("Воронеже", "city:RU-VOR"),
                                       ("Белгородской области", "RU-BEL", True)])
    assert only(found, "mobilization").places == ["RU"]


@pytest.mark.parametrize("lang, text, place, etype, where", [
    ("en", "Moscow buys drones from Iran.", ("Moscow", "RU-MOW"), "arms_procurement", ["RU"]),
    ("ru", "Москва закупает дроны у Ирана.", ("Москва", "RU-MOW"), "arms_procurement", ["RU"]),
    # the city itself, not its government: a place where something happens
    ("en", "Summonses were handed out in Moscow.", ("Moscow", "RU-MOW"), "summons", ["RU-MOW"]),
    ("ru", "В Москве раздают повестки.", ("Москве", "RU-MOW"), "summons", ["RU-MOW"]),
])
def test_a_capital_acting_as_subject_stands_for_the_state(lang, text, place, etype, where) -> None:
    assert only(events(lang, text, places=[place]), etype).places == where


@pytest.mark.parametrize("text, etype, present", [
    ("Он призвал военкоматы публиковать точные цифры.", "conscription", False),
    ("Осенью в армию призовут 130 тысяч человек.", "conscription", True),
    ("В армию призвали 300 тысяч резервистов.", "conscription", False),
    ("Поправки увеличат мобилизационный резерв на полтора миллиона человек.", "mobilization", False),
    ("Experts compared the mobilization resources of the two countries.", "mobilization", False),
])
def test_context_unless_and_not_triggers(text: str, etype: str, present: bool) -> None:
    lang = "en" if text.isascii() else "ru"
    assert (etype in {e.type for e in events(lang, text)}) is present


@pytest.mark.parametrize("lang, text", [
    ("ru", "Никаких решений о второй волне мобилизации не принимается."),
    ("ru", "Мобилизационных мероприятий на полуострове не проводится."),
    ("en", "We have no discussions about a second wave of mobilization."),
])
def test_negative_determiners_and_qualified_nouns_deny(lang: str, text: str) -> None:
    assert only(events(lang, text), "mobilization").polarity == "denied"


def test_an_obligation_with_a_number_is_a_quota() -> None:
    text = "Регион должен до конца года направить в армию 3,5 тыс. добровольцев."
    found = events("ru", text, quantities=[("3,5 тыс. добровольцев", 3500, "добровольцев")])
    assert only(found, "recruitment_quota").quantities == [0]


def test_a_neutral_aside_keeps_the_list_open() -> None:
    text = ("На Дальнем Востоке призыв начнётся позже. — В ноябре, из-за климата. "
            "Это касается, в частности, Якутии и Чукотки.")
    ev = only(events("ru", text, places=[("Дальнем Востоке", "macro:far-east"), ("Якутии", "RU-SA"),
                                         ("Чукотки", "RU-CHU")]), "conscription")
    assert {"RU-SA", "RU-CHU"} <= set(ev.places)


def test_a_paragraph_about_another_region_keeps_to_it() -> None:
    text = ("Новосибирская область: начались военные сборы\n"
            "Тем временем в Томской области продолжается набор контрактников. "
            "Губернатор поручил районам набрать ещё 600 добровольцев.")
    found = events("ru", text, places=[("Новосибирская область", "RU-NVS"), ("Томской области", "RU-TOM")],
                   quantities=[("600 добровольцев", 600, "добровольцев")])
    assert only(found, "recruitment_quota").places == ["RU-TOM"]


# ------------------------------------------------------------------ English, held-out layouts
def test_en_the_agent_of_a_passive_is_not_where_the_event_happens() -> None:
    text = "Perm has raised payments for men who sign military contracts to meet targets set by Moscow."
    ev = only(events("en", text, places=[("Perm", "city:RU-PER"), ("Moscow", "RU-MOW")]), "contract_recruitment")
    assert ev.places == ["RU-PER"]


@pytest.mark.parametrize("text, etype, polarity", [
    # a bonus or payment next to contract words is a recruitment measure
    ("In the Perm region the bonus was raised depending on the length of the contract.", "contract_recruitment",
     "asserted"),
    # lists of reservists are a mobilization measure; "allegedly" makes it a rumour
    ("Lists of reservists are allegedly being drawn up in the Perm region.", "mobilization", "rumored"),
])
def test_en_contextual_triggers_of_held_out_layouts(text: str, etype: str, polarity: str) -> None:
    ev = only(events("en", text, places=[("Perm", "RU-PER")]), etype)
    assert ev.polarity == polarity and ev.places == ["RU-PER"]


@pytest.mark.parametrize("text", [
    "The Perm region has been told to raise about 2,000 volunteers by December.",
    "The Perm region has been asked to recruit 4,500 contract soldiers by the end of June.",
    "The Perm region faces targets of 1,500 volunteers.",
])
def test_en_a_region_told_to_deliver_a_number_of_recruits_has_a_quota(text: str) -> None:
    number = next(w for w in text.split() if w[0].isdigit())
    ev = only(events("en", text, places=[("Perm", "RU-PER")], quantities=[(number, 1, "volunteer")]),
              "recruitment_quota")
    assert ev.places == ["RU-PER"]


def test_en_a_bonus_without_recruitment_words_is_no_event() -> None:
    assert not events("en", "Teachers in the Perm region received a bonus in May.", places=[("Perm", "RU-PER")])


@pytest.mark.parametrize("text, polarity", [
    # the trigger's own verb is in the simple past: a future word framing the telling does not make it planned
    ("We will remind, in September 2022 the mobilization took away men who had deferments.", "asserted"),
    ("The ministry planned to announce a mobilization in the spring.", "planned"),
    ("The general staff will announce a mobilization in the spring.", "planned"),
])
def test_en_a_past_verb_of_the_trigger_outweighs_a_distant_future_cue(text: str, polarity: str) -> None:
    assert only(events("en", text), "mobilization").polarity == polarity


def test_a_full_stop_inside_a_quoted_channel_name_keeps_the_name_whole() -> None:
    text = "Телеграм-канал «Мобилизация. Новости» собрал сообщения о вручении повесток."
    assert [e.type for e in events("ru", text)] == ["summons"]


@pytest.mark.parametrize("lang, text, polarity", [
    ("en", "Asked about a second wave of mobilisation, Peskov said there were no such plans.", "denied"),
    ("ru", "Песков на вопрос о новой волне мобилизации ответил, что «такие планы не обсуждаются».", "denied"),
    ("en", "Asked about the mobilisation, Peskov said it was going well.", "asserted"),
])
def test_the_topic_of_a_question_takes_the_polarity_of_the_answer(lang: str, text: str, polarity: str) -> None:
    assert only(events(lang, text), "mobilization").polarity == polarity


def test_ru_according_to_plan_names_no_quota() -> None:
    found = events("ru", "Песков ответил, что мобилизация идёт по плану.")
    assert [e.type for e in found] == ["mobilization"]
