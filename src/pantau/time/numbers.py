"""Indonesian quantities before time units: digits and number words, read by a small grammar.

"dua" 2, "sepuluh" 10, "tiga belas" 13, "dua puluh lima" 25, "seratus dua puluh" 120,
"dua ribu" 2000, "1,5" 1.5, "1.000" 1000, "satu setengah" 1.5, "se-" 1 ("sehari"). Vague
quantities ("beberapa", "belasan", "puluhan", "ratusan", "ribuan") have no number: TimeML
writes their amount as ``X`` ("PXD").

The grammar (a regex over the lower-cased text, compiled once) is built from the digit words
and the multipliers, so any well-formed numeral is read, not only a listed one.
"""

from __future__ import annotations

import re
from decimal import Decimal

DIGIT_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
               "delapan": 8, "sembilan": 9}
#: multiplier words; "se" + multiplier is one of it ("sepuluh", "seratus", "seribu")
MULTIPLIERS = {"puluh": 10, "ratus": 100, "ribu": 1000, "juta": 1_000_000}
#: "belas" adds ten to the digit before it ("tiga belas" 13, "sebelas" 11)
VAGUE = frozenset({"beberapa", "belasan", "puluhan", "ratusan", "ribuan", "sejumlah"})

_DIGIT = "(?:" + "|".join(DIGIT_WORDS) + ")"
_MULT = "(?:" + "|".join(MULTIPLIERS) + ")"
# one group: "dua puluh", "seratus", "tiga belas", "sebelas", "lima"
_GROUP = rf"(?:(?:{_DIGIT}\s+|se){_MULT}|(?:{_DIGIT}\s+|se)belas|{_DIGIT})"
#: a numeral in words: groups in descending order ("seratus dua puluh lima"), optionally
#: "setengah" after it ("satu setengah"), or "setengah" alone.
WORDS_RE = rf"(?:{_GROUP}(?:\s+{_GROUP}){{0,3}}(?:\s+setengah)?|setengah)"
#: digits: "48", "1,5" (decimal comma), "1.000" (thousands dot), "2.5"
DIGITS_RE = r"(?:\d{1,3}(?:\.\d{3})+(?![\d,])|\d+(?:[.,]\d+)?)"
VAGUE_RE = "(?:" + "|".join(sorted(VAGUE, key=len, reverse=True)) + ")"

_TOKEN = re.compile(rf"se(?={_MULT}|belas)|{_DIGIT}|{_MULT}|belas|setengah")


#: the largest amount read as a quantity: beyond it a "number" before a unit is a misreading (an
#: identifier, a typo), and floats would round it ("99999999999999999999 tahun" -> 1e20)
MAX_QUANTITY = 10**9


def words_value(words: str) -> Decimal | None:
    """The value of a numeral in words (as matched by ``WORDS_RE``), or None."""
    total, group, current = 0, 0, None
    half = False
    for tok in _TOKEN.findall(words.lower()):
        if tok == "setengah":
            half = True
        elif tok in DIGIT_WORDS or tok == "se":
            if current is not None:
                group += current
            current = DIGIT_WORDS.get(tok, 1)
        elif tok == "belas":
            group += (current or 1) + 10
            current = None
        else:  # a multiplier
            mult = MULTIPLIERS[tok]
            if mult >= 1000:
                total += (group + (current or 0) or 1) * mult
                group, current = 0, None
            else:
                group += (current or 1) * mult
                current = None
    value = Decimal(total + group + (current or 0))
    if half:
        return value + Decimal("0.5")
    return value or None


def quantity(raw: str) -> Decimal | None:
    """A matched quantity (digits or words) as an exact number (Decimal: "1,5" is 1.5, and a long
    digit string keeps its digits); None for a vague one ("beberapa", see ``is_vague``) or one
    above ``MAX_QUANTITY``."""
    raw = raw.strip().lower()
    if raw in VAGUE:
        return None
    if raw[:1].isdigit():
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
            value = Decimal(raw.replace(".", ""))
        else:
            value = Decimal(raw.replace(",", "."))
    else:
        value = words_value(raw)
    return value if value is None or value <= MAX_QUANTITY else None


def is_vague(raw: str | None) -> bool:
    return raw is not None and " ".join(raw.lower().split()) in VAGUE
