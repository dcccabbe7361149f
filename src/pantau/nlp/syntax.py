"""Dependency parses on demand, for the stages that need syntax (events, quotes).

The UD model (tagger + parser, `pantau.models.load_ud`) is the most expensive part of the
analysis: about 13k tokens/s, against about 90k for tokenisation. Most sentences of an article hold no
event trigger and no speech cue, so pantau never parses a whole article: `parses(doc)` hands out
an object that parses one sentence the first time a stage asks about one of its tokens, and
keeps the result. The parse lives on a copy of the sentence (`Span.as_doc`), so the article's
Doc keeps pantau's own sentence boundaries and no half-filled dependency annotation.

The role helpers below read UD relations (Indonesian GSD/CSUI conventions):
- `subjects(tok)`: the subject of a predicate, climbing to the governing predicate when the
  subject is shared ("Rusia dan Turki sepakat untuk mengoordinasikan": xcomp/advcl/conj) and to
  the modified noun in a relative clause ("kelompok yang menentang": acl:relcl);
- `agents(tok)`: the doer of a passive di- verb ("diserang oleh pasukan Rusia": obl:agent or an
  obl/nmod with "oleh");
- `objects(tok)`: the direct object and the complements after dengan/terhadap/kepada/... ;
- `possessed_by_clitic(tok)`: a subject like "keberhasilannya" whose -nya possessor is the doer.
Each returns head tokens, coordinated heads included ("Rusia dan Turki": conj); `phrase(tok)` is
the head's noun phrase without its clauses, where the mentions are looked up.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from pantau import models
from pantau.nlp import sentence_spans

KEY = "pantau_parses"
# relations that open a clause of their own: a noun phrase stops there
CLAUSAL = {"acl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "csubj", "punct", "cc"}
# the subject of these dependents is their governor's ("sepakat untuk mengoordinasikan")
SHARED_SUBJECT = {"xcomp", "advcl", "conj"}
AGENT_CASES = {"oleh"}
PARSE_COMPONENTS = ("tok2vec", "morphologizer", "parser")


class Parses:
    """Lazy per-sentence parses of one article's Doc."""

    def __init__(self, doc: Doc, model=None):
        self.doc = doc
        self.model = model if model is not None else models.load_ud(doc.vocab)
        # the roles need relations and parts of speech, not lemmas: the lemmatizer is not run
        self.components = [proc for name, proc in self.model.pipeline if name in PARSE_COMPONENTS]
        self._by_start: dict[int, Doc] = {}
        self._sents = sentence_spans(doc)  # (Token.sent scans the Doc on every call)
        self._starts = [sent.start for sent in self._sents]
        self.parsed_tokens = 0  # how much was parsed (for the benchmark and the tests)

    def _sentence(self, i: int):
        return self._sents[bisect.bisect_right(self._starts, i) - 1]

    def token(self, i: int) -> Token:
        """The parsed copy of the article's token i (its sentence is parsed on first use)."""
        sent = self._sentence(i)
        self.prefetch([i])  # a batch of one, unless the sentence is parsed already
        return self._by_start[sent.start][i - sent.start]

    def prefetch(self, token_indices) -> None:
        """Parse the sentences of these tokens now, in one batch: twice as fast per token as one
        sentence at a time (the coder knows which sentences hold its verb triggers up front)."""
        todo = {}
        for i in token_indices:
            sent = self._sentence(i)
            if sent.start not in self._by_start:
                todo[sent.start] = sent
        if not todo:
            return
        docs = [sent.as_doc() for sent in todo.values()]
        for proc in self.components:
            docs = list(proc.pipe(docs, batch_size=64))
        for start, parsed in zip(todo, docs):
            self._by_start[start] = parsed
            self.parsed_tokens += len(parsed)

    def index(self, tok: Token) -> int:
        """The article's token index of a parsed token."""
        for start, parsed in self._by_start.items():
            if parsed is tok.doc:
                return start + tok.i
        raise ValueError("token of a sentence this object did not parse")


def parses(doc: Doc) -> Parses | None:
    """The Doc's lazy parses (made on first call); None when the UD model is not installed."""
    got = doc.user_data.get(KEY)
    if got is None:
        if not models.available()["ud"]:
            return None
        got = doc.user_data[KEY] = Parses(doc)
    return got


def conjuncts(tok: Token) -> list[Token]:
    """`tok` and the heads coordinated with it ("Rusia, Turki dan Iran")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON", "X") and not any(
                c.dep_ in ("nsubj", "cop") for c in child.children):  # with its own subject it is a clause
            out.extend(conjuncts(child))
    return out


def subjects(tok: Token, *, depth: int = 0) -> list[Token]:
    """The subject heads of predicate `tok` (passive subjects excluded: see `patients`)."""
    for child in tok.children:
        if child.dep_ == "nsubj":
            if child.lower_ == "yang" and tok.dep_ in ("acl:relcl", "acl"):
                break  # "kelompok yang menentang": the subject is the modified noun
            return conjuncts(child)
    if depth < 3 and tok.dep_ in ("acl:relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return conjuncts(tok.head)
    if depth < 3 and tok.dep_ in SHARED_SUBJECT and tok.head is not tok and tok.head.pos_ in ("VERB", "ADJ", "AUX"):
        return subjects(tok.head, depth=depth + 1)
    return []


def patients(tok: Token) -> list[Token]:
    """The passive subject of a di- verb: the one the act is done to."""
    for child in tok.children:
        if child.dep_ == "nsubj:pass":
            return conjuncts(child)
    return []


def agents(tok: Token) -> list[Token]:
    """The doer of a passive verb: obl:agent, or a complement with "oleh"."""
    for child in tok.children:
        if child.dep_ == "obl:agent" or (child.dep_ in ("obl", "nmod") and case_of(child) in AGENT_CASES):
            return conjuncts(child)
    return []


def objects(tok: Token, preps: set[str]) -> list[Token]:
    """The direct object of `tok`, else its first complement introduced by one of `preps`."""
    for child in tok.children:
        if child.dep_ == "obj":
            return conjuncts(child)
    for child in tok.children:
        if child.dep_ in ("obl", "nmod") and case_of(child) in preps:
            return conjuncts(child)
    return []


def possessed_by_clitic(tok: Token) -> bool:
    """A noun whose -nya is its possessor ("keberhasilannya", "upayanya": the UD model's
    Clitic=nya_PRON_nmod:poss). As the subject of a verb ("keberhasilannya merebut kembali
    Aleppo": its success in retaking Aleppo) the possessor, not the noun, is the doer."""
    found = models.clitic(tok)
    return tok.pos_ == "NOUN" and found is not None and found[0] == "nya" and found[2] == "nmod:poss"


def phrase(tok: Token) -> list[Token]:
    """The noun phrase headed by `tok`, in order, without the clauses, coordinated phrases and
    prepositional modifiers hanging from it: "Menteri Luar Negeri Rusia Sergei Lavrov", not
    "... yang ..." or "situs yang dekat dengan kelompok X" (the site, not the group)."""
    out = [tok]
    for child in tok.children:
        if child.dep_ not in CLAUSAL and case_of(child) is None:
            out.extend(phrase(child))
    return sorted(out, key=lambda t: t.i)


def case_of(tok: Token) -> str | None:
    """The case marker (preposition) of a nominal: "terhadap" for "terhadap kelompok"."""
    for child in tok.children:
        if child.dep_ == "case":
            return child.lower_
    return None
