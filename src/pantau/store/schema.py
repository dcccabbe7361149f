"""The DuckDB schema. Bump SCHEMA_VERSION (and write a migration) when a table changes.

Offsets are stored as `start_char` / `end_char` (`end` is an SQL keyword). Child rows keep a
`position` so that lists come back in the order the pipeline produced them. Partial dates are
stored as the ISO string plus a `date_start` / `date_end` DATE pair (see `dates.iso_range`).

Event ids only need to be unique within their document, so events are keyed by (doc_id, id).
"""

SCHEMA_VERSION = 1

DDL = """
CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    title VARCHAR,
    outlet VARCHAR,
    dateline VARCHAR,
    published VARCHAR,            -- ISO date/datetime or a bare year, as the cleaner found it
    published_start DATE,
    published_end DATE,
    published_source VARCHAR,
    url VARCHAR,
    source VARCHAR,
    byline VARCHAR[],
    removed VARCHAR[],
    raw_text VARCHAR,
    clean_text VARCHAR,
    ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS sentences (
    doc_id VARCHAR,
    idx INTEGER,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id VARCHAR,
    position INTEGER,
    text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    type VARCHAR,
    entity_id VARCHAR,
    canonical_name VARCHAR,
    country VARCHAR,
    code VARCHAR,
    sentence INTEGER,
    method VARCHAR
);
CREATE TABLE IF NOT EXISTS entities (
    id VARCHAR PRIMARY KEY,
    canonical_name VARCHAR,
    type VARCHAR,
    country VARCHAR,
    code VARCHAR
);
CREATE TABLE IF NOT EXISTS time_values (
    doc_id VARCHAR,
    position INTEGER,
    text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    value VARCHAR,
    granularity VARCHAR,
    anchor VARCHAR,
    flags VARCHAR[],
    sentence INTEGER,
    date_start DATE,
    date_end DATE
);
CREATE TABLE IF NOT EXISTS events (
    doc_id VARCHAR,
    id VARCHAR,
    position INTEGER,
    event_type VARCHAR,
    mode VARCHAR,
    context VARCHAR,
    cameo_code VARCHAR,
    goldstein DOUBLE,
    quad_class INTEGER,
    date VARCHAR,
    date_granularity VARCHAR,
    date_text VARCHAR,
    date_start DATE,
    date_end DATE,
    location_name VARCHAR,
    location_id VARCHAR,
    location_country VARCHAR,
    location_lat DOUBLE,
    location_lon DOUBLE,
    location_text VARCHAR,
    modality VARCHAR,
    reported_by VARCHAR[],
    confidence DOUBLE,
    trigger VARCHAR,
    evidence_doc_id VARCHAR,
    evidence_sentence INTEGER,
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence_text VARCHAR,
    PRIMARY KEY (doc_id, id)
);
CREATE TABLE IF NOT EXISTS event_actors (
    doc_id VARCHAR,
    event_id VARCHAR,
    role VARCHAR,                 -- 'actor' | 'recipient'
    position INTEGER,
    code VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    entity_id VARCHAR,
    text VARCHAR
);
CREATE TABLE IF NOT EXISTS quotes (
    doc_id VARCHAR,
    position INTEGER,
    text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    kind VARCHAR,
    cue VARCHAR,
    speaker_entity_id VARCHAR,
    speaker_name VARCHAR,
    speaker_text VARCHAR,
    sentence INTEGER
);
"""

# Column order of each child table, as written by Store.write_document.
COLUMNS = {
    "articles": (
        "id", "title", "outlet", "dateline", "published", "published_start", "published_end",
        "published_source", "url", "source", "byline", "removed", "raw_text", "clean_text",
        "ingested_at",
    ),
    "sentences": ("doc_id", "idx", "start_char", "end_char", "text"),
    "mentions": (
        "doc_id", "position", "text", "start_char", "end_char", "type", "entity_id",
        "canonical_name", "country", "code", "sentence", "method",
    ),
    "time_values": (
        "doc_id", "position", "text", "start_char", "end_char", "value", "granularity", "anchor",
        "flags", "sentence", "date_start", "date_end",
    ),
    "events": (
        "doc_id", "id", "position", "event_type", "mode", "context", "cameo_code", "goldstein",
        "quad_class", "date", "date_granularity", "date_text", "date_start", "date_end",
        "location_name", "location_id", "location_country", "location_lat", "location_lon",
        "location_text", "modality", "reported_by", "confidence", "trigger", "evidence_doc_id",
        "evidence_sentence", "evidence_start", "evidence_end", "evidence_text",
    ),
    "event_actors": (
        "doc_id", "event_id", "role", "position", "code", "country", "sector", "entity_id", "text",
    ),
    "quotes": (
        "doc_id", "position", "text", "start_char", "end_char", "kind", "cue",
        "speaker_entity_id", "speaker_name", "speaker_text", "sentence",
    ),
}

CHILD_TABLES = ("sentences", "mentions", "time_values", "events", "event_actors", "quotes")

# An index on doc_id per child table: reading one article (`Store.document`, the article page)
# is a handful of point lookups, each a full scan without it (9 ms → 1-2 ms for mentions at 10k
# articles). Created on the next writable open of an older store; building it for 10k articles
# takes half a second.
DDL += "".join(f"CREATE INDEX IF NOT EXISTS {t}_doc_id ON {t}(doc_id);\n" for t in CHILD_TABLES)
