"""The spaCy `Language` for Indonesian news.

Stages after `clean` are spaCy pipeline components, so that `nlp.pipe(docs, n_process=N)` runs
the whole analysis and a Ray worker can run the same object. Each component reads and enriches
the typed `Document` carried on `doc._.document`; the spaCy `Doc` supplies tokens and sentences.

Order: sentences → time → entities → places → quotes → events.
Time runs before entities because role titles ("Menteri Luar Negeri Rusia") are resolved to the
office holder *on the article's date*; quotes run before events because an event inside a quote
("Kami mengusahakan gencatan senjata") takes its actor from the quote's speaker.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from pantau.model import Document, Sentence

if not Doc.has_extension("document"):
    Doc.set_extension("document", default=None)
if not Doc.has_extension("anchor"):
    # the date the article's relative expressions are resolved against (datetime.date or None)
    Doc.set_extension("anchor", default=None)

PIPELINE = ("pantau_sentences", "pantau_time", "pantau_entities", "pantau_places", "pantau_quotes", "pantau_events",
            "pantau_detach")


@Language.component("pantau_sentences")
def sentences_component(doc: Doc) -> Doc:
    """Sentence boundaries: paragraph breaks always split; '.', '!' and '?' split unless inside
    a quotation or before a lowercase word (abbreviations such as "dkk." or "No." are kept
    whole by the tokenizer exceptions already). The boundaries are set in one array write:
    setting `token.is_sent_start` one by one makes spaCy rescan the doc each time.

    Being first, it also attaches the `Document` that travels as the pipe's context (see
    `pantau.pipeline.analyze_documents`)."""
    if doc._.document is None and isinstance(doc._context, Document):
        doc._.document = doc._context
    starts = numpy.full(len(doc), -1, dtype="int32")  # -1: not a sentence start (spaCy's SENT_START)
    in_quote = False
    text = doc.text
    for i, tok in enumerate(doc):
        if i == 0:
            starts[i] = 1
            continue
        prev = doc[i - 1]
        if prev.text in ("“", "”", '"'):
            in_quote = (prev.text == "“") or (prev.text == '"' and not in_quote)
        if "\n" in text[prev.idx + len(prev.text): tok.idx] or tok.is_space or prev.is_space:
            start = not tok.is_space
            in_quote = False  # an unbalanced “ must not swallow the following paragraphs
        elif prev.text in (".", "!", "?", "…") and not in_quote:
            start = tok.text[:1].isupper() or tok.text[:1] in "“\"(" or tok.is_digit
        elif prev.text in ("”", '"') and i >= 2 and doc[i - 2].text in (".", "!", "?"):
            start = tok.text[:1].isupper()
        else:
            start = False
        starts[i] = 1 if start else -1
    # spaCy reads attribute arrays as uint64; -1 survives the cast as its two's complement
    doc.from_array([SENT_START], starts.astype("int64").astype("uint64").reshape(-1, 1))
    document: Document | None = doc._.document
    if document is not None:
        document.sentences = []
        for sent in doc.sents:
            stripped = sent.text.strip()
            if not stripped:
                continue
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            document.sentences.append(Sentence(index=len(document.sentences), start=start,
                                               end=start + len(stripped), text=stripped))
    return doc


@Language.component("pantau_detach")
def detach_component(doc: Doc) -> Doc:
    """Last: drop the Python objects hung on the Doc. The analysed `Document` goes back to the
    caller as the pipe's context, which worker processes pickle; the Doc itself is serialised
    with msgpack, which knows neither dataclasses nor dates."""
    doc._.document = None
    doc._.anchor = None
    doc.user_data.pop("pantau_places", None)
    doc.user_data.pop("pantau_text", None)
    doc.user_data.pop("pantau_token_starts", None)
    doc.user_data.pop("pantau_home", None)
    doc.user_data.pop("pantau_states", None)
    doc.user_data.pop("pantau_parses", None)  # the sentence parses (`syntax.parses`) hold Docs and a model
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


# Strings spaCy's Indonesian tokenizer would split but that news text and UD Indonesian keep whole
# (issue 3). Checked by the tokenizer before it splits infixes, after it has peeled off prefixes
# and suffixes, so "(2/1/2018)," still loses its brackets and comma.
TOKEN_MATCH = re.compile("(?:" + "|".join([
    r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})",  # dates: 2/1/2018, 02/01/18
    r"(?:[Aa][lnrdtsz]|[Ee]l|[Aa]sy|[Aa]sh|[Aa]th)-[A-Z][^\W\d_]*(?:['’][^\W\d_]+)?",  # Al-Mayadeen, al-Sham, asy-Syam
    r"[^\W\d_]*?(?i:([^\W\d_]{2,})-\1)[^\W\d_]*",  # reduplication: album-album, kawan-kawannya, berturut-turut
    r"(?i:ke)-\d+",  # ordinals: ke-5
]) + r")\Z")  # no re.X: spaCy serialises the pattern string without its flags
# Left as spaCy splits them: "AS-Rusia", "Jakarta-Bandung", "COVID-19" (country and place names
# inside must stay visible to the knowledge-base matcher), "(2/1)" (day/month without a year).
# Numbers such as 2.000 and 3,5 are single tokens already.


def _prefix_search():
    """spaCy's Indonesian prefixes with its HTML entry anchored. spaCy joins the entries as
    "^entry|^entry|...", and the Indonesian HTML entry is itself an alternation
    (r"<(b|...)\s?/>|<a([^>]+)>"), so its second half lost the anchor: every prefix lookup then
    searched the whole string for "<a", which made the tokenizer three times slower than
    spaCy's English one (85k against 250k tokens/s on the bench corpus) and would have cut
    "x<a ...>" at the wrong place. Grouped, it is anchored like the others."""
    from spacy.lang.id import Indonesian
    from spacy.lang.id.punctuation import HTML_PREFIX
    from spacy.util import compile_prefix_regex

    prefixes = [f"(?:{p})" if p == HTML_PREFIX else p for p in Indonesian.Defaults.prefixes]
    return compile_prefix_regex(prefixes).search


def blank_indonesian() -> Language:
    """spaCy's Indonesian language (tokenizer with its exceptions: "dkk.", "No.", ..., and pantau's
    TOKEN_MATCH: dates 2/1/2018, Al-Mayadeen, album-album stay one token); no components."""
    nlp = spacy.blank("id")
    nlp.tokenizer.token_match = TOKEN_MATCH.match
    nlp.tokenizer.prefix_search = _prefix_search()
    return nlp


@lru_cache(maxsize=2)
def load(parse: bool = True) -> Language:
    """The full analysis pipeline (cached: building it loads the knowledge base). `parse=False`
    leaves the dependency parse out: the event coder and the quote attributor then use their
    rules alone (faster; to measure what the parse adds)."""
    # Importing the stage modules registers their components.
    from pantau import entities, events, quotes  # noqa: F401
    from pantau.places import component as _places  # noqa: F401
    from pantau.time import component as _time  # noqa: F401

    nlp = blank_indonesian()
    for name in PIPELINE:
        nlp.add_pipe(name, config={"use_parse": parse} if name in ("pantau_quotes", "pantau_events") else {})
    return nlp
