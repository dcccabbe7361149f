"""The dependency parse where the coder and the quote attributor use it (issue 3, item 4):
sentences are parsed on demand only, the role helpers read UD relations, and the parse changes
the coded participants where the rules alone go wrong. The parses come from the shipped UD
model, so these sentences are simple ones it parses right."""

import pytest

from pantau import models
from pantau import nlp as nlp_module
from pantau.nlp import syntax
from pantau.pipeline import analyze_documents, prepare

pytestmark = pytest.mark.skipif(not models.available()["ud"], reason="UD model not in the package")


def parsed_doc(text):
    nlp = nlp_module.blank_indonesian()
    doc = nlp_module.sentences_component(nlp(text))
    return doc, syntax.Parses(doc, models.load_ud(doc.vocab))


def words(tokens):
    return [t.text for t in tokens]


def test_only_the_sentences_asked_about_are_parsed():
    doc, parses = parsed_doc("Cuaca cerah sepanjang hari. Rusia menyerang Ukraina pada Senin. Harga beras naik.")
    second = next(s for s in doc.sents if "Rusia" in s.text)
    tok = parses.token(second.start + 1)
    assert tok.text == "menyerang" and parses.parsed_tokens == len(second)
    parses.token(second.start)  # the same sentence again: no second parse
    assert parses.parsed_tokens == len(second)
    assert parses.index(tok) == second.start + 1
    assert not doc.has_annotation("DEP")  # the article's Doc keeps no partial parse
    # relations and parts of speech, not lemmas: the lemmatizer is skipped, on demand and in batch
    assert tok.pos_ == "VERB" and tok.dep_ and not tok.doc.has_annotation("LEMMA")
    parses.prefetch([doc[-2].i])
    batch = parses.token(doc[-2].i).doc
    assert batch.has_annotation("DEP") and batch.has_annotation("POS") and not batch.has_annotation("LEMMA")


def test_active_subject_and_object():
    doc, parses = parsed_doc("Rusia menyerang Ukraina pada Senin.")
    verb = parses.token(1)
    assert words(syntax.subjects(verb)) == ["Rusia"]
    assert words(syntax.objects(verb, {"terhadap"})) == ["Ukraina"]


def test_passive_agent_with_oleh_and_patient():
    doc, parses = parsed_doc("Kharkiv diserang oleh pasukan Rusia pada Senin.")
    verb = parses.token(1)
    assert words(syntax.patients(verb)) == ["Kharkiv"]
    assert words(syntax.agents(verb)) == ["pasukan"]
    assert "Rusia" in words(syntax.phrase(syntax.agents(verb)[0]))


def test_phrase_leaves_out_prepositional_modifiers_and_clauses():
    doc, parses = parsed_doc("Anggota DPR dari Fraksi Partai Golkar itu kemudian menyerahkan diri ke KPK.")
    verb = next(parses.token(i) for i in range(len(doc)) if doc[i].text == "menyerahkan")
    (subject,) = syntax.subjects(verb)
    phrase = words(syntax.phrase(subject))
    assert "DPR" in phrase and "Golkar" not in phrase and "Fraksi" not in phrase


def analysed(text, parse):
    return next(iter(analyze_documents([prepare(text, published="2020-10-10")], parse=parse)))


def test_a_noun_possessed_by_its_nya_clitic():
    doc, parses = parsed_doc("Tentara itu mengumumkan keberhasilannya dan keberhasilan mitranya menyerangnya.")
    tok = {doc[i].text: parses.token(i) for i in range(len(doc))}
    assert syntax.possessed_by_clitic(tok["keberhasilannya"])
    assert not syntax.possessed_by_clitic(tok["keberhasilan"])  # no clitic
    assert not syntax.possessed_by_clitic(tok["menyerangnya"])  # a verb with its object clitic


@pytest.mark.usefixtures("rules_coder")  # what the parse adds to the rules' reading
def test_the_parse_picks_the_subject_over_a_nearer_modifier():
    # the rules take the nearest name left of the verb (the faction); the parse's subject is the
    # head of the noun phrase, the member of parliament
    text = "Anggota DPR dari Fraksi Partai Golkar itu kemudian menyerahkan diri ke KPK pada Senin malam."
    rules = analysed(text, parse=False).events
    parsed = analysed(text, parse=True).events
    assert [a.text for a in rules[0].actors] == ["Fraksi Partai Golkar"]
    assert [a.text for a in parsed[0].actors] == ["DPR"]


def test_the_parse_finds_the_speaker_past_a_relative_clause():
    text = ("Presiden Joko Widodo, yang didampingi Menteri Sosial Tri Rismaharini, mengatakan bahwa bantuan "
            "sosial harus tepat sasaran.")
    assert [q.speaker_name for q in analysed(text, parse=False).quotes] == ["Tri Rismaharini"]
    assert [q.speaker_name for q in analysed(text, parse=True).quotes] == ["Joko Widodo"]


def test_the_parse_gives_a_speaker_that_is_no_person():
    text = "Para pemberontak juga mengatakan beberapa pasukan pemerintah telah meninggalkan garis depan di utara."
    assert analysed(text, parse=False).quotes == []
    (quote,) = analysed(text, parse=True).quotes
    assert quote.speaker_text == "pemberontak" and quote.text.startswith("beberapa pasukan")


def test_multiprocess_analysis_drops_the_parses_before_serialising():
    texts = [f"Rusia menyerang Ukraina pada Senin ke-{i}. Presiden Joko Widodo, yang didampingi Menteri Sosial "
             f"Tri Rismaharini, mengatakan bahwa bantuan sosial harus tepat sasaran." for i in range(4)]
    docs = list(analyze_documents([prepare(t) for t in texts], n_process=2, batch_size=2))
    assert len(docs) == 4 and all(d.quotes and d.quotes[0].speaker_name == "Joko Widodo" for d in docs)
