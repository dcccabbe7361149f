"""UD scoring from raw text, in the manner of the CoNLL 2018 shared task.

    gold = read_conllu("id_gsd-ud-dev.conllu")
    system = analyse_text(raw_text(gold))        # tokenise, split sentences, tag, lemmatise, parse
    report = score(gold, system)                 # tokens, sentences, words, UPOS, lemma, UAS, LAS

The system sees only the raw text (the sentences' `# text` lines joined by a space; a `# newpar` or
`# newdoc` starts a new paragraph), so its tokenisation and sentence splitting are scored too, and
every word-level figure is an F1 over words *aligned through character offsets*:

- both sides' tokens are placed on the text with its whitespace removed;
- the text is cut into regions at every offset where both sides have a token boundary, each region as
  short as possible; a region that is one gold token and one system token, neither a multiword token,
  aligns that word pair; a region holding a multiword token on either side (UD Indonesian splits
  clitics: "menyetujuinya" = "menyetujui" + "nya") aligns its words by the longest common
  subsequence of their lower-cased forms; any other region (a tokenisation mismatch) aligns nothing;
- UPOS / lemma count a word when the aligned pair agrees; UAS when the system word's head is aligned
  to the gold word's head (or both are roots); LAS also needs the relation, compared on its universal
  part ("nmod:poss" → "nmod") as the shared task does.
Precision divides by the system's words, recall by the gold words.

pantau's tokens are surface tokens: the UD model marks a token that carries a clitic with a
`Clitic=<form>_<UPOS>_<deprel>` morphological feature, and `system_sentences` expands such a token
into host word + clitic word (the clitic attached to the host), as UD writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

# lemma and features of the clitics UD Indonesian splits off (the most frequent in GSD and CSUI)
CLITIC_LEMMAS = {"nya": "dia", "ku": "aku", "mu": "kamu"}
CLITIC_FEATS = {("nya", "PRON"): "Number=Sing|Person=3|PronType=Prs", ("nya", "DET"): "PronType=Def",
                ("ku", "PRON"): "Number=Sing|Person=1|PronType=Prs",
                ("mu", "PRON"): "Number=Sing|Person=2|PronType=Prs"}


# ------------------------------------------------------------------------------------------ reading


@dataclass
class Word:
    id: int
    form: str
    lemma: str = "_"
    upos: str = "_"
    xpos: str = "_"
    feats: str = "_"
    head: int = 0
    deprel: str = "_"
    misc: str = "_"


@dataclass
class Token:
    form: str  # the surface token (a multiword token's own form)
    words: list[Word]
    space_after: bool = True

    @property
    def multiword(self) -> bool:
        return len(self.words) > 1


@dataclass
class UDSentence:
    tokens: list[Token] = field(default_factory=list)
    sent_id: str = ""
    text: str = ""
    newpar: bool = False
    comments: list[str] = field(default_factory=list)

    @property
    def words(self) -> list[Word]:
        return [w for t in self.tokens for w in t.words]


def parse_conllu(lines: Iterable[str]) -> list[UDSentence]:
    """Sentences of a CoNLL-U file; multiword tokens group their words (empty nodes are skipped)."""
    sents: list[UDSentence] = []
    cur = UDSentence()
    mwt: tuple[int, Token] | None = None  # (last word id, token) while inside a multiword token
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            if cur.tokens:
                sents.append(cur)
            cur, mwt = UDSentence(), None
            continue
        if line.startswith("#"):
            cur.comments.append(line)
            key, eq, value = line[1:].partition("=")
            key = key.strip()
            if key == "sent_id" and eq:
                cur.sent_id = value.strip()
            elif key == "text" and eq:
                cur.text = value.strip()
            elif key.startswith("newpar") or key.startswith("newdoc"):
                cur.newpar = True
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise ValueError(f"line {lineno}: not a CoNLL-U line: {line!r}")
        space_after = "SpaceAfter=No" not in cols[9].split("|")
        if "-" in cols[0]:
            first, last = (int(x) for x in cols[0].split("-"))
            tok = Token(cols[1], [], space_after)
            cur.tokens.append(tok)
            mwt = (last, tok)
            continue
        if "." in cols[0]:
            continue
        word = Word(int(cols[0]), cols[1], cols[2], cols[3], cols[4], cols[5],
                    int(cols[6]) if cols[6] not in ("_", "") else 0, cols[7], cols[9])
        if mwt is not None and word.id <= mwt[0]:
            mwt[1].words.append(word)
            if word.id == mwt[0]:
                mwt = None
        else:
            cur.tokens.append(Token(cols[1], [word], space_after))
    if cur.tokens:
        sents.append(cur)
    return sents


def read_conllu(path: str | Path) -> list[UDSentence]:
    with open(path, encoding="utf-8") as fh:
        return parse_conllu(fh)


def sentence_text(sent: UDSentence) -> str:
    """The sentence's `# text`, or its tokens joined as SpaceAfter says."""
    if sent.text:
        return sent.text
    return "".join(t.form + (" " if t.space_after else "") for t in sent.tokens).strip()


def raw_text(sents: Sequence[UDSentence]) -> str:
    """The document the system reads: sentences joined by a space, paragraphs by a blank line."""
    parts: list[str] = []
    for i, s in enumerate(sents):
        if i:
            parts.append("\n\n" if s.newpar else " ")
        parts.append(sentence_text(s))
    return "".join(parts)


def write_conllu(sents: Sequence[UDSentence]) -> str:
    out = []
    for k, s in enumerate(sents, 1):
        out.append(f"# sent_id = {s.sent_id or k}")
        out.append(f"# text = {sentence_text(s)}")
        for t in s.tokens:
            misc = "_" if t.space_after else "SpaceAfter=No"
            if t.multiword:
                out.append(f"{t.words[0].id}-{t.words[-1].id}\t{t.form}\t_\t_\t_\t_\t_\t_\t_\t{misc}")
            for w in t.words:
                wmisc = misc if not t.multiword else "_"
                out.append("\t".join([str(w.id), w.form, w.lemma, w.upos, w.xpos, w.feats, str(w.head),
                                      w.deprel, "_", wmisc]))
        out.append("")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------ system side


def clitic_feature(form: str, upos: str, deprel: str) -> str:
    """The value of the `Clitic` feature the UD model predicts on a host token: 'nya_PRON_obj'."""
    return f"{form.lower()}_{upos}_{deprel}"


def split_clitic(token_text: str, value: str) -> tuple[str, Word] | None:
    """(host form, clitic word) for a token whose morphology says `Clitic=value`; None when the
    token does not end in the clitic's form (then it stays one word)."""
    form, _, rest = value.partition("_")
    upos, _, deprel = rest.partition("_")
    if not form or not upos or not deprel:
        return None
    if len(token_text) <= len(form) or token_text[-len(form):].lower() != form:
        return None
    clitic = token_text[-len(form):]
    host = token_text[: -len(form)]
    word = Word(0, clitic, CLITIC_LEMMAS.get(form, form), upos, "_", CLITIC_FEATS.get((form, upos), "_"), 0, deprel)
    return host, word


def doc_sentences(doc) -> list[UDSentence]:
    """A parsed spaCy Doc as UD sentences (surface tokens; clitic tokens expanded into two words)."""
    out: list[UDSentence] = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if not toks:
            continue
        s = UDSentence(text=sent.text.strip())
        host_id: dict[int, int] = {}  # spaCy token index -> UD id of the word carrying its head/deprel
        next_id = 1
        pending: list[tuple[Token, object, list]] = []
        for t in toks:
            feats = t.morph.to_dict()
            clitic_value = feats.pop("Clitic", None)
            feats_str = "|".join(f"{k}={v}" for k, v in sorted(feats.items(), key=lambda kv: kv[0].lower())) or "_"
            host = Word(next_id, t.text, t.lemma_ or t.text, t.pos_ or "X", t.tag_ or "_", feats_str)
            words = [host]
            split = split_clitic(t.text, clitic_value.split(",")[0]) if clitic_value else None
            if split is not None:
                host.form = split[0]
                clitic = split[1]
                clitic.id = next_id + 1
                clitic.head = next_id
                words.append(clitic)
            host_id[t.i] = next_id
            next_id += len(words)
            space = bool(t.whitespace_) or t.i + 1 >= sent.end or doc[t.i + 1].is_space
            tok = Token(t.text, words, space)
            s.tokens.append(tok)
            pending.append((tok, t, words))
        for tok, t, words in pending:
            head = t.head
            if head.i == t.i or head.i not in host_id or t.dep_.lower() == "root":
                words[0].head, words[0].deprel = 0, "root"
            else:
                words[0].head, words[0].deprel = host_id[head.i], t.dep_ or "dep"
        out.append(s)
    return out


def analyse_text(text: str, nlp_ud=None, sentences: str = "parser") -> list[UDSentence]:
    """Tokenise `text` with pantau's tokenizer, then tag, lemmatise and parse it with the shipped UD
    model (or `nlp_ud`, loaded by `pantau.models`, which gives every model pantau's tokenizer).
    Sentences: "parser" lets the parser find them (it was trained on multi-sentence documents);
    "pantau" presets them with pantau's own rules (pantau_sentences, as the analysis pipeline
    does), which the parser then respects."""
    from pantau.models import annotate, load_ud
    from pantau.nlp import sentences_component

    if sentences not in ("parser", "pantau"):
        raise ValueError(f"sentences must be 'parser' or 'pantau', not {sentences!r}")
    ud = nlp_ud if nlp_ud is not None else load_ud()
    doc = ud.make_doc(text)
    if sentences == "pantau":
        doc = sentences_component(doc)
    annotate(doc, ud)
    return doc_sentences(doc)


# ------------------------------------------------------------------------------------------ alignment


@dataclass
class _Item:
    """A word placed on the whitespace-free text: the span of its surface token."""
    word: Word
    start: int
    end: int
    multiword: bool
    sent: int


def _place(sents: Sequence[UDSentence]) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]], list[list[_Item]]]:
    """(characters, token spans, sentence spans, words per sentence) with offsets into the text
    with all whitespace removed."""
    chars: list[str] = []
    tok_spans: list[tuple[int, int]] = []
    sent_spans: list[tuple[int, int]] = []
    words: list[list[_Item]] = []
    pos = 0
    for k, s in enumerate(sents):
        s_start = pos
        items: list[_Item] = []
        for t in s.tokens:
            form = "".join(t.form.split())
            start, pos = pos, pos + len(form)
            chars.append(form)
            tok_spans.append((start, pos))
            for w in t.words:
                items.append(_Item(w, start, pos, t.multiword, k))
        sent_spans.append((s_start, pos))
        words.append(items)
    return "".join(chars), tok_spans, sent_spans, words


def _lcs_pairs(gold: Sequence[_Item], system: Sequence[_Item]) -> list[tuple[_Item, _Item]]:
    """Pairs of a longest common subsequence of the two word lists (lower-cased forms)."""
    g = [x.word.form.lower() for x in gold]
    s = [x.word.form.lower() for x in system]
    n, m = len(g), len(s)
    table = [[0] * (m + 1) for _ in range(n + 1)]  # table[i][j]: LCS of g[i:], s[j:]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if g[i] == s[j] else max(table[i + 1][j], table[i][j + 1])
    pairs = []
    i = j = 0
    while i < n and j < m:
        if g[i] == s[j]:
            pairs.append((gold[i], system[j]))
            i += 1
            j += 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def align(gold_words: Sequence[_Item], system_words: Sequence[_Item]) -> list[tuple[_Item, _Item]]:
    """Aligned (gold, system) word pairs, region by region (see the module docstring)."""
    gold_bounds = {x.start for x in gold_words} | {x.end for x in gold_words}
    sys_bounds = {x.start for x in system_words} | {x.end for x in system_words}
    common = sorted(gold_bounds & sys_bounds)
    pairs: list[tuple[_Item, _Item]] = []
    gi = si = 0
    for a, b in zip(common, common[1:]):
        g_region, s_region = [], []
        while gi < len(gold_words) and gold_words[gi].start < b:
            if gold_words[gi].start >= a:
                g_region.append(gold_words[gi])
            gi += 1
        while si < len(system_words) and system_words[si].start < b:
            if system_words[si].start >= a:
                s_region.append(system_words[si])
            si += 1
        if not g_region or not s_region:
            continue
        if any(x.multiword for x in g_region) or any(x.multiword for x in s_region):
            pairs.extend(_lcs_pairs(g_region, s_region))
        elif len(g_region) == 1 and len(s_region) == 1 and (g_region[0].start, g_region[0].end) == (a, b) \
                and (s_region[0].start, s_region[0].end) == (a, b):
            pairs.append((g_region[0], s_region[0]))
    return pairs


# ------------------------------------------------------------------------------------------ scoring


def _f(correct: int, n_system: int, n_gold: int) -> dict:
    p = correct / n_system if n_system else 0.0
    r = correct / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "correct": correct, "system": n_system, "gold": n_gold}


def _universal(deprel: str) -> str:
    return deprel.split(":")[0].lower()


def score(gold: Sequence[UDSentence], system: Sequence[UDSentence]) -> dict:
    """Token, sentence and word F1, and UPOS / lemma / UAS / LAS F1 over aligned words.

    Raises ValueError when the two sides do not spell the same text (whitespace aside)."""
    g_text, g_toks, g_sents, g_words = _place(gold)
    s_text, s_toks, s_sents, s_words = _place(system)
    if g_text != s_text:
        at = next((i for i, (x, y) in enumerate(zip(g_text, s_text)) if x != y), min(len(g_text), len(s_text)))
        raise ValueError(f"gold and system text differ at character {at}: "
                         f"{g_text[max(0, at - 20):at + 20]!r} vs {s_text[max(0, at - 20):at + 20]!r}")
    gw = [x for sent in g_words for x in sent]
    sw = [x for sent in s_words for x in sent]
    pairs = align(gw, sw)
    # word id -> item, per sentence, to follow heads
    g_by = {(x.sent, x.word.id): x for x in gw}
    s_by = {(x.sent, x.word.id): x for x in sw}
    sys_to_gold = {id(s): g for g, s in pairs}

    def gold_head(x: _Item):
        return None if x.word.head == 0 else g_by.get((x.sent, x.word.head))

    def sys_head_aligned(x: _Item):
        if x.word.head == 0:
            return None
        h = s_by.get((x.sent, x.word.head))
        return sys_to_gold.get(id(h), "unaligned") if h is not None else "unaligned"

    upos = lemma = uas = las = 0
    for g, s in pairs:
        if g.word.upos == s.word.upos:
            upos += 1
        if g.word.lemma == "_" or g.word.lemma == s.word.lemma:
            lemma += 1
        if gold_head(g) is sys_head_aligned(s):
            uas += 1
            if _universal(g.word.deprel) == _universal(s.word.deprel):
                las += 1
    n_g, n_s = len(gw), len(sw)
    tokens = len(set(g_toks) & set(s_toks))
    sentences = len(set(g_sents) & set(s_sents))
    report = {
        "tokens": _f(tokens, len(s_toks), len(g_toks)),
        "sentences": _f(sentences, len(s_sents), len(g_sents)),
        "words": _f(len(pairs), n_s, n_g),
        "upos": _f(upos, n_s, n_g),
        "lemma": _f(lemma, n_s, n_g),
        "uas": _f(uas, n_s, n_g),
        "las": _f(las, n_s, n_g),
    }
    return report


def trained_sentence_ids(meta: dict) -> set[str]:
    """The CoNLL-U sentence ids a UD model learnt from, as training/train.py records them in its
    meta (`nlp.meta`); empty for a model without that record."""
    ids = (meta.get("pantau_training") or {}).get("trained_sent_ids") or {}
    return {sent_id for bank in ids.values() for sent_id in bank}


def evaluate_file(path: str | Path, nlp_ud=None, sentences: str = "parser") -> dict:
    """Score the UD model on a CoNLL-U file from its raw text (`sentences`: see analyse_text).
    `seen_in_training` counts the gold sentences the model learnt from (by sent_id): scores on
    those overstate it."""
    from pantau.models import load_ud

    gold = read_conllu(path)
    ud = nlp_ud if nlp_ud is not None else load_ud()
    system = analyse_text(raw_text(gold), ud, sentences)
    report = score(gold, system)
    report["file"] = str(path)
    report["sentence_splitter"] = sentences
    report["gold_sentences"] = len(gold)
    trained = trained_sentence_ids(ud.meta)
    report["seen_in_training"] = sum(1 for s in gold if s.sent_id and s.sent_id in trained)
    return report
