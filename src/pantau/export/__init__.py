"""Export the store as GDELT 2.0 events, PLOVER JSON, analyze-style JSONL, CSV, Parquet or GraphML.

    export(store, "gdelt", Path("events.tsv"), actor="TUR", date_from="2017")

`filters` are those of `Store.events` (actor, recipient, event_type, date_from, date_to, outlet,
doc, limit). Format-specific options: gdelt `header=False`, `zero_fill=False`; plover
`array=False`; csv/parquet `table="events"` (or mentions / quotes / entities / time_values).

Dates. An event's date may be partial (month "2017-11", ISO week "2018-W52", year, range).
- GDELT: SQLDATE must be YYYYMMDD. We write the FIRST day of the period (2017-11 → 20171101,
  2018-W52 → 20181224, 2011 → 20110101): a valid date that every GDELT reader parses and that
  sorts correctly. GDELT itself dates an event by its article when it has nothing better, so an
  undated event gets the article's publication date. `zero_fill=True` instead writes the
  unknown parts as zeros (20171100, 20110000) for users who prefer to see the granularity.
  MonthYear, Year and FractionDate ((month*30 + day)/365, as the GDELT codebook defines it)
  follow SQLDATE. The exact value and its granularity are in the PLOVER/CSV/Parquet exports.
- PLOVER: `date` is the first day of the period, `enddate` the last day when the period is
  longer than a day; pantau's own value/granularity/expression sit under the `pantau` key.

GDELT columns we cannot fill honestly stay empty: Actor*EthnicCode/Religion*Code, AvgTone,
Actor1Geo_*/Actor2Geo_* (we geocode the action, not the actors), ADM1/ADM2 codes. Country codes
are ISO 3166 alpha-3 as everywhere in pantau (GDELT's *Geo_CountryCode uses FIPS 10-4).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Iterator
from xml.sax.saxutils import quoteattr

from pantau.store import Store, iso_range

FORMATS = ("gdelt", "plover", "jsonl", "csv", "parquet", "graphml")

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{f}" for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}_{f}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for f in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

# CAMEO group prefixes whose next three letters are GDELT's KnownGroupCode (IGOUNO → UNO).
_GROUP_PREFIXES = ("IGO", "NGO", "IMG", "MNC", "UIS")


def export(store: Store, fmt: str, out: Path | str | IO, **filters: Any) -> int:
    """Write `fmt` to `out` (a path, "-" for stdout, or an open file). Returns the record count."""
    options = {k: filters.pop(k) for k in ("header", "zero_fill", "array", "table") if k in filters}
    filters = {k: v for k, v in filters.items() if v is not None}
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        return _parquet(store, out, options.get("table", "events"), filters)
    with _open_text(out) as fh:
        if fmt == "gdelt":
            return _gdelt(store, fh, filters, options.get("header", False), options.get("zero_fill", False))
        if fmt == "plover":
            return _plover(store, fh, filters, options.get("array", False))
        if fmt == "jsonl":
            return _jsonl(store, fh, filters)
        if fmt == "csv":
            return _csv(store, fh, options.get("table", "events"), filters)
        return _graphml(store, fh, filters)


@contextlib.contextmanager
def _open_text(out: Path | str | IO) -> Iterator[IO]:
    if isinstance(out, (str, Path)):
        if str(out) == "-":
            import sys
            yield sys.stdout
            return
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh
    else:
        yield out


def event_id_int(doc_id: str, event_id: str) -> int:
    """A stable positive 63-bit integer for an event (GDELT's GLOBALEVENTID)."""
    return int(hashlib.sha1(f"{doc_id}:{event_id}".encode()).hexdigest()[:15], 16)


def _event_period(ev: dict) -> tuple[date | None, date | None, str]:
    """(start, end, source) of an event's date, falling back to the article's publication date."""
    if ev["date_start"] is not None:
        return ev["date_start"], ev["date_end"], "event"
    start, end = iso_range(ev["published"])
    return start, end, "published" if start else "none"


# ---------------------------------------------------------------------- GDELT

def gdelt_row(ev: dict, zero_fill: bool = False) -> list[str]:
    """The 61 GDELT 2.0 event fields of one store event, as strings."""
    start, end, _ = _event_period(ev)
    if start is None:
        sqldate = monthyear = year = fraction = ""
    else:
        y, m, d = start.year, start.month, start.day
        if zero_fill and end is not None and end != start:  # zero what the period leaves open
            d = 0
            m = m if (end.year, end.month) == (y, m) else 0
        sqldate, monthyear, year = f"{y:04d}{m:02d}{d:02d}", f"{y:04d}{m:02d}", f"{y:04d}"
        fraction = f"{y + (m * 30 + d) / 365:.4f}"
    code = ev["cameo_code"] or ""
    lat, lon = ev["location_lat"], ev["location_lon"]
    # ActionGeo_Type: 0 none, 1 country, 4 world city (GDELT codes; we have no US state/city split)
    geo_type = 0 if ev["location_name"] is None else (4 if lat is not None else 1)
    added = ev["ingested_at"]
    row: list[Any] = [event_id_int(ev["doc_id"], ev["id"]), sqldate, monthyear, year, fraction]
    for actors in (ev["actors"], ev["recipients"]):
        row += _gdelt_actor(actors[0] if actors else None)
    row += [
        1, code, code[:3], code[:2], "" if ev["quad_class"] is None else ev["quad_class"],
        "" if ev["goldstein"] is None else ev["goldstein"], 1, 1, 1, "",
        0, "", "", "", "", "", "", "",  # Actor1Geo_*
        0, "", "", "", "", "", "", "",  # Actor2Geo_*
        geo_type, ev["location_name"] or "", ev["location_country"] or "", "", "",
        "" if lat is None else lat, "" if lon is None else lon, _feature_id(ev["location_id"]),
        added.strftime("%Y%m%d%H%M%S") if added else "",
        source_url(ev) or "",
    ]
    return [_tsv_clean(v) for v in row]


def public_source(source: str | None) -> str | None:
    """`pantau.web.security.public_source`: a file path cut to its file name (imported here, as
    `pantau.web` would bring the web framework into every export: half a second)."""
    from pantau.web.security import public_source as public

    return public(source)


def source_url(ev: dict) -> str | None:
    """Where an event's article can be found, for GDELT's SOURCEURL and PLOVER's `url`: the
    article's own URL; without one, the name of its source (a feed name as is, a file path cut
    to the file's name: an export is shared, the folders of the machine that ingested are not)."""
    return public_source(ev.get("url")) or public_source(ev.get("source"))


def _gdelt_actor(a: dict | None) -> list[Any]:
    """Code, Name, CountryCode, KnownGroupCode, Ethnic, Religion1, Religion2, Type1..3."""
    if a is None:
        return [""] * 10
    code, country = a["code"] or "", a["country"] or ""
    known = code[3:6] if code[:3] in _GROUP_PREFIXES else ""
    rest = code[3:] if country and code.startswith(country) else ""
    types = [rest[0:3], rest[3:6], rest[6:9]]
    if a["sector"] and a["sector"] not in types:
        types = [a["sector"], *types[:2]]
    name = (a.get("canonical_name") or a["text"] or "").upper()
    return [code, name, country, known, "", "", "", *types]


def _feature_id(place_id: str | None) -> str:
    if not place_id:
        return ""
    return place_id.split(":", 1)[1] if place_id.startswith("geonames:") else place_id


def _tsv_clean(v: Any) -> str:
    return str(v).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _with_names(store: Store, events: list[dict]) -> list[dict]:
    """Attach the KB canonical name to each actor/recipient (GDELT Actor*Name)."""
    names = dict(store.con.execute("SELECT id, canonical_name FROM entities").fetchall())
    for ev in events:
        for a in (*ev["actors"], *ev["recipients"]):
            a["canonical_name"] = names.get(a["entity_id"])
    return events


def _gdelt(store: Store, fh: IO, filters: dict, header: bool, zero_fill: bool) -> int:
    events = _with_names(store, store.events(**filters))
    if header:
        fh.write("\t".join(GDELT_COLUMNS) + "\n")
    for ev in events:
        fh.write("\t".join(gdelt_row(ev, zero_fill)) + "\n")
    return len(events)


# ---------------------------------------------------------------------- PLOVER

def plover_record(ev: dict) -> dict:
    """One event as a PLOVER record (manual ch. 6, Tables 6.1–6.6; names with underscores)."""
    start, end, source = _event_period(ev)
    rec: dict[str, Any] = {
        "id": ev["id"] if str(ev["id"]).startswith(str(ev["doc_id"])) else f"{ev['doc_id']}-{ev['id']}",
        "has_event": True,
        "date": start.isoformat() if start else None,
    }
    if end and end != start:
        rec["enddate"] = end.isoformat()
    rec["actor"] = [_plover_entity(a) for a in ev["actors"]]
    rec["recipient"] = [_plover_entity(a) for a in ev["recipients"]]
    rec["event"] = [ev["event_type"]]
    rec["mode"] = [ev["mode"]] if ev["mode"] else []
    rec["context"] = [ev["context"]] if ev["context"] else []
    rec["event_text"] = [ev["trigger"]] if ev["trigger"] else []
    if ev["quad_class"] is not None:
        rec["quad_code"] = ev["quad_class"]
    if ev["goldstein"] is not None:
        rec["event_scale"] = ev["goldstein"]
    if ev["location_name"] is not None:
        geonameid = _feature_id(ev["location_id"]) if (ev["location_id"] or "").startswith("geonames:") else None
        rec["event_loc"] = {
            "extracted_place": ev["location_text"], "resolved_place": ev["location_name"],
            "geonameid": int(geonameid) if geonameid and geonameid.isdigit() else None,
            "lat": ev["location_lat"], "lon": ev["location_lon"], "country_code": ev["location_country"],
        }
    rec["text"] = ev["evidence_text"]
    rec["text_info"] = {"sequence": ev["evidence_sentence"], "start": ev["evidence_start"], "end": ev["evidence_end"]}
    rec["cite_info"] = {
        "corpus": public_source(ev["source"]), "url": source_url(ev), "title": ev["title"], "language": "id",
        "publication": ev["outlet"], "coder": "pantau", "codebook": "PLOVER 2.0 draft + CAMEO",
    }
    rec["coder"] = "pantau"
    if ev["ingested_at"]:
        rec["coded_date"] = ev["ingested_at"].date().isoformat()
        rec["coded_time"] = ev["ingested_at"].strftime("%H:%M:%S")
    rec["pantau"] = {
        "doc_id": ev["doc_id"], "event_id": ev["id"], "cameo_code": ev["cameo_code"],
        "date_value": ev["date"], "date_granularity": ev["date_granularity"], "date_text": ev["date_text"],
        "date_source": source, "modality": ev["modality"], "reported_by": list(ev["reported_by"] or []),
        "confidence": ev["confidence"], "location_id": ev["location_id"], "published": ev["published"],
    }
    return rec


def _plover_entity(a: dict) -> dict:
    out = {"code": a["code"], "sector": a["sector"], "country": a["country"], "entity_text": a["text"]}
    if a["entity_id"]:
        out["identifier_id"] = a["entity_id"]
    if a.get("canonical_name"):
        out["identifier_text"] = a["canonical_name"]
    return out


def _plover(store: Store, fh: IO, filters: dict, array: bool) -> int:
    records = [plover_record(ev) for ev in _with_names(store, store.events(**filters))]
    if array:
        json.dump(records, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    else:  # the manual recommends newline-delimited JSON
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return len(records)


# ---------------------------------------------------------------------- JSONL

def _jsonl(store: Store, fh: IO, filters: dict) -> int:
    """One `pantau analyze --json` document per line; with filters, the documents that have a
    matching event."""
    if filters:
        ids = list(dict.fromkeys(ev["doc_id"] for ev in store.events(**filters)))
    else:
        ids = store.document_ids()
    for doc_id in ids:
        fh.write(json.dumps(store.document(doc_id).to_json_dict(), ensure_ascii=False) + "\n")
    return len(ids)


# ---------------------------------------------------------------------- flat tables

FLAT_EVENT_COLUMNS = (
    "doc_id", "id", "date", "date_granularity", "date_text", "date_start", "date_end", "event_type",
    "mode", "context", "cameo_code", "goldstein", "quad_class", "actor_codes", "actor_texts",
    "actor_entity_ids", "recipient_codes", "recipient_texts", "recipient_entity_ids", "location_name",
    "location_id", "location_country", "location_lat", "location_lon", "modality", "reported_by",
    "confidence", "trigger", "evidence_sentence", "evidence_start", "evidence_end", "evidence_text",
    "outlet", "title", "published", "url", "source",
)


def flat_events(store: Store, filters: dict, sep: str | None = ";") -> list[dict]:
    """One dict per event; actor fields are lists (sep=None) or joined with `sep`."""
    def join(values: list) -> Any:
        values = ["" if v is None else v for v in values]
        return values if sep is None else sep.join(values)

    rows = []
    for ev in store.events(**filters):
        row = {c: ev.get(c) for c in FLAT_EVENT_COLUMNS}
        for role, actors in (("actor", ev["actors"]), ("recipient", ev["recipients"])):
            row[f"{role}_codes"] = join([a["code"] for a in actors])
            row[f"{role}_texts"] = join([a["text"] for a in actors])
            row[f"{role}_entity_ids"] = join([a["entity_id"] for a in actors])
        row["reported_by"] = join(list(ev["reported_by"] or []))
        rows.append(row)
    return rows


OTHER_TABLES = ("mentions", "quotes", "entities", "time_values", "sentences")


def _other_table(store: Store, table: str, filters: dict):
    if table not in OTHER_TABLES:
        raise ValueError(f"unknown table {table!r}; choose events or one of {', '.join(OTHER_TABLES)}")
    if filters:
        raise ValueError("filters apply to the events table only")
    return store.con.execute(f"SELECT * FROM {table}")


def _csv(store: Store, fh: IO, table: str, filters: dict) -> int:
    writer = csv.writer(fh)
    if table == "events":
        rows = flat_events(store, filters)
        writer.writerow(FLAT_EVENT_COLUMNS)
        writer.writerows([[_csv_value(r[c]) for c in FLAT_EVENT_COLUMNS] for r in rows])
        return len(rows)
    cur = _other_table(store, table, filters)
    writer.writerow([d[0] for d in cur.description])
    n = 0
    for row in cur.fetchall():
        writer.writerow([_csv_value(v) for v in row])
        n += 1
    return n


def _csv_value(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, list):
        return ";".join("" if x is None else str(x) for x in v)
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v


def _parquet(store: Store, out: Path | str | IO, table: str, filters: dict) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if table == "events":
        rows = flat_events(store, filters, sep=None)
        tbl = pa.Table.from_pylist(rows, schema=_events_schema(pa)) if rows else _events_schema(pa).empty_table()
    else:
        tbl = _other_table(store, table, filters).to_arrow_table()
    if isinstance(out, io.TextIOBase):
        raise ValueError("parquet needs a file path or a binary file")
    pq.write_table(tbl, out if not isinstance(out, Path) else str(out))
    return tbl.num_rows


def _events_schema(pa):
    s, i, f, d, ls = pa.string(), pa.int32(), pa.float64(), pa.date32(), pa.list_(pa.string())
    types = {
        "date_start": d, "date_end": d, "goldstein": f, "quad_class": i, "location_lat": f,
        "location_lon": f, "confidence": f, "evidence_sentence": i, "evidence_start": i, "evidence_end": i,
        "actor_codes": ls, "actor_texts": ls, "actor_entity_ids": ls, "recipient_codes": ls,
        "recipient_texts": ls, "recipient_entity_ids": ls, "reported_by": ls,
    }
    return pa.schema([(c, types.get(c, s)) for c in FLAT_EVENT_COLUMNS])


# ---------------------------------------------------------------------- GraphML

def _node_key(a: dict) -> str:
    return a["code"] or a["entity_id"] or f"text:{a['text']}"


def _graphml(store: Store, fh: IO, filters: dict) -> int:
    """Directed actor → recipient network; edge weight = number of events, plus per-type counts.
    Nodes are CAMEO actor codes (falling back to entity id, then the span text)."""
    nodes: dict[str, dict] = {}
    edges: dict[tuple[str, str], dict[str, int]] = {}
    for ev in _with_names(store, store.events(**filters)):
        for a in (*ev["actors"], *ev["recipients"]):
            node = nodes.setdefault(_node_key(a), {"label": a.get("canonical_name") or a["text"],
                                                   "country": a["country"] or "", "events": 0})
            node["events"] += 1
        for a in ev["actors"]:
            for r in ev["recipients"]:
                counts = edges.setdefault((_node_key(a), _node_key(r)), {})
                counts[ev["event_type"]] = counts.get(ev["event_type"], 0) + 1
    fh.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    fh.write('<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
    for key, target, name, typ in (
        ("d0", "node", "label", "string"), ("d1", "node", "country", "string"),
        ("d2", "node", "events", "int"), ("d3", "edge", "weight", "double"), ("d4", "edge", "types", "string"),
    ):
        fh.write(f'  <key id="{key}" for="{target}" attr.name="{name}" attr.type="{typ}"/>\n')
    fh.write('  <graph id="pantau" edgedefault="directed">\n')
    for key, n in nodes.items():
        fh.write(f'    <node id={quoteattr(key)}><data key="d0">{_xml(n["label"])}</data>'
                 f'<data key="d1">{_xml(n["country"])}</data><data key="d2">{n["events"]}</data></node>\n')
    for (src, dst), counts in edges.items():
        types = ";".join(f"{t}:{c}" for t, c in sorted(counts.items()))
        fh.write(f'    <edge source={quoteattr(src)} target={quoteattr(dst)}>'
                 f'<data key="d3">{sum(counts.values())}</data><data key="d4">{_xml(types)}</data></edge>\n')
    fh.write("  </graph>\n</graphml>\n")
    return len(edges)


def _xml(s: str) -> str:
    return quoteattr(s or "")[1:-1]
