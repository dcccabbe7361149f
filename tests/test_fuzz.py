"""Fuzz tests (issue 25): a few hundred hostile files through the readers and a few hundred
hostile texts through `pantau.analyze`, with the properties of tests/fuzz_inputs.py. The long
run is `python scripts/fuzz.py` (see its docstring)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_inputs import NEWS_TEXT, check_analyze, check_read, files


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files())
def test_readers_never_raise_and_hand_on_storable_text(file):
    check_read(*file)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWS_TEXT.filter(lambda t: t.strip()),
       st.sampled_from([None, "2021-03-01", "9999-12-31", "0001-01-01", "2020-02-29", "Senin (25/5)"]))
def test_analyze_never_raises_and_keeps_its_offsets(text, published):
    check_analyze(text, published)
