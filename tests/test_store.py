import pytest
from sqlalchemy import text

from dossier.model import (DateRef, Document, Entity, Event, Extraction, Place, Quantity, Quote, Speaker,
                           Trigger)
from dossier.store import Store

TEXT = 'Peskov said: "Summonses go out in Perm." 400 men got them on 3 March.'


def sample(text: str = TEXT, source: str = "a.txt") -> Extraction:
    return Extraction(
        document=Document(text=text, source=source, title="T", published="2023-03-04", language="en"),
        entities=[Entity("e1", "PERSON", "Dmitry Peskov", ["Peskov"], ["press secretary"], [[0, 6]])],
        places=[Place(33, 37, "Perm", "RU-PER", "Perm Krai", "city", "RU-PER", "RU", False, [])],
        quotes=[Quote(14, 38, "Summonses go out in Perm", "direct", Speaker("Dmitry Peskov", "e1", 0, 6), "said",
                      [7, 11], None, "2023-03-03")],
        quantities=[Quantity(41, 48, "400 men", 400, None, None, False, None, None, "man")],
        dates=[DateRef(61, 68, "3 March", "2023-03-03", "day", "on")],
        events=[Event("summons", "asserted", Trigger(14, 23, "Summonses"), [0, 40], ["RU-PER"], "2023-03-03", [0],
                      ["e1"], "e1")],
    )


@pytest.fixture
def store():
    return Store(":memory:")


def test_round_trip_returns_the_same_extraction(store):
    ex = sample()
    assert store.add(ex).status == "new"
    assert store.extraction(ex.document.id).to_dict() == ex.to_dict()


def test_adding_the_same_text_twice_changes_nothing(store):
    ex = sample()
    store.add(ex)
    before = store.counts()
    assert store.add(sample()).status == "unchanged"
    assert store.counts() == before


def test_an_edited_text_from_the_same_source_is_a_linked_version(store):
    first = store.add(sample())
    second = store.add(sample(TEXT + " Updated."))
    assert second.status == "version" and second.previous_id == first.doc_id
    assert store.counts()["documents"] == 2


def test_a_failing_write_leaves_no_partial_rows(store):
    def boom(*_):
        raise RuntimeError("hook failed")

    store.hooks.append(boom)
    with pytest.raises(RuntimeError):
        store.add(sample())
    store.hooks.clear()
    assert all(v == 0 for v in store.counts().values())


def test_search_finds_text_and_quotes_and_inflected_forms(store):
    store.add(sample())
    kinds = {h.kind for h in store.search("summonses")}
    assert kinds == {"document", "quote"}
    ru = sample("Повестки вручают в Перми, сообщил военкомат.", "b.txt")
    ru.quotes = ru.places = ru.quantities = ru.dates = ru.events = []
    store.add(ru)
    assert [h.title for h in store.search("повестка")] == ["T"]
    assert store.search("") == [] and store.search("???") == []


def test_documents_filters(store):
    store.add(sample())
    assert len(store.documents(language="en", since="2023-01-01")) == 1
    assert store.documents(language="ru") == [] and store.documents(until="2022-12-31") == []


def test_file_database_uses_wal_and_views_work(tmp_path):
    s = Store(tmp_path / "d.db")
    s.add(sample())
    with s.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("SELECT speaker_name FROM quotes_view")).scalar() == "Dmitry Peskov"
        assert conn.execute(text("SELECT place_id FROM events_view")).scalar() == "RU-PER"


def test_missing_folder_is_a_clear_error(tmp_path):
    from dossier.errors import DossierError

    with pytest.raises(DossierError, match="does not exist"):
        Store(tmp_path / "nope" / "d.db")


def test_overview_counts_regions_speakers_and_event_types(store):
    store.add(sample())
    over = store.overview()
    assert over == {"regions": [("RU-PER", 1)], "speakers": [("Dmitry Peskov", 1)], "event types": [("summons", 1)]}
