"""`EntityLinker`, the `pantau_entities` component: candidates (recognizer) → linked mentions
with entity, country and CAMEO code (KB, titles, sectors, places) → the article-wide passes."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pantau.kb import KnowledgeBase
from pantau.model import Document, Entity, Mention
from pantau.nlp import doc_text, doc_words, sentence_index, token_starts
from pantau.places import resolve_place
from pantau.time.lexicon import FULL_MONTHS, WEEKDAYS
from .lexicon import (
    CUE_STEMS, NEW_ENTITY_PREFIX, PERSON_PRONOUNS, PLACE_NOUNS, SPEECH_VERBS, _APOSTROPHE_WORD, _BARE_GROUP_SECTORS,
    _BARE_STATE_NOUNS, _COMPANY_SUFFIXES, _DOCUMENT_HEADS, _FUNCTION_WORDS, _INSTITUTION_HEADS,
    _INTERNATIONAL_WORDS, _LEGAL_PARTS, _LOCAL_OFFICIALS, _NOT_NER_NAMES, _OFFICE_OF, _ORG_HEADS, _PLACE_OR_OFFICE,
    _PORTFOLIO_WORDS, _REGION_NOUNS, _REGION_WORDS, _TITLE_WORDS, _UNIQUE_OFFICES, _is_acronym, _is_ministry_short,
    _is_name_token, _title_complement, common_words, stands_for_state,
)
from .recognizer import (
    EntityRecognizer, _after_police_body, _after_quote, _common_word_before_name, _glued_to_another_name,
    _has_non_name_word, _inside_capitalised_name, _institution_end, _is_particle, _name_parts, _name_start_before,
    _names_a_vehicle, _ner_entities, _past_leading_body, _place_words, _token_after, filter_spans_matches,
)
from .passes import (
    _capital_names, _foreign_bodies, _holder_code, _initials, _mark_dateline, _mark_title, _names_over_aliases,
    _new_entities, _officials_of_bodies, _one_type_per_name, _place_before_name, _places_by_direction, _role_on,
    _states_by_mentions,
)


class EntityLinker:
    """Turns candidates into `Mention`s with entity, country and actor code."""

    def __init__(self, nlp: Language):
        self.kb = KnowledgeBase.load().build_indexes()  # now: forked workers inherit them
        self.recognizer = EntityRecognizer(nlp, self.kb)
        self._capitals = _capital_names(self.kb)

    def __call__(self, doc: Doc) -> Doc:
        document: Document = doc._.document
        if document is None:
            return doc
        on: dt.date | None = doc._.anchor
        cands = self.recognizer.alias_candidates(doc)
        spans = filter_spans([c.span for c in cands])
        by_span = {(c.span.start, c.span.end): c for c in cands}
        chosen = [by_span[(s.start, s.end)] for s in spans]
        taken = {i for c in chosen for i in range(c.span.start, c.span.end)}
        towns = self.recognizer.town_candidates(doc, taken)
        taken.update(i for c in towns for i in range(c.span.start, c.span.end))
        chosen += towns
        chosen += self.recognizer.name_candidates(doc, taken)
        chosen.sort(key=lambda c: c.span.start)

        mentions: list[Mention] = []
        for c in chosen:
            if c.method == "geonames":
                gid, name, country = self.recognizer.towns[c.span.text]
                mentions.append(Mention(text=c.span.text, start=c.span.start_char, end=c.span.end_char, type="LOC",
                                        entity_id=f"geonames:{gid}", canonical_name=name, country=country,
                                        method="geonames"))
                continue
            entity = self.kb.get(c.entity_id) if c.entity_id else None
            mentions.append(self._mention(c.span, entity, c.method, c.type or "PER", on))
        _mark_dateline(document, mentions)
        mentions = _places_by_direction(doc, mentions, self._capitals["IDN"])
        states = _states_by_mentions(mentions, self._dateline_country(document, mentions))
        home = states[0] if states else "IDN"  # no state named: this is the Indonesian press
        if home == "IDN":
            # in a story at home "Jakarta" is the city and province, not Indonesia's government:
            # all 10 bench events that had it act for Indonesia read it wrongly ("PSBB di Jakarta",
            # "PT MRT Jakarta", "Teluk Jakarta"); abroad ("Jakarta dan Beijing sepakat") it still is
            for m in mentions:
                if m.code == "IDN" and m.type in ("LOC", "GPE") and m.canonical_name in self._capitals["IDN"]:
                    m.method = (m.method or "") + "+place"  # still Indonesia's for "warga Jakarta"
        # for the event coder: unqualified state bodies go home, unnamed groups to the main states
        doc.user_data["pantau_home"], doc.user_data["pantau_states"] = home, states
        mentions = self._roles(doc, mentions, on, home)
        mentions = self._short_forms(doc, mentions)
        mentions = self._institutions(doc, mentions, home)
        mentions = self._speaking_names(doc, mentions)
        mentions = _initials(doc, mentions, document.id)
        mentions = self._trained_names(doc, mentions, on)
        _one_type_per_name(doc, mentions)
        _officials_of_bodies(mentions)
        _place_before_name(doc, mentions)
        _new_entities(mentions)
        mentions = self._short_forms(doc, mentions, new_only=True)  # "Gabriel" after a new "Gabriel Manek"
        _names_over_aliases(mentions)
        _foreign_bodies(mentions, home)
        mentions = self._sector_phrases(doc, mentions)
        for m in mentions:
            m.sentence = sentence_index(document, m.start)
        document.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        return doc

    # -- linking helpers ----------------------------------------------------------------------
    def _mention(self, span: Span, entity: Entity | None, method: str, type_: str, on: dt.date | None) -> Mention:
        """A mention of `span`: linked to `entity` (its type, name, country and actor code on the
        article's date), or of type `type_` when the KB does not know it."""
        m = Mention(text=span.text, start=span.start_char, end=span.end_char,
                    type=entity.type if entity else type_, entity_id=entity.id if entity else None,
                    canonical_name=entity.canonical_name if entity else None,
                    country=entity.country if entity else None, method=method)
        m.code = self.actor_code(entity, on)
        return m

    def actor_code(self, entity: Entity | None, on: dt.date | None) -> str | None:
        if entity is None:
            return None
        if entity.type == "PER":
            role = _role_on(entity, on)
            if role is not None and role.code:
                return role.code
            return entity.code or entity.country
        if entity.type in ("LOC", "GPE"):
            if entity.code and len(entity.code) == 3:  # a state
                return entity.code
            if entity.canonical_name in self._capitals.get(entity.country or "", ()):
                return entity.country  # capital metonymy
            return None
        return entity.code

    def _dateline_country(self, document: Document, mentions: list[Mention]) -> str | None:
        """The country the story was filed from: its dateline's place, as a mention ("JAKARTA,
        KOMPAS —") or, for a town the case-sensitive town list does not read ("SURABAYA, KOMPAS —"),
        resolved by name."""
        read = next((m.code for m in mentions if "dateline" in (m.method or "") and stands_for_state(m)), None)
        if read or not document.dateline:
            return read
        place = resolve_place(document.dateline, ["IDN"], kb=self.kb)
        if place is not None:
            return place.country
        # a town no gazetteer here lists ("TIGARAKSA, KOMPAS —"): the outlet's country
        return next((m.country for m in mentions if m.type == "ORG" and "dateline" in (m.method or "") and m.country),
                    None)

    def _ordinary_words(self, text: str) -> bool:
        """Two words or more, none of them a name's ("Sedap Malam", "Pegiat Sapi Lokal")."""
        words = [w for w in text.split() if w.isalpha()]
        return len(words) >= 2 and all(map(self.recognizer.ordinary_word, words))

    def _short_forms(self, doc: Doc, mentions: list[Mention], *, new_only: bool = False) -> list[Mention]:
        """'Akar' after 'Hulusi Akar', 'Bashar' after 'Bashar al-Assad': a capitalised token that
        is part of a person already named in this article refers to that person. `new_only`: from
        the names that became new entities only (the second pass, after the NER)."""
        parts: dict[str, Mention] = {}
        covered = set()
        for m in mentions:
            covered.update(range(m.start, m.end))
            if new_only and not (m.entity_id or "").startswith(NEW_ENTITY_PREFIX):
                continue
            if m.method == "role":
                # an unnamed office stands for its holder: the same one-word title again ("Presiden")
                # is that person, but not the words of a longer title ("Keuangan" of "Menteri
                # Keuangan") nor the holder's name, which the article never wrote ("Joko" in a
                # story on Joko Tjandra)
                if m.entity_id and " " not in m.text and m.text[:1].isupper():
                    parts.setdefault(m.text, m)
                continue
            if m.type == "PER" and (m.entity_id or m.method == "title"):
                for part in _name_parts(m.text):
                    parts.setdefault(part, m)
                entity = self.kb.get(m.entity_id) if m.entity_id else None
                for part in _name_parts(entity.canonical_name if entity else "", min_len=4):
                    parts.setdefault(part, m)
        if not parts:
            return mentions
        out = list(mentions)
        text = doc_text(doc)
        last, last_src = None, None
        for k, (idx, word) in enumerate(zip(token_starts(doc), doc_words(doc))):
            src = parts.get(word)
            if src is None or idx in covered or _glued_to_another_name(doc, k, k + 1, parts.keys(), covered):
                continue  # (not "Pramono" of "Pramono Ubaid Tanthowi" after Pramono Anung)
            if last is not None and src is last_src and text[last.end:idx] == " ":
                last.end = idx + len(word)  # "Budi Karya" after "Budi Karya Sumadi": one mention
                last.text = text[last.start:last.end]
                continue
            last, last_src = Mention(text=word, start=idx, end=idx + len(word), type="PER",
                                     entity_id=src.entity_id, canonical_name=src.canonical_name,
                                     country=src.country, code=src.code, method="coref"), src
            out.append(last)
        return sorted(out, key=lambda m: m.start)

    def _roles(self, doc: Doc, mentions: list[Mention], on: dt.date | None, home: str | None) -> list[Mention]:
        """Office titles. '[office] [country|region|portfolio]* [name]':
        - a named holder gets the office's code ("Menteri Pertahanan Turki Hulusi Akar" → TURMIL);
        - a name the KB lacks becomes an unlinked person with that code ("Menteri Sosial Juliari
          Batubara" → IDNGOV);
        - with no name, the title is the office holder on the article's date ("Kepala dinas
          diplomatik Rusia" → Sergey Lavrov; capitalised "kata Presiden" in a domestic story →
          the president of the article's home country); in an article with no date, a holder it
          names elsewhere, else the latest one."""
        by_start = {m.start: m for m in mentions}
        out = list(mentions)
        covered = {i for m in mentions for i in range(m.start, m.end)}
        named = {m.entity_id for m in mentions if m.type == "PER" and m.entity_id}  # for undated articles
        offices = filter_spans_matches(self.recognizer.office_matcher(doc))
        office_starts = {s for _, s, _ in offices}
        inherited: dict[int, str] = {}  # office start → sector of the title it follows
        titled: set[int] = set()  # tokens already read as part of a title and its name
        for match_id, start, end in offices:
            if start in titled:
                continue  # "Kapolri Jenderal Listyo Sigit Prabowo": "Jenderal" is inside Kapolri's title
            phrase = doc.vocab.strings[match_id][2:]
            office, sector = self.recognizer.offices[phrase]
            if start in inherited and office in ("general", "police_officer", "military_officer", "commander"):
                sector = inherited[start]
            elif office in ("general", "military_officer") and _after_police_body(doc, start):
                sector = "COP"  # "Kepala Polda Sumbar Brigadir Jenderal Edi": the police use army ranks too
            if doc[start].idx in covered:
                continue  # inside a KB name ("Presiden Jokowi" alias)
            j, countries, region = end, [], None
            overlap = by_start.get(doc[end - 1].idx) if end - start > 1 else None
            if overlap is not None and overlap.type in ("LOC", "GPE") and overlap.end > doc[end - 1].idx + len(doc[end - 1].text):
                # "Wali Kota Tangerang Selatan": the KB's place "Kota Tangerang Selatan" took the
                # title's last word; it is the title's region
                region, j = overlap, _token_after(doc, overlap.end)
            while j < len(doc):
                m = by_start.get(doc[j].idx)
                if m is not None and self._is_state(m):
                    countries.append(m)
                    j = _token_after(doc, m.end)
                    if j + 1 < len(doc) and doc[j].lower_ in ("dan", ",") and len(countries) < 3:
                        nxt = by_start.get(doc[j + 1].idx)
                        if nxt is not None and self._is_state(nxt):
                            j += 1
                    continue
                if m is not None and m.type in ("LOC", "GPE", "ORG") and not countries and region is None:
                    region = m  # "Gubernur Jawa Tengah", "Kapolda Metro Jaya"
                    j = _token_after(doc, m.end)
                    continue
                if doc[j].text == "," and j + 1 in office_starts:
                    break  # "Ketua DPR, Ketua MPR, ...": a list of offices, each its own
                if doc[j].text in ("[", "]") or (doc[j].text == "," and j + 1 < len(doc) and doc[j + 1].text[:1].isupper()):
                    j += 1
                    continue
                if doc[j].text == "(" and j + 2 < len(doc) and doc[j + 2].text == ")" and j + 1 not in office_starts \
                        and (_is_acronym(doc[j + 1].text) or getattr(by_start.get(doc[j + 1].idx), "type", "") == "ORG"):
                    j += 3  # "Ketua Badan Pengawas Pemilu (Bawaslu) Kabupaten …": the body's short form
                    continue
                if doc[j].text in _PORTFOLIO_WORDS or doc[j].text in _REGION_WORDS or _title_complement(doc[j]):
                    if doc[j].text in _REGION_WORDS:
                        if region is None:
                            region = Mention(text=doc[j].text, start=doc[j].idx, end=doc[j].idx + len(doc[j].text),
                                             type="LOC", country="IDN", method="region")
                        elif region.method == "region" and region.end + 1 >= doc[j].idx:
                            region.end = doc[j].idx + len(doc[j].text)  # "Kutai Timur", "Jawa Barat"
                    j += 1
                    continue
                break
            country = countries[0].code if countries else (region.country if region is not None else None)
            name = by_start.get(doc[j].idx) if j < len(doc) else None
            titled.update(range(start, j))
            if name is not None and name.type == "PER":
                name.code = _holder_code(country or name.country or home, sector, region) or name.code
                _mark_title(mentions, doc[start].idx, name.start, countries, region)
                continue
            if office in ("regent", "mayor", "governor") and region is None and j + 3 <= len(doc) \
                    and all(_is_name_token(doc[x]) and doc[x].idx not in covered for x in range(j, j + 3)) \
                    and doc[j].text in _place_words(doc):
                # "Bupati Muna Rusman Emba": a regional head's title names the region first (decided
                # here, before the name is linked and its parts become short forms)
                j += 1
            elif region is None and 0 < j < len(doc) and doc[j - 1].text in _REGION_NOUNS:
                # "Ketua Bawaslu Kabupaten Boven Digoel Frans Asek": a region no gazetteer here lists
                # takes the first of three capitalised words, the first two of four
                n = 0
                while j + n < len(doc) and n < 4 and _is_name_token(doc[j + n]) and doc[j + n].idx not in covered:
                    n += 1
                j += 2 if n == 4 else 1 if n == 3 else 0
            new = self._unlisted_name(doc, j, covered)
            if new is not None and self._ordinary_words(new[0]):
                new = None  # "Pegiat Sapi Lokal", "Sedap Malam": words of the title or a thing, no one's name
            if new is not None:
                text, s_char, e_char = new
                hit = self.kb.fuzzy(text, type="PER")
                entity = hit[0] if hit else None
                code_country = country or (entity.country if entity else None) or home
                out.append(Mention(text=text, start=s_char, end=e_char, type="PER",
                                   entity_id=entity.id if entity else None,
                                   canonical_name=entity.canonical_name if entity else None,
                                   country=code_country, code=_holder_code(code_country, sector, region),
                                   method="fuzzy" if entity else "title"))
                covered.update(range(s_char, e_char))
                _mark_title(mentions, doc[start].idx, s_char, countries, region)
                continue
            title_start = doc[start].idx
            # the body an office title names ("TNI" of "Panglima TNI", "KPK" of "Ketua KPK") does
            # not hide the office, it is part of its title
            own_bodies = [m for m in mentions if m.type == "ORG" and title_start <= m.start
                          and m.end <= doc[end - 1].idx + len(doc[end - 1].text)]
            body_chars = {i for m in own_bodies for i in range(m.start, m.end)}
            if any(i in covered and i not in body_chars for i in range(title_start, doc[end - 1].idx + 1)):
                continue
            if own_bodies and j < len(doc) and _is_name_token(doc[j]) and doc[j].idx not in covered:
                continue  # "Kepala Kepolisian Respr Kota Sidoarjo": the title goes on in words we cannot read
            if j in office_starts:
                if sector in ("COP", "MIL", "JUD", "SPY"):
                    inherited[j] = sector
                continue  # "Kepala Kepolisian Daerah Metro Jaya Inspektur Jenderal M Fadil Imran": the rank names him
            if not countries and region is not None and region.country and sector:
                # "Bupati Sidoarjo", "Kapolda Metro Jaya": an official we cannot name
                e_char = region.end
                out.append(Mention(text=doc_text(doc)[title_start:e_char], start=title_start, end=e_char, type="PER",
                                   country=region.country, code=region.country + sector, method="role"))
                region.method = (region.method or "") + "+title"
                continue
            if not countries:
                # an unnamed, capitalised unique office stands for its holder at home
                if office in _UNIQUE_OFFICES and doc[start].text[:1].isupper() and not doc[start].is_sent_start \
                        and home and self.kb.has_office(office, home):
                    # the KB may not know who held it then ("Kapolri" in 2020): the office, unnamed
                    holder = self.kb.office_holder(office, home, on.isoformat() if on else None, named)
                    e_char = doc[end - 1].idx + len(doc[end - 1].text)
                    out.append(Mention(text=doc_text(doc)[title_start:e_char], start=title_start, end=e_char, type="PER",
                                       entity_id=holder.id if holder else None,
                                       canonical_name=holder.canonical_name if holder else None,
                                       country=home, code=home + (sector or "GOV"), method="role"))
                    for m in own_bodies:
                        m.method = (m.method or "") + "+title"
                continue
            for n, c in enumerate(countries):
                # "para pemimpin Iran, Turki dan Suriah": one holder per country, the title on the first
                if n > 0:  # the later countries stand for their holders in place
                    c.code, c.method = c.code + (sector or "GOV"), (c.method or "") + "+role"
                    continue
                holder = self.kb.office_holder(office, c.code, on.isoformat() if on else None, named)
                out.append(Mention(text=doc_text(doc)[title_start:c.end], start=title_start, end=c.end, type="PER",
                                   entity_id=holder.id if holder else None,
                                   canonical_name=holder.canonical_name if holder else None,
                                   country=c.code, code=c.code + (sector or "GOV"), method="role"))
                c.method = (c.method or "") + "+title"
        return sorted(out, key=lambda m: (m.start, -m.end))

    def _is_state(self, m: Mention) -> bool:
        """A country, not a capital standing for one ("Gubernur DKI Jakarta" is not Indonesia's)."""
        if not stands_for_state(m):
            return False
        entity = self.kb.get(m.entity_id) if m.entity_id else None
        return entity is None or entity.code == entity.country

    @staticmethod
    def _unlisted_name(doc: Doc, j: int, covered: set[int]) -> tuple[str, int, int] | None:
        """A capitalised name of 2-4 words at token j that no mention covers ("Juliari Batubara");
        one word will do when a comma or a speech verb follows it."""
        span = EntityLinker._name_at(doc, j, covered)
        if span is None or (len(span) < 2 and not (span.end < len(doc) and doc[span.end].text in (",", "mengatakan", "menyatakan"))):
            return None
        return span.text, span.start_char, span.end_char

    def _speaking_names(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """People the KB does not know, named by how news reports their speech or introduces them
        (unlinked, no actor code: we do not know whom they speak for):
        - 'Budi Santoso mengatakan ...': a capitalised name of 2-4 words right before a speech verb;
        - '“...,” jelas Fadil.': a capitalised name of 1-4 words right after a quote's cue verb;
        - 'Trismiati (37), warga Desa ...': a capitalised name of 1-3 words before an age."""
        covered = {i for m in mentions for i in range(m.start, m.end)}
        out = list(mentions)
        towns = {m.start: k for k, m in enumerate(out) if m.method == "geonames"}
        for tok in doc:
            if tok.text == "(" and tok.i + 2 < len(doc) and doc[tok.i + 1].text.isdigit() \
                    and len(doc[tok.i + 1].text) <= 2 and doc[tok.i + 2].text == ")":
                # not initials ("AS (28)": one new entity "AS" for every suspect so written), a
                # month ("Juli (17)") or a law's clause ("Pasal 5 Ayat (1)")
                start = _name_start_before(doc, tok.i, covered, 3, lambda t: (
                    t.is_alpha and not t.text.isupper() and t.lower_ not in FULL_MONTHS and t.lower_ not in WEEKDAYS
                    and t.text not in _LEGAL_PARTS))
                span = doc[start: tok.i]
                if span and not (start > 0 and doc[start - 1].text in _LEGAL_PARTS) and not _has_non_name_word(span):
                    out.append(Mention(text=span.text, start=span.start_char, end=span.end_char, type="PER",
                                       method="name"))
                    covered.update(range(span.start_char, span.end_char))
                continue
            if tok.lower_ in CUE_STEMS and _after_quote(doc, tok.i):
                span = self._name_at(doc, tok.i + 1, covered)
                if span is not None:
                    out.append(Mention(text=span.text, start=span.start_char, end=span.end_char, type="PER",
                                       method="name"))
                    covered.update(range(span.start_char, span.end_char))
                continue
            if tok.lower_ not in SPEECH_VERBS:
                continue
            k = tok.i - 1
            if k >= 0 and doc[k].is_sent_start and doc[k].idx in towns:
                # a town's name opening the sentence of a speech verb is a person's: "Hebi
                # menjelaskan" (Hebi, China), "Panji mengatakan"
                town = out[towns[doc[k].idx]]
                out[towns[doc[k].idx]] = Mention(text=town.text, start=town.start, end=town.end, type="PER",
                                                 method="name")
                continue
            if k >= 0 and doc[k].text == ",":
                k -= 1
            end = k + 1
            start = _name_start_before(doc, end, covered, 4)
            while start < end and _title_complement(doc[start]):
                start += 1  # "[Kemenkes] Siti Nadia Tarmizi mengatakan"
            if end - start < 2:
                continue
            span = doc[start:end]
            if _has_non_name_word(span):
                continue
            out.append(Mention(text=span.text, start=span.start_char, end=span.end_char, type="PER", method="name"))
            covered.update(range(span.start_char, span.end_char))
        return sorted(out, key=lambda m: (m.start, -m.end))

    def _trained_names(self, doc: Doc, mentions: list[Mention], on: dt.date | None) -> list[Mention]:
        """Names the trained NER finds where no KB alias or rule found anything. The KB links
        them when it knows them under another spelling (fuzzy); the others keep the NER's type.
        Kept only when they look like names in running text: one line, capitalised, not a
        common word on its own (the NER learnt partly from lowercased text and over-reaches)."""
        ner = self.recognizer.ner
        if ner is None:
            return mentions
        covered = {i for m in mentions for i in range(m.start, m.end)}
        out = list(mentions)
        for ent in _ner_entities(doc, ner, covered):
            # a title, a group noun or the end of a firm's name the NER took in ("Aktivis Haris Azhar",
            # "[Bank Central Asia] Tbk Jahja Setiaatmadja"): the name starts after it
            lead = 0
            while lead < len(ent) - 1 and (ent[lead].lower_ in _TITLE_WORDS or ent[lead].lower_ in self.recognizer.sectors
                                           or ent[lead].lower_ in _COMPANY_SUFFIXES):
                lead += 1
            if lead == 0 and ent.label_ == "PER" and _common_word_before_name(doc, ent, self.recognizer.ordinary_word):
                lead = 1  # "Pandangan Retno bukan …", "Baik Bambang maupun …": a sentence's first word
            office = lead < len(ent) - 1 and ent[lead].text in _OFFICE_OF
            if office:
                lead += 1  # "kantor Bursa Efek Indonesia": the office's owner, a body whatever the NER said
            if lead:
                ent = Span(doc, ent.start + lead, ent.end, label="ORG" if office and ent.label_ == "LOC" else ent.label_)
            text = ent.text
            places = self._places_in_name(ent, out) if ent.label_ in ("ORG", "LOC") else []
            place_chars = {i for m in places for i in range(m.start, m.end)}
            if (ent.label_ not in ("PER", "ORG", "LOC") or "\n" in text or len(text) < 3
                    or any(i in covered and i not in place_chars for i in range(ent.start_char, ent.end_char))
                    or not all(_is_name_token(t) or _is_particle(doc, t.i) or t.text in ("-", "'") for t in ent)
                    or ent[0].text in _FUNCTION_WORDS or ent[0].lower_ in _TITLE_WORDS
                    or (len(ent) == 1 and (ent[0].lower_ in common_words() or ent[0].is_sent_start
                                           or ent[0].lower_ in FULL_MONTHS or ent[0].lower_ in WEEKDAYS))
                    or _has_non_name_word(ent, person=ent.label_ == "PER") or any(t.lower_ in _NOT_NER_NAMES for t in ent)
                    or ent[0].lower_ in _DOCUMENT_HEADS or _names_a_vehicle(doc, ent.start)):
                continue
            hit = self.kb.fuzzy(text) if len(text) >= 5 else None
            entity = hit[0] if hit is not None else None
            label = ent.label_
            if ent.start > 0 and doc[ent.start - 1].lower_ in PLACE_NOUNS:
                label = "LOC"  # "kota Kherson", "provinsi Idlib": a place, whatever type the NER guessed
            elif label == "PER" and len(ent) >= 2 and _is_acronym(ent[0].text) and not ent[0].text.startswith("I") \
                    and not ent.text.isupper():
                # an acronym opening a "person" is a body or a firm: "KAI Commuter", "OCBC NISP", "PO
                # Pahala Kencana", "KRI Rigel" (a ship, not a person); not a Balinese name
                # abbreviated ("IGN Suriastawa" is I Gusti Ngurah Suriastawa), nor a name in capitals
                # ("WINDORO ADI", a byline)
                label = "ORG"
            mention = self._mention(ent, entity, "ner+kb" if entity else "ner", label, on)
            if places:
                mention.country = mention.country or places[0].country
                for m in places:
                    m.method = (m.method or "") + "+owner"
            if label == "ORG" and entity is None and not mention.code:
                sector = _ORG_HEADS.get(ent[0].text)
                if sector and not any(t.text in _INTERNATIONAL_WORDS for t in ent):
                    # an Indonesian head word names an Indonesian body ("PT Conwood Indonesia",
                    # "Universitas Gadjah Mada", "RS Bhayangkara Palembang"): coded, as GDELT would
                    mention.country = mention.country or "IDN"
                    mention.code = mention.country + sector
            out.append(mention)
            covered.update(range(ent.start_char, ent.end_char))
        return sorted(out, key=lambda m: (m.start, -m.end))

    @staticmethod
    def _places_in_name(ent: Span, mentions: list[Mention]) -> list[Mention]:
        """The places inside an organisation's name that the NER found whole ("Universitas
        Indonesia", "PT Kereta Api Indonesia", "Dinkes Indramayu"; 213 on the bench corpus): the
        KB's place names had split it, and 'Indonesia' alone would act for the state. Only when
        every mention the name overlaps is a place inside it, after its first word; a known
        organisation in it ("KPU Sidoarjo") keeps the KB's reading."""
        overlapping = [m for m in mentions if m.start < ent.end_char and ent.start_char < m.end]
        if overlapping and all(m.type in ("LOC", "GPE") and ent.start_char < m.start and m.end <= ent.end_char
                               for m in overlapping):
            return overlapping
        return []

    @staticmethod
    def _name_at(doc: Doc, i: int, covered: set[int]) -> Span | None:
        """A capitalised name of 1-4 words starting at token i that no mention covers."""
        k = i
        while k < len(doc) and k - i < 4 and doc[k].idx not in covered and (
                (_is_name_token(doc[k]) and doc[k].text not in _FUNCTION_WORDS and _APOSTROPHE_WORD.match(doc[k].text))
                or (k > i and _is_particle(doc, k))):
            k += 1
        if k == i or doc[i].lower_ in PERSON_PRONOUNS or doc[i].lower_ in _TITLE_WORDS:
            return None
        span = _past_leading_body(doc[i:k])
        return None if span is None or _has_non_name_word(span) else span

    def _institutions(self, doc: Doc, mentions: list[Mention], home: str | None) -> list[Mention]:
        """Unnamed state bodies: "Kementerian Sosial", "Polda Metro Jaya", "Pemprov DKI Jakarta"."""
        if not home:
            return mentions
        covered = {i for m in mentions for i in range(m.start, m.end)}
        places = {i for m in mentions if m.type in ("LOC", "GPE") for i in range(m.start, m.end)}
        people = {i for m in mentions if m.type == "PER" for i in range(m.start, m.end)}
        titled_names = {m.start for m in mentions if m.type == "PER" and (m.method or "").startswith("title")}
        out = list(mentions)
        words, starts = doc_words(doc), token_starts(doc)
        i = 0
        while i < len(doc):
            ministry = _is_ministry_short(words[i])  # alone, the ministry: "Kemensos", "Kominfo"
            sector = "GOV" if ministry else _INSTITUTION_HEADS.get(words[i])
            if sector is None or starts[i] in covered or (
                    words[i] in _PLACE_OR_OFFICE and i > 0 and doc[i - 1].lower_ in ("di", "ke", "dari", ",", "dan")):
                i += 1  # ("di Laut Awang, Mertak, Kecamatan Pujut": the district, not its office)
                continue
            tok = doc[i]
            if ministry:  # only its unit's acronym may follow: "Kemenpan RB", "Kemenkop dan UKM"
                k = i + 1
                while k < len(doc) and (_is_acronym(doc[k].text) or (
                        doc[k].lower_ == "dan" and k + 1 < len(doc) and _is_acronym(doc[k + 1].text))):
                    k += 1
            else:
                k = _institution_end(doc, i, starts, places, people)
            if k - i >= 2 or ministry:
                s_char, e_char = tok.idx, doc[k - 1].idx + len(doc[k - 1].text)
                inner = [m for m in mentions if s_char <= m.start < e_char and m.type in ("LOC", "GPE") and m.country]
                country = inner[0].country if inner else home  # "Kementerian Kesehatan Gaza" is Palestinian
                for m in mentions:
                    if s_char <= m.start < e_char:
                        m.method = (m.method or "") + "+owner"
                # "Kepala Kejaksaan Negeri Jakarta Selatan Anang Supriatna": the body is part of
                # the title of the official named after it, who acts, not the body
                titled = (i > 0 and doc[i - 1].lower_ in _TITLE_WORDS and k < len(doc)
                          and doc[k].text[:1].isupper() and doc[k].text not in _FUNCTION_WORDS) or (
                    k < len(doc) and starts[k] in titled_names)  # "Direktur Jenderal Perhubungan Darat Kemenhub Budi Setiyadi"
                out.append(Mention(text=doc_text(doc)[s_char:e_char], start=s_char, end=e_char, type="ORG",
                                   country=country, code=country + sector,
                                   method="institution+title" if titled else "institution"))
            i = max(k, i + 1)
        return sorted(out, key=lambda m: (m.start, -m.end))

    def _sector_phrases(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """'militer Turki' → TURMIL, 'pasukan pro Bashar' → SYRMIL, bare 'pemberontak' → REB."""
        by_start = {m.start: m for m in mentions}
        out = list(mentions)
        covered = {i for m in mentions for i in range(m.start, m.end)}
        for match_id, start, end in filter_spans_matches(self.recognizer.sector_matcher(doc)):
            noun = doc.vocab.strings[match_id][2:]
            sector = self.recognizer.sectors[noun]
            if doc[start].idx in covered or _inside_capitalised_name(doc, start):
                continue
            if (noun in _LOCAL_OFFICIALS or noun == "istana") and doc[start].text[:1].isupper() and end < len(doc) \
                    and doc[end].text[:1].isupper() and doc[end].text != "Kepresidenan":
                continue  # "Mundari, Camat Cilandak, …": his title; "dari Istana Merdeka": a building
            # skip adjectives/nouns between the sector noun and its owner: "pasukan pemerintah Suriah"
            j = end
            while j < len(doc) and j - end < 3 and doc[j].idx not in by_start and (
                    doc[j].lower_ in self.recognizer.sectors or doc[j].lower_ in (
                        "pro", "milik", "dukungan", "utama", "udara", "darat", "laut", "resmi", "khusus", "keamanan",
                        "bersenjata", "elite", "gabungan", "perdamaian", "koalisi", "sekutu")):
                j += 1
            owner = by_start.get(doc[j].idx) if j < len(doc) else None
            text_end = doc[end - 1].idx + len(doc[end - 1].text)
            # the owner is a state, a person or an organisation ("militer Turki", "pasukan pro
            # Bashar"); a town is a place ("pangkalan Qastun" is a base *at* Qastun)
            if owner is not None and owner.code and (owner.type != "LOC" or owner.code == owner.country):
                country = owner.code[:3] if owner.type != "PER" else (owner.country or owner.code[:3])
                if country:
                    owner.method = (owner.method or "") + "+owner"
                    out.append(Mention(text=doc_text(doc)[doc[start].idx:owner.end], start=doc[start].idx, end=owner.end,
                                       type="ORG", entity_id=None, canonical_name=None, country=country,
                                       code=country + sector, method="sector"))
                    continue
            bare_state = sector in ("GOV", "COP") and (noun in _BARE_STATE_NOUNS or doc[start].lower_ in _BARE_STATE_NOUNS)
            # "Nasrullah (40), warga Pamulang": where someone lives, not a group that acts
            appositive = doc[start].lower_ == "warga" and start > 1 and (
                doc[start - 1].text in (")", "(") or (doc[start - 1].text == "," and (
                    doc[start - 2].text == ")" or doc[start - 2].text[:1].isupper())))
            if (sector in _BARE_GROUP_SECTORS or bare_state) and doc[start].lower_ not in ("pos", "posisi") \
                    and not appositive:
                out.append(Mention(text=doc_text(doc)[doc[start].idx:text_end], start=doc[start].idx, end=text_end,
                                   type="ORG", code=sector, method="sector"))
        return sorted(out, key=lambda m: (m.start, -m.end))
