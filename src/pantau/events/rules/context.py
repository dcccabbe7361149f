"""What an event's sentence says of it besides its participants: its modality (negated,
hypothetical, future, claimed or asserted), its date, its location and the chain of sources that
report it (the outlet, "dilansir X", the quote's speaker).
"""

from __future__ import annotations

from spacy.tokens import Doc

from pantau.entities import PLACE_NOUNS, stands_for_state
from pantau.events.coding import cameo_table
from pantau.events.rules.tokens import Hit, sent_index, state_body
from pantau.events.rules.words import (CLAIM, CONDITIONS, FUTURE, HYPOTHETICAL, MOVEMENT_TYPES, NEGATION, NEXT_PERIOD,
                                       OWN_TIME_WORDS, POLICY_NOUNS, SITE_WORDS, SOURCE_RE, VERB_FORM)
from pantau.model import Document, Mention, Place, Quote, TimeValue


def modality_of(doc: Doc, hit: Hit, quote: Quote | None) -> str:
    # (a capitalised word after another is part of a name: "Yayasan Anak Bangsa Bisa (YABB)
    # bekerja sama" is no hypothetical)
    window = [t for t in doc[max(hit.sent_start, hit.start - 4): hit.start]
              if not (t.text[:1].isupper() and t.i > hit.sent_start and doc[t.i - 1].text[:1].isupper())]
    before = [t.lower_ for t in window]
    clause_before = [t.lower_ for t in doc[hit.sent_start: hit.start]]
    if any(t.lower_ in NEGATION and not (t.lower_ == "belum" and doc[t.i + 1].lower_ == "lama")
           and not (t.i > hit.sent_start and doc[t.i - 1].lower_ == "yang"
                    and any(VERB_FORM.match(v.lower_) for v in doc[t.i + 1:hit.start])) for t in window):
        return "negated"  # (not "Belum lama ini", recently, nor a relative clause's verb: "Warga yang
        # belum mengikuti peraturan ini diminta …"; but "pelajar yang tidak ikut unjuk rasa")
    wished = next((w for w in reversed(clause_before) if w in ("agar", "supaya", ",", ";", "”")), None)
    if any(w in HYPOTHETICAL for w in before) or wished in ("agar", "supaya") or (
            clause_before and clause_before[0] in CONDITIONS and "”" not in clause_before
            and '"' not in clause_before):
        return "hypothetical"  # (a sentence that opens "Jika …, …" is conditional throughout, up
        # to the end of a quotation: not "Kalau itu terjadi, …,” kata Budi ketika berkunjung …";
        # so is all of a clause after "agar": "mendorong agar perusahaan … rutin berkoordinasi")
    after = [t.lower_ for t in doc[hit.end: min(hit.sent_end, hit.end + 12)]]
    if any(w in FUTURE for w in before) or "mendatang" in after or NEXT_PERIOD.search(" ".join(after[:6])):
        return "future"
    if any(w in CLAIM for w in clause_before) or (quote is not None and quote.cue in ("mengklaim",)):
        return "claimed"
    return "asserted"


def date_of(document: Document, doc: Doc, hit: Hit,
            actors: list[Mention] = ()) -> tuple[str | None, str | None, str | None]:
    """The time expression of the event's sentence nearest the trigger; else the day the
    sentence before names, when it names one of the same actors (news dates an act once and
    goes on about it: "Lavrov mengumumkan pada hari Selasa (31/1) bahwa … Selama konferensi
    pers bersama …, Lavrov mengatakan …"); else the article's date (as GDELT does), marked by
    an empty date_text."""
    pos = doc[hit.start].idx
    sent_start = doc[hit.sent_start].idx
    sent_end = doc[hit.sent_end - 1].idx + len(doc[hit.sent_end - 1].text)
    # a subordinate clause after the trigger has its own time ("sepakat ... setelah pengumuman
    # penarikan militer AS pekan lalu")
    sub = next((t.idx for t in doc[hit.end: hit.sent_end] if t.lower_ in ("setelah", "sebelum", "sejak", "ketika",
                                                                         "yang", "usai", "seusai")), sent_end)
    best = None
    # a law's year dates only the law the trigger names ("Instruksi Presiden Nomor 6 Tahun
    # 2020"), not an act beside it ("berdemonstrasi … UU Nomor 9 Tahun 1998")
    law_end = doc[hit.end - 1].idx + len(doc[hit.end - 1].text) if doc[hit.start].lower_ in POLICY_NOUNS else None
    for tv in document.time_values:
        own_designation = law_end is not None and "designation" in tv.flags and 0 <= tv.start - law_end <= 30
        # dates and times only: a duration, a set or "saat ini" says how long or how often, not when
        if tv.value and tv.type in ("DATE", "TIME") and tv.granularity != "reference" and sent_start <= tv.start < sub \
                and ("designation" not in tv.flags or own_designation):
            if best is None or abs(tv.start - pos) < abs(best.start - pos):
                best = tv
    anchor = doc._.anchor
    if best is not None:
        if best.granularity in ("year", "month") and anchor is not None and best.value and \
                anchor.isoformat().startswith(best.value) and {"relative", "late", "early", "mid"} & set(best.flags):
            return anchor.isoformat(), "day", best.text  # "akhir tahun ... di hari yang sama"
        return best.value, best.granularity, best.text
    words = [t.lower_ for t in doc[hit.sent_start: hit.sent_end]]
    own_time = bool(OWN_TIME_WORDS & set(words)) or " kali ini " in f" {' '.join(words)} "  # "Sebelumnya, …"
    before = None if own_time else _day_before(document, sent_start, actors)
    if before is not None:
        return before.value, before.granularity, before.text
    if anchor is not None:
        return anchor.isoformat(), "day", None
    return None, None, None


def _day_before(document: Document, sent_start: int, actors: list[Mention]) -> TimeValue | None:
    """The one day named in the sentence before, when that sentence names one of `actors` too
    (web news often sets each sentence as its own paragraph, so paragraphs are no guide)."""
    here = sent_index(document, sent_start)
    if here == 0 or not actors:
        return None
    prev = document.sentences[here - 1]
    ids = {a.entity_id or a.code for a in actors if a.entity_id or a.code}
    if not any((m.entity_id or m.code) in ids for m in document.mentions if prev.start <= m.start < prev.end):
        return None
    days = [tv for tv in document.time_values if prev.start <= tv.start < prev.end and tv.value
            and tv.granularity == "day"]
    return days[-1] if len({tv.value for tv in days}) == 1 else None  # ("Selasa (31/1)": one day)


def location_of(doc: Doc, hit: Hit, document: Document, places: dict) -> Place | None:
    """A place named after di/ke in the clause (the trigger's own complement first), else
    the first non-state place after the trigger."""
    sent_start = doc[hit.sent_start].idx
    sent_end = doc[hit.sent_end - 1].idx + len(doc[hit.sent_end - 1].text)
    trig_pos = doc[hit.start].idx
    text = document.clean_text  # the same string; `doc.text` would be rebuilt on every access
    # a place in the name of a firm or a foundation says nothing of where ("cessie Bank Bali",
    # "The Asia Foundation"), unless the body is the site ("di depan Universitas Yapis
    # Jayapura", "mendatangi RS Bhayangkara Palembang"); in a state body's it does ("Pemkot
    # Bekasi melarang …")
    in_sentence = [m for m in document.mentions if sent_start <= m.start < sent_end]
    private_names = {m.start for o in in_sentence if o.type == "ORG" and not state_body(o)
                     and not _names_site(text, sent_start, o)
                     for m in in_sentence if m is not o and o.start <= m.start and m.end <= o.end}
    best = None
    for m in in_sentence:
        if abs(m.start - trig_pos) > 160 \
                or (m.start, m.end) not in places or m.type not in ("LOC", "GPE") or m.start in private_names:
            continue
        prev = text[max(sent_start, m.start - 25): m.start].split()
        prep = prev[-1].lower() if prev else ""
        if len(prev) >= 2 and prev[-2].lower() in ("di", "ke") and not prev[-1][:1].isupper():
            prep = prev[-2].lower()
        is_state = stands_for_state(m)
        score = None
        movement_from = prep == "dari" and cameo_table()[hit.trigger.code].plover in MOVEMENT_TYPES
        if prep in ("di", "ke") or movement_from or (prev and prev[-1].lower() in PLACE_NOUNS):
            score = 0 if m.start > trig_pos else 2
        elif not is_state and m.start > trig_pos:
            score = 1
        if score is not None and is_state:
            score += 0.5  # "di ibu kota Kazakhstan, Astana", "di Idlib, Suriah": the town is more precise
        if not is_state and text[max(sent_start, m.start - 2):m.start] == ", " and \
                best is not None and best[1].end == m.start - 2 and stands_for_state(best[1]):
            score = best[0][0] - 0.25  # an apposition to the state just found ("di ibu kota
            # Kazakhstan, Astana"); after a town it is the town's province ("di Sidoarjo, Jawa Timur")
        if score is not None and (best is None or (score, abs(m.start - trig_pos)) < best[0]):
            best = ((score, abs(m.start - trig_pos)), m)
    if best is None:
        return None
    m = best[1]
    place = places[(m.start, m.end)]
    return Place(name=place.name, id=place.id, country=place.country, lat=place.lat, lon=place.lon, text=m.text)


def _names_site(text: str, floor: int, m: Mention) -> bool:
    """A body named where something happens: after di/ke/depan/… or a visiting verb."""
    before = text[max(floor, m.start - 20):m.start].split()
    return bool(before) and before[-1].lower() in SITE_WORDS


def reported_by_of(document: Document, doc: Doc, hit: Hit, quote: Quote | None) -> list[str]:
    chain = [document.outlet] if document.outlet else []
    sent_text = document.sentences[sent_index(document, doc[hit.start].idx)].text
    for m in SOURCE_RE.finditer(sent_text):
        chain.append(m.group(0).strip(" ,.("))
    if quote is not None and quote.speaker_name:
        chain.append(f"{quote.cue or 'kata'} {quote.speaker_name}")
    return chain
