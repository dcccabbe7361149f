"""Quote detection and speaker attribution.

Three forms are recognised:
- direct, in quotation marks, with the cue after (“…,” kata Lavrov / ujar Putin / tuturnya)
  or before (Dia menambahkan, “…” / X mengatakan bahwa “…”);
- the colon form without marks (Dia lebih lanjut menjelaskan: Rusia mendukung …);
- indirect speech (X mengatakan bahwa …; X mengatakan, …; Menurut X, …; …, kata menteri luar
  negeri Turki dan Rusia.).

Speakers named by pronoun ("Dia", "katanya"), demonstrative ("Pejabat Turki ini") or title
("Kepala dinas diplomatik Rusia") are resolved to the entity through the mentions that the
entities stage linked. The speaker of a speech verb is the nearest person before it, unless the
dependency parse (`pantau.nlp.syntax`, for the cue's sentence only) gives the verb a subject that
this misses: an organisation or a group ("Para pemberontak mengatakan"), or a person before a
clause naming someone else ("Jokowi, yang didampingi Risma, mengatakan").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from pantau.entities import (CUE_VERBS, NOT_ACTING, PERSON_PRONOUNS, SPEECH_VERBS, antecedent, is_person,
                             stands_for_state)
from pantau.model import Document, Mention, Quote
from pantau.nlp import doc_text, sentence_index, syntax

_CUE_AFTER = re.compile(r"^\s*[,.]?\s*(?:\(?[a-z]+\)?\s+)?\b(" + "|".join(CUE_VERBS) + r")\b", re.I)
_PRONOUN = re.compile(r"^\s*(dia|ia|beliau)\b", re.I)
_SPEECH_VERB = re.compile(r"\b(" + "|".join(SPEECH_VERBS) + r")\b")
_SPEECH_BEFORE = re.compile(r"\b(" + "|".join(SPEECH_VERBS) + r")\b(?:\s+bahwa)?\s*[,:]?\s*$", re.I)
_COLON_CUE = re.compile(r"\b(" + "|".join(SPEECH_VERBS) + r")\b[^:“”\"\n]{0,200}?:\s+(?=[A-Z“\"])")
# "X mengatakan (bahwa) ..." with the verbs that take a clause directly, and "X mengatakan, ...",
# the commonest form of reported speech in Indonesian news (1,175 times in the 408 bench articles,
# against 212 without the comma): the comma sets the clause off, so any speech verb may take it
# ("menyampaikan, ...", "menilai, ..."). Group 1 or 2 is the verb.
_CLAUSE_VERBS = ("mengatakan", "menyatakan", "menegaskan", "menjelaskan", "mengungkapkan", "menambahkan", "mengklaim",
                 "menyebutkan", "mengumumkan")
_INDIRECT = re.compile(r"\b(?:(" + "|".join(_CLAUSE_VERBS) + r")\s+|(" + "|".join(SPEECH_VERBS) + r")\s*,\s+)"
                       r"(?:bahwa\s+)?(?=[A-Za-z])")
# "Menurut Chaidir, pemeriksaan ... dilakukan ...", "Menurutnya, ...": the source comes first. Only
# at the start of a sentence (after a connective at most), where the rest of it is what was said.
_ACCORDING_TO = re.compile(r"\b([Mm]enurut(?:nya)?)\b([^,.\n“”\"]{0,120}?),\s+(?=[A-Za-z])")
_CONNECTIVE = re.compile(r"^\s*(?:(?:Namun|Tetapi|Sementara itu|Selain itu|Lebih lanjut|Oleh karena itu|Karena itu|Untuk itu|"
                         r"Kendati demikian|Meski demikian|Adapun|Bahkan|Sebelumnya|Sedangkan),?\s*)?$")
_COMMA_AND_SPACE = re.compile(r",\s*")
_YANG = re.compile(r"\byang\b")
_TRAILING_KATA = re.compile(r",\s+(kata|ujar|tutur|tambah|ungkap|tegas)\s+(?=\S)", re.I)
_DEMONSTRATIVE = re.compile(r"\b([Pp]ejabat|[Mm]enteri|[Dd]iplomat|[Pp]residen|[Pp]olitisi|[Jj]enderal|[Pp]emimpin)\s+([A-Z][a-z]+)\s+(ini|itu|tersebut)\b")
_MAX_QUOTE = 2000  # characters in one quotation
_QUOTE_PAIRS = re.compile(rf"“([^“”]{{3,{_MAX_QUOTE}}}?)”|\"([^\"\n]{{3,{_MAX_QUOTE}}}?)\"")
# speech verbs with a common sense that is not speech, told apart by their direct object
NOT_SPEECH_WITH_OBJECT = {"menambahkan"}
_MIN_WORDS = 4  # shorter quoted strings are scare quotes or names (“M-4”, "teroris")


def find_direct_quotes(text: str) -> list[tuple[int, int]]:
    """Spans (content start, content end) of quotations of at least four words: in “…” or "…",
    and in ”…” (`_closing_mark_quotes`)."""
    out = []
    paired: list[tuple[int, int]] = []
    for m in _QUOTE_PAIRS.finditer(text):
        paired.append((m.start(), m.end()))
        g = 1 if m.group(1) is not None else 2
        content = m.group(g)
        if len(content.split()) >= _MIN_WORDS:
            out.append((m.start(g), m.end(g)))
    return sorted(out + _closing_mark_quotes(text, paired))


def _closing_mark_quotes(text: str, paired: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotations written with ” alone. Kompas's house style opens a quotation with ” as well
    (”Saya minta ...,” kata Presiden), and text split into one sentence per line, as scraped
    corpora often are, leaves that opening mark at the end of the previous sentence ("...
    membutuhkan bantuan.”\n\nSaya minta ...,” kata Presiden"): in the 408 bench articles 1,796
    of the 1,945 quotations closed before a speech cue open that way, and only 126 with “.
    The marks outside “…” pairs are read in order: one that starts a word or ends a line opens
    a quotation, the next one closes it. A closing mark with no opening one before it (the
    quotation's start was lost) opens nothing, so one lost mark does not shift the rest."""
    inside_pair = lambda pos: any(a <= pos < b for a, b in paired)  # noqa: E731
    out = []
    opened: int | None = None
    for m in re.finditer("”", text):
        pos = m.start()
        if inside_pair(pos):
            opened = None
            continue
        if opened is not None:
            raw = text[opened:pos]
            content = raw.strip()
            # without a cue after it, a quotation over several paragraphs is more likely a
            # lost mark read as an opening one than a speech
            cued = _CUE_AFTER.match(text[pos + 1: pos + 160]) is not None
            if len(content.split()) >= _MIN_WORDS and len(raw) <= _MAX_QUOTE and (cued or "\n" not in content) \
                    and not any(opened <= a < pos for a, _ in paired):
                start = opened + len(raw) - len(raw.lstrip())
                out.append((start, start + len(content)))
            opened = None
            continue
        after = text[pos + 1: pos + 3]
        if (after[:1].isalnum() or after[:1] == "\n" or after == " \n") and not _CUE_AFTER.match(text[pos + 1: pos + 60]):
            opened = pos + 1
    return out


class QuoteFinder:
    def __init__(self, use_parse: bool = True):
        self.use_parse = use_parse  # off: the rules alone (to measure what the parse adds)

    def __call__(self, doc: Doc) -> Doc:
        document: Document = doc._.document
        if document is None:
            return doc
        self._doc = doc
        text = doc_text(doc)
        direct = find_direct_quotes(text)
        in_direct = lambda pos: any(s - 1 <= pos <= e + 1 for s, e in direct)  # noqa: E731
        # Attribute in text order: "Dia" and "katanya" refer back to the last speaker.
        self._done: list[Quote] = []
        colon = self._colon_spans(text, in_direct)
        taken = list(direct) + [(c[0], _line_end(text, c[0])) for c in colon]
        pending = [(s, "direct", e) for s, e in direct] + colon + self._indirect_spans(document, text, in_direct, taken)
        for start, kind, extra in sorted(pending, key=lambda p: p[0]):
            if kind == "direct":
                q = self._attribute_direct(document, text, start, extra, direct)
            elif kind == "colon":
                q = self._attribute_colon(document, text, start, extra)
            else:
                q = self._attribute_indirect(document, text, start, kind, extra)
            if q is not None:
                q.sentence = sentence_index(document, q.start)
                self._done.append(q)
        _join_split_quotations(self._done, text)
        document.quotes = sorted(self._done, key=lambda q: q.start)
        return doc

    # -- direct ---------------------------------------------------------------------------------
    def _attribute_direct(self, document: Document, text: str, start: int, end: int, direct) -> Quote:
        raw = text[start:end]
        content = raw.strip().rstrip(",").strip()
        after = text[end + 1: end + 160]
        start += len(raw) - len(raw.lstrip())  # offsets of the stripped content
        cue = None
        speaker: Mention | None = None
        speaker_text = None
        m = _CUE_AFTER.match(after)
        # the cue on the next line only when that line starts with it in lowercase ("...!”\nkata
        # Budi Karya": a line break left by the scraper), not a new paragraph's "Kata Presiden"
        if m and ("\n" not in after[: m.start(1)] or after[m.start(1)].islower()):
            cue = m.group(1).lower()
            cue_end = end + 1 + m.end(1)
            if cue.endswith("nya"):
                speaker, speaker_text = self._pronoun(document, start, direct), cue
            else:
                rest = text[cue_end: cue_end + 120]
                if _PRONOUN.match(rest):
                    speaker, speaker_text = self._pronoun(document, start, direct), _PRONOUN.match(rest).group(1)
                else:
                    speaker = _first_person_after(document, cue_end, limit=cue_end + 100)
                    speaker_text = speaker.text if speaker else None
        else:
            before_start = max(text.rfind("\n", 0, start), 0)
            before = text[before_start: start - 1]
            b = _SPEECH_BEFORE.search(before)
            if b:
                cue = b.group(1).lower()
                cue_pos = before_start + b.start(1)
                speaker, speaker_text = self._subject_before(document, text, cue_pos, direct)
        return _quote(content, start, end, "direct", cue, speaker, speaker_text)

    # -- colon form -----------------------------------------------------------------------------
    def _colon_spans(self, text: str, in_direct) -> list[tuple[int, str, re.Match]]:
        out = []
        for m in _COLON_CUE.finditer(text):
            q_start = m.end()
            if in_direct(q_start) or text[q_start] in "“\"":
                continue
            out.append((q_start, "colon", m))
        return out

    def _attribute_colon(self, document: Document, text: str, q_start: int, m: re.Match) -> Quote | None:
        q_end = text.find("\n", q_start)
        q_end = len(text) if q_end < 0 else q_end
        content = text[q_start:q_end].strip()
        if len(content.split()) < _MIN_WORDS:
            return None
        # the cue is the last speech verb before the colon ("dengan mengklaim bahwa ..., mengatakan:")
        cues = list(_SPEECH_VERB.finditer(text, m.start(), q_start))
        cue = cues[-1] if cues else m
        speaker, speaker_text = self._subject_before(document, text, cue.start(1), [])
        return _quote(content, q_start, q_start + len(content), "direct", cue.group(1).lower(), speaker, speaker_text)

    # -- indirect -------------------------------------------------------------------------------
    def _indirect_spans(self, document: Document, text: str, in_direct, taken: list[tuple[int, int]]) -> list[tuple[int, str, tuple]]:
        """Reported speech not in quotation marks: "X mengatakan (bahwa) ..." and "..., kata X."."""
        out = []
        overlaps = lambda s, e: any(a < e and s < b for a, b in taken)  # noqa: E731
        for m in _INDIRECT.finditer(text):
            q_start = m.end()
            if in_direct(q_start) or text[q_start: q_start + 1] in "“\"":
                continue
            q_end = _sentence_end(document, q_start)
            verb = 1 if m.group(1) is not None else 2
            if len(text[q_start:q_end].split()) >= _MIN_WORDS and not overlaps(q_start, q_end):
                out.append((q_start, "indirect", (q_end, m.start(verb), m.group(verb).lower())))
        for m in _ACCORDING_TO.finditer(text):
            q_start, source_end = m.end(), m.end(2)
            if in_direct(m.start()) or not _CONNECTIVE.match(text[_sentence_start(document, m.start()): m.start()]):
                continue
            q_end = _sentence_end(document, q_start)
            # the name in apposition after a title ("menurut epidemiolog Universitas Airlangga,
            # Windhu Purnomo, otoritas ...") or a relative clause ("Menurut Fidelis Daor dari DPC
            # HPI, yang siang itu menjadi pemandu, belum ada ...") belongs to the source
            person = next((p for p in document.mentions if p.start == q_start and p.type == "PER"), None)
            if person is not None and text[person.end: person.end + 2].startswith(","):
                source_end, q_start = person.end, _COMMA_AND_SPACE.match(text, person.end).end()
            elif text.startswith("yang ", q_start):
                comma = text.find(", ", q_start, q_end)
                if comma < 0:
                    continue
                q_start = comma + 2
            if len(text[q_start:q_end].split()) >= _MIN_WORDS and not overlaps(q_start, q_end):
                out.append((q_start, "according", (q_end, m.start(1), m.start(2), source_end)))
        for m in _TRAILING_KATA.finditer(text):
            s_start = _sentence_start(document, m.start())
            if in_direct(m.start()) or overlaps(s_start, m.start()):
                continue
            if len(text[s_start:m.start()].split()) >= _MIN_WORDS:
                out.append((s_start, "trailing", (m.start(), m.end(), m.group(1).lower())))
        return out

    def _attribute_indirect(self, document: Document, text: str, q_start: int, kind: str, info: tuple) -> Quote | None:
        if kind == "indirect":
            q_end, cue_pos, cue = info
            speaker, speaker_text = self._subject_before(document, text, cue_pos, [])
            later = _BAHWA.search(text, q_start, min(q_end, q_start + 80))
            if later:  # "mengumumkan pada hari Selasa (31/1) bahwa ...": the statement follows "bahwa"
                q_start = later.end()
        elif kind == "according":
            q_end, cue_pos, source_start, source_end = info
            cue = "menurut"
            speaker, speaker_text = self._source(document, text, cue_pos, source_start, source_end)
        else:
            q_end, after, cue = info
            speaker = _first_person_after(document, after, limit=after + 80)
            speaker_text = speaker.text if speaker else None
        if speaker is None:
            return None
        content = text[q_start:q_end].strip()
        return _quote(content, q_start, q_start + len(content), "indirect", cue, speaker, speaker_text)

    # -- speaker resolution ---------------------------------------------------------------------
    def _source(self, document: Document, text: str, cue_pos: int, start: int, end: int):
        """Who "menurut ..." names: a pronoun's antecedent ("menurut dia", "menurutnya"), else the
        last person in the phrase ("Menurut Kepala Dinas Kesehatan Sulut Debie Kalalo"), else the
        widest organisation or group ("menurut Kementerian Kesehatan"); "menurut data" names no one."""
        phrase = text[start:end].strip()
        if text[cue_pos:start].lower().endswith("nya") or phrase.lower() in PERSON_PRONOUNS:
            return self._pronoun(document, cue_pos, []), phrase or "menurutnya"
        inside = [m for m in document.mentions if start <= m.start < end]
        persons = [m for m in inside if m.type == "PER" and is_person(m)]
        if persons:
            return persons[-1], persons[-1].text
        groups = [m for m in inside if (m.code or m.entity_id) and m.type == "ORG"
                  and not any(tag in (m.method or "") for tag in NOT_ACTING)]
        if groups:
            best = max(groups, key=lambda m: m.end - m.start)
            return best, best.text
        return None, None

    def _pronoun(self, document: Document, pos: int, direct) -> Mention | None:
        """'Dia', 'katanya': see `resolve_pronoun`."""
        return resolve_pronoun(document, pos, quotes=self._done, direct=direct)

    def _subject_before(self, document: Document, text: str, cue_pos: int, direct):
        """The speaker of a speech verb at `cue_pos`: the person (or title) named earlier in the
        same sentence, else a pronoun's antecedent."""
        sent_start = _sentence_start(document, cue_pos)
        clause = text[sent_start:cue_pos]
        demo = _DEMONSTRATIVE.search(clause)
        if demo:
            country = _country_of_word(document, sent_start + demo.start(2))
            m = antecedent(document, sent_start, country=country)
            if m is not None:
                return m, demo.group(0)
        candidates = [m for m in document.mentions if sent_start <= m.start < cue_pos and m.type == "PER"
                      and is_person(m) and not any(s <= m.start < e for s, e in direct)]
        # with a person before the verb the parse can only change the answer across a relative
        # clause (`_set_off`), so without "yang" the sentence need not be parsed
        needs_parse = self.use_parse and (not candidates or _YANG.search(clause) is not None)
        parsed = self._parsed_subject(document, cue_pos, direct) if needs_parse else None
        if parsed is not None and (not candidates or self._set_off(text, parsed, candidates[-1])):
            # the verb's subject per the parse: a speaker that is no person ("Kementerian Luar
            # Negeri China menyatakan"), or a person the nearest-name rule passes over because
            # another name sits in a clause between ("Lavrov, yang bertemu Shukri, mengatakan")
            return parsed, parsed.text
        if candidates:
            # the nearest person before the verb: "Selama konferensi ... dengan Sameh Shukri, Lavrov
            # mengatakan" is Lavrov's; an apposition ("Sergei Lavrov, Menteri Luar Negeri Rusia,
            # mengumumkan") ends in a title that resolves to the same person.
            return candidates[-1], candidates[-1].text
        p = _PRONOUN.match(clause) or re.search(r"\b(dia|ia|beliau)\s+\w*\s*$", clause, re.I)
        if p:
            return self._pronoun(document, sent_start, direct), p.group(1)
        return None, None


    def _parsed_subject(self, document: Document, cue_pos: int, direct) -> Mention | None:
        """The speech verb's subject in the dependency parse: the first named participant (a
        person, organisation or state the entities stage coded) in the subject's noun phrase."""
        doc = self._doc
        span = doc.char_span(cue_pos, cue_pos + 1, alignment_mode="expand")
        parses = syntax.parses(doc)
        if span is None or parses is None:
            return None
        # (a place speaks only as its state: "Rusia menyatakan", not "Kasatpol PP Surabaya ini mengungkapkan")
        named = [m for m in document.mentions if (m.code or m.entity_id) and m.start < cue_pos
                 and not any(tag in (m.method or "") for tag in NOT_ACTING)
                 and not any(s <= m.start < e for s, e in direct)
                 and not (m.type in ("LOC", "GPE") and not stands_for_state(m))]
        verb = parses.token(span.start)
        if verb.lower_ in NOT_SPEECH_WITH_OBJECT and any(c.dep_ == "obj" for c in verb.children):
            return None  # "kepolisian menambahkan aparat": adds officers, says nothing
        for head in syntax.subjects(verb):
            for tok in syntax.phrase(head):
                pos = doc[parses.index(tok)].idx
                # the outermost mention over the token: "tentara Suriah", not "Suriah"
                covering = [m for m in named if m.start <= pos < m.end]
                if covering:
                    return max(covering, key=lambda m: m.end - m.start)
        return None

    @staticmethod
    def _set_off(text: str, subject: Mention, nearest: Mention) -> bool:
        """`nearest` stands after `subject` inside a relative clause ("Jokowi, yang didampingi
        Risma, mengatakan"), so it is not the verb's subject. (Not mere commas: "Kepala Bandara
        Abdulrachman Saleh, Suharno, mengatakan" is Suharno's, an apposition.)"""
        if nearest.start <= subject.start or nearest.entity_id and nearest.entity_id == subject.entity_id:
            return False
        return _YANG.search(text, subject.end, nearest.start) is not None


def resolve_pronoun(document: Document, pos: int, *, quotes: list[Quote] | None = None,
                    direct: list[tuple[int, int]] | None = None) -> Mention | None:
    """What 'Dia', 'ia', 'katanya' at `pos` refer to in news prose:
    1. a person named earlier in the same sentence, outside quotation marks ("Putin singgah ...,
       di mana dia bertemu");
    2. else, going back sentence by sentence, the speaker of a statement attributed there, or the
       first person named there (the subject: Indonesian is SVO)."""
    quotes = document.quotes if quotes is None else quotes
    direct = direct if direct is not None else [(q.start, q.end) for q in quotes if q.kind == "direct"]
    outside = lambda m: not any(s <= m.start < e for s, e in direct)  # noqa: E731
    persons = [m for m in document.mentions if is_person(m) and outside(m)]
    here = sentence_index(document, pos)
    if here is None:
        return None
    sent = document.sentences[here]
    same = [m for m in persons if sent.start <= m.start < pos]
    if same:
        return same[-1]
    for k in range(here - 1, max(-1, here - 7), -1):
        s = document.sentences[k]
        spoken = [q for q in quotes if q.speaker_name and s.start <= q.start < s.end + 200 and q.start < pos]
        if spoken:
            last = spoken[-1]
            for m in reversed(persons):
                if m.start < pos and ((m.entity_id and m.entity_id == last.speaker_entity_id)
                                      or (not last.speaker_entity_id and m.text == last.speaker_text)):
                    return m
        named = [m for m in persons if s.start <= m.start < s.end]
        if named:
            # the subject is the person right before a verb ("..., Putin menilai"), not one in a
            # fronted phrase ("Mengenai serangan yang menewaskan Dubes Rusia Andrei Karlov, ...")
            subjects = [m for m in named if _VERB_AFTER.match(document.clean_text, m.end)]
            return (subjects or named)[0]
    return None


_VERB_AFTER = re.compile(r"\s+(?:(?:juga|pun|telah|sudah|akan|lalu|kemudian|lebih lanjut|kembali|sendiri)\s+)*(?:me|ber|di)[a-z]{3,}")


def _country_of_word(document: Document, pos: int) -> str | None:
    for m in document.mentions:
        if m.start == pos:
            return m.country or (m.code or "")[:3] or None
    return None


def _first_person_after(document: Document, pos: int, limit: int) -> Mention | None:
    for m in document.mentions:
        if pos <= m.start < limit and is_person(m):
            return m
    return None


def _sentence_start(document: Document, pos: int) -> int:
    """Where the sentence holding `pos` starts (the pipeline's sentences)."""
    idx = sentence_index(document, pos)
    return document.sentences[idx].start if idx is not None else 0


def _sentence_end(document: Document, pos: int) -> int:
    """Where the sentence holding `pos` ends, without its final punctuation."""
    idx = sentence_index(document, pos)
    if idx is None:
        return len(document.clean_text)
    sent = document.sentences[idx]
    return sent.end - 1 if sent.text[-1:] in ".!?" else sent.end


def _join_split_quotations(quotes: list[Quote], text: str) -> None:
    """A quotation cut in two by inner straight quotes ("Kami siap ... membunuh siapa saja "warga
    sipil ..." seperti ini ... tak benar," kata dia) takes the cue and speaker of the part that has
    them; a short quoted phrase with no cue is a scare quote or a title, not a quotation."""
    direct = [q for q in quotes if q.kind == "direct"]
    for a, b in zip(direct, direct[1:]):
        if a.speaker_name is None and b.speaker_name and b.start - a.end < 120:
            a.cue, a.speaker_entity_id, a.speaker_name, a.speaker_text = b.cue, b.speaker_entity_id, b.speaker_name, b.speaker_text
    quotes[:] = [q for q in quotes if not (q.kind == "direct" and q.cue is None and len(q.text.split()) < 8)]


_BAHWA = re.compile(r"\bbahwa\s+")


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _quote(content, start, _end, kind, cue, speaker: Mention | None, speaker_text) -> Quote:
    """A Quote whose offsets span `content` from `start` (the caller's end may include stripped space)."""
    return Quote(text=content, start=start, end=start + len(content), kind=kind, cue=cue,
                 speaker_entity_id=speaker.entity_id if speaker else None,
                 speaker_name=(speaker.canonical_name or speaker.text) if speaker else None,
                 speaker_text=speaker_text)


@Language.factory("pantau_quotes")
def make_quotes(nlp: Language, name: str, use_parse: bool = True) -> QuoteFinder:
    return QuoteFinder(use_parse=use_parse)
