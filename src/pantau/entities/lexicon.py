"""The words the entity stage reads by: titles, honorifics, ranks, region and institution
nouns, speech verbs, the nouns that name a group by its sector; and the small predicates on a
single word or mention built from them (`title_word`, `is_person`, `stands_for_state`), which the
quotes and the event rules share. Also the ids of entities the KB does not know."""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from pantau.model import Mention
from pantau.nlp import SENTENCE_OPENERS
from pantau.places import DIRECTION_WORDS


# Words that start a sentence capitalised but are never names: the sentence stage's openers (the
# grammatical words) and the nouns and titles that open a sentence in the news.
_FUNCTION_WORDS = SENTENCE_OPENERS | {
    "Ke", "Dari", "Sebagai", "Sebelum", "Para", "Seperti", "Mengenai", "Bulan", "Tahun", "Hari", "Pekan", "Presiden",
    "Menteri", "Kepala", "Wakil", "Juru", "Pejabat", "Sumber", "Baca", "Juga", "Dan", "Atau", "Bahwa", "Kata",
    "Inisiatif", "Pertemuan", "Kantor", "Langkah", "Pembebasan", "Harapan", "Pemahaman", "Operasi", "Situs",
    "Beberapa", "Kelompok", "Pangkalan",
}


_TITLE_WORDS = {"presiden", "menteri", "perdana", "wakil", "kepala", "ketua", "panglima", "jenderal", "ceo",
                "raja", "ratu", "pangeran", "sekretaris", "duta", "dubes", "gubernur", "bupati", "wali",
                "utusan", "juru", "pembantu", "penasihat", "direktur", "komandan", "pemimpin", "timpalan",
                "kapolri", "kapolda", "jaksa", "hakim", "senator", "anggota", "mantan", "sekjen", "menlu",
                "menhan", "pm", "dr", "prof", "ir", "h", "hj", "kh", "syekh", "sheikh", "ayatollah",
                "koordinator", "manajer", "deputi"}


PERSON_PRONOUNS = {"dia", "ia", "beliau"}


_TITLE_BEFORE_NAME = _TITLE_WORDS | {"menteri", "negeri", "pertahanan"}  # "mantan Menteri Sosial X"


# local officials as a group ("meminta camat, lurah, dan kepala lingkungan"): the state, bare too;
# capitalised before a name or a place they are one official's title ("Camat Cilandak")
_LOCAL_OFFICIALS = {"camat", "lurah", "kepala desa", "kades", "perangkat desa", "kepala lingkungan", "kepala daerah",
                    "sekretaris daerah", "sekda", "asisten daerah", "forkopimda", "forum koordinasi pimpinan daerah"}


# Nouns that name a part of a state or group: "militer Turki" = TURMIL. Extends the KB's list
# with words whose sector is clear in conflict reporting, and with the local officials.
_EXTRA_SECTOR_NOUNS = {"demonstran": "OPP", "pengunjuk rasa": "OPP", "massa aksi": "OPP", "pelaku": "CRM", "tersangka": "CRM", "terdakwa": "CRM", "terpidana": "CRM", "narapidana": "CRM", "napi": "CRM", "koruptor": "CRM",
                       "bandar narkoba": "CRM", "partai politik": "PTY", "parpol": "PTY", "sandera": "CVL", "tawanan": "CVL", "korban": "CVL", "para menteri": "GOV", "menteri-menteri": "GOV", "para pejabat": "GOV", "pangkalan": "MIL", "pos": "MIL", "posisi": "MIL", "helikopter": "MIL",
                       "perwakilan militer": "MIL", "penasihat militer": "MIL", "pasukan operasi khusus": "MIL",
                       "rezim": "GOV", "delegasi": "GOV", "diplomat": "GOV", "kelompok oposisi": "OPP",
                       "kelompok pejuang": "REB", "kelompok-kelompok": "REB", "faksi": "REB", "pejuang": "REB",
                       "teroris": "REB", "kelompok teroris": "REB", "militan": "REB", "warga sipil": "CVL",
                       "warga": "CVL", "pengungsi": "REF"} | dict.fromkeys(_LOCAL_OFFICIALS, "GOV")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Indonesian words mostly written in lowercase (built by `build_common_words` from the UD,
    idner and NERGrit train splits): a capitalised one is weak evidence of a name."""
    with gzip.open(Path(__file__).parent / "data" / "common_words.txt.gz", "rt", encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip())


# town names that are, in Indonesian news, mostly something else (a virus, a food, a name)
_NOT_TOWNS = {"corona", "tempe", "guntur", "puri", "metro", "bima", "anda", "kota", "negara", "batu", "baru", "natal"}


# Indonesian regions and their parts, read as part of a title ("Gubernur Jawa Barat", "Bupati
# Kutai Timur") rather than as a person's name
_REGION_NOUNS = {"Kabupaten", "Kota", "Provinsi", "Kecamatan", "Desa", "Kelurahan", "Distrik"}


_REGION_WORDS = {"Jawa", "Sumatera", "Sumatra", "Kalimantan", "Sulawesi", "Papua", "Nusa", "Tenggara", "Banten",
                 "Aceh", "Riau", "Jambi", "Bengkulu", "Lampung", "Bali", "Maluku", "Gorontalo", "DKI", "DIY",
                 "Istimewa", "Timur", "Barat", "Utara", "Selatan", "Tengah", "Daya", "Raya", "Kepulauan",
                 "Bangka", "Belitung", "Yogyakarta", "Jakarta", "Kutai", "Kartanegara", "NTB", "NTT", "Sulsel",
                 "Sulut", "Sultra", "Sulteng", "Sumut", "Sumbar", "Sumsel", "Jabar", "Jateng", "Jatim", "Kaltim",
                 "Kalbar", "Kalsel", "Kalteng", "Kaltara", "Kepri", "Babel", "Malut", "Pabar", "Metro", "Jaya"}


def _is_name_token(tok) -> bool:
    return _is_name_word(tok.text)


def _is_name_word(t: str) -> bool:
    return bool(t) and t[0].isupper() and any(c.isalpha() for c in t) and t.lower() not in PERSON_PRONOUNS


# letters, or letters joined by an apostrophe ("Sa’adi", "Ma'ruf")
_APOSTROPHE_WORD = re.compile(r"^[^\W\d_]+(?:[’'][^\W\d_]+)*$")


# the parts of a law that number their clauses in brackets ("Pasal 5 Ayat (1)")
_LEGAL_PARTS = {"Ayat", "Pasal", "Huruf", "Angka", "Poin", "Butir", "Bab", "Nomor", "No"}


_HONORIFICS = {"kiai", "kyai", "habib", "ustaz", "ustadz", "gus", "buya", "romo", "pak", "bu", "bapak", "ibu", "mbak",
               "mas", "bung", "sang", "almarhum", "almarhumah", "tuan", "nyonya"}


_TITLE_OR_HONORIFIC = _TITLE_WORDS | _HONORIFICS


# Indonesian police and military ranks: titles too, and they tell police (COP) from army (MIL)
_RANKS = [(rank, "police_officer", "COP") for rank in (
    "Jenderal Polisi", "Komisaris Jenderal", "Komjen", "Komjen Pol", "Inspektur Jenderal", "Irjen", "Irjen Pol",
    "Brigadir Jenderal Polisi", "Brigjen Pol", "Komisaris Besar", "Kombes", "Kombes Pol", "AKBP", "AKP", "Kapolsek",
    "Kapolresta", "Kapolrestabes", "Kasat Reskrim", "Kabid Humas", "Kadiv Humas")] + [
    (rank, "military_officer", "MIL") for rank in (
    "Letnan Jenderal", "Letjen", "Mayor Jenderal", "Mayjen", "Brigadir Jenderal", "Brigjen", "Laksamana",
    "Marsekal", "Kolonel", "Letkol", "Pangdam", "Danrem", "Dandim", "KSAD", "KSAL", "KSAU")]


_VEHICLE_NOUNS = {"kapal", "pesawat", "kereta", "armada"}


_VESSEL_PREFIXES = {"KRI", "KM", "KMP", "MV"}  # (in capitals only: "km" is a distance)


# the first words of the ranks, and the ranks below them: between a title and a name they are part
# of the title; after a body they start its official's name ("Polda Metro Jaya Komisaris Besar ...").
# "Jenderal" is left out: it also names bodies ("Direktorat Jenderal Pajak")
_RANK_WORDS = {rank.split()[0] for rank, _, _ in _RANKS} - {"Jenderal"} | {
    "Ajun", "Kompol", "Iptu", "Ipda", "Aiptu", "Bripka", "Briptu", "Bripda", "Kapten", "Sersan"}


_REGION_OR_RANK = _REGION_WORDS | _RANK_WORDS  # beside a one-word name, no part of it ("Irjen Fadil")


_PORTFOLIO_WORDS = {
    "Sosial", "Keuangan", "Kesehatan", "Pendidikan", "Agama", "Perdagangan", "Perindustrian", "Pertanian",
    "Perhubungan", "Pariwisata", "Hukum", "HAM", "Ketenagakerjaan", "Kelautan", "Perikanan", "ESDM", "Energi",
    "BUMN", "PUPR", "Desa", "Sekretaris", "Negara", "Koordinator", "Bidang", "Perekonomian", "Polhukam", "PMK",
    "Maritim", "Investasi", "Kabinet", "Umum", "Daerah", "Provinsi", "Kota", "Kabupaten", "Luar", "Dalam", "Negeri",
    "Pertahanan", "Riset", "Teknologi", "Kebudayaan", "Lingkungan", "Hidup", "Kehutanan", "Komunikasi",
    "Informatika", "Kominfo", "Dalam", "dan", "Pemuda", "Olahraga", "Pemberdayaan", "Perempuan", "Sekjen", "UKM",
    "Koperasi",
    "Pekerjaan", "Perumahan", "Rakyat", "Agraria", "Tata", "Ruang", "Kepala", "Badan", "Staf", "Presiden",
    "Jenderal", "Wakil", "Ketua", "Komisi", "Fraksi", "Partai", "DPR", "DPRD", "RI", "Republik", "Indonesia",
    "Kremlin", "Istana", "Gedung", "Putih", "Pentagon", "Kepresidenan", "Kedutaan", "Besar",
}


# Words of the body or rank a title names before the holder's name ("Ketua Dewan Komisioner OJK
# Wimboh Santoso", "Ketua Asosiasi UMKM Ikhsan Ingratubun", "Marsekal Muda Udara ..."): read as
# part of the title, so the name is what follows them, and a title followed by them alone names
# no one ("Ketua Gugus Tugas Covid-19" is not a person called "Gugus Tugas Covid").
_TITLE_COMPLEMENT_WORDS = {
    "Asosiasi", "Ikatan", "Forum", "Tim", "Satgas", "Satuan", "Tugas", "Gugus", "Pengurus", "Harian", "Yayasan",
    "Lembaga", "Komite", "Komisioner", "Dewan", "Pengawas", "Pemilu", "Kamar", "Dagang", "Politik", "Hak",
    "Asasi", "Manusia", "Masyarakat", "Transportasi", "Rukun", "Tetangga", "Serikat", "Pekerja", "Himpunan",
    "Federasi", "Cabang", "Pimpinan", "Paguyuban", "Sektor", "Lapangan", "Program", "Pondok", "Pesantren",
    "Distrik", "Militer", "Komando", "Resor", "Armada", "Peleton", "Tenaga", "Kerja", "Nomor", "Presidium",
    "Majelis", "Hakim", "Ekonomi", "Kreatif", "Koordinasi", "Darat", "Udara", "Laut", "Intelijen",
    "Perlindungan", "Anak", "Independen", "Pemantau", "Pakar", "Peneliti", "Ahli", "Gabungan", "Pencari",
    "Fakta", "Rumpun", "Nasional", "Sub", "Direktorat", "Mitigasi", "Jalan", "Hotel", "Logistik", "Ritel",
    "Pedagang", "Pasar", "Peternak", "Petani", "Pengusaha", "Tokoh", "Muda", "Pertama", "Madya", "Utama",
    "Anumerta", "Inf", "Pol", "Rumah", "Sakit", "Darurat", "Wisma", "Atlet", "Terpadu", "Penjamin", "Simpanan",
    "Kuratif", "Peduli", "Hijau", "Medical", "Emergency", "Rescue", "Committee", "Association", "Covid", "Prof",
    "Dr", "Biro", "Humas",
} | _RANK_WORDS


def title_word(tok) -> bool:
    """A capitalised word of an office title ("Sosial" of "Menteri Sosial", "Mensos", "Kapolri",
    "BNPB" of "Kepala BNPB"): what may stand between a list's names."""
    text = tok.text
    return text[:1].isupper() and (text in _PORTFOLIO_WORDS or text.lower() in _TITLE_WORDS or _title_complement(tok)
                                   or _is_minister_short(text))


def _is_minister_short(text: str) -> bool:
    """"Mensos", "Menaker", "Menkeu": a minister's short title (not a verb: "Mengatakan")."""
    return text.startswith("Men") and 5 <= len(text) <= 12 and not text.startswith(("Meng", "Meny", "Menurut"))


def _title_complement(tok) -> bool:
    """A word of the title's body or rank (above), an acronym ("OJK", "FPI", "KPUD") or a ministry,
    by its name or short name ("Kementerian Perhubungan", "Kemenhub"), between a title and the
    holder's name."""
    text = tok.text
    return text in _TITLE_COMPLEMENT_WORDS or _is_acronym(text) or (text.startswith("Kemen") and len(text) > 6)


# Words of state bodies' names that are not common lowercase words ("Badan Pusat Statistik",
# "Direktorat Reserse Kriminal Umum"); a rank after a body starts its official's name
# ("Polda Metro Jaya Komisaris Besar Yusri Yunus")
_AGENCY_WORDS = {"statistik", "pengelola", "reserse", "kriminal", "karantina", "logistik", "divisi", "pemeriksa",
                 "federal", "pemadam", "bina", "hidro", "oseanografi", "hortikultura", "imigrasi", "narkotika"}


def _institution_word(tok, in_place: bool) -> bool:
    """Whether a capitalised token continues a state body's name ("Dinas Kesehatan Kota
    Surabaya") rather than start the name of its official ("... Febria Rachmanita"): a portfolio
    or region word, a place, an acronym, or a word mostly written in lowercase."""
    text = tok.text
    if not text[:1].isupper() or text in _RANK_WORDS:
        return False
    return (text in _PORTFOLIO_WORDS or text in _REGION_WORDS or in_place
            or (len(text) >= 2 and text.isupper())  # an acronym, hyphens allowed: "Fraksi PDI-P"
            or tok.lower_ in common_words() or bool(_COMMON_NOUN.match(tok.lower_)) or tok.lower_ in _AGENCY_WORDS
            or text.isdigit())


_MINISTRY_SHORT = re.compile(r"Kem(?:en|n)[a-z]{2,}[A-Za-z]*|Kominfo")  # Kemensos, Kemnaker, KemenPUPR


def _is_ministry_short(word: str) -> bool:
    """A ministry's short name ("Kemensos", "Kemnaker", "Kominfo"), not a common word such as
    "Kemenangan" (a victory) nor the word "Kementerian" itself."""
    return word not in _INSTITUTION_HEADS and _MINISTRY_SHORT.fullmatch(word) is not None \
        and word.lower() not in common_words()


def _is_acronym(text: str) -> bool:
    return len(text) >= 2 and text.isupper() and text.isalpha()


# tags on a mention's method for a name that does not act in its sentence: the country of a title
# ("Menteri Pertahanan *Turki*") or of a body ("militer *Turki*", "Universitas *Indonesia*"), the
# dateline's place, "Jakarta" at home; the event coder and the quote attributor pass over them
NOT_ACTING = ("+title", "+owner", "+dateline", "+place")


# the nouns that put a place name after them ("kota Kherson", "Provinsi Idlib"); the event coder
# reads them too (a place, not a participant, follows them)
PLACE_NOUNS = {"kota", "kabupaten", "provinsi", "desa", "kecamatan", "kelurahan", "pulau", "distrik", "wilayah",
               "kawasan"}


# the words before which a word is written as a place ("Kabupaten Muna", "warga Tangsel"); not
# di/ke/dari, which stand before people too ("keterangan dari Sandi")
_PLACE_CONTEXT = PLACE_NOUNS | {"pemkab", "pemkot", "pemprov", "warga", "kab"}


_BEFORE_A_PLACE = _PLACE_CONTEXT | {"di", "ke", "dari"}  # (where a person may stand too, but a place does)


# affixed common nouns ("Penanganan", "Kementerian", "Keamanan") are not parts of names
_COMMON_NOUN = re.compile(r"^(pe|pem|pen|peng|peny|per|ke|kem|ken)[a-z]{3,}an$")


_NOT_NAME_OF_ANY = {"direktur", "jenderal", "kementerian", "badan", "dinas", "komisi", "negara", "republik", "provinsi",
                    "kota", "kabupaten", "umum", "nasional", "daerah", "pusat", "tinggi", "agung", "istana", "gedung"}


_NOT_NAME = _NOT_NAME_OF_ANY | {w.lower() for w in _REGION_WORDS}  # a person's


# capitalised in the news, found by the NER as names, and never actors: diseases, holidays,
# policies ("Covid - 19", "Idul Fitri", "PSBB")
# laws, bills and budgets the NER types as organisations: documents, no actors ("menolak RUU Cipta
# Kerja" rejects a bill, "draf PKPU" is a regulation)
_DOCUMENT_HEADS = {"ruu", "uu", "pkpu", "perpres", "perppu", "inpres", "keppres", "permen", "permenkes", "perda",
                   "pergub", "perwali", "perbup", "rkup", "rapbn", "apbn", "apbd", "rapbd", "kuhp", "kuhap", "rkuhp",
                   "nphd", "undang-undang", "rancangan"}


_NOT_NER_NAMES = {"covid", "corona", "sars-cov-2", "hiv", "aids", "idul", "fitri", "adha", "lebaran", "ramadhan", "ramadan", "natal",
                  "imlek", "kamtibmas", "psbb", "ppkm", "pcr", "rt-pcr", "apbn", "apbd", "sikm"}


# Indonesian reporting verbs, shared with the quotes stage: the stems that follow a quotation
# ("…,” kata Lavrov", "tuturnya") and the verbs that introduce speech ("X mengatakan (bahwa)")
CUE_STEMS = ("kata", "ujar", "tutur", "tambah", "ucap", "jelas", "ungkap", "terang", "imbuh", "sebut", "tegas",
             "lanjut", "papar", "tandas", "pungkas", "sambung", "seru", "kilah", "aku", "timpal", "tukas", "tulis",
             "jawab", "tanya", "keluh", "seloroh")


CUE_VERBS = CUE_STEMS + tuple(stem + "nya" for stem in CUE_STEMS)


SPEECH_VERBS = ("mengatakan", "menambahkan", "menjelaskan", "menyatakan", "mengungkapkan", "menegaskan",
                "menyebutkan", "mengumumkan", "menuturkan", "memaparkan", "menerangkan", "mengklaim",
                "berkata", "bilang", "menekankan", "mengingatkan", "melaporkan", "menyampaikan", "mengakui",
                "membantah", "menuding", "menuduh", "memperingatkan", "mengutip", "menilai")


def stands_for_state(m: Mention) -> bool:
    """A place mention that acts for its state ("Rusia", "Ankara" abroad), not a place that only
    names a place ("Surabaya", "Jawa Barat")."""
    return m.type in ("LOC", "GPE") and bool(m.code) and m.code == m.country


def is_person(m: Mention) -> bool:
    """A person the pipeline can name: linked to the KB, resolved from a title, or unlisted but
    titled ("Menteri Sosial Juliari Batubara") or named by the way they speak."""
    return m.type == "PER" and bool(m.entity_id or m.code or m.method in ("role", "name"))


# the first word of an organisation's name the NER found, and the CAMEO sector it tells
# ("Lembaga" is left out: state agencies are named so too, "Lembaga Penjamin Simpanan")
_ORG_HEADS = {"PT": "BUS", "CV": "BUS", "Bank": "BUS", "Perum": "BUS", "Koperasi": "BUS",
              "Universitas": "EDU", "Institut": "EDU", "Politeknik": "EDU", "Sekolah": "EDU", "SMA": "EDU", "SMAN": "EDU",
              "SMK": "EDU", "SMP": "EDU", "SMPN": "EDU", "SD": "EDU", "SDN": "EDU", "Madrasah": "EDU", "Pesantren": "EDU",
              "RS": "HLH", "RSUD": "HLH", "RSUP": "HLH", "Rumah": "HLH", "Puskesmas": "HLH", "Klinik": "HLH",
              "Labkesda": "HLH", "BPBD": "GOV", "Asosiasi": "NGO", "Ikatan": "NGO", "Yayasan": "NGO",
              "Perhimpunan": "NGO", "Himpunan": "NGO", "Serikat": "LAB", "Federasi": "LAB",
              "Partai": "PTY", "Gereja": "REL", "Masjid": "REL"}


_INTERNATIONAL_WORDS = {"Dunia", "Internasional", "International", "Asia", "Eropa", "Amerika", "Global", "PBB"}


_BARE_GROUP_SECTORS = {"REB", "OPP", "CVL", "REF", "EDU", "LAB", "AGR", "REL", "BUS", "PTY", "CRM"}


_BARE_STATE_NOUNS = {"para menteri", "menteri-menteri", "para pejabat", "pemerintah", "pemerintahan", "polisi", "kepolisian", "istana", "kabinet", "aparat",
                     "petugas", "tim gabungan", "satgas", "satuan tugas"} | _LOCAL_OFFICIALS


_UNIQUE_OFFICES = {"president", "vice_president", "prime_minister", "foreign_minister", "defence_minister",
                   "finance_minister", "health_minister", "interior_minister", "state_secretary", "police_chief",
                   "military_commander", "attorney_general", "speaker", "chief_justice", "kpk_chair", "mpr_speaker",
                   "soe_minister", "supreme_leader", "crown_prince", "social_minister", "human_development_minister",
                   "transport_minister", "public_works_minister", "fisheries_minister", "manpower_minister",
                   "cooperatives_minister", "agriculture_minister", "religious_affairs_minister", "tourism_minister",
                   "industry_minister", "environment_minister", "planning_minister", "disaster_agency_chief", "kpu_chair"}


_INSTITUTION_HEADS = {"Kementerian": "GOV", "Kemenko": "GOV", "Badan": "GOV", "Dinas": "GOV", "Satgas": "GOV",
                      "Direktorat": "GOV", "Pemprov": "GOV", "Pemkot": "GOV", "Pemkab": "GOV", "Pemerintah": "GOV",
                      "Polda": "COP", "Polres": "COP", "Polresta": "COP", "Polsek": "COP", "Polrestabes": "COP",
                      "Kodam": "MIL", "Korem": "MIL", "Kodim": "MIL", "Kejaksaan": "JUD", "Kejati": "JUD",
                      "Kejari": "JUD", "Pengadilan": "JUD", "DPRD": "LEG", "Komisi": "LEG", "Fraksi": "LEG",
                      "Kelurahan": "GOV", "Kecamatan": "GOV", "Dinkes": "GOV"}


# the police's bodies and chiefs, for the ranks they share with the army ("Kepala Polda Sumbar
# Brigadir Jenderal …")
_POLICE_BODIES = {head.lower() for head, sector in _INSTITUTION_HEADS.items() if sector == "COP"} | {
    "polri", "kepolisian", "densus", "bareskrim", "brimob", "korlantas", "baharkam", "propam", "kapolda", "kapolres",
    "kapolri"}


# a village's or a district's office, or the village or district itself (after "di", in a list of places)
_PLACE_OR_OFFICE = {"Kelurahan", "Kecamatan"}


_DATELINE_END = re.compile(r"^[^\n]{0,90}?(?:\s[-–—]{1,2}\s|\)\s*[-–—:]\s|:\s)")


NEW_ENTITY_PREFIX = "pantau:new/"


def new_entity_id(type_: str, name: str) -> str:
    """A stable id for a name the KB does not know: the same name (case, accents and spacing
    aside) gets the same id in every article, "Retno Marsudi" → pantau:new/per/retno-marsudi."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    slug = re.sub(r"[^0-9a-z]+", "-", "".join(c for c in folded if not unicodedata.combining(c))).strip("-")
    return f"{NEW_ENTITY_PREFIX}{type_.lower()}/{slug or 'x'}"


# lowercase nouns the NER takes into a name whose owner the rest is ("kantor Bursa Efek Indonesia")
_OFFICE_OF = {"kantor", "markas"}


# what ends a firm's name ("PT Bank Central Asia Tbk", "PT Pertamina (Persero)")
_COMPANY_SUFFIXES = {"tbk", "persero"}


def _is_direction(tok) -> bool:
    """A capitalised direction that makes a regency or a district ("[Lombok] Utara", "[Jakarta] Pusat")."""
    return tok.text[:1].isupper() and tok.lower_ in DIRECTION_WORDS


# Police reports name suspects (and often victims and witnesses) by their initials: "AS (28)",
# "berinisial TN dan TM", "tersangka HS". Initials are no name: "AS" here and "AS" in another
# article are different people, so each article's initials get an entity of their own.
_INITIALS = re.compile(r"[A-Z]{1,4}")


_INITIALS_CUES = {"berinisial", "inisial", "inisialnya"}


# (not "buronan"/"tahanan", which an agency follows: "buronan FBI", "tahanan KPK")
_SUSPECT_NOUNS = {"tersangka", "pelaku", "terdakwa", "terpidana", "narapidana", "terduga"}


_TRADE_ACRONYMS = {"UMK", "UKM", "IKM", "UMKM"}  # "pelaku UMK": small business owners


_LIST_INTRO = {"yaitu", "yakni", "adalah", "masing-masing", ":", ","}


def initials_entity_id(initials: str, doc_id: str) -> str:
    """The entity of a person named by initials in one article: pantau:new/per/as@<article>."""
    return f"{NEW_ENTITY_PREFIX}per/{initials.lower()}@{doc_id}"


def _is_initials(text: str) -> bool:
    return bool(_INITIALS.fullmatch(text))
