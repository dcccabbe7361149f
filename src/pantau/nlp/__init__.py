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
from spacy.attrs import IDX, SENT_START
from spacy.lang.id import Indonesian
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from pantau.model import Document, Sentence

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
PIPELINE = ("pantau_sentences", "pantau_time", "pantau_entities", "pantau_places", "pantau_quotes", "pantau_events",
            "pantau_detach")


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
    setting `token.is_sent_start` one by one makes spaCy rescan the doc each time.

    Being first, it also attaches the `Document` that travels as the pipe's context (see
    `pantau.pipeline.analyze_documents`)."""
    if doc._.document is None and isinstance(doc._context, Document):
        doc._.document = doc._context
    starts = numpy.full(len(doc), -1, dtype="int32")  # -1: not a sentence start (spaCy's SENT_START)
    in_quote = False
    text = doc_text(doc)
    # plain lists: a Token object per lookup would cost more than the rules
    words, offsets = doc_words(doc), token_starts(doc)
    for i, word in enumerate(words):
        if i == 0:
            starts[i] = 1
            continue
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
        starts[i] = 1 if start else -1
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
    (r"<(b|...)\\s?/>|<a([^>]+)>"), so its second half lost the anchor: every prefix lookup then
    searched the whole string for "<a", which made the tokenizer three times slower than
    spaCy's English one (85k against 250k tokens/s on the bench corpus) and would have cut
    "x<a ...>" at the wrong place. Grouped, it is anchored like the others."""
    from spacy.lang.id.punctuation import HTML_PREFIX

    prefixes = [f"(?:{p})" if p == HTML_PREFIX else p for p in Indonesian.Defaults.prefixes]
    return compile_prefix_regex(prefixes).search


def indonesian_tokenizer(vocab) -> Tokenizer:
    """spaCy's Indonesian tokenizer (its 16,000 exceptions: "dkk.", "No.", ...) with pantau's
    TOKEN_MATCH and anchored prefixes, built in one go: spaCy re-adds every exception each time a
    tokenizer's patterns are changed afterwards, a second or two apiece."""
    d = Indonesian.Defaults
    return Tokenizer(vocab, rules=d.tokenizer_exceptions, prefix_search=_prefix_search(),
                     suffix_search=compile_suffix_regex(d.suffixes).search,
                     infix_finditer=compile_infix_regex(d.infixes).finditer,
                     token_match=TOKEN_MATCH.match, url_match=d.url_match)


@registry.tokenizers("pantau.Tokenizer.v1")
def make_indonesian_tokenizer():
    return lambda nlp: indonesian_tokenizer(nlp.vocab)


@registry.tokenizers("pantau.PlaceholderTokenizer.v1")
def make_placeholder_tokenizer():
    """No rules, built at once: stands in while `pantau.models` loads a trained model, whose
    tokenizer it then replaces with `tokenizer_for`."""
    return lambda nlp: Tokenizer(nlp.vocab)


# the tokenizers of the pipelines `load()` built, by id of their vocab: a trained model loaded
# onto that vocab (`pantau.models`) takes the same object instead of building its own
_SHARED_TOKENIZERS: dict[int, tuple] = {}


def tokenizer_for(vocab) -> Tokenizer:
    """pantau's tokenizer on `vocab`: the analysis pipeline's own if `vocab` is its vocab, else
    a new one."""
    got = _SHARED_TOKENIZERS.get(id(vocab))
    return got[1] if got is not None and got[0] is vocab else indonesian_tokenizer(vocab)


def blank_indonesian() -> Language:
    """spaCy's Indonesian language with pantau's tokenizer (`indonesian_tokenizer`: spaCy's
    exceptions, and TOKEN_MATCH: dates 2/1/2018, Al-Mayadeen, album-album stay one token); no
    components."""
    return spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "pantau.Tokenizer.v1"}}})


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
    _SHARED_TOKENIZERS[id(nlp.vocab)] = (nlp.vocab, nlp.tokenizer)
    for name in PIPELINE:
        nlp.add_pipe(name, config={"use_parse": parse} if name in ("pantau_quotes", "pantau_events") else {})
    return nlp
