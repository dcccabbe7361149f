"""The PLOVER/CAMEO event coder for Indonesian.

A trigger from the lexicon (data/triggers_id.tsv) opens an event; Indonesian morphology then
says where its participants are:
- meN- / bare verbs are active: the actor is the subject to the left, the recipient the object or
  a prepositional complement (dengan, terhadap, kepada, bagi, atas, melawan) to the right;
- di- verbs are passive: the actor follows ("oleh X", or X right after the verb), the recipient
  is the subject to the left;
- ber- verbs are often reciprocal: "Rusia dan Turki telah sepakat" codes RUS→TUR and TUR→RUS;
- nominalisations (pertemuan, penarikan, serangan, kesepakatan) take their actor from a genitive
  ("penarikan militer AS"), a support verb ("Rusia melancarkan serangan"), a list ("pertemuan
  antara Turki, Rusia, dan Suriah") or the subject of the clause they sit in ("kata Lavrov setelah
  pembicaraan dengan ...").
A trigger in a purpose/complement clause ("sepakat untuk mengoordinasikan", "harapannya agar
dilakukan perundingan") belongs to the event that governs it and is not coded again, except after
a directive ("memerintahkan pasukannya untuk mulai menarik diri" is the retreat).

Reported speech ("mengklaim bahwa", "kata Lavrov", a quotation) changes modality and the source
chain, not the event; "kami", "kita", "pihaknya" in reported speech are the speaker's side.

For verb triggers the dependency parse of the sentence (`pantau.nlp.syntax`, parsed only when a
trigger asks) then checks the rules: it fills a role they left empty (nsubj, obj, obl with
dengan/terhadap/kepada, obl:agent with oleh, nsubj:pass) and replaces a participant they took
from outside the role's noun phrase ("Anggota DPR dari Fraksi Golkar itu menyerahkan diri": the
member, not the faction). Where both agree, or the parse names no one, the rules stand: they are
at 1.00 recall on the seed gold, and the parser's LAS is about 0.7. What this changes is measured
by `pantau evaluate participants` (docs/EVALUATION.md).

Participants are mentions with a CAMEO code, or persons and organisations the entities stage
identified without one (a name only the NER knows): such an actor keeps its name and entity id
and no code, as GDELT leaves Actor1Code empty beside Actor1Name.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pantau import models
from pantau.entities import CUE_VERBS, NOT_ACTING, PERSON_PRONOUNS, PLACE_NOUNS, stands_for_state, title_word
from pantau.quotes import resolve_pronoun
from pantau.model import Actor, Document, Event, Evidence, Mention, Place, Quote, TimeValue
from pantau.nlp import sentence_index, sentence_spans, syntax, token_starts

DATA = Path(__file__).parent / "data"

SECTORS = ("GOV", "MIL", "REB", "OPP", "LEG", "JUD", "COP", "MED", "BUS", "CVL", "REF", "SPY", "PTY", "IGO",
           "NGO", "ELI", "EDU", "HLH", "LAB", "RAD", "UAF", "CRM", "MOD", "IMG", "AGR", "REL")
ADVERBS = {"telah", "sudah", "akan", "juga", "tidak", "tak", "belum", "terus", "masih", "hanya", "segera",
           "kembali", "lagi", "sedang", "tengah", "baru", "pernah", "langsung", "bersama", "secara", "resmi",
           "lebih", "lanjut", "mulai", "untuk", "ingin", "bisa", "dapat", "harus", "siap", "berusaha", "mencoba",
           "terutama", "sempat", "diduga", "dilaporkan", "bahkan", "kemudian", "lalu", "pun"}
BOUNDARY = {"bahwa", "untuk", "agar", "supaya", "guna", "yang", "setelah", "sebelum", "ketika", "saat",
            "sementara", "karena", "sehingga", "tetapi", "namun", "tapi", "meskipun", "walaupun", "jika",
            "kalau", "sejak", "hingga", "sampai", ";", ":", "“", "”", "sebagai", "dalam", "selama", "menjelang"}
PURPOSE = {"untuk", "agar", "supaya", "guna"}
# CAMEO roots whose verbs take another act as their content: agree (03), appeal (02), demand (10),
# reject (12), threaten (13)
COMPLEMENT_TAKING = {"03", "02", "10", "12", "13"}
# settings, not events: "di sela-sela KTT ASEAN"
SETTING_WORDS = {"sela-sela", "sela", "sela-selanya", "sela-sela", "sejak"}
# words that open a new predicate: the object phrase has ended ("konsekuensi ... adalah", and
# "akan parah" but not "akan ditandatangani": see _right_group)
PREDICATE_START = {"adalah", "merupakan", "ialah", "yakni"}
INTENTION_NOUNS = {"rencana", "upaya", "usaha", "keinginan", "niat", "kemauan", "tekad", "ambisi", "tujuan",
                   "rencananya", "upayanya", "keinginannya", "kesiapan", "usulan", "gagasan", "mencegah", "menghindari"}
# nouns that make the event word after them a way, a call or a right, not an act that took place
MANNER_NOUNS = {"cara", "ajakan", "seruan", "izin", "hak", "kemampuan", "kesempatan"}
CLAUSE_BREAKS = {".", ";", "”", "dan", "serta", "tetapi", "namun", ","}
RECIPIENT_PREPS = {"dengan", "terhadap", "kepada", "bagi", "atas", "melawan", "antara", "pada"}
LOCATIVE = {"di", "ke", "dekat", "menuju", "sekitar"} | PLACE_NOUNS
INSTRUMENT_PREPS = {"lewat", "melalui", "via", "memakai", "menggunakan"}
# what such a channel is called before its name ("melalui situs Kitabisa")
CHANNEL_NOUNS = {"situs", "laman", "aplikasi", "akun", "platform", "kanal", "rekening", "layanan", "media"}
# "dari" marks a place for movements ("menarik tentara dari Suriah") but a party elsewhere
# ("perjanjian ... dari Rusia dan Iran", "permintaan dari rezim").
PLACE_TARGET_TYPES = {"ASSAULT", "COERCE"}
MOVEMENT_TYPES = {"RETREAT", "MOBILIZE", "ASSAULT", "COERCE"}
TITLE_GAP_WORDS = {"presiden", "menteri", "wakil", "kepala", "staf", "umum", "pertahanan", "luar", "negeri",
                   "intelijen", "pembantu", "penasihat", "utusan", "juru", "bicara", "perdana", "ketua", "panglima",
                   "jenderal", "duta", "besar", "dubes", "sekretaris", "direktur", "komandan", "pejabat", "para",
                   "pemimpin", "timpalan", "rekan", "rekan-rekan", "mitra", "sang", "raja", "pangeran", "gubernur"}
SUPPORT_VERBS = {"melakukan", "melancarkan", "mengadakan", "menggelar", "mencapai", "memulai", "memberikan",
                 "memberi", "menyampaikan", "mengirimkan", "mengirim", "menjatuhkan", "menyalurkan",
                 "mendistribusikan", "membagikan",
                 "membuka", "melaksanakan", "menyelenggarakan", "mengajukan", "mendapat", "mendapatkan", "memperoleh",
                 "menerima", "mengumumkan",
                 "menggunakan", "mengambil",
                 # taking part in it: "pelajar ikut unjuk rasa", "menghadiri rapat", "memimpin rapat"
                 "ikut", "turut", "mengikuti", "menghadiri", "memimpin"}
# Verbs whose subject is not who performs the event noun they take as object. The subject
# receives or undergoes it ("warga mendapatkan bantuan", "Arif menjalani pemeriksaan", "pemerintah
# menuai kritik"): the noun's recipient. Or the subject reacts to it, judges it, or it merely
# exists ("warga mengabaikan instruksi", "masyarakat mendukung larangan", "ada permintaan"): neither.
# Read off the event nouns of the bench corpus whose actor the parse took from their verb's subject.
NOUN_RECEIVING_VERBS = {"mendapat", "mendapatkan", "menerima", "memperoleh", "menjalani", "menunggu", "membutuhkan",
                        "memerlukan", "mengandalkan", "menuai", "merespons", "menanggapi", "dikenakan", "terkena",
                        "kena", "mengharapkan", "meminta"}
NOUN_REACTING_VERBS = {"mengabaikan", "mematuhi", "menaati", "melanggar", "mendukung", "menolak", "mengkritik",
                       "mengapresiasi", "menilai", "menyadari", "mengantisipasi", "memantau", "membenarkan",
                       "mengecualikan", "menyambut", "menyayangkan", "mempertanyakan", "menyoroti", "mengawasi",
                       "ada", "adanya", "bersifat", "berdasarkan", "terkait", "menjadi", "mencapai", "mengatakan",
                       "menyebut", "menyebutkan", "mengetahui", "mendengar", "membaca", "membahas", "mengenai"}
# the same verbs in the passive, the event noun after them: "harus dicapai kesepakatan"
SUPPORT_PASSIVES = {"dilakukan", "dilancarkan", "diadakan", "digelar", "dicapai", "dimulai", "diberikan", "diberi",
                    "disampaikan", "dikirimkan", "dikirim", "dijatuhkan", "disalurkan", "dibuka", "dilaksanakan",
                    "diselenggarakan", "diajukan", "diumumkan"}
LIST_WINDOW = 60  # tokens: a meeting's attendees, with their titles, run long
# the passive verbs whose agent, after an event noun, led, attended or carried it out: the
# support verbs' passives ("bantuan yang disalurkan Kemensos") and those of leading and attending
LED_BY_VERBS = SUPPORT_PASSIVES | {"dipimpin", "diikuti", "dihadiri", "diprakarsai", "dikoordinasikan"}
# nouns an event noun after them only describes ("pusat konsultasi", "tim investigasi")
NOUN_HEADS = {"layanan", "pusat", "program", "ruang", "forum", "sesi", "jadwal", "biaya", "tempat", "fasilitas",
              "lembaga", "tim", "komite", "panitia", "materi", "platform", "aplikasi", "sistem", "posko", "kantor"}
CONTEXT_PREPS = {"setelah", "usai", "seusai", "sebelum", "dalam", "selama", "menjelang", "saat", "ketika", "pada"}
NEGATION = {"tidak", "tak", "belum", "bukan", "gagal", "enggan", "batal", "urung", "jangan", "dilarang"}
FUTURE = {"akan", "hendak", "bakal", "berencana", "rencananya", "dijadwalkan"}
CONDITIONS = {"jika", "kalau", "apabila", "bila", "seandainya", "andaikan"}
HYPOTHETICAL = CONDITIONS | {"kemungkinan", "mungkin", "dapat", "bisa", "berpotensi",
                             "agar", "supaya", "perlu", "harus", "wajib", "sebaiknya", "hendaknya",
                             "berharap", "diharapkan", "mengharapkan", "semoga", "mudah-mudahan", "ingin",
                             "menginginkan", "mempertimbangkan", "mewacanakan"}
# (an act wished for or owed: "meminta warga agar menjauhi kerumunan", "Kepala Polri perlu
# menginstruksikan", "Kami berharap pelaku segera ditangkap")
CLAIM = {"mengklaim", "diklaim", "menuduh", "menuding", "dituduh", "dituding", "dikabarkan", "kabarnya", "disebut-sebut",
         "konon", "diduga"}
SPEAKER_SIDE = {"kami", "kita", "pihaknya", "mereka", "saya", "aku"}
PRONOUNS = SPEAKER_SIDE | PERSON_PRONOUNS
# Dyadic types need a recipient to be worth coding; the others describe one actor's act.
# An arrest or a charge of unnamed people ("menetapkan enam orang sebagai tersangka") is still an
# event (COERCE); criticism or support of nobody is not.
MONADIC_OK = {"RETREAT", "MOBILIZE", "REQUEST", "AGREE", "CONSULT", "PROTEST", "CONCEDE", "COERCE"}
# A passive with no agent still records what befell its subject: "Para pelaku ditangkap" is an
# arrest, "Kharkiv diserang" an attack, "Masyarakat diminta mematuhi protokol" an appeal, whoever
# did it (GDELT leaves such an Actor1 blank too). Appeals since 2026-12-06: 46 more bench events,
# of 12 read 11 named the right addressee.
AGENTLESS_OK = {"COERCE", "ASSAULT", "REQUEST"}
# event nouns whose genitive is the one the act is done to, not its doer: release, investigation,
# seizure, arrest and detention, abduction, killing, massacre, occupation ("penangkapan RAM")
PATIENT_GENITIVE_CODES = {"0841", "090", "171", "173", "181", "186", "200", "192"}
# before a name set off in a clause, the words that make it the source of what is said, not a party
SOURCE_MARKERS = {"menurut", "diyakini", "dinilai", "dikatakan", "diungkapkan", "dijelaskan", "diakui"}
NEEDS = {"keperluan", "kepentingan", "kebutuhan", "urusan", "hal", "keadaan", "kondisi", "situasi", "alasan",
         "persoalan", "masalah", "tugas", "pekerjaan", "sangat", "makin", "semakin", "kian", "lebih", "paling"}
OBSTACLES = {"kendala", "kasus", "hambatan", "kesulitan", "masalah", "persoalan", "jalan", "titik", "kegagalan",
             "kesalahan", "kejanggalan", "temuan"}
CULPRIT_NOUNS = {"tersangka", "pelaku", "terdakwa", "terpidana", "dalang", "otak", "buron", "buronan", "kasus"}
GROUP_SECTORS = {"REB", "OPP", "CVL", "REF", "MIL", "GOV", "COP", "JUD", "LEG", "MED", "BUS", "EDU", "LAB", "AGR", "REL", "PTY", "CRM",
                 "HLH"}


@dataclass(frozen=True)
class Trigger:
    code: str
    kind: str  # V active, P passive, N nominal, R reciprocal, B blame (see data/triggers_id.tsv)
    words: tuple[str, ...]
    requires: frozenset[str]
    flags: frozenset[str]


@dataclass(frozen=True)
class CameoInfo:
    code: str
    label: str
    plover: str
    mode: str
    context: str
    goldstein: float | None
    quad_class: int


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoInfo]:
    table = {}
    with open(DATA / "cameo.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            table[row["code"]] = CameoInfo(row["code"], row["label"], row["plover"], row["mode"] or "",
                                           row["context"] or "",
                                           float(row["goldstein"]) if row["goldstein"] else None,
                                           int(row["quad_class"]))
    return table


@lru_cache(maxsize=1)
def trigger_lexicon() -> dict[str, list[Trigger]]:
    """First word → triggers starting with it (longest first)."""
    lexicon: dict[str, list[Trigger]] = {}
    for line in (DATA / "triggers_id.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + ["", "", ""]
        code, kind, forms, requires, flags = (c.strip() for c in cols[:5])
        for form in forms.split("|"):
            words = tuple(form.split())
            if not words:
                continue
            trig = Trigger(code, kind, words, frozenset(w for w in requires.split("|") if w),
                           frozenset(w for w in flags.split("|") if w))
            lexicon.setdefault(words[0], []).append(trig)
    for triggers in lexicon.values():
        triggers.sort(key=lambda t: -len(t.words))
    return lexicon


def _word(tok) -> str:
    w = tok.lower_
    if w.endswith("nya") and len(w) > 6 and w[:-3] in _KNOWN_STEMS():
        return w[:-3]
    return w


@lru_cache(maxsize=1)
def _KNOWN_STEMS() -> frozenset[str]:  # noqa: N802 - a cached constant
    return frozenset(w for trigs in trigger_lexicon().values() for t in trigs for w in t.words)


@dataclass
class Hit:
    trigger: Trigger
    start: int  # token index
    end: int
    sent_start: int
    sent_end: int


class EventCoder:
    directive_verbs = {"memerintahkan", "menginstruksikan", "memutuskan", "menyuruh", "mengomando"}

    def __init__(self, use_parse: bool = True):
        self.lexicon = trigger_lexicon()
        self.cameo = cameo_table()
        self.use_parse = use_parse  # off: the rules alone (to measure what the parse adds)

    def __call__(self, doc: Doc) -> Doc:
        document: Document = doc._.document
        if document is not None:
            document.events = [event for event, _start, _end in self.code(doc, document)]
        return doc

    def code(self, doc: Doc, document: Document) -> list[tuple[Event, int, int]]:
        """The events the rules find, each with its trigger's token span (start, end)."""
        places: dict = doc.user_data.get("pantau_places", {})
        tok_mention = _token_mentions(doc, document.mentions)
        self._last: tuple[int, list[Mention]] | None = None  # (sentence start, actors) of the last verb coded
        hits = [hit for sent in sentence_spans(doc) for hit in self._drop_governed(doc, self._find_triggers(doc, sent.start, sent.end))]
        parses = syntax.parses(doc) if self.use_parse else None
        if parses is not None:  # the sentences holding a trigger are parsed in one batch, now
            parses.prefetch(hit.start for hit in hits if hit.trigger.kind in ("V", "R", "P", "N"))
        events: list[Event] = []
        spans: dict[int, tuple[int, int]] = {}  # id(event) → its trigger's token span
        for hit in hits:
            for event in self._code(doc, document, hit, tok_mention, places):
                spans[id(event)] = (hit.start, hit.end)
                events.append(event)
        return [(e, *spans[id(e)]) for e in _dedupe(events, document.id)]

    # -- trigger search -------------------------------------------------------------------------
    def _find_triggers(self, doc: Doc, start: int, end: int) -> list[Hit]:
        hits = []
        i = start
        while i < end:
            cands = self.lexicon.get(_word(doc[i]))
            found = None
            for trig in cands or ():
                n = len(trig.words)
                if _matches(doc, i, trig, end):
                    if trig.requires and not _required_follows(doc, i + n, end, trig.requires):
                        continue
                    if n == 1 and _other_sense(doc, i, start, end):
                        continue
                    found = Hit(trig, i, i + n, start, end)
                    break
            if found:
                hits.append(found)
                i = found.end
            else:
                i += 1
        return hits

    def _drop_governed(self, doc: Doc, hits: list[Hit]) -> list[Hit]:
        """A trigger after 'untuk/agar' (or a speech complement 'harapannya agar') that follows
        another trigger in the same clause is part of that event. (After a directive verb, which
        is no trigger, the ordered act is the event: see `_directive_subject`.) Nor is an intention
        ("rencana untuk membantu") or an event noun that only describes a service or a place
        ("layanan konsultasi") an act: dropped here, before their sentences are parsed."""
        kept: list[Hit] = []
        blamed = False
        for hit in hits:
            if hit.trigger.kind == "B":
                if blamed:  # "Barat ... mengabaikan resolusi ... dan beralih ke agresi": one accusation
                    continue
                blamed = True
            before = [t.lower_ for t in doc[max(hit.sent_start, hit.start - 3): hit.start]]
            if any(w in PURPOSE for w in before) and any(w in INTENTION_NOUNS for w in before):
                continue  # "rencana untuk membantu", "upaya untuk mencegah": an intention, not an act
            if hit.trigger.kind == "N" and before[-1:] and before[-1] in NOUN_HEADS:
                continue  # "layanan konsultasi UMKM", "ruang dialog": a service or a place, not an act
            if before[-1:] and before[-1] in MANNER_NOUNS:
                continue  # "cara bernegosiasi", "ajakan berdemonstrasi", "izin rapat": no act took place
            prev = kept[-1] if kept else None
            between = [t.lower_ for t in doc[prev.end: hit.start]] if prev else []
            purpose_at = next((i for i, w in enumerate(between) if w in PURPOSE), None)
            governed = purpose_at is not None and not any(w in CLAUSE_BREAKS for w in between[:purpose_at])
            if prev is not None and prev.trigger.code[:2] in COMPLEMENT_TAKING and hit.start - prev.end <= 2 \
                    and not any(w in CLAUSE_BREAKS for w in between):
                # "sepakat memulihkan hubungan", "mengancam akan melancarkan operasi militer": what
                # was agreed or threatened, not a second event
                governed = True
            if governed and "directive" in prev.trigger.flags:
                kept[-1] = hit  # "memerintahkan pasukannya untuk mulai menarik diri" is the retreat
            elif not governed:
                kept.append(hit)
        return kept

    # -- participants ---------------------------------------------------------------------------
    def _code(self, doc: Doc, document: Document, hit: Hit, tok_mention, places) -> list[Event]:
        trig = hit.trigger
        info = self.cameo.get(trig.code)
        if info is None:
            return []
        quote = _quote_at(document, doc[hit.start].idx)
        actors: list[Mention] = []
        recipients: list[Mention] = []
        kind = trig.kind
        if kind == "B":
            # blame inside a statement: the speaker accuses the predicate's subject
            if quote is None or not quote.speaker_name or _not_blamed(doc, hit, tok_mention):
                return []
            speaker = _speaker_mention(document, quote)
            actors = [speaker] if speaker else []
            recipients = [m for m in self._left_group(doc, document, hit.start, hit, tok_mention, quote)
                          if speaker is None or (m.entity_id != speaker.entity_id and m.code != speaker.code)]
            if not recipients:
                return []
        elif kind == "N":
            actors, recipients = self._nominal(doc, document, hit, tok_mention, quote)
        elif kind == "P":
            actors = self._passive_agent(doc, hit, tok_mention)
            recipients = [] if _possessed_subject(doc, hit, tok_mention) else \
                self._left_group(doc, document, hit.start, hit, tok_mention, quote)
            if not recipients and info.plover in PLACE_TARGET_TYPES:
                # "Kharkiv diserang oleh pasukan Rusia": the place's state (not "kasasi … Bank Bali
                # … ditolak": a place further back is no subject)
                recipients = self._place_subject(doc, document, hit, places)
        else:
            directive = self._directive_subject(doc, hit)
            left_from = directive if directive is not None else hit.start
            if _word_before(doc, hit) in ("dan", "serta", "lalu", "kemudian") and self._last \
                    and self._last[0] == hit.sent_start:
                actors = list(self._last[1])  # "memprotes klaim China ... dan memanggil Duta Besar China"
            else:
                actors = self._left_group(doc, document, left_from, hit, tok_mention, quote)
            recipients = self._right_group(doc, hit, tok_mention, visit=bool({"visit", "to"} & trig.flags),
                                           plover=info.plover)
            if "person" in trig.flags:
                recipients = [r for r in recipients if r.type == "PER"]
                if not recipients:
                    return []
            if not recipients and doc[hit.start].lower_ == "berbicara" and hit.end - hit.start == 1:
                return []  # talking with no one named ("dilarang berbicara di dalam KRL", "mampu berbicara")
        parsed = None
        if self.use_parse and (kind in ("V", "R", "P") or (kind == "N" and not actors)):
            # (for event nouns the parse only fills a missing actor: the parser attaches their
            # genitives and complements too unreliably to check the rules, and parsing every
            # sentence with an event noun costs a fifth of the throughput)
            parsed = self._parsed_roles(doc, hit, tok_mention)
            if parsed is not None:
                rule_actors = actors
                if not (kind in ("V", "R") and actors and _right_before(doc, actors[-1], hit)
                        and _comma_between(doc, parsed[0].mentions, actors[0])):
                    # (a subject the rules read right before the verb stands against one the parser
                    # found before a comma: "Politikus Partai Golkar … mendukung upaya …, di
                    # antaranya PT Bio Farma bekerja sama dengan Sinovac")
                    actors = _reconcile(actors, parsed[0])
                recipients = _reconcile(recipients, parsed[1])
                if not rule_actors and kind in ("V", "R"):
                    # nor may the parse reach past a subject the rules saw but could not read
                    comma = _comma_before_unread_subject(doc, hit)
                    if comma is not None:
                        actors = [a for a in actors if a.start > doc[comma].idx]
                    if _subject_unread(doc, hit.start, hit.sent_start, tok_mention):
                        actors = []  # whatever the parser attached the clause to ("Psikolog …
                        # khawatir penembakan yang menewaskan": the shooting, not the psychologist)
                actors = [m for m in actors if all(m.start != r.start for r in recipients)] or actors
                recipients = [m for m in recipients if all(m.start != a.start for a in actors)]
        possessive = parsed is not None and parsed[0].possessive
        # The speaker's side may take an act that names no actor: an event noun with a party or
        # a verb that makes it happen ("harus dicapai kesepakatan", not "Sering tidak ada dialog"),
        # a verb whose subject is left out or is the speaker's -nya ("Meminta masyarakat ...", not
        # "petugas keamanan juga berbicara", whose subject the coder could not read).
        # (nor, the rules' own subject test, in a relative clause whose head no one reads: "59.238
        # desa yang sudah menggelar musyawarah", "aplikasi … yang telah berkolaborasi dengan …")
        if kind == "N":
            support = _index_before(doc, hit) if _after_support_verb(doc, hit) else None
            lend = recipients or (support is not None and not _in_unread_relative(doc, support, hit.sent_start,
                                                                                   tok_mention))
        else:
            lend = possessive or (_subject_omitted(doc, hit)
                                  and not _in_unread_relative(doc, hit.start, hit.sent_start, tok_mention))
        if not actors and lend:
            actors = self._speaker_fallback(document, doc, hit, quote, info, possessive_subject=possessive)
        if actors and kind in ("V", "R"):
            self._last = (hit.sent_start, actors)
        placed = _place_groups(actors + recipients, doc, hit, document, places)
        actors, recipients = placed[:len(actors)], placed[len(actors):]
        actors = _unique([a for a in actors if _named(a)])
        recipients = _unique([r for r in recipients if _named(r) and all(
            r.start != a.start and (r.entity_id is None or r.entity_id != a.entity_id) for a in actors)])
        location = self._location(doc, hit, document, places)
        if "visit" in trig.flags:
            # a visit's recipient is the host: "kunjungan ke sebuah pangkalan Rusia di Suriah" is a
            # visit to Syria, not to the visitor's own base
            recipients = [r for r in recipients if not r.text.lower().startswith(("pangkalan", "pos", "posisi"))]
        if "visit" in trig.flags or info.plover in PLACE_TARGET_TYPES:
            # "serangan udara terhadap Jalur Gaza": an attack on a place is an attack on its state
            if not recipients and location is not None and location.country and actors and \
                    location.country != (actors[0].country or "IDN"):
                # (a visitor of unknown country is taken for an Indonesian, this being the Indonesian
                # press: Joko's visit to "Kelurahan Grogol Selatan" is to no state, his to Paris is)
                recipients = [Mention(text=location.text or location.name, start=0, end=0, type="LOC",
                                      country=location.country, code=location.country, method="host")]
        if not actors and not (recipients and info.plover in AGENTLESS_OK and (
                kind == "P" or (kind == "N" and trig.code in PATIENT_GENITIVE_CODES))):
            return []
        if "visit" in trig.flags and not recipients and all((a.code or "").endswith("CVL") and a.method == "sector"
                                                            for a in actors):
            return []  # "kunjungan wisatawan merosot", "warga berkunjung ke mal": tourism and errands
        if not recipients and info.plover not in MONADIC_OK:
            return []
        reciprocal = kind == "R" or (kind == "N" and info.plover in ("CONSULT", "AGREE", "COOPERATE"))
        pairs: list[tuple[list[Mention], list[Mention]]]
        if reciprocal and not recipients and len(_distinct(actors)) >= 2:
            pairs = [([a], [b for b in actors if b is not a]) for a in actors]
        else:
            pairs = [(actors, recipients)]
        sentence = document.sentences[_sent_index(document, doc[hit.start].idx)]  # stripped of whitespace
        modality = self._modality(doc, hit, quote)
        date = self._date(document, doc, hit, actors)
        reported_by = self._reported_by(document, doc, hit, quote)
        out = []
        for acts, recs in pairs:
            out.append(Event(
                id="", event_type=info.plover, cameo_code=info.code, goldstein=info.goldstein,
                quad_class=info.quad_class,
                actors=[_actor(m) for m in acts], recipients=[_actor(m) for m in recs],
                evidence=Evidence(doc_id=document.id, sentence=sentence.index, start=sentence.start,
                                  end=sentence.end, text=sentence.text),
                trigger=doc[hit.start:hit.end].text, mode=info.mode or None, context=info.context or None,
                date=date[0], date_granularity=date[1], date_text=date[2], location=location,
                modality=modality, reported_by=reported_by,
                confidence=0.7 if any(m.method in ("speaker", "pronoun") for m in acts) else 0.8,
            ))
        return out

    def _parsed_roles(self, doc: Doc, hit: Hit, tok_mention) -> tuple[ParsedRole, ParsedRole] | None:
        """Actor and recipient of a verb trigger read from the dependency parse of its sentence:
        nsubj and obj / obl (dengan, terhadap, kepada, ...) for active verbs, obl:agent ("oleh")
        and nsubj:pass for di- verbs; shared subjects, coordination and relative clauses through
        `syntax`."""
        parsed = syntax.parses(doc)
        if parsed is None:
            return None
        span_tokens = [parsed.token(i) for i in range(hit.start, hit.end)]
        # the trigger's head word: the one whose head lies outside the trigger
        head = next((t for t in span_tokens if not (span_tokens[0].i <= t.head.i <= span_tokens[-1].i)
                     or t.head is t), span_tokens[0])
        preps = RECIPIENT_PREPS - {"pada"}
        if hit.trigger.kind == "P":
            actor_heads, recipient_heads = syntax.agents(head), syntax.patients(head)
        elif hit.trigger.kind == "N":
            # an event noun as the object of a verb takes that verb's subject ("Pemprov DKI
            # mendistribusikan bantuan"), and its complement after dengan/terhadap/kepada; unless
            # the verb's subject receives the noun or only reacts to it (NOUN_RECEIVING_VERBS, ...)
            verb = head.head.lower_ if head.dep_ == "obj" else None
            subjects = syntax.subjects(head.head) if verb and verb not in NOUN_REACTING_VERBS else []
            actor_heads = [] if verb in NOUN_RECEIVING_VERBS else subjects
            recipient_heads = subjects if verb in NOUN_RECEIVING_VERBS else next(
                (syntax.conjuncts(c) for c in head.children if c.dep_ == "nmod" and syntax.case_of(c) in preps), [])
        else:
            actor_heads, recipient_heads = syntax.subjects(head), syntax.objects(head, preps)
        return (self._parsed_role(doc, parsed, actor_heads, tok_mention),
                self._parsed_role(doc, parsed, recipient_heads, tok_mention))

    @staticmethod
    def _parsed_role(doc: Doc, parsed, heads, tok_mention) -> ParsedRole:
        """The actor mention each head's noun phrase names: the head's own, else the first in
        the phrase that is not a place after di/dari/ke ("tentara dari Suriah") or the topic of
        a noun ("operasi Suriah")."""
        out: list[Mention] = []
        tokens: set[int] = set()
        possessive = any(syntax.possessed_by_clitic(head) for head in heads)
        for head in heads:
            found = None
            for tok in syntax.phrase(head):
                i = parsed.index(tok)
                tokens.add(doc[i].idx)
                m = tok_mention.get(i)
                if found is None and m is not None and _is_actor(m) and not _locative(doc, m, tok_mention):
                    first = _token_of(doc, m.start)
                    if first > 0 and doc[first - 1].lower_ in SOURCE_MARKERS:
                        continue  # "…, menurut Didi, mewakili …": who says so, not who acts
                    if tok is not head and first > 0 and doc[first - 1].lower_ in TOPIC_NOUNS and m.code == m.country:
                        continue
                    found = m
            if found is not None and all(found.start != o.start for o in out):
                out.append(found)
        return ParsedRole(out, tokens, possessive)

    def _directive_subject(self, doc: Doc, hit: Hit) -> int | None:
        """For 'X memerintahkan pasukannya untuk mulai menarik diri' the actor search starts at
        the directive verb."""
        for k in range(hit.start - 1, max(hit.sent_start, hit.start - 8) - 1, -1):
            if doc[k].lower_ in self.directive_verbs:
                return k
        return None

    def _left_group(self, doc: Doc, document: Document, pos: int, hit: Hit, tok_mention, quote) -> list[Mention]:
        """The subject: the nearest actor mention left of `pos` in the clause, with the
        mentions coordinated with it ("Menteri Pertahanan Turki Hulusi Akar, kepala intelijen
        Hakan Fidan dan pembantu presiden Ibrahim Kalin")."""
        floor = self._clause_floor(doc, pos, hit, quote)
        k = pos - 1
        # relative clause: "kelompok yang menentang" → the head before "yang"
        if _subject_unread(doc, pos, floor, tok_mention):
            return []  # not a participant further back
        j = _past_adverbs(doc, k, floor)
        if j >= floor and doc[j].lower_ == "yang":
            k = j - 1
        group: list[Mention] = []
        while k >= floor:
            tok = doc[k]
            m = tok_mention.get(k)
            if m is not None and _is_actor(m) and not _locative(doc, m, tok_mention):
                first = _token_of(doc, m.start)
                if group and first > floor and doc[first - 1].lower_ in CUE_VERBS:
                    break  # "kata Dadang, Wali Kota Depok, Forkopimda, dan …": the speaker is no member of the list
                if not group and first > floor and doc[first - 1].lower_ in SOURCE_MARKERS:
                    k = first - 2  # "Kolaborasi …, diyakini Eka, akan turut mendukung UMKM": who believes it
                    continue
                if group and (not self._coordinated(doc, m, group[0], tok_mention) or _object_of_preposition(doc, m)):
                    break  # ("Dari tangan NT, polisi menyita ...": whom it was seized from, no second subject)
                if group and _affiliation_of(doc, m, group[0]):
                    break  # "dosen … Universitas Islam Negeri Syarif Hidayatullah, Tantan Hermansah, meminta"
                group.insert(0, m)
                k = _token_of(doc, m.start) - 1
                continue
            if not group and m is None:
                w = tok.lower_
                if w == "negara" and k > floor and doc[k - 1].lower_ == "kedua":
                    return self._both_countries(document, doc, hit, tok)
                if w in PRONOUNS:
                    r = self._pronoun(document, doc, tok, quote)
                    return [r] if r is not None else []  # an unresolved pronoun is still the subject
            if tok.lower_ in ("selain", "kecuali"):
                # "Selain Lavrov dan Cavusoglu, X ...": the excepted names are not the subject
                comma = next((t.i for t in doc[k:pos] if t.text == ","), pos)
                return [g for g in group if g.start >= doc[comma].idx]
            if group and not (self._gap_ok(tok) or _in_title(m)):
                break
            if not group and tok.text == "," and k + 1 < pos and _unread_subject(doc[k + 1]):
                break  # "Kalau dia bukan warga Kota Bekasi, pengurus RW akan meminta dia kembali"
            k -= 1
        return group

    def _both_countries(self, document: Document, doc: Doc, hit: Hit, tok) -> list[Mention]:
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

    def _coordinated(self, doc: Doc, left: Mention, right: Mention, tok_mention) -> bool:
        a, b = _token_of(doc, left.end - 1) + 1, _token_of(doc, right.start)
        gap = [t for t in doc[a:b] if not _in_title(tok_mention.get(t.i))]  # (a body in a title is part of it)
        if len(gap) > 8 or not all(self._gap_ok(t) for t in gap):
            return False
        # a list needs a comma or a conjunction; the same person twice ("Menteri Ketenagakerjaan
        # (Menaker) Ida Fauziyah": the office, then its holder's name) is one member of it
        same = left.entity_id is not None and left.entity_id == right.entity_id
        if not gap:  # "Turki Mevlut Cavusoglu": a state and its man; "Australia Indonesia Partnership": a name
            return same or left.type != right.type
        return same or any(t.lower_ in (",", "dan", "serta", "bersama", "atau") for t in gap)

    @staticmethod
    def _gap_ok(tok) -> bool:
        """Between coordinated participants only conjunctions, commas and titles may stand
        ("Hulusi Akar, kepala intelijen Hakan Fidan dan pembantu presiden Ibrahim Kalin", "Ida
        Fauziyah, Menteri Sosial (Mensos) Tri Rismaharini", "petugas bersama FN mendatangi")."""
        w = tok.lower_
        return w in (",", "dan", "serta", "maupun", "atau", "bersama", "&", "[", "]", "(", ")", "seluruh", "semua") \
            or w in TITLE_GAP_WORDS \
            or title_word(tok)

    def _clause_floor(self, doc: Doc, pos: int, hit: Hit, quote: Quote | None) -> int:
        floor = hit.sent_start
        for k in range(pos - 1, hit.sent_start - 1, -1):
            w = doc[k].lower_
            if w in ("bahwa", ":", ";", "“", "”") or (w == '"'):
                return k + 1
        if quote is not None:
            qs = _token_of(doc, quote.start)
            floor = max(floor, qs)
        return floor

    def _right_group(self, doc: Doc, hit: Hit, tok_mention, *, visit: bool = False, need_prep: bool = False,
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
            if m is not None and _is_actor(m):
                first = _token_of(doc, m.start)
                prev = doc[first - 1].lower_ if first > 0 else ""
                if prev in CHANNEL_NOUNS and first > 1 and doc[first - 2].lower_ in INSTRUMENT_PREPS:
                    prev = doc[first - 2].lower_  # "melalui situs Kitabisa", "lewat akun Instagram"
                locative = (prev in LOCATIVE or (movement and prev == "dari")) and not (visit and prev == "ke")
                if prev in SOURCE_MARKERS:
                    k = _token_of(doc, m.end - 1) + 1  # ", menurut Didi,": who says so takes no part
                    continue
                if prev in INSTRUMENT_PREPS and not group:
                    break  # "mengajak mereka belajar … lewat Instagram Live": the channel, not the one asked
                if locative and not (m.code or "")[3:]:
                    if group:
                        break
                    k = _token_of(doc, m.end - 1) + 1
                    while k < end and doc[k].lower_ in (",", "dan", "serta") and tok_mention.get(k + 1) is not None:
                        k = _token_of(doc, tok_mention[k + 1].end - 1) + 1  # "di Suriah dan Irak": places too
                    continue
                if (need_prep and not seen_prep and not group) or (
                        not group and _modifier(doc, m, hit) and not seen_prep):
                    # "operasi Suriah", "krisis Suriah": a state naming what a noun is about
                    k = _token_of(doc, m.end - 1) + 1
                    continue
                if group and not self._coordinated(doc, group[-1], m, tok_mention):
                    break
                if not group and prev in ("dan", "serta", "tetapi", "sedangkan") and plover != "REQUEST" \
                        and _opens_clause(doc, m, end):
                    # "mendukung kemajuan … dan pemerintah memberikan dukungan": a new clause's subject
                    # (not after a request, whose addressees do what follows: "meminta kementerian
                    # serta pemerintah daerah segera menyelesaikan")
                    break
                group.append(m)
                k = _token_of(doc, m.end - 1) + 1
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
                                                     and not _VERB_FORM.match(doc[k + 1].lower_))
            if w in BOUNDARY or new_predicate or w in (".", "!", "?", "”", '"') or (
                    w == "," and k + 1 < end and doc[k + 1].lower_ in ("kata", "ujar", "tutur")):
                break
            if group and not (self._gap_ok(tok) or _in_title(m)):
                break  # (a body in the next one's title is part of it: "Kepala Badan Nasional … (BNPB) Doni Monardo")
            if plover == "REQUEST" and not group and k > hit.end and _VERB_FORM.match(w) and w not in _NOT_VERBS:
                break  # "meminta camat … mengawasi warga": the one asked comes before what he is to do
            if self.lexicon.get(_word(tok)) and k > hit.end and not group and w not in ("dengan",):
                # another event verb before any object: the object belongs to it; an event noun
                # is the object, and its owner the party ("mengecam serangan Israel" → ISR)
                found = [t for t in self.lexicon[_word(tok)] if _matches(doc, k, t)]
                if found and found[0].kind != "N":
                    break
            k += 1
        return group

    def _place_subject(self, doc: Doc, document: Document, hit: Hit, places: dict) -> list[Mention]:
        sent_start, pos = doc[hit.sent_start].idx, doc[hit.start].idx
        subject = [m for m in document.mentions if sent_start <= m.start < pos and (m.start, m.end) in places]
        if not subject or not _right_before(doc, subject[-1], hit):
            return []
        place = places[(subject[-1].start, subject[-1].end)]
        if not place.country:
            return []
        return [Mention(text=subject[-1].text, start=subject[-1].start, end=subject[-1].end, type="LOC",
                        country=place.country, code=place.country, method="place")]

    def _passive_agent(self, doc: Doc, hit: Hit, tok_mention) -> list[Mention]:
        k = hit.end
        end = min(hit.sent_end, hit.end + 8)
        while k < end:
            if doc[k].lower_ == "oleh":
                return self._right_group(doc, Hit(hit.trigger, k, k + 1, hit.sent_start, hit.sent_end), tok_mention)
            k += 1
        m = tok_mention.get(hit.end)
        return [m] if m is not None and _is_actor(m) else []

    def _nominal(self, doc: Doc, document: Document, hit: Hit, tok_mention, quote) -> tuple[list[Mention], list[Mention]]:
        if hit.start > hit.sent_start and doc[hit.start - 1].lower_ in SETTING_WORDS:
            return [], []  # "bertemu ... di sela-sela KTT ASEAN": the summit is where, not what
        # support verb: "Rusia melancarkan serangan udara terhadap ..."
        j = hit.start - 1
        while j >= hit.sent_start and (doc[j].lower_ in ADVERBS or doc[j].lower_ in ("sebuah", "suatu", "para")):
            j -= 1
        plover = self.cameo[hit.trigger.code].plover
        recipients = self._right_group(doc, hit, tok_mention, need_prep=True, visit="visit" in hit.trigger.flags,
                                       plover=plover, meeting=plover == "CONSULT")
        if j >= hit.sent_start and doc[j].lower_ in SUPPORT_VERBS:
            actors = self._left_group(doc, document, j, hit, tok_mention, quote)
            if doc[j].lower_ in NOUN_RECEIVING_VERBS:  # "mendapat permintaan dari X": X asks the subject
                source = self._genitive(doc, hit, tok_mention, allow_dari=True)
                return source, actors
            if doc[j].lower_ in ("menyampaikan", "meneruskan"):
                # "Sultan juga menyampaikan permintaan serikat buruh …": he passes on their request
                source = self._genitive(doc, hit, tok_mention)
                if source:
                    return source, recipients
            return actors, recipients
        led = self._led_by(doc, hit, tok_mention)
        if led:
            return led, recipients
        # "antara A, B dan C"
        k = hit.end
        while k < hit.sent_end and k - hit.end < 3 and doc[k].lower_ != "antara" and tok_mention.get(k) is None \
                and not ((_VERB_FORM.match(doc[k].lower_) and doc[k].lower_ not in _HAPPEN_VERBS)
                         or doc[k].lower_ in ("adalah", "ialah")):
            k += 1  # (not past a verb but "terjadi": "lokasi pemeriksaan merupakan titik utama antara Dishub, …")
        if k < hit.sent_end and doc[k].lower_ == "antara":
            group = self._right_group(doc, Hit(hit.trigger, k, k + 1, hit.sent_start, hit.sent_end), tok_mention)
            if len(group) >= 2:
                return group[:1], group[1:]
        genitive = self._genitive(doc, hit, tok_mention, allow_dari=hit.trigger.code.startswith("02"))
        if hit.trigger.code in PATIENT_GENITIVE_CODES:
            # "Penangkapan RAM", "pembunuhan Dirut PT ...": the one arrested or killed; only a
            # security body or government acts ("penyidikan KPK")
            acting = [m for m in genitive if m.type == "ORG" and _state_body(m)]
            patients = [] if hit.start > hit.sent_start and doc[hit.start - 1].lower_ in CULPRIT_NOUNS else \
                [m for m in genitive if m not in acting]  # ("tersangka pembunuhan I (19)": I is the suspect)
            genitive = acting
            recipients = _unique(patients + recipients)
        if len(genitive) >= 2:  # "pembicaraan pemimpin Turki dan Rusia": the participants
            return genitive, recipients
        # "kata Lavrov setelah pembicaraan dengan ...", "ujar Putin dalam pertemuan Menteri X":
        # the person who speaks in the main clause takes part
        context = j >= hit.sent_start and doc[j].lower_ in CONTEXT_PREPS
        if context:
            subject = [m for m in self._left_group(doc, document, j, hit, tok_mention, quote) if m.type == "PER"]
            if not subject and not genitive:
                subject = self._subject_after(doc, document, hit, tok_mention, quote)
                if subject:  # the main clause's objects are not the noun's
                    recipients = [r for r in recipients if r.start < subject[0].start]
            if subject:
                return subject, recipients or genitive
        return genitive, recipients

    def _subject_after(self, doc: Doc, document: Document, hit: Hit, tok_mention, quote) -> list[Mention]:
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
        while k < hit.sent_end and ((tok_mention.get(k) is None and title_word(doc[k])) or _in_title(tok_mention.get(k))):
            k += 1  # "Presiden" before "Joko Widodo", "Ketua KPU" before "Arief Budiman"
        if k >= hit.sent_end or doc[k].lower_ in CUE_VERBS:  # "Dalam rapat tersebut, lanjut Budi, ...": a cue
            return []
        if doc[k].lower_ in PRONOUNS:
            m = self._pronoun(document, doc, doc[k], quote)
            group, after = ([m] if m is not None else []), k + 1
        else:
            m = tok_mention.get(k)
            if m is None or not _is_actor(m) or _token_of(doc, m.start) != k:
                return []
            group = self._right_group(doc, Hit(hit.trigger, k - 1, k, hit.sent_start, hit.sent_end), tok_mention)
            after = _token_of(doc, group[-1].end - 1) + 1 if group else k
        # a subject has its verb next ("Sultan berjanji", "ia juga sempat mencoba"), not a comma
        # (an apposition) or a preposition (the comma was one in a list: "pejabat Rusia, Jerman
        # dan Prancis di Istanbul")
        while after < hit.sent_end and doc[after].lower_ in ADVERBS:
            after += 1
        return group if after < hit.sent_end and _VERB_FORM.match(doc[after].lower_) else []

    def _led_by(self, doc: Doc, hit: Hit, tok_mention) -> list[Mention]:
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
            return self._right_group(doc, Hit(hit.trigger, k - 1, k, hit.sent_start, hit.sent_end), tok_mention,
                                     window=LIST_WINDOW)
        for k in range(hit.end, min(hit.sent_end, hit.end + 16)):
            w = doc[k].lower_
            if w in LED_BY_VERBS:
                # the agent right after the verb ("dipimpin Presiden", "dilakukan oleh polisi"), not a
                # later object ("pemeriksaan dilakukan terhadap Asep")
                group = self._right_group(doc, Hit(hit.trigger, k, k + 1, hit.sent_start, hit.sent_end), tok_mention,
                                          window=LIST_WINDOW)
                first = _token_of(doc, group[0].start) if group else k
                between = doc[k + 1: first]
                if group and all(t.lower_ == "oleh" or self._gap_ok(t) or _in_title(tok_mention.get(t.i)) for t in between) \
                        and sum(not (title_word(t) or _in_title(tok_mention.get(t.i))) for t in between) <= 4:
                    return group  # (a holder's title may run long: "disampaikan Kepala Kepolisian Resor Kota
                    # Tangerang Komisaris Besar Ade Ary Syam")
                continue  # "yang digelar tertutup ... itu diikuti Wakil Presiden"
            m = tok_mention.get(k)
            if w in (".", ";", ":", "”", "dan", "serta") or self.lexicon.get(_word(doc[k])) or (
                    m is not None and doc[k - 1].lower_ not in _ASIDE_PREPS):
                break  # another clause or event, or a participant of the noun's own (not "bagi media")
        return []

    def _genitive(self, doc: Doc, hit: Hit, tok_mention, *, allow_dari: bool = False) -> list[Mention]:
        """'penarikan militer AS', 'pembicaraan pemimpin Turki dan Rusia', 'pertemuan negara dengan'."""
        k = hit.end
        while k < hit.sent_end and k - hit.end < 6 and tok_mention.get(k) is None and (
                doc[k].lower_ in ("udara", "resmi", "trilateral", "bilateral", "awal", "darat", "militer", "damai", "baru")
                or doc[k].lower_ in TITLE_GAP_WORDS or (allow_dari and doc[k].lower_ == "dari")):
            k += 1
        while k < hit.sent_end and tok_mention.get(k) is not None and "+title" in (tok_mention[k].method or ""):
            k = _token_of(doc, tok_mention[k].end - 1) + 1  # "Menteri Pertahanan Rusia Sergey Shoygu"
        m = tok_mention.get(k)
        if m is not None and _is_actor(m):
            group = [m]
            nxt = _token_of(doc, m.end - 1) + 1
            while nxt < hit.sent_end:
                n2 = None
                for step in range(1, 3):
                    if nxt + step < hit.sent_end and doc[nxt].lower_ in (",", "dan", "serta"):
                        n2 = tok_mention.get(nxt + step)
                        if n2 is not None:
                            break
                if n2 is None or not _is_actor(n2):
                    break
                group.append(n2)
                nxt = _token_of(doc, n2.end - 1) + 1
            return group
        return []  # ("pertemuan negara dengan Suriah": no genitive; the speaker's country comes via the fallback)

    def _pronoun(self, document: Document, doc: Doc, tok, quote: Quote | None) -> Mention | None:
        """The participant a pronoun stands for, as a mention of the pronoun itself: the text is
        what the sentence says ("Kami"), the entity and code who it is (the speaker)."""
        w = tok.lower_
        if w in SPEAKER_SIDE:
            if w == "mereka" and quote is not None and quote.kind == "direct":
                m = None  # in the speaker's own words "mereka" are others; "kami" is his side
            elif quote is not None and quote.speaker_name:
                m = _speaker_mention(document, quote)
            elif w == "pihaknya":  # "Turki menyatakan ... pihaknya berbicara": the sentence's subject
                sent = doc[tok.i].sent
                m = next((m for m in document.mentions if sent.start_char <= m.start < tok.idx and _is_actor(m)
                          and not (m.code or "").endswith("MED")), None)
            elif w == "mereka" and quote is None:
                return self._plural_antecedent(document, tok)
            else:
                m = None
            method = "speaker"
        else:
            m = resolve_pronoun(document, tok.idx)
            method = "pronoun"
        if m is None:
            return None
        return Mention(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), type=m.type,
                       entity_id=m.entity_id, canonical_name=m.canonical_name, country=m.country,
                       code=m.code, method=method)

    @staticmethod
    def _plural_antecedent(document: Document, tok) -> Mention | None:
        """"Mereka" opening a sentence of narration (not a statement: there it is the speaker's
        others) stands for the group that was the subject of the sentence before: "Ratusan pelajar
        ditangkap polisi. Mereka ikut unjuk rasa ..." is the students. Only a group noun
        ("pelajar", "warga", "pengunjuk rasa"), and only when it opens that sentence's clause
        before its first verb; a person or an institution there is no "they"."""
        here = _sent_index(document, tok.idx)
        if here == 0 or tok.idx != document.sentences[here].start:
            return None
        prev = document.sentences[here - 1]
        m = next((m for m in document.mentions if prev.start <= m.start < prev.end and _is_actor(m)), None)
        if m is None or m.method != "sector" or (m.code or "")[-3:] not in _PLURAL_SECTORS or any(
                _VERB_FORM.match(w.strip(",.;:()“”\"").lower()) for w in document.clean_text[prev.start:m.start].split()):
            return None
        if any(n.type == "PER" and 0 <= n.start - m.end <= 1 for n in document.mentions):
            return None  # a person's title ("Guru Besar Fakultas Hukum UI Indriyanto Seno Adji"), no group
        return Mention(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), type=m.type, entity_id=m.entity_id,
                       canonical_name=m.canonical_name, country=m.country, code=m.code, method="pronoun")

    def _speaker_fallback(self, document: Document, doc: Doc, hit: Hit, quote: Quote | None, info: CameoInfo,
                          *, possessive_subject: bool = False) -> list[Mention]:
        """An event in reported speech with no subject of its own ("bahwa kesepakatan awal telah
        dicapai bagi Iran", "pertemuan negara dengan Suriah") is the speaker's side's act. So is
        one whose subject is a noun the speaker's -nya possesses, whatever its type ("tentara
        Suriah mengumumkan keberhasilannya merebut kembali ... Aleppo": the army retook it)."""
        if quote is None or not quote.speaker_name or _set_off_speech(document, quote) and not possessive_subject:
            return []
        if not possessive_subject and info.plover not in ("AGREE", "CONSULT", "COOPERATE", "SUPPORT", "REQUEST",
                                                          "REJECT"):
            return []
        m = _speaker_mention(document, quote)
        return [m] if m else []

    # -- attributes -----------------------------------------------------------------------------
    def _modality(self, doc: Doc, hit: Hit, quote: Quote | None) -> str:
        # (a capitalised word after another is part of a name: "Yayasan Anak Bangsa Bisa (YABB)
        # bekerja sama" is no hypothetical)
        window = [t for t in doc[max(hit.sent_start, hit.start - 4): hit.start]
                  if not (t.text[:1].isupper() and t.i > hit.sent_start and doc[t.i - 1].text[:1].isupper())]
        before = [t.lower_ for t in window]
        clause_before = [t.lower_ for t in doc[hit.sent_start: hit.start]]
        if any(t.lower_ in NEGATION and not (t.lower_ == "belum" and doc[t.i + 1].lower_ == "lama")
               and not (t.i > hit.sent_start and doc[t.i - 1].lower_ == "yang"
                        and any(_VERB_FORM.match(v.lower_) for v in doc[t.i + 1:hit.start])) for t in window):
            return "negated"  # (not "Belum lama ini", recently, nor a relative clause's verb: "Warga yang
            # belum mengikuti peraturan ini diminta …"; but "pelajar yang tidak ikut unjuk rasa")
        wished = next((w for w in reversed(clause_before) if w in ("agar", "supaya", ",", ";", "”")), None)
        if any(w in HYPOTHETICAL for w in before) or wished in ("agar", "supaya") or (
                clause_before and clause_before[0] in CONDITIONS and "”" not in clause_before
                and '"' not in clause_before):
            return "hypothetical"  # (a sentence that opens "Jika …, …" is conditional throughout, up
            # to the end of a quotation: not "Kalau itu terjadi, …,” kata Budi ketika berkunjung …";
            # so is all of a clause after "agar": "mendorong agar perusahaan … rutin berkoordinasi")
        after = [t.lower_ for t in doc[hit.end: min(hit.sent_end, hit.end + 12)]]
        if any(w in FUTURE for w in before) or "mendatang" in after or _NEXT_PERIOD.search(" ".join(after[:6])):
            return "future"
        if any(w in CLAIM for w in clause_before) or (quote is not None and quote.cue in ("mengklaim",)):
            return "claimed"
        return "asserted"

    def _date(self, document: Document, doc: Doc, hit: Hit, actors: list[Mention] = ()) -> tuple[str | None, str | None, str | None]:
        """The time expression of the event's sentence nearest the trigger; else the day the
        sentence before names, when it names one of the same actors (news dates an act once and
        goes on about it: "Lavrov mengumumkan pada hari Selasa (31/1) bahwa … Selama konferensi
        pers bersama …, Lavrov mengatakan …"); else the article's date (as GDELT does), marked by
        an empty date_text."""
        pos = doc[hit.start].idx
        sent_start = doc[hit.sent_start].idx
        sent_end = doc[hit.sent_end - 1].idx + len(doc[hit.sent_end - 1].text)
        # a subordinate clause after the trigger has its own time ("sepakat ... setelah pengumuman
        # penarikan militer AS pekan lalu")
        sub = next((t.idx for t in doc[hit.end: hit.sent_end] if t.lower_ in ("setelah", "sebelum", "sejak", "ketika",
                                                                             "yang", "usai", "seusai")), sent_end)
        best = None
        # a law's year dates only the law the trigger names ("Instruksi Presiden Nomor 6 Tahun
        # 2020"), not an act beside it ("berdemonstrasi … UU Nomor 9 Tahun 1998")
        law_end = doc[hit.end - 1].idx + len(doc[hit.end - 1].text) if doc[hit.start].lower_ in POLICY_NOUNS else None
        for tv in document.time_values:
            own_designation = law_end is not None and "designation" in tv.flags and 0 <= tv.start - law_end <= 30
            if tv.value and sent_start <= tv.start < sub and "relative_to_event" not in tv.flags and (
                    "designation" not in tv.flags or own_designation):
                if best is None or abs(tv.start - pos) < abs(best.start - pos):
                    best = tv
        anchor = doc._.anchor
        if best is not None:
            if best.granularity in ("year", "month") and anchor is not None and best.value and \
                    anchor.isoformat().startswith(best.value) and {"relative", "late", "early", "mid"} & set(best.flags):
                return anchor.isoformat(), "day", best.text  # "akhir tahun ... di hari yang sama"
            return best.value, best.granularity, best.text
        words = [t.lower_ for t in doc[hit.sent_start: hit.sent_end]]
        own_time = bool(_OWN_TIME_WORDS & set(words)) or " kali ini " in f" {' '.join(words)} "  # "Sebelumnya, …"
        before = None if own_time else _day_before(document, sent_start, actors)
        if before is not None:
            return before.value, before.granularity, before.text
        if anchor is not None:
            return anchor.isoformat(), "day", None
        return None, None, None

    def _location(self, doc: Doc, hit: Hit, document: Document, places: dict) -> Place | None:
        """A place named after di/ke in the clause (the trigger's own complement first), else
        the first non-state place after the trigger."""
        sent_start = doc[hit.sent_start].idx
        sent_end = doc[hit.sent_end - 1].idx + len(doc[hit.sent_end - 1].text)
        trig_pos = doc[hit.start].idx
        text = document.clean_text  # the same string; `doc.text` would be rebuilt on every access
        # a place in the name of a firm or a foundation says nothing of where ("cessie Bank Bali",
        # "The Asia Foundation"), unless the body is the site ("di depan Universitas Yapis
        # Jayapura", "mendatangi RS Bhayangkara Palembang"); in a state body's it does ("Pemkot
        # Bekasi melarang …")
        in_sentence = [m for m in document.mentions if sent_start <= m.start < sent_end]
        private_names = {m.start for o in in_sentence if o.type == "ORG" and not _state_body(o)
                         and not _names_site(text, sent_start, o)
                         for m in in_sentence if m is not o and o.start <= m.start and m.end <= o.end}
        best = None
        for m in in_sentence:
            if abs(m.start - trig_pos) > 160 \
                    or (m.start, m.end) not in places or m.type not in ("LOC", "GPE") or m.start in private_names:
                continue
            prev = text[max(sent_start, m.start - 25): m.start].split()
            prep = prev[-1].lower() if prev else ""
            if len(prev) >= 2 and prev[-2].lower() in ("di", "ke") and not prev[-1][:1].isupper():
                prep = prev[-2].lower()
            is_state = stands_for_state(m)
            score = None
            movement_from = prep == "dari" and self.cameo[hit.trigger.code].plover in MOVEMENT_TYPES
            if prep in ("di", "ke") or movement_from or (prev and prev[-1].lower() in PLACE_NOUNS):
                score = 0 if m.start > trig_pos else 2
            elif not is_state and m.start > trig_pos:
                score = 1
            if score is not None and is_state:
                score += 0.5  # "di ibu kota Kazakhstan, Astana", "di Idlib, Suriah": the town is more precise
            if not is_state and text[max(sent_start, m.start - 2):m.start] == ", " and \
                    best is not None and best[1].end == m.start - 2 and stands_for_state(best[1]):
                score = best[0][0] - 0.25  # an apposition to the state just found ("di ibu kota
                # Kazakhstan, Astana"); after a town it is the town's province ("di Sidoarjo, Jawa Timur")
            if score is not None and (best is None or (score, abs(m.start - trig_pos)) < best[0]):
                best = ((score, abs(m.start - trig_pos)), m)
        if best is None:
            return None
        m = best[1]
        place = places[(m.start, m.end)]
        return Place(name=place.name, id=place.id, country=place.country, lat=place.lat, lon=place.lon, text=m.text)

    def _reported_by(self, document: Document, doc: Doc, hit: Hit, quote: Quote | None) -> list[str]:
        chain = [document.outlet] if document.outlet else []
        sent_text = document.sentences[_sent_index(document, doc[hit.start].idx)].text
        for m in _SOURCE_RE.finditer(sent_text):
            chain.append(m.group(0).strip(" ,.("))
        if quote is not None and quote.speaker_name:
            chain.append(f"{quote.cue or 'kata'} {quote.speaker_name}")
        return chain


_NEXT_PERIOD = re.compile(r"\b(pekan|minggu|bulan|tahun|hari) depan\b")
_SOURCE_RE = re.compile(r"\b(?:lansir|dilansir|dikutip dari|mengutip|menurut|demikian)\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3}"
                        r"(?:\s+melaporkan)?")


def _matches(doc: Doc, i: int, trig: Trigger, end: int | None = None) -> bool:
    """Trigger `trig` spells the tokens from i (before `end`), a final -nya aside."""
    n = len(trig.words)
    return i + n <= (len(doc) if end is None else end) and all(
        _word(doc[i + k]) == trig.words[k] or doc[i + k].lower_ == trig.words[k] for k in range(n))


# words that may stand between a clause's start and its verb when the subject is left out
_NO_SUBJECT = {",", "dan", "serta", "lalu", "kemudian", "bahwa", "untuk", "itu", "maka", "pun", "karena", "sebab",
               "sehingga", "agar", "supaya", "jika", "kalau", "namun", "tetapi", "yang", "“", "”", '"', "(", ":"}


def _required_follows(doc: Doc, i: int, end: int, requires: frozenset[str]) -> bool:
    """A trigger's `requires` (data/triggers_id.tsv) met from token i: one of its words within 4
    tokens, or, where it lists "Name", a capitalised word right at i."""
    if "Name" in requires and i < end and doc[i].text[:1].isupper() and doc[i].is_alpha:
        return True
    return any(_word(t) in requires for t in doc[i: min(end, i + 4)])


# groups of people that "mereka" can stand for (not institutions: "pemerintah", "polisi" as a body)
_PLURAL_SECTORS = {"REB", "OPP", "CVL", "REF", "EDU", "LAB", "AGR", "REL", "CRM", "MIL", "HLH", "BUS"}

# prepositions whose object is never the subject of the clause that follows ("Dari para pelaku,
# aparat menyita ...", "Kepada wartawan, Budi mengatakan ...")
_NON_SUBJECT_PREPS = {"dari", "kepada", "terhadap", "oleh", "untuk", "bagi"}


# verbs that say an event noun took place ("bentrokan terjadi antara pengunjuk rasa dan polisi",
# "rapat digelar antara …")
_HAPPEN_VERBS = {"terjadi", "berlangsung", "pecah"} | SUPPORT_PASSIVES


_CLAUSE_ADVERBS = ADVERBS - {"untuk", "bersama", "secara", "resmi"}  # (those open a phrase, not a verb)


def _opens_clause(doc: Doc, m: Mention, end: int) -> bool:
    """The mention is followed, adverbs aside, by a verb: the subject of a clause of its own."""
    k = _token_of(doc, m.end - 1) + 1
    while k < end and doc[k].lower_ in _CLAUSE_ADVERBS:
        k += 1
    return k < end and (_VERB_FORM.match(doc[k].lower_) is not None or doc[k].lower_ in SUPPORT_VERBS)


def _object_of_preposition(doc: Doc, m: Mention) -> bool:
    """The mention follows one of `_NON_SUBJECT_PREPS`, with at most "tangan" or "para" between."""
    k = _token_of(doc, m.start) - 1
    while k >= 0 and doc[k].lower_ in ("tangan", "para"):
        k -= 1
    return k >= 0 and doc[k].lower_ in _NON_SUBJECT_PREPS


def _right_before(doc: Doc, m: Mention, hit: Hit) -> bool:
    """The mention ends right before the trigger, adverbs aside ("PT Bio Farma bekerja sama",
    "Rusia juga telah menyerang")."""
    k = _index_before(doc, hit)
    return k is not None and doc[k].idx < m.end <= doc[k].idx + len(doc[k].text)


# words that set an act's time apart from the sentence before ("Sebelumnya, Mahrus juga …")
_OWN_TIME_WORDS = {"sebelumnya", "kini", "sekarang"}


def _day_before(document: Document, sent_start: int, actors: list[Mention]) -> TimeValue | None:
    """The one day named in the sentence before, when that sentence names one of `actors` too
    (web news often sets each sentence as its own paragraph, so paragraphs are no guide)."""
    here = _sent_index(document, sent_start)
    if here == 0 or not actors:
        return None
    prev = document.sentences[here - 1]
    ids = {a.entity_id or a.code for a in actors if a.entity_id or a.code}
    if not any((m.entity_id or m.code) in ids for m in document.mentions if prev.start <= m.start < prev.end):
        return None
    days = [tv for tv in document.time_values if prev.start <= tv.start < prev.end and tv.value
            and tv.granularity == "day" and "relative_to_event" not in tv.flags]
    return days[-1] if len({tv.value for tv in days}) == 1 else None  # ("Selasa (31/1)": one day)


def _comma_between(doc: Doc, before: list[Mention], m: Mention) -> bool:
    """A comma stands between the last of `before` and `m` (both in one sentence)."""
    if not before or before[-1].end > m.start:
        return False
    return any(t.text == "," for t in doc[_token_of(doc, before[-1].end - 1): _token_of(doc, m.start)])


def _past_adverbs(doc: Doc, k: int, floor: int) -> int:
    """Walking back from token k, the first that is no adverb ("telah", "akan", "juga");
    floor - 1 when all down to `floor` are."""
    while k >= floor and doc[k].lower_ in ADVERBS:
        k -= 1
    return k


def _index_before(doc: Doc, hit: Hit) -> int | None:
    """The token before the trigger past its adverbs; None at the sentence's start."""
    j = _past_adverbs(doc, hit.start - 1, hit.sent_start)
    return j if j >= hit.sent_start else None


def _word_before(doc: Doc, hit: Hit) -> str | None:
    """The word before the trigger past its adverbs, lowercased; None at the sentence's start."""
    j = _index_before(doc, hit)
    return doc[j].lower_ if j is not None else None


def _not_blamed(doc: Doc, hit: Hit, tok_mention) -> bool:
    """A blame verb in a statement accuses no one the coder can name when it is negated
    ("pemerintah tidak mengabaikan kesehatan") or a condition ("Sanksi … perlu disusun apabila
    paslon atau parpol melanggar aturan"), in a relative clause ("rumah makan yang masih
    melanggar protokol") or after a subject it cannot read ("4.224 orang melanggar aturan"): the
    left-group search would pass over the real subject to a party further back."""
    if any(t.lower_ in NEGATION for t in doc[max(hit.sent_start, hit.start - 3): hit.start]):
        return True
    if any(t.lower_ in CONDITIONS for t in doc[max(hit.sent_start, hit.start - 6): hit.start]):
        return True
    j = _index_before(doc, hit)
    return j is not None and tok_mention.get(j) is None and (doc[j].lower_ == "yang" or _unread_subject(doc[j]))


def _subject_omitted(doc: Doc, hit: Hit) -> bool:
    """The verb has no subject of its own before it ("Meminta masyarakat ...", "..., bahwa
    menyepakati ..."): only then may the speaker's side be its actor, not where the sentence
    names one the coder could not read ("petugas keamanan juga berbicara", "Pihak puskesmas
    bersedia")."""
    w = _word_before(doc, hit)
    return w is None or w in _NO_SUBJECT


# a mention after these, between an event noun and its passive verb, is not the noun's own
# participant ("Rapat ... yang digelar tertutup bagi media massa itu diikuti ...")
_ASIDE_PREPS = RECIPIENT_PREPS | {"untuk", "di", "ke", "dari"}


def _comma_before_unread_subject(doc: Doc, hit: Hit) -> int | None:
    """The token index of the nearest comma before the trigger if a subject the coder cannot
    read follows it."""
    for k in range(hit.start - 1, hit.sent_start - 1, -1):
        if doc[k].text == ",":
            return k if k + 1 < hit.start and _unread_subject(doc[k + 1]) else None
    return None


def _possessed_subject(doc: Doc, hit: Hit, tok_mention) -> bool:
    """The passive verb's subject is someone's, named by "-nya" and read by no mention: "Rina (40)
    tidak menyangka anaknya ditangkap" is her son's arrest, not hers."""
    k = _index_before(doc, hit)
    if k is None or tok_mention.get(k) is not None:
        return False
    w = doc[k].lower_
    return w.endswith("nya") and len(w) > 5 and doc[k].is_alpha and w not in _NYA_ADVERBS and w[:-3] not in ADVERBS


# words in -nya that are adverbs or pronouns, not a possessed noun
_NYA_ADVERBS = {"sebelumnya", "selanjutnya", "akhirnya", "sayangnya", "rupanya", "biasanya", "tampaknya", "kabarnya",
                "rencananya", "setelahnya", "sesudahnya", "lainnya", "kemudiannya", "seharusnya", "sebenarnya",
                "semestinya", "sepertinya", "nampaknya", "agaknya", "katanya", "pihaknya", "dirinya"}


def _unread_subject(tok) -> bool:
    """Right after a comma, before the verb, stands a subject the coder has no mention for
    ("..., pengurus RW akan meminta"): the clause starts with a lowercase word that is neither an
    adverb, a time word, a relative, a conjunction, a preposition nor a verb ("..., kemarin,
    meminta", "..., acap kali menemui", "..., sebagai penjamin ..., membela" do not count)."""
    if tok.like_num and not tok.is_alpha:  # "..., 1,7 juta orang meninggalkan Ibu Kota"
        k = tok.i + 1
        while k < len(tok.doc) and tok.doc[k].lower_ in _NUMBER_WORDS:
            k += 1
        return k < len(tok.doc) and tok.doc[k].is_alpha and _unread_subject(tok.doc[k])  # (no recursion on numbers)
    return (tok.is_alpha and tok.text.islower() and tok.lower_ not in ADVERBS and tok.lower_ not in _NOT_A_SUBJECT
            and not _VERB_FORM.match(tok.lower_) and tok.lower_ not in TITLE_GAP_WORDS)


_NUMBER_WORDS = {"ribu", "juta", "miliar", "ratus", "puluh", "belas"}


_NOT_A_SUBJECT = {
    # time
    "kemarin", "hari", "ini", "itu", "tersebut", "pagi", "siang", "sore", "malam", "lalu", "pekan", "bulan", "tahun",
    "saat", "kini", "sekarang", "nanti", "besok", "pada", "sejak", "hingga", "selama",
    # relatives, conjunctions, adverbs of frequency and manner
    "yang", "pun", "para", "sang", "dan", "serta", "acap", "sekali", "kerap", "sering", "selalu", "biasanya",
    "sementara", "guna", "menurut", "bahkan", "hanya", "pula", "lagi", "kali", "tak", "tidak", "mogok",
    # verbs of inclination before the main verb ("Barat lebih suka mengabaikan")
    "suka", "cenderung", "mau", "berani", "gemar", "rela",
    # an apposition or an aside between the subject and its verb
    "sebagai", "selaku", "yakni", "yaitu", "termasuk", "antara", "baik", "bersama", "beserta", "dalam",
    "dengan", "di", "ke", "dari", "untuk", "usai", "seusai", "setelah", "sebelum", "ketika"}


def _after_support_verb(doc: Doc, hit: Hit) -> bool:
    """An event noun that is the object of a support verb, active or passive ("melakukan
    pemeriksaan", "harus dicapai kesepakatan")."""
    return _word_before(doc, hit) in _SUPPORTING


def _in_unread_relative(doc: Doc, pos: int, floor: int, tok_mention) -> bool:
    """Token `pos` opens a relative clause ("… yang [sudah] menggelar") whose subject, the noun
    before "yang", no mention covers: a thing or a group we cannot read ("aplikasi teknologi yang
    telah berkolaborasi dengan pemerintah"). Not after a comma or a bracket, where the head lies
    further back, nor after a pronoun."""
    j = _past_adverbs(doc, pos - 1, floor)
    if j < floor or doc[j].lower_ != "yang":
        return False
    k = j - 1
    return k >= floor and tok_mention.get(k) is None and doc[k].lower_ not in PRONOUNS and doc[k].text not in (",", ")")


# a policy whose content a following verb states ("kebijakan melarang mudik": the policy bans)
POLICY_NOUNS = {"kebijakan", "aturan", "peraturan", "regulasi", "keputusan", "instruksi", "imbauan", "perintah",
                "edaran", "putusan", "larangan"}
# what stands before a policy its clause's subject only reacts to, is told of or speaks about
_BEFORE_OTHERS_POLICY = NOUN_REACTING_VERBS | NOUN_RECEIVING_VERBS | {"tentang", "soal", "terkait", "mengenai",
                                                                     "atas", "terhadap"}


def _subject_unread(doc: Doc, pos: int, floor: int, tok_mention) -> bool:
    """The verb at `pos` has a subject the sentence does not name: a relative clause's noun no
    mention covers, or the maker of a policy whose content the verb states."""
    return _in_unread_relative(doc, pos, floor, tok_mention) or _says_content_of_noun(doc, pos, floor)


def _says_content_of_noun(doc: Doc, pos: int, floor: int) -> bool:
    """The verb at `pos` states the content of a policy that the clause's subject only reacts to
    or is told of: its doer is whoever made the policy ("Sejumlah pemerintah daerah mendukung
    kebijakan melarang mudik"; not "Presiden mengeluarkan instruksi melarang mudik")."""
    j = _past_adverbs(doc, pos - 1, floor)
    return (j - 1 >= floor and doc[j].lower_ in POLICY_NOUNS and _VERB_FORM.match(doc[pos].lower_) is not None
            and doc[j - 1].lower_ in _BEFORE_OTHERS_POLICY)


_SUPPORTING = SUPPORT_VERBS | SUPPORT_PASSIVES


def _token_mentions(doc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
    """token index → the outermost actor-bearing mention starting at (or covering) it."""
    starts = token_starts(doc)
    out: dict[int, Mention] = {}
    for m in sorted(mentions, key=lambda m: -(m.end - m.start)):
        i = bisect.bisect_left(starts, m.start)
        if i == len(starts) or starts[i] != m.start:
            continue
        j = i
        while j < len(starts) and starts[j] < m.end:
            if j not in out:
                out[j] = m
            j += 1
    return out


def _token_of(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _is_actor(m: Mention) -> bool:
    """Mentions that can take part in an event: not a modifier of a title or a group ("Menteri
    Pertahanan *Turki* Hulusi Akar", "militer *Turki*"), not the dateline, not a place that
    only names a place ("Jakarta" at home)."""
    method = m.method or ""
    return _named(m) and not any(tag in method for tag in NOT_ACTING)


_SITE_WORDS = LOCATIVE | {"depan", "belakang", "samping", "dari", "mendatangi", "mengunjungi", "menyambangi"}


def _names_site(text: str, floor: int, m: Mention) -> bool:
    """A body named where something happens: after di/ke/depan/… or a visiting verb."""
    before = text[max(floor, m.start - 20):m.start].split()
    return bool(before) and before[-1].lower() in _SITE_WORDS


def _other_sense(doc: Doc, i: int, start: int, end: int) -> bool:
    """A one-word trigger used in a sense that is no act, read from the words beside it:
    "keperluan mendesak" (urgent, no one urges), "permintaan dari Jepang bisa mencapai 5.000 sapu"
    (demand, no request), "menemui kendala" (to run into, not to meet)."""
    w = doc[i].lower_
    if w == "mendesak":
        return i > start and doc[i - 1].lower_ in NEEDS
    if w == "permintaan":
        return _market_demand(doc, i, end)
    if w == "menemui":
        return i + 1 < end and doc[i + 1].lower_ in OBSTACLES
    return False


# "permintaan" is also the market's demand: of what, how it moves
_DEMAND_OF = {"pasar", "ekspor", "impor", "domestik", "global", "konsumen", "barang", "produk", "kredit", "tenaga",
              "minyak", "listrik", "energi", "komoditas", "dalam", "luar", "agregat", "rumah", "properti"}
_DEMAND_BEFORE = {"tingkat", "jumlah", "turunnya", "naiknya", "meningkatnya", "menurunnya", "lonjakan", "penurunan",
                  "peningkatan", "kenaikan", "tingginya", "rendahnya", "sisi", "melonjaknya", "lemahnya"}
_DEMAND_MOVES = {"naik", "turun", "meningkat", "menurun", "melonjak", "anjlok", "mencapai", "bertambah", "berkurang",
                 "tumbuh", "melemah", "menguat", "tinggi", "rendah", "persen"}


def _market_demand(doc: Doc, i: int, end: int) -> bool:
    """'permintaan' as demand: of goods or a market ("permintaan ekspor", "turunnya permintaan
    tenaga kerja"), or a quantity that moves ("permintaan dari AS saja bisa naik 6,5 persen")."""
    if (i + 1 < end and doc[i + 1].lower_ in _DEMAND_OF) or (i > 0 and doc[i - 1].lower_ in _DEMAND_BEFORE):
        return True
    return any(t.lower_ in _DEMAND_MOVES for t in doc[i + 1:min(end, i + 9)])


def _affiliation_of(doc: Doc, body: Mention, person: Mention) -> bool:
    """A body set before a person by a comma alone, after a lower-case noun of his occupation
    ("pengamat dari Universitas Indonesia, Ellen Tangkudung,"): where he works, no co-actor."""
    if body.type != "ORG" or person.type != "PER":
        return False
    a, b = _token_of(doc, body.end - 1) + 1, _token_of(doc, person.start)
    first = _token_of(doc, body.start)
    return [t.text for t in doc[a:b]] == [","] and first > 0 and doc[first - 1].is_lower and doc[first - 1].is_alpha \
        and doc[first - 1].lower_ not in ("dan", "serta", "atau", "maupun")


def _in_title(m: Mention | None) -> bool:
    return m is not None and "+title" in (m.method or "")


def _state_body(m: Mention) -> bool:
    """A participant coded as part of a state: government, police, army, courts, parliament, spies."""
    return (m.code or "")[3:6] in ("GOV", "COP", "MIL", "JUD", "LEG", "SPY")


def _named(m: Mention) -> bool:
    """A participant an event can be coded with: one with a CAMEO code, or a person or an
    organisation the entities stage identified without one ("Ellen Tangkudung", recognised by
    the NER): the event keeps its name and entity id and leaves the code empty, as GDELT does
    for actors it cannot code."""
    return bool(m.code) or (m.type in ("PER", "ORG") and bool(m.entity_id))


def _locative(doc: Doc, m: Mention, tok_mention) -> bool:
    """A place after di/dari/ke, or a name with no code after hingga/sampai ("berada di atas kapal
    hingga Gili"; "hingga Rusia menarik pasukannya" is "so that" and Russia its subject)."""
    i = _token_of(doc, m.start)
    if i == 0:
        return False
    prev = doc[i - 1].lower_
    return (prev in ("di", "dari", "ke") and not (m.code or "")[3:]) or (prev in ("hingga", "sampai") and not m.code)


def _modifier(doc: Doc, m: Mention, hit: Hit) -> bool:
    """A state right after a common noun that is not the trigger modifies that noun."""
    i = _token_of(doc, m.start)
    if i <= hit.end:
        return False
    # "operasi Suriah", "krisis Suriah": a topic noun + state names what the noun is about;
    # elsewhere noun + state is possessive ("klaim China", "usulan Ukraina"), a party
    return doc[i - 1].lower_ in TOPIC_NOUNS and m.code is not None and m.code == m.country


TOPIC_NOUNS = {"operasi", "krisis", "konflik", "perang", "isu", "masalah", "kasus", "soal", "perbatasan", "wilayah",
               "kawasan", "pasar", "ekonomi", "perekonomian", "pemilu", "perairan", "laut", "utara", "selatan",
               "timur", "barat", "situasi", "kondisi", "stabilitas", "keamanan", "perdamaian", "rekonstruksi"}
_VERB_FORM = re.compile(r"^(di|me|mem|men|meng|meny|ber|ter)[a-z]{3,}$")
# words of a verb's shape that are not verbs: prepositions, quantifiers, superlatives
_NOT_VERBS = {"terhadap", "bersama", "berdasarkan", "mengenai", "menurut", "terkait", "termasuk", "menuju", "melalui",
              "melawan", "menjelang", "memakai", "menggunakan", "berupa", "tertentu", "terakhir", "terbaru", "tersebut",
              "terutama", "berbagai", "beberapa", "bermacam", "berikut", "terbesar", "tertinggi", "terbanyak", "dimana",
              "terlebih", "bersangkutan", "bertanggung", "berwenang", "berwajib", "berkaitan", "meliputi"}


def _place_groups(ms: list[Mention], doc: Doc, hit: Hit, document: Document, places: dict) -> list[Mention]:
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
    sent_start, sent_end = doc[hit.sent_start].idx, doc[hit.sent_end - 1].idx + len(doc[hit.sent_end - 1].text)
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


@dataclass
class ParsedRole:
    """What the parse says fills one role: the mentions found, and where the role's noun
    phrases are (the character offset of each of their tokens)."""
    mentions: list[Mention]
    tokens: set[int]
    possessive: bool = False  # a head is a noun possessed by its -nya ("keberhasilannya merebut")


def _reconcile(rule: list[Mention], parsed: ParsedRole) -> list[Mention]:
    """The rules' participants against the parse's. The parse fills a role the rules left
    empty; where the rules' participants lie outside the noun phrase the parse gives the role
    and the parse names someone there, the parse wins ("Anggota DPR dari Fraksi Golkar itu
    menyerahkan diri": the member of parliament, not the faction, nearer to the verb). Otherwise
    the rules stand. (Emptying a role whose parsed head names no one was tried: it cost right
    events on the seed gold, the parser being wrong about as often as the rules there.)"""
    if not rule:
        return parsed.mentions
    if not parsed.tokens or any(m.start <= pos < m.end for m in rule for pos in parsed.tokens):
        return rule
    return parsed.mentions or rule


def _unique(ms: list[Mention]) -> list[Mention]:
    """One participant per entity (or code, for unlinked groups), in order."""
    seen, out = set(), []
    for m in ms:
        key = m.entity_id or (m.code, m.text.lower())
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _distinct(ms: list[Mention]) -> set:
    return {(m.entity_id or m.code) for m in ms}


def _actor(m: Mention) -> Actor:
    code = m.code or ""
    sector = code[3:6] if len(code) > 3 and code[:3].isalpha() and code[3:6] in SECTORS else None
    country = m.country or (code[:3] if len(code) >= 3 and code[:3] not in SECTORS and not code.startswith("IGO") else None)
    return Actor(code=code or None, country=country, sector=sector, entity_id=m.entity_id, text=m.text)


def _quote_at(document: Document, pos: int) -> Quote | None:
    for q in document.quotes:
        if q.start <= pos < q.end:
            return q
    return None


def _speaker_mention(document: Document, quote: Quote) -> Mention | None:
    """The speaker's mention: the last one before the quote ends, else the first after it
    ('"...," kata Menteri Luar Negeri Turki Mevlut Cavusoglu'); for a speaker named by a pronoun
    ("katanya", "Dia"), the mention the pronoun resolves to."""
    if quote.speaker_text and quote.speaker_text[:1].islower() or (quote.speaker_text or "").lower() in PERSON_PRONOUNS:
        m = resolve_pronoun(document, quote.start)
        if m is not None and (m.canonical_name or m.text) == quote.speaker_name:
            return m
    best = None
    for m in document.mentions:
        # a speaker without an entity is matched by its words: a person or a group ("tentara Suriah")
        if not (m.entity_id == quote.speaker_entity_id if quote.speaker_entity_id else m.text == quote.speaker_text):
            continue
        if m.start <= quote.end or best is None:
            best = m
        if m.start > quote.end:
            break
    if best is None:
        return None
    return Mention(text=quote.speaker_text or best.text, start=best.start, end=best.end, type=best.type,
                   entity_id=best.entity_id, canonical_name=best.canonical_name, country=best.country,
                   code=best.code, method="speaker")


def _set_off_speech(document: Document, quote: Quote) -> bool:
    """Reported speech set off by a comma: "X mengatakan, polisi ...", "Menurut X, ...". Its
    clause almost always has a subject of its own, often one the coder cannot read ("keluarga",
    "orang"): on the bench, lending its subjectless acts to the speaker gave wrong events ("Ade
    Ary Syam mengatakan, ... 4.224 orang melanggar aturan") far more often than right ones."""
    before = document.clean_text[max(0, quote.start - 8): quote.start]  # the comma and the space after it
    return quote.kind == "indirect" and (quote.cue == "menurut" or before.rstrip().endswith(","))


def _sent_index(document: Document, char: int) -> int:
    idx = sentence_index(document, char)
    return idx if idx is not None else 0


def _dedupe(events: list[Event], doc_id: str) -> list[Event]:
    """One event per (sentence, type, actors, recipients), each participant by its entity, else
    its code: two ministers who meet are two people even if both are IDNGOV. Ids are stable per
    article."""
    seen = set()
    with_recipients = {(ev.evidence.sentence, ev.event_type, tuple(a.entity_id or a.code for a in ev.actors))
                       for ev in events if ev.recipients}
    out = []
    for ev in events:
        key = (ev.evidence.sentence, ev.event_type, tuple(a.entity_id or a.code for a in ev.actors),
               tuple(r.entity_id or r.code for r in ev.recipients))
        if key in seen or (not ev.recipients and key[:3] in with_recipients):
            continue
        seen.add(key)
        ev.id = f"{doc_id}-e{len(out) + 1}"
        out.append(ev)
    return out


@Language.factory("pantau_events")
def make_events(nlp: Language, name: str, use_parse: bool = True) -> EventCoder:
    if use_parse and models.available()["ud"]:
        models.load_ud(nlp.vocab)  # now, not in the first article: `syntax.parses` finds it cached
    return EventCoder(use_parse=use_parse)
