"""Dates: absolute, partial and relative forms in English and Russian, expectations from the text."""
from __future__ import annotations

import pytest

from numberkit import run

from dossier.extract import extract
from dossier.model import DateRef, Document, validate
from dossier.nlp.dates import find_dates


def dates(text: str, lang: str, published: str | None = None) -> list[DateRef]:
    return run(text, lang, published).dates


def one(text: str, lang: str, published: str | None = None) -> DateRef:
    found = dates(text, lang, published)
    assert len(found) == 1, [(d.text, d.value) for d in found]
    return found[0]


# --- English ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, span, value, precision", [
    ("The decree takes effect on January 1, 2023 in all regions.", "January 1, 2023", "2023-01-01", "day"),
    ("The decree takes effect on 1 January 2023 in all regions.", "1 January 2023", "2023-01-01", "day"),
    ("The decree took effect on 1.11.2022 in all regions.", "1.11.2022", "2022-11-01", "day"),
    ("The decree took effect on 2022-11-01 in all regions.", "2022-11-01", "2022-11-01", "day"),
    ("Russia bought the carriers in December 2022 from Turkey.", "December 2022", "2022-12", "month"),
    ("Soldiers can be trained until June 2023, not earlier.", "June 2023", "2023-06", "month"),
    ("The Taliban fell in 2001 after the invasion.", "2001", "2001", "year"),
])
def test_en_absolute(text: str, span: str, value: str, precision: str) -> None:
    d = one(text, "en")
    assert (d.text, d.value, d.precision) == (span, value, precision)


@pytest.mark.parametrize("text, span, value, relation", [
    ("Since March 13, commissars have been serving summonses.", "March 13", "2023-03-13", "since"),
    ("Recruitment is expected to begin in April.", "April", "2023-04", None),
    ("By March 16, Agora had counted 43 regions.", "March 16", "2023-03-16", "by"),
    ("Rotation should not be expected before August.", "August", "2023-08", "before"),
    ("Peskov spoke to reporters on March 15.", "March 15", "2023-03-15", "on"),
    ("Back in October, recruits received invitations.", "October", "2022-10", None),
    ("Meetings have been held since February 22 every week.", "February 22", "2023-02-22", "since"),
    ("The rule applies after May 9 in every region.", "May 9", "2023-05-09", "after"),
])
def test_en_partial_dates_resolve_against_publication(text: str, span: str, value: str, relation: str) -> None:
    d = one(text, "en", "2023-03-17")
    assert (d.text, d.value, d.relation) == (span, value, relation)


def test_en_year_comes_from_the_text_when_publication_date_is_missing() -> None:
    text = "Since March 13, summonses are served. Back in October, recruits got letters. The decree of 2023 stands."
    got = {d.text: d.value for d in dates(text, "en")}
    assert got["March 13"] == "2023-03-13" and got["October"] == "2022-10"


def test_en_nearest_year_crosses_new_year() -> None:
    assert one("Sales fell in December.", "en", "2023-01-10").value == "2022-12"
    assert one("Sales will rise in February.", "en", "2022-12-20").value == "2023-02"


def test_en_end_of_the_year() -> None:
    d = one("The norm is 10,000 signatures by the end of the year.", "en", "2023-03-17")
    assert (d.text, d.value, d.precision, d.relation) == ("the end of the year", "2023-12", "month", "by")


@pytest.mark.parametrize("text, value, precision", [
    ("The ministry said yesterday that the plan stands.", "2023-03-16", "day"),
    ("The ministry said today that the plan stands.", "2023-03-17", "day"),
    ("The plan was adopted last year by the Duma.", "2022", "year"),
    ("The plan will be adopted this year by the Duma.", "2023", "year"),
    ("The plan was adopted two years ago by the Duma.", "2021", "year"),
    ("The plan was adopted on Monday by the Duma.", "2023-03-13", "day"),
])
def test_en_relative_dates_need_a_publication_date(text: str, value: str, precision: str) -> None:
    d = one(text, "en", "2023-03-17")  # a Friday
    assert (d.value, d.precision) == (value, precision)
    assert one(text, "en").value is None


def test_en_unresolvable_keeps_text_with_null_value() -> None:
    d = one("Recruitment is expected to begin in April.", "en")
    assert (d.text, d.value) == ("April", None)


@pytest.mark.parametrize("text", [
    "You may apply at the commissariat.",
    "Thousands joined the march against mobilization.",
    "The T-62 tanks left at 10:30.",
])
def test_en_not_dates(text: str) -> None:
    assert dates(text, "en", "2023-03-17") == []


# --- Russian ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, span, value, precision, relation", [
    ("Первые отправки начинаются с 9 ноября.", "9 ноября", "2022-11-09", "day", "from"),
    ("Призыв начнётся 15 марта 2023 года во всех регионах.", "15 марта 2023 года", "2023-03-15", "day", None),
    ("Кампания продлится до 31 декабря.", "31 декабря", "2022-12-31", "day", "until"),
    ("Сборы пройдут в декабре.", "декабре", "2022-12", "month", None),
    ("Сборы пройдут в начале марта.", "начале марта", "2023-03", "month", None),
    ("Указ действует с 1 января 2022 года.", "1 января 2022 года", "2022-01-01", "day", "since"),
    ("Указ подписан 1.11.2022 в Москве.", "1.11.2022", "2022-11-01", "day", None),
    ("Отчёт представят к концу года.", "концу года", "2022-12", "month", "by"),
    ("Повестки вручали ещё в октябре.", "октябре", "2022-10", "month", None),
    ("Решение примут после 20 ноября.", "20 ноября", "2022-11-20", "day", "after"),
])
def test_ru_dates(text: str, span: str, value: str, precision: str, relation: str | None) -> None:
    d = one(text, "ru", "2022-10-31")
    assert (d.text, d.value, d.precision, d.relation) == (span, value, precision, relation)


@pytest.mark.parametrize("text, value", [
    ("В этом году призыв пройдёт в сокращённом формате.", "2022"),
    ("Это меньше, чем в кампанию прошлого года.", "2021"),
    ("Об этом вчера сообщил военком.", "2022-10-30"),
    ("Об этом в среду сообщил военком.", "2022-10-26"),
])
def test_ru_relative(text: str, value: str) -> None:
    assert one(text, "ru", "2022-10-31").value == value  # 31 Oct 2022 was a Monday
    assert one(text, "ru").value is None


def test_ru_marta_as_a_name_is_not_a_month() -> None:
    assert dates("Об этом рассказала Марта Иванова.", "ru", "2022-10-31") == []


def test_dates_are_not_also_quantities() -> None:
    ex = validate(extract(Document(text="The decree from January 1, 2023 adds 137,000 soldiers.", language="en")))
    assert [q.value for q in ex.quantities] == [137000]
    assert [d.value for d in ex.dates] == ["2023-01-01"]


def test_find_dates_is_a_library_function_without_spacy() -> None:
    got = find_dates("С 1 января 2023 года и до 31 декабря.", "ru", "2022-12-01")
    assert [(d.value, d.relation) for d in got] == [("2023-01-01", "from"), ("2022-12-31", "until")]


def test_en_from_to_dates_carry_from_and_until() -> None:
    got = dates("The campaign runs from October 1 to December 31.", "en", "2023-09-20")
    assert [(d.value, d.relation) for d in got] == [("2023-10-01", "from"), ("2023-12-31", "until")]


def test_ru_middle_of_a_month() -> None:
    d = one("В середине октября новобранцев отправили в Ростов.", "ru", "2023-11-20")
    assert (d.text, d.value, d.precision) == ("середине октября", "2023-10", "month")


def test_en_month_of_year() -> None:
    d = one("The war began in February of 2022.", "en", "2023-09-20")
    assert (d.text, d.value, d.precision) == ("February of 2022", "2022-02", "month")


def test_a_target_year_does_not_anchor_an_undated_article() -> None:
    text = "Since March 13, 2023 summonses are served. On March 15 Peskov spoke. The army will grow by 2026."
    got = {d.text: d.value for d in dates(text, "en")}
    assert got["March 15"] == "2023-03-15" and got["2026"] == "2026"


@pytest.mark.parametrize("text, lang, values", [
    ("Reservists were called up in September, October and November 2022.", "en", ["2022-09", "2022-10", "2022-11"]),
    ("Мобилизация шла с сентября по октябрь 2022 года.", "ru", ["2022-09", "2022-10"]),
])
def test_a_year_written_once_serves_coordinated_months(text: str, lang: str, values: list[str]) -> None:
    assert [d.value for d in dates(text, lang, "2024-01-15")] == values


def test_as_of_is_on() -> None:
    assert one("Mediazona confirmed 40,060 deaths as of Jan. 12.", "en", "2024-01-15").relation == "on"


def test_ru_as_of_and_a_year_ago() -> None:
    got = dates("На 1 октября заключено на 20% больше контрактов, чем год назад.", "ru", "2023-10-02")
    assert [(d.text, d.value, d.relation) for d in got] == [("1 октября", "2023-10-01", "on"), ("год назад", "2022", None)]


def test_a_month_abbreviation_alone_is_not_a_date() -> None:
    assert dates("The report was written by Jan Nowak.", "en", "2023-03-17") == []
    assert one("The report was written by Jan. 5.", "en", "2023-03-17").value == "2023-01-05"


def test_a_publication_year_alone_resolves_months_but_not_yesterday() -> None:
    got = dates("Sales fell in December and yesterday.", "en", "2023")
    assert [(d.text, d.value) for d in got] == [("December", "2023-12"), ("yesterday", None)]


@pytest.mark.parametrize("text, lang, span", [
    ("Raids took place on March 13-14 in Moscow.", "en", "March 13-14"),
    ("Рейды прошли 13–14 марта в Москве.", "ru", "13–14 марта"),
])
def test_a_day_range_is_one_date_and_no_quantity(text: str, lang: str, span: str) -> None:
    ex = run(text, lang, "2023-03-17")
    assert [(d.text, d.value) for d in ex.dates] == [(span, "2023-03-13")]
    assert ex.quantities == []


@pytest.mark.parametrize("text, published, value", [
    # a past-tense verb puts a date without a year before the time of writing, even when the next
    # occurrence is nearer
    ("The ministry said that 185,000 people signed contracts between January 1 and August 1.", "2023-08-03",
     "2023-01-01"),
    ("Hundreds of thousands were called up under a partial mobilization announced in September.", "2023-04-12",
     "2022-09"),
    ("The ministry said more than 410,000 people had signed contracts since January 1.", "2023-12-12",
     "2023-01-01"),
    # a future form puts it after, even when the last occurrence is nearer
    ("A unified register is to be launched by November 1, the deputy said.", "2023-04-12", "2023-11-01"),
    ("The new rules will take effect on November 1.", "2023-04-12", "2023-11-01"),
    # the present tense says nothing: the nearest occurrence stays
    ("Enlistment offices are busy in December.", "2023-01-10", "2022-12"),
])
def test_en_tense_of_the_governing_verb_picks_the_year(text: str, published: str, value: str) -> None:
    assert dates(text, "en", published)[0].value == value


# --- Russian: the tense of the governing verb picks the year of a bare day-month -----------------

@pytest.mark.parametrize("text, published, value", [
    # written in October: a past-tense verb points back to this January, not the nearer next one
    ("С 1 января вступили в силу новые поправки о призыве.", "2023-10-12", "2023-01-01"),
    # written in April: a perfective future verb points to the coming November, not the nearer past one
    ("Реестр военнообязанных заработает не позднее 1 ноября.", "2023-04-15", "2023-11-01"),
    # a future day later in the current month stays in this year
    ("Новый набор резервистов начнётся 15 января.", "2023-01-12", "2023-01-15"),
])
def test_russian_governing_verb_tense_chooses_the_year(text, published, value):
    assert one(text, "ru", published).value == value


# --- a range of months is its two ends (held-out en/08: "between November and January") -----------

def _values(text: str, published: str) -> list[tuple[str | None, str | None]]:
    return [(d.value, d.relation) for d in run(text, "en", published).dates]


def test_between_two_months_gives_both_ends_with_from_and_until() -> None:
    got = _values("Lawyers counted 900 complaints between October and December, the group said.", "2024-01-20")
    assert got == [("2023-10", "from"), ("2023-12", "until")]


def test_a_range_across_new_year_keeps_its_end_after_its_start() -> None:
    got = _values("Offices sent out letters between November and February, residents said.", "2024-03-05")
    assert got == [("2023-11", "from"), ("2024-02", "until")]


def test_a_range_across_new_year_in_the_future_moves_its_end_forward() -> None:
    got = _values("The training camps will run between October and March.", "2024-07-01")
    assert got == [("2024-10", "from"), ("2025-03", "until")]


def test_between_two_bare_years_stays_out_of_dates() -> None:
    assert run("Between 2000 and 3000 men were called up.", "en", "2024-01-01").dates == []


def test_a_range_that_resolves_backwards_moves_the_end_that_keeps_it_nearest() -> None:
    # No tense ("run"): October alone is this autumn, March alone last spring; as a range one end must
    # move, and October 2024 – March 2025 is nearer to July 2024 than October 2023 – March 2024.
    got = _values("The drills run between October and March.", "2024-07-01")
    assert got == [("2024-10", "from"), ("2025-03", "until")]


@pytest.mark.parametrize("text, value", [
    ("The target for 2024, officials say, has not been made public.", "2024"),
    ("The regional plan for 2025 is ready.", "2025"),
])
def test_a_year_after_for_is_a_date(text: str, value: str) -> None:
    assert [d.value for d in run(text, "en", "2024-04-18").dates] == [value]


@pytest.mark.parametrize("text", ["The ministry wants a total of 2000 soldiers.", "They were paid in 2000 roubles."])
def test_a_year_like_number_that_counts_a_plural_noun_is_no_date(text: str) -> None:
    ex = run(text, "en", "2024-04-18")
    assert ex.dates == [] and [q.value for q in ex.quantities] == [2000]


def test_a_year_after_a_determiner_stays_a_year_before_a_plural_noun() -> None:
    assert [d.value for d in run("Turnout fell in the 2021 elections.", "en", "2024-04-18").dates] == ["2021"]


@pytest.mark.parametrize("text, lang, want", [
    # past tense written in February: last March
    ("Summonses were handed out between 10 and 12 March.", "en", [("2023-03-10", "from"), ("2023-03-12", "until")]),
    ("The camp runs from 1 to 15 April.", "en", [("2024-04-01", "from"), ("2024-04-15", "until")]),
    ("Сборы пройдут с 1 по 15 апреля.", "ru", [("2024-04-01", "from"), ("2024-04-15", "until")]),
])
def test_a_day_range_with_one_month_gives_both_days(text: str, lang: str, want) -> None:
    assert [(d.value, d.relation) for d in run(text, lang, "2024-02-14").dates] == want


def test_a_from_until_range_keeps_its_end_after_its_start() -> None:
    # alone, September would be last September (nearer to February); as the end of a range from April it is not
    got = [(d.value, d.relation) for d in run("The decree takes effect from April 1 until September 30.", "en",
                                             "2024-02-14").dates]
    assert got == [("2024-04-01", "from"), ("2024-09-30", "until")]


@pytest.mark.parametrize("text, lang, want", [
    ("A further 10,000 reservists will be trained in 2024-2025.", "en", [("2024", "from"), ("2025", "until")]),
    ("The plan for 2024–26 is ready.", "en", [("2024", "from"), ("2026", "until")]),
    ("Расходы выросли в 2022–2023 годах.", "ru", [("2022", "from"), ("2023", "until")]),
])
def test_a_dashed_year_range_gives_both_years(text: str, lang: str, want) -> None:
    assert [(d.value, d.relation) for d in run(text, lang, "2024-02-14").dates] == want


@pytest.mark.parametrize("text, lang, value", [
    # a year named earlier in the same sentence is the year of a bare day-month after it
    ("Осенью прошлого года, когда после объявления мобилизации 21 сентября, страну покинули многие.", "ru",
     "2022-09-21"),
    ("In 2022, when on September 21 the mobilization was declared, men left.", "en", "2022-09-21"),
    # a year in an earlier sentence does not reach it
    ("In 2022 men left. On September 21 they came back.", "en", "2023-09-21"),
])
def test_a_bare_date_takes_the_year_named_earlier_in_its_sentence(text: str, lang: str, value: str) -> None:
    assert dates(text, lang, "2023-10-05")[-1].value == value


@pytest.mark.parametrize("text, value", [
    ("За последнюю неделю сентября через границу проехали 12 тысяч человек.", "2023-09"),
    ("В первой декаде октября начался призыв.", "2023-10"),
])
def test_ru_a_week_or_decade_of_a_month_is_that_month(text: str, value: str) -> None:
    assert [d.value for d in dates(text, "ru", "2023-10-15")] == [value]


@pytest.mark.parametrize("text, lang", [
    ("My son was mobilised in September last year.", "en"),
    ("Сын был мобилизован в сентябре прошлого года.", "ru"),
])
def test_a_year_phrase_right_after_a_month_gives_its_year(text: str, lang: str) -> None:
    assert dates(text, lang, "2023-10-20")[0].value == "2022-09"
