"""Reported speech: the quote an event sits in, its speaker's mention, the participant a pronoun
stands for, and the speaker's side as the actor of an act that names none.

Reported speech ("mengklaim bahwa", "kata Lavrov", a quotation) changes modality and the source
chain (`context`), not the event; "kami", "kita", "pihaknya" in reported speech are the speaker's
side.
"""

from __future__ import annotations

from spacy.tokens import Doc

from pantau.entities import PERSON_PRONOUNS
from pantau.events.coding import CameoInfo
from pantau.events.rules.subjects import after_support_verb, in_unread_relative, subject_omitted
from pantau.events.rules.tokens import Hit, index_before, is_actor, sent_index
from pantau.events.rules.words import PLURAL_SECTORS, SPEAKER_SIDE, VERB_FORM
from pantau.model import Document, Mention, Quote
from pantau.quotes import resolve_pronoun


def quote_at(document: Document, pos: int) -> Quote | None:
    for q in document.quotes:
        if q.start <= pos < q.end:
            return q
    return None


def speaker_mention(document: Document, quote: Quote) -> Mention | None:
    """The speaker's mention: the last one before the quote ends, else the first after it
    ('"...," kata Menteri Luar Negeri Turki Mevlut Cavusoglu'); for a speaker named by a pronoun
    ("katanya", "Dia"), the mention the pronoun resolves to."""
    if quote.speaker_text and quote.speaker_text[:1].islower() or (quote.speaker_text or "").lower() in PERSON_PRONOUNS:
        m = resolve_pronoun(document, quote.start)
        if m is not None and (m.canonical_name or m.text) == quote.speaker_name:
            return m
    best = None
    for m in document.mentions:
        # a speaker without an entity is matched by its words: a person or a group ("tentara Suriah")
        if not (m.entity_id == quote.speaker_entity_id if quote.speaker_entity_id else m.text == quote.speaker_text):
            continue
        if m.start <= quote.end or best is None:
            best = m
        if m.start > quote.end:
            break
    if best is None:
        return None
    return Mention(text=quote.speaker_text or best.text, start=best.start, end=best.end, type=best.type,
                   entity_id=best.entity_id, canonical_name=best.canonical_name, country=best.country,
                   code=best.code, method="speaker")


def _set_off_speech(document: Document, quote: Quote) -> bool:
    """Reported speech set off by a comma: "X mengatakan, polisi ...", "Menurut X, ...". Its
    clause almost always has a subject of its own, often one the coder cannot read ("keluarga",
    "orang"): on the bench, lending its subjectless acts to the speaker gave wrong events ("Ade
    Ary Syam mengatakan, ... 4.224 orang melanggar aturan") far more often than right ones."""
    before = document.clean_text[max(0, quote.start - 8): quote.start]  # the comma and the space after it
    return quote.kind == "indirect" and (quote.cue == "menurut" or before.rstrip().endswith(","))


def pronoun_mention(document: Document, doc: Doc, tok, quote: Quote | None) -> Mention | None:
    """The participant a pronoun stands for, as a mention of the pronoun itself: the text is
    what the sentence says ("Kami"), the entity and code who it is (the speaker)."""
    w = tok.lower_
    if w in SPEAKER_SIDE:
        if w == "mereka" and quote is not None and quote.kind == "direct":
            m = None  # in the speaker's own words "mereka" are others; "kami" is his side
        elif quote is not None and quote.speaker_name:
            m = speaker_mention(document, quote)
        elif w == "pihaknya":  # "Turki menyatakan ... pihaknya berbicara": the sentence's subject
            sent = doc[tok.i].sent
            m = next((m for m in document.mentions if sent.start_char <= m.start < tok.idx and is_actor(m)
                      and not (m.code or "").endswith("MED")), None)
        elif w == "mereka" and quote is None:
            return _plural_antecedent(document, tok)
        else:
            m = None
        method = "speaker"
    else:
        m = resolve_pronoun(document, tok.idx)
        method = "pronoun"
    if m is None:
        return None
    return Mention(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), type=m.type,
                   entity_id=m.entity_id, canonical_name=m.canonical_name, country=m.country,
                   code=m.code, method=method)


def _plural_antecedent(document: Document, tok) -> Mention | None:
    """"Mereka" opening a sentence of narration (not a statement: there it is the speaker's
    others) stands for the group that was the subject of the sentence before: "Ratusan pelajar
    ditangkap polisi. Mereka ikut unjuk rasa ..." is the students. Only a group noun
    ("pelajar", "warga", "pengunjuk rasa"), and only when it opens that sentence's clause
    before its first verb; a person or an institution there is no "they"."""
    here = sent_index(document, tok.idx)
    if here == 0 or tok.idx != document.sentences[here].start:
        return None
    prev = document.sentences[here - 1]
    m = next((m for m in document.mentions if prev.start <= m.start < prev.end and is_actor(m)), None)
    if m is None or m.method != "sector" or (m.code or "")[-3:] not in PLURAL_SECTORS or any(
            VERB_FORM.match(w.strip(",.;:()“”\"").lower()) for w in document.clean_text[prev.start:m.start].split()):
        return None
    if any(n.type == "PER" and 0 <= n.start - m.end <= 1 for n in document.mentions):
        return None  # a person's title ("Guru Besar Fakultas Hukum UI Indriyanto Seno Adji"), no group
    return Mention(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), type=m.type, entity_id=m.entity_id,
                   canonical_name=m.canonical_name, country=m.country, code=m.code, method="pronoun")


def speaker_fallback(document: Document, doc: Doc, hit: Hit, quote: Quote | None, info: CameoInfo,
                     *, possessive_subject: bool = False) -> list[Mention]:
    """An event in reported speech with no subject of its own ("bahwa kesepakatan awal telah
    dicapai bagi Iran", "pertemuan negara dengan Suriah") is the speaker's side's act. So is
    one whose subject is a noun the speaker's -nya possesses, whatever its type ("tentara
    Suriah mengumumkan keberhasilannya merebut kembali ... Aleppo": the army retook it)."""
    if quote is None or not quote.speaker_name or _set_off_speech(document, quote) and not possessive_subject:
        return []
    if not possessive_subject and info.plover not in ("AGREE", "CONSULT", "COOPERATE", "SUPPORT", "REQUEST",
                                                      "REJECT"):
        return []
    m = speaker_mention(document, quote)
    return [m] if m else []


def may_lend_to_speaker(doc: Doc, hit: Hit, tok_mention, recipients: list[Mention], possessive: bool) -> bool:
    """Whether an act that names no actor may be the speaker's side's (`speaker_fallback`)."""
    # The speaker's side may take an act that names no actor: an event noun with a party or
    # a verb that makes it happen ("harus dicapai kesepakatan", not "Sering tidak ada dialog"),
    # a verb whose subject is left out or is the speaker's -nya ("Meminta masyarakat ...", not
    # "petugas keamanan juga berbicara", whose subject the coder could not read).
    # (nor, the rules' own subject test, in a relative clause whose head no one reads: "59.238
    # desa yang sudah menggelar musyawarah", "aplikasi … yang telah berkolaborasi dengan …")
    if hit.trigger.kind == "N":
        support = index_before(doc, hit) if after_support_verb(doc, hit) else None
        return bool(recipients) or (support is not None and not in_unread_relative(doc, support, hit.sent_start,
                                                                                   tok_mention))
    return possessive or (subject_omitted(doc, hit)
                          and not in_unread_relative(doc, hit.start, hit.sent_start, tok_mention))
