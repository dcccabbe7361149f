"""People named by their initials, as police reports name suspects: found by their cues, the
same person through the article, and a person of that article only."""

from __future__ import annotations

from pantau.entities import initials_entity_id
from pantau.pipeline import analyze

ARREST = ("Kedua kurir narkoba yang dibekuk adalah AS (28), warga Kota Metro, dan HR (20), warga Kota Bandar "
          "Lampung. Ganja dipesan dari pemasok berinisial TN dan TM yang berada di Sumatera Utara. "
          "Polisi menangkap AS di rumahnya. Polisi menghadirkan tiga tersangka, yaitu FN, CR, dan IL.")


def people(doc):
    return [(m.text, m.entity_id) for m in doc.mentions if m.type == "PER"]


def test_initials_before_an_age_after_berinisial_and_in_a_list_of_suspects_are_people():
    doc = analyze(ARREST, source="a.txt")
    found = {text for text, _ in people(doc)}
    assert {"AS", "HR", "TN", "TM", "FN", "CR", "IL"} <= found
    # one entity per person in this article, the later bare "AS" included
    ids = {text: {eid for t, eid in people(doc) if t == text} for text in found}
    assert ids["AS"] == {initials_entity_id("AS", doc.id)}
    assert sum(1 for m in doc.mentions if m.text == "AS" and m.type == "PER") == 2


def test_the_same_initials_in_two_articles_are_two_people():
    a = analyze(ARREST, source="a.txt")
    b = analyze("Polisi meringkus pria berinisial AS (35) di Bekasi.", source="b.txt")
    id_a = next(m.entity_id for m in a.mentions if m.text == "AS")
    id_b = next(m.entity_id for m in b.mentions if m.text == "AS")
    assert id_a != id_b


def test_initials_outrank_an_acronym_only_where_the_article_means_a_person():
    # "AS (28)" is a suspect, not the United States; beside "Amerika Serikat", "AS" stays the state
    doc = analyze("Pelaku berinisial AS (28) ditangkap. Amerika Serikat (AS) mengecam Rusia. AS menuduh Rusia.")
    by_start = sorted((m.start, m.type, m.code) for m in doc.mentions if m.text == "AS")
    assert by_start[0][1] == "PER"
    assert [t for _, t, _ in by_start[1:]] == ["LOC", "LOC"] and by_start[-1][2] == "USA"


def test_no_initials_without_a_cue():
    doc = analyze("Pemerintah memperpanjang PSBB. Pelaku UMK mendapat bantuan modal dari BRI.")
    assert not [m for m in doc.mentions if m.method == "initials"]


def test_an_arrest_of_a_named_person_is_coded():
    doc = analyze("Polisi menangkap AS di rumahnya, kata Budi. Kedua kurir itu adalah AS (28) dan HR (20).")
    events = [e for e in doc.events if e.cameo_code == "173"]
    assert [[a.text for a in e.actors] for e in events] == [["Polisi"]]
    assert [r.text for r in events[0].recipients] == ["AS"]


def test_initials_at_the_very_end_of_an_article():
    doc = analyze("Polisi masih memeriksa saksi berinisial HS")
    assert [m.text for m in doc.mentions if m.method == "initials"] == ["HS"]
    # (the age test looked past the last token and the article failed)
    assert [m.code for m in analyze("Pelaku kabur, kata AS").mentions if m.text == "AS"] == ["USA"]
