"""The pipeline as a whole: odd inputs, error propagation, sentence boundaries."""

from __future__ import annotations

import pytest

from pantau.events import EventCoder
from pantau.pipeline import analyze, analyze_documents, prepare


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "Baca Juga", "Menteri Sosial Juliari",
                                  "Menteri Sosial Juliari Batubara", "“Kami datang", "Dia mengatakan bahwa."])
def test_odd_inputs_do_not_crash(text):
    doc = analyze(text)
    for m in doc.mentions:
        assert doc.clean_text[m.start:m.end] == m.text


def test_a_failing_stage_raises_from_analyze(monkeypatch):
    def boom(self, doc):
        raise RuntimeError("boom")

    monkeypatch.setattr(EventCoder, "__call__", boom)
    with pytest.raises(RuntimeError, match="boom"):
        analyze("Rusia menyerang Ukraina.")


def test_a_failing_stage_is_reported_per_article_and_the_rest_go_on(poisoned_event_stage):
    failed = []
    docs = [prepare(f"Rusia menyerang Ukraina. {poisoned_event_stage}."),
            prepare("Jepang dan Korea Selatan sepakat bekerja sama.")]
    out = list(analyze_documents(docs, on_error=lambda d, stage, exc: failed.append((d.id, stage))))
    assert [d.id for d in out] == [docs[1].id]
    assert failed == [(docs[0].id, "pantau_events")]
    # the shared pipeline raises again afterwards: the handler was for that run only
    with pytest.raises(RuntimeError):
        analyze(f"{poisoned_event_stage}.")


def test_an_unbalanced_quote_does_not_swallow_the_next_paragraph():
    doc = analyze("“Kami datang untuk berdamai, kata dia.\nRusia menyerang Ukraina pada Senin. Turki mengecam Rusia.")
    texts = [s.text for s in doc.sentences]
    assert "Rusia menyerang Ukraina pada Senin." in texts and "Turki mengecam Rusia." in texts
