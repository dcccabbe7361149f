"""Names of Indonesian news outlets as they appear in datelines, domains and copyright lines.

`normalise_outlet("RAKYATKU.COM")` -> "Rakyatku"; `"ANTARA News"` -> "ANTARA". The key is the
name folded (lowercase, TLD and non-alphanumerics dropped), the value the outlet's usual casing.
"""

from __future__ import annotations

import re

# usual name -> extra spellings (each folded by _key); the usual name itself is always a key
_OUTLETS: dict[str, tuple[str, ...]] = {
    "ANTARA": ("antaranews", "antara news", "lkbn antara", "perum lkbn antara"),
    "Kompas": ("kompas.com", "kompas.id", "harian kompas", "kompas tv", "kompastv"),
    "Tempo": ("tempo.co", "koran tempo", "tempo interaktif"),
    "Detik": ("detik.com", "detikcom", "detiknews", "detik news", "detikfinance"),
    "Rakyatku": ("rakyatku.com",),
    "LiputanIslam": ("liputanislam.com", "liputan islam"),
    "Salam-Online": ("salam-online.com", "salam online", "salamonline"),
    "Purna Warta": ("purnawarta", "purnawarta.com"),
    "Republika": ("republika.co.id", "republika online", "rol"),
    "CNN Indonesia": ("cnnindonesia.com", "cnnindonesia"),
    "Okezone": ("okezone.com", "okezone news"),
    "Liputan6": ("liputan6.com", "liputan 6"),
    "Tribunnews": ("tribunnews.com", "tribun news", "tribun"),
    "Sindonews": ("sindonews.com", "sindo news", "koran sindo", "sindo"),
    "Merdeka": ("merdeka.com",),
    "Suara": ("suara.com",),
    "Kumparan": ("kumparan.com", "kumparannews"),
    "IDN Times": ("idntimes.com", "idntimes"),
    "Viva": ("viva.co.id", "vivanews", "viva news"),
    "JPNN": ("jpnn.com",),
    "Jawa Pos": ("jawapos.com", "jawapos"),
    "Media Indonesia": ("mediaindonesia.com", "mediaindonesia"),
    "BBC Indonesia": ("bbc news indonesia", "bbc.com/indonesia", "bbcindonesia"),
    "VOA Indonesia": ("voaindonesia.com", "voa indonesia", "voaindonesia"),
    "Bisnis": ("bisnis.com", "bisnis indonesia"),
    "Kontan": ("kontan.co.id",),
    "Katadata": ("katadata.co.id",),
    "Beritasatu": ("beritasatu.com", "berita satu"),
    "Medcom": ("medcom.id", "metrotvnews", "metro tv"),
    "iNews": ("inews.id",),
    "Hidayatullah": ("hidayatullah.com",),
    "Arrahmah": ("arrahmah.com", "arrahmah.id"),
    "Eramuslim": ("eramuslim.com",),
    "Parstoday": ("parstoday.com", "pars today"),
    "Sputnik": ("sputniknews", "sputnik news"),
    "The Jakarta Post": ("thejakartapost.com", "jakarta post"),
    "Gatra": ("gatra.com",),
    "Inilah": ("inilah.com",),
    "Tirto": ("tirto.id",),
    "Kabar24": ("kabar24.bisnis.com",),
}

_TLD = re.compile(r"\.(?:co\.id|com|co|id|net|org|or\.id|web\.id|news)$", re.I)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def _key(name: str) -> str:
    return _NON_ALNUM.sub("", _TLD.sub("", name.strip().lower()))


_TABLE: dict[str, str] = {}
for _name, _variants in _OUTLETS.items():
    for _v in (_name, *_variants):
        _TABLE[_key(_v)] = _name


def known_outlet(name: str) -> str | None:
    """The usual name of a known outlet, or None."""
    return _TABLE.get(_key(name)) if name else None


def is_domain(name: str) -> bool:
    return bool(_TLD.search(name.strip()))


def normalise_outlet(name: str) -> str:
    """Known outlet -> its usual name; an unknown mixed-case domain ("BeritaKita.com") loses its
    TLD; anything else is kept literally (its casing is not obvious)."""
    name = " ".join(name.split())
    known = known_outlet(name)
    if known:
        return known
    if is_domain(name):
        bare = _TLD.sub("", name)
        if not bare.isupper() and not bare.islower():
            return bare
    return name
