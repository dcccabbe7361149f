"""The knowledge base: countries, people with dated offices, organisations, places.

Data files in `data/` are produced by `python -m pantau.kb.build` (see SOURCES.md there);
this module only reads them. Everything is loaded once (`KnowledgeBase.load()`), and the
heavier indexes (normalised lookup, fuzzy buckets, office index) are built on first use.
"""

from __future__ import annotations

import collections
import gzip
import json
import re
import threading
from collections.abc import Collection
from functools import cached_property
from pathlib import Path

from pantau.kb.text import fold, norm
from pantau.model import Entity, Role

DATA = Path(__file__).resolve().parent / "data"
# Phoenix roles with no end date mean "in office when the dictionary was made (Jan 2014)".
PHOENIX_UNTIL = "2014-12-31"
_COUNTRY_PREFIXES = ("republik ", "kerajaan ", "negara ", "federasi ", "keamiran ", "kesultanan ", "persatuan ")

__all__ = ["KnowledgeBase", "norm", "fold"]


# CAMEO sector codes (the three letters after the country) as words: "TURMIL" → "Turkey military".
# The sectors pantau's coder emits (offices.json) plus common CAMEO ones.
SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "LEG": "legislature", "JUD": "judiciary", "COP": "police",
    "REB": "rebels", "OPP": "opposition", "CVL": "civilians", "SPY": "intelligence", "MED": "media",
    "BUS": "business", "PTY": "party", "REF": "refugees", "REL": "religious", "LAB": "labour",
    "EDU": "education", "AGR": "agriculture", "HLH": "health", "ELI": "elites", "INS": "insurgents",
    "UAF": "armed group", "CRM": "criminals", "NGO": "non-governmental organisation",
}


def _type_ok(rec_type: str, wanted: str | None) -> bool:
    if wanted is None:
        return True
    # Countries and cities are typed LOC (as in the gold); GPE asks for the same things.
    if wanted in ("LOC", "GPE"):
        return rec_type in ("LOC", "GPE")
    return rec_type == wanted


class KnowledgeBase:
    _instance: "KnowledgeBase | None" = None
    _lock = threading.Lock()

    def __init__(self, records: list[dict], offices: dict, data_dir: Path = DATA):
        self._recs: dict[str, dict] = {r["i"]: r for r in records}
        self._offices = offices
        self._data_dir = data_dir
        self._entity_cache: dict[str, Entity] = {}

    # ------------------------------------------------------------ loading

    @classmethod
    def load(cls, data_dir: Path | None = None) -> "KnowledgeBase":
        """The shared instance (loaded once per process); pass `data_dir` for a private one."""
        if data_dir is not None:
            return cls._read(Path(data_dir))
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls._read(DATA)
            return cls._instance

    def build_indexes(self) -> "KnowledgeBase":
        """Build the lookup indexes now instead of at the first lookup (about 2 s). The analysis
        pipeline calls this when it loads, so that worker processes forked from it (`nlp.pipe`
        with n_process > 1) inherit the indexes instead of each building its own."""
        for name, attr in vars(type(self)).items():  # every lazy index: the cached properties
            if isinstance(attr, cached_property):
                getattr(self, name)
        return self

    @classmethod
    def _read(cls, d: Path) -> "KnowledgeBase":
        with gzip.open(d / "entities.jsonl.gz", "rt", encoding="utf-8") as f:
            records = [json.loads(line) for line in f]
        offices = json.loads((d / "offices.json").read_text(encoding="utf-8"))
        return cls(records, offices, d)

    # ------------------------------------------------------------ entities

    def __len__(self) -> int:
        return len(self._recs)

    def ids(self, type: str | None = None) -> list[str]:
        return [i for i, r in self._recs.items() if _type_ok(r["t"], type)]

    def get(self, entity_id: str) -> Entity | None:
        e = self._entity_cache.get(entity_id)
        if e is None:
            r = self._recs.get(entity_id)
            if r is None:
                return None
            e = Entity(
                id=r["i"], canonical_name=r["n"], type=r["t"], country=r.get("c"), code=r.get("k"),
                roles=[Role(office=o, country=c, code=k, start=s, end=en, source=src)
                       for o, c, k, s, en, src in r.get("r", [])],
                aliases=[*r.get("a", []), *r.get("w", [])], lat=r.get("la"), lon=r.get("lo"), source=r.get("s"),
            )
            self._entity_cache[entity_id] = e
        return e

    def names(self) -> list[tuple[str, str]]:
        """(name, type) for every entity's canonical name and aliases, without the weak
        (Phoenix-only) aliases that `get` adds to `Entity.aliases`."""
        return [(n, r["t"]) for r in self._recs.values() for n in [r["n"], *r.get("a", [])] if n]

    def geonames_id(self, entity_id: str) -> int | None:
        r = self._recs.get(entity_id)
        return r.get("g") if r else None

    # ------------------------------------------------------------ aliases

    def alias_table(self) -> list[tuple[str, str, bool]]:
        """(surface form, entity id, case_sensitive) rows for a spaCy PhraseMatcher.

        Case-sensitive rows must match on ORTH (short ALL-CAPS acronyms such as "AS", "PBB";
        surnames that are also common words, such as "Akar"); the others on LOWER. Aliases that
        are ordinary Indonesian words ("Barat", "Dia") are not in the table at all.
        """
        return list(self._alias_rows)

    @cached_property
    def _alias_rows(self) -> list[tuple[str, str, bool]]:
        rows = []
        with gzip.open(self._data_dir / "aliases.tsv.gz", "rt", encoding="utf-8") as f:
            for line in f:
                a, i, cs = line.rstrip("\n").split("\t")
                rows.append((a, i, cs == "1"))
        return rows

    @cached_property
    def _index(self) -> dict[str, list[str]]:
        """norm(name/alias) → entity ids, best first: canonical names, then aliases, then
        weak (Phoenix-only) aliases; curated/CLDR entities before Phoenix-only ones."""
        ranked: dict[str, list[tuple[int, int, str]]] = collections.defaultdict(list)
        for i, r in self._recs.items():
            phoenix_only = int(r.get("s", "").startswith("Phoenix"))
            for rank, names in ((0, [r["n"]]), (1, r.get("a", [])), (2, r.get("w", []))):
                for n in names:
                    k = norm(n)
                    if k:
                        ranked[k].append((rank, phoenix_only, i))
        out = {}
        for k, lst in ranked.items():
            seen, ids = set(), []
            for _, _, i in sorted(lst):
                if i not in seen:
                    seen.add(i)
                    ids.append(i)
            out[k] = ids
        return out

    def lookup(self, text: str, type: str | None = None) -> list[Entity]:
        """Exact match after normalisation (case, diacritics, hyphens, apostrophes, al-/el-)."""
        ids = self._index.get(norm(text), [])
        return [self.get(i) for i in ids if _type_ok(self._recs[i]["t"], type)]

    # ------------------------------------------------------------ fuzzy

    @cached_property
    def _fuzzy_buckets(self) -> dict[str, tuple[list[str], list[str]]]:
        """First letter of the folded key → (folded keys, entity ids). Single short words are
        left out: one-word fuzzy matches ("Akar"~"Akbar") are mostly wrong."""
        buckets: dict[str, tuple[list[str], list[str]]] = {}
        seen = set()
        for k, ids in self._index.items():
            f = fold(k)
            if not f or (" " not in f and len(f) < 7):
                continue
            for i in ids:
                if (f, i) in seen:
                    continue
                seen.add((f, i))
                keys, eids = buckets.setdefault(f[0], ([], []))
                keys.append(f)
                eids.append(i)
        return buckets

    @cached_property
    def _fold_index(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for keys, eids in self._fuzzy_buckets.values():
            for f, i in zip(keys, eids):
                out.setdefault(f, []).append(i)
        return out

    def fuzzy(self, text: str, type: str | None = None, min_score: float = 88) -> tuple[Entity, float] | None:
        """Best entity for a misspelt or differently transliterated name, with its score (0-100).

        Exact normalised match → 100; same transliteration skeleton (Basyar Asad ~ Bashar Assad)
        → 99; else rapidfuzz ratio over skeletons sharing the first letter."""
        from rapidfuzz import fuzz, process

        exact = self.lookup(text, type)
        if exact:
            return exact[0], 100.0
        f = fold(text)
        if not f:
            return None
        for i in self._fold_index.get(f, []):
            if _type_ok(self._recs[i]["t"], type):
                return self.get(i), 99.0
        bucket = self._fuzzy_buckets.get(f[0])
        if not bucket:
            return None
        keys, eids = bucket
        for key, score, idx in process.extract(f, keys, scorer=fuzz.ratio, score_cutoff=min_score, limit=20):
            if " " not in f and (key.startswith(f) or f.startswith(key)):
                continue  # a word cut short is another word: "Kemendag" (trade) is not "Kemendagri"
            i = eids[idx]
            if _type_ok(self._recs[i]["t"], type) and _same_consonants(f, key, person=self._recs[i]["t"] == "PER"):
                return self.get(i), float(score)
        return None

    # ------------------------------------------------------------ offices

    @cached_property
    def _office_index(self) -> dict[tuple[str, str], list[tuple[str, str, str | None, str | None, str]]]:
        """(office, country or code) → [(source, entity id, start, end, code)]."""
        idx: dict = collections.defaultdict(list)
        for i, r in self._recs.items():
            if r["t"] != "PER":
                continue
            for office, country, code, start, end, src in r.get("r", []):
                for where in {country, code}:
                    if where:
                        idx[(office, where)].append((src, i, start, end, code))
        return idx

    def office_holder(self, office: str, country: str, on: str | None = None,
                      named: Collection[str] = ()) -> Entity | None:
        """Who held `office` ("foreign_minister") in `country` (ISO3, or an IGO code such as
        "IGOUNO") on ISO date `on`; `on=None` → a holder among the entity ids `named` (the people
        an undated article names: "Presiden" beside "Jokowi" in a 2020 story is Jokowi, not
        whoever holds the office today), else the latest known holder. Curated roles win over
        Phoenix ones; open-ended Phoenix roles are trusted only up to 2014 unless nothing else fits."""
        cands = self._office_index.get((office, country), [])
        if not cands:
            return None
        if on is None:
            cands = [c for c in cands if c[1] in named] or cands
            best = max(cands, key=lambda c: (c[0] == "curated", c[3] is None, c[3] or "", c[2] or ""))
            return self.get(best[1])
        on = on[:10]
        for trust_open_phoenix in (False, True):
            hits = []
            for src, i, start, end, _ in cands:
                if end is None and src == "phoenix" and not trust_open_phoenix:
                    end = PHOENIX_UNTIL
                if (start is None or start <= on) and (end is None or on < end or (end == on and start == on)):
                    hits.append((src == "curated", start or "", i))
            if hits:
                return self.get(max(hits)[2])
        return None

    def has_office(self, office: str, country: str) -> bool:
        """Whether the KB lists anyone ever holding `office` in `country` (Malaysia has no president)."""
        return bool(self._office_index.get((office, country)))

    def office_phrases(self) -> list[tuple[str, str, str]]:
        """(Indonesian title phrase, office key, CAMEO sector), longest phrase first."""
        rows = [(o[0], o[1], o[2]) for o in self._offices["offices"]]
        return sorted(rows, key=lambda r: (-len(r[0]), r[0]))

    def office_country(self, phrase: str) -> str | None:
        """The country an office title implies by itself ("Kapolri" → "IDN"), else None."""
        for o in self._offices["offices"]:
            if norm(o[0]) == norm(phrase) and len(o) > 3:
                return o[3]
        return None

    def sector_nouns(self) -> dict[str, str]:
        """Generic Indonesian nouns → CAMEO sector ("militer" → "MIL", "pemberontak" → "REB")."""
        return dict(self._offices["sectors"])

    # ------------------------------------------------------------ countries

    @cached_property
    def _countries(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for r in self._recs.values():
            if r["t"] == "LOC" and r.get("k") and r.get("k") == r.get("c"):
                for n in (r["n"], *r.get("a", [])):
                    out.setdefault(norm(n), r["k"])
        return out

    def country_by_name(self, text: str) -> str | None:
        """ISO3 of a country named in Indonesian, Malay or English: "Suriah" → "SYR",
        "Amerika Serikat" → "USA". Also takes "militer Turki" (the longest trailing name)."""
        k = norm(text)
        if not k:
            return None
        if len(text.strip()) <= 3 and not text.strip().isupper():  # "as" is a word, "AS" the USA
            return None
        if k in self._countries:
            return self._countries[k]
        for p in _COUNTRY_PREFIXES:
            if k.startswith(p) and k[len(p):] in self._countries:
                return self._countries[k[len(p):]]
        toks = k.split()
        for n in range(min(4, len(toks) - 1), 0, -1):
            tail = " ".join(toks[-n:])
            if tail in self._countries:
                return self._countries[tail]
        return None

    @cached_property
    def _code_names(self) -> dict[str, str]:
        """CAMEO actor code → name of the entity that is that actor: countries first (RUS →
        Russia, never its capital), then places and organisations (WST, IGOUNO); people never."""
        names: dict[str, str] = {}
        for r in self._recs.values():
            if r["t"] == "LOC" and r.get("k") and r.get("k") == r.get("c"):
                names.setdefault(r["k"], r["n"])
        for r in self._recs.values():
            if r.get("k") and r["t"] in ("LOC", "GPE", "ORG") and r.get("c") in (None, r["k"]):
                names.setdefault(r["k"], r["n"])
        return names

    def code_label(self, code: str | None) -> str | None:
        """A readable name for a CAMEO actor code: "RUS" → "Russia", "TURMIL" → "Turkey military",
        "IGOUNO" → "United Nations"; None when the code is unknown."""
        if not code:
            return None
        if code in self._code_names:
            return self._code_names[code]
        head, sector = code[:3], code[3:6]
        if len(code) == 6 and head in self._code_names and sector in SECTOR_NAMES:
            return f"{self._code_names[head]} {SECTOR_NAMES[sector]}"
        return None

    def country_entity(self, iso3: str) -> Entity | None:
        for i, r in self._recs.items():
            if r["t"] == "LOC" and r.get("k") == iso3 and r.get("c") == iso3:
                return self.get(i)
        return None


def _consonants(word: str) -> str:
    return re.sub(r"[aeiouy]", "", word)


def _same_consonants(a: str, b: str, *, person: bool) -> bool:
    """Whether two folded names that look alike are spellings of one name: word for word the
    same consonants, the vowels free ("Halusi Akar" ~ "Hulusi Akar"). A changed consonant makes
    another word however close the letters are ("Kementerian Pertanian" is not "Kementerian
    Pertahanan", "Sugiarto" not "Sugiharto", "Abdul Halim" not "Abdul Ali"). Allowed besides: the
    same letters spaced differently ("UN ESCAP"); a person by the first and last of his names
    ("Luhut Panjaitan"); one long word of a person's full name with one consonant dropped
    ("Mevlut Cavusolu"); a one-word name that is not a person's with one typo ("Indonensia")."""
    from rapidfuzz.distance import Levenshtein

    ca, cb = _consonants(a), _consonants(b)
    if ca.replace(" ", "") == cb.replace(" ", ""):
        return True
    wa, wb = ca.split(), cb.split()
    if len(wa) == 1 and len(wb) == 1:
        return not person and len(a) >= 8 and Levenshtein.distance(ca, cb) <= 1
    if person and len(wa) == 2 and len(wb) > 2:
        wb = [wb[0], wb[-1]]
    if len(wa) != len(wb):
        return False
    off = [(x, y) for x, y in zip(wa, wb) if x != y]
    return not off or (person and len(off) == 1 and min(len(w) for w in a.split()) >= 3
                       and len(off[0][0]) >= 4 and Levenshtein.distance(*off[0]) <= 1)
