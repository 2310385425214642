"""The Natasha-backed Russian Doc: same text, valid trees, the annotations components rely on."""
from dossier.nlp.pipeline import base_language
from dossier.nlp.russian import repair_tree


def test_cycle_second_root_and_foreign_head_are_repaired():
    # sentence 1: tokens 0-3, with a cycle 1→2→1 and a second root at 3; sentence 2: 4-5, head outside
    heads, deps = [0, 2, 1, 3, 0, 5], ["root", "dep", "dep", "root", "obl", "root"]
    starts = [True, False, False, False, True, False]
    repair_tree(heads, deps, starts)
    assert heads[0] == 0 and heads[3] == 0
    for i in range(4):  # every token reaches the root
        j, n = i, 0
        while j != 0 and n < 5:
            j, n = heads[j], n + 1
        assert j == 0
    assert heads[5] == 5 and heads[4] == 5


def test_russian_doc_keeps_text_and_exposes_lemmas_sentences_and_entities():
    nlp = base_language("ru")
    text = "Пресс-секретарь президента Дмитрий Песков заявил, что мобилизации не будет.\n\nВ Перми вручают повестки."
    doc = nlp(text)
    assert doc.text == text
    assert len(list(doc.sents)) == 2
    assert {t.lemma_ for t in doc} >= {"заявить", "повестка"}
    assert ("Дмитрий Песков", "PERSON") in {(e.text, e.label_) for e in doc.ents}
    for sent in doc.sents:
        assert sent.root is not None
