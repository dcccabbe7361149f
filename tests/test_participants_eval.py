"""The participants scorer (`pantau evaluate participants`): matching by containment, per role,
one gold phrase per system participant, non-events counting against precision."""

import json
from pathlib import Path

import pytest

from pantau.evaluate.participants import load_gold, score
from pantau.model import Actor, Document, Event, Evidence, Mention

TEXT = "Presiden Joko Widodo mengecam Israel. Polisi menangkap pelaku. Harga naik tajam."
ROOT = Path(__file__).resolve().parents[1]


def actor(text, entity_id=None):
    return Actor(code=None, country=None, sector=None, entity_id=entity_id, text=text)


def event(sentence_start, sentence_end, trigger, actors, recipients):
    return Event(id="", event_type="X", cameo_code=None, goldstein=None, quad_class=None, actors=actors,
                 recipients=recipients, trigger=trigger,
                 evidence=Evidence(doc_id="a", sentence=0, start=sentence_start, end=sentence_end, text=""))


def document():
    doc = Document(id="a", raw_text=TEXT, clean_text=TEXT)
    s1, s2 = TEXT.index("Polisi"), TEXT.index("Harga")
    doc.events = [
        # "Presiden" is linked to Joko Widodo: its canonical name matches the gold phrase
        event(0, s1 - 1, "mengecam", [actor("Presiden", "Q1")], [actor("Israel"), actor("Palestina")]),
        event(s1, s2 - 1, "menangkap", [actor("Kejaksaan")], []),
    ]
    doc.mentions = [Mention(text="Presiden", start=0, end=8, type="PER", entity_id="Q1", canonical_name="Joko Widodo")]
    return doc


def gold_items():
    return {"schema": "pantau-participants/1", "items": [
        {"id": "1", "split": "dev", "article": "a", "trigger_start": TEXT.index("mengecam"), "trigger": "mengecam",
         "event": True, "actor": ["Joko Widodo"], "recipient": ["Israel"]},
        {"id": "2", "split": "dev", "article": "a", "trigger_start": TEXT.index("menangkap"), "trigger": "menangkap",
         "event": True, "actor": ["Polisi"], "recipient": ["pelaku"]},
        {"id": "3", "split": "test", "article": "a", "trigger_start": TEXT.index("naik"), "trigger": "naik",
         "event": False, "actor": [], "recipient": []},
    ]}


def test_scores_per_role():
    report = score(gold_items(), {"a": document()}, split="dev").as_dict()
    assert report["items"] == 2
    # actors: Presiden~Joko Widodo right, Kejaksaan vs Polisi wrong
    assert report["actor"]["matched_system"] == 1 and report["actor"]["system"] == 2 and report["actor"]["gold"] == 2
    # recipients: Israel right, Palestina wrong, pelaku missed
    r = report["recipient"]
    assert (r["matched_system"], r["system"], r["gold"]) == (1, 2, 2)
    assert r["precision"] == 0.5 and r["recall"] == 0.5
    assert report["both"]["system"] == 4 and report["both"]["matched_gold"] == 2
    assert {m["id"] for m in report["misses"]} == {"1", "2"}


def test_a_gold_phrase_is_matched_once():
    gold = gold_items()
    gold["items"][0]["recipient"] = ["Israel"]
    doc = document()
    doc.events[0].recipients = [actor("Israel"), actor("Israel Defense Forces")]
    r = score(gold, {"a": doc}, split="dev").as_dict()["recipient"]
    assert r["matched_system"] == 1 and r["system"] == 2  # both at the first trigger, one gold phrase


def test_split_and_drifted_offsets():
    gold = gold_items()
    assert score(gold, {"a": document()}, split="test").as_dict()["items"] == 1
    gold["items"][1]["trigger_start"] += 1
    report = score(gold, {"a": document()}, split="dev").as_dict()
    assert report["drifted"] == ["2"] and report["items"] == 1


def test_missing_article_is_an_error():
    with pytest.raises(KeyError):
        score(gold_items(), {}, split="dev")


def test_shipped_gold_is_well_formed():
    gold = load_gold(ROOT / "docs" / "gold" / "participants-kompas.json")
    items = gold["items"]
    assert len(items) == 240 and {i["split"] for i in items} == {"dev", "test"}
    # the split is by article: no article has items on both sides
    by_article = {}
    for item in items:
        by_article.setdefault(item["article"], set()).add(item["split"])
    assert all(len(splits) == 1 for splits in by_article.values())
    assert all(isinstance(i["actor"], list) and isinstance(i["recipient"], list) for i in items)
    assert not any(i["actor"] or i["recipient"] for i in items if not i["event"])


def test_wrong_schema_is_refused(tmp_path):
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"schema": "pantau-gold/1"}))
    with pytest.raises(ValueError):
        load_gold(path)


def test_the_command_scores_a_corpus(tmp_path):
    from typer.testing import CliRunner

    from pantau.cli import app
    from pantau.pipeline import prepare

    text = ("Anggota DPR dari Fraksi Partai Golkar itu kemudian menyerahkan diri ke KPK pada Senin malam.\n\n"
            "Rusia menyerang Ukraina pada Selasa.")
    clean = prepare(text).clean_text
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "x1", "text": text}) + "\n", encoding="utf-8")
    items = [
        {"id": "1", "split": "dev", "article": "x1", "trigger_start": clean.index("menyerahkan diri"),
         "trigger": "menyerahkan diri", "event": True, "actor": ["Anggota DPR"], "recipient": ["KPK"]},
        {"id": "2", "split": "dev", "article": "x1", "trigger_start": clean.index("menyerang"),
         "trigger": "menyerang", "event": True, "actor": ["Rusia"], "recipient": ["Ukraina"]},
    ]
    gold = tmp_path / "g.json"
    gold.write_text(json.dumps({"schema": "pantau-participants/1", "articles": "c.jsonl", "items": items}))
    runner = CliRunner()
    reports = {}
    for flag in ("--parse", "--no-parse"):
        result = runner.invoke(app, ["evaluate", "participants", "--gold", str(gold), "--articles", str(corpus),
                                     flag, "--json"])
        assert result.exit_code == 0, result.output
        reports[flag] = json.loads(result.output)
    # the rules take the faction for the member of parliament; the parse gets it right
    assert reports["--parse"]["actor"]["matched_gold"] == 2
    assert reports["--no-parse"]["actor"]["matched_gold"] == 1
    assert reports["--parse"]["recipient"]["recall"] == 1.0
    bad = runner.invoke(app, ["evaluate", "participants", "--gold", str(gold), "--articles", str(corpus), "--split", "x"])
    assert bad.exit_code == 2 and "--split" in bad.output
