"""SQL building blocks shared by the store's queries (`store.py`) and its exploring queries
(`explore.py`): the event filters, date windows, the listing order, and row helpers."""

from __future__ import annotations

import re

import duckdb

from pantau.store.dates import iso_range


def where_sql(where: list[str]) -> str:
    return "WHERE " + " AND ".join(where) if where else ""


EVENT_ORDER = """ORDER BY e.date_start NULLS LAST, e.date_end NULLS LAST, a.published_start NULLS LAST,
                 e.doc_id, e.position"""


def event_where(
    *, actor: str | None = None, recipient: str | None = None, event_type: str | None = None,
    date_from: str | None = None, date_to: str | None = None, outlet: str | None = None,
    doc: str | None = None, party: str | None = None, partner: str | None = None,
    location: str | None = None,
) -> tuple[list[str], list]:
    """SQL conditions on `events e JOIN articles a` for the filters every event query shares.

    actor/recipient match a CAMEO code prefix ("TUR" → TURMIL), a country code, an entity id,
    or a case-insensitive substring of the span text or the entity's canonical name; `party`
    matches either side, and with `partner` the events between the two, in either direction.
    date_from/date_to may be partial ISO values; an event matches when its
    period overlaps the window (a "2017-11" event matches a window starting 2017-11-05). Events
    without a date never match a date filter. ValueError for a date that is not ISO."""
    where, params = [], []
    if actor:
        where.append(ACTOR_MATCH)
        params += ["actor", *actor_params(actor)]
    if recipient:
        where.append(ACTOR_MATCH)
        params += ["recipient", *actor_params(recipient)]
    if party and partner:
        where.append(f"(({ACTOR_MATCH} AND {ACTOR_MATCH}) OR ({ACTOR_MATCH} AND {ACTOR_MATCH}))")
        params += ["actor", *actor_params(party), "recipient", *actor_params(partner),
                   "actor", *actor_params(partner), "recipient", *actor_params(party)]
    elif party or partner:
        where.append(f"({ACTOR_MATCH} OR {ACTOR_MATCH})")
        params += ["actor", *actor_params(party or partner), "recipient", *actor_params(party or partner)]
    if event_type:
        where.append("upper(e.event_type) = upper(?)")
        params.append(event_type)
    window(where, params, "e.date_start", "e.date_end", date_from, date_to)
    if outlet:
        where.append("contains(lower(a.outlet), lower(?))")
        params.append(outlet)
    if doc:
        where.append("starts_with(e.doc_id, ?)")
        params.append(doc)
    if location:  # a place's id (Q858, geonames:169389) or its name
        where.append("(e.location_id = ? OR lower(e.location_name) = lower(?))")
        params += [location, location]
    return where, params


ACTOR_MATCH = """EXISTS (
    SELECT 1 FROM event_actors x LEFT JOIN entities en ON en.id = x.entity_id
    WHERE x.doc_id = e.doc_id AND x.event_id = e.id AND x.role = ?
      AND (starts_with(x.code, upper(?)) OR x.country = upper(?) OR x.entity_id = ?
           OR contains(lower(x.text), lower(?)) OR contains(lower(en.canonical_name), lower(?))))"""


def window(where: list[str], params: list, start_col: str, end_col: str,
           date_from: str | None, date_to: str | None) -> None:
    """Add the conditions "the period [start_col, end_col] overlaps the window date_from..date_to"
    (ISO values, possibly partial). ValueError for a value that is not ISO."""
    if date_from:
        start = iso_range(date_from)[0]
        if start is None:
            raise ValueError(f"not an ISO date: {date_from!r}")
        where.append(f"{end_col} >= ?")
        params.append(start)
    if date_to:
        end = iso_range(date_to)[1]
        if end is None:
            raise ValueError(f"not an ISO date: {date_to!r}")
        where.append(f"{start_col} <= ?")
        params.append(end)


def quote_where(speaker: str | None, doc: str | None) -> tuple[str, list]:
    where, params = [], []
    if speaker:
        where.append("""(q.speaker_entity_id = ? OR contains(lower(q.speaker_name), lower(?))
                         OR contains(lower(q.speaker_text), lower(?)))""")
        params += [speaker, speaker, speaker]
    if doc:
        where.append("starts_with(q.doc_id, ?)")
        params.append(doc)
    return ("WHERE " + " AND ".join(where)) if where else "", params


def actor_params(q: str) -> list[str]:
    return [q, q, q, q, q]


def dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def entity_where(type: str | None, name: str | None) -> tuple[str, list]:
    where, params = [], []
    if type:
        where.append("upper(en.type) = upper(?)")
        params.append(type)
    if name:
        where.append("(en.id = ? OR contains(lower(en.canonical_name), lower(?)) OR en.code = upper(?))")
        params += [name, name, name]
    return ("WHERE " + " AND ".join(where)) if where else "", params


def snippet(text: str, query: str, width: int = 160) -> str:
    """A window of the text around the first query term (or its first 5 letters, a crude stem)."""
    low = text.lower()
    pos = -1
    for term in re.findall(r"\w+", query.lower()):
        for probe in (term, term[:5]):
            pos = low.find(probe)
            if pos >= 0:
                break
        if pos >= 0:
            break
    start = max(0, pos - width // 3) if pos >= 0 else 0
    piece = text[start:start + width].replace("\n", " ").strip()
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(text) else "")
