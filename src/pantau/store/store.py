"""The DuckDB store: one file, one transaction per article, BM25 search, query helpers.

    with Store("pantau.duckdb") as st:
        st.write_document(doc)          # False if that article id is already stored
        st.rebuild_search_index()       # after a batch of writes
        st.events(actor="TUR", date_from="2017-11")
"""

from __future__ import annotations

import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pantau.model import (
    Actor, Document, Event, Evidence, Mention, Place, Quote, Sentence, TimeValue,
)
from pantau.store.access import connect, data_version
from pantau.store.dates import iso_range
from pantau.store.explore import ExploreQueries
from pantau.store.sql import (
    DATE_INFERRED, FTS_SCHEMA, dicts, entity_where, event_order, event_where, highlights, quote_where, snippet, where_sql,
)
from pantau.store.schema import CHILD_TABLES, COLUMNS, DDL, SCHEMA_VERSION


def fts_extension_path() -> Path | None:
    """The FTS extension file shipped by the `duckdb-extension-fts` wheel (never downloaded)."""
    try:
        import duckdb_extension_fts
    except ImportError:
        return None
    root = Path(duckdb_extension_fts.__file__).parent / "extensions"
    exact = root / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    if exact.exists():
        return exact
    return next(iter(sorted(root.rglob("*.duckdb_extension"))), None)


class Store(ExploreQueries):
    """One connection to the DuckDB file. Hold it briefly: while it is open, a process that wants
    the file the other way waits (see access.py). `wait`: seconds to wait for the file (default
    PANTAU_DB_WAIT). `order_cache`: remembered event orders shared between the short-lived stores
    of one server (read-only stores only)."""

    def __init__(self, path: str | Path = "pantau.duckdb", read_only: bool = False, *, wait: float | None = None,
                 order_cache: "OrderCache | None" = None):
        self.path = Path(path)
        self.read_only = read_only
        self.con = connect(self.path, read_only, wait)
        # No other process can commit while this connection is open, so the data's version read
        # now holds for the connection's life: the key under which its orders are remembered.
        self.version = data_version(self.path)
        self._fts: bool | None = None  # the search extension is loaded on first use (35 ms)
        self.order_cache = (order_cache or OrderCache()) if read_only else None
        if not read_only:
            self._create_schema()

    # ------------------------------------------------------------------ lifecycle
    @property
    def fts(self) -> bool:
        """Whether BM25 search is available (the extension loads on first use)."""
        if self._fts is None:
            self._fts = self._load_fts()
        return self._fts

    @fts.setter
    def fts(self, available: bool) -> None:
        self._fts = available

    def _load_fts(self) -> bool:
        ext = fts_extension_path()
        if ext is None:
            return False
        try:
            self.con.execute(f"LOAD '{ext.as_posix()}'")
            return True
        except duckdb.Error:
            return False

    def _create_schema(self) -> None:
        self.con.execute(DDL)
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        elif int(row[0]) != SCHEMA_VERSION:
            raise RuntimeError(
                f"{self.path}: schema version {row[0]}, this pantau expects {SCHEMA_VERSION}"
            )

    def schema_version(self) -> int | None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException:
            return None
        return int(row[0]) if row else None

    def cursor(self) -> "Store":
        """Another Store on the same open database with its own connection: a DuckDB connection
        must not be shared between threads, so each web worker thread takes one of these."""
        view = Store.__new__(Store)
        view.path, view.read_only, view._fts, view.order_cache = self.path, self.read_only, self._fts, self.order_cache
        view.version = self.version
        view.con = self.con.cursor()
        return view

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ writes
    def has_article(self, doc_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [doc_id]).fetchone() is not None

    def new_ids(self, ids: list[str]) -> set[str]:
        """Those of `ids` that are not stored yet."""
        stored = {r[0] for r in self.con.execute("SELECT id FROM articles WHERE list_contains(?, id)", [ids]).fetchall()}
        return set(ids) - stored

    def write_document(self, doc: Document) -> bool:
        """Store one analysed article atomically. Returns False if its id is already stored."""
        return self.write_documents([doc]) == 1

    def write_documents(self, docs: list[Document]) -> int:
        """Store several articles in ONE transaction (all or nothing), skipping ids already stored
        (and repeats within `docs`). Returns how many were written. Bulk loads use this: the
        fixed cost of a DuckDB insert is paid once per table per batch, not per article."""
        self.con.begin()
        try:
            ids = [d.id for d in docs]
            stored = {r[0] for r in self.con.execute(
                "SELECT id FROM articles WHERE list_contains(?, id)", [ids]).fetchall()}
            fresh, seen = [], set(stored)
            for d in docs:
                if d.id not in seen:
                    seen.add(d.id)
                    fresh.append(d)
            if not fresh:
                self.con.rollback()
                return 0
            tables: dict[str, list[tuple]] = {}
            for d in fresh:
                for table, rows in _document_rows(d).items():
                    tables.setdefault(table, []).extend(rows)
            for table, rows in tables.items():
                self._insert(table, rows)
            self._upsert_entities([m for d in fresh for m in d.mentions])
            self._set_meta("fts_dirty", "1")
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return len(fresh)

    def _insert(self, table: str, rows: list[tuple]) -> None:
        """Bulk-insert rows (tuples in COLUMNS[table] order) through one Arrow scan."""
        if not rows:
            return
        cols = COLUMNS[table]
        batch = pa.table({c: [r[i] for r in rows] for i, c in enumerate(cols)})  # noqa: F841
        self.con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT * FROM batch")

    def _upsert_entities(self, mentions: list[Mention]) -> None:
        """Add the linked entities of these mentions to `entities`; fill fields still unknown."""
        seen: dict[str, tuple] = {}
        for m in mentions:
            if m.entity_id and m.entity_id not in seen:
                seen[m.entity_id] = (m.entity_id, m.canonical_name or m.text, m.type, m.country, m.code)
        if not seen:
            return
        cols = ("id", "canonical_name", "type", "country", "code")
        batch = pa.table({c: [r[i] for r in seen.values()] for i, c in enumerate(cols)})  # noqa: F841
        self.con.execute("""
            INSERT INTO entities SELECT * FROM batch
            ON CONFLICT (id) DO UPDATE SET
                canonical_name = coalesce(entities.canonical_name, excluded.canonical_name),
                country = coalesce(entities.country, excluded.country),
                code = coalesce(entities.code, excluded.code)""")

    def _set_meta(self, key: str, value: str) -> None:
        self.con.execute(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def _meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------------ search
    def _has_fts_index(self) -> bool:
        q = "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = ?"
        return self.con.execute(q, [FTS_SCHEMA]).fetchone()[0] > 0

    def search_index_fresh(self) -> bool:
        """BM25 can answer: the index exists and covers every stored article. A run killed before
        its rebuild leaves it stale (`fts_dirty`); readers then scan the text instead, so that
        no article is missed, until the next ingest rebuilds it."""
        return self.fts and self._has_fts_index() and self._meta("fts_dirty") == "0"

    def rebuild_search_index(self) -> None:
        """(Re)build the BM25 index over articles(title, clean_text); call after a batch of writes."""
        if not self.fts:
            raise RuntimeError("DuckDB FTS extension not available (pip install duckdb-extension-fts)")
        self.con.execute(
            "PRAGMA create_fts_index('articles', 'id', 'title', 'clean_text', "
            "stemmer = 'indonesian', stopwords = 'none', overwrite = 1)"
        )
        self._set_meta("fts_dirty", "0")

    def search(self, query: str, limit: int = 20, *, sort: str | None = None) -> list[dict]:
        """Articles matching a search query (`query.parse_search`: every word, "exact phrases",
        -excluded words and -"phrases"), best first: those with the words side by side, then by
        BM25 over title + clean_text (Indonesian Snowball stemmer). Rebuilds a stale index when
        writable; a read-only store without a fresh index scans for whole words instead. Each
        hit has a snippet around the phrase (or first word) and `highlights`, the [start, end)
        offsets in the snippet of the phrase and words. `sort` as `articles` takes it."""
        if self.fts and not self.read_only and not self.search_index_fresh():
            self.rebuild_search_index()
        rows, _ = self.articles(q=query, limit=limit, sort=sort or "relevance")
        texts = dict(self.con.execute(
            "SELECT id, clean_text FROM articles WHERE id IN (SELECT unnest(?))", [[r["id"] for r in rows]]).fetchall())
        out = []
        for r in rows:
            piece = snippet(texts.get(r["id"]) or "", query)
            out.append({"id": r["id"], "title": r["title"], "outlet": r["outlet"], "published": r["published"],
                        "score": r["score"] if r["score"] is not None else 0.0, "exact": r["exact"],
                        "snippet": piece, "highlights": highlights(piece, query)})
        return out

    # ------------------------------------------------------------------ queries
    def events(
        self, *, actor: str | None = None, recipient: str | None = None,
        event_type: str | None = None, date_from: str | None = None, date_to: str | None = None,
        outlet: str | None = None, doc: str | None = None, party: str | None = None,
        partner: str | None = None, location: str | None = None, quad_class: int | None = None,
        modality: str | None = None, country: str | None = None, sector: str | None = None,
        inferred: bool | None = None, limit: int | None = None, offset: int = 0, sort: str | None = None,
    ) -> list[dict]:
        """Events with their actors/recipients and article metadata, filtered as `event_where`
        describes, in date order (undated last) or as `sort` asks: "date", "-date" (newest
        first), "goldstein", "-goldstein", "type" (sql.EVENT_SORTS; ValueError for another)."""
        order = event_order(sort)
        where, params = event_where(actor=actor, recipient=recipient, event_type=event_type, date_from=date_from,
                                    date_to=date_to, outlet=outlet, doc=doc, party=party, partner=partner,
                                    location=location, quad_class=quad_class, modality=modality, country=country,
                                    sector=sector, inferred=inferred)
        return self._events(where, params, limit, offset, order)

    def timeline(self, *, actor: str | None = None, limit: int | None = None, sort: str | None = None) -> list[dict]:
        """Events in date order (unknown dates last; or as `sort` asks) involving `actor` as actor
        or recipient."""
        return self.events(party=actor, limit=limit, sort=sort)

    def _events(self, where: list[str], params: list, limit: int | None, offset: int = 0,
                order: str = event_order(None)) -> list[dict]:
        keys = self._event_order(where, params, order)
        if keys is not None:  # the order is known: one page of rows by key
            page_keys = keys[offset:offset + limit] if limit else keys[offset:]
            if not page_keys:
                return []
            page = """SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::VARCHAR[]) AS id, unnest(range(?)) AS rank"""
            page_params = [[k[0] for k in page_keys], [k[1] for k in page_keys], len(page_keys)]
        else:
            # Sort the keys first and fetch the full rows of one page only: sorting whole event
            # rows (evidence text and all) is what made a page of a large store slow.
            page = f"""
                SELECT e.doc_id, e.id, row_number() OVER () AS rank FROM (
                    SELECT e.doc_id, e.id FROM events e JOIN articles a ON a.id = e.doc_id
                    {where_sql(where)}
                    {order}
                    {"LIMIT " + str(int(limit)) if limit else ""} {"OFFSET " + str(int(offset)) if offset else ""}) e"""
            page_params = params
        rows = dicts(self.con.execute(f"""
            WITH page AS ({page})
            SELECT e.*, {DATE_INFERRED} AS date_inferred, a.title, a.outlet, a.published, a.url, a.source,
                a.ingested_at
            FROM page p JOIN events e ON e.doc_id = p.doc_id AND e.id = p.id JOIN articles a ON a.id = p.doc_id
            ORDER BY p.rank""", page_params))
        if not rows:
            return rows
        actors = dicts(self.con.execute("""
            SELECT x.* FROM event_actors x
            SEMI JOIN (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::VARCHAR[]) AS event_id) k
                ON k.doc_id = x.doc_id AND k.event_id = x.event_id
            ORDER BY x.doc_id, x.event_id, x.role, x.position""", [[r["doc_id"] for r in rows], [r["id"] for r in rows]]))
        by_event: dict[tuple, dict[str, list]] = {}
        for x in actors:
            slot = by_event.setdefault((x["doc_id"], x["event_id"]), {"actor": [], "recipient": []})
            slot[x["role"]].append({k: x[k] for k in ("code", "country", "sector", "entity_id", "text")})
        for r in rows:
            slot = by_event.get((r["doc_id"], r["id"]), {"actor": [], "recipient": []})
            r["actors"], r["recipients"] = slot["actor"], slot["recipient"]
        return rows

    def entities(self, *, type: str | None = None, name: str | None = None, limit: int | None = None,
                 offset: int = 0) -> list[dict]:
        """Entities seen in the corpus with their mention and document counts, most mentioned first."""
        where, params = entity_where(type, name)
        sql = f"""
            SELECT en.id, en.canonical_name, en.type, en.country, en.code,
                   count(m.doc_id) AS mentions, count(DISTINCT m.doc_id) AS documents
            FROM entities en LEFT JOIN mentions m ON m.entity_id = en.id
            {where}
            GROUP BY ALL ORDER BY mentions DESC, en.canonical_name, en.id
            {"LIMIT " + str(int(limit)) if limit else ""} {"OFFSET " + str(int(offset)) if offset else ""}"""
        return dicts(self.con.execute(sql, params))

    def quotes(self, *, speaker: str | None = None, doc: str | None = None, limit: int | None = None,
               offset: int = 0) -> list[dict]:
        """Quotes; speaker matches the entity id or a substring of the speaker's name or span."""
        where, params = quote_where(speaker, doc)
        sql = f"""
            SELECT q.doc_id, q.position, q.text, q.kind, q.cue, q.speaker_entity_id, q.speaker_name,
                   q.speaker_text, q.sentence, q.start_char, q.end_char, a.title, a.outlet, a.published
            FROM quotes q JOIN articles a ON a.id = q.doc_id
            {where}
            ORDER BY a.published_start NULLS LAST, q.doc_id, q.position
            {"LIMIT " + str(int(limit)) if limit else ""} {"OFFSET " + str(int(offset)) if offset else ""}"""
        return dicts(self.con.execute(sql, params))

    def count_quotes(self, *, speaker: str | None = None, doc: str | None = None) -> int:
        where, params = quote_where(speaker, doc)
        return self.con.execute(f"SELECT count(*) FROM quotes q {where}", params).fetchone()[0]

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM articles ORDER BY published_start NULLS LAST, id").fetchall()]

    def resolve_doc_id(self, doc_id_or_prefix: str, *, source_names_only: bool = False) -> str | None:
        """The full id for an id, a unique id prefix, or a unique part of the source path (of its
        file name only with `source_names_only`: the server, whose answers must not tell which
        directories its files are in); None if unknown; LookupError if ambiguous."""
        ids = [r[0] for r in self.con.execute(
            "SELECT id FROM articles WHERE starts_with(id, ?) ORDER BY id LIMIT 2", [doc_id_or_prefix]
        ).fetchall()]
        if doc_id_or_prefix in ids or len(ids) == 1:
            return doc_id_or_prefix if doc_id_or_prefix in ids else ids[0]
        if ids:
            raise LookupError(f"document prefix {doc_id_or_prefix!r} is ambiguous")
        # not an id: the file or feed it came from ("examples/001_7cbe7c7a494aa669.txt", "001_7cbe")
        source = "regexp_extract(source, '[^/\\\\]*$')" if source_names_only else "source"
        by_source = [r[0] for r in self.con.execute(
            f"SELECT id FROM articles WHERE contains({source}, ?) ORDER BY id LIMIT 2", [doc_id_or_prefix]).fetchall()]
        if len(by_source) > 1:
            raise LookupError(f"{doc_id_or_prefix!r} matches the source of several documents")
        return by_source[0] if by_source else None

    def document(self, doc_id_or_prefix: str, *, source_names_only: bool = False) -> Document | None:
        """Rebuild the full Document from the tables (the inverse of write_document)."""
        doc_id = self.resolve_doc_id(doc_id_or_prefix, source_names_only=source_names_only)
        if doc_id is None:
            return None
        a = dicts(self.con.execute("SELECT * FROM articles WHERE id = ?", [doc_id]))[0]

        def rows(table: str, order: str) -> list[dict]:
            return dicts(self.con.execute(f"SELECT * FROM {table} WHERE doc_id = ? ORDER BY {order}", [doc_id]))

        actors: dict[tuple[str, str], list[Actor]] = {}
        for x in rows("event_actors", "event_id, role, position"):
            actors.setdefault((x["event_id"], x["role"]), []).append(
                Actor(code=x["code"], country=x["country"], sector=x["sector"], entity_id=x["entity_id"], text=x["text"])
            )
        events = []
        for e in rows("events", "position"):
            location = None
            if e["location_name"] is not None:
                location = Place(name=e["location_name"], id=e["location_id"], country=e["location_country"],
                                 lat=e["location_lat"], lon=e["location_lon"], text=e["location_text"])
            events.append(Event(
                id=e["id"], event_type=e["event_type"], cameo_code=e["cameo_code"], goldstein=e["goldstein"],
                quad_class=e["quad_class"], actors=actors.get((e["id"], "actor"), []),
                recipients=actors.get((e["id"], "recipient"), []),
                evidence=Evidence(doc_id=e["evidence_doc_id"], sentence=e["evidence_sentence"],
                                  start=e["evidence_start"], end=e["evidence_end"], text=e["evidence_text"]),
                trigger=e["trigger"], mode=e["mode"], context=e["context"], date=e["date"],
                date_granularity=e["date_granularity"], date_text=e["date_text"], location=location,
                modality=e["modality"], reported_by=list(e["reported_by"] or []), confidence=e["confidence"],
            ))
        return Document(
            id=a["id"], raw_text=a["raw_text"], clean_text=a["clean_text"], title=a["title"],
            outlet=a["outlet"], dateline=a["dateline"], published=a["published"],
            published_source=a["published_source"], url=a["url"], source=a["source"],
            byline=list(a["byline"] or []), removed=list(a["removed"] or []),
            sentences=[Sentence(index=s["idx"], start=s["start_char"], end=s["end_char"], text=s["text"])
                       for s in rows("sentences", "idx")],
            mentions=[Mention(text=m["text"], start=m["start_char"], end=m["end_char"], type=m["type"],
                              entity_id=m["entity_id"], canonical_name=m["canonical_name"], country=m["country"],
                              code=m["code"], sentence=m["sentence"], method=m["method"])
                      for m in rows("mentions", "position")],
            time_values=[TimeValue(text=t["text"], start=t["start_char"], end=t["end_char"], value=t["value"],
                                   granularity=t["granularity"], anchor=t["anchor"], flags=list(t["flags"] or []),
                                   sentence=t["sentence"])
                         for t in rows("time_values", "position")],
            events=events,
            quotes=[Quote(text=q["text"], start=q["start_char"], end=q["end_char"], kind=q["kind"], cue=q["cue"],
                          speaker_entity_id=q["speaker_entity_id"], speaker_name=q["speaker_name"],
                          speaker_text=q["speaker_text"], sentence=q["sentence"])
                    for q in rows("quotes", "position")],
        )

    def stats(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": str(self.path), "schema_version": self.schema_version()}
        for table in ("articles", "entities", *CHILD_TABLES):
            out[table] = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        out["outlets"] = self.con.execute("SELECT count(DISTINCT outlet) FROM articles").fetchone()[0]
        first, last = self.con.execute("SELECT min(published_start), max(published_end) FROM articles").fetchone()
        out["published_from"], out["published_to"] = _iso(first), _iso(last)
        first, last = self.con.execute("SELECT min(date_start), max(date_end) FROM events").fetchone()
        out["events_from"], out["events_to"] = _iso(first), _iso(last)
        out["events_undated"] = self.con.execute("SELECT count(*) FROM events WHERE date_start IS NULL").fetchone()[0]
        out["event_types"] = dict(self.con.execute(
            "SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1").fetchall())
        return out


# ---------------------------------------------------------------------- helpers

class OrderCache:
    """Event keys in listing order per filter set and data version, for read-only stores (which
    see no commit while open): paging through a selection then costs one lookup of 50 rows by
    key instead of a sort of the whole selection, and its size is known. Bounded in entries and
    in keys per entry; orders of older versions age out."""

    ENTRIES = 64
    MAX_KEYS = 200_000

    def __init__(self):
        self.entries: dict[tuple, list[tuple[str, str]]] = {}
        self.lock = threading.Lock()

    def get(self, signature: tuple) -> list[tuple[str, str]] | None:
        with self.lock:
            keys = self.entries.pop(signature, None)
            if keys is not None:
                self.entries[signature] = keys  # most recently used last
            return keys

    def put(self, signature: tuple, keys: list[tuple[str, str]]) -> None:
        with self.lock:
            self.entries[signature] = keys
            while len(self.entries) > self.ENTRIES:
                self.entries.pop(next(iter(self.entries)))


def _iso(d) -> str | None:
    return d.isoformat() if d is not None else None


def _document_rows(doc: Document) -> dict[str, list[tuple]]:
    """All rows that represent one Document, keyed by table, in COLUMNS order."""
    pub_start, pub_end = iso_range(doc.published)
    rows: dict[str, list[tuple]] = {
        "articles": [(
            doc.id, doc.title, doc.outlet, doc.dateline, doc.published, pub_start, pub_end,
            doc.published_source, doc.url, doc.source, list(doc.byline), list(doc.removed),
            doc.raw_text, doc.clean_text, datetime.now(timezone.utc).replace(tzinfo=None),
        )],
        "sentences": [(doc.id, s.index, s.start, s.end, s.text) for s in doc.sentences],
        "mentions": [
            (doc.id, i, m.text, m.start, m.end, m.type, m.entity_id, m.canonical_name, m.country, m.code,
             m.sentence, m.method)
            for i, m in enumerate(doc.mentions)
        ],
        "time_values": [
            (doc.id, i, t.text, t.start, t.end, t.value, t.granularity, t.anchor, list(t.flags), t.sentence,
             *iso_range(t.value))
            for i, t in enumerate(doc.time_values)
        ],
        "events": [],
        "event_actors": [],
        "quotes": [
            (doc.id, i, q.text, q.start, q.end, q.kind, q.cue, q.speaker_entity_id, q.speaker_name,
             q.speaker_text, q.sentence)
            for i, q in enumerate(doc.quotes)
        ],
    }
    for i, e in enumerate(doc.events):
        loc, ev = e.location, e.evidence
        rows["events"].append((
            doc.id, e.id, i, e.event_type, e.mode, e.context, e.cameo_code, e.goldstein, e.quad_class,
            e.date, e.date_granularity, e.date_text, *iso_range(e.date),
            loc.name if loc else None, loc.id if loc else None, loc.country if loc else None,
            loc.lat if loc else None, loc.lon if loc else None, loc.text if loc else None,
            e.modality, list(e.reported_by), e.confidence, e.trigger,
            ev.doc_id, ev.sentence, ev.start, ev.end, ev.text,
        ))
        for role, actors in (("actor", e.actors), ("recipient", e.recipients)):
            rows["event_actors"] += [
                (doc.id, e.id, role, j, a.code, a.country, a.sector, a.entity_id, a.text)
                for j, a in enumerate(actors)
            ]
    return rows


def open_parquet(folder: str | Path) -> Store:
    """A read-only Store over the Parquet folder of `pantau ingest --engine ray`: every table is a
    view on its files, so the CLI's queries (events, entities, quotes, timeline, show, export)
    run on it unchanged. Full-text search falls back to a substring scan (there is no index)."""
    folder = Path(folder)
    store = Store.__new__(Store)
    store.path, store.read_only = folder, True
    store.con = duckdb.connect()
    store.fts = False
    store.version = None  # Parquet files are replaced whole by a new run, not appended to
    store.order_cache = OrderCache()
    store.con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    store.con.execute("INSERT INTO meta VALUES ('schema_version', ?), ('fts_dirty', '0')", [str(SCHEMA_VERSION)])
    for table in (*ARTICLE_TABLES, "entities"):
        files = f"{folder / table}/**/*.parquet"
        if any((folder / table).rglob("*.parquet")):
            store.con.execute(f"CREATE VIEW {table} AS SELECT * EXCLUDE (month) FROM read_parquet('{files}', "
                              "hive_partitioning = true, union_by_name = true)" if table != "entities" else
                              f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{files}')")
    return store


# Tables that hold one article's data, in the order a reader would load them.
ARTICLE_TABLES = ("articles", "sentences", "mentions", "time_values", "events", "event_actors", "quotes")
_scratch: Store | None = None  # an in-memory store per process, reused by document_tables


def document_tables(docs: list[Document]) -> dict[str, pa.Table]:
    """These documents' rows as Arrow tables with the store's own column types, obtained through
    an in-memory DuckDB with the same DDL: what the Ray engine writes to Parquet, so that the
    Parquet output and a DuckDB file can never disagree on a column."""
    global _scratch
    if _scratch is None:
        _scratch = Store(":memory:")
    rows: dict[str, list[tuple]] = {t: [] for t in ARTICLE_TABLES}
    for d in docs:
        for table, table_rows in _document_rows(d).items():
            rows[table].extend(table_rows)
    out = {}
    for table in ARTICLE_TABLES:
        _scratch.con.execute(f"DELETE FROM {table}")
        _scratch._insert(table, rows[table])
        out[table] = _scratch.con.execute(f"SELECT * FROM {table}").fetch_arrow_table()
    return out
