"""Exact and near-duplicate detection and the duplicate_of link in the store."""
from __future__ import annotations

from dossier.dedup import DedupIndex, near_duplicate_of, text_hash
from dossier.model import Document, Extraction
from dossier.store import Store
from dossier.store.dedup import enable_dedup, independent_sources

WIRE = ("The Russian Defence Ministry said on Tuesday that more than 50,000 men had signed contracts with the army "
        "since the start of the year, and that recruitment centres in Moscow, St Petersburg and Yekaterinburg would "
        "stay open on weekends. Officials described the pace of enlistment as steady and said bonuses paid by "
        "regional governments had helped. Independent monitors said they could not verify the figures and noted "
        "that similar claims had been made last autumn before a new round of call-ups in several regions.")
REPOST = ("Ministry: 50,000 signed up this year\n\nBy Staff Reporter\n\n" + WIRE.replace("on Tuesday", "on Tuesday,")
          + " Our outlet has asked the ministry for comment.")
OTHER = ("Students in Kazan protested on Friday against plans to close a dormitory, saying the university had given "
         "them two weeks to leave. The rector said repairs were overdue and that places would be found in other "
         "buildings, but several students said they had not been offered any. The city council will discuss the "
         "matter at its next session, a spokeswoman told reporters.")


def test_exact_hash_ignores_case_spacing_and_punctuation() -> None:
    assert text_hash("Men were called up.  In Perm!") == text_hash("men were called up in perm")
    assert text_hash("Men were called up in Perm") != text_hash("Men were called up in Omsk")


def test_index_finds_reposts_not_other_stories() -> None:
    index = DedupIndex()
    assert index.add("wire", WIRE) is None
    assert index.add("other", OTHER) is None
    assert index.find(WIRE.upper()).kind == "exact"
    m = index.find(REPOST)
    assert m is not None and m.doc_id == "wire" and m.kind == "near" and m.similarity >= 0.7
    assert near_duplicate_of(index, Document(text=OTHER + " Updated.")) == "other"
    assert index.find("A completely different note about the weather in Sochi this weekend.") is None


def test_clusters_point_to_their_first_document() -> None:
    index = DedupIndex()
    index.add("a", WIRE)
    index.add("b", REPOST)
    third = REPOST + " A later edit adds this sentence."
    assert index.find(third).doc_id == "a"


def test_store_links_duplicates_and_counts_independent_sources(tmp_path) -> None:
    store = Store(tmp_path / "d.db")
    enable_dedup(store)
    docs = [Document(text=t, source=s, outlet=s, language="en") for t, s in
            [(WIRE, "agency"), (REPOST, "outlet-1"), (REPOST + " Extra line.", "outlet-2"), (OTHER, "outlet-3")]]
    for d in docs:
        assert store.add(Extraction(document=d)).status == "new"
    rows = {r.source: r.duplicate_of for r in store.documents(limit=10)}
    assert rows == {"agency": None, "outlet-1": docs[0].id, "outlet-2": docs[0].id, "outlet-3": None}
    assert independent_sources(store) == 2
    assert near_duplicate_of(store, Document(text=REPOST + " Another reprint.")) == docs[0].id
    assert near_duplicate_of(store, docs[3]) is None  # itself does not count
    # a new process rebuilds the index from the stored signatures and keeps linking
    again = Store(tmp_path / "d.db")
    index = enable_dedup(again)
    assert len(index) == 4
    late = Document(text="Reprint. " + WIRE, source="outlet-4", language="en")
    again.add(Extraction(document=late))
    assert {r.source: r.duplicate_of for r in again.documents(limit=10)}["outlet-4"] == docs[0].id


def test_documents_stored_before_dedup_get_signatures_and_links(tmp_path) -> None:
    store = Store(tmp_path / "d.db")
    store.add(Extraction(document=Document(text=WIRE, source="agency", language="en")))
    store.add(Extraction(document=Document(text=REPOST, source="outlet", language="en")))
    index = enable_dedup(Store(tmp_path / "d.db"))
    assert len(index) == 2
    assert {r.source: r.duplicate_of for r in store.documents()}["outlet"] == Document(text=WIRE).id
