"""Claims across short articles written for these tests (EN and RU): grouping, independent
sources, contradictions, timeline; in memory and through the store's ingest hook."""
from __future__ import annotations

import pytest

from dossier.claims import Claim, claims_from_extractions, near_duplicate
from dossier.domains import load_pack
from dossier.model import Document, Extraction, validate
from dossier.nlp.events import find_events
from dossier.store import Store
from dossier.store.claims import attach, get_claim, list_claims, recompute
from eventkit import annotate

PACK = load_pack("mobilization")

URAL_EN = ("Military commissariats in Sverdlovsk Oblast began serving summonses to men on Monday, residents said. "
           "Call-up papers were delivered at factories and universities across the region, "
           "and lines formed outside enlistment offices in several towns.")
URAL_COPY = URAL_EN.replace("on Monday", "this Monday").replace("several towns", "several cities")
URAL_RU = "В Свердловской области военкоматы массово вручают повестки мужчинам призывного возраста."
DENIAL = "The governor's office denied that summonses are being served in Sverdlovsk Oblast."
SAME_OUTLET = "Summonses keep arriving in Sverdlovsk Oblast, our readers write from Yekaterinburg."
LATER = "In June, summonses were again served to men in Sverdlovsk Oblast."


def article(text: str, outlet: str, published: str, lang: str = "en",
            places: tuple = (("Sverdlovsk Oblast", "RU-SVE"),), quantities: tuple = ()) -> Extraction:
    places = [p for p in places if p[0] in text]
    doc = annotate(lang, text, places=places, quantities=list(quantities), published=published)
    ex = Extraction(Document(text=text, language=lang, outlet=outlet, published=published, source=outlet),
                    entities=doc._.entities.items, places=doc._.places, quotes=doc._.quotes,
                    quantities=doc._.quantities, dates=doc._.dates, events=find_events(doc, PACK, lang))
    return validate(ex, PACK.type_names)


def summons_claims(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.type == "summons" and c.place == "RU-SVE"]


def ru_article() -> Extraction:
    return article(URAL_RU, "Вечерние ведомости", "2023-03-16", "ru", places=(("Свердловской области", "RU-SVE"),))


def test_two_outlets_in_two_languages_make_one_claim_with_two_sources() -> None:
    claims = summons_claims(claims_from_extractions([article(URAL_EN, "Ural Daily", "2023-03-14"), ru_article()]))
    assert len(claims) == 1
    c = claims[0]
    assert c.independent_sources == 2 and {s.outlet for s in c.sources} == {"ural daily", "вечерние ведомости"}
    assert not c.contradicted and c.start == "2023-03-14" and c.end == "2023-03-16"


def test_a_denial_is_flagged_as_a_contradiction() -> None:
    claims = summons_claims(claims_from_extractions([
        article(URAL_EN, "Ural Daily", "2023-03-14"), article(DENIAL, "Oblast Press Service", "2023-03-15")]))
    assert len(claims) == 1 and claims[0].contradicted
    assert claims[0].polarities.get("denied") == 1 and "polarity" in claims[0].contradictions[0]
    assert [s.polarity for s in claims[0].timeline()][-1] == "denied"


def test_a_near_copy_and_the_same_outlet_count_once() -> None:
    assert near_duplicate(URAL_EN, URAL_COPY) and not near_duplicate(URAL_EN, URAL_RU)
    claims = summons_claims(claims_from_extractions([
        article(URAL_EN, "Ural Daily", "2023-03-14"), article(URAL_COPY, "News Aggregator", "2023-03-14"),
        article(SAME_OUTLET, "Ural Daily", "2023-03-15")]))
    assert len(claims) == 1
    assert len({s.doc_id for s in claims[0].sources}) == 3 and claims[0].independent_sources == 1


def test_events_outside_the_window_start_a_new_claim() -> None:
    claims = summons_claims(claims_from_extractions([
        article(URAL_EN, "Ural Daily", "2023-03-14"), article(LATER, "Ural Daily", "2023-06-20")]))
    assert [c.start for c in claims] == ["2023-03-14", "2023-06-20"]


def test_numbers_that_disagree_beyond_the_tolerance_contradict() -> None:
    a = "The recruitment quota for Chelyabinsk Oblast is 10,000 people by the end of the year."
    b = "The recruitment quota for Chelyabinsk Oblast is 3,000 people, a source said."
    c = "The recruitment quota for Chelyabinsk Oblast is about 9,000 people."
    chel = (("Chelyabinsk Oblast", "RU-CHE"),)

    def quota(text: str, outlet: str, n: int, surface: str) -> Extraction:
        return article(text, outlet, "2023-03-20", places=chel, quantities=((surface, n, "people"),))

    far = claims_from_extractions([quota(a, "A", 10000, "10,000 people"), quota(b, "B", 3000, "3,000 people")])
    near = claims_from_extractions([quota(a, "A", 10000, "10,000 people"), quota(c, "C", 9000, "9,000 people")])
    far_q = [x for x in far if x.type == "recruitment_quota"][0]
    near_q = [x for x in near if x.type == "recruitment_quota"][0]
    assert "quantity: figures for people range 3,000–10,000 (beyond ±25%)" in far_q.contradictions
    assert (far_q.quantity_low, far_q.quantity_high) == (3000, 10000)
    assert not near_q.contradicted


@pytest.fixture()
def store() -> Store:
    return attach(Store(":memory:"), PACK)


def test_store_keeps_claims_current_as_documents_are_ingested(store: Store) -> None:
    store.add(article(URAL_EN, "Ural Daily", "2023-03-14"))
    [one] = list_claims(store, region="RU-SVE", type="summons")
    assert one.independent_sources == 1
    store.add(ru_article())
    store.add(article(DENIAL, "Oblast Press Service", "2023-03-15"))
    [claim] = list_claims(store, region="RU-SVE", type="summons")
    assert claim.independent_sources == 3 and claim.contradicted
    assert [c.id for c in list_claims(store, contradicted=True)] == [claim.id]
    assert list_claims(store, region="RU") and not list_claims(store, since="2023-04-01")
    again = get_claim(store, claim.id)
    assert again is not None and len(again.sources) == len(claim.sources)
    assert [s.date for s in again.timeline()] == sorted(s.date for s in again.sources)


def test_recompute_rebuilds_the_same_claims(store: Store) -> None:
    store.add(article(URAL_EN, "Ural Daily", "2023-03-14"))
    store.add(ru_article())
    before = [(c.id, c.independent_sources) for c in list_claims(store)]
    assert recompute(store, PACK) == len(before)
    assert [(c.id, c.independent_sources) for c in list_claims(store)] == before


def test_many_near_copies_in_the_store_are_one_independent_source(store: Store) -> None:
    """A wire story republished by many outlets: one cluster in the dedup index, so one source
    (independence comes from documents.duplicate_of, not from comparing texts per claim)."""
    n = 25
    for i in range(n):
        text = URAL_EN + f" Republished by outlet {i}." if i else URAL_EN
        store.add(article(text, f"Outlet {i}", "2023-03-14"))
    [claim] = list_claims(store, region="RU-SVE", type="summons")
    assert len({s.doc_id for s in claim.sources}) == n and claim.independent_sources == 1
    assert len({s.group for s in claim.sources}) == 1
    store.add(article(DENIAL, "Oblast Press Service", "2023-03-15"))  # a second, independent voice
    [claim] = list_claims(store, region="RU-SVE", type="summons")
    assert claim.independent_sources == 2 and claim.contradicted


def test_the_store_path_compares_no_texts(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.claims as claims_mod

    def fail(texts, threshold=0.7):  # noqa: ANN001, ANN202
        assert len(texts) < 2, "claims rebuild compared texts pairwise"
        return []

    monkeypatch.setattr(claims_mod, "near_duplicate_pairs", fail)
    store.add(article(URAL_EN, "Ural Daily", "2023-03-14"))
    store.add(article(URAL_EN.replace("on Monday", "this Monday"), "News Aggregator", "2023-03-14"))
    [claim] = list_claims(store, region="RU-SVE", type="summons")
    assert claim.independent_sources == 1


def test_incremental_claims_equal_a_full_rebuild() -> None:
    """The ingest hook appends to claims in place; a full recompute must give the same claims."""
    from dossier.claims_bench import corpus
    from dossier.workspace import prepare

    store = prepare(Store(":memory:"))
    docs = corpus(60, cluster=10)
    for ex in docs[::-1] + [article(DENIAL, "Oblast Press Service", "2023-03-15")]:  # reversed: some rebuild
        store.add(ex)

    def snapshot() -> list:
        return [(c.id, c.end, len(c.sources), c.independent_sources, c.polarities, c.contradictions,
                 c.quantity_low, c.quantity_high, sorted((s.doc_id, s.event_idx, s.group) for s in c.sources))
                for c in list_claims(store, limit=1000)]

    before = snapshot()
    recompute(store)
    assert snapshot() == before
