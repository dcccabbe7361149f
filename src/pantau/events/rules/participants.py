"""Actors and recipients of verbs: Indonesian morphology says where a trigger's participants are.
- meN- / bare verbs are active: the actor is the subject to the left, the recipient the object or
  a prepositional complement (dengan, terhadap, kepada, bagi, atas, melawan) to the right;
- di- verbs are passive: the actor follows ("oleh X", or X right after the verb), the recipient
  is the subject to the left;
- ber- verbs are often reciprocal: "Rusia dan Turki telah sepakat" codes RUS→TUR and TUR→RUS.
(Event nouns: `nominals`.) The subject is a `left_group`, the object a `right_group`: a mention
with those coordinated with it. Unnamed groups ("pemberontak", "pengungsi") get their country
from the context (`place_groups`).

Participants are mentions with a CAMEO code, or persons and organisations the entities stage
identified without one (a name only the NER knows): such an actor keeps its name and entity id
and no code, as GDELT leaves Actor1Code empty beside Actor1Name.
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc

from pantau.entities import CUE_VERBS, title_word
from pantau.events.coding import CameoInfo
from pantau.events.lexicon import lexicon_word, trigger_lexicon
from pantau.events.rules.speakers import pronoun_mention, speaker_mention
from pantau.events.rules.subjects import not_blamed, possessed_subject, subject_unread, unread_subject
from pantau.events.rules.tokens import (Hit, in_title, is_actor, is_locative, past_adverbs, right_before, token_of,
                                        word_before)
from pantau.events.rules.triggers import matches
from pantau.events.rules.words import (BOUNDARY, CHANNEL_NOUNS, CLAUSE_ADVERBS, DIRECTIVE_VERBS, GROUP_SECTORS,
                                       INSTRUMENT_PREPS, LIST_WINDOW, LOCATIVE, MOVEMENT_TYPES, NON_SUBJECT_PREPS,
                                       NOT_VERBS, PLACE_TARGET_TYPES, PREDICATE_START, PRONOUNS, RECIPIENT_PREPS,
                                       SOURCE_MARKERS, SUPPORT_VERBS, TITLE_GAP_WORDS, TOPIC_NOUNS, VERB_FORM)
from pantau.model import Document, Mention, Quote


def verb_participants(doc: Doc, document: Document, hit: Hit, info: CameoInfo, tok_mention, quote: Quote | None,
                      last: list[Mention] | None) -> tuple[list[Mention], list[Mention]] | None:
    """An active or reciprocal verb: the subject before it (or before the directive verb that
    orders it) acts on the object or the complement after it. `last`: the actors of the verb
    coded last in the same sentence, for a verb coordinated with it. None: no event."""
    trig = hit.trigger
    directive = directive_subject(doc, hit)
    left_from = directive if directive is not None else hit.start
    if word_before(doc, hit) in ("dan", "serta", "lalu", "kemudian") and last is not None:
        actors = list(last)  # "memprotes klaim China ... dan memanggil Duta Besar China"
    else:
        actors = left_group(doc, document, left_from, hit, tok_mention, quote)
    recipients = right_group(doc, hit, tok_mention, visit=bool({"visit", "to"} & trig.flags), plover=info.plover)
    if "person" in trig.flags:
        recipients = [r for r in recipients if r.type == "PER"]
        if not recipients:
            return None
    if not recipients and doc[hit.start].lower_ == "berbicara" and hit.end - hit.start == 1:
        return None  # talking with no one named ("dilarang berbicara di dalam KRL", "mampu berbicara")
    return actors, recipients


def passive_participants(doc: Doc, document: Document, hit: Hit, info: CameoInfo, tok_mention, quote: Quote | None,
                         places: dict) -> tuple[list[Mention], list[Mention]]:
    """A di- verb: the agent after it ("oleh X", or X right after the verb) acts on the subject
    before it."""
    actors = passive_agent(doc, hit, tok_mention)
    recipients = [] if possessed_subject(doc, hit, tok_mention) else \
        left_group(doc, document, hit.start, hit, tok_mention, quote)
    if not recipients and info.plover in PLACE_TARGET_TYPES:
        # "Kharkiv diserang oleh pasukan Rusia": the place's state (not "kasasi … Bank Bali
        # … ditolak": a place further back is no subject)
        recipients = place_subject(doc, document, hit, places)
    return actors, recipients


def blame_participants(doc: Doc, document: Document, hit: Hit, tok_mention,
                       quote: Quote | None) -> tuple[list[Mention], list[Mention]] | None:
    """Blame inside a statement: the speaker accuses the predicate's subject. None: no event."""
    if quote is None or not quote.speaker_name or not_blamed(doc, hit, tok_mention):
        return None
    speaker = speaker_mention(document, quote)
    actors = [speaker] if speaker else []
    recipients = [m for m in left_group(doc, document, hit.start, hit, tok_mention, quote)
                  if speaker is None or (m.entity_id != speaker.entity_id and m.code != speaker.code)]
    if not recipients:
        return None
    return actors, recipients


def directive_subject(doc: Doc, hit: Hit) -> int | None:
    """For 'X memerintahkan pasukannya untuk mulai menarik diri' the actor search starts at
    the directive verb."""
    for k in range(hit.start - 1, max(hit.sent_start, hit.start - 8) - 1, -1):
        if doc[k].lower_ in DIRECTIVE_VERBS:
            return k
    return None


def left_group(doc: Doc, document: Document, pos: int, hit: Hit, tok_mention, quote) -> list[Mention]:
    """The subject: the nearest actor mention left of `pos` in the clause, with the
    mentions coordinated with it ("Menteri Pertahanan Turki Hulusi Akar, kepala intelijen
    Hakan Fidan dan pembantu presiden Ibrahim Kalin")."""
    floor = _clause_floor(doc, pos, hit, quote)
    k = pos - 1
    # relative clause: "kelompok yang menentang" → the head before "yang"
    if subject_unread(doc, pos, floor, tok_mention):
        return []  # not a participant further back
    j = past_adverbs(doc, k, floor)
    if j >= floor and doc[j].lower_ == "yang":
        k = j - 1
    group: list[Mention] = []
    while k >= floor:
        tok = doc[k]
        m = tok_mention.get(k)
        if m is not None and is_actor(m) and not is_locative(doc, m, tok_mention):
            first = token_of(doc, m.start)
            if group and first > floor and doc[first - 1].lower_ in CUE_VERBS:
                break  # "kata Dadang, Wali Kota Depok, Forkopimda, dan …": the speaker is no member of the list
            if not group and first > floor and doc[first - 1].lower_ in SOURCE_MARKERS:
                k = first - 2  # "Kolaborasi …, diyakini Eka, akan turut mendukung UMKM": who believes it
                continue
            if group and (not _coordinated(doc, m, group[0], tok_mention) or _object_of_preposition(doc, m)):
                break  # ("Dari tangan NT, polisi menyita ...": whom it was seized from, no second subject)
            if group and _affiliation_of(doc, m, group[0]):
                break  # "dosen … Universitas Islam Negeri Syarif Hidayatullah, Tantan Hermansah, meminta"
            group.insert(0, m)
            k = token_of(doc, m.start) - 1
            continue
        if not group and m is None:
            w = tok.lower_
            if w == "negara" and k > floor and doc[k - 1].lower_ == "kedua":
                return _both_countries(document, doc, hit, tok)
            if w in PRONOUNS:
                r = pronoun_mention(document, doc, tok, quote)
                return [r] if r is not None else []  # an unresolved pronoun is still the subject
        if tok.lower_ in ("selain", "kecuali"):
            # "Selain Lavrov dan Cavusoglu, X ...": the excepted names are not the subject
            comma = next((t.i for t in doc[k:pos] if t.text == ","), pos)
            return [g for g in group if g.start >= doc[comma].idx]
        if group and not (gap_ok(tok) or in_title(m)):
            break
        if not group and tok.text == "," and k + 1 < pos and unread_subject(doc[k + 1]):
            break  # "Kalau dia bukan warga Kota Bekasi, pengurus RW akan meminta dia kembali"
        k -= 1
    return group


def _both_countries(document: Document, doc: Doc, hit: Hit, tok) -> list[Mention]:
    """'kedua negara' (both countries): the reporting subject's country and the other state
    named most recently before it."""
    states = [m for m in document.mentions if m.start < tok.idx and m.code and len(m.code) >= 3
              and (m.code[:3] == m.country or m.type == "PER") and m.country]
    if not states:
        return []
    first = None
    sent_start = doc[hit.sent_start].idx
    for m in states:
        if m.start >= sent_start and m.type == "PER":
            first = m
    first = first or states[-1]
    second = next((m for m in reversed(states) if m.country != first.country), None)
    return [first, second] if second is not None else [first]


def _coordinated(doc: Doc, left: Mention, right: Mention, tok_mention) -> bool:
    a, b = token_of(doc, left.end - 1) + 1, token_of(doc, right.start)
    gap = [t for t in doc[a:b] if not in_title(tok_mention.get(t.i))]  # (a body in a title is part of it)
    if len(gap) > 8 or not all(gap_ok(t) for t in gap):
        return False
    # a list needs a comma or a conjunction; the same person twice ("Menteri Ketenagakerjaan
    # (Menaker) Ida Fauziyah": the office, then its holder's name) is one member of it
    same = left.entity_id is not None and left.entity_id == right.entity_id
    if not gap:  # "Turki Mevlut Cavusoglu": a state and its man; "Australia Indonesia Partnership": a name
        return same or left.type != right.type
    return same or any(t.lower_ in (",", "dan", "serta", "bersama", "atau") for t in gap)


def gap_ok(tok) -> bool:
    """Between coordinated participants only conjunctions, commas and titles may stand
    ("Hulusi Akar, kepala intelijen Hakan Fidan dan pembantu presiden Ibrahim Kalin", "Ida
    Fauziyah, Menteri Sosial (Mensos) Tri Rismaharini", "petugas bersama FN mendatangi")."""
    w = tok.lower_
    return w in (",", "dan", "serta", "maupun", "atau", "bersama", "&", "[", "]", "(", ")", "seluruh", "semua") \
        or w in TITLE_GAP_WORDS \
        or title_word(tok)


def _clause_floor(doc: Doc, pos: int, hit: Hit, quote: Quote | None) -> int:
    floor = hit.sent_start
    for k in range(pos - 1, hit.sent_start - 1, -1):
        w = doc[k].lower_
        if w in ("bahwa", ":", ";", "“", "”") or (w == '"'):
            return k + 1
    if quote is not None:
        qs = token_of(doc, quote.start)
        floor = max(floor, qs)
    return floor


def right_group(doc: Doc, hit: Hit, tok_mention, *, visit: bool = False, need_prep: bool = False,
                plover: str = "", meeting: bool = False, window: int = 16) -> list[Mention]:
    """The recipient: the first actor mention after the trigger in the clause (a direct object
    or after dengan/terhadap/kepada/...), with those coordinated with it, within `window` tokens.
    `plover`, the event's type: a movement's "dari" names a place ("menarik tentara dari
    Suriah"), aid's "untuk" the recipient ("bantuan sosial untuk warga miskin"); `meeting`:
    "bersama" does (of a meeting noun: "rapat bersama para camat"; after a verb it is a
    companion of the subject: "Presiden bersama Menlu mengunjungi ...")."""
    end = min(hit.sent_end, hit.end + window)
    list_end = min(hit.sent_end, hit.end + max(window, LIST_WINDOW))  # (a list, once begun, runs long)
    movement, aid = plover in MOVEMENT_TYPES, plover == "AID"
    k = hit.end
    group: list[Mention] = []
    seen_prep = False
    while k < (list_end if group else end):
        tok = doc[k]
        w = tok.lower_
        m = tok_mention.get(k)
        if m is not None and is_actor(m):
            first = token_of(doc, m.start)
            prev = doc[first - 1].lower_ if first > 0 else ""
            if prev in CHANNEL_NOUNS and first > 1 and doc[first - 2].lower_ in INSTRUMENT_PREPS:
                prev = doc[first - 2].lower_  # "melalui situs Kitabisa", "lewat akun Instagram"
            locative = (prev in LOCATIVE or (movement and prev == "dari")) and not (visit and prev == "ke")
            if prev in SOURCE_MARKERS:
                k = token_of(doc, m.end - 1) + 1  # ", menurut Didi,": who says so takes no part
                continue
            if prev in INSTRUMENT_PREPS and not group:
                break  # "mengajak mereka belajar … lewat Instagram Live": the channel, not the one asked
            if locative and not (m.code or "")[3:]:
                if group:
                    break
                k = token_of(doc, m.end - 1) + 1
                while k < end and doc[k].lower_ in (",", "dan", "serta") and tok_mention.get(k + 1) is not None:
                    k = token_of(doc, tok_mention[k + 1].end - 1) + 1  # "di Suriah dan Irak": places too
                continue
            if (need_prep and not seen_prep and not group) or (
                    not group and _modifier(doc, m, hit) and not seen_prep):
                # "operasi Suriah", "krisis Suriah": a state naming what a noun is about
                k = token_of(doc, m.end - 1) + 1
                continue
            if group and not _coordinated(doc, group[-1], m, tok_mention):
                break
            if not group and prev in ("dan", "serta", "tetapi", "sedangkan") and plover != "REQUEST" \
                    and _opens_clause(doc, m, end):
                # "mendukung kemajuan … dan pemerintah memberikan dukungan": a new clause's subject
                # (not after a request, whose addressees do what follows: "meminta kementerian
                # serta pemerintah daerah segera menyelesaikan")
                break
            group.append(m)
            k = token_of(doc, m.end - 1) + 1
            continue
        if not group and ((aid and w == "untuk") or (meeting and w == "bersama")):
            seen_prep = True  # (elsewhere "untuk" opens a purpose clause, "bersama" a companion)
            k += 1
            continue
        if w in RECIPIENT_PREPS or (visit and w == "ke"):
            seen_prep = True
        if w == "yang" and not group and k + 1 < end and re.match(r"^di[a-z]{4,}$", doc[k + 1].lower_):
            k += 2  # "menolak usulan yang diajukan Ukraina": the proposer is the party
            continue
        new_predicate = w in PREDICATE_START or (w in ("akan", "bisa", "dapat", "harus") and k + 1 < end
                                                 and not VERB_FORM.match(doc[k + 1].lower_))
        if w in BOUNDARY or new_predicate or w in (".", "!", "?", "”", '"') or (
                w == "," and k + 1 < end and doc[k + 1].lower_ in ("kata", "ujar", "tutur")):
            break
        if group and not (gap_ok(tok) or in_title(m)):
            break  # (a body in the next one's title is part of it: "Kepala Badan Nasional … (BNPB) Doni Monardo")
        if plover == "REQUEST" and not group and k > hit.end and VERB_FORM.match(w) and w not in NOT_VERBS:
            break  # "meminta camat … mengawasi warga": the one asked comes before what he is to do
        if trigger_lexicon().get(lexicon_word(tok)) and k > hit.end and not group and w not in ("dengan",):
            # another event verb before any object: the object belongs to it; an event noun
            # is the object, and its owner the party ("mengecam serangan Israel" → ISR)
            found = [t for t in trigger_lexicon()[lexicon_word(tok)] if matches(doc, k, t)]
            if found and found[0].kind != "N":
                break
        k += 1
    return group


def place_subject(doc: Doc, document: Document, hit: Hit, places: dict) -> list[Mention]:
    sent_start, pos = doc[hit.sent_start].idx, doc[hit.start].idx
    subject = [m for m in document.mentions if sent_start <= m.start < pos and (m.start, m.end) in places]
    if not subject or not right_before(doc, subject[-1], hit):
        return []
    place = places[(subject[-1].start, subject[-1].end)]
    if not place.country:
        return []
    return [Mention(text=subject[-1].text, start=subject[-1].start, end=subject[-1].end, type="LOC",
                    country=place.country, code=place.country, method="place")]


def passive_agent(doc: Doc, hit: Hit, tok_mention) -> list[Mention]:
    k = hit.end
    end = min(hit.sent_end, hit.end + 8)
    while k < end:
        if doc[k].lower_ == "oleh":
            return right_group(doc, Hit(hit.trigger, k, k + 1, hit.sent_start, hit.sent_end), tok_mention)
        k += 1
    m = tok_mention.get(hit.end)
    return [m] if m is not None and is_actor(m) else []


def _opens_clause(doc: Doc, m: Mention, end: int) -> bool:
    """The mention is followed, adverbs aside, by a verb: the subject of a clause of its own."""
    k = token_of(doc, m.end - 1) + 1
    while k < end and doc[k].lower_ in CLAUSE_ADVERBS:
        k += 1
    return k < end and (VERB_FORM.match(doc[k].lower_) is not None or doc[k].lower_ in SUPPORT_VERBS)


def _object_of_preposition(doc: Doc, m: Mention) -> bool:
    """The mention follows one of `NON_SUBJECT_PREPS`, with at most "tangan" or "para" between."""
    k = token_of(doc, m.start) - 1
    while k >= 0 and doc[k].lower_ in ("tangan", "para"):
        k -= 1
    return k >= 0 and doc[k].lower_ in NON_SUBJECT_PREPS


def _affiliation_of(doc: Doc, body: Mention, person: Mention) -> bool:
    """A body set before a person by a comma alone, after a lower-case noun of his occupation
    ("pengamat dari Universitas Indonesia, Ellen Tangkudung,"): where he works, no co-actor."""
    if body.type != "ORG" or person.type != "PER":
        return False
    a, b = token_of(doc, body.end - 1) + 1, token_of(doc, person.start)
    first = token_of(doc, body.start)
    return [t.text for t in doc[a:b]] == [","] and first > 0 and doc[first - 1].is_lower and doc[first - 1].is_alpha \
        and doc[first - 1].lower_ not in ("dan", "serta", "atau", "maupun")


def _modifier(doc: Doc, m: Mention, hit: Hit) -> bool:
    """A state right after a common noun that is not the trigger modifies that noun."""
    i = token_of(doc, m.start)
    if i <= hit.end:
        return False
    # "operasi Suriah", "krisis Suriah": a topic noun + state names what the noun is about;
    # elsewhere noun + state is possessive ("klaim China", "usulan Ukraina"), a party
    return doc[i - 1].lower_ in TOPIC_NOUNS and m.code is not None and m.code == m.country


def place_groups(ms: list[Mention], doc: Doc, sentence: tuple[int, int], document: Document,
                 places: dict) -> list[Mention]:
    """Unnamed groups ("pemberontak", "kelompok oposisi", "pengungsi") get a country from context.
    Rebels and opposition are domestic to the government or army they face ("tentara Suriah ...
    dari cengkraman pemberontak" → SYRREB); otherwise a group belongs to another state named in
    the sentence ("menampung warga Suriah ... pengungsi"); in a story at home in Indonesia, among
    Indonesians or no one else, to Indonesia; else to the state the article names most, other than
    the participants' own ("Rusia melancarkan serangan terhadap kelompok-kelompok" in a Syria story
    → SYRREB). Returns new mentions: the entities stage's records stay as they were."""
    todo = [m for m in ms if m.code in GROUP_SECTORS and not m.country]
    grouped: dict[int, Mention] = {}
    if not todo:
        return ms
    participants = {m.country for m in ms if m.country}
    first, last = doc[sentence[0]], doc[sentence[1] - 1]  # the sentence's tokens [start, end)
    sent_start, sent_end = first.idx, last.idx + len(last.text)
    in_sentence = [m.country for m in document.mentions if sent_start <= m.start < sent_end and m.code
                   and m.code == m.country and m.country not in participants]
    ranked = doc.user_data.get("pantau_states") or ["IDN"]  # counted once, by the entities stage
    main_other = next((c for c in ranked if c not in participants), ranked[0])
    place_country = next((places[(m.start, m.end)].country for m in document.mentions
                          if sent_start <= m.start < sent_end and (m.start, m.end) in places
                          and places[(m.start, m.end)].country not in participants), None)
    state_side = next((m.country for m in ms if m.country and (m.code or "")[3:6] in ("GOV", "MIL")), None)
    home = doc.user_data.get("pantau_home") or ranked[0]
    for m in todo:
        there = _stationed_in(document, m, places)
        if there:
            country = there  # "aparat di Thailand berhasil menyita satwa"
        elif m.code in ("GOV", "COP"):  # "pemerintah", "polisi" unqualified: the article's own state
            country = home
        elif m.code in ("REB", "OPP") and state_side:
            country = state_side
        elif m.code in ("CVL", "REF", "EDU", "LAB", "AGR", "REL", "HLH") and place_country:
            country = place_country  # "kamp pengungsi Jenin di Tepi Barat"
        elif in_sentence:
            country = in_sentence[0]
        elif home == "IDN" and participants <= {"IDN"}:
            country = home  # a domestic story: "Densus 88 menangkap terduga teroris", "meminta warga"
        else:
            country = main_other
        if country:
            grouped[id(m)] = dataclasses.replace(m, country=country, code=country + m.code)
    return [grouped.get(id(m), m) for m in ms]


def _stationed_in(document: Document, m: Mention, places: dict) -> str | None:
    """The country of the place right after a group and "di" ("aparat di Thailand")."""
    after = document.clean_text[m.end:m.end + 4]
    if not after.startswith(" di "):
        return None
    place = next((places[(p.start, p.end)] for p in document.mentions
                  if p.start == m.end + 4 and (p.start, p.end) in places), None)
    return place.country if place is not None else None
