"""Boilerplate removal and header metadata for scraped Indonesian news text.

Works line by line (one line = one paragraph). Each line is classified, in this order:
signature code -> junk (no letters/digits) -> header date -> copyright -> byline -> furniture
-> caption -> body. Body lines additionally lose inline "(Baca: ...)" fragments and a trailing
signature code ("... tersebut. (mm/raialyoum)"); the first body line is read for the
dateline/outlet ("Istanbul (ANTARA News) - ...") which stays in the text.

Conservative by design: a line that reads as a real sentence (>= 6 words, ends with . ! ? or a
closing quote) is body unless it starts with an unambiguous furniture prefix such as
"Baca juga:" (with a separator) or "Your email address will not be published".
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from pantau.clean.outlets import is_domain, known_outlet, normalise_outlet


@dataclass
class CleanResult:
    text: str  # cleaned body: paragraphs joined by "\n"
    removed: list[str] = field(default_factory=list)  # boilerplate removed, verbatim
    metadata_lines: list[str] = field(default_factory=list)  # header/byline/copyright lines removed
    title: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    published: str | None = None  # "2019-01-02T11:18", "2016-12-23" or "2018"
    published_source: str | None = None  # "header" | "copyright" | "given" | None
    byline: list[str] = field(default_factory=list)  # editor/reporter/source lines, verbatim


# --------------------------------------------------------------------------- whitespace

# Invisible characters dropped, exotic spaces made plain spaces (NBSP is common in scraped text).
_WS_MAP = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
                         "\u3000": " ", "\t": " ", "\u200b": None, "\u200c": None, "\u200d": None,
                         "\ufeff": None, "\u00ad": None})
_SPACES = re.compile(r" {2,}")


def _lines(text: str) -> list[str]:
    """Normalised lines: runs of spaces collapsed (NBSP runs otherwise leave double spaces inside
    sentences, which break matching downstream), each line stripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_WS_MAP)
    return [_SPACES.sub(" ", ln).strip() for ln in text.split("\n")]


# --------------------------------------------------------------------------- shared predicates

_SENTENCE_END = re.compile(r"(?:[.!?\u2026]|[\"\u201d])[\"\u201d\u2019')\]]*$")
_HAS_WORD = re.compile(r"[^\W_]")


def _n_words(line: str) -> int:
    return len(line.split())


def is_sentence(line: str) -> bool:
    """A real sentence: ends with . ! ? or a closing quote, and has at least 6 words."""
    return _n_words(line) >= 6 and bool(_SENTENCE_END.search(line))


# --------------------------------------------------------------------------- dates in headers

_MONTHS = {
    1: "januari jan january", 2: "februari pebruari feb february", 3: "maret mar march",
    4: "april apr", 5: "mei may", 6: "juni jun june", 7: "juli jul july",
    8: "agustus agu agt ags aug august", 9: "september sep sept", 10: "oktober okt oct october",
    11: "november nopember nov", 12: "desember des dec december",
}
_MONTH_NUM = {name: num for num, names in _MONTHS.items() for name in names.split()}
_MON = "|".join(sorted(_MONTH_NUM, key=len, reverse=True))
_WEEKDAY = ("senin|selasa|rabu|kamis|jumat|jum'at|jum\u2019at|sabtu|minggu|ahad|monday|tuesday|"
            "wednesday|thursday|friday|saturday|sunday|sen|sel|rab|kam|jum|sab|min|mon|tue|wed|"
            "thu|fri|sat|sun")
_DATE_CORE = (rf"(?:\d{{1,2}}\s+(?:{_MON})\.?,?\s+\d{{4}}|(?:{_MON})\.?\s+\d{{1,2}},?\s+\d{{4}}"
              r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2})")
_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
_TZ = r"(?:\s*(?:WIB|WITA|WIT|GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?)?"
_UPDATED = r"diperbarui|diupdate|update|updated|pembaruan|last updated|terakhir diperbarui"
_PUBLISHED = (r"diterbitkan|dipublikasikan|dipublikasi|terbit|dirilis|diposting|diposkan|dimuat|"
              r"tayang|published|posted")
_HEADER_DATE = re.compile(
    r"^(?:[A-Za-z][\w.]*\.(?:com|co\.id|co|id)\s*[-\u2013\u2014|,]\s*)?"  # "Kompas.com - "
    rf"(?:(?P<prefix>{_UPDATED}|{_PUBLISHED})(?:\s+(?:pada|on|tanggal|at))?\s*:?\s*)?"
    rf"(?:(?:{_WEEKDAY})\s*,?\s*)?"
    rf"(?P<date>{_DATE_CORE})"
    rf"(?:\s*(?:,|\||-|\u2013|\u2014|/|pukul|jam|at)?\s*(?P<time>{_TIME}){_TZ})?\s*$",
    re.I)
_UPDATED_RE = re.compile(rf"^(?:{_UPDATED})$", re.I)


def _parse_date(s: str) -> _dt.date | None:
    s = s.strip().lower().replace(",", " ")
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s):
            return _dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", s):
            d, mo = int(m[1]), int(m[2])
            if mo > 12 >= d:  # 12/25/2019: month first
                d, mo = mo, d
            return _dt.date(int(m[3]), mo, d)
        parts = s.replace(".", " ").split()
        if len(parts) == 3:
            if parts[0].isdigit():  # 02 Januari 2019
                d, mon, y = parts
            else:  # January 2 2019
                mon, d, y = parts
            return _dt.date(int(y), _MONTH_NUM[mon], int(d))
    except (ValueError, KeyError):
        return None
    return None


def _header_date(line: str) -> tuple[bool, str | None]:
    """(is a header date line, ISO value to use as publication date or None)."""
    m = _HEADER_DATE.match(line)
    if not m:
        return False, None
    if m["prefix"] and _UPDATED_RE.match(m["prefix"]):
        return True, None  # an update time is metadata, not the publication date
    d = _parse_date(m["date"])
    if d is None:
        return True, None
    if m["time"]:
        hh, mm = re.split(r"[:.]", m["time"])[:2]
        if int(hh) < 24 and int(mm) < 60:
            return True, f"{d.isoformat()}T{int(hh):02d}:{mm}"
    return True, d.isoformat()


# --------------------------------------------------------------------------- line classes

_COPYRIGHT = re.compile(r"^(?:copyright\b|\u00a9|\(c\)\s*\d{4}|hak cipta\b)", re.I)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_COPYRIGHT_WORDS = re.compile(
    r"copyright|hak cipta|\u00a9|\(c\)|all rights reserved|dilindungi undang-undang|"
    r"\b(?:19|20)\d\d\b|[-\u2013\u2014.,|]", re.I)

_BYLINE = re.compile(
    r"^(?:editor(?: bahasa)?|redaktur(?: pelaksana)?|pewarta|reporter|wartawan|penulis|sumber|"
    r"foto|fotografer|penerjemah|alih bahasa|kontributor|penyunting|videografer|oleh|writer|"
    r"author|source|laporan(?: wartawan| reporter)?)\s*:\s*\S", re.I)
_BYLINE_NOCOLON = re.compile(r"^laporan (?:wartawan|reporter|koresponden)\s+\S", re.I)

# "(mm/raialyoum)", "(S)", "(ant)", "(*)", "(AFP)", "(dtc/ara)": no spaces, not only digits.
_SIG = r"\((?=[^)]*[A-Za-z*])(?:[A-Za-z0-9*]{1,15}(?:/[A-Za-z0-9.*-]{1,25}){0,3})\)"
_SIG_LINE = re.compile(rf"^{_SIG}$")
_SIG_TRAILING = re.compile(rf"(?<=[.!?\"\u201d\u2019)])\s+({_SIG})$")

_READ_MORE = r"(?:baca|simak|lihat|tonton)\s+(?:juga|pula|selengkapnya|video)"
_READ_MORE_SEP = re.compile(rf"^{_READ_MORE}\s*(?:[:\uff1a\u00bb>|]|--|[-\u2013\u2014](?:\s|$))", re.I)
_READ_MORE_BARE = re.compile(rf"^{_READ_MORE}\b\s*(?P<rest>.*)$", re.I)
_READ_MORE_INLINE = re.compile(
    r"\s*[(\[]\s*(?:baca|simak|lihat|tonton)(?:\s+(?:juga|pula))?\s*[:\uff1a][^()\[\]]*[)\]]", re.I)

_FURNITURE_EXACT = [
    "tag", "tags", "topik", "berita terkait", "artikel terkait", "berita lainnya", "berita lain",
    "diskusi", "share this", "share", "bagikan", "bagikan artikel", "bagikan artikel ini",
    "leave a reply", "leave a comment", "tinggalkan balasan", "tinggalkan komentar", "komentar",
    "tulis komentar", "positive ssl", "advertisement", "iklan", "scroll to continue",
    "scroll to continue with content", "scroll untuk melanjutkan", "lanjutkan membaca",
    "terpopuler", "terkini", "trending", "rekomendasi", "populer", "ikuti kami", "loading",
    "related", "related posts", "you may also like", "navigasi pos", "post navigation",
    "previous post", "next post", "sebelumnya", "selanjutnya", "print", "cetak", "copy link",
    "salin tautan", "facebook", "twitter", "whatsapp", "telegram", "line", "email",
]
_FURNITURE_LINE = re.compile(
    r"^(?:" + "|".join(re.escape(w) for w in _FURNITURE_EXACT) + r")\s*[:\uff1a\u00bb>.\u2026]*$", re.I)
# Prefixes that are furniture however sentence-like the rest is.
_FURNITURE_PREFIX = re.compile(
    r"^(?:(?:tags?|topik|kata kunci|keywords?)\s*:"
    r"|your email address will not be published|alamat email anda tidak akan dipublikasikan"
    r"|required fields are marked|dapatkan (?:update|informasi|berita|notifikasi)"
    r"|ikuti (?:kami|berita|update|instagram|akun|channel|saluran)|follow (?:us|kami)"
    r"|advertisement\b|scroll to continue|download aplikasi|unduh aplikasi"
    r"|gabung (?:ke )?(?:grup|channel|kanal|saluran)|cek berita dan artikel"
    r"|(?:artikel|berita) ini telah (?:tayang|terbit|dimuat))", re.I)

_PHOTO_LABEL = re.compile(r"^foto\s*:", re.I)
_CAPTION_PREFIX = re.compile(r"^(?:foto|keterangan foto|caption|gambar|ilustrasi)\s*:", re.I)
_ILUSTRASI = re.compile(r"^ilustrasi\b", re.I)
_POSITION = re.compile(
    r"\((?:ki-ka|ka-ki|ki ?- ?ka|kiri|kanan|tengah|dari kiri(?: ke kanan)?|dari kanan(?: ke kiri)?)\)", re.I)
_PHOTO_CREDIT = re.compile(r"\bANTARA FOTO/|\((?:ANTARA FOTO|FOTO|Foto|REUTERS|AFP|AP|EPA)\s*/[^)]*\)\s*$")

_ANTARA_FOTO = re.compile(r"\bANTARA FOTO/")


def _photo_credit(line: str) -> bool:
    """`_PHOTO_CREDIT.search(line)`, in linear time: a credit in brackets closes the line, so its
    "(" comes after the line's last-but-one ")" and only that tail is searched (searched whole, a
    line of "(FOTO/(FOTO/..." was scanned to its end from every "(")."""
    if "ANTARA FOTO/" in line and _ANTARA_FOTO.search(line):
        return True
    end = line.rstrip()
    before = end.rfind(")", 0, len(end) - 1)
    return end.endswith(")") and _PHOTO_CREDIT.search(line, before + 1) is not None


def _is_furniture(line: str) -> bool:
    if _FURNITURE_LINE.match(line) or _FURNITURE_PREFIX.match(line) or _READ_MORE_SEP.match(line):
        return True
    m = _READ_MORE_BARE.match(line)
    if m:
        # "Baca Juga" alone or followed by a headline is furniture. Rule for prose: when the word
        # after it is lowercase and the line is a real sentence ("Baca juga buku-buku ... ."), it
        # is body text.
        rest = m["rest"]
        return not (rest[:1].islower() and is_sentence(line))
    return False


def _is_caption(line: str) -> bool:
    if _CAPTION_PREFIX.match(line) or _photo_credit(line):
        return _n_words(line) <= 60
    if _ILUSTRASI.match(line) or _POSITION.search(line):
        return not is_sentence(line) and _n_words(line) <= 40
    return False


def _is_copyright(line: str) -> bool:
    if not _COPYRIGHT.match(line):
        return False
    # "Hak cipta atas karya itu ... ." is a sentence; "Copyright ..." / "©" never is.
    return not (line[:1] in "Hh" and is_sentence(line) and "\u00a9" not in line)


# --------------------------------------------------------------------------- dateline / outlet

_CAP_WORDS = r"[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3}"
_DASH = r"(?:--|[-\u2013\u2014])"
_LEAD_PAREN = re.compile(rf"^(?P<city>{_CAP_WORDS})\s*\((?P<outlet>[^()]{{2,40}})\)\s*(?:{_DASH}|:)\s*")
_LEAD_COMMA = re.compile(
    rf"^(?P<a>[A-Za-z0-9][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){{0,3}})\s*,\s*"
    rf"(?P<b>[A-Za-z0-9][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){{0,3}})\s*{_DASH}\s+")
_LEAD_DOMAIN = re.compile(rf"^(?P<outlet>[A-Za-z0-9][\w-]*(?:\.[A-Za-z]{{2,}})+)\s*(?:{_DASH}|:|\|)\s+")
# the weakest form ("Jakarta - Presiden ..."): the lead must go on with a capital or a quote
_LEAD_NAME = re.compile(rf"^(?P<name>{_CAP_WORDS})\s+{_DASH}\s+(?=[A-Z\"\u201c])")
# "putin2" in "putin2Moskow": 3+ chars or with a digit, so "eBay" / "iPhone" are left alone
# (`_glued_slug`). One run, its kind checked after: "[a-z0-9][a-z0-9_-]*\d[a-z0-9_-]*(?=[A-Z])"
# tried every split of a long digit run around its \d (49 s for a 40,000-digit line).
_GLUED_SLUG = re.compile(r"^(?P<slug>[a-z0-9][a-z0-9_-]*)(?=[A-Z])")


def _glued_slug(line: str) -> re.Match[str] | None:
    m = _GLUED_SLUG.match(line)
    if m is None:
        return None
    slug = m["slug"]
    has_digit = any("0" <= c <= "9" for c in slug)
    return m if has_digit or ("a" <= slug[0] <= "z" and len(slug) >= 3) else None
_NOT_CITY = re.compile(rf"^(?:{_WEEKDAY}|{_MON})$", re.I)


def _city(name: str) -> str:
    """All-caps datelines are title-cased ("KHMEIMIM" -> "Khmeimim", "BANDA ACEH" -> "Banda Aceh")."""
    if name.isupper():
        return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())
    return name


def _outletish(name: str) -> bool:
    return bool(known_outlet(name)) or is_domain(name)


def _parse_lead(line: str) -> tuple[str | None, str | None] | None:
    """(dateline, outlet) from the lead's prefix, or None when the line has no such prefix."""
    if m := _LEAD_PAREN.match(line):
        city, outlet = m["city"], m["outlet"].strip()
        if _outletish(outlet) or city.isupper():
            return _city(city), normalise_outlet(outlet)
    if m := _LEAD_COMMA.match(line):
        a, b = m["a"], m["b"]
        if _outletish(a) and not _outletish(b):  # "TEMPO.CO, Jakarta -", "REPUBLIKA.CO.ID, JAKARTA --"
            return _city(b), normalise_outlet(a)
        if a[:1].isupper() and not is_domain(a) and not _NOT_CITY.match(b) and (
                _outletish(b) or b[:1].isupper()):
            return _city(a), normalise_outlet(b)  # "Damaskus, Purna Warta -", "JAKARTA, KOMPAS -"
    if m := _LEAD_DOMAIN.match(line):
        return None, normalise_outlet(m["outlet"])  # "RAKYATKU.COM - "
    if m := _LEAD_NAME.match(line):
        name = m["name"]
        if known_outlet(name):
            return None, normalise_outlet(name)  # "VIVA - "
        if not _NOT_CITY.match(name):
            return _city(name), None  # "Jakarta - " (detik style)
    return None


def _lead(line: str) -> tuple[str, str | None, str | None, str | None] | None:
    """(line without glued junk, slug removed or None, dateline, outlet) for a lead line."""
    if (parsed := _parse_lead(line)) is not None:
        return line, None, *parsed
    # "putin2Moskow, LiputanIslam.com - ...": a lowercase slug glued to the dateline word.
    if m := _glued_slug(line):
        rest = line[m.end():]
        if (parsed := _parse_lead(rest)) is not None and parsed[0]:
            return rest, m["slug"], *parsed
    return None


# --------------------------------------------------------------------------- title

def _same_title(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return " ".join(s.split()).strip(" .:").casefold()
    return key(a) == key(b)


def _looks_like_title(line: str) -> bool:
    return _n_words(line) <= 20 and not re.search(r"[.,;:]['\"\u201d\u2019]*$", line)


# --------------------------------------------------------------------------- main

def _kind(line: str) -> str:
    """Classify a non-empty normalised line."""
    if _SIG_LINE.match(line):  # before "junk": "(*)" is a signature
        return "signature"
    if not _HAS_WORD.search(line):
        return "junk"
    if _n_words(line) <= 14 and _header_date(line)[0]:  # a header date line is short
        return "date"
    if _is_copyright(line):
        return "copyright"
    if (_BYLINE.match(line) or _BYLINE_NOCOLON.match(line)) and _n_words(line) <= 15:
        # a long "Foto: ..." is a caption, a short one a photo credit
        if not (_PHOTO_LABEL.match(line) and _n_words(line) > 6):
            return "byline"
    if _is_furniture(line):
        return "furniture"
    if _is_caption(line):
        return "caption"
    return "body"


def clean(text: str, *, title: str | None = None, published: str | None = None) -> CleanResult:
    """Strip page furniture from an article and read its header metadata. See module doc."""
    res = CleanResult(text="", title=title)
    # (line, preceded by a blank line) for every non-empty line
    paras: list[tuple[str, bool]] = []
    blank = False
    for ln in _lines(text or ""):
        if ln:
            paras.append((ln, blank))
            blank = False
        else:
            blank = True
    kinds = _dates_in_lists([_kind(ln) for ln, _ in paras], [ln for ln, _ in paras])

    body: list[str] = []
    header_published: str | None = None
    copyright_year: str | None = None
    copyright_outlet: str | None = None
    title_checked = False

    for i, ((line, _), kind) in enumerate(zip(paras, kinds)):
        if kind in ("junk", "furniture", "caption"):
            res.removed.append(line)
            continue
        if kind == "date":
            res.metadata_lines.append(line)
            value = _header_date(line)[1]
            header_published = header_published or value
            continue
        if kind == "copyright":
            res.metadata_lines.append(line)
            if years := _YEAR.findall(line):
                copyright_year = copyright_year or years[-1]
            copyright_outlet = copyright_outlet or known_outlet(_COPYRIGHT_WORDS.sub(" ", line).strip())
            continue
        if kind in ("byline", "signature"):
            res.metadata_lines.append(line)
            res.byline.append(line)
            continue

        # body line
        if not body and not title_checked:
            title_checked = True
            if title is not None:
                if _same_title(line, title):
                    continue  # the given title repeated as the first line
            elif _looks_like_title(line) and _lead(line) is None and _title_followed(paras, kinds, i):
                res.title = line
                continue
        if not body and (lead := _lead(line)) is not None:
            line, slug, res.dateline, res.outlet = lead
            if slug:
                res.removed.append(slug)
        for m in _READ_MORE_INLINE.finditer(line):  # "(Baca: ...)" inside a paragraph
            res.removed.append(m.group().strip())
        line = _READ_MORE_INLINE.sub("", line).strip()
        if m := _SIG_TRAILING.search(line):
            res.metadata_lines.append(m[1])
            res.byline.append(m[1])
            line = line[:m.start()].rstrip()
        if line:
            body.append(line)

    res.text = "\n".join(body)
    res.outlet = res.outlet or copyright_outlet
    if published:
        res.published, res.published_source = published, "given"
    elif header_published:
        res.published, res.published_source = header_published, "header"
    elif copyright_year:
        res.published, res.published_source = copyright_year, "copyright"
    return res


def _dates_in_lists(kinds: list[str], lines: list[str]) -> list[str]:
    """``kinds`` with the bare date lines inside running text made body.

    A line that is only a date ("26 Juni 1988") is a header when it stands above the body, but
    an item of a list when running text (a sentence, or a line that ends with ":") comes before
    it and body comes after it, as in a chronology. Such a line is content, and never the
    publication date. Date lines with a publication prefix ("Diterbitkan ...") or a clock time
    stay metadata wherever they are.
    """
    out = list(kinds)
    seen_text = False
    for i, (kind, line) in enumerate(zip(kinds, lines)):
        if kind == "body" and (is_sentence(line) or line.endswith(":")):
            seen_text = True
        elif kind == "date" and seen_text and _bare_date(line) and "body" in kinds[i + 1:]:
            out[i] = "body"
    return out


def _bare_date(line: str) -> bool:
    m = _HEADER_DATE.match(line)
    return m is not None and not m["prefix"] and not m["time"]


def _title_followed(paras: list[tuple[str, bool]], kinds: list[str], i: int) -> bool:
    """A title is followed by a blank line, a header/byline line, or the dateline lead."""
    for j in range(i + 1, len(paras)):
        line, blank_before = paras[j]
        if blank_before:
            return True
        if kinds[j] in ("junk", "furniture", "caption"):
            continue
        if kinds[j] in ("date", "byline", "copyright"):
            return True
        return _lead(line) is not None
    return False  # nothing after it: a one-line text is body, not a title
