"""Tests for `pantau evaluate time` (pantau.evaluate.timeml) on small synthetic TimeML files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from pantau.evaluate.timeml import Timex, evaluate_files, pair, read_timeml, score_document, split_ranges

FIXTURES = Path(__file__).parent / "data" / "timeml-fixtures"
TODAY = dt.date(2026, 12, 8)


def test_read_timeml_gives_the_plain_text_and_exact_offsets():
    doc = read_timeml(FIXTURES / "two-dates.tml")
    assert (doc.doc_id, doc.dct) == ("fixture-two-dates", "2020-05-26")
    assert "<" not in doc.text and "&amp;" not in doc.text and " & " in doc.text
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Senin (25/5)", "DATE", "2020-05-25"), ("dua pekan", "DURATION", "P2W"),
        ("setiap Senin", "SET", "XXXX-WXX-1"), ("kemarin", "DATE", "2020-05-24")]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text


def test_strict_relaxed_value_and_type_scores():
    report = evaluate_files([FIXTURES / "two-dates.tml"], today=TODAY)
    every = report["overall"]["all"]
    # the system reads "kemarin pukul 10.00 WIB" as one TIME: it overlaps the gold "kemarin" (relaxed)
    # but is not the same span (strict), and its value (the 25th) is not the gold's (the 24th)
    assert (every["gold"], every["system"]) == (4, 4)
    assert every["strict"] == {"precision": 0.75, "recall": 0.75, "f1": 0.75, "matched": 3}
    assert every["relaxed"]["precision"] == every["relaxed"]["recall"] == 1.0
    assert (every["value_correct"], every["value_accuracy"], every["type_accuracy"]) == (3, 0.75, 0.75)
    date_time = report["overall"]["DATE+TIME"]
    assert (date_time["gold"], date_time["system"], date_time["strict"]["recall"]) == (2, 2, 0.5)
    assert report["overall"]["TIME"]["gold"] == 0 and report["overall"]["TIME"]["relaxed"]["precision"] == 1.0
    wrong = report["documents"][0]["problems"]["wrong_values"]
    assert [(w["text"], w["system"][:2]) for w in wrong] == [("kemarin", ["TIME", "2020-05-25T10:00+07:00"])]


def test_value_at_day_level_and_without_the_dct():
    with_dct = evaluate_files([FIXTURES / "wrong-values.tml"], today=TODAY)["overall"]["all"]
    # "pagi ini" is 2019-01-02TMO against the gold's 2019-01-02T08:00: wrong, but right to the day
    assert (with_dct["value_accuracy"], with_dct["value_accuracy_day"]) == (0.5, 1.0)
    without = evaluate_files([FIXTURES / "wrong-values.tml"], with_dct=False, today=TODAY)["overall"]["all"]
    assert without["relaxed"]["recall"] == 1.0 and without["value_accuracy"] == 0.0  # nothing to resolve against


def test_pairs_are_one_to_one_by_largest_overlap():
    gold = [Timex(0, 4, "2011", "DATE", "2011"), Timex(7, 11, "2015", "DATE", "2015")]
    system = [Timex(0, 11, "2011 - 2015", "DATE", "2011/2015")]
    assert len(pair(gold, system)) == 1
    counts, problems = score_document(type("Doc", (), {"timexes": gold})(), split_ranges(system))
    assert counts["all"].strict == 2 and counts["all"].value == 2 and not problems["missed"]


def test_split_ranges_scores_a_bracketed_bundle_as_its_duration():
    bundle = Timex(0, 33, "Jumat - Minggu (2 - 4 / 4 / 2021)", "DATE", "2021-04-02/2021-04-04")
    assert [(t.text, t.type, t.value) for t in split_ranges([bundle])] == [(bundle.text, "DURATION", "P3D")]
    days = split_ranges([Timex(10, 28, "24 hingga 30 Desember", "DATE", "2018-12-24/2018-12-30")])
    assert [(t.start, t.end, t.text, t.value) for t in days] == [
        (10, 12, "24", "2018-12-24"), (20, 28, "30 Desember", "2018-12-30")]


def test_cli_json_and_folder_argument():
    from pantau.cli import app

    result = CliRunner().invoke(app, ["evaluate", "time", str(FIXTURES), "--json", "--today", "2026-12-08"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["files"] == 2 and report["with_dct"] is True
    result = CliRunner().invoke(app, ["evaluate", "time", str(FIXTURES / "nope.tml")])
    assert result.exit_code == 2


def test_read_timeml_reads_timexes_nested_in_other_elements(tmp_path):
    path = tmp_path / "nested.tml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<TimeML><DOCID>nested</DOCID>'
        '<DCT><TIMEX3 tid="t0" type="DATE" value="2020-05-26">2020-05-26</TIMEX3></DCT>'
        '<TEXT><p>Warga datang <s>pada <TIMEX3 tid="t1" type="DATE" value="2020-05-25">Senin (25/5)</TIMEX3>'
        ' pagi.</s></p> Mereka pulang <TIMEX3 tid="t2" type="DATE" value="2020-05-24">kemarin</TIMEX3>.</TEXT>'
        '</TimeML>', encoding="utf-8")
    doc = read_timeml(path)
    assert doc.text == "Warga datang pada Senin (25/5) pagi. Mereka pulang kemarin."
    assert [(t.text, doc.text[t.start:t.end]) for t in doc.timexes] == [
        ("Senin (25/5)", "Senin (25/5)"), ("kemarin", "kemarin")]


def test_a_gold_without_a_value_is_not_a_correct_value():
    gold = [Timex(0, 4, "kini", "DATE", None), Timex(5, 9, "2015", "DATE", "2015")]
    system = [Timex(0, 4, "kini", "DATE", None), Timex(5, 9, "2015", "DATE", "2015")]
    counts, problems = score_document(type("Doc", (), {"timexes": gold})(), system)
    assert (counts["all"].value, counts["all"].value_day, counts["all"].relaxed) == (1, 1, 2)
    assert counts["all"].as_dict()["value_accuracy"] == 1.0 and not problems["wrong_values"]
