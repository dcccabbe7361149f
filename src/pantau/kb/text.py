"""String normalisation shared by the KB build and the runtime lookups.

Both sides must use the same functions, so keys computed at build time match
keys computed at query time.
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose into base + combining mark.
_SPECIAL = str.maketrans({
    "ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th",
})
_APOS = re.compile(r"[’'‘`ʼʻ´ʿʾ]")
_SEP = re.compile(r"[\-‐‑‒–—_/.,;:()\"“”\[\]!?]+")
_SPACE = re.compile(r"\s+")
# Arabic article variants ("al-Assad", "el-Sisi", "Bashar Assad") are dropped from keys.
_ARTICLES = {"al", "el", "al-", "el-"}


def strip_diacritics(s: str) -> str:
    s = s.translate(_SPECIAL)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def norm(s: str) -> str:
    """Lookup key: casefold, no diacritics, apostrophes removed, hyphens/dots → space,
    standalone Arabic articles (al/el) dropped unless they are the whole name."""
    s = strip_diacritics(s).casefold()
    s = _APOS.sub("", s)
    s = _SEP.sub(" ", s)
    toks = s.split()
    kept = [t for t in toks if t not in _ARTICLES]
    return " ".join(kept or toks)


# Transliteration folding for fuzzy matching: Indonesian "sy" = English "sh",
# y/i and ou/u alternate in Russian/Arabic romanisations, doubled letters vary.
_FOLD = [("sy", "s"), ("sh", "s"), ("kh", "h"), ("dh", "d"), ("dz", "z"), ("ou", "u"),
         ("oo", "u"), ("ee", "i"), ("y", "i"), ("q", "k"), ("w", "v")]
_DOUBLE = re.compile(r"(.)\1+")


def fold(s: str) -> str:
    """A coarser key than `norm` for spelling variants (Basyar Asad ~ Bashar Assad)."""
    s = norm(s)
    for a, b in _FOLD:
        s = s.replace(a, b)
    return _DOUBLE.sub(r"\1", s)


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", strip_diacritics(s).lower().replace("'", "")).strip("-")


_PARTICLES = {"al", "el", "bin", "ibn", "de", "van", "von", "der", "da", "di", "du", "la", "le", "ad", "ash", "as", "an", "ul"}


def title_case(raw: str) -> str:
    """Phoenix "BASHAR_AL_ASSAD_" → "Bashar al Assad"; "BAN_KI-MOON" → "Ban Ki-moon"."""
    words = [w for w in raw.replace("_", " ").split() if w]
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if "-" in lw:
            head, _, rest = lw.partition("-")
            if head in _PARTICLES:  # al-assad → al-Assad
                out.append(head + "-" + rest[:1].upper() + rest[1:])
            else:  # ki-moon → Ki-moon
                out.append(lw[:1].upper() + lw[1:])
        elif lw in _PARTICLES and 0 < i < len(words) - 1:
            out.append(lw)
        elif len(lw) <= 2 and lw.endswith("."):  # initials "V."
            out.append(lw.upper())
        else:
            out.append(lw[:1].upper() + lw[1:])
    return " ".join(out)
