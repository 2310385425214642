"""Russian quote layouts: «ёлочки», „лапки“, dash speech, cue verbs, oblique-case names, roles."""
from __future__ import annotations

from quote_helpers import quote_with, run, speaker


def test_guillemets_then_cue():
    ex = run("«Мы не обсуждаем вторую волну», — сказал Дмитрий Песков.", "ru")
    q = quote_with(ex, "Мы не обсуждаем вторую волну")
    assert q.kind == "direct" and speaker(q) == "Дмитрий Песков" and q.cue == "сказал"


def test_dash_speech_with_continuation():
    ex = run("— Первые отправки начинаются с 9 ноября, — сообщил военный комиссар Андрей Максуров. "
             "— Срочники не будут задействованы в операции.", "ru")
    first = quote_with(ex, "Первые отправки начинаются с 9 ноября")
    second = quote_with(ex, "Срочники не будут задействованы")
    assert "сообщил" not in first.text and "Максуров" in speaker(first) and "Максуров" in speaker(second)


def test_lapki_after_colon_and_role():
    ex = run("Губернатор Свердловской области Евгений Куйвашев заявил: „Повестки вручают только тем, "
             "кто есть в списках“.", "ru")
    q = quote_with(ex, "Повестки вручают только тем")
    assert speaker(q) == "Евгений Куйвашев"
    ent = next(e for e in ex.entities if e.name == "Евгений Куйвашев")
    assert any("Губернатор" in r for r in ent.roles)


def test_po_slovam_normalises_name_to_nominative():
    ex = run("По словам Дмитрия Пескова, вторая волна мобилизации не планируется.", "ru")
    q = quote_with(ex, "вторая волна мобилизации не планируется")
    assert speaker(q) == "Дмитрий Песков" and q.kind == "indirect"


def test_reported_clause_after_chto_with_role():
    ex = run("Пресс-секретарь президента Дмитрий Песков пояснил, что решение принято из-за нагрузки на военкоматы.",
             "ru")
    q = quote_with(ex, "решение принято из-за нагрузки на военкоматы")
    assert q.text.startswith("решение") and speaker(q) == "Дмитрий Песков"
    ent = next(e for e in ex.entities if e.name == "Дмитрий Песков")
    assert "Пресс-секретарь президента" in ent.roles


def test_kak_peredaet_media():
    ex = run("Как передаёт ТАСС, военкоматы Москвы работают в обычном режиме.", "ru")
    assert speaker(quote_with(ex, "военкоматы Москвы работают в обычном режиме")) == "ТАСС"


def test_description_and_pronoun_refer_back():
    ex = run("Военный эксперт Олег Жданов выступил в эфире. Эксперт уверен, что мобилизация продолжится. "
             "Он отметил, что призыв начнётся в апреле.", "ru")
    assert "Жданов" in speaker(quote_with(ex, "мобилизация продолжится"))
    assert "Жданов" in speaker(quote_with(ex, "призыв начнётся в апреле"))


def test_date_of_statement():
    ex = run("15 марта Дмитрий Песков заявил, что вторая волна не обсуждается.", "ru", published="2023-03-20")
    assert quote_with(ex, "вторая волна не обсуждается").date == "2023-03-15"


def test_no_quote_for_names_in_guillemets():
    ex = run("Бойцы группы «Вагнер» и фонд «Защитники Отечества» получили новые здания.", "ru")
    assert ex.quotes == []


def test_possessive_po_ego_slovam_refers_back():
    ex = run("Координатор проекта Илья Ворончихин рассказал о вызовах. По его словам, повестки разносят по месту работы.",
             "ru")
    q = quote_with(ex, "повестки разносят по месту работы")
    assert speaker(q) == "Илья Ворончихин" and q.cue == "По его словам"


def test_parenthetical_cue_between_commas():
    ex = run("В Татарстане, сообщил военный комиссар республики Рустам Гайнуллин, задание на призыв составит "
             "около 3,2 тыс. человек.", "ru")
    q = quote_with(ex, "задание на призыв составит")
    assert "Гайнуллин" in speaker(q) and "сообщил" not in q.text


def test_unnamed_speaker_in_oblique_case_is_named_in_nominative():
    ex = run("Пункт отбора, по данным краевого правительства, с января принял более 900 анкет.", "ru")
    assert speaker(quote_with(ex, "с января принял более 900 анкет")) == "краевое правительство"


def test_frame_continues_past_an_outlet_name_in_guillemets():
    ex = run("«План раньше был рекомендацией, теперь это квота», — рассказал «Сибирскому обозрению» бывший "
             "сотрудник военкомата.", "ru")
    assert "сотрудник военкомата" in speaker(quote_with(ex, "План раньше был рекомендацией"))


def test_via_interview_outlet():
    ex = run("«Повестки получили все резервисты района», — заявил в интервью РБК глава района Иван Петров.", "ru")
    q = quote_with(ex, "Повестки получили все резервисты района")
    assert "Петров" in speaker(q) and q.via == "РБК"


def test_naming_verb_with_quoted_label():
    ex = run("Депутаты от оппозиции, голосовавшие против, назвали его принятие «спешкой без обсуждения».", "ru")
    assert "Депутаты" in speaker(quote_with(ex, "спешкой без обсуждения"))


def test_kak_plus_any_cue_verb_and_po_otsenke():
    ex = run("Как отмечает социолог Елена Шатрова, слово «сборы» стало для многих синонимом скрытой мобилизации. "
             "По оценке пограничной службы Казахстана, за неделю въехали более 12 тыс. граждан России.", "ru")
    assert speaker(quote_with(ex, "стало для многих синонимом скрытой мобилизации")) == "Елена Шатрова"
    assert "пограничн" in speaker(quote_with(ex, "въехали более 12 тыс. граждан России"))


def test_ob_etom_soobshchil_reports_the_sentence_before():
    ex = run("Государственный оборонный заказ на 2024 год вырастет почти в полтора раза. Об этом 17 ноября "
             "сообщил вице-премьер Леонид Арбузов.", "ru", published="2023-11-20")
    q = quote_with(ex, "Государственный оборонный заказ на 2024 год вырастет")
    assert speaker(q) == "Леонид Арбузов" and q.date == "2023-11-17"


def test_media_name_in_guillemets_after_media_word():
    ex = run("Как сообщает телеграм-канал «Призывник Черноземья», в Воронеже повестки получили 500 мужчин.", "ru")
    q = quote_with(ex, "в Воронеже повестки получили 500 мужчин")
    assert speaker(q) == "Призывник Черноземья"
    assert next(e for e in ex.entities if e.id == q.speaker.entity).type == "MEDIA"


def test_possessive_pronoun_agrees_in_gender_with_its_antecedent():
    ex = run("Правозащитница Наталья Смирнова не согласна с властями. Глава ведомства Ильдар Хасанов заявил, что всё "
             "спокойно. По её данным, в марте повестки получили жители Нижнекамска.", "ru")
    assert speaker(quote_with(ex, "повестки получили жители Нижнекамска")) == "Наталья Смирнова"


def test_role_words_then_a_name_after_the_cue_name_the_speaker():
    # the parser hangs «подполковник Ринат Галиев» off the quote's verb; the name still closes the attribution
    ex = run("Сначала выступила пресс-служба.\n\n«За первую неделю к нам обратились около 200 человек, из них 45 уже "
             "подписали контракт», — рассказал начальник пункта отбора подполковник Ринат Галиев.", "ru")
    assert speaker(quote_with(ex, "к нам обратились")) == "Ринат Галиев"


def test_a_dateline_is_not_part_of_the_reported_words():
    ex = run("КАЗАНЬ, 14 марта. В Казани открылся ещё один пункт отбора, сообщила пресс-служба военкомата.", "ru")
    assert [q.text for q in ex.quotes] == ["В Казани открылся ещё один пункт отбора"]


def test_a_role_in_an_oblique_case_is_named_in_the_nominative():
    ex = run("По словам пресс-секретаря президента Дмитрия Пескова, никаких решений не принималось.", "ru")
    (ent,) = [e for e in ex.entities if e.name == "Дмитрий Песков"]
    assert ent.roles == ["пресс-секретарь президента"]
