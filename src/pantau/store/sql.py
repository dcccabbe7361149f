"""SQL building blocks shared by the store's queries (`store.py`) and its exploring queries
(`explore.py`): the event filters, date windows, the listing order, and row helpers."""

from __future__ import annotations

import re

import duckdb

from pantau.kb.text import strip_diacritics
from pantau.store.dates import iso_range
from pantau.store.query import (
    ActorFilter, SearchQuery, parse_search, python_pattern, resolve_actor, words_pattern,
)


def where_sql(where: list[str]) -> str:
    return "WHERE " + " AND ".join(where) if where else ""


_CHRONO = "e.date_start NULLS LAST, e.date_end NULLS LAST, a.published_start NULLS LAST, e.doc_id, e.position"
# The orders an event list can be asked for (`sort`): chronological is the default, as event
# data is read as a time series; every order ends on the chronological one, so pages are stable.
EVENT_SORTS = {
    "date": f"ORDER BY {_CHRONO}",
    "-date": """ORDER BY e.date_start DESC NULLS LAST, e.date_end DESC NULLS LAST,
                a.published_start DESC NULLS LAST, e.doc_id DESC, e.position DESC""",  # undated still last
    "goldstein": f"ORDER BY e.goldstein NULLS LAST, {_CHRONO}",
    "-goldstein": f"ORDER BY e.goldstein DESC NULLS LAST, {_CHRONO}",
    "type": f"ORDER BY e.event_type NULLS LAST, {_CHRONO}",
}
EVENT_ORDER = EVENT_SORTS["date"]


def event_order(sort: str | None) -> str:
    """The ORDER BY of an event list; ValueError for a sort that is not one of EVENT_SORTS."""
    if sort is None:
        return EVENT_ORDER
    if sort not in EVENT_SORTS:
        raise ValueError(f"sort: one of {', '.join(EVENT_SORTS)}, not {sort!r}")
    return EVENT_SORTS[sort]


# Article lists: newest first, or best match first when there are words to rank by.
ARTICLE_SORTS = {
    "-date": "a.published_start DESC NULLS LAST, a.id",
    "date": "a.published_start NULLS LAST, a.id",
    "relevance": "a.exact DESC NULLS LAST, a.score DESC NULLS LAST, a.published_start DESC NULLS LAST, a.id",
}


#: SQL true for an event `e` whose date rests on an inferred year: the time value it was taken
#: from (`e.date_text`) carries the flag `year_inferred`, or it has no own expression (it took
#: the article's anchor) and the article's values resolved against that anchor carry it (an
#: undated article whose year came from its own evidence or from "the latest year up to today").
#: An undated event rests on no year at all. The same rule as ``pantau.model.event_date_inferred``.
DATE_INFERRED = """(coalesce(e.date, '') <> '' AND EXISTS (SELECT 1 FROM time_values t WHERE t.doc_id = e.doc_id
    AND list_contains(t.flags, 'year_inferred') AND (t.text = e.date_text OR coalesce(e.date_text, '') = '')))"""


def event_where(
    *, actor: str | None = None, recipient: str | None = None, event_type: str | None = None,
    date_from: str | None = None, date_to: str | None = None, outlet: str | None = None,
    doc: str | None = None, party: str | None = None, partner: str | None = None,
    location: str | None = None, quad_class: int | None = None, modality: str | None = None,
    country: str | None = None, sector: str | None = None, inferred: bool | None = None,
) -> tuple[list[str], list]:
    """SQL conditions on `events e JOIN articles a` for the filters every event query shares.

    actor/recipient are read by `query.resolve_actor`: a CAMEO code matches the codes that start
    with it ("TUR" → TURMIL) and a country code the actors of that country, an entity id that
    entity, a name the entity or country the knowledge base knows by it or whole words of the
    actor's name (never a substring: "rus" is not "Mahrus"); `party` matches either side, and
    with `partner` the events between the two, in either direction.
    date_from/date_to may be partial ISO values; an event matches when its
    period overlaps the window (a "2017-11" event matches a window starting 2017-11-05). Events
    without a date never match a date filter. ValueError for a date that is not ISO.
    quad_class (1-4) and modality ("asserted", "negated", ...) are the event's own; country (a
    CAMEO/ISO country code, "RUS") and sector (a CAMEO sector code, "MIL") select the events with a
    participant, actor or recipient, of that country or sector (the facets of the events page).
    inferred=False (None: keep them) leaves out the events whose date rests on an inferred year (`DATE_INFERRED`),
    for charts that should show only dates the sources state."""
    where, params = [], []
    actor, recipient, party, partner = map(resolve_actor, (actor, recipient, party, partner))

    def side(role: str, f: ActorFilter) -> str:  # appends its parameters as it goes
        cond, p = actor_condition(f, "x")
        params.extend([role, *p])
        return f"""EXISTS (SELECT 1 FROM event_actors x LEFT JOIN entities en ON en.id = x.entity_id
                   WHERE x.doc_id = e.doc_id AND x.event_id = e.id AND x.role = ? AND {cond})"""

    if actor:
        where.append(side("actor", actor))
    if recipient:
        where.append(side("recipient", recipient))
    if party and partner:
        where.append(f"""(({side("actor", party)} AND {side("recipient", partner)})
                       OR ({side("actor", partner)} AND {side("recipient", party)}))""")
    elif party or partner:
        one = party or partner
        where.append(f"({side('actor', one)} OR {side('recipient', one)})")
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
    if quad_class is not None:
        where.append("e.quad_class = ?")
        params.append(int(quad_class))
    if modality:
        where.append("lower(e.modality) = lower(?)")
        params.append(modality)
    if inferred is False:
        where.append(f"NOT {DATE_INFERRED}")
    for column, value in (("country", country), ("sector", sector)):
        if value:
            where.append(f"""EXISTS (SELECT 1 FROM event_actors x WHERE x.doc_id = e.doc_id AND x.event_id = e.id
                             AND upper(x.{column}) = upper(?))""")
            params.append(value)
    return where, params


def actor_condition(f: ActorFilter, t: str, *, by_country: bool = True) -> tuple[str, list]:
    """SQL true for a row of `t` (event_actors or mentions: code, country, entity_id, text; `en`
    its LEFT JOINed entity) that filter `f` selects. `by_country`: a three-letter code also takes
    rows of that country (an actor; a mention of a place in the country is not the country)."""
    if f.kind == "code":
        if by_country and len(f.code) == 3:
            return f"(starts_with({t}.code, ?) OR {t}.country = ?)", [f.code, f.code]
        return f"starts_with({t}.code, ?)", [f.code]
    if f.kind == "entity":
        return f"{t}.entity_id = ?", [f.entity_ids[0]]
    pattern = regex(f.words)
    cond = f"(regexp_matches({t}.text, {pattern}) OR regexp_matches(en.canonical_name, {pattern}))"
    if f.entity_ids:
        return f"(list_contains(?, {t}.entity_id) OR {cond})", [list(f.entity_ids)]
    return cond, []


def regex(words: tuple[str, ...] | list[str]) -> str:
    """`query.words_pattern` as an SQL literal. A literal, not a parameter: DuckDB compiles a
    constant pattern once, a parameter's for every row (8 s instead of 0.5 s per million rows).
    Safe to inline: every character of the input that is not a letter or digit is \\x{..}."""
    return "'" + words_pattern(words).replace("'", "''") + "'"


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


# ---------------------------------------------------------------------- text search

FTS_SCHEMA = "fts_main_articles"
_LATIN = re.compile(r"[A-Za-z]")


def _in_text(words: tuple[str, ...] | list[str]) -> str:
    """The words, side by side as whole words, in the article's title or text."""
    pattern = regex(words)
    return f"(regexp_matches(coalesce(a.title, ''), {pattern}) OR regexp_matches(coalesce(a.clean_text, ''), {pattern}))"


def search_sql(sq: SearchQuery, bm25: bool) -> tuple[str, list, str, list[str]]:
    """The SQL of a parsed search query on `articles a`: (score, its params, exact, conditions).
    With `bm25` (a fresh index) the words must all match the index (stemmed: "tuduhan" finds
    "tuduh") and BM25 scores; else each must occur as a whole word and the score counts
    occurrences. Phrases and exclusions are checked on the stored title and text in both cases.
    `exact`: whether the bare words occur side by side (true with "phrases" only; null for one
    word), what ranks first."""
    where: list[str] = []
    terms = sq.terms
    # the index keeps Latin letters only: a number ("7", "2019") or a word in another script is
    # looked for in the stored text instead
    unseen = [w for w in terms if not _LATIN.search(strip_diacritics(w))] if bm25 else []
    where += [_in_text([w]) for w in unseen]
    terms = [w for w in terms if w not in unseen]
    if not terms:
        score, score_params = "NULL::DOUBLE", []
    elif bm25:
        score, score_params = f"{FTS_SCHEMA}.match_bm25(a.id, ?, conjunctive := 1)", [" ".join(terms)]
    else:  # a scan: every word as a whole word, scored by how often the words occur
        where += [_in_text([w]) for w in terms]
        text = "coalesce(a.title, '') || ' ' || coalesce(a.clean_text, '')"
        score = " + ".join(f"len(regexp_extract_all({text}, {regex([w])}))" for w in terms) + " + 0.0"
        score_params = []
    where += [_in_text(phrase) for phrase in sq.phrases]
    where += [f"NOT {_in_text(excluded)}" for excluded in [*((w,) for w in sq.not_words), *sq.not_phrases]]
    # quoted phrases are conditions: every hit has them; bare words may be together or apart
    exact = _in_text(sq.phrase) if sq.phrase else ("TRUE" if sq.phrases else "NULL::BOOLEAN")
    return score, score_params, exact, where


def _first_hit(text: str, sq: SearchQuery) -> re.Match | None:
    """Where a snippet centres: the first quoted phrase, else the bare words side by side, else
    the first word (whole, then as the start of a longer word: the index stems)."""
    candidates = [*sq.phrases, *([sq.phrase] if sq.phrase else []), *((w,) for w in sq.words)]
    for words in candidates:
        if m := python_pattern(words).search(text):
            return m
    for w in sq.words:
        if len(w) >= 4 and (m := re.search(r"(?<!\w)" + re.escape(w[:5]), text, re.IGNORECASE)):
            return m
    return None


def snippet(text: str, query: str | SearchQuery, width: int = 160) -> str:
    """A window of the text around the first hit of the query (see `_first_hit`)."""
    sq = query if isinstance(query, SearchQuery) else parse_search(query)
    m = _first_hit(text, sq)
    pos = m.start() if m else -1
    start = max(0, pos - width // 3) if pos >= 0 else 0
    if start and (space := text.rfind(" ", 0, start)) >= start - 20:  # not in the middle of a word
        start = space + 1
    piece = text[start:start + width].replace("\n", " ").strip()
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(text) else "")


def highlights(snippet_text: str, query: str | SearchQuery) -> list[list[int]]:
    """[start, end) offsets in a snippet of what to highlight: the quoted phrases and the bare
    words side by side, else each word (whole, or a longer word it starts: stemmed matches)."""
    sq = query if isinstance(query, SearchQuery) else parse_search(query)
    spans: list[tuple[int, int]] = []
    for words in [*sq.phrases, *([sq.phrase] if sq.phrase else [])]:
        spans += [m.span() for m in python_pattern(words).finditer(snippet_text)]
    for w in sq.words:
        stem = re.escape(w if len(w) < 5 else w[:5])
        spans += [m.span() for m in re.finditer(rf"(?<!\w){stem}\w*", snippet_text, re.IGNORECASE)]
    out: list[list[int]] = []
    for start, end in sorted(spans):  # merged: a word inside a marked phrase is not marked twice
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out
