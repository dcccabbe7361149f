"""What the learned event coder reads of an analysed article, and the features it computes.

`ArticleView` is a plain-data picture of one article after the stages before the event coder
(tokens, sentences, mentions with their codes, quotes) plus the rule coder's events with their
trigger spans. Training (`training/train_events.py`) and the pipeline build it the same way, from
the same spaCy `Doc` and `Document`, so a model sees at run time exactly what it learnt from.

The features are strings (a linear model's vocabulary, see `pantau.events.linear`):
- detection, per token: the word, its affixes and crude stem (Indonesian morphology carries
  voice and nominalisation: me-/di-/ber-/pe-…-an), its neighbours, whether the trigger lexicon
  lists it and for which PLOVER type, whether the rules coded an event on it, its mention type;
- roles, per (trigger, candidate mention): side and distance, the words before the candidate
  (oleh, kepada, dengan, terhadap …) and around the trigger, voice, the candidate's type and
  sector, what lies between them (a comma, "yang", another mention), whether the rules gave it
  a role, whether it speaks the quote the trigger sits in;
- modality, per trigger: the words before it in its clause, the clause openers and cue verbs
  of the sentence, whether it sits in a quote, the rules' modality.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pantau.events.lexicon import word_types
from pantau.model import Document, Event, Mention, Quote

PREFIXES = ("meng", "meny", "mem", "men", "me", "di", "ber", "be", "ter", "peng", "peny", "pem", "pen", "per", "pe",
            "ke", "se")
SUFFIXES = ("kannya", "annya", "nya", "kan", "an", "i", "lah")
_ALPHA = re.compile(r"[^\W\d_]")
ROLE_PREPS = {"oleh", "kepada", "dengan", "terhadap", "bagi", "untuk", "atas", "dari", "antara", "pada", "melawan",
              "ke", "di", "bersama", "menurut", "kata", "ujar", "tutur", "dan", "serta", "yang", ","}


@dataclass
class ArticleView:
    """One article as the learned coder reads it."""

    words: list[str]
    starts: list[int]  # each token's character offset in the cleaned text
    sentences: list[tuple[int, int]]  # token ranges [start, end) of the sentences
    mentions: list[Mention]
    quotes: list[Quote]
    rule_events: list[tuple[Event, int, int]]  # the rule coder's events and their trigger spans
    home: str | None = None  # the article's own country (the entities stage's reading)
    sent_of: list[int] = field(default_factory=list)  # token → sentence number
    mention_at: list[int] = field(default_factory=list)  # token → index in `mentions`, or -1
    lower: list[str] = field(default_factory=list)
    quote_at: list[int] = field(default_factory=list)  # token → index in `quotes`, or -1
    cache: dict = field(default_factory=dict, repr=False)  # per-article results of a model (detector.py)

    def __post_init__(self):
        self.lower = [w.lower() for w in self.words]
        self.quote_at = self._covering(self.quotes)
        self.mention_at = self._covering(self.mentions)
        self.sent_of = [0] * len(self.words)
        for k, (a, b) in enumerate(self.sentences):
            for i in range(a, b):
                self.sent_of[i] = k

    def _covering(self, spans: list) -> list[int]:
        """Token → the index of the first span (anything with character `start` and `end`) that
        covers its first character, or -1."""
        at = [-1] * len(self.words)
        for k, span in enumerate(spans):
            i = bisect.bisect_left(self.starts, span.start)
            while i < len(self.words) and self.starts[i] < span.end:
                if at[i] < 0:
                    at[i] = k
                i += 1
        return at

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """The tokens covering characters [start, end)."""
        a = max(0, bisect.bisect_right(self.starts, start) - 1)
        b = bisect.bisect_left(self.starts, end)
        return a, max(a + 1, b)

    def mention_tokens(self, m: Mention) -> tuple[int, int]:
        return self.token_range(m.start, m.end)

    def quote_of(self, token: int) -> Quote | None:
        """The quotation token `token` sits in."""
        k = self.quote_at[token]
        return self.quotes[k] if k >= 0 else None

    def by_sentence(self) -> dict[int, list[int]]:
        """Sentence number → the indices of the mentions that start in it (computed once)."""
        got = self.cache.get("by_sentence")
        if got is None:
            got = self.cache["by_sentence"] = {}
            for k, m in enumerate(self.mentions):
                i = min(bisect.bisect_right(self.starts, m.start) - 1, len(self.words) - 1)
                if i >= 0:
                    got.setdefault(self.sent_of[i], []).append(k)
        return got


def view_of(doc, document: Document, rule_events: list[tuple[Event, int, int]]) -> ArticleView:
    """The view of an analysed spaCy Doc and its Document (the stages before the events done)."""
    from pantau.nlp import doc_words, sentence_spans, token_starts

    from pantau.events.rules.participants import place_groups

    ranked = doc.user_data.get("pantau_states") or []
    home = doc.user_data.get("pantau_home") or (ranked[0] if ranked else None)
    places = doc.user_data.get("pantau_places", {})
    view = ArticleView(words=list(doc_words(doc)), starts=list(token_starts(doc)),
                       sentences=[(s.start, s.end) for s in sentence_spans(doc)], mentions=list(document.mentions),
                       quotes=list(document.quotes), rule_events=list(rule_events), home=home)
    # Unnamed groups ("warga", "pemerintah", "polisi") have a sector but no country: the rules'
    # reading of the sentence gives them one, the same for every event of that sentence.
    for sent, inside in view.by_sentence().items():
        placed = place_groups([view.mentions[k] for k in inside], doc, view.sentences[sent], document, places)
        for k, m in zip(inside, placed):
            view.mentions[k] = m
    return view


@lru_cache(maxsize=65536)
def affixes(word: str) -> tuple[str, str, str]:
    """(prefix, suffix, stem) by greedy stripping: crude, but it is a feature, not a lemma."""
    w = word
    pre = next((p for p in PREFIXES if w.startswith(p) and len(w) - len(p) >= 3), "")
    w = w[len(pre):]
    suf = next((s for s in SUFFIXES if w.endswith(s) and len(w) - len(s) >= 3), "")
    w = w[: len(w) - len(suf)] if suf else w
    return pre, suf, w


def is_word(token: str) -> bool:
    return bool(_ALPHA.search(token)) and not token.isspace()


def rule_types_at(view: ArticleView) -> dict[int, str]:
    """Token → the PLOVER type of the rule event whose trigger covers it."""
    out: dict[int, str] = {}
    for event, a, b in view.rule_events:
        for i in range(a, b):
            out.setdefault(i, event.event_type)
    return out


def token_features(view: ArticleView, i: int, rule_at: dict[int, str]) -> list[str]:
    lw = view.lower
    w = lw[i]
    pre, suf, stem = affixes(w)
    a, b = view.sentences[view.sent_of[i]]
    prev1 = lw[i - 1] if i - 1 >= a else "<s>"
    prev2 = lw[i - 2] if i - 2 >= a else "<s>"
    next1 = lw[i + 1] if i + 1 < b else "</s>"
    next2 = lw[i + 2] if i + 2 < b else "</s>"
    word = view.words[i]
    shape = "C" if word[:1].isupper() else ("l" if word[:1].islower() else "o")
    f = ["bias", "w=" + w, "stem=" + stem, "pre=" + pre, "suf=" + suf, "ps=" + pre + "|" + suf, "p3=" + w[:3],
         "s3=" + w[-3:], "shape=" + shape, "w-1=" + prev1, "w+1=" + next1, "w-2=" + prev2, "w+2=" + next2,
         "bi-=" + prev1 + "|" + w, "bi+=" + w + "|" + next1, "stem+1=" + stem + "|" + next1,
         "stem-1=" + prev1 + "|" + stem]
    for t in word_types().get(w, ()):
        f.append("lex=" + t)
    for t in word_types().get(stem, ()):
        f.append("lexstem=" + t)
    for t in word_types().get(next1, ()):
        f.append("lex+1=" + t)
    rule = rule_at.get(i)
    if rule:
        f += ["rule=" + rule, "rule=" + rule + "|" + w]
    k = view.mention_at[i]
    if k >= 0:
        m = view.mentions[k]
        f.append("men=" + m.type)
        f.append("mensec=" + ((m.code or "")[-3:] if m.code else "none"))
    if view.quote_at[i] >= 0:
        f.append("inquote")
    return f


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else ("4-6" if n <= 6 else ("7-12" if n <= 12 else "13+"))


def candidates(view: ArticleView, sent: int) -> list[int]:
    """The mentions of sentence `sent` that may take part in its events, indices into
    `view.mentions`: not one nested in a longer mention ("Indonesia" in "Universitas Indonesia",
    "Jakarta Selatan" in "Kejaksaan Negeri Jakarta Selatan"), which is part of that name."""
    cached = view.cache.setdefault("candidates", {})
    if sent not in cached:
        ms = view.mentions
        inside = view.by_sentence().get(sent, [])
        cached[sent] = [k for k in inside if not any(
            j != k and ms[j].start <= ms[k].start and ms[k].end <= ms[j].end
            and ms[j].end - ms[j].start > ms[k].end - ms[k].start for j in inside)]
    return cached[sent]


def role_features(view: ArticleView, trig: tuple[int, int], etype: str, k: int, rule_event: Event | None) -> list[str]:
    """Features of mention `k` as a participant of the event triggered at tokens `trig`."""
    m = view.mentions[k]
    ma, mb = view.mention_tokens(m)
    ta, tb = trig
    lw = view.lower
    tw = lw[ta]
    pre, suf, stem = affixes(tw)
    voice = "di" if pre == "di" else ("ter" if pre == "ter" else ("ber" if pre in ("ber", "be") else (
        "me" if pre.startswith("me") else ("pe" if pre.startswith("pe") or suf in ("an", "annya") else "bare"))))
    side = "L" if mb <= ta else ("R" if ma >= tb else "O")
    dist = (ta - mb) if side == "L" else (ma - tb if side == "R" else 0)
    lo, hi = (mb, ta) if side == "L" else (tb, ma)
    between = lw[lo:hi]
    n_mentions_between = len({view.mention_at[i] for i in range(lo, hi) if view.mention_at[i] >= 0})
    before = lw[ma - 1] if ma > 0 else "<s>"
    before2 = lw[ma - 2] if ma > 1 else "<s>"
    after = lw[mb] if mb < len(lw) else "</s>"
    code = m.code or ""
    sector = code[3:6] if len(code) >= 6 else (code if len(code) == 3 and not m.country else "")
    f = ["bias", "side=" + side, "dist=" + _bucket(dist), "sd=" + side + _bucket(dist), "voice=" + voice,
         "sv=" + side + voice, "svt=" + side + voice + etype, "st=" + side + etype, "type=" + m.type,
         "sec=" + (sector or "none"), "ssec=" + side + (sector or "none"), "stype=" + side + m.type,
         "coded=" + str(bool(code)), "pron=" + str(m.method == "pronoun"), "meth=" + str(m.method),
         "before=" + before, "sbefore=" + side + before, "vbefore=" + voice + side + before,
         "before2=" + before2 + "|" + before, "after=" + after, "tw=" + tw, "tws=" + tw + side,
         "mbetween=" + _bucket(n_mentions_between), "smb=" + side + _bucket(n_mentions_between),
         "tstem=" + stem + side]
    for w in set(between):
        if w in ROLE_PREPS:
            f.append("btw=" + side + w)
    if dist == 0 and side != "O":
        f.append("adjacent" + side)
    # a body inside a title, before the holder's name ("Kepala Kejaksaan Negeri Jakarta Selatan
    # Anang Supriatna")
    nxt = view.mention_at[mb] if mb < len(lw) else -1
    if nxt >= 0 and nxt != k and view.mentions[nxt].type == "PER":
        f.append("before_person")
    prev_t = lw[ta - 1] if ta > 0 else "<s>"
    f.append("tprev=" + prev_t + side)
    sa = view.sentences[view.sent_of[ta]][0]
    f.append("firstcand=" + str(all(view.mention_at[i] < 0 or view.mention_at[i] == view.mention_at[ma]
                                    for i in range(sa, ma))))
    if rule_event is not None:
        if any(getattr(x, "text", None) == m.text for x in rule_event.actors):
            f.append("ruleactor")
        if any(getattr(x, "text", None) == m.text for x in rule_event.recipients):
            f.append("rulerecipient")
    q = view.quote_of(ta)
    if q is not None:
        f.append("tquote")
        if q.speaker_text and m.text == q.speaker_text:
            f.append("speaker")
    if view.quote_of(ma) is not None:
        f.append("mquote" + side)
    return f


MODAL_WORDS = {"akan", "tidak", "tak", "belum", "bukan", "jangan", "gagal", "batal", "jika", "apabila", "kalau",
               "bila", "agar", "supaya", "harus", "seharusnya", "perlu", "sebaiknya", "bisa", "dapat", "ingin",
               "berencana", "rencana", "dijadwalkan", "diduga", "dikabarkan", "disebut", "mengklaim", "klaim",
               "diklaim", "dugaan", "terduga", "kabarnya", "untuk", "hendak", "bakal", "siap", "mau", "segera",
               "telah", "sudah", "sedang", "masih", "pernah", "menolak", "enggan", "tanpa", "mencegah", "mungkin",
               "diharapkan", "berharap", "meminta", "minta", "mendesak", "mengimbau", "tengah", "nanti", "rencananya"}


def modality_features(view: ArticleView, trig: tuple[int, int], etype: str, rule_event: Event | None) -> list[str]:
    ta, tb = trig
    a, b = view.sentences[view.sent_of[ta]]
    lw = view.lower
    tw = lw[ta]
    pre, suf, stem = affixes(tw)
    f = ["bias", "t=" + etype, "tw=" + tw, "pre=" + pre]
    for d in range(1, 6):
        if ta - d < a:
            break
        w = lw[ta - d]
        if w in MODAL_WORDS:
            f.append(f"m-{min(d, 3)}={w}")
            f.append("m<=" + w)
        if w in (",", ";", ":"):
            f.append("clause-break")
            break
    for w in lw[a:ta]:
        if w in MODAL_WORDS:
            f.append("sent<=" + w)
    for w in lw[tb:min(b, tb + 4)]:
        if w in MODAL_WORDS:
            f.append("m+=" + w)
    if view.quote_of(ta) is not None:
        f.append("inquote")
    if rule_event is not None:
        f.append("rule=" + rule_event.modality)
    return f


def code_features(view: ArticleView, k: int) -> list[str]:
    """Features of mention `k` for the code it takes as a participant: what the knowledge base
    says (its code, country, sector), its words, the words before it (a title, a body), and the
    article's home country."""
    m = view.mentions[k]
    a, b = view.mention_tokens(m)
    lw = view.lower
    code = m.code or ""
    home = view.home or "none"
    country = m.country or (code[:3] if len(code) >= 3 and code[:3].isupper() and not code.startswith("IGO") else "")
    sector = code[3:6] if len(code) >= 6 else ""
    f = ["bias", "type=" + m.type, "meth=" + str(m.method), "code=" + (code or "none"), "sector=" + (sector or "none"),
         "home=" + home, "country_is_home=" + str(country == home), "has_country=" + str(bool(country)),
         "entity=" + ("new" if (m.entity_id or "").startswith("pantau:new") else ("kb" if m.entity_id else "none")),
         "ts=" + m.type + (sector or "none")]
    words = lw[a:b]
    for w in words[:4]:
        f.append("w=" + w)
    f.append("head=" + words[0] if words else "head=")
    sa = view.sentences[view.sent_of[a]][0] if a < len(view.sent_of) else 0
    for d in (1, 2, 3):
        if a - d >= sa:
            f.append(f"b{d}=" + lw[a - d])
    if a - 1 >= sa:
        f.append("b1t=" + lw[a - 1] + "|" + m.type)
    for name in (m.canonical_name or "").lower().split()[:3]:
        f.append("canon=" + name)
    if view.quote_of(a) is not None:
        f.append("inquote")
    return f


def implicit_features(view: ArticleView, trig: tuple[int, int], etype: str) -> list[str]:
    """Features of an event for the participant no mention names (an omitted subject, "warga"
    left unsaid, a group noun the entities stage does not list): the trigger, its voice, the
    words on either side, and whether mentions stand on either side."""
    ta, tb = trig
    a, b = view.sentences[view.sent_of[ta]]
    lw = view.lower
    tw = lw[ta]
    pre, suf, stem = affixes(tw)
    left = any(view.mention_at[i] >= 0 for i in range(a, ta))
    right = any(view.mention_at[i] >= 0 for i in range(tb, b))
    f = ["bias", "t=" + etype, "tw=" + tw, "stem=" + stem, "pre=" + pre, "suf=" + suf, "tpre=" + etype + pre,
         "left=" + str(left), "right=" + str(right), "lr=" + str(left) + str(right) + etype,
         "first=" + str(ta == a or (ta - 1 >= a and lw[ta - 1] in ("dan", ","))), "pos=" + _bucket(ta - a)]
    for d in (1, 2):
        f.append(f"w+{d}=" + (lw[tb + d - 1] if tb + d - 1 < b else "</s>"))
        f.append(f"w-{d}=" + (lw[ta - d] if ta - d >= a else "<s>"))
    f.append("w+12=" + "|".join(lw[tb:tb + 2]))
    if view.quote_of(ta) is not None:
        f.append("inquote")
    return f
