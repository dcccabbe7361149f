"""Tests for pantau.evaluate: scoring against gold files, independent of the pipeline.

A perfect output is derived from the gold itself (`perfect_output`) and must score 1.0
everywhere; each test then perturbs it and checks the score moves by exactly what the rules say.
"""

from __future__ import annotations

import copy
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # allow running without an installed package
    sys.path.insert(0, str(ROOT / "src"))

from pantau.evaluate import (  # noqa: E402
    body_sentences,
    body_text,
    expand_pairs,
    load_gold,
    outputs_by_stem,
    render_markdown,
    render_problems,
    render_table,
    render_text,
    report_to_json,
    score_documents,
)
from pantau.evaluate import text as T  # noqa: E402
from pantau.model import (  # noqa: E402
    Actor,
    Document,
    Event,
    Evidence,
    Mention,
    Place,
    Quote,
    TimeValue,
)

SHARED = Path(os.environ.get("PANTAU_SHARED", ROOT.parent / "shared"))
SEEDS_GOLD = SHARED / "gold" / "seeds.json"

# --------------------------------------------------------------------------- a small gold file

RAW = """Judul Berita Contoh Yang Panjang
Jakarta, Kabar Kita – Menteri Luar Negeri Rusia Sergei Lavrov bertemu timpalan Turki di Moskow pada Sabtu lalu. Pertemuan itu berlangsung tiga jam.
Baca Juga
Baca Juga : Rusia Serang Kota di Suriah
“Kami sepakat untuk bekerja sama melawan teror,” kata Lavrov kepada wartawan.
Turki dan Rusia sepakat mengoordinasikan operasi di Suriah.
Cavusoglu menyambut baik hasil pertemuan itu pada Jumat.
Tulisan Baca Juga di situs itu sering diklik pembaca.
putin2Rusia akan membantu pengungsi kembali ke rumah mereka. (ab/cd)
Editor : Budi
"""

GOLD_DOC = {
    "doc": "t1_test",
    "outlet": "Kabar Kita",
    "dateline": "Jakarta",
    "published": "2018-12-30",
    "title": "Judul Berita Contoh Yang Panjang",
    "boilerplate": ["Baca Juga : Rusia Serang Kota di Suriah", "Baca Juga", "putin2"],
    "metadata_lines": ["Editor : Budi", "(ab/cd)"],
    "dates": [
        {"text": "Sabtu lalu", "value": "2018-12-29"},
        {"text": "Jumat", "value": "2018-12-28", "requires_published": True},
    ],
    "entities": [
        {"canonical": "Sergey Lavrov", "type": "PER", "country": "RUS", "mentions": ["Sergei Lavrov", "Lavrov"]},
        {"canonical": "Mevlüt Çavuşoğlu", "type": "PER", "country": "TUR", "mentions": ["Cavusoglu"]},
        {"canonical": "Moscow", "type": "LOC", "country": "RUS", "mentions": ["Moskow"]},
        {"canonical": "Turkey", "type": "LOC", "country": "TUR", "mentions": ["Turki"]},
    ],
    "quotes": [{"speaker": "Sergey Lavrov", "starts": "Kami sepakat untuk bekerja"}],
    "events": [
        {"id": "t-1", "required": True, "types": ["CONSULT"], "actor": "RUSGOV", "recipient": "TUR",
         "date": "2018-12-29", "location": "Moskow", "note": "reciprocal"},
        {"id": "t-2", "required": True, "types": ["AGREE", "COOPERATE"], "actor": "TUR", "recipient": "RUS", "date": None},
        {"id": "t-3", "required": True, "types": ["AID"], "actor": "RUS", "recipient": None, "modality": "future"},
        {"id": "t-4", "required": False, "types": ["ASSAULT"], "actor": None, "recipient": "SYR"},
    ],
    "must_not": [{"why": "only in a 'Baca Juga' line", "actor": "RUS", "recipient": "SYR", "types": ["ASSAULT"]}],
}


def small_gold() -> dict:
    return {"schema": "pantau-gold/1", "documents": [copy.deepcopy(GOLD_DOC)]}


# --------------------------------------------------------------------------- the perfect output


def _actor(code: str | None) -> list[Actor]:
    if not code:
        return []
    return [Actor(code=code, country=code[:3], sector=code[3:] or None, entity_id=None, text=code)]


def perfect_output(gold_doc: dict, raw_text: str, *, published: str | None = None) -> Document:
    """What an ideal pipeline would output for `gold_doc`, built from the gold itself."""
    events = []
    for i, g in enumerate(gold_doc.get("events") or []):
        loc = g.get("location")
        events.append(Event(
            id=f"e{i}", event_type=g["types"][0], cameo_code=None, goldstein=None, quad_class=None,
            actors=_actor(g.get("actor")), recipients=_actor(g.get("recipient")),
            evidence=Evidence(doc_id=gold_doc["doc"], sentence=0, start=0, end=0, text=g.get("evidence", "")),
            date=g.get("date"), location=Place(name=loc, text=loc) if loc else None,
            modality=g.get("modality") or "asserted",
        ))
    mentions = [
        Mention(text=surface, start=0, end=len(surface), type=ent["type"], canonical_name=ent["canonical"],
                country=ent.get("country"))
        for ent in gold_doc.get("entities") or [] for surface in ent.get("mentions") or []
    ]
    times = [TimeValue(text=d["text"], start=0, end=0, value=d["value"], granularity="day")
             for d in gold_doc.get("dates") or []]
    quotes = [Quote(text=f"“{q['starts']} …”", start=0, end=0, kind="direct", cue="kata",
                    speaker_entity_id=None, speaker_name=q["speaker"])
              for q in gold_doc.get("quotes") or []]
    return Document(
        id=gold_doc["doc"], raw_text=raw_text, clean_text=body_text(raw_text, gold_doc),
        title=gold_doc.get("title"), outlet=gold_doc.get("outlet"), dateline=gold_doc.get("dateline"),
        published=published or gold_doc.get("published"), source=f"seeds/{gold_doc['doc']}.txt",
        mentions=mentions, time_values=times, events=events, quotes=quotes,
    )


def score_one(doc: Document | dict, *, with_published: bool = False, gold: dict | None = None):
    gold = gold or small_gold()
    return score_documents(gold, {GOLD_DOC["doc"]: doc}, with_published=with_published, raw_texts={GOLD_DOC["doc"]: RAW})


def perfect() -> Document:
    return perfect_output(GOLD_DOC, RAW)


def assert_all_perfect(report) -> None:
    for key, ratio in report.overall.items():
        if ratio.total:
            assert ratio.value == 1.0, (key, str(ratio), render_problems(report))
    assert report.passed, [b for b in report.bars if not b.passed]
    problems = {k for d in report.documents for k in d.problems if k != "dates.not_applicable"}
    assert not problems, render_problems(report)


# --------------------------------------------------------------------------- perfect scores


def test_perfect_output_scores_one_everywhere():
    report = score_one(perfect())
    assert_all_perfect(report)
    assert report.overall["events.recall"].total == 3
    assert report.overall["events.precision"].total == 4
    assert report.overall["boilerplate.removed"].total == 5
    assert report.overall["boilerplate.body_kept"].total == 7
    assert report.overall["metadata.score"].total == 4


def test_json_dict_form_scores_the_same_as_document():
    doc = perfect()
    as_doc = report_to_json(score_one(doc))
    as_dict = report_to_json(score_one(doc.to_json_dict()))
    assert as_doc == as_dict


@pytest.mark.skipif(not SEEDS_GOLD.is_file(), reason="shared gold file not present")
def test_perfect_output_on_the_seed_gold():
    gold = load_gold(SEEDS_GOLD)
    seeds = SEEDS_GOLD.parent.parent / "seeds"
    outputs = {}
    for g in gold["documents"]:
        raw = (seeds / f"{g['doc']}.txt").read_text(encoding="utf-8")
        out = perfect_output(g, raw, published=g.get("published_if_given")).to_json_dict()  # no raw_text:
        outputs[g["doc"]] = out  # the body check must find the raw text beside the gold file
    for with_published in (False, True):
        report = score_documents(gold, outputs, with_published=with_published)
        assert_all_perfect(report)
        assert report.overall["quotes.speaker"].total == 13
        assert all(d.body_checked for d in report.documents)
    # requires_published dates count only when the publication date was supplied
    assert score_documents(gold, outputs).overall["dates.score"].total == 13
    assert score_documents(gold, outputs, with_published=True).overall["dates.score"].total == 16


# --------------------------------------------------------------------------- events


def test_dropping_a_required_event_lowers_recall_by_one_over_n():
    doc = perfect()
    n = sum(1 for g in GOLD_DOC["events"] if g["required"])
    doc.events = [e for e in doc.events if e.event_type != "AID"]  # t-3
    report = score_one(doc)
    assert report.score("events.recall") == pytest.approx(1 - 1 / n)
    assert report.score("events.precision") == 1.0
    missed = report.documents[0].problems["events.missed"]
    assert [m["gold"] for m in missed] == ["t-3"]
    assert not report.bars[0].passed


def test_must_not_event_is_reported_and_is_a_false_positive():
    doc = perfect()
    doc.events.append(Event(
        id="bad", event_type="ASSAULT", cameo_code=None, goldstein=None, quad_class=None,
        actors=_actor("RUSMIL"), recipients=_actor("SYR"),
        evidence=Evidence(doc_id=None, sentence=3, start=0, end=0, text="Rusia Serang Kota di Suriah"),
    ))
    report = score_one(doc)
    hits = report.documents[0].problems["events.must_not"]
    assert len(hits) == 1 and hits[0]["why"] == "only in a 'Baca Juga' line" and hits[0]["event"] == "bad"
    # it would also match optional gold t-4 (any actor -> SYR, ASSAULT), but must_not wins
    assert report.overall["events.precision"].hit == 4 and report.overall["events.precision"].total == 5
    assert report.overall["events.precision_unexpanded"].hit == 4
    bars = {b.name: b for b in report.bars}
    assert not bars["no_must_not"].passed and bars["events_precision"].passed


def _swap(doc: Document, event_type: str) -> None:
    for e in doc.events:
        if e.event_type == event_type:
            e.actors, e.recipients = e.recipients, e.actors


def test_swapped_reciprocal_event_still_matches():
    doc = perfect()
    _swap(doc, "CONSULT")  # t-1 is reciprocal: TUR CONSULT RUSGOV counts the same
    report = score_one(doc)
    assert_all_perfect(report)  # sector (GOV on the gold actor side) is checked on the swapped side too


def test_swapped_non_reciprocal_event_does_not_match():
    doc = perfect()
    _swap(doc, "AGREE")  # t-2 is not reciprocal
    report = score_one(doc)
    assert report.score("events.recall") == pytest.approx(2 / 3)
    assert report.overall["events.precision"].hit == 3
    fps = report.documents[0].problems["events.false_positives"]
    assert [(f["type"], f["actor"], f["recipient"]) for f in fps] == [("AGREE", "RUS", "TUR")]


def test_event_with_two_actors_expands_into_two_pairs():
    doc = perfect()
    agree = next(e for e in doc.events if e.event_type == "AGREE")
    agree.actors = _actor("TUR") + _actor("IRN")  # TUR->RUS matches t-2, IRN->RUS matches nothing
    report = score_one(doc)
    assert report.score("events.recall") == 1.0
    assert (report.overall["events.precision"].hit, report.overall["events.precision"].total) == (4, 5)
    assert (report.overall["events.precision_unexpanded"].hit, report.overall["events.precision_unexpanded"].total) == (4, 4)


def test_expand_pairs_shapes():
    ev = perfect().to_json_dict()["events"][0]
    ev["actors"] = [{"code": "TUR"}, {"code": "RUS"}]
    ev["recipients"] = []
    pairs = expand_pairs(ev)
    assert [(p.actor["code"], p.recipient) for p in pairs] == [("TUR", None), ("RUS", None)]


@given(st.integers(0, 4), st.integers(0, 4))
def test_expand_pairs_count(n_actors, n_recipients):
    ev = {"event_type": "AGREE", "actors": [{"code": f"A{i:02d}"} for i in range(n_actors)],
          "recipients": [{"code": f"R{i:02d}"} for i in range(n_recipients)]}
    assert len(expand_pairs(ev)) == max(1, n_actors) * max(1, n_recipients)


def test_actor_country_falls_back_to_country_field():
    doc = perfect().to_json_dict()
    for e in doc["events"]:
        for a in e["actors"] + e["recipients"]:
            a["code"] = None  # country field only (sector then comes from the sector field)
    report = score_one(doc)
    assert report.score("events.recall") == 1.0 and report.score("events.sector") == 1.0


def test_gold_actor_null_matches_any_actor():
    doc = perfect()
    assault = next(e for e in doc.events if e.event_type == "ASSAULT")
    assault.actors = _actor("IRQ")  # t-4 has actor null
    report = score_one(doc)
    assert report.score("events.precision") == 1.0


def test_event_attributes_scored_on_matched_events():
    doc = perfect()
    consult = next(e for e in doc.events if e.event_type == "CONSULT")
    consult.date = "2018-12-22"
    consult.actors = _actor("RUSMIL")
    aid = next(e for e in doc.events if e.event_type == "AID")
    aid.modality = "asserted"
    report = score_one(doc)
    assert report.score("events.recall") == 1.0  # attributes don't affect matching
    assert report.score("events.date") == 0.0 and report.score("events.sector") == 0.0
    assert report.score("events.modality") == 0.0 and report.score("events.location") == 1.0
    kinds = set(report.documents[0].problems)
    assert {"events.date", "events.sector", "events.modality"} <= kinds


@pytest.mark.parametrize("name,text,ok", [
    ("Moscow", None, True),          # canonical name via the gold entity aliases
    (None, "Moskow", True),          # Indonesian surface form
    ("MOSKOW", None, True),          # case-insensitive
    ("Moscow Oblast", None, True),   # containment, whole words
    ("Moskowitz", None, False),      # not a whole word
    ("Ankara", "Ankara", False),
])
def test_event_location_matching(name, text, ok):
    doc = perfect()
    consult = next(e for e in doc.events if e.event_type == "CONSULT")
    consult.location = Place(name=name, text=text) if name else Place(name="", text=text)
    assert (score_one(doc).score("events.location") == 1.0) is ok


def test_location_khmeimim_matches_air_base():
    gold_doc = {"doc": "x", "events": [{"id": "x-1", "required": True, "types": ["CONSULT"], "actor": "RUS",
                                       "recipient": "SYR", "location": "Khmeimim"}], "entities": []}
    ev = {"id": "e", "event_type": "CONSULT", "actors": [{"code": "RUS"}], "recipients": [{"code": "SYRGOV"}],
          "location": {"name": "Khmeimim Air Base", "text": "Pangkalan Udara Khmeimim"}}
    report = score_documents({"schema": "pantau-gold/1", "documents": [gold_doc]},
                             {"x": {"events": [ev], "clean_text": ""}}, raw_texts={"x": ""})
    assert report.score("events.location") == 1.0


# --------------------------------------------------------------------------- dates


def test_wrong_date_value_lowers_date_score():
    doc = perfect()
    doc.time_values[0].value = "2018-12-22"
    report = score_one(doc)
    assert report.score("dates.score") == 0.0
    assert report.documents[0].problems["dates.missed"][0]["got"] == [["Sabtu lalu", "2018-12-22"]]
    assert not {b.name: b for b in report.bars}["dates"].passed


def test_requires_published_dates_only_with_published():
    doc = perfect()
    doc.time_values[1].value = None  # "Jumat" unresolved, as without a publication date
    without = score_one(doc)
    assert without.overall["dates.score"].total == 1 and without.score("dates.score") == 1.0
    assert without.documents[0].problems["dates.not_applicable"][0]["text"] == "Jumat"
    with_pub = score_one(doc, with_published=True)
    assert with_pub.overall["dates.score"].total == 2 and with_pub.score("dates.score") == 0.5
    assert {b.name: b for b in with_pub.bars}["dates"].passed  # the bar is on dates not needing published


def test_date_text_containment_both_ways():
    doc = perfect()
    doc.time_values[0].text = "pada Sabtu lalu"
    assert score_one(doc).score("dates.score") == 1.0
    doc.time_values[0].text = "sabtu"
    assert score_one(doc).score("dates.score") == 1.0


# --------------------------------------------------------------------------- entities


def test_entity_strict_and_lenient():
    doc = perfect()
    for m in doc.mentions:
        if m.text == "Cavusoglu":
            m.canonical_name = "Mevlut Cavusoglu"  # no diacritics: lenient only
    report = score_one(doc)
    assert report.overall["entities.linked"].hit == report.overall["entities.linked"].total - 1
    assert report.score("entities.linked_lenient") == 1.0


def test_entity_case_sensitive_first_then_insensitive():
    doc = perfect()
    for m in doc.mentions:
        if m.text == "Moskow":
            m.text = "MOSKOW"
    assert score_one(doc).score("entities.linked") == 1.0  # no exact "Moskow": case-insensitive used
    doc.mentions.append(Mention(text="Moskow", start=0, end=6, type="LOC", canonical_name="Moscow, Idaho"))
    report = score_one(doc)  # an exact-case mention exists, so only it counts
    assert report.score("entities.linked") < 1.0
    assert report.documents[0].problems["entities.missed"][0]["got"] == ["Moscow, Idaho"]


def test_entity_type_accuracy_gpe_counts_as_loc():
    doc = perfect()
    for m in doc.mentions:
        if m.text == "Turki":
            m.type = "GPE"
        if m.text == "Lavrov":
            m.type = "ORG"
    report = score_one(doc)
    t = report.overall["entities.type"]
    assert (t.hit, t.total) == (t.total - 1, 5)


# --------------------------------------------------------------------------- quotes


def test_quote_speaker_and_start_window():
    doc = perfect()
    doc.quotes[0].text = "Dia berkata: “Kami sepakat untuk bekerja sama melawan teror”"
    assert score_one(doc).score("quotes.speaker") == 1.0
    doc.quotes[0].speaker_name = "Sergei Lavrov"
    report = score_one(doc)
    assert report.score("quotes.found") == 1.0 and report.score("quotes.speaker") == 0.0
    doc.quotes[0].text = "x" * 80 + " Kami sepakat untuk bekerja"  # too far from the start
    assert score_one(doc).score("quotes.found") == 0.0


# --------------------------------------------------------------------------- boilerplate


def test_boilerplate_line_left_in():
    doc = perfect()
    doc.clean_text += "\n\nBaca Juga\n"
    report = score_one(doc)
    assert report.overall["boilerplate.boilerplate"].hit == 2
    assert report.overall["boilerplate.boilerplate"].total == 3
    left = report.documents[0].problems["boilerplate.left"]
    assert [x["string"] for x in left] == ["Baca Juga"]
    assert not {b.name: b for b in report.bars}["boilerplate"].passed


def test_boilerplate_words_inside_body_sentence_are_not_flagged():
    # "Baca Juga" occurs inside a body sentence of RAW; the perfect clean text keeps it
    assert "Tulisan Baca Juga di situs" in perfect().clean_text
    assert score_one(perfect()).score("boilerplate.removed") == 1.0


def test_glued_boilerplate_and_metadata_left_in():
    doc = perfect()
    doc.clean_text = doc.clean_text.replace("Rusia akan membantu", "putin2Rusia akan membantu")
    doc.clean_text = doc.clean_text.replace("rumah mereka.", "rumah mereka. (ab/cd)")
    report = score_one(doc)
    assert report.score("boilerplate.boilerplate") == pytest.approx(2 / 3)
    assert report.score("boilerplate.metadata") == 0.5
    assert report.score("boilerplate.body_kept") == 1.0


def test_lost_body_sentence_is_counted():
    doc = perfect()
    lost = "Pertemuan itu berlangsung tiga jam."
    doc.clean_text = doc.clean_text.replace(lost, "")
    report = score_one(doc)
    kept = report.overall["boilerplate.body_kept"]
    assert (kept.hit, kept.total) == (6, 7)
    assert report.documents[0].problems["boilerplate.lost_sentences"] == [{"sentence": lost}]
    assert not {b.name: b for b in report.bars}["boilerplate"].passed


def test_dateline_lead_may_be_cut_and_whitespace_normalised():
    doc = perfect()
    doc.clean_text = doc.clean_text.replace("Jakarta, Kabar Kita – ", "").replace("  ", " ")
    doc.clean_text = doc.clean_text.replace("“", '"').replace("”", '"').replace("\n\n", "\n")
    assert score_one(doc).score("boilerplate.body_kept") == 1.0


def test_body_unchecked_without_raw_text():
    doc = perfect().to_json_dict()  # no raw_text, and no raw_texts / seeds dir
    report = score_documents(small_gold(), {GOLD_DOC["doc"]: doc})
    assert not report.documents[0].body_checked
    assert not {b.name: b for b in report.bars}["boilerplate"].passed


def test_body_sentences_of_small_gold():
    sents = body_sentences(RAW, GOLD_DOC)
    assert sents[0].startswith("Jakarta, Kabar Kita")
    assert "Judul Berita Contoh Yang Panjang" not in sents  # the title is metadata
    assert sents[-1] == "Rusia akan membantu pengungsi kembali ke rumah mereka."
    assert not any("Baca Juga :" in s or "Editor" in s for s in sents)


def test_glued_strings_are_not_cut_out_of_words():
    gold_doc = {"boilerplate": ["TAG"], "metadata_lines": []}
    assert T.body_lines("TAG\nTAGIHAN listrik naik lagi bulan ini.\n", gold_doc) == ["TAGIHAN listrik naik lagi bulan ini."]


# --------------------------------------------------------------------------- metadata and wiring


def test_metadata_fields():
    doc = perfect()
    doc.published = "2018-12-30T10:15:00"  # the gold is a prefix
    doc.outlet = "KABAR KITA"
    assert score_one(doc).score("metadata.score") == 1.0
    doc.dateline = None
    doc.published = "2018-12-29"
    doc.title = None
    report = score_one(doc)
    assert report.overall["metadata.score"].hit == 1
    fields = {p["field"] for p in report.documents[0].problems["metadata.wrong"]}
    assert fields == {"dateline", "published", "title"}


def test_missing_output_and_extra_outputs():
    report = score_documents(small_gold(), {"other": perfect()}, raw_texts={GOLD_DOC["doc"]: RAW})
    d = report.documents[0]
    assert d.missing_output and report.score("events.recall") == 0.0
    assert report.unscored_outputs == ["other"]
    assert d.scores["boilerplate.body_kept"].hit == 0


def test_outputs_by_stem_keys_by_source_file():
    doc = perfect()
    assert list(outputs_by_stem([doc])) == [GOLD_DOC["doc"]]
    assert list(outputs_by_stem([doc.to_json_dict()])) == [GOLD_DOC["doc"]]


def test_micro_average_over_documents():
    gold = small_gold()
    second = copy.deepcopy(GOLD_DOC)
    second["doc"] = "t2_test"
    gold["documents"].append(second)
    doc2 = perfect()
    doc2.events = []
    report = score_documents(gold, {"t1_test": perfect(), "t2_test": doc2},
                             raw_texts={"t1_test": RAW, "t2_test": RAW})
    assert (report.overall["events.recall"].hit, report.overall["events.recall"].total) == (3, 6)
    assert report.score("events.recall", doc="t2_test") == 0.0


def test_load_gold_checks_schema(tmp_path):
    p = tmp_path / "g.json"
    p.write_text(json.dumps({"schema": "other", "documents": []}))
    with pytest.raises(ValueError):
        load_gold(p)
    p.write_text(json.dumps(small_gold()))
    assert load_gold(p)["_path"] == str(p.resolve())


def test_renderers():
    doc = perfect()
    doc.events = doc.events[1:]
    report = score_one(doc)
    table = render_table(report)
    assert table.row_count > 10
    text = render_text(report)
    assert "Events: required recall" in text and "events.missed" in text
    md = render_markdown(report, command="pantau evaluate ../shared/gold/seeds.json")
    assert "| bar | result | value |" in md and "FAIL" in md and "pantau evaluate" in md
    data = report_to_json(report)
    json.dumps(data)  # serialisable
    assert data["schema"] == "pantau-eval/1" and data["passed"] is False
    assert data["overall"]["events.recall"]["total"] == 3


def test_fold():
    assert T.fold("Mevlüt Çavuşoğlu") == "mevlut cavusoglu"
    assert T.fold("İbrahim Kalın") == "ibrahim kalin"
