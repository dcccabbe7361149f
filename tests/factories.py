"""Hand-built Documents for store/export/CLI tests (no pipeline needed)."""

from __future__ import annotations

import hashlib

from pantau.model import Actor, Document, Event, Evidence, Mention, Place, Quote, Sentence, TimeValue


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for i, part in enumerate(text.split(". ")):
        end = start + len(part) + (1 if start + len(part) < len(text) else 0)
        out.append(Sentence(index=i, start=start, end=end, text=text[start:end]))
        start = end + 1
    return out


def _span(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


def turkey_russia_doc(**overrides) -> Document:
    """Akar (Turkish MoD) accuses Russia; Turkey and Russia meet; a quote by Akar."""
    text = (
        "Menteri Pertahanan Turki Hulusi Akar menuduh Rusia melanggar gencatan senjata di Idlib. "
        "Delegasi Turki dan Rusia bertemu di Ankara pada Senin (5/11/2017). "
        '"Kami tidak akan mundur," kata Akar kepada wartawan.'
    )
    doc_id = overrides.pop("id", None) or hashlib.sha1(text.encode()).hexdigest()[:16]
    sents = _sentences(text)

    def mention(needle, type_, eid, name, country, code, sent):
        s, e = _span(text, needle)
        return Mention(text=needle, start=s, end=e, type=type_, entity_id=eid, canonical_name=name,
                       country=country, code=code, sentence=sent, method="alias")

    mentions = [
        mention("Hulusi Akar", "PER", "Q6081347", "Hulusi Akar", "TUR", "TURMIL", 0),
        mention("Rusia", "GPE", "Q159", "Russia", "RUS", "RUS", 0),
        mention("Idlib", "LOC", "Q180318", "Idlib", "SYR", None, 0),
        mention("Turki dan", "GPE", "Q43", "Turkey", "TUR", "TUR", 1),
        mention("Ankara", "GPE", "Q3640", "Ankara", "TUR", None, 1),
        mention("Akar kepada", "PER", "Q6081347", "Hulusi Akar", "TUR", "TURMIL", 2),
    ]
    mentions[3].text, mentions[3].end = "Turki", mentions[3].start + 5
    mentions[5].text, mentions[5].end = "Akar", mentions[5].start + 4
    ts, te = _span(text, "Senin (5/11/2017)")
    times = [TimeValue(text="Senin (5/11/2017)", start=ts, end=te, value="2017-11-05", granularity="day",
                       anchor=None, flags=["weekday_checked"], sentence=1)]
    ev0 = Event(
        id="ev0", event_type="ACCUSE", cameo_code="1123", goldstein=-4.4, quad_class=3,
        actors=[Actor(code="TURMIL", country="TUR", sector="MIL", entity_id="Q6081347", text="Hulusi Akar")],
        recipients=[Actor(code="RUS", country="RUS", sector=None, entity_id="Q159", text="Rusia")],
        evidence=Evidence(doc_id=doc_id, sentence=0, start=sents[0].start, end=sents[0].end, text=sents[0].text),
        trigger="menuduh", mode=None, context="military", date="2017-11", date_granularity="month",
        date_text="November", location=Place(name="Idlib", id="geonames:169389", country="SYR", lat=35.93,
                                              lon=36.63, text="Idlib"),
        modality="asserted", reported_by=["Kompas"], confidence=0.8,
    )
    ev1 = Event(
        id="ev1", event_type="CONSULT", cameo_code="043", goldstein=2.8, quad_class=1,
        actors=[Actor(code="TUR", country="TUR", sector=None, entity_id="Q43", text="Turki"),
                Actor(code="RUS", country="RUS", sector=None, entity_id="Q159", text="Rusia")],
        recipients=[],
        evidence=Evidence(doc_id=doc_id, sentence=1, start=sents[1].start, end=sents[1].end, text=sents[1].text),
        trigger="bertemu", date="2017-11-05", date_granularity="day", date_text="Senin (5/11/2017)",
        location=Place(name="Ankara", id="geonames:323786", country="TUR", lat=39.92, lon=32.85, text="Ankara"),
        reported_by=[], confidence=0.9,
    )
    qs, qe = _span(text, '"Kami tidak akan mundur,"')
    quotes = [Quote(text="Kami tidak akan mundur,", start=qs + 1, end=qe - 1, kind="direct", cue="kata",
                    speaker_entity_id="Q6081347", speaker_name="Hulusi Akar", speaker_text="Akar", sentence=2)]
    fields = dict(
        id=doc_id, raw_text="JUDUL\n" + text + "\nBaca Juga: lain", clean_text=text,
        title="Turki tuduh Rusia langgar gencatan senjata", outlet="Kompas", dateline="ANKARA",
        published="2017-11-06", published_source="metadata", url="https://kompas.example/turki-rusia",
        source="examples/000.txt", byline=["Editor: Budi"], removed=["Baca Juga: lain"], sentences=sents,
        mentions=mentions, time_values=times, events=[ev0, ev1], quotes=quotes,
    )
    fields.update(overrides)
    return Document(**fields)


def protest_doc(**overrides) -> Document:
    """A Jakarta protest with an undated event and an event with no actors' codes."""
    text = "Ribuan mahasiswa berunjuk rasa di Jakarta menolak undang-undang baru. Polisi menangkap dua orang."
    doc_id = overrides.pop("id", None) or hashlib.sha1(text.encode()).hexdigest()[:16]
    sents = _sentences(text)
    ms, me = _span(text, "Jakarta")
    ev0 = Event(
        id="ev0", event_type="PROTEST", cameo_code="141", goldstein=-6.5, quad_class=3,
        actors=[Actor(code="IDNEDU", country="IDN", sector="EDU", entity_id=None, text="Ribuan mahasiswa")],
        recipients=[Actor(code="IDNGOV", country="IDN", sector="GOV", entity_id=None, text="pemerintah")],
        evidence=Evidence(doc_id=doc_id, sentence=0, start=sents[0].start, end=sents[0].end, text=sents[0].text),
        trigger="berunjuk rasa", mode="demonstrate", date=None, date_granularity=None,
        location=Place(name="Jakarta", id="geonames:1642911", country="IDN", lat=-6.21, lon=106.85, text="Jakarta"),
    )
    ev1 = Event(
        id="ev1", event_type="COERCE", cameo_code="173", goldstein=-5.0, quad_class=4,
        actors=[Actor(code="IDNCOP", country="IDN", sector="COP", entity_id=None, text="Polisi")],
        recipients=[Actor(code="IDNEDU", country="IDN", sector="EDU", entity_id=None, text="dua orang")],
        evidence=Evidence(doc_id=doc_id, sentence=1, start=sents[1].start, end=sents[1].end, text=sents[1].text),
        trigger="menangkap", date="2019-W39", date_granularity="week",
    )
    fields = dict(
        id=doc_id, raw_text=text, clean_text=text, title="Mahasiswa demo di Jakarta", outlet="Tempo",
        published="2019-09-24", url=None, source="feeds/tempo.jsonl", sentences=sents,
        mentions=[Mention(text="Jakarta", start=ms, end=me, type="GPE", entity_id="Q3630",
                          canonical_name="Jakarta", country="IDN", sentence=0)],
        events=[ev0, ev1],
    )
    fields.update(overrides)
    return Document(**fields)


def bulk_doc(i: int, n_mentions: int = 30, n_events: int = 5) -> Document:
    """A synthetic article of the size the benchmark brief asks for."""
    text = " ".join(f"Kalimat {j} tentang Turki dan Rusia nomor {i}." for j in range(n_mentions))
    doc_id = f"bulk{i:06d}"
    mentions = [Mention(text="Turki", start=0, end=5, type="GPE", entity_id=f"Q{j % 20}",
                        canonical_name=f"Entity {j % 20}", country="TUR", code="TUR", sentence=j)
                for j in range(n_mentions)]
    events = [Event(id=f"e{j}", event_type="CONSULT", cameo_code="040", goldstein=1.0, quad_class=1,
                    actors=[Actor("TURGOV", "TUR", "GOV", "Q43", "Turki")],
                    recipients=[Actor("RUS", "RUS", None, "Q159", "Rusia")],
                    evidence=Evidence(doc_id, j, 0, 10, "Kalimat"), date="2020-01-0%d" % (1 + j % 9),
                    date_granularity="day")
              for j in range(n_events)]
    return Document(id=doc_id, raw_text=text, clean_text=text, title=f"Doc {i}", outlet="Bench",
                    published="2020-01-10", sentences=_sentences(text), mentions=mentions, events=events,
                    time_values=[TimeValue("kemarin", 0, 7, "2020-01-09", "day", "2020-01-10")])


INGEST_TOKEN = "test-token-123"  # the bearer token of conftest's `writable` app
