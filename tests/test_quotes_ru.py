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
