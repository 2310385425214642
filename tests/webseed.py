"""Hand-built extractions that seed stores for the web tests (no NLP run needed).

Offsets are computed from the text, so every span passes ``dossier.model.validate``."""
from __future__ import annotations

from dossier.model import (DateRef, Document, Entity, Event, Extraction, Place, Quantity, Quote, Speaker, Trigger,
                           validate)


def _at(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def article(text: str, title: str, published: str, *, language: str = "en", outlet: str = "Test Wire",
            speaker: str | None = None, speaker_name: str | None = None, role: str | None = None,
            quote: str | None = None, places: list[tuple[str, str, str, str]] = (),
            trigger: tuple[str, str] | None = None, quantity: tuple[str, int] | None = None,
            date: tuple[str, str] | None = None, source: str | None = None) -> Extraction:
    """One article; `places` are (mention, id, name, kind); `trigger` is (text, event type)."""
    ex = Extraction(Document(text=text, source=source or f"test:{title}", title=title, published=published,
                             language=language, outlet=outlet))
    if speaker:
        s, e = _at(text, speaker)
        ex.entities.append(Entity("e1", "PERSON", speaker_name or speaker, [speaker], [role] if role else [], [[s, e]]))
    if quote:
        s, e = _at(text, quote)
        spk = Speaker(speaker_name or speaker, "e1", *_at(text, speaker)) if speaker else None
        ex.quotes.append(Quote(s, e, quote, "direct", spk, "said", None, None, published))
    for mention, pid, name, kind in places:
        s, e = _at(text, mention)
        region = pid if kind == "region" else None
        ex.places.append(Place(s, e, mention, pid, name, kind, region, pid[:2], False))
    if quantity:
        s, e = _at(text, quantity[0])
        ex.quantities.append(Quantity(s, e, quantity[0], quantity[1], counted="people"))
    if date:
        s, e = _at(text, date[0])
        ex.dates.append(DateRef(s, e, date[0], date[1], "day", "on"))
    if trigger:
        s, e = _at(text, trigger[0])
        ev_places = [p.region or p.id for p in ex.places if p.kind in ("region", "city")]
        ex.events.append(Event(trigger[1], "asserted", Trigger(s, e, trigger[0]), [0, len(text)], ev_places,
                               date[1] if date else published, [0] if quantity else [],
                               ["e1"] if speaker else [], "e1" if quote and speaker else None))
    return validate(ex)


XSS_TITLE = 'Leak <script>alert("t")</script>'
XSS_TEXT = ('Officials in Voronezh said "><img src=x onerror="document.title=\'pwned\'"> nothing. '
            '<script>document.title="pwned"</script> See <a href="javascript:document.title=\'pwned\'">this</a>.')


def seed_articles() -> list[Extraction]:
    en = ('Governor Ivan Petrov said: "Summonses are being served in Sverdlovsk Oblast." '
          'About 3,000 men received them on March 13.')
    ru = ('Губернатор Пётр Иванов заявил: "В Белгородской области мобилизации не будет". '
          'Повестки раздают в Воронеже с 1 марта.')
    crimea = 'Residents of Crimea report that 500 men were called up on April 2 in Sevastopol.'
    return [
        article(en, "Summonses served in the Urals", "2023-03-14", speaker="Ivan Petrov", role="governor",
                quote="Summonses are being served in Sverdlovsk Oblast.",
                places=[("Sverdlovsk Oblast", "RU-SVE", "Sverdlovsk Oblast", "region")],
                trigger=("Summonses are being served", "summons"), quantity=("3,000 men", 3000),
                date=("March 13", "2023-03-13")),
        article(ru, "Повестки в Воронеже", "2023-03-02", language="ru", outlet="Тестовые новости",
                speaker="Пётр Иванов", role="губернатор", quote="В Белгородской области мобилизации не будет",
                places=[("Белгородской области", "RU-BEL", "Belgorod Oblast", "region"),
                        ("Воронеже", "RU-VOR", "Voronezh Oblast", "region")],
                trigger=("Повестки раздают", "summons"), date=("1 марта", "2023-03-01")),
        article(crimea, "Call-up in Crimea", "2023-04-03",
                places=[("Crimea", "UA-43", "Autonomous Republic of Crimea", "region"),
                        ("Sevastopol", "UA-40", "Sevastopol", "region")],
                trigger=("called up", "mobilization"), quantity=("500 men", 500), date=("April 2", "2023-04-02")),
        article(XSS_TEXT, XSS_TITLE, "2023-05-01", source="javascript:alert(1)",
                places=[("Voronezh", "RU-VOR", "Voronezh Oblast", "region")]),
    ]


def second_sverdlovsk_report() -> Extraction:
    """Another outlet on the same summonses in Sverdlovsk Oblast, with a number far from the first's."""
    text = "Enlistment offices in Sverdlovsk Oblast handed summonses to 9,000 men on March 15, activists said."
    return article(text, "Activists count 9,000 summonses", "2023-03-16", outlet="Other Outlet",
                   places=[("Sverdlovsk Oblast", "RU-SVE", "Sverdlovsk Oblast", "region")],
                   trigger=("handed summonses", "summons"), quantity=("9,000 men", 9000),
                   date=("March 15", "2023-03-15"))
