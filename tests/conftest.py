"""Shared fixtures."""

from __future__ import annotations

import pytest

POISON = "RACUN-UJI"  # a marker word: the event stage raises on any article that contains it


@pytest.fixture
def poisoned_event_stage(monkeypatch):
    """Make the event coder raise "boom" on articles containing POISON, as a real bug would."""
    from pantau.events import EventCoder

    original = EventCoder.__call__

    def explode_on_marker(self, doc):
        if POISON in doc.text:
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(EventCoder, "__call__", explode_on_marker)
    return POISON
