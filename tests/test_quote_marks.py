"""Quotation-mark scanning on raw text (no parse)."""
from __future__ import annotations

from dossier.nlp.quote_marks import find_marked


def runs(text: str) -> list[str]:
    return [text[m.start:m.end] for m in find_marked(text)]


def test_straight_curly_guillemets_lapki():
    assert runs('He said "one two" and “three four”.') == ["one two", "three four"]
    assert runs("Он сказал «раз два» и „три четыре“.") == ["раз два", "три четыре"]


def test_nested_marks_give_the_outer_run():
    assert runs("«Это не „частичная“ мобилизация», — сказал он.") == ["Это не „частичная“ мобилизация"]


def test_unclosed_quote_runs_to_paragraph_end_and_continues():
    text = "“First part of the quote\n“Second part,” he said.\n“Never closed\nPlain prose."
    assert runs(text) == ["First part of the quote\n“Second part,", "Never closed"]


def test_dash_speech_pieces_without_author_words():
    assert runs("— Мы не обсуждаем, — сказал Песков. — Вопрос закрыт.") == ["Мы не обсуждаем", "Вопрос закрыт."]
    assert runs("— Готовы ли вы? — спросил он.") == ["Готовы ли вы?"]


def test_dash_inside_a_sentence_is_not_speech():
    assert runs("Задание составляет 3 тысячи человек — это меньше, чем в прошлом году.") == []


def test_dash_speech_author_words_may_start_with_the_speakers_name():
    from dossier.nlp.quote_marks import find_marked
    text = "— We already see people leaving, — Kovrigin said.\n\nThe bill passed."
    (m,) = find_marked(text)
    assert text[m.start:m.end] == "We already see people leaving"


def test_lapki_closed_by_a_straight_quote():
    # „…" typed on a keyboard without “: the straight mark after a word closes the „
    assert runs('„Это классическая подмена", — говорит юрист.') == ["Это классическая подмена"]
