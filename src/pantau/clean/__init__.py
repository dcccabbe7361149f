"""Clean: boilerplate removal and header metadata (outlet, dateline, byline, date, title)."""

from pantau.clean.cleaner import CleanResult, clean, is_sentence
from pantau.clean.outlets import known_outlet, normalise_outlet

__all__ = ["CleanResult", "clean", "is_sentence", "known_outlet", "normalise_outlet"]
