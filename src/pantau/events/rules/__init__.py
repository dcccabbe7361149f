"""The hand-written rule coder for Indonesian.

A trigger from the lexicon (data/triggers_id.tsv) opens an event; Indonesian morphology then
says where its participants are:
- meN- / bare verbs are active: the actor is the subject to the left, the recipient the object or
  a prepositional complement (dengan, terhadap, kepada, bagi, atas, melawan) to the right;
- di- verbs are passive: the actor follows ("oleh X", or X right after the verb), the recipient
  is the subject to the left;
- ber- verbs are often reciprocal: "Rusia dan Turki telah sepakat" codes RUS→TUR and TUR→RUS;
- nominalisations (pertemuan, penarikan, serangan, kesepakatan) take their actor from a genitive
  ("penarikan militer AS"), a support verb ("Rusia melancarkan serangan"), a list ("pertemuan
  antara Turki, Rusia, dan Suriah") or the subject of the clause they sit in ("kata Lavrov setelah
  pembicaraan dengan ...").

`RuleCoder.code` runs, for each sentence, triggers → participants by the rules → the parse's
check → the speaker's side for an act that names no actor → the event's modality, date, location
and sources. The modules, in that order (each imports only those above it):
- words.py: the word lists the rules read
- tokens.py: a trigger found in a sentence (`Hit`), which mention covers which token, small shared tests
- triggers.py: finding the lexicon's triggers, dropping those another event governs
- subjects.py: whether a clause names a subject the rules can read, or leaves it out
- speakers.py: reported speech: the quote, its speaker, pronouns, the speaker's side
- participants.py: actors and recipients of verbs (subject and object groups), groups' countries
- nominals.py: actors and recipients of event nouns
- parse.py: the dependency parse's reading of the roles, reconciled with the rules'
- context.py: modality, date, location and the source chain of an event
- __init__.py (this one): `RuleCoder`, which ties them together and builds the `Event`s
"""

from __future__ import annotations

from spacy.tokens import Doc

from pantau.events.coding import CameoInfo, actor_of, cameo_table
from pantau.events.lexicon import trigger_lexicon
from pantau.events.rules.context import date_of, location_of, modality_of, reported_by_of
from pantau.events.rules.nominals import nominal_participants
from pantau.events.rules.parse import check_with_parse, parsed_roles
from pantau.events.rules.participants import (blame_participants, passive_participants, place_groups,
                                              verb_participants)
from pantau.events.rules.speakers import may_lend_to_speaker, quote_at, speaker_fallback
from pantau.events.rules.tokens import Hit, named, sent_index, token_mentions, unique
from pantau.events.rules.triggers import drop_governed, find_triggers
from pantau.events.rules.words import AGENTLESS_OK, MONADIC_OK, PATIENT_GENITIVE_CODES, PLACE_TARGET_TYPES
from pantau.model import Document, Event, Evidence, Mention, Place, Quote
from pantau.nlp import sentence_spans, syntax

__all__ = ["RuleCoder"]


class RuleCoder:
    """The rule coder as a spaCy component (the "pantau_events" factory in `pantau.events`):
    sets `document.events` of each article."""

    def __init__(self, use_parse: bool = True):
        self.lexicon = trigger_lexicon()
        self.cameo = cameo_table()
        self.use_parse = use_parse  # off: the rules alone (to measure what the parse adds)

    def __call__(self, doc: Doc) -> Doc:
        document: Document = doc._.document
        if document is not None:
            document.events = [event for event, _start, _end in self.code(doc, document)]
        return doc

    def code(self, doc: Doc, document: Document) -> list[tuple[Event, int, int]]:
        """The events the rules find, each with its trigger's token span (start, end)."""
        places: dict = doc.user_data.get("pantau_places", {})
        tok_mention = token_mentions(doc, document.mentions)
        self._last: tuple[int, list[Mention]] | None = None  # (sentence start, actors) of the last verb coded
        hits = [hit for sent in sentence_spans(doc)
                for hit in drop_governed(doc, find_triggers(doc, sent.start, sent.end))]
        parses = syntax.parses(doc) if self.use_parse else None
        if parses is not None:  # the sentences holding a trigger are parsed in one batch, now
            parses.prefetch(hit.start for hit in hits if hit.trigger.kind in ("V", "R", "P", "N"))
        events: list[Event] = []
        spans: dict[int, tuple[int, int]] = {}  # id(event) → its trigger's token span
        for hit in hits:
            for event in self._code(doc, document, hit, tok_mention, places):
                spans[id(event)] = (hit.start, hit.end)
                events.append(event)
        return [(e, *spans[id(e)]) for e in dedupe(events, document.id)]

    def _code(self, doc: Doc, document: Document, hit: Hit, tok_mention, places) -> list[Event]:
        """The events of one trigger: its participants as the rules read them, checked against the
        parse, lent to the speaker's side where none acts; kept if the type is worth coding with
        them, and dressed with modality, date, location and sources."""
        info = self.cameo.get(hit.trigger.code)
        if info is None:
            return []
        kind = hit.trigger.kind
        quote = quote_at(document, doc[hit.start].idx)
        read = self._rule_participants(doc, document, hit, info, tok_mention, quote, places)
        if read is None:
            return []
        actors, recipients = read
        parsed = None
        if self.use_parse and (kind in ("V", "R", "P") or (kind == "N" and not actors)):
            # (for event nouns the parse only fills a missing actor: the parser attaches their
            # genitives and complements too unreliably to check the rules, and parsing every
            # sentence with an event noun costs a fifth of the throughput)
            parsed = parsed_roles(doc, hit, tok_mention)
            if parsed is not None:
                actors, recipients = check_with_parse(doc, hit, tok_mention, actors, recipients, parsed)
        possessive = parsed is not None and parsed[0].possessive
        if not actors and may_lend_to_speaker(doc, hit, tok_mention, recipients, possessive):
            actors = speaker_fallback(document, doc, hit, quote, info, possessive_subject=possessive)
        if actors and kind in ("V", "R"):
            self._last = (hit.sent_start, actors)
        actors, recipients = _settled(doc, document, hit, places, actors, recipients)
        location = location_of(doc, hit, document, places)
        recipients = _with_host(hit, info, actors, recipients, location)
        if not _worth_coding(hit, info, actors, recipients):
            return []
        return _events(doc, document, hit, info, quote, actors, recipients, location)

    def _rule_participants(self, doc: Doc, document: Document, hit: Hit, info: CameoInfo, tok_mention,
                           quote: Quote | None, places: dict) -> tuple[list[Mention], list[Mention]] | None:
        """Actors and recipients as the rules read them, by the trigger's kind; None: no event."""
        kind = hit.trigger.kind
        if kind == "B":
            return blame_participants(doc, document, hit, tok_mention, quote)
        if kind == "N":
            return nominal_participants(doc, document, hit, tok_mention, quote)
        if kind == "P":
            return passive_participants(doc, document, hit, info, tok_mention, quote, places)
        last = self._last[1] if self._last and self._last[0] == hit.sent_start else None
        return verb_participants(doc, document, hit, info, tok_mention, quote, last)


def _settled(doc: Doc, document: Document, hit: Hit, places: dict, actors: list[Mention],
             recipients: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """The participants to code: groups given a country, only those with a code or an entity,
    each once, and no recipient who is also an actor."""
    placed = place_groups(actors + recipients, doc, (hit.sent_start, hit.sent_end), document, places)
    actors, recipients = placed[:len(actors)], placed[len(actors):]
    actors = unique([a for a in actors if named(a)])
    recipients = unique([r for r in recipients if named(r) and all(
        r.start != a.start and (r.entity_id is None or r.entity_id != a.entity_id) for a in actors)])
    return actors, recipients


def _with_host(hit: Hit, info: CameoInfo, actors: list[Mention], recipients: list[Mention],
               location: Place | None) -> list[Mention]:
    """The recipients of a visit or an attack, with the state of the place where it happened
    when no one else is named."""
    trig = hit.trigger
    if "visit" in trig.flags:
        # a visit's recipient is the host: "kunjungan ke sebuah pangkalan Rusia di Suriah" is a
        # visit to Syria, not to the visitor's own base
        recipients = [r for r in recipients if not r.text.lower().startswith(("pangkalan", "pos", "posisi"))]
    if "visit" in trig.flags or info.plover in PLACE_TARGET_TYPES:
        # "serangan udara terhadap Jalur Gaza": an attack on a place is an attack on its state
        if not recipients and location is not None and location.country and actors and \
                location.country != (actors[0].country or "IDN"):
            # (a visitor of unknown country is taken for an Indonesian, this being the Indonesian
            # press: Joko's visit to "Kelurahan Grogol Selatan" is to no state, his to Paris is)
            recipients = [Mention(text=location.text or location.name, start=0, end=0, type="LOC",
                                  country=location.country, code=location.country, method="host")]
    return recipients


def _worth_coding(hit: Hit, info: CameoInfo, actors: list[Mention], recipients: list[Mention]) -> bool:
    """Whether the event's type may be coded with these participants (MONADIC_OK, AGENTLESS_OK)."""
    trig, kind = hit.trigger, hit.trigger.kind
    if not actors and not (recipients and info.plover in AGENTLESS_OK and (
            kind == "P" or (kind == "N" and trig.code in PATIENT_GENITIVE_CODES))):
        return False
    if "visit" in trig.flags and not recipients and all((a.code or "").endswith("CVL") and a.method == "sector"
                                                        for a in actors):
        return False  # "kunjungan wisatawan merosot", "warga berkunjung ke mal": tourism and errands
    if not recipients and info.plover not in MONADIC_OK:
        return False
    return True


def _events(doc: Doc, document: Document, hit: Hit, info: CameoInfo, quote: Quote | None, actors: list[Mention],
            recipients: list[Mention], location: Place | None) -> list[Event]:
    """The trigger's `Event`s: one, or for a reciprocal act whose actors name no recipient, one
    for each actor, the others its recipients."""
    kind = hit.trigger.kind
    reciprocal = kind == "R" or (kind == "N" and info.plover in ("CONSULT", "AGREE", "COOPERATE"))
    pairs: list[tuple[list[Mention], list[Mention]]]
    if reciprocal and not recipients and len(_distinct(actors)) >= 2:
        pairs = [([a], [b for b in actors if b is not a]) for a in actors]
    else:
        pairs = [(actors, recipients)]
    sentence = document.sentences[sent_index(document, doc[hit.start].idx)]  # stripped of whitespace
    modality = modality_of(doc, hit, quote)
    date = date_of(document, doc, hit, actors)
    reported_by = reported_by_of(document, doc, hit, quote)
    out = []
    for acts, recs in pairs:
        out.append(Event(
            id="", event_type=info.plover, cameo_code=info.code, goldstein=info.goldstein,
            quad_class=info.quad_class,
            actors=[actor_of(m) for m in acts], recipients=[actor_of(m) for m in recs],
            evidence=Evidence(doc_id=document.id, sentence=sentence.index, start=sentence.start,
                              end=sentence.end, text=sentence.text),
            trigger=doc[hit.start:hit.end].text, mode=info.mode or None, context=info.context or None,
            date=date[0], date_granularity=date[1], date_text=date[2], location=location,
            modality=modality, reported_by=reported_by,
            confidence=0.7 if any(m.method in ("speaker", "pronoun") for m in acts) else 0.8,
        ))
    return out


def _distinct(ms: list[Mention]) -> set:
    return {(m.entity_id or m.code) for m in ms}


def dedupe(events: list[Event], doc_id: str) -> list[Event]:
    """One event per (sentence, type, actors, recipients), each participant by its entity, else
    its code: two ministers who meet are two people even if both are IDNGOV. Ids are stable per
    article."""
    seen = set()
    with_recipients = {(ev.evidence.sentence, ev.event_type, tuple(a.entity_id or a.code for a in ev.actors))
                       for ev in events if ev.recipients}
    out = []
    for ev in events:
        key = (ev.evidence.sentence, ev.event_type, tuple(a.entity_id or a.code for a in ev.actors),
               tuple(r.entity_id or r.code for r in ev.recipients))
        if key in seen or (not ev.recipients and key[:3] in with_recipients):
            continue
        seen.add(key)
        ev.id = f"{doc_id}-e{len(out) + 1}"
        out.append(ev)
    return out
