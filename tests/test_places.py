"""Places component on short EN and RU sentences, one or more per rule.

Expectations are what a careful annotator reads in the sentence: (surface text, id) for each place
mention, in text order; ids are ISO codes, or city:/macro: ids for cities and macro-regions.
"""
from __future__ import annotations

import pytest

from dossier.model import Document, Extraction, validate
from dossier.nlp import pipeline

NOT_PLACES = ("dossier_quantities", "dossier_dates", "dossier_entities", "dossier_quotes", "dossier_events")


def run(lang: str, text: str):
    nlp = pipeline.load(lang)
    doc = nlp(text, disable=[p for p in NOT_PLACES if p in nlp.pipe_names])
    places = doc._.places
    validate(Extraction(document=Document(text=text, language=lang), places=places))
    return places


def pairs(places):
    return [(p.text, p.id) for p in places]


EN = [
    # a possessive the NER kept inside a PERSON it made of the city
    ("St Petersburg's governor spoke to reporters.", [("St Petersburg", "RU-SPE")]),
    # inflection-free names, official and common variants
    ("Summonses were served in the Sverdlovsk region.", [("Sverdlovsk region", "RU-SVE")]),
    ("The Sverdlovsk Oblast governor spoke first.", [("Sverdlovsk Oblast", "RU-SVE")]),
    ("Recruiters toured Udmurtia and Chuvashia.", [("Udmurtia", "RU-UD"), ("Chuvashia", "RU-CU")]),
    ("Bashkiria, also called Bashkortostan, sent volunteers.", [("Bashkiria", "RU-BA"), ("Bashkortostan", "RU-BA")]),
    ("Lists were drawn up in St. Petersburg and Saint Petersburg.",
     [("St. Petersburg", "RU-SPE"), ("Saint Petersburg", "RU-SPE")]),
    ("Students in Moscow were called, unlike the Moscow region.", [("Moscow", "RU-MOW"), ("Moscow region", "RU-MOS")]),
    ("Officials of the Republic of Dagestan declined to comment.", [("Republic of Dagestan", "RU-DA")]),
    # longest match wins
    ("A source in the Yamalo-Nenets Autonomous District government confirmed it.",
     [("Yamalo-Nenets Autonomous District", "RU-YAN")]),
    ("The Nenets Autonomous Okrug has few conscripts.", [("Nenets Autonomous Okrug", "RU-NEN")]),
    ("Plants in Nizhny Novgorod work in shifts.", [("Nizhny Novgorod", "city:nizhny-novgorod")]),
    # cities resolve to their region
    ("He was called up in Yekaterinburg.", [("Yekaterinburg", "city:yekaterinburg")]),
    ("Queues formed in Ekaterinburg and in Perm.", [("Ekaterinburg", "city:yekaterinburg"), ("Perm", "city:perm")]),
    ("Volunteers left Magnitogorsk by train.", [("Magnitogorsk", "city:magnitogorsk")]),
    ("Shelling was reported in Kharkiv.", [("Kharkiv", "city:kharkiv")]),
    # coordination
    ("The norm for the Sverdlovsk and Chelyabinsk regions is 10,000.",
     [("Sverdlovsk", "RU-SVE"), ("Chelyabinsk regions", "RU-CHE")]),
    ("Voronezh, Penza and Lipetsk regions were the first to issue calls.",
     [("Voronezh", "RU-VOR"), ("Penza", "RU-PNZ"), ("Lipetsk regions", "RU-LIP")]),
    ("Air raid alerts sounded in the Kursk, Belgorod, and Bryansk oblasts.",
     [("Kursk", "RU-KRS"), ("Belgorod", "RU-BEL"), ("Bryansk oblasts", "RU-BRY")]),
    ("Krasnoyarsk and Khabarovsk krais opened new centres.",
     [("Krasnoyarsk", "RU-KYA"), ("Khabarovsk krais", "RU-KHA")]),
    # macro-regions
    ("Sources in the leadership of the Urals say so.", [("Urals", "macro:urals")]),
    ("Factories in Siberia and the Far East are hiring.", [("Siberia", "macro:siberia"), ("Far East", "macro:far-east")]),
    ("Raids continued in the North Caucasus.", [("North Caucasus", "macro:north-caucasus")]),
    ("The Siberian Federal District reported its totals.", [("Siberian Federal District", "macro:siberian-fd")]),
    # Ukraine and the areas Russia claims
    ("Ships left Sevastopol for Crimea's west coast.", [("Sevastopol", "UA-40"), ("Crimea", "UA-43")]),
    ("Men in the Donetsk People's Republic were mobilised.", [("Donetsk People's Republic", "UA-14")]),
    ("The Kherson region was partly occupied.", [("Kherson region", "UA-65")]),
    # countries, demonyms, institutions
    ("The American publication Politico reported it.", [("American", "US")]),
    ("Russia bought armoured vehicles from Turkey.", [("Russia", "RU"), ("Turkey", "TR")]),
    ("The Russian Ministry of Defense denied it.", [("Russian", "RU")]),
    ("The Kremlin said there was no cause for concern.", [("Kremlin", "RU")]),
    ("The Ukrainian Institute for the Future published a report.", [("Ukrainian", "UA")]),
    ("Russia will order shells from North Korea.", [("Russia", "RU"), ("North Korea", "KP")]),
    ("Turkish drones were sold to Ukraine.", [("Turkish", "TR"), ("Ukraine", "UA")]),
    # dateline
    ("MOSCOW, December 1. /TASS/. The ministry issued a statement.", [("MOSCOW", "RU-MOW")]),
    # not places
    ("A perm is a hairstyle, and he let us go.", []),
    ("Vladimir Putin signed the decree on Tuesday.", []),
    ("Mr. Perm declined to comment.", []),
]

RU = [
    # all six cases, adjective + noun agreement
    ("Повестки вручают в Свердловской области.", [("Свердловской области", "RU-SVE")]),
    ("Новости пришли из Пермского края.", [("Пермского края", "RU-PER")]),
    ("По Башкирии прошли сборы.", [("Башкирии", "RU-BA")]),
    ("Свердловская область выполнила план.", [("Свердловская область", "RU-SVE")]),
    ("Губернатор поехал в Свердловскую область.", [("Свердловскую область", "RU-SVE")]),
    ("Он гордится Пермским краем.", [("Пермским краем", "RU-PER")]),
    ("Мобилизация в Ямало-Ненецком автономном округе завершена.", [("Ямало-Ненецком автономном округе", "RU-YAN")]),
    ("Призыв в Республике Татарстан начался.", [("Республике Татарстан", "RU-TA")]),
    # cities
    ("В Екатеринбурге открыли пункт отбора.", [("Екатеринбурге", "city:yekaterinburg")]),
    ("Очереди выстроились в Перми.", [("Перми", "city:perm")]),
    ("Завод в Нижнем Новгороде работает.", [("Нижнем Новгороде", "city:nizhny-novgorod")]),
    ("Он уехал из Ростова-на-Дону.", [("Ростова-на-Дону", "city:rostov-on-don")]),
    ("Военкомат во Владимире закрыт.", [("Владимире", "city:vladimir")]),
    ("В Санкт-Петербурге и Петербурге говорят одно и то же.",
     [("Санкт-Петербурге", "RU-SPE"), ("Петербурге", "RU-SPE")]),
    ("Жители Москвы и Подмосковья получили повестки.", [("Москвы", "RU-MOW"), ("Подмосковья", "RU-MOS")]),
    # coordination
    ("В Свердловской и Челябинской областях ввели квоты.",
     [("Свердловской", "RU-SVE"), ("Челябинской областях", "RU-CHE")]),
    ("Воронежская, Пензенская и Липецкая области начали первыми.",
     [("Воронежская", "RU-VOR"), ("Пензенская", "RU-PNZ"), ("Липецкая области", "RU-LIP")]),
    ("Норма для Свердловской и Челябинской областей — 10 тысяч.",
     [("Свердловской", "RU-SVE"), ("Челябинской областей", "RU-CHE")]),
    ("Краснодарский и Ставропольский края отчитались.",
     [("Краснодарский", "RU-KDA"), ("Ставропольский края", "RU-STA")]),
    # macro-regions
    ("Источники на Урале это подтверждают.", [("Урале", "macro:urals")]),
    ("Заводы в Сибири и на Дальнем Востоке нанимают людей.",
     [("Сибири", "macro:siberia"), ("Дальнем Востоке", "macro:far-east")]),
    ("На Северном Кавказе прошли рейды.", [("Северном Кавказе", "macro:north-caucasus")]),
    # Ukraine and claimed areas
    ("Корабли ушли из Севастополя в Крым.", [("Севастополя", "UA-40"), ("Крым", "UA-43")]),
    ("В Крыму объявили сборы.", [("Крыму", "UA-43")]),
    ("Мобилизацию в ДНР продлили.", [("ДНР", "UA-14")]),
    # countries, demonyms, institutions
    ("Министерство обороны России опровергло это.", [("России", "RU")]),
    ("Американское издание Politico сообщило об этом.", [("Американское", "US")]),
    ("Российские военные закупили турецкие беспилотники.", [("Российские", "RU"), ("турецкие", "TR")]),
    ("В Кремле заявили, что поводов для беспокойства нет.", [("Кремле", "RU")]),
    ("Россия закажет снаряды у КНДР.", [("Россия", "RU"), ("КНДР", "KP")]),
    # not places
    ("Владимир Путин подписал указ.", []),
    ("Сергей Киров выступил на съезде.", []),
    ("Мария Иванова рассказала о призыве.", []),
]


@pytest.mark.parametrize("text,expected", EN, ids=[t[:40] for t, _ in EN])
def test_english(text, expected):
    assert pairs(run("en", text)) == expected


@pytest.mark.parametrize("text,expected", RU, ids=[t[:40] for t, _ in RU])
def test_russian(text, expected):
    assert pairs(run("ru", text)) == expected


def test_city_carries_region_and_kind():
    (p,) = run("en", "He was called up in Yekaterinburg.")
    assert (p.kind, p.region, p.country) == ("city", "RU-SVE", "RU")
    (p,) = run("ru", "Очереди выстроились в Перми.")
    assert (p.kind, p.region) == ("city", "RU-PER")


def test_macro_region_has_no_region():
    (p,) = run("en", "Sources in the leadership of the Urals say so.")
    assert (p.kind, p.region) == ("macro_region", None)


def test_country_from_adjective_is_a_country():
    (p,) = run("en", "The Russian Ministry of Defense denied it.")
    assert (p.kind, p.region, p.country) == ("country", None, "RU")


@pytest.mark.parametrize("lang,text,place", [
    ("en", "There is no information about Chechnya.", "Chechnya"),
    ("en", "Summonses were served in all regions except Chechnya.", "Chechnya"),
    ("en", "Summonses are not served in Dagestan.", "Dagestan"),
    ("ru", "Нет информации о Чечне.", "Чечне"),
    ("ru", "Повестки раздают везде, кроме Москвы.", "Москвы"),
    ("ru", "В Дагестане повестки не вручали.", "Дагестане"),
])
def test_negated(lang, text, place):
    (p,) = run(lang, text)
    assert p.text == place and p.negated


@pytest.mark.parametrize("lang,text", [
    ("en", "Summonses were served in Dagestan."),
    ("en", "Summonses are served not only in Dagestan."),
    ("ru", "В Дагестане вручали повестки."),
    ("ru", "Повестки вручали не только в Дагестане."),
])
def test_not_negated(lang, text):
    (p,) = run(lang, text)
    assert not p.negated


@pytest.mark.parametrize("lang,text,chosen,other", [
    ("en", "Summonses were served in Altai.", "RU-ALT", "RU-AL"),
    ("en", "Men from Barnaul and the rest of Altai were called.", "RU-ALT", "RU-AL"),
    ("en", "Gorno-Altaysk is small; Altai is a mountain republic.", "RU-AL", "RU-ALT"),
    ("ru", "Повестки вручали на Алтае.", "RU-ALT", "RU-AL"),
])
def test_ambiguous_name_keeps_alternative(lang, text, chosen, other):
    altai = [p for p in run(lang, text) if p.id in ("RU-AL", "RU-ALT")]
    assert len(altai) == 1 and altai[0].id == chosen and altai[0].alternatives == [other]


def test_unambiguous_name_has_no_alternatives():
    (p,) = run("en", "Officials of the Altai Republic declined.")
    assert p.id == "RU-AL" and p.alternatives == []


def test_offsets_are_exact():
    text = "В Свердловской и Челябинской областях ввели квоты."
    for p in run("ru", text):
        assert text[p.start:p.end] == p.text


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "He quoted Galeotti's book Putin's Wars: From Chechnya to Ukraine.", []),
    ("en", "A report from Chechnya arrived.", [("Chechnya", "RU-CE")]),
    ("ru", "Он читал книгу «От Чечни до Украины».", []),
])
def test_names_inside_titles_of_works_are_not_places(lang, text, expected):
    assert pairs(run(lang, text)) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("ru", "Того же дня военкомат закрылся.", []),
    ("en", "Officials in New Jersey said nothing about Russia.", [("Russia", "RU")]),
    ("ru", "Курган встретил призывников дождём.", [("Курган", "city:kurgan")]),
])
def test_names_that_are_also_common_words(lang, text, expected):
    assert pairs(run(lang, text)) == expected


@pytest.mark.parametrize("lang,text,negated", [
    ("en", "No summonses were reported in Kaliningrad.", True),
    ("en", "Officials in Tyumen did not respond to a request.", False),
    ("ru", "В Калининграде повесток не вручали.", True),
    ("ru", "В Тюмени не ответили на запрос.", False),
    ("ru", "В Приморье не хватает добровольцев.", False),
])
def test_verb_negation_needs_an_activity_verb(lang, text, negated):
    (p,) = run(lang, text)
    assert p.negated is negated


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The Russia-Ukraine war entered its second year.", [("Russia", "RU"), ("Ukraine", "UA")]),
    ("en", "Kremlin-backed officials in Russian-occupied Crimea voted.",
     [("Kremlin", "RU"), ("Russian", "RU"), ("Crimea", "UA-43")]),
    ("ru", "В Свердловской обл. и в Ямало-Ненецком АО прошли сборы.",
     [("Свердловской обл", "RU-SVE"), ("Ямало-Ненецком АО", "RU-YAN")]),
])
def test_hyphenated_compounds_and_abbreviations(lang, text, expected):
    assert pairs(run(lang, text)) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Arms went to Latin America, not to America.", [("Latin America", "macro:latin-america"), ("America", "US")]),
    ("ru", "Оружие ушло в Латинскую Америку.", [("Латинскую Америку", "macro:latin-america")]),
    ("en", "Washington and London imposed sanctions.", [("Washington", "US"), ("London", "GB")]),
])
def test_world_areas_and_capitals(lang, text, expected):
    assert pairs(run(lang, text)) == expected


def test_macro_region_country():
    (urals,) = run("en", "Factories in the Urals hired.")
    (asia,) = run("en", "Migrants from Central Asia arrived.")
    assert (urals.country, asia.country) == ("RU", None)


@pytest.mark.parametrize("lang,text,negated", [
    ("ru", "О Чечне данных нет: жители боятся жаловаться.", [True]),
    ("ru", "По Ингушетии информации пока нет.", [True]),
    ("en", "As for Chechnya, there is no information yet.", [True]),
    ("ru", "В Москве нет данных о числе мобилизованных.", [False]),
    ("ru", "О Москве писали много. Данных нет только по мелким городам.", [False]),
])
def test_negation_said_after_the_place(lang, text, negated):
    assert [p.negated for p in run(lang, text)] == negated


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Patrols in the Indian Ocean and in New Jersey were Russian.", [("Russian", "RU")]),
    ("ru", "Корабли в Индийском океане.", []),
])
def test_phrases_that_name_no_place(lang, text, expected):
    assert pairs(run(lang, text)) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Moscow and Leningrad regions were calm.", [("Moscow", "RU-MOS"), ("Leningrad regions", "RU-LEN")]),
    ("en", "the Khanty-Mansi and Yamalo-Nenets autonomous districts",
     [("Khanty-Mansi", "RU-KHM"), ("Yamalo-Nenets autonomous districts", "RU-YAN")]),
    ("ru", "Ханты-Мансийский и Ямало-Ненецкий автономные округа",
     [("Ханты-Мансийский", "RU-KHM"), ("Ямало-Ненецкий автономные округа", "RU-YAN")]),
    ("ru", "Московская и Ленинградская области", [("Московская", "RU-MOS"), ("Ленинградская области", "RU-LEN")]),
])
def test_coordination_noun_type_picks_the_subject(lang, text, expected):
    places = run(lang, text)
    assert pairs(places) == expected and all(p.alternatives == [] for p in places)


@pytest.mark.parametrize("text,expected", [
    ("Свердловские власти объявили сборы.", [("Свердловские", "RU-SVE")]),
    ("Челябинский губернатор подписал указ.", [("Челябинский", "RU-CHE")]),
    ("Московские власти отчитались о наборе.", [("Московские", "RU-MOW")]),
    ("Учёные изучают пермский период.", []),
    ("Историки вспомнили Курскую битву.", []),
])
def test_russian_region_adjective_before_an_institution(text, expected):
    assert pairs(run("ru", text)) == expected


@pytest.mark.parametrize("text,expected", [
    ("Chechen leader Ramzan Kadyrov made a claim.", [("Chechen", "RU-CE")]),
    ("The Chuvash authorities opened a centre.", [("Chuvash", "RU-CU")]),
    ("Chechen fighters were seen.", []),
])
def test_english_region_adjective_before_an_institution(text, expected):
    assert pairs(run("en", text)) == expected


@pytest.mark.parametrize("lang,text,expected", [
    ("en", "FC Krasnodar beat Spartak in Moscow.", [("Moscow", "RU-MOW")]),
    ("ru", "Клуб «Ростов» сыграл в Краснодаре.", [("Краснодаре", "city:krasnodar")]),
    ("ru", "Газета из Краснодара написала об этом.", [("Краснодара", "city:krasnodar")]),
])
def test_place_names_of_organisations(lang, text, expected):
    assert pairs(run(lang, text)) == expected


@pytest.mark.parametrize("lang,text,negated", [
    # "no" + a noun of activity or of reporting it denies activity at the place the noun governs
    ("en", "There are no complaints from Kursk and Oryol yet.", [True, True]),
    ("en", "In Chechnya, which has its own units, there has been no sign of a recruitment drive.", [True]),
    ("en", "No such reports have come from Mordovia.", [True]),
    # "no" on other nouns, or an existential clause without an activity noun, says nothing of activity
    ("en", "In Moscow there is no doubt that the war goes on.", [False]),
    ("en", "No one in Kazan believes it.", [False]),
    ("en", "There are many complaints from Kursk.", [False]),
])
def test_no_with_an_activity_noun_negates_the_place(lang, text, negated):
    assert [p.negated for p in run(lang, text) if p.kind in ("region", "city")] == negated


@pytest.mark.parametrize("lang, text, negated", [
    # a place that frames what officials say: their reported clause decides
    ("en", "In Kursk, local authorities said no new quota had been set.", True),
    ("en", "Officials in the Oryol region reported that no such orders had been received.", True),
    ("en", "In Kursk, officials said that summonses were not being served.", True),
    ("en", "In Kursk, officials said summonses were served.", False),
    ("en", "Officials in Kursk did not say whether summonses were served.", False),
    ("ru", "В Курской области чиновники сообщили, что повестки не вручались.", True),
    ("ru", "В Курской области чиновники сообщили, что повестки вручаются.", False),
    # the region's own authorities denying is their claim about it, not a place without activity
    ("ru", "Власти Курской области заявили, что повестки не вручались.", False),
])
def test_a_reported_clause_denies_activity_at_the_place_framing_the_speaker(lang, text, negated):
    assert [p.negated for p in run(lang, text) if p.kind in ("region", "city")] == [negated]


@pytest.mark.parametrize("text,code", [
    # English news uses some krai and okrug adjectives bare, without "region" or "krai"
    ("Regions such as Buryatia and Zabaykalsky sent many volunteers.", "RU-ZAB"),
    ("Officials in Primorsky said nothing.", "RU-PRI"),
    ("Officials in Khanty-Mansi said nothing.", "RU-KHM"),
])
def test_bare_krai_and_okrug_names(text, code):
    assert code in [p.id for p in run("en", text)]


@pytest.mark.parametrize("text, expected", [
    # a city that is also a first name (data/given_names.tsv) is a person without a place context
    ("[Visitor, captioned Artyom, 34, welder] I have two children.", []),
    ("Artyom told us he had not been paid.", []),
    # … and stays a place after a preposition or near a place noun
    ("Summonses arrived in Artyom on Monday.", [("Artyom", "city:artyom")]),
    ("The port city of Artyom is near the border.", [("Artyom", "city:artyom")]),
])
def test_en_a_city_named_like_a_person_needs_a_place_context(text: str, expected) -> None:
    assert pairs(run("en", text)) == expected


@pytest.mark.parametrize("lang, text, expected", [
    # a name glued to another word by a dot is a brand or an address
    ("ru", "Подсчитали в правозащитной организации «Призывник.Урал».", []),
    ("en", "The figures were published by Ural.ru on Monday.", []),
    # a missing space after a full stop is a typo: the place stays
    ("ru", "Повестки вручали на Урале.Это правда.", ["macro:urals"]),
    ("ru", "Приехали в г.Пермь вчера.", ["city:perm"]),
])
def test_names_glued_into_brands_are_not_places(lang, text, expected):
    assert [p.id for p in run(lang, text)] == expected
