"""`pantau.evaluate.events`: the sentence-level scoring rule of issue 20, on hand-made documents
whose right answer is known, and `pantau evaluate events` on a tiny corpus."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from pantau.cli import app
from pantau.evaluate.events import GoldEvent, is_dev, load_gold, locate, score
from pantau.model import Actor, Document, Event, Evidence

TEXT = ("Polisi menangkap dua tersangka di Jakarta.\n\n"
        "Rusia dan Turki bertemu di Ankara.\n\n"
        "Warga berdemonstrasi di depan kantor bupati.")


def sentence_span(k: int) -> tuple[int, int]:
    parts = TEXT.split("\n\n")
    start = sum(len(p) + 2 for p in parts[:k])
    return start, start + len(parts[k])


def actor(code: str | None) -> Actor:
    return Actor(code=code, country=code[:3] if code else None, sector=None, entity_id=None, text=code or "")


def event(etype: str, k: int, actors: list[str | None], recipients: list[str | None]) -> Event:
    start, end = sentence_span(k)
    return Event(id="", event_type=etype, cameo_code=None, goldstein=None, quad_class=None,
                 actors=[actor(a) for a in actors if a], recipients=[actor(r) for r in recipients if r],
                 evidence=Evidence("d", k, start, end, TEXT[start:end]))


def gold(evidence: str, types, actors, recipients, reciprocal=False) -> GoldEvent:
    return GoldEvent(article="d", evidence=evidence, trigger=evidence.split()[1], types=tuple(types),
                     actors=tuple(actors), recipients=tuple(recipients), reciprocal=reciprocal, modality="asserted")


def golds() -> dict:
    return {"d": [
        gold("Polisi menangkap dua tersangka di Jakarta", ["COERCE"], ["IDNCOP"], ["IDNCRM"]),
        gold("Rusia dan Turki bertemu di Ankara", ["CONSULT"], ["RUSGOV"], ["TURGOV"], reciprocal=True),
        gold("Warga berdemonstrasi di depan kantor bupati", ["PROTEST"], ["IDNCVL"], []),
    ]}


def doc(events: list[Event]) -> dict:
    return {"d": Document(id="d", raw_text=TEXT, clean_text=TEXT, events=events)}


def test_countries_decide_and_whole_codes_are_stricter():
    report = score(golds(), doc([event("COERCE", 0, ["IDNGOV"], ["IDNCVL"])]))
    assert report.recall.found == 1 and report.precision == 1.0  # IDN = IDN at the country level
    assert report.whole_codes.found == 0  # IDNGOV is not IDNCOP


def test_reciprocal_gold_matches_the_swapped_pair_and_a_wrong_type_does_not():
    report = score(golds(), doc([event("CONSULT", 1, ["TUR"], ["RUS"]), event("AGREE", 1, ["RUS"], ["TUR"])]))
    assert report.recall.found == 1
    assert report.system_pairs == 2 and report.matched_pairs == 1
    assert report.type_only.found == 1


def test_empty_sides_match_only_a_gold_event_that_lists_none():
    # no recipient in the gold: any recipient (or none) matches; an empty actor does not match IDNCVL
    report = score(golds(), doc([event("PROTEST", 2, ["IDNOPP"], ["IDNGOV"]), event("PROTEST", 2, [], [])]))
    assert report.recall.found == 1 and report.matched_pairs == 1 and report.system_pairs == 2
    assert report.type_actor.found == 1


def test_evidence_in_another_sentence_does_not_count():
    report = score(golds(), doc([event("COERCE", 1, ["IDNCOP"], ["IDNCRM"])]))
    assert report.recall.found == 0 and report.type_only.found == 0 and report.precision == 0.0
    d = report.as_dict(misses=True)
    assert d["per_type"]["COERCE"] == {"gold": 1, "found": 0, "recall": 0.0, "system_pairs": 1, "precision": 0.0}
    assert len(d["misses"]) == 3


def test_evidence_is_located_across_joined_lines_and_split_is_by_the_last_digit():
    text = "Kata dia,\nmereka   akan bertemu besok pagi di Jakarta."
    assert locate("mereka akan bertemu besok pagi", text) == (10, text.index("pagi") + 4)
    assert is_dev("pfsa-dev-0017") and not is_dev("pfsa-dev-0016")


def test_the_first_reading_of_an_article_read_twice_is_the_gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    rec = {"id": "a", "events": [{"evidence": "x" * 20, "trigger": "x", "types": ["AID"], "actors": [],
                                  "recipients": [], "reciprocal": False, "modality": "asserted"}]}
    path.write_text(json.dumps(rec) + "\n" + json.dumps({"id": "a", "events": []}) + "\n", encoding="utf-8")
    assert len(load_gold([path])["a"]) == 1


def test_the_cli_scores_a_corpus_and_rejects_missing_articles(tmp_path):
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"id": "k-1", "text": "JAKARTA, KOMPAS — Polisi menangkap dua tersangka "
                                    "pencurian di Jakarta Selatan, Senin (13/4/2020)."}) + "\n", encoding="utf-8")
    annotations = tmp_path / "gold.jsonl"
    annotations.write_text(json.dumps({"id": "k-1", "events": [{
        "evidence": "Polisi menangkap dua tersangka pencurian", "trigger": "menangkap", "types": ["COERCE"],
        "actors": [{"text": "Polisi", "refers_to": "Polri", "code": "IDNCOP"}],
        "recipients": [{"text": "dua tersangka", "refers_to": "dua tersangka", "code": "IDNCRM"}],
        "reciprocal": False, "modality": "asserted"}]}) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", "events", "--gold", str(annotations), "--articles", str(articles),
                                 "--coder", "rules", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["articles"] == 1 and report["gold_events"] == 1 and report["unplaced_gold"] == 0
    assert 0.0 <= report["recall"] <= report["recall_type_in_sentence"] <= 1.0
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "k-2", "text": "Lain."}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "events", "--gold", str(annotations), "--articles", str(other)])
    assert result.exit_code == 2 and "not in" in result.output
