"""The word lists the rules read, by what they are for. Each list is the rules' knowledge of one
point of Indonesian grammar or usage, with an example of the case it decides; the modules that use
them say how.
"""

from __future__ import annotations

import re

from pantau.entities import PERSON_PRONOUNS, PLACE_NOUNS


# -- the clause: what stands between a subject and its verb, what ends a phrase ---------------------------------
ADVERBS = {"telah", "sudah", "akan", "juga", "tidak", "tak", "belum", "terus", "masih", "hanya", "segera",
           "kembali", "lagi", "sedang", "tengah", "baru", "pernah", "langsung", "bersama", "secara", "resmi",
           "lebih", "lanjut", "mulai", "untuk", "ingin", "bisa", "dapat", "harus", "siap", "berusaha", "mencoba",
           "terutama", "sempat", "diduga", "dilaporkan", "bahkan", "kemudian", "lalu", "pun"}
CLAUSE_ADVERBS = ADVERBS - {"untuk", "bersama", "secara", "resmi"}  # (those open a phrase, not a verb)
BOUNDARY = {"bahwa", "untuk", "agar", "supaya", "guna", "yang", "setelah", "sebelum", "ketika", "saat",
            "sementara", "karena", "sehingga", "tetapi", "namun", "tapi", "meskipun", "walaupun", "jika",
            "kalau", "sejak", "hingga", "sampai", ";", ":", "“", "”", "sebagai", "dalam", "selama", "menjelang"}
PURPOSE = {"untuk", "agar", "supaya", "guna"}
CLAUSE_BREAKS = {".", ";", "”", "dan", "serta", "tetapi", "namun", ","}
# words that open a new predicate: the object phrase has ended ("konsekuensi ... adalah", and
# "akan parah" but not "akan ditandatangani": see `participants.right_group`)
PREDICATE_START = {"adalah", "merupakan", "ialah", "yakni"}
VERB_FORM = re.compile(r"^(di|me|mem|men|meng|meny|ber|ter)[a-z]{3,}$")
# words of a verb's shape that are not verbs: prepositions, quantifiers, superlatives
NOT_VERBS = {"terhadap", "bersama", "berdasarkan", "mengenai", "menurut", "terkait", "termasuk", "menuju", "melalui",
             "melawan", "menjelang", "memakai", "menggunakan", "berupa", "tertentu", "terakhir", "terbaru", "tersebut",
             "terutama", "berbagai", "beberapa", "bermacam", "berikut", "terbesar", "tertinggi", "terbanyak", "dimana",
             "terlebih", "bersangkutan", "bertanggung", "berwenang", "berwajib", "berkaitan", "meliputi"}
# words that may stand between a clause's start and its verb when the subject is left out
NO_SUBJECT = {",", "dan", "serta", "lalu", "kemudian", "bahwa", "untuk", "itu", "maka", "pun", "karena", "sebab",
              "sehingga", "agar", "supaya", "jika", "kalau", "namun", "tetapi", "yang", "“", "”", '"', "(", ":"}
NOT_A_SUBJECT = {
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
NUMBER_WORDS = {"ribu", "juta", "miliar", "ratus", "puluh", "belas"}
# words in -nya that are adverbs or pronouns, not a possessed noun
NYA_ADVERBS = {"sebelumnya", "selanjutnya", "akhirnya", "sayangnya", "rupanya", "biasanya", "tampaknya", "kabarnya",
               "rencananya", "setelahnya", "sesudahnya", "lainnya", "kemudiannya", "seharusnya", "sebenarnya",
               "semestinya", "sepertinya", "nampaknya", "agaknya", "katanya", "pihaknya", "dirinya"}


# -- triggers that are no act of their own, or a word in another sense ------------------------------------------
# CAMEO roots whose verbs take another act as their content: agree (03), appeal (02), demand (10),
# reject (12), threaten (13)
COMPLEMENT_TAKING = {"03", "02", "10", "12", "13"}
# verbs that order another act: the act ordered is the event ("memerintahkan pasukannya untuk
# mulai menarik diri"), and its actor is the directive verb's subject
DIRECTIVE_VERBS = {"memerintahkan", "menginstruksikan", "memutuskan", "menyuruh", "mengomando"}
INTENTION_NOUNS = {"rencana", "upaya", "usaha", "keinginan", "niat", "kemauan", "tekad", "ambisi", "tujuan",
                   "rencananya", "upayanya", "keinginannya", "kesiapan", "usulan", "gagasan", "mencegah", "menghindari"}
# nouns that make the event word after them a way, a call or a right, not an act that took place
MANNER_NOUNS = {"cara", "ajakan", "seruan", "izin", "hak", "kemampuan", "kesempatan"}
# nouns an event noun after them only describes ("pusat konsultasi", "tim investigasi")
NOUN_HEADS = {"layanan", "pusat", "program", "ruang", "forum", "sesi", "jadwal", "biaya", "tempat", "fasilitas",
              "lembaga", "tim", "komite", "panitia", "materi", "platform", "aplikasi", "sistem", "posko", "kantor"}
# settings, not events: "di sela-sela KTT ASEAN"
SETTING_WORDS = {"sela-sela", "sela", "sela-selanya", "sela-sela", "sejak"}
NEEDS = {"keperluan", "kepentingan", "kebutuhan", "urusan", "hal", "keadaan", "kondisi", "situasi", "alasan",
         "persoalan", "masalah", "tugas", "pekerjaan", "sangat", "makin", "semakin", "kian", "lebih", "paling"}
OBSTACLES = {"kendala", "kasus", "hambatan", "kesulitan", "masalah", "persoalan", "jalan", "titik", "kegagalan",
             "kesalahan", "kejanggalan", "temuan"}
# "permintaan" is also the market's demand: of what, how it moves
DEMAND_OF = {"pasar", "ekspor", "impor", "domestik", "global", "konsumen", "barang", "produk", "kredit", "tenaga",
             "minyak", "listrik", "energi", "komoditas", "dalam", "luar", "agregat", "rumah", "properti"}
DEMAND_BEFORE = {"tingkat", "jumlah", "turunnya", "naiknya", "meningkatnya", "menurunnya", "lonjakan", "penurunan",
                 "peningkatan", "kenaikan", "tingginya", "rendahnya", "sisi", "melonjaknya", "lemahnya"}
DEMAND_MOVES = {"naik", "turun", "meningkat", "menurun", "melonjak", "anjlok", "mencapai", "bertambah", "berkurang",
                "tumbuh", "melemah", "menguat", "tinggi", "rendah", "persen"}


# -- participants: prepositions, titles, pronouns, groups -------------------------------------------------------
RECIPIENT_PREPS = {"dengan", "terhadap", "kepada", "bagi", "atas", "melawan", "antara", "pada"}
LOCATIVE = {"di", "ke", "dekat", "menuju", "sekitar"} | PLACE_NOUNS
INSTRUMENT_PREPS = {"lewat", "melalui", "via", "memakai", "menggunakan"}
# what such a channel is called before its name ("melalui situs Kitabisa")
CHANNEL_NOUNS = {"situs", "laman", "aplikasi", "akun", "platform", "kanal", "rekening", "layanan", "media"}
# prepositions whose object is never the subject of the clause that follows ("Dari para pelaku,
# aparat menyita ...", "Kepada wartawan, Budi mengatakan ...")
NON_SUBJECT_PREPS = {"dari", "kepada", "terhadap", "oleh", "untuk", "bagi"}
# a mention after these, between an event noun and its passive verb, is not the noun's own
# participant ("Rapat ... yang digelar tertutup bagi media massa itu diikuti ...")
ASIDE_PREPS = RECIPIENT_PREPS | {"untuk", "di", "ke", "dari"}
TITLE_GAP_WORDS = {"presiden", "menteri", "wakil", "kepala", "staf", "umum", "pertahanan", "luar", "negeri",
                   "intelijen", "pembantu", "penasihat", "utusan", "juru", "bicara", "perdana", "ketua", "panglima",
                   "jenderal", "duta", "besar", "dubes", "sekretaris", "direktur", "komandan", "pejabat", "para",
                   "pemimpin", "timpalan", "rekan", "rekan-rekan", "mitra", "sang", "raja", "pangeran", "gubernur"}
# before a name set off in a clause, the words that make it the source of what is said, not a party
SOURCE_MARKERS = {"menurut", "diyakini", "dinilai", "dikatakan", "diungkapkan", "dijelaskan", "diakui"}
TOPIC_NOUNS = {"operasi", "krisis", "konflik", "perang", "isu", "masalah", "kasus", "soal", "perbatasan", "wilayah",
               "kawasan", "pasar", "ekonomi", "perekonomian", "pemilu", "perairan", "laut", "utara", "selatan",
               "timur", "barat", "situasi", "kondisi", "stabilitas", "keamanan", "perdamaian", "rekonstruksi"}
SPEAKER_SIDE = {"kami", "kita", "pihaknya", "mereka", "saya", "aku"}
PRONOUNS = SPEAKER_SIDE | PERSON_PRONOUNS
# groups of people that "mereka" can stand for (not institutions: "pemerintah", "polisi" as a body)
PLURAL_SECTORS = {"REB", "OPP", "CVL", "REF", "EDU", "LAB", "AGR", "REL", "CRM", "MIL", "HLH", "BUS"}
GROUP_SECTORS = {"REB", "OPP", "CVL", "REF", "MIL", "GOV", "COP", "JUD", "LEG", "MED", "BUS", "EDU", "LAB", "AGR", "REL", "PTY", "CRM",
                 "HLH"}
CULPRIT_NOUNS = {"tersangka", "pelaku", "terdakwa", "terpidana", "dalang", "otak", "buron", "buronan", "kasus"}
LIST_WINDOW = 60  # tokens: a meeting's attendees, with their titles, run long


# -- event nouns: the verbs that carry them, and whose participants they take -----------------------------------
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
SUPPORTING = SUPPORT_VERBS | SUPPORT_PASSIVES
# verbs that say an event noun took place ("bentrokan terjadi antara pengunjuk rasa dan polisi",
# "rapat digelar antara …")
HAPPEN_VERBS = {"terjadi", "berlangsung", "pecah"} | SUPPORT_PASSIVES
# the passive verbs whose agent, after an event noun, led, attended or carried it out: the
# support verbs' passives ("bantuan yang disalurkan Kemensos") and those of leading and attending
LED_BY_VERBS = SUPPORT_PASSIVES | {"dipimpin", "diikuti", "dihadiri", "diprakarsai", "dikoordinasikan"}
CONTEXT_PREPS = {"setelah", "usai", "seusai", "sebelum", "dalam", "selama", "menjelang", "saat", "ketika", "pada"}
# a policy whose content a following verb states ("kebijakan melarang mudik": the policy bans)
POLICY_NOUNS = {"kebijakan", "aturan", "peraturan", "regulasi", "keputusan", "instruksi", "imbauan", "perintah",
                "edaran", "putusan", "larangan"}
# what stands before a policy its clause's subject only reacts to, is told of or speaks about
BEFORE_OTHERS_POLICY = NOUN_REACTING_VERBS | NOUN_RECEIVING_VERBS | {"tentang", "soal", "terkait", "mengenai",
                                                                     "atas", "terhadap"}
# event nouns whose genitive is the one the act is done to, not its doer: release, investigation,
# seizure, arrest and detention, abduction, killing, massacre, occupation ("penangkapan RAM")
PATIENT_GENITIVE_CODES = {"0841", "090", "171", "173", "181", "186", "200", "192"}


# -- event types: which need a recipient, an actor, or read a place ---------------------------------------------
# "dari" marks a place for movements ("menarik tentara dari Suriah") but a party elsewhere
# ("perjanjian ... dari Rusia dan Iran", "permintaan dari rezim").
PLACE_TARGET_TYPES = {"ASSAULT", "COERCE"}
MOVEMENT_TYPES = {"RETREAT", "MOBILIZE", "ASSAULT", "COERCE"}
# Dyadic types need a recipient to be worth coding; the others describe one actor's act.
# An arrest or a charge of unnamed people ("menetapkan enam orang sebagai tersangka") is still an
# event (COERCE); criticism or support of nobody is not.
MONADIC_OK = {"RETREAT", "MOBILIZE", "REQUEST", "AGREE", "CONSULT", "PROTEST", "CONCEDE", "COERCE"}
# A passive with no agent still records what befell its subject: "Para pelaku ditangkap" is an
# arrest, "Kharkiv diserang" an attack, "Masyarakat diminta mematuhi protokol" an appeal, whoever
# did it (GDELT leaves such an Actor1 blank too). Appeals since 2026-12-06: 46 more bench events,
# of 12 read 11 named the right addressee.
AGENTLESS_OK = {"COERCE", "ASSAULT", "REQUEST"}


# -- modality, time, place and source ---------------------------------------------------------------------------
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
NEXT_PERIOD = re.compile(r"\b(pekan|minggu|bulan|tahun|hari) depan\b")
# words that set an act's time apart from the sentence before ("Sebelumnya, Mahrus juga …")
OWN_TIME_WORDS = {"sebelumnya", "kini", "sekarang"}
SITE_WORDS = LOCATIVE | {"depan", "belakang", "samping", "dari", "mendatangi", "mengunjungi", "menyambangi"}
SOURCE_RE = re.compile(r"\b(?:lansir|dilansir|dikutip dari|mengutip|menurut|demikian)\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3}"
                       r"(?:\s+melaporkan)?")
