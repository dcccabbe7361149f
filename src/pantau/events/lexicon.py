"""The trigger lexicon (data/triggers_id.tsv): the Indonesian words and phrases that open an
event, each with its CAMEO code, its kind (V active verb, P passive, N nominal, R reciprocal,
B blame), the words it requires after it and its flags; and the normalisation a token is matched
with (`lexicon_word`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pantau.events.coding import cameo_table

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Trigger:
    code: str
    kind: str  # V active, P passive, N nominal, R reciprocal, B blame (see data/triggers_id.tsv)
    words: tuple[str, ...]
    requires: frozenset[str]
    flags: frozenset[str]


@lru_cache(maxsize=1)
def trigger_lexicon() -> dict[str, list[Trigger]]:
    """First word → triggers starting with it (longest first)."""
    lexicon: dict[str, list[Trigger]] = {}
    for line in (DATA / "triggers_id.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + ["", "", ""]
        code, kind, forms, requires, flags = (c.strip() for c in cols[:5])
        for form in forms.split("|"):
            words = tuple(form.split())
            if not words:
                continue
            trig = Trigger(code, kind, words, frozenset(w for w in requires.split("|") if w),
                           frozenset(w for w in flags.split("|") if w))
            lexicon.setdefault(words[0], []).append(trig)
    for triggers in lexicon.values():
        triggers.sort(key=lambda t: -len(t.words))
    return lexicon


def lexicon_word(tok) -> str:
    """The token as the lexicon spells it: lowercased, and without a final -nya where the rest is
    a word of the lexicon ("pertemuannya" → "pertemuan")."""
    w = tok.lower_
    if w.endswith("nya") and len(w) > 6 and w[:-3] in _KNOWN_STEMS():
        return w[:-3]
    return w


@lru_cache(maxsize=1)
def _KNOWN_STEMS() -> frozenset[str]:  # noqa: N802 - a cached constant
    return frozenset(w for trigs in trigger_lexicon().values() for t in trigs for w in t.words)


@lru_cache(maxsize=1)
def word_types() -> dict[str, frozenset[str]]:
    """Each word of the trigger lexicon → the PLOVER types of the triggers it belongs to (a
    feature of the learned detector)."""
    cameo = cameo_table()
    out: dict[str, set[str]] = {}
    for triggers in trigger_lexicon().values():
        for t in triggers:
            info = cameo.get(t.code)
            if info is None:
                continue
            for w in t.words:
                out.setdefault(w, set()).add(info.plover)
    return {w: frozenset(ts) for w, ts in out.items()}
