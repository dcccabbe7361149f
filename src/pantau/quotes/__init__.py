"""Quote detection and speaker attribution.

Three forms are recognised:
- direct, in quotation marks, with the cue after (“…,” kata Lavrov / ujar Putin / tuturnya)
  or before (Dia menambahkan, “…” / X mengatakan bahwa “…”);
- the colon form without marks (Dia lebih lanjut menjelaskan: Rusia mendukung …);
- indirect speech (X mengatakan bahwa …; …, kata menteri luar negeri Turki dan Rusia.).

Speakers named by pronoun ("Dia", "katanya"), demonstrative ("Pejabat Turki ini") or title
("Kepala dinas diplomatik Rusia") are resolved to the entity through the mentions that the
entities stage linked.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from pantau.entities import antecedent
from pantau.model import Document, Mention, Quote
from pantau.nlp import sentence_index

CUE_VERBS = ("kata", "ujar", "tutur", "tambah", "ucap", "jelas", "ungkap", "terang", "imbuh", "sebut", "tegas",
             "lanjut", "papar", "katanya", "ujarnya", "tuturnya", "tambahnya", "ucapnya", "jelasnya",
             "ungkapnya", "terangnya", "imbuhnya", "sebutnya", "tegasnya", "lanjutnya", "paparnya")
SPEECH_VERBS = ("mengatakan", "menambahkan", "menjelaskan", "menyatakan", "mengungkapkan", "menegaskan",
                "menyebutkan", "mengumumkan", "menuturkan", "memaparkan", "menerangkan", "mengklaim",
                "berkata", "bilang", "menekankan", "mengingatkan", "melaporkan", "menyampaikan", "mengakui",
                "membantah", "menuding", "menuduh", "memperingatkan", "mengutip")
_CUE_AFTER = re.compile(r"^\s*[,.]?\s*(?:\(?[a-z]+\)?\s+)?\b(" + "|".join(CUE_VERBS) + r")\b", re.I)
_PRONOUN = re.compile(r"^\s*(dia|ia|beliau)\b", re.I)
_SPEECH_BEFORE = re.compile(r"\b(" + "|".join(SPEECH_VERBS) + r")\b(?:\s+bahwa)?\s*[,:]?\s*$", re.I)
_COLON_CUE = re.compile(r"\b(" + "|".join(SPEECH_VERBS) + r")\b[^:“”\"\n]{0,200}?:\s+(?=[A-Z“\"])")
_INDIRECT = re.compile(r"\b(mengatakan|menyatakan|menegaskan|menjelaskan|mengungkapkan|menambahkan|mengklaim|"
                       r"menyebutkan|mengumumkan)\s+(bahwa\s+)?(?=[A-Za-z])")
_TRAILING_KATA = re.compile(r",\s+(kata|ujar|tutur|tambah|ungkap|tegas)\s+(?=\S)", re.I)
_DEMONSTRATIVE = re.compile(r"\b(pejabat|menteri|diplomat|presiden|politisi|jenderal)\s+([A-Z][a-z]+)\s+(ini|itu|tersebut)\b")
_QUOTE_PAIRS = re.compile(r"“([^“”]{3,2000}?)”|\"([^\"\n]{3,2000}?)\"")
_MIN_WORDS = 4  # shorter quoted strings are scare quotes or names (“M-4”, "teroris")


def find_direct_quotes(text: str) -> list[tuple[int, int]]:
    """Spans (content start, content end) of quotations of at least four words."""
    out = []
    for m in _QUOTE_PAIRS.finditer(text):
        g = 1 if m.group(1) is not None else 2
        content = m.group(g)
        if len(content.split()) >= _MIN_WORDS:
            out.append((m.start(g), m.end(g)))
    return out


class QuoteFinder:
    def __call__(self, doc: Doc) -> Doc:
        document: Document = doc._.document
        if document is None:
            return doc
        text = doc.text
        quotes: list[Quote] = []
        direct = find_direct_quotes(text)
        in_direct = lambda pos: any(s - 1 <= pos <= e + 1 for s, e in direct)  # noqa: E731
        for start, end in direct:
            quotes.append(self._attribute_direct(document, text, start, end, direct))
        quotes += self._colon_quotes(document, text, in_direct)
        quotes += self._indirect_quotes(document, text, in_direct, quotes)
        for q in quotes:
            q.sentence = sentence_index(document, q.start)
        document.quotes = sorted(quotes, key=lambda q: q.start)
        return doc

    # -- direct ---------------------------------------------------------------------------------
    def _attribute_direct(self, document: Document, text: str, start: int, end: int, direct) -> Quote:
        content = text[start:end].strip().rstrip(",").strip()
        after = text[end + 1: end + 160]
        cue = None
        speaker: Mention | None = None
        speaker_text = None
        m = _CUE_AFTER.match(after)
        if m and "\n" not in after[: m.start(1)]:
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
    def _colon_quotes(self, document: Document, text: str, in_direct) -> list[Quote]:
        out = []
        for m in _COLON_CUE.finditer(text):
            q_start = m.end()
            if in_direct(q_start) or text[q_start] in "“\"":
                continue
            q_end = text.find("\n", q_start)
            q_end = len(text) if q_end < 0 else q_end
            content = text[q_start:q_end].strip()
            if len(content.split()) < _MIN_WORDS:
                continue
            speaker, speaker_text = self._subject_before(document, text, m.start(1), [])
            out.append(_quote(content, q_start, q_start + len(content), "direct", m.group(1).lower(), speaker, speaker_text))
        return out

    # -- indirect -------------------------------------------------------------------------------
    def _indirect_quotes(self, document: Document, text: str, in_direct, found: list[Quote]) -> list[Quote]:
        out = []
        taken = [(q.start, q.end) for q in found]
        overlaps = lambda s, e: any(a < e and s < b for a, b in taken)  # noqa: E731
        for m in _INDIRECT.finditer(text):
            q_start = m.end()
            if in_direct(q_start) or text[q_start: q_start + 1] in "“\"":
                continue
            q_end = _sentence_end(text, q_start)
            content = text[q_start:q_end].strip()
            if len(content.split()) < _MIN_WORDS or overlaps(q_start, q_end):
                continue
            speaker, speaker_text = self._subject_before(document, text, m.start(1), [])
            if speaker is None:
                continue
            out.append(_quote(content, q_start, q_start + len(content), "indirect", m.group(1).lower(), speaker, speaker_text))
        # "<statement>, kata X." — the whole clause is reported speech.
        for m in _TRAILING_KATA.finditer(text):
            s_start = _sentence_start(text, m.start())
            if in_direct(m.start()) or overlaps(s_start, m.start()):
                continue
            speaker = _first_person_after(document, m.end(), limit=m.end() + 80)
            if speaker is None:
                continue
            content = text[s_start:m.start()].strip()
            if len(content.split()) < _MIN_WORDS:
                continue
            out.append(_quote(content, s_start, s_start + len(content), "indirect", m.group(1).lower(), speaker, speaker.text))
        return out

    # -- speaker resolution ---------------------------------------------------------------------
    def _pronoun(self, document: Document, pos: int, direct) -> Mention | None:
        """'Dia', 'katanya': the last person named outside a quotation before `pos`."""
        best = None
        for m in document.mentions:
            if m.start >= pos:
                break
            if m.type == "PER" and (m.entity_id or m.method == "role") and not any(s <= m.start < e for s, e in direct):
                best = m
        return best

    def _subject_before(self, document: Document, text: str, cue_pos: int, direct):
        """The speaker of a speech verb at `cue_pos`: the person (or title) named earlier in the
        same sentence, else a pronoun's antecedent."""
        sent_start = _sentence_start(text, cue_pos)
        clause = text[sent_start:cue_pos]
        demo = _DEMONSTRATIVE.search(clause)
        if demo:
            country = _country_of_word(document, sent_start + demo.start(2))
            m = antecedent(document, sent_start, country=country)
            if m is not None:
                return m, demo.group(0)
        candidates = [m for m in document.mentions if sent_start <= m.start < cue_pos and m.type == "PER"
                      and (m.entity_id or m.method == "role") and not any(s <= m.start < e for s, e in direct)]
        if candidates:
            # the subject is the first person of the clause ("Sergei Lavrov, Menteri ..., mengumumkan")
            return candidates[0], candidates[0].text
        p = _PRONOUN.match(clause) or re.search(r"\b(dia|ia|beliau)\s+\w*\s*$", clause, re.I)
        if p:
            return self._pronoun(document, sent_start, direct), p.group(1)
        return None, None


def _country_of_word(document: Document, pos: int) -> str | None:
    for m in document.mentions:
        if m.start == pos:
            return m.country or (m.code or "")[:3] or None
    return None


def _first_person_after(document: Document, pos: int, limit: int) -> Mention | None:
    for m in document.mentions:
        if pos <= m.start < limit and m.type == "PER" and (m.entity_id or m.method == "role"):
            return m
    return None


def _sentence_start(text: str, pos: int) -> int:
    cut = max(text.rfind("\n", 0, pos), *(text.rfind(p, 0, pos) for p in (". ", "! ", "? ", ".” ", '." ')))
    if cut < 0:
        return 0
    while cut < pos and not text[cut].isalnum() and text[cut] not in "“\"":
        cut += 1
    return cut


def _sentence_end(text: str, pos: int) -> int:
    m = re.compile(r"[.!?](?=\s|$)|\n").search(text, pos)
    return m.start() if m else len(text)


def _quote(content, start, end, kind, cue, speaker: Mention | None, speaker_text) -> Quote:
    return Quote(text=content, start=start, end=start + len(content), kind=kind, cue=cue,
                 speaker_entity_id=speaker.entity_id if speaker else None,
                 speaker_name=speaker.canonical_name if speaker else None,
                 speaker_text=speaker_text)


@Language.factory("pantau_quotes")
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()
