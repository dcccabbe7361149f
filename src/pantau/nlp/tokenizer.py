"""pantau's Indonesian tokenizer: spaCy's Indonesian rules and exceptions, the strings news text
keeps whole (TOKEN_MATCH), anchored prefixes, and linear time on long whitespace-free runs
(`PantauTokenizer`); the blank language built on it (`blank_indonesian`), and the sharing of
one tokenizer between the analysis pipeline and the trained models loaded onto its vocab."""

from __future__ import annotations

import re

import spacy
from spacy.lang.id import Indonesian
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry


# Strings spaCy's Indonesian tokenizer would split but that news text and UD Indonesian keep whole
# (issue 3). Checked by the tokenizer before it splits infixes, after it has peeled off prefixes
# and suffixes, so "(2/1/2018)," still loses its brackets and comma. Every repetition is bounded
# (40 letters a part): the tokenizer tries this on every word and again after each affix it
# peels, and an unbounded `[^\W\d_]*?(...)-\1` backtracked over every split of a long word
# (1.3 s for one 10,000-letter word, tried again per peel).
TOKEN_MATCH = re.compile("(?:" + "|".join([
    r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})",  # dates: 2/1/2018, 02/01/18
    # Al-Mayadeen, al-Sham, asy-Syam
    r"(?:[Aa][lnrdtsz]|[Ee]l|[Aa]sy|[Aa]sh|[Aa]th)-[A-Z][^\W\d_]{0,40}(?:['’][^\W\d_]{1,40})?",
    r"[^\W\d_]{0,40}?(?i:([^\W\d_]{2,40})-\1)[^\W\d_]{0,40}",  # reduplication: album-album, kawan-kawannya
    r"(?i:ke)-\d{1,9}",  # ordinals: ke-5
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


#: a whitespace-free chunk longer than this is tokenized by `PantauTokenizer._long_chunk`
#: (same rules, linear time) instead of spaCy's loop (quadratic in the chunk's length). The
#: longest chunk of the 408 bench articles has 49 characters (a URL).
LONG_CHUNK = 64
_LONG_CHUNK_RE = re.compile(r"\S{%d,}" % (LONG_CHUNK + 1))
_AFFIX_WINDOW = 24  # characters an affix lookup sees first (spaCy's fixed affixes are shorter)


class PantauTokenizer(Tokenizer):
    """spaCy's tokenizer, with whitespace-free chunks over LONG_CHUNK characters tokenized in
    linear time.

    spaCy splits a chunk by peeling one prefix or suffix at a time, and each peel slices the rest
    of the chunk and searches all of it for a suffix (a `...$` alternation tried at every
    position): a 16,000-dash run took over a minute, 10,000 "(" 45 s. `_long_chunk` runs the same
    loop on offsets instead of slices, with each affix looked up in a window at that end of the
    chunk (widened while a match reaches the window's edge, so a run of dots is still one
    suffix), and hands the rest to spaCy once it is LONG_CHUNK characters or fewer. The tokens
    are the ones spaCy gives, but for its last pass, which re-joins exceptions that contain an
    affix it split (":]", "''", "dkk." after "...."): inside such a chunk those stay split
    (tests/test_pathological.py compares with spaCy on generated chunks). Texts without a chunk
    over LONG_CHUNK (all 408 bench articles) go to spaCy unchanged."""

    def __call__(self, text: str) -> Doc:
        if _LONG_CHUNK_RE.search(text) is None:
            return super().__call__(text)
        docs: list[Doc] = []
        pos = 0
        for m in _LONG_CHUNK_RE.finditer(text):
            if m.start() > pos:  # ends in whitespace, which spaCy handles the same alone
                docs.append(super().__call__(text[pos:m.start()]))
            space = text.startswith(" ", m.end())  # one space after a chunk is its last token's
            docs.extend(self._long_chunk(m.group(), space))
            pos = m.end() + space
        if pos < len(text):
            docs.append(super().__call__(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def __reduce__(self):
        return (PantauTokenizer, Tokenizer.__reduce__(self)[1], None, None)

    def _long_chunk(self, chunk: str, space: bool) -> list[Doc]:
        """The tokens of one whitespace-free chunk, as spaCy's `_split_affixes` and
        `_attach_tokens` make them, as Docs to join; `space`: a space follows the chunk."""
        lo, hi = 0, len(chunk)
        prefixes: list[str] = []
        suffixes: list[str] = []
        while hi - lo > LONG_CHUNK:
            if self._token_match(chunk, lo, hi):
                break
            pre = self._prefix_len(chunk, lo, hi)
            if pre and self._special(chunk, lo + pre, hi):
                prefixes.append(chunk[lo:lo + pre])
                lo += pre
                break
            suf = self._suffix_len(chunk, lo + pre, hi)
            if suf and self._special(chunk, lo, hi - suf):
                suffixes.append(chunk[hi - suf:hi])
                hi -= suf
                break
            if not pre and not suf:
                break
            if pre:
                prefixes.append(chunk[lo:lo + pre])
                lo += pre
            if suf:
                suffixes.append(chunk[hi - suf:hi])
                hi -= suf
        # pieces: a list of token texts, or a str for spaCy's own loop (short from here)
        pieces: list[list[str] | str] = [prefixes]
        rest = chunk[lo:hi]
        if hi - lo <= LONG_CHUNK:
            pieces.append(rest)
        elif self._token_match(chunk, lo, hi) or (self.url_match and self.url_match(rest)):
            pieces.append([rest])
        else:  # infixes, as `_attach_tokens` splits them
            words, start = [], 0
            for match in self.infix_finditer(rest):
                if match.start() == 0:
                    continue
                if match.start() != start:
                    words.append(rest[start:match.start()])
                if match.start() != match.end():
                    words.append(rest[match.start():match.end()])
                start = match.end()
            if rest[start:]:
                words.append(rest[start:])
            pieces.append(words)
        pieces.append(suffixes[::-1])
        pieces = [p for p in pieces if p]
        docs = []
        for i, piece in enumerate(pieces):
            last = space and i == len(pieces) - 1  # the chunk's last token takes the space after it
            if isinstance(piece, str):  # "x " is the token "x" with its space
                docs.append(super().__call__(piece + " " if last else piece))
            else:
                docs.append(Doc(self.vocab, words=piece, spaces=[False] * (len(piece) - 1) + [last]))
        return docs

    def _special(self, s: str, lo: int, hi: int) -> bool:
        """Is `s[lo:hi]` one of the exceptions ("dkk.")? They are all short."""
        return 0 < hi - lo < LONG_CHUNK and s[lo:hi] in self.rules

    def _token_match(self, s: str, lo: int, hi: int) -> bool:
        match = self.token_match
        if match is None:
            return False
        pattern = getattr(match, "__self__", None)
        if isinstance(pattern, re.Pattern) and match.__name__ == "match":
            return pattern.match(s, lo, hi) is not None  # no slice: TOKEN_MATCH has no lookbehind
        return bool(match(s[lo:hi]))

    def _prefix_len(self, s: str, lo: int, hi: int) -> int:
        if self.prefix_search is None:
            return 0
        window = _AFFIX_WINDOW
        while True:
            end = min(hi, lo + window)
            m = self.prefix_search(s[lo:end])
            if m is None or end == hi or m.end() < end - lo - 4:  # 4: room for a lookahead
                return m.end() - m.start() if m else 0
            window *= 2

    def _suffix_len(self, s: str, lo: int, hi: int) -> int:
        """spaCy's `find_suffix(s[lo:hi])`, searching only the last characters: the suffix
        regex is an alternation of "...$" tried at every position, so a search of the whole
        rest costs its length each time."""
        if self.suffix_search is None:
            return 0
        pattern = getattr(self.suffix_search, "__self__", None)
        window = _AFFIX_WINDOW
        while isinstance(pattern, re.Pattern) and hi - window > lo:
            # the search starts inside the string: lookbehinds still see what comes before
            m = pattern.search(s, hi - window, hi)
            if m is None or m.start() > hi - window:
                return m.end() - m.start() if m else 0
            window *= 2  # a match from the window's first character may go on further left
        m = self.suffix_search(s[lo:hi])
        return m.end() - m.start() if m else 0


def indonesian_tokenizer(vocab) -> Tokenizer:
    """spaCy's Indonesian tokenizer (its 16,000 exceptions: "dkk.", "No.", ...) with pantau's
    TOKEN_MATCH and anchored prefixes, built in one go: spaCy re-adds every exception each time a
    tokenizer's patterns are changed afterwards, a second or two apiece. A `PantauTokenizer`:
    long whitespace-free chunks take linear time."""
    d = Indonesian.Defaults
    assert max(map(len, d.tokenizer_exceptions)) < LONG_CHUNK  # `_long_chunk` never meets an exception whole
    return PantauTokenizer(vocab, rules=d.tokenizer_exceptions, prefix_search=_prefix_search(),
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


# the tokenizers of the analysis pipelines (`pantau.assembly.load`), by id of their vocab: a
# trained model loaded onto that vocab (`pantau.models`) takes the same object instead of
# building its own
_SHARED_TOKENIZERS: dict[int, tuple] = {}


def share_tokenizer(nlp: Language) -> None:
    """Let models loaded onto `nlp.vocab` use `nlp`'s tokenizer (see `tokenizer_for`)."""
    _SHARED_TOKENIZERS[id(nlp.vocab)] = (nlp.vocab, nlp.tokenizer)


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
