"""Finding candidate names in an article: KB aliases, fuzzy names and GeoNames towns
(`EntityRecognizer`), names the rules see by their shape and context, and the trained NER's names
in the sentences where a new name may still stand (`_ner_entities`)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from pantau import models
from pantau.models.gazetteer import ordinary, profiles_of
from pantau.kb import KnowledgeBase
from pantau.nlp import doc_text, doc_words, sentence_spans, token_starts
from pantau.time.lexicon import FULL_MONTHS, WEEKDAYS
from .lexicon import (
    PLACE_NOUNS, _COMMON_NOUN, _EXTRA_SECTOR_NOUNS, _FUNCTION_WORDS, _NOT_NAME, _NOT_NAME_OF_ANY, _NOT_NER_NAMES,
    _NOT_TOWNS, _PLACE_CONTEXT, _POLICE_BODIES, _PORTFOLIO_WORDS, _RANKS, _RANK_WORDS, _REGION_OR_RANK,
    _TITLE_BEFORE_NAME, _TITLE_OR_HONORIFIC, _TITLE_WORDS, _VEHICLE_NOUNS, _VESSEL_PREFIXES, _institution_word,
    _is_acronym, _is_direction, _is_name_token, _is_name_word, _title_complement, common_words,
)


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


def _place_words(doc: Doc) -> set[str]:
    """The words the article writes as places (after `_PLACE_CONTEXT`), found once per Doc: the
    gazetteer lacks many regencies ("Muna", "Tangsel")."""
    got = doc.user_data.get("pantau_place_words")
    if got is None:
        words = doc_words(doc)
        got = doc.user_data["pantau_place_words"] = {
            w for before, w in zip(words, words[1:]) if before.lower().rstrip(".") in _PLACE_CONTEXT}
    return got


def _after_quote(doc: Doc, i: int) -> bool:
    """Token i comes right after a closing quotation mark (and a comma): '…,” jelas Fadil'."""
    j = i - 1
    while j >= 0 and doc[j].text in (",", "."):
        j -= 1
    return j >= 0 and doc[j].text in ("”", '"')


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


def _age_after(doc: Doc, i: int) -> bool:
    """Token i is followed by an age in brackets: "AS (28)"."""
    if i + 3 >= len(doc):
        return False
    age = doc[i + 2].text
    return doc[i + 1].text == "(" and age.isdigit() and len(age) <= 2 and age[0] != "0" and doc[i + 3].text == ")"


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
