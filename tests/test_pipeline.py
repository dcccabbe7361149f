"""The pipeline as a whole: odd inputs, error propagation, sentence boundaries."""

from __future__ import annotations

import pytest

from pantau.events import EventsComponent as EventCoder
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


def test_a_letter_ending_a_sentence_is_not_an_initial():
    doc = analyze("Lokasinya sesuai dengan Pulau L. Untuk reklamasi Dufan, ia sepakat dengan lokasi Pulau K. Ia pun "
                  "meninjau lapangan. Presiden Susilo B. Yudhoyono hadir.")
    assert [s.text for s in doc.sentences] == ["Lokasinya sesuai dengan Pulau L.",
                                               "Untuk reklamasi Dufan, ia sepakat dengan lokasi Pulau K.",
                                               "Ia pun meninjau lapangan.", "Presiden Susilo B. Yudhoyono hadir."]


@pytest.mark.parametrize("text", [
    # Kompas's house style: ” opens a quotation too
    "Presiden meninjau lokasi banjir. ”Saya minta bantuan sosial segera disalurkan,” kata Presiden Joko Widodo.",
    # one sentence per line: the opening mark is left at the end of the line before
    "Presiden meninjau lokasi banjir.”\n\nSaya minta bantuan sosial segera disalurkan.\n\n"
    "Semuanya harus jalan minggu ini,” kata Presiden Joko Widodo.",
])
def test_quotations_opened_with_a_closing_mark(text):
    doc = analyze(text)
    assert len(doc.quotes) == 1
    quote = doc.quotes[0]
    assert quote.text.startswith("Saya minta") and quote.text.rstrip(",").endswith(("disalurkan", "minggu ini"))
    assert quote.kind == "direct" and quote.speaker_name == "Joko Widodo"
    assert doc.clean_text[quote.start:quote.end] == quote.text


def test_a_lost_opening_mark_does_not_shift_the_quotations_after_it():
    # the first quotation lost its opening mark: its closing one opens nothing, so the second
    # quotation is still read from its own opening mark, and the narrative between is no quote
    doc = analyze("Harga beras naik tajam bulan ini,” kata Ketua Umum Perpadi Sutarto Alimoeso.\n\n"
                  "Pedagang di Pasar Induk Cipinang menaikkan harga sejak Senin.\n\n"
                  "Pemerintah lalu menggelar operasi pasar di Jakarta.”\n\n"
                  "Kami sudah menyalurkan beras ke semua pasar di kota ini,” kata Direktur Utama Bulog Budi Waseso.")
    quoted = [q.text for q in doc.quotes if q.kind == "direct"]
    assert quoted == ["Kami sudah menyalurkan beras ke semua pasar di kota ini"]


def test_tokenizer_prefixes_are_anchored():
    # spaCy's Indonesian HTML prefix lost its "^" on its second half, so a prefix was found in the
    # middle of a word and the word's first characters were cut off as if they were that prefix
    from pantau.nlp import blank_indonesian

    nlp = blank_indonesian()
    assert nlp.tokenizer.prefix_search("kata<abc>") is None
    assert [t.text for t in nlp("xy<abc>z")] == ["xy", "<", "abc", ">", "z"]
    assert nlp.tokenizer.prefix_search("(Rusia").group() == "("
    assert [t.text for t in nlp("“(2/1/2018),")] == ["“", "(", "2/1/2018", ")", ","]


def test_the_stages_cached_text_words_and_sentences_match_spacys_and_are_dropped():
    from pantau import assembly
    from pantau.nlp import doc_text, doc_words, sentence_spans, sentences_component

    text = "Rusia menyerang Ukraina pada Senin. “Kami datang. Kami pergi,” kata dia.\n\nTurki mengecam Rusia!"
    nlp = assembly.load(False)
    doc = sentences_component(nlp.make_doc(text))
    assert doc_text(doc) == doc.text == text
    assert doc_words(doc) == [t.text for t in doc]
    assert [(s.start, s.end) for s in sentence_spans(doc)] == [(s.start, s.end) for s in doc.sents]
    assert len(sentence_spans(doc)) == 3
    done = nlp(text)  # the whole pipeline: its last stage drops what the stages hung on the Doc
    assert not [k for k in done.user_data if isinstance(k, str) and k.startswith("pantau_")]


def test_a_cue_left_on_the_next_line_still_names_the_speaker():
    doc = analyze("Menteri Perhubungan Budi Karya Sumadi sembuh dari Covid-19. “Perjuangan ini diakhiri dengan "
                  "kemenangan, Allahu Akbar!”\nkata Budi Karya dalam video singkat tersebut.")
    assert [q.speaker_name for q in doc.quotes] == ["Budi Karya Sumadi"]


def test_reported_speech_set_off_by_a_comma_is_a_quotation():
    doc = analyze("Menteri Luar Negeri Retno Marsudi mengatakan, Indonesia mendukung upaya PBB di Gaza. "
                  "Sementara itu, Presiden Joko Widodo menyampaikan, pemerintah akan mengirim bantuan ke Gaza.")
    quotes = [(q.kind, q.cue, q.speaker_name, q.text) for q in doc.quotes]
    assert quotes == [("indirect", "mengatakan", "Retno Marsudi", "Indonesia mendukung upaya PBB di Gaza"),
                      ("indirect", "menyampaikan", "Joko Widodo", "pemerintah akan mengirim bantuan ke Gaza")]


def test_according_to_names_the_source_of_the_rest_of_the_sentence():
    doc = analyze("Presiden Joko Widodo tiba di Bandung. Menurut dia, vaksinasi akan dimulai pekan depan. "
                  "Namun, menurut Kementerian Kesehatan, stok vaksin masih terbatas. "
                  "Menurut rencana, sekolah dibuka kembali pada Juli.")
    quotes = [(q.cue, q.speaker_name, q.speaker_text, q.text) for q in doc.quotes]
    assert quotes == [("menurut", "Joko Widodo", "dia", "vaksinasi akan dimulai pekan depan"),
                      ("menurut", "Kementerian Kesehatan", "Kementerian Kesehatan", "stok vaksin masih terbatas")]


def test_a_place_does_not_speak_but_a_town_named_person_does():
    from pantau.pipeline import analyze

    doc = analyze("Kasatpol PP Surabaya ini mengungkapkan, jajaran Linmas telah melakukan penindakan.")
    assert all(q.speaker_name != "Surabaya" for q in doc.quotes)
    doc = analyze("Pedagang menata lapak. Hebi menjelaskan sesuai dengan protokol kesehatan, pasar ditata ulang.")
    assert [q.speaker_name for q in doc.quotes] == ["Hebi"]  # Hebi is also a town in China
