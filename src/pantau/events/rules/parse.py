"""The dependency parse's reading of a trigger's roles, and its reconciliation with the rules'.

For verb triggers the dependency parse of the sentence (`pantau.nlp.syntax`, parsed only when a
trigger asks) then checks the rules: it fills a role they left empty (nsubj, obj, obl with
dengan/terhadap/kepada, obl:agent with oleh, nsubj:pass) and replaces a participant they took
from outside the role's noun phrase ("Anggota DPR dari Fraksi Golkar itu menyerahkan diri": the
member, not the faction). Where both agree, or the parse names no one, the rules stand: they are
at 1.00 recall on the seed gold, and the parser's LAS is about 0.7. What this changes is measured
by `pantau evaluate participants` (docs/EVALUATION.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from pantau.events.rules.subjects import comma_before_unread_subject, subject_unread
from pantau.events.rules.tokens import Hit, is_actor, is_locative, right_before, token_of
from pantau.events.rules.words import (NOUN_REACTING_VERBS, NOUN_RECEIVING_VERBS, RECIPIENT_PREPS, SOURCE_MARKERS,
                                       TOPIC_NOUNS)
from pantau.model import Mention
from pantau.nlp import syntax


def parsed_roles(doc: Doc, hit: Hit, tok_mention) -> tuple[ParsedRole, ParsedRole] | None:
    """Actor and recipient of a verb trigger read from the dependency parse of its sentence:
    nsubj and obj / obl (dengan, terhadap, kepada, ...) for active verbs, obl:agent ("oleh")
    and nsubj:pass for di- verbs; shared subjects, coordination and relative clauses through
    `syntax`."""
    parsed = syntax.parses(doc)
    if parsed is None:
        return None
    span_tokens = [parsed.token(i) for i in range(hit.start, hit.end)]
    # the trigger's head word: the one whose head lies outside the trigger
    head = next((t for t in span_tokens if not (span_tokens[0].i <= t.head.i <= span_tokens[-1].i)
                 or t.head is t), span_tokens[0])
    preps = RECIPIENT_PREPS - {"pada"}
    if hit.trigger.kind == "P":
        actor_heads, recipient_heads = syntax.agents(head), syntax.patients(head)
    elif hit.trigger.kind == "N":
        # an event noun as the object of a verb takes that verb's subject ("Pemprov DKI
        # mendistribusikan bantuan"), and its complement after dengan/terhadap/kepada; unless
        # the verb's subject receives the noun or only reacts to it (NOUN_RECEIVING_VERBS, ...)
        verb = head.head.lower_ if head.dep_ == "obj" else None
        subjects = syntax.subjects(head.head) if verb and verb not in NOUN_REACTING_VERBS else []
        actor_heads = [] if verb in NOUN_RECEIVING_VERBS else subjects
        recipient_heads = subjects if verb in NOUN_RECEIVING_VERBS else next(
            (syntax.conjuncts(c) for c in head.children if c.dep_ == "nmod" and syntax.case_of(c) in preps), [])
    else:
        actor_heads, recipient_heads = syntax.subjects(head), syntax.objects(head, preps)
    return (_parsed_role(doc, parsed, actor_heads, tok_mention),
            _parsed_role(doc, parsed, recipient_heads, tok_mention))


def _parsed_role(doc: Doc, parsed, heads, tok_mention) -> ParsedRole:
    """The actor mention each head's noun phrase names: the head's own, else the first in
    the phrase that is not a place after di/dari/ke ("tentara dari Suriah") or the topic of
    a noun ("operasi Suriah")."""
    out: list[Mention] = []
    tokens: set[int] = set()
    possessive = any(syntax.possessed_by_clitic(head) for head in heads)
    for head in heads:
        found = None
        for tok in syntax.phrase(head):
            i = parsed.index(tok)
            tokens.add(doc[i].idx)
            m = tok_mention.get(i)
            if found is None and m is not None and is_actor(m) and not is_locative(doc, m, tok_mention):
                first = token_of(doc, m.start)
                if first > 0 and doc[first - 1].lower_ in SOURCE_MARKERS:
                    continue  # "…, menurut Didi, mewakili …": who says so, not who acts
                if tok is not head and first > 0 and doc[first - 1].lower_ in TOPIC_NOUNS and m.code == m.country:
                    continue
                found = m
        if found is not None and all(found.start != o.start for o in out):
            out.append(found)
    return ParsedRole(out, tokens, possessive)


@dataclass
class ParsedRole:
    """What the parse says fills one role: the mentions found, and where the role's noun
    phrases are (the character offset of each of their tokens)."""
    mentions: list[Mention]
    tokens: set[int]
    possessive: bool = False  # a head is a noun possessed by its -nya ("keberhasilannya merebut")


def reconcile(rule: list[Mention], parsed: ParsedRole) -> list[Mention]:
    """The rules' participants against the parse's. The parse fills a role the rules left
    empty; where the rules' participants lie outside the noun phrase the parse gives the role
    and the parse names someone there, the parse wins ("Anggota DPR dari Fraksi Golkar itu
    menyerahkan diri": the member of parliament, not the faction, nearer to the verb). Otherwise
    the rules stand. (Emptying a role whose parsed head names no one was tried: it cost right
    events on the seed gold, the parser being wrong about as often as the rules there.)"""
    if not rule:
        return parsed.mentions
    if not parsed.tokens or any(m.start <= pos < m.end for m in rule for pos in parsed.tokens):
        return rule
    return parsed.mentions or rule


def _comma_between(doc: Doc, before: list[Mention], m: Mention) -> bool:
    """A comma stands between the last of `before` and `m` (both in one sentence)."""
    if not before or before[-1].end > m.start:
        return False
    return any(t.text == "," for t in doc[token_of(doc, before[-1].end - 1): token_of(doc, m.start)])


def check_with_parse(doc: Doc, hit: Hit, tok_mention, actors: list[Mention], recipients: list[Mention],
                     parsed: tuple[ParsedRole, ParsedRole]) -> tuple[list[Mention], list[Mention]]:
    """The rules' actors and recipients checked against the parse's (`reconcile`), no one on
    both sides."""
    kind = hit.trigger.kind
    rule_actors = actors
    if not (kind in ("V", "R") and actors and right_before(doc, actors[-1], hit)
            and _comma_between(doc, parsed[0].mentions, actors[0])):
        # (a subject the rules read right before the verb stands against one the parser
        # found before a comma: "Politikus Partai Golkar … mendukung upaya …, di
        # antaranya PT Bio Farma bekerja sama dengan Sinovac")
        actors = reconcile(actors, parsed[0])
    recipients = reconcile(recipients, parsed[1])
    if not rule_actors and kind in ("V", "R"):
        # nor may the parse reach past a subject the rules saw but could not read
        comma = comma_before_unread_subject(doc, hit)
        if comma is not None:
            actors = [a for a in actors if a.start > doc[comma].idx]
        if subject_unread(doc, hit.start, hit.sent_start, tok_mention):
            actors = []  # whatever the parser attached the clause to ("Psikolog …
            # khawatir penembakan yang menewaskan": the shooting, not the psychologist)
    actors = [m for m in actors if all(m.start != r.start for r in recipients)] or actors
    recipients = [m for m in recipients if all(m.start != a.start for a in actors)]
    return actors, recipients
