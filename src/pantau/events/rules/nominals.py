"""Actors and recipients of event nouns. Nominalisations (pertemuan, penarikan, serangan,
kesepakatan) take their actor from a genitive ("penarikan militer AS"), a support verb ("Rusia
melancarkan serangan"), a list ("pertemuan antara Turki, Rusia, dan Suriah"), a passive that
says who led or attended it ("rapat yang dipimpin Presiden") or the subject of the clause they
sit in ("kata Lavrov setelah pembicaraan dengan ...").
"""

from __future__ import annotations

from spacy.tokens import Doc

from pantau.entities import CUE_VERBS, title_word
from pantau.events.coding import cameo_table
from pantau.events.lexicon import lexicon_word, trigger_lexicon
from pantau.events.rules.participants import gap_ok, left_group, right_group
from pantau.events.rules.speakers import pronoun_mention
from pantau.events.rules.tokens import Hit, in_title, is_actor, state_body, token_of, unique
from pantau.events.rules.words import (ADVERBS, ASIDE_PREPS, CONTEXT_PREPS, CULPRIT_NOUNS, HAPPEN_VERBS,
                                       LED_BY_VERBS, LIST_WINDOW, NOUN_RECEIVING_VERBS, PATIENT_GENITIVE_CODES,
                                       PRONOUNS, SETTING_WORDS, SUPPORT_VERBS, TITLE_GAP_WORDS, VERB_FORM)
from pantau.model import Document, Mention


def nominal_participants(doc: Doc, document: Document, hit: Hit, tok_mention,
                         quote) -> tuple[list[Mention], list[Mention]]:
    """An event noun's actors and recipients (the module's docstring says where they are found)."""
    if hit.start > hit.sent_start and doc[hit.start - 1].lower_ in SETTING_WORDS:
        return [], []  # "bertemu ... di sela-sela KTT ASEAN": the summit is where, not what
    # support verb: "Rusia melancarkan serangan udara terhadap ..."
    j = hit.start - 1
    while j >= hit.sent_start and (doc[j].lower_ in ADVERBS or doc[j].lower_ in ("sebuah", "suatu", "para")):
        j -= 1
    plover = cameo_table()[hit.trigger.code].plover
    recipients = right_group(doc, hit, tok_mention, need_prep=True, visit="visit" in hit.trigger.flags,
                             plover=plover, meeting=plover == "CONSULT")
    if j >= hit.sent_start and doc[j].lower_ in SUPPORT_VERBS:
        actors = left_group(doc, document, j, hit, tok_mention, quote)
        if doc[j].lower_ in NOUN_RECEIVING_VERBS:  # "mendapat permintaan dari X": X asks the subject
            source = _genitive(doc, hit, tok_mention, allow_dari=True)
            return source, actors
        if doc[j].lower_ in ("menyampaikan", "meneruskan"):
            # "Sultan juga menyampaikan permintaan serikat buruh …": he passes on their request
            source = _genitive(doc, hit, tok_mention)
            if source:
                return source, recipients
        return actors, recipients
    led = _led_by(doc, hit, tok_mention)
    if led:
        return led, recipients
    # "antara A, B dan C"
    k = hit.end
    while k < hit.sent_end and k - hit.end < 3 and doc[k].lower_ != "antara" and tok_mention.get(k) is None \
            and not ((VERB_FORM.match(doc[k].lower_) and doc[k].lower_ not in HAPPEN_VERBS)
                     or doc[k].lower_ in ("adalah", "ialah")):
        k += 1  # (not past a verb but "terjadi": "lokasi pemeriksaan merupakan titik utama antara Dishub, …")
    if k < hit.sent_end and doc[k].lower_ == "antara":
        group = right_group(doc, Hit(hit.trigger, k, k + 1, hit.sent_start, hit.sent_end), tok_mention)
        if len(group) >= 2:
            return group[:1], group[1:]
    genitive = _genitive(doc, hit, tok_mention, allow_dari=hit.trigger.code.startswith("02"))
    if hit.trigger.code in PATIENT_GENITIVE_CODES:
        # "Penangkapan RAM", "pembunuhan Dirut PT ...": the one arrested or killed; only a
        # security body or government acts ("penyidikan KPK")
        acting = [m for m in genitive if m.type == "ORG" and state_body(m)]
        patients = [] if hit.start > hit.sent_start and doc[hit.start - 1].lower_ in CULPRIT_NOUNS else \
            [m for m in genitive if m not in acting]  # ("tersangka pembunuhan I (19)": I is the suspect)
        genitive = acting
        recipients = unique(patients + recipients)
    if len(genitive) >= 2:  # "pembicaraan pemimpin Turki dan Rusia": the participants
        return genitive, recipients
    # "kata Lavrov setelah pembicaraan dengan ...", "ujar Putin dalam pertemuan Menteri X":
    # the person who speaks in the main clause takes part
    context = j >= hit.sent_start and doc[j].lower_ in CONTEXT_PREPS
    if context:
        subject = [m for m in left_group(doc, document, j, hit, tok_mention, quote) if m.type == "PER"]
        if not subject and not genitive:
            subject = _subject_after(doc, document, hit, tok_mention, quote)
            if subject:  # the main clause's objects are not the noun's
                recipients = [r for r in recipients if r.start < subject[0].start]
        if subject:
            return subject, recipients or genitive
    return genitive, recipients


def _subject_after(doc: Doc, document: Document, hit: Hit, tok_mention, quote) -> list[Mention]:
    """The subject of the main clause after a fronted context phrase: "dalam pertemuan dengan
    Sultan HB X, pihaknya memohon ...", "Dalam pertemuan tersebut, perwakilan Muhammadiyah, NU,
    dan akademisi berdiskusi ...": the clause's first word, past adverbs, if it is a pronoun
    or a named participant."""
    k = next((k for k in range(hit.end, min(hit.sent_end, hit.end + 20)) if doc[k].text == ","), None)
    if k is None:
        return []
    k += 1
    while k < hit.sent_end and (doc[k].lower_ in ADVERBS or doc[k].lower_ in ("sebenarnya", "para")):
        k += 1
    while k < hit.sent_end and ((tok_mention.get(k) is None and title_word(doc[k])) or in_title(tok_mention.get(k))):
        k += 1  # "Presiden" before "Joko Widodo", "Ketua KPU" before "Arief Budiman"
    if k >= hit.sent_end or doc[k].lower_ in CUE_VERBS:  # "Dalam rapat tersebut, lanjut Budi, ...": a cue
        return []
    if doc[k].lower_ in PRONOUNS:
        m = pronoun_mention(document, doc, doc[k], quote)
        group, after = ([m] if m is not None else []), k + 1
    else:
        m = tok_mention.get(k)
        if m is None or not is_actor(m) or token_of(doc, m.start) != k:
            return []
        group = right_group(doc, Hit(hit.trigger, k - 1, k, hit.sent_start, hit.sent_end), tok_mention)
        after = token_of(doc, group[-1].end - 1) + 1 if group else k
    # a subject has its verb next ("Sultan berjanji", "ia juga sempat mencoba"), not a comma
    # (an apposition) or a preposition (the comma was one in a list: "pejabat Rusia, Jerman
    # dan Prancis di Istanbul")
    while after < hit.sent_end and doc[after].lower_ in ADVERBS:
        after += 1
    return group if after < hit.sent_end and VERB_FORM.match(doc[after].lower_) else []


def _led_by(doc: Doc, hit: Hit, tok_mention) -> list[Mention]:
    """Who leads or attends the event a noun names: "rapat terbatas yang dipimpin Presiden Joko
    Widodo dan Wakil Presiden Ma'ruf Amin", "Rapat ... itu diikuti Wakil Presiden Ma'ruf Amin
    beserta para menteri", "Hadir pada rapat tersebut Menteri ... Ida Fauziyah, ...". """
    before = [t.lower_ for t in doc[max(hit.sent_start, hit.start - 2): hit.start]]
    if before[-2:-1] == ["hadir"] and before[-1:] in (["pada"], ["dalam"], ["di"]) and not (
            hit.start - 3 >= hit.sent_start and doc[hit.start - 3].lower_ == "yang"):
        # (not "anggota DPR yang hadir di rapat paripurna, menurut Didi, …": they came before)
        k = hit.end
        while k < hit.sent_end and doc[k].lower_ in ("tersebut", "itu", "ini"):
            k += 1
        return right_group(doc, Hit(hit.trigger, k - 1, k, hit.sent_start, hit.sent_end), tok_mention,
                           window=LIST_WINDOW)
    for k in range(hit.end, min(hit.sent_end, hit.end + 16)):
        w = doc[k].lower_
        if w in LED_BY_VERBS:
            # the agent right after the verb ("dipimpin Presiden", "dilakukan oleh polisi"), not a
            # later object ("pemeriksaan dilakukan terhadap Asep")
            group = right_group(doc, Hit(hit.trigger, k, k + 1, hit.sent_start, hit.sent_end), tok_mention,
                                window=LIST_WINDOW)
            first = token_of(doc, group[0].start) if group else k
            between = doc[k + 1: first]
            if group and all(t.lower_ == "oleh" or gap_ok(t) or in_title(tok_mention.get(t.i)) for t in between) \
                    and sum(not (title_word(t) or in_title(tok_mention.get(t.i))) for t in between) <= 4:
                return group  # (a holder's title may run long: "disampaikan Kepala Kepolisian Resor Kota
                # Tangerang Komisaris Besar Ade Ary Syam")
            continue  # "yang digelar tertutup ... itu diikuti Wakil Presiden"
        m = tok_mention.get(k)
        if w in (".", ";", ":", "”", "dan", "serta") or trigger_lexicon().get(lexicon_word(doc[k])) or (
                m is not None and doc[k - 1].lower_ not in ASIDE_PREPS):
            break  # another clause or event, or a participant of the noun's own (not "bagi media")
    return []


def _genitive(doc: Doc, hit: Hit, tok_mention, *, allow_dari: bool = False) -> list[Mention]:
    """'penarikan militer AS', 'pembicaraan pemimpin Turki dan Rusia', 'pertemuan negara dengan'."""
    k = hit.end
    while k < hit.sent_end and k - hit.end < 6 and tok_mention.get(k) is None and (
            doc[k].lower_ in ("udara", "resmi", "trilateral", "bilateral", "awal", "darat", "militer", "damai", "baru")
            or doc[k].lower_ in TITLE_GAP_WORDS or (allow_dari and doc[k].lower_ == "dari")):
        k += 1
    while k < hit.sent_end and tok_mention.get(k) is not None and "+title" in (tok_mention[k].method or ""):
        k = token_of(doc, tok_mention[k].end - 1) + 1  # "Menteri Pertahanan Rusia Sergey Shoygu"
    m = tok_mention.get(k)
    if m is not None and is_actor(m):
        group = [m]
        nxt = token_of(doc, m.end - 1) + 1
        while nxt < hit.sent_end:
            n2 = None
            for step in range(1, 3):
                if nxt + step < hit.sent_end and doc[nxt].lower_ in (",", "dan", "serta"):
                    n2 = tok_mention.get(nxt + step)
                    if n2 is not None:
                        break
            if n2 is None or not is_actor(n2):
                break
            group.append(n2)
            nxt = token_of(doc, n2.end - 1) + 1
        return group
    return []  # ("pertemuan negara dengan Suriah": no genitive; the speaker's country comes via the fallback)
