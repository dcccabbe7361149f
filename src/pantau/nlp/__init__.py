"""What every stage shares about the spaCy side of an article: the Indonesian tokenizer (in
`pantau.nlp.tokenizer`, re-exported here), the sentence component, and the per-Doc helpers
(`doc_text`, `doc_words`, `token_starts`, `sentence_spans`, `sentence_index`).

Imports flow one way: the stage modules (time, entities, places, quotes, events) import this
module; `pantau.assembly` imports the stages and builds the pipeline (`pantau.assembly.load`);
nothing here imports a stage.

Each component reads and enriches the typed `Document` carried on `doc._.document`; the spaCy
`Doc` supplies tokens and sentences.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from pantau.model import Document, Sentence
from pantau.nlp.tokenizer import (  # noqa: F401 - the tokenizer is part of what every stage shares
    TOKEN_MATCH, PantauTokenizer, blank_indonesian, indonesian_tokenizer, share_tokenizer, tokenizer_for,
)

if not Doc.has_extension("document"):
    Doc.set_extension("document", default=None)
if not Doc.has_extension("anchor"):
    # the date the article's relative expressions are resolved against (datetime.date or None)
    Doc.set_extension("anchor", default=None)

# The stages keep what they share about one article in `doc.user_data`, under keys starting with
# "pantau_" (dropped by `pantau_detach`); these four are made here, on first use.
SENTS_KEY = "pantau_sents"  # the sentence spans (`sentence_spans`)
TEXT_KEY = "pantau_text"  # the text (`doc_text`)
WORDS_KEY = "pantau_words"  # the token texts (`doc_words`)
STARTS_KEY = "pantau_token_starts"  # the tokens' character offsets (`token_starts`)

#: the most tokens in one sentence: a longer run without a sentence end (a list glued into one
#: line, a text without full stops) is cut into pieces of at most this many tokens, so that the
#: stages' per-sentence work stays bounded. The longest sentence of the 408 bench articles has 88.
MAX_SENTENCE_TOKENS = 300


# words that open a sentence and never follow an initial inside a name ("Susilo B. Yudhoyono")
SENTENCE_OPENERS = {"Untuk", "Dia", "Ia", "Hal", "Namun", "Ini", "Itu", "Dalam", "Pada", "Di", "Sementara", "Selain",
                    "Saat", "Kami", "Kita", "Mereka", "Sedangkan", "Adapun", "Menurut", "Karena", "Oleh", "Sebelumnya",
                    "Kemudian", "Setelah", "Sejak", "Bahkan", "Tetapi", "Tapi", "Jika", "Kalau", "Apabila", "Dengan",
                    "Sebab", "Meski", "Walau", "Yang", "Saya", "Kini", "Selama", "Hingga", "Sampai", "Begitu"}


@Language.component("pantau_sentences")
def sentences_component(doc: Doc) -> Doc:
    """Sentence boundaries: paragraph breaks always split; '.', '!' and '?' split unless inside
    a quotation or before a lowercase word (abbreviations such as "dkk." or "No." are kept
    whole by the tokenizer exceptions already). The boundaries are set in one array write:
    setting `token.is_sent_start` one by one makes spaCy rescan the doc each time. A sentence
    longer than MAX_SENTENCE_TOKENS is cut (after a comma in its second half if there is one).

    Being first, it also attaches the `Document` that travels as the pipe's context (see
    `pantau.pipeline.analyze_documents`)."""
    if doc._.document is None and isinstance(doc._context, Document):
        doc._.document = doc._context
    starts = numpy.full(len(doc), -1, dtype="int32")  # -1: not a sentence start (spaCy's SENT_START)
    in_quote = False
    text = doc_text(doc)
    # plain lists: a Token object per lookup would cost more than the rules
    words, offsets = doc_words(doc), token_starts(doc)
    last_start = 0  # the token that opened the current sentence
    after_comma = 0  # the latest token after a ",", ";" or ":" (a place to cut an over-long sentence)
    for i, word in enumerate(words):
        if i == 0:
            starts[i] = 1
            continue
        if i - last_start >= MAX_SENTENCE_TOKENS:  # over-long: cut after a comma if one is near, else here
            last_start = after_comma if after_comma > last_start + MAX_SENTENCE_TOKENS // 2 else i
            starts[last_start] = 1
        prev = words[i - 1]
        if prev in ("“", "”", '"'):
            in_quote = (prev == "“") or (prev == '"' and not in_quote)
        space, prev_space = word.isspace(), prev.isspace()
        if "\n" in text[offsets[i - 1] + len(prev): offsets[i]] or space or prev_space:
            start = not space
            in_quote = False  # an unbalanced “ must not swallow the following paragraphs
        elif prev in (".", "!", "?", "…") and not in_quote:
            start = word[:1].isupper() or word[:1] in "“\"(" or word.isdigit()
        elif len(prev) == 2 and prev[0].isupper() and prev[1] == "." and word in SENTENCE_OPENERS and not in_quote:
            start = True  # "… lokasi Pulau L. Untuk reklamasi …": a letter ends the sentence, not an initial
        elif prev in ("”", '"') and i >= 2 and words[i - 2] in (".", "!", "?"):
            start = word[:1].isupper()
        else:
            start = False
        if start:
            starts[i], last_start = 1, i
        elif i != last_start:
            starts[i] = -1
        if prev in (",", ";", ":"):
            after_comma = i
    # spaCy reads attribute arrays as uint64; -1 survives the cast as its two's complement
    doc.from_array([SENT_START], starts.astype("int64").astype("uint64").reshape(-1, 1))
    bounds = [int(i) for i in numpy.flatnonzero(starts == 1)] + [len(doc)]
    doc.user_data[SENTS_KEY] = [doc[a:b] for a, b in zip(bounds, bounds[1:])]
    document: Document | None = doc._.document
    if document is not None:
        document.sentences = []
        for sent in sentence_spans(doc):
            stripped = sent.text.strip()
            if not stripped:
                continue
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            document.sentences.append(Sentence(index=len(document.sentences), start=start,
                                               end=start + len(stripped), text=stripped))
    return doc


def _per_doc(doc: Doc, key: str, make):
    """`doc.user_data[key]`, made by `make(doc)` on first use."""
    got = doc.user_data.get(key)
    if got is None:
        got = doc.user_data[key] = make(doc)
    return got


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once: spaCy rebuilds `doc.text` from the tokens on every access."""
    return _per_doc(doc, TEXT_KEY, lambda d: d.text)


def doc_words(doc: Doc) -> list[str]:
    """The Doc's token texts, listed once: the rule stages scan every word, and a `doc[i]` per
    look costs a Token object each time."""
    return _per_doc(doc, WORDS_KEY, lambda d: [t.text for t in d])


def token_starts(doc: Doc) -> list[int]:
    """The character offset of each token, in order (for bisecting a character to its token)."""
    return _per_doc(doc, STARTS_KEY, lambda d: d.to_array(IDX).tolist())


def sentence_spans(doc: Doc) -> list:
    """The Doc's sentences as spans, as `pantau_sentences` set them. Use this, not `doc.sents`:
    on a Doc without a parse, every `doc.sents` first checks for dependency annotation by making
    a Token object for each word, which cost a tenth of the whole analysis when four stages each
    asked (`pantau_sentences` keeps the list in `user_data`)."""
    got = doc.user_data.get(SENTS_KEY)
    return got if got is not None else list(doc.sents)


@Language.component("pantau_detach")
def detach_component(doc: Doc) -> Doc:
    """Last: drop the Python objects hung on the Doc. The analysed `Document` goes back to the
    caller as the pipe's context, which worker processes pickle; the Doc itself is serialised
    with msgpack, which knows neither dataclasses nor dates."""
    doc._.document = None
    doc._.anchor = None
    # everything the stages kept on it: spans, places, the sentence parses (Docs and a model)
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith("pantau_")]:
        del doc.user_data[key]
    return doc


def sentence_index(document: Document, char: int) -> int | None:
    """Index of the sentence containing character offset `char` (binary search)."""
    sents = document.sentences
    lo, hi = 0, len(sents) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if char < sents[mid].start:
            hi = mid - 1
        elif char >= sents[mid].end:
            lo = mid + 1
        else:
            return mid
    return hi if 0 <= hi < len(sents) else None
