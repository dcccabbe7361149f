"""The rules' view of a sentence: a trigger found in it (`Hit`), which mention covers which token,
and the small tests on tokens and mentions that the other rule modules share (is a mention a
possible participant, what stands before the trigger past its adverbs, ...).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc

from pantau.entities import NOT_ACTING
from pantau.events.lexicon import Trigger
from pantau.events.rules.words import ADVERBS
from pantau.model import Document, Mention
from pantau.nlp import sentence_index, token_starts


@dataclass
class Hit:
    """A trigger found in a sentence: its token span [start, end) and its sentence's [sent_start, sent_end)."""

    trigger: Trigger
    start: int  # token index
    end: int
    sent_start: int
    sent_end: int


def token_mentions(doc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
    """token index → the outermost actor-bearing mention starting at (or covering) it."""
    starts = token_starts(doc)
    out: dict[int, Mention] = {}
    for m in sorted(mentions, key=lambda m: -(m.end - m.start)):
        i = bisect.bisect_left(starts, m.start)
        if i == len(starts) or starts[i] != m.start:
            continue
        j = i
        while j < len(starts) and starts[j] < m.end:
            if j not in out:
                out[j] = m
            j += 1
    return out


def token_of(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def is_actor(m: Mention) -> bool:
    """Mentions that can take part in an event: not a modifier of a title or a group ("Menteri
    Pertahanan *Turki* Hulusi Akar", "militer *Turki*"), not the dateline, not a place that
    only names a place ("Jakarta" at home)."""
    method = m.method or ""
    return named(m) and not any(tag in method for tag in NOT_ACTING)


def named(m: Mention) -> bool:
    """A participant an event can be coded with: one with a CAMEO code, or a person or an
    organisation the entities stage identified without one ("Ellen Tangkudung", recognised by
    the NER): the event keeps its name and entity id and leaves the code empty, as GDELT does
    for actors it cannot code."""
    return bool(m.code) or (m.type in ("PER", "ORG") and bool(m.entity_id))


def in_title(m: Mention | None) -> bool:
    return m is not None and "+title" in (m.method or "")


def state_body(m: Mention) -> bool:
    """A participant coded as part of a state: government, police, army, courts, parliament, spies."""
    return (m.code or "")[3:6] in ("GOV", "COP", "MIL", "JUD", "LEG", "SPY")


def is_locative(doc: Doc, m: Mention, tok_mention) -> bool:
    """A place after di/dari/ke, or a name with no code after hingga/sampai ("berada di atas kapal
    hingga Gili"; "hingga Rusia menarik pasukannya" is "so that" and Russia its subject)."""
    i = token_of(doc, m.start)
    if i == 0:
        return False
    prev = doc[i - 1].lower_
    return (prev in ("di", "dari", "ke") and not (m.code or "")[3:]) or (prev in ("hingga", "sampai") and not m.code)


def past_adverbs(doc: Doc, k: int, floor: int) -> int:
    """Walking back from token k, the first that is no adverb ("telah", "akan", "juga");
    floor - 1 when all down to `floor` are."""
    while k >= floor and doc[k].lower_ in ADVERBS:
        k -= 1
    return k


def index_before(doc: Doc, hit: Hit) -> int | None:
    """The token before the trigger past its adverbs; None at the sentence's start."""
    j = past_adverbs(doc, hit.start - 1, hit.sent_start)
    return j if j >= hit.sent_start else None


def word_before(doc: Doc, hit: Hit) -> str | None:
    """The word before the trigger past its adverbs, lowercased; None at the sentence's start."""
    j = index_before(doc, hit)
    return doc[j].lower_ if j is not None else None


def right_before(doc: Doc, m: Mention, hit: Hit) -> bool:
    """The mention ends right before the trigger, adverbs aside ("PT Bio Farma bekerja sama",
    "Rusia juga telah menyerang")."""
    k = index_before(doc, hit)
    return k is not None and doc[k].idx < m.end <= doc[k].idx + len(doc[k].text)


def sent_index(document: Document, char: int) -> int:
    idx = sentence_index(document, char)
    return idx if idx is not None else 0


def unique(ms: list[Mention]) -> list[Mention]:
    """One participant per entity (or code, for unlinked groups), in order."""
    seen, out = set(), []
    for m in ms:
        key = m.entity_id or (m.code, m.text.lower())
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out
