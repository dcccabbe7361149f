"""Finding triggers: the lexicon's words and phrases (data/triggers_id.tsv) in a sentence, each
checked against the words it requires and against a sense that is no act ("keperluan mendesak").

A trigger in a purpose/complement clause ("sepakat untuk mengoordinasikan", "harapannya agar
dilakukan perundingan") belongs to the event that governs it and is not coded again, except after
a directive ("memerintahkan pasukannya untuk mulai menarik diri" is the retreat).
"""

from __future__ import annotations

from spacy.tokens import Doc

from pantau.events.lexicon import Trigger, lexicon_word, trigger_lexicon
from pantau.events.rules.tokens import Hit
from pantau.events.rules.words import (CLAUSE_BREAKS, COMPLEMENT_TAKING, DEMAND_BEFORE, DEMAND_MOVES, DEMAND_OF,
                                       INTENTION_NOUNS, MANNER_NOUNS, NEEDS, NOUN_HEADS, OBSTACLES, PURPOSE)


def find_triggers(doc: Doc, start: int, end: int) -> list[Hit]:
    hits = []
    i = start
    while i < end:
        cands = trigger_lexicon().get(lexicon_word(doc[i]))
        found = None
        for trig in cands or ():
            n = len(trig.words)
            if matches(doc, i, trig, end):
                if trig.requires and not _required_follows(doc, i + n, end, trig.requires):
                    continue
                if n == 1 and _other_sense(doc, i, start, end):
                    continue
                found = Hit(trig, i, i + n, start, end)
                break
        if found:
            hits.append(found)
            i = found.end
        else:
            i += 1
    return hits


def drop_governed(doc: Doc, hits: list[Hit]) -> list[Hit]:
    """A trigger after 'untuk/agar' (or a speech complement 'harapannya agar') that follows
    another trigger in the same clause is part of that event. (After a directive verb, which
    is no trigger, the ordered act is the event: see `participants.directive_subject`.) Nor is an intention
    ("rencana untuk membantu") or an event noun that only describes a service or a place
    ("layanan konsultasi") an act: dropped here, before their sentences are parsed."""
    kept: list[Hit] = []
    blamed = False
    for hit in hits:
        if hit.trigger.kind == "B":
            if blamed:  # "Barat ... mengabaikan resolusi ... dan beralih ke agresi": one accusation
                continue
            blamed = True
        before = [t.lower_ for t in doc[max(hit.sent_start, hit.start - 3): hit.start]]
        if any(w in PURPOSE for w in before) and any(w in INTENTION_NOUNS for w in before):
            continue  # "rencana untuk membantu", "upaya untuk mencegah": an intention, not an act
        if hit.trigger.kind == "N" and before[-1:] and before[-1] in NOUN_HEADS:
            continue  # "layanan konsultasi UMKM", "ruang dialog": a service or a place, not an act
        if before[-1:] and before[-1] in MANNER_NOUNS:
            continue  # "cara bernegosiasi", "ajakan berdemonstrasi", "izin rapat": no act took place
        prev = kept[-1] if kept else None
        between = [t.lower_ for t in doc[prev.end: hit.start]] if prev else []
        purpose_at = next((i for i, w in enumerate(between) if w in PURPOSE), None)
        governed = purpose_at is not None and not any(w in CLAUSE_BREAKS for w in between[:purpose_at])
        if prev is not None and prev.trigger.code[:2] in COMPLEMENT_TAKING and hit.start - prev.end <= 2 \
                and not any(w in CLAUSE_BREAKS for w in between):
            # "sepakat memulihkan hubungan", "mengancam akan melancarkan operasi militer": what
            # was agreed or threatened, not a second event
            governed = True
        if governed and "directive" in prev.trigger.flags:
            kept[-1] = hit  # "memerintahkan pasukannya untuk mulai menarik diri" is the retreat
        elif not governed:
            kept.append(hit)
    return kept


def matches(doc: Doc, i: int, trig: Trigger, end: int | None = None) -> bool:
    """Trigger `trig` spells the tokens from i (before `end`), a final -nya aside."""
    n = len(trig.words)
    return i + n <= (len(doc) if end is None else end) and all(
        lexicon_word(doc[i + k]) == trig.words[k] or doc[i + k].lower_ == trig.words[k] for k in range(n))


def _required_follows(doc: Doc, i: int, end: int, requires: frozenset[str]) -> bool:
    """A trigger's `requires` (data/triggers_id.tsv) met from token i: one of its words within 4
    tokens, or, where it lists "Name", a capitalised word right at i."""
    if "Name" in requires and i < end and doc[i].text[:1].isupper() and doc[i].is_alpha:
        return True
    return any(lexicon_word(t) in requires for t in doc[i: min(end, i + 4)])


def _other_sense(doc: Doc, i: int, start: int, end: int) -> bool:
    """A one-word trigger used in a sense that is no act, read from the words beside it:
    "keperluan mendesak" (urgent, no one urges), "permintaan dari Jepang bisa mencapai 5.000 sapu"
    (demand, no request), "menemui kendala" (to run into, not to meet)."""
    w = doc[i].lower_
    if w == "mendesak":
        return i > start and doc[i - 1].lower_ in NEEDS
    if w == "permintaan":
        return _market_demand(doc, i, end)
    if w == "menemui":
        return i + 1 < end and doc[i + 1].lower_ in OBSTACLES
    return False


def _market_demand(doc: Doc, i: int, end: int) -> bool:
    """'permintaan' as demand: of goods or a market ("permintaan ekspor", "turunnya permintaan
    tenaga kerja"), or a quantity that moves ("permintaan dari AS saja bisa naik 6,5 persen")."""
    if (i + 1 < end and doc[i + 1].lower_ in DEMAND_OF) or (i > 0 and doc[i - 1].lower_ in DEMAND_BEFORE):
        return True
    return any(t.lower_ in DEMAND_MOVES for t in doc[i + 1:min(end, i + 9)])
