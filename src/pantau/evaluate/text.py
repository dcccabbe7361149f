"""Text helpers for scoring: normalisation, sentence splitting, and the expected body text.

The body check needs to know which sentences of a raw seed article are real article text:
`body_lines()` removes the gold boilerplate and metadata lines from the raw text (as whole
lines, or glued to the start or end of a line, as in `putin2Moskow, ...` or
`... tersebut. (mm/raialyoum)`), and `body_sentences()` splits what is left.
"""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")

# Typographic variants a cleaner may legitimately normalise.
_PUNCT = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-",
    "\u2026": "...",
})
_QUOTE_MARKS = "\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a`"


def ws(text: str | None) -> str:
    """Collapse every run of whitespace (NBSP included) to one space and strip."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


def fold(text: str | None) -> str:
    """Case- and diacritic-insensitive form: `Çavuşoğlu` -> `cavusoglu`, `İbrahim Kalın` -> `ibrahim kalin`."""
    text = ws(text).replace("ı", "i").replace("İ", "I")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def squash(text: str | None) -> str:
    """Form used to look for a body sentence inside clean text: typographic quotes and dashes
    unified, all whitespace removed (so `Astana , membela` and `Astana, membela` agree)."""
    return _WS.sub("", unicodedata.normalize("NFC", text or "").translate(_PUNCT))


def strip_quote_marks(text: str | None) -> str:
    return ws(text).strip(_QUOTE_MARKS + " ").strip()


def contains_words(haystack: str, needle: str) -> bool:
    """`needle` occurs in `haystack` as whole words (both already folded)."""
    if not needle or not haystack:
        return False
    return re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack) is not None


def count_occurrences(text: str, needle: str) -> int:
    """Non-overlapping occurrences, case-sensitive, whitespace-normalised."""
    needle = ws(needle)
    return ws(text).count(needle) if needle else 0


def _is_boundary(left: str, right: str) -> bool:
    """Is there a plausible token boundary between the characters `left` and `right`?

    `putin2|Moskow` (digit then letter) and `tersebut.| (mm/...)` are boundaries; `TAG|IHAN`
    and `Baca Juga|n` are not, so a short boilerplate string is never cut out of a word.
    """
    if not (left.isalnum() and right.isalnum()):
        return True
    if left.isdigit() != right.isdigit():
        return True
    return left.islower() and right.isupper()


def _strip_glued(line: str, strings: list[str]) -> str:
    """Drop the line if it is one of `strings`; else cut those glued to its start or end."""
    changed = True
    while line and changed:
        changed = False
        for s in strings:
            if line == s:
                return ""
            if len(line) > len(s) and line.startswith(s) and _is_boundary(s[-1], line[len(s)]):
                line, changed = line[len(s):].strip(), True
            elif len(line) > len(s) and line.endswith(s) and _is_boundary(line[-len(s) - 1], s[0]):
                line, changed = line[: -len(s)].strip(), True
    return line


def body_lines(raw_text: str, gold_doc: dict) -> list[str]:
    """The raw text's lines with the gold boilerplate, metadata lines and title removed."""
    strings = [ws(s) for s in list(gold_doc.get("boilerplate") or []) + list(gold_doc.get("metadata_lines") or [])]
    strings = sorted({s for s in strings if s}, key=len, reverse=True)
    title = ws(gold_doc.get("title"))
    lines = []
    for raw_line in raw_text.splitlines():
        line = _strip_glued(ws(raw_line), strings)
        if line and line != title:
            lines.append(line)
    return lines


def body_text(raw_text: str, gold_doc: dict) -> str:
    """What a perfect cleaner would keep: the body lines, one per paragraph."""
    return "\n\n".join(body_lines(raw_text, gold_doc))


# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and
# an uppercase letter, a digit, or an opening quote/bracket.
_SENT_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u024f])")
_WORD = re.compile(r"[^\W\d_]{2,}")
MIN_SENTENCE_WORDS = 3  # shorter fragments ("(S)", "*") are not counted as body sentences


def split_sentences(line: str) -> list[str]:
    parts, start = [], 0
    for m in _SENT_END.finditer(line):
        # keep the closing quote/bracket with the sentence it closes
        end = m.start() + len(m.group(0).rstrip())
        parts.append(line[start:end].strip())
        start = m.end()
    parts.append(line[start:].strip())
    return [p for p in parts if p]


def body_sentences(raw_text: str, gold_doc: dict) -> list[str]:
    """Body sentences of at least MIN_SENTENCE_WORDS words, in order."""
    out = []
    for line in body_lines(raw_text, gold_doc):
        out.extend(s for s in split_sentences(line) if len(_WORD.findall(s)) >= MIN_SENTENCE_WORDS)
    return out


# The dateline/outlet lead a cleaner may cut from the first sentence:
# "Damaskus, Purna Warta – ", "Istanbul (ANTARA News) - ", "KHMEIMIM (SALAM-ONLINE): ", "RAKYATKU.COM - ".
_DATELINE_LEAD = re.compile(r"^.{1,60}?(?:\s[-\u2013\u2014]+|:)\s+")


def without_dateline(sentence: str) -> str | None:
    m = _DATELINE_LEAD.match(sentence)
    if not m:
        return None
    rest = sentence[m.end():].strip()
    return rest if len(_WORD.findall(rest)) >= MIN_SENTENCE_WORDS else None
