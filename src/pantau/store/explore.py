"""Queries for exploring a store: counts for pagination, article lists, an entity's profile, and
the aggregates behind the timeline, network and map views (used by the REST API and web UI).

They are a mixin of `Store`, so they run on a DuckDB file and on a Parquet folder alike, and take
the same event filters as `Store.events` (see `sql.event_where`).
"""

from __future__ import annotations

from typing import Any

from pantau.store.query import parse_search, resolve_actor
from pantau.store.sql import (
    ARTICLE_SORTS, EVENT_ORDER, actor_condition, dicts, entity_where, event_where, search_sql, snippet, where_sql,
    window,
)

GRANULARITIES = ("day", "week", "month", "year")
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

# The facets of an event list: facet name (the URL/API parameter that filters on it) → the
# `event_where` keyword of that filter and the SQL of the value per event (events e JOIN
# articles a); the participant facets are counted over event_actors x (an event counts once
# under each country or sector among its actors and recipients).
EVENT_FACETS = {
    "type": ("event_type", "e.event_type"),
    "quad_class": ("quad_class", "CAST(e.quad_class AS VARCHAR)"),
    "modality": ("modality", "e.modality"),
    "outlet": ("outlet", "a.outlet"),
    "location": ("location", "coalesce(e.location_id, e.location_name)"),
}
PARTICIPANT_FACETS = {"country": ("country", "x.country"), "sector": ("sector", "x.sector")}
FACETS = (*EVENT_FACETS, *PARTICIPANT_FACETS)


def auto_granularity(first, last) -> str:
    """The step of a histogram over [first, last] (dates): about 30 to 100 bars where it can."""
    if first is None or last is None:
        return "month"
    days = (last - first).days
    return "day" if days <= 62 else "week" if days <= 600 else "month" if days <= 366 * 12 else "year"


class ExploreQueries:
    con: Any  # the DuckDB connection of the Store

    # ------------------------------------------------------------------ events
    def count_events(self, **filters: Any) -> int:
        where, params = event_where(**filters)
        keys = self._event_order(where, params)
        if keys is not None:
            return len(keys)
        sql = f"""SELECT count(*) FROM events e JOIN articles a ON a.id = e.doc_id
                  {where_sql(where)}"""
        return self.con.execute(sql, params).fetchone()[0]

    def _event_order(self, where: list[str], params: list, order: str = EVENT_ORDER) -> list[tuple[str, str]] | None:
        """The (doc_id, id) of every matching event in listing order (`order`, an ORDER BY of
        sql.EVENT_SORTS), remembered per filter set and order on a read-only store
        (`store.OrderCache`); None where there is no cache or too many events."""
        cache = getattr(self, "order_cache", None)
        if cache is None:
            return None
        signature = (getattr(self, "version", None), tuple(where), tuple(map(str, params)), order)
        keys = cache.get(signature)
        if keys is None:
            keys = self.con.execute(f"""
                SELECT e.doc_id, e.id FROM events e JOIN articles a ON a.id = e.doc_id
                {where_sql(where)} {order} LIMIT {cache.MAX_KEYS + 1}""",
                params).fetchall()
            if len(keys) > cache.MAX_KEYS:
                return None
            cache.put(signature, keys)
        return keys

    def event_buckets(self, granularity: str = "month", **filters: Any) -> list[dict]:
        """Dated events counted per period (by the first day of their date) and QuadClass, with the
        mean Goldstein score. Undated events are left out (they have no place on a time axis)."""
        if granularity not in GRANULARITIES:
            raise ValueError(f"granularity must be one of {', '.join(GRANULARITIES)}")
        where, params = event_where(**filters)
        where.append("e.date_start IS NOT NULL")
        sql = f"""
            SELECT strftime(date_trunc('{granularity}', e.date_start), '%Y-%m-%d') AS period,
                   e.quad_class, count(*) AS events, avg(e.goldstein) AS goldstein
            FROM events e JOIN articles a ON a.id = e.doc_id
            WHERE {" AND ".join(where)}
            GROUP BY ALL ORDER BY period, e.quad_class NULLS LAST"""
        return dicts(self.con.execute(sql, params))

    def event_span(self, **filters: Any) -> tuple:
        """(first, last) date of the bulk of the matching dated events: the 1st and 99th
        percentiles of their start dates, so that a stray date (1918, 3020) does not decide the
        scale of a histogram. (None, None) when none is dated."""
        where, params = event_where(**filters)
        where.append("e.date_start IS NOT NULL")
        row = self.con.execute(f"""
            SELECT quantile_disc(e.date_start, 0.01), quantile_disc(e.date_start, 0.99)
            FROM events e JOIN articles a ON a.id = e.doc_id WHERE {" AND ".join(where)}""", params).fetchone()
        return row[0], row[1]

    def event_facets(self, top: int = 12, **filters: Any) -> dict[str, list[dict]]:
        """The values of each facet (FACETS: type, quad_class, modality, outlet, location,
        country, sector) among the events matching `filters`, each with its number of events:
        {facet: [{value, label, count}]}, most events first, the `top` of them (an active
        value always included, with count 0 where nothing else matches it).

        As faceted search counts: a facet's own filter is left out of its counts (with
        type=ASSAULT the type facet still lists every type under the other filters). One SQL
        statement: the facets whose filter is not set share one filtered set of events
        (unpivoted, grouped by facet and value); a facet whose filter is set gets a set of its own."""
        groups: dict[str | None, list[str]] = {}  # the filter left out → the facets counted there
        for facet, (key, _) in {**EVENT_FACETS, **PARTICIPANT_FACETS}.items():
            groups.setdefault(key if filters.get(key) not in (None, "") else None, []).append(facet)
        ctes, parts, params = [], [], []
        for n, (left_out, facets) in enumerate(groups.items()):
            where, p = event_where(**{k: v for k, v in filters.items() if k != left_out})
            own = [f for f in facets if f in EVENT_FACETS]
            cols = "".join(f", {EVENT_FACETS[f][1]} AS {f}" for f in own)
            ctes.append(f"""s{n} AS MATERIALIZED (
                SELECT e.doc_id, e.id, e.location_name{cols} FROM events e JOIN articles a ON a.id = e.doc_id
                {where_sql(where)})""")
            params += p
            if own:
                parts.append(f"""SELECT facet, value, any_value(location_name) AS label, count(*) AS n
                    FROM (UNPIVOT s{n} ON {", ".join(own)} INTO NAME facet VALUE value) GROUP BY facet, value""")
            side = [f for f in facets if f in PARTICIPANT_FACETS]
            if side:
                cols = ", ".join(f"{PARTICIPANT_FACETS[f][1]} AS {f}" for f in side)
                parts.append(f"""SELECT facet, value, NULL AS label, count(DISTINCT (doc_id, event_id)) AS n
                    FROM (UNPIVOT (SELECT x.doc_id, x.event_id, {cols} FROM event_actors x
                                   SEMI JOIN s{n} ON s{n}.doc_id = x.doc_id AND s{n}.id = x.event_id)
                          ON {", ".join(side)} INTO NAME facet VALUE value) GROUP BY facet, value""")
        rows = self.con.execute(f"WITH {', '.join(ctes)} " + " UNION ALL ".join(parts), params).fetchall()
        kb = None
        out: dict[str, list[dict]] = {f: [] for f in FACETS}
        for facet, value, label, count in sorted(rows, key=lambda r: (r[0], -r[3], str(r[1]))):
            if value in (None, ""):
                continue
            out[facet].append({"value": value, "label": label, "count": count})
        for facet, items in out.items():
            active = filters.get({**EVENT_FACETS, **PARTICIPANT_FACETS}[facet][0])
            kept = items[:top]
            if active not in (None, "") and not any(str(i["value"]).lower() == str(active).lower() for i in kept):
                hit = [i for i in items if str(i["value"]).lower() == str(active).lower()]
                kept.append(hit[0] if hit else {"value": str(active), "label": None, "count": 0})
            for i in kept:
                if facet == "quad_class":
                    i["value"] = int(i["value"])
                    i["label"] = QUAD_CLASSES.get(i["value"], str(i["value"]))
                elif facet in ("country", "sector"):
                    from pantau.kb import SECTOR_NAMES, KnowledgeBase

                    kb = kb or KnowledgeBase.load()
                    i["label"] = (kb.code_label(i["value"]) if facet == "country" else
                                  SECTOR_NAMES.get(str(i["value"]).upper())) or i["value"]
                elif facet != "location" or not i["label"]:
                    i["label"] = i["value"]
            out[facet] = kept
        return out

    def suggest(self, q: str, kind: str = "actor", limit: int = 10) -> list[dict]:
        """Up to `limit` completions of what is typed into an actor field (`kind` "actor") or the
        entities page's name field ("entity": entities of this store only): countries by name
        ("Rusia" → RUS), entities by a word of their canonical name or of an alias the knowledge
        base knows ("Jokowi" → Joko Widodo), and CAMEO actor codes seen here (RUSMIL). Each:
        {value (what goes into the field), label, kind (country/entity/code), id, code, events
        (in this store, as a participant), resolves (what the value means as a filter)}."""
        from pantau.kb import KnowledgeBase
        from pantau.store import suggest as sg

        q = " ".join(q.split())[:100]
        if not q:
            return []
        kb = KnowledgeBase.load()
        body = "".join(c if c.isalnum() else f"\\x{{{ord(c):x}}}" for c in q)
        pattern = "'(?i)(?:^|[^\\p{L}\\p{N}_])" + body.replace("'", "''") + "'"  # a word starting with q
        store_hits = self.con.execute(f"""
            SELECT id FROM entities WHERE id = ? OR regexp_matches(canonical_name, {pattern}) LIMIT 200""",
            [q]).fetchall()
        via: dict[str, str] = {}  # entity id → the KB name (alias) it was found by
        for name in sg.kb_names(q, 40):
            for e in kb.lookup(name)[:2]:
                via.setdefault(e.id, name)
        ids = list(dict.fromkeys([i for i, in store_hits] + list(via)))
        countries = sg.countries(q) if kind != "entity" else []
        code = q.upper() if kind != "entity" and q.isalpha() and 2 <= len(q) <= 6 else None
        counts: dict[tuple[str, str], int] = {}
        info: dict[str, tuple] = {}
        if ids or countries or code:
            counts = {(k, v): n for k, v, n in self.con.execute("""
                SELECT 'entity', entity_id, count(DISTINCT (doc_id, event_id)) FROM event_actors
                    WHERE entity_id IN (SELECT unnest($1::VARCHAR[])) GROUP BY 2
                UNION ALL SELECT 'country', country, count(DISTINCT (doc_id, event_id)) FROM event_actors
                    WHERE country IN (SELECT unnest($2::VARCHAR[])) GROUP BY 2
                UNION ALL SELECT 'code', code, count(DISTINCT (doc_id, event_id)) FROM event_actors
                    WHERE $3 IS NOT NULL AND starts_with(code, $3) GROUP BY 2""",
                [ids, [c for _, c in countries], code]).fetchall()}
            info = {r[0]: r[1:] for r in self.con.execute(
                "SELECT id, canonical_name, type, code FROM entities WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                [ids]).fetchall()} if ids else {}
        out: list[dict] = []
        for name, c in countries:
            label = kb.code_label(c) or c
            out.append({"value": c, "label": f"{name} → {label} ({c})" if sg.fold(name) != sg.fold(label) else f"{label} ({c})",
                        "kind": "country", "id": None, "code": c, "events": counts.get(("country", c), 0)})
        entities = []
        for i in ids:
            known = kb.get(i)
            if i in info:
                name, type_, ecode = info[i]
            elif known and kind != "entity":
                name, type_, ecode = known.canonical_name, known.type, known.code
            else:
                continue
            value = name or i
            if kind != "entity":
                r = resolve_actor(value)
                if not r or not ((r.kind == "name" and (i in r.entity_ids or not r.entity_ids)) or (r.kind == "code" and r.code == ecode)
                                 or (r.kind == "entity" and r.entity_ids == (i,))):
                    value = i  # the name would match more (or other) than this entity: its id
            alias = via.get(i)
            label = name + (f" (“{alias}”)" if alias and sg.fold(alias) not in sg.fold(name or "") else "")
            entities.append({"value": value, "label": f"{label} · {type_}" if type_ else label, "kind": "entity",
                             "id": i, "code": ecode, "events": counts.get(("entity", i), 0),
                             "_starts": sg.fold(name or "").startswith(sg.fold(q)) or bool(alias and sg.fold(alias).startswith(sg.fold(q)))})
        entities.sort(key=lambda e: (not e["events"], not e.pop("_starts"), -e["events"], e["label"]))
        out += entities
        codes = sorted(((n, c) for (k, c), n in counts.items() if k == "code"), key=lambda t: (-t[0], t[1]))
        for n, c in codes[:5]:
            out.append({"value": c, "label": f"{c} · {kb.code_label(c) or 'actor code'}", "kind": "code", "id": None,
                        "code": c, "events": n})
        seen, unique = set(), []
        for item in out:
            if item["value"] not in seen:
                seen.add(item["value"])
                unique.append(item)
        unique = unique[:limit]
        for item in unique:
            item["resolves"] = sg.resolves(item["value"]) if kind != "entity" else None
        return unique

    def network(self, min_events: int = 1, limit: int = 200, **filters: Any) -> dict[str, list[dict]]:
        """Actor → recipient edges: every (actor, recipient) pair of an event counts once per event.
        Nodes are CAMEO actor codes (TUR, TURMIL, RUSGOV), the unit event data is analysed in;
        actors without a code are keyed by their entity id or text. Edges carry the event count,
        the mean Goldstein score and the most frequent event type; the `limit` heaviest are kept."""
        where, params = event_where(**filters)
        sql = f"""
            WITH ev AS (
                SELECT e.doc_id, e.id, e.goldstein, e.event_type FROM events e JOIN articles a ON a.id = e.doc_id
                {where_sql(where)}),
            side AS (
                SELECT x.doc_id, x.event_id, x.role, coalesce(x.code, x.entity_id, x.text) AS node
                FROM event_actors x SEMI JOIN ev ON ev.doc_id = x.doc_id AND ev.id = x.event_id),
            pairs AS (
                SELECT DISTINCT s.node AS source, t.node AS target, ev.doc_id, ev.id, ev.goldstein, ev.event_type
                FROM ev JOIN side s ON s.doc_id = ev.doc_id AND s.event_id = ev.id AND s.role = 'actor'
                        JOIN side t ON t.doc_id = ev.doc_id AND t.event_id = ev.id AND t.role = 'recipient'
                WHERE s.node <> t.node)
            SELECT source, target, count(*) AS events, avg(goldstein) AS goldstein, mode(event_type) AS top_type
            FROM pairs GROUP BY ALL HAVING count(*) >= ?
            ORDER BY events DESC, source, target LIMIT ?"""
        edges = dicts(self.con.execute(sql, [*params, int(min_events), int(limit)]))
        for e in edges:
            e["goldstein"] = None if e["goldstein"] is None else round(e["goldstein"], 2)
        keys = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
        return {"nodes": self._actor_nodes(keys, edges), "edges": edges}

    def _actor_nodes(self, keys: list[str], edges: list[dict]) -> list[dict]:
        """Country, most frequent name (entity name or text) and weight (events) of each node key;
        readable labels for codes ("TURMIL" → "Turkey military") come from the KB (`code_label`)."""
        if not keys:
            return []
        rows = self.con.execute("""
            SELECT coalesce(x.code, x.entity_id, x.text) AS node, any_value(x.country) AS country,
                   mode(coalesce(en.canonical_name, x.text)) AS name
            FROM event_actors x LEFT JOIN entities en ON en.id = x.entity_id
            WHERE coalesce(x.code, x.entity_id, x.text) IN (SELECT unnest(?))
            GROUP BY 1""", [keys]).fetchall()
        info = {node: (country, name) for node, country, name in rows}
        weight = {k: 0 for k in keys}
        for e in edges:
            weight[e["source"]] += e["events"]
            weight[e["target"]] += e["events"]
        return [{"id": k, "name": info.get(k, (None, k))[1], "country": info.get(k, (None, None))[0],
                 "events": weight[k]} for k in keys]

    def event_places(self, **filters: Any) -> list[dict]:
        """Geocoded event locations with their event count, mean Goldstein score and event types."""
        where, params = event_where(**filters)
        where.append("e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL")
        sql = f"""
            SELECT e.location_name AS name, any_value(e.location_id) AS id, any_value(e.location_country) AS country,
                   round(avg(e.location_lat), 4) AS lat, round(avg(e.location_lon), 4) AS lon,
                   count(*) AS events, round(avg(e.goldstein), 2) AS goldstein,
                   list(DISTINCT e.event_type ORDER BY e.event_type) AS event_types
            FROM events e JOIN articles a ON a.id = e.doc_id
            WHERE {" AND ".join(where)}
            GROUP BY e.location_name ORDER BY events DESC, name"""
        return dicts(self.con.execute(sql, params))

    def event_types(self) -> list[str]:
        return [r[0] for r in self.con.execute(
            "SELECT DISTINCT event_type FROM events WHERE event_type IS NOT NULL ORDER BY 1").fetchall()]

    # ------------------------------------------------------------------ articles
    def articles(
        self, *, q: str | None = None, outlet: str | None = None, date_from: str | None = None,
        date_to: str | None = None, actor: str | None = None, event_type: str | None = None,
        limit: int = 50, offset: int = 0, sort: str | None = None,
    ) -> tuple[list[dict], int]:
        """Articles matching every filter, with their event/mention/quote counts, and the total.

        `q` is a search query (`query.parse_search`: words, "phrases", -exclusions), ranked by
        BM25 when the store's search index is fresh, else by a whole-word scan; `exact` says
        whether the bare words occur side by side. `actor` (`query.resolve_actor`) matches an
        article that mentions the entity: code prefix, entity id, or the named entity / whole
        words of a mention; `event_type` one with such an event; the date window overlaps the
        publication date. `sort`: "relevance" (the default with words to rank by: side-by-side
        first, then score), "-date" (newest first, the default otherwise) or "date"."""
        if sort is not None and sort not in ARTICLE_SORTS:
            raise ValueError(f"sort: one of {', '.join(ARTICLE_SORTS)}, not {sort!r}")
        sq = parse_search(q)
        base, lead = self._matching_articles(q=q, outlet=outlet, date_from=date_from, date_to=date_to,
                                                          actor=actor, event_type=event_type)[:2]
        order = ARTICLE_SORTS[sort or ("relevance" if sq.terms else "-date")]
        rows = dicts(self.con.execute(f"""
            WITH page AS (
                SELECT a.id, a.score, a.exact, a.total, row_number() OVER () AS rank FROM (
                    SELECT a.id, a.score, a.exact, count(*) OVER () AS total FROM ({base}) a
                    ORDER BY {order} LIMIT ? OFFSET ?) a)
            SELECT a.id, a.title, a.outlet, a.published, a.dateline, a.url, a.source, p.score, p.exact, p.total,
                   left(a.clean_text, 400) AS lead
            FROM page p JOIN articles a ON a.id = p.id ORDER BY p.rank""",
            [*lead, int(limit), int(offset)]))
        # the total rides along with the page (one pass over the filters); past the end, count apart
        total = rows[0]["total"] if rows else self.con.execute(
            f"SELECT count(*) FROM ({base}) a", lead).fetchone()[0]
        for r in rows:
            del r["total"]
        counts = {(table, doc): n for table, doc, n in self.con.execute("""
            SELECT 'events', doc_id, count(*) FROM events WHERE doc_id IN (SELECT unnest($1)) GROUP BY ALL
            UNION ALL SELECT 'mentions', doc_id, count(*) FROM mentions WHERE doc_id IN (SELECT unnest($1)) GROUP BY ALL
            UNION ALL SELECT 'quotes', doc_id, count(*) FROM quotes WHERE doc_id IN (SELECT unnest($1)) GROUP BY ALL""",
            [[r["id"] for r in rows]]).fetchall()} if rows else {}
        for r in rows:
            for table in ("events", "mentions", "quotes"):
                r[table] = counts.get((table, r["id"]), 0)
        return rows, total

    def _matching_articles(self, *, q=None, outlet=None, date_from=None, date_to=None, actor=None,
                           event_type=None) -> tuple[str, list, str, bool]:
        """The SQL of the articles matching the filters (id, published_start, score, exact),
        its parameters, `exact`'s SQL and whether BM25 ranks (see `articles`)."""
        where, params = [], []
        if outlet:
            where.append("contains(lower(a.outlet), lower(?))")
            params.append(outlet)
        window(where, params, "a.published_start", "a.published_end", date_from, date_to)
        if who := resolve_actor(actor):
            cond, p = actor_condition(who, "m", by_country=False)
            where.append(f"""EXISTS (SELECT 1 FROM mentions m LEFT JOIN entities en ON en.id = m.entity_id
                             WHERE m.doc_id = a.id AND {cond})""")
            params += p
        if event_type:
            where.append("EXISTS (SELECT 1 FROM events e WHERE e.doc_id = a.id AND upper(e.event_type) = upper(?))")
            params.append(event_type)
        sq = parse_search(q)
        bm25 = bool(sq.terms) and getattr(self, "fts", False) and self.search_index_fresh()
        score, score_params, exact, text_where = search_sql(sq, bm25)
        bm25 = bool(score_params)  # there were words the index can rank
        where += text_where
        # only the columns the filters and the order need: the full rows are read for one page only;
        # `exact` reads the texts of the articles the index matched only, hence the two levels
        matched = f"""SELECT a.id, a.published_start, a.title, a.clean_text, {score} AS score FROM articles a
                      {where_sql(where)}"""
        base = f"""SELECT a.id, a.published_start, a.score, {exact} AS exact FROM ({matched}) a
                   {"WHERE a.score IS NOT NULL" if bm25 else ""}"""
        return base, [*score_params, *params], exact, bm25

    def article_facets(self, top: int = 12, **filters: Any) -> dict[str, list[dict]]:
        """The articles page's facets, counted as `event_facets` counts (a facet's own filter left
        out): `outlet` (articles per outlet) and `type` (articles with an event of the type).
        {facet: [{value, label, count}]}; `filters` as `articles` takes them."""
        keys = {"outlet": "outlet", "type": "event_type"}
        sql, params = [], []
        for facet, key in keys.items():
            base, p = self._matching_articles(**{k: v for k, v in filters.items() if k != key})[:2]
            if facet == "outlet":
                sql.append(f"""SELECT 'outlet', a.outlet, count(*) FROM ({base}) m JOIN articles a ON a.id = m.id
                               WHERE a.outlet IS NOT NULL AND a.outlet <> '' GROUP BY 2""")
            else:
                sql.append(f"""SELECT 'type', e.event_type, count(DISTINCT e.doc_id) FROM ({base}) m
                               JOIN events e ON e.doc_id = m.id WHERE e.event_type IS NOT NULL GROUP BY 2""")
            params += p
        out: dict[str, list[dict]] = {f: [] for f in keys}
        for facet, value, count in sorted(self.con.execute(" UNION ALL ".join(sql), params).fetchall(),
                                          key=lambda r: (r[0], -r[2], r[1])):
            out[facet].append({"value": value, "label": value, "count": count})
        for facet, key in keys.items():
            active = filters.get(key)
            items = out[facet][:top]
            if active and not any(i["value"].lower() == active.lower() for i in items):
                items += [i for i in out[facet] if i["value"].lower() == active.lower()] or [
                    {"value": active, "label": active, "count": 0}]
            out[facet] = items
        return out

    def snippets(self, ids: list[str], query: str, width: int = 160) -> dict[str, str]:
        """A window of each article's text around the query's first word (search results)."""
        texts = self.con.execute("SELECT id, clean_text FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {i: snippet(text or "", query, width) for i, text in texts}

    def outlets(self) -> list[dict]:
        return dicts(self.con.execute(
            "SELECT outlet, count(*) AS articles FROM articles WHERE outlet IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"))

    # ------------------------------------------------------------------ entities
    def count_entities(self, *, type: str | None = None, name: str | None = None) -> int:
        where, params = entity_where(type, name)
        return self.con.execute(f"SELECT count(*) FROM entities en {where}", params).fetchone()[0]

    def entity_profile(self, entity_id: str) -> dict | None:
        """One entity as the store knows it: its row, the surface forms seen with their counts,
        its events per month as actor and as recipient, and its most frequent counterparts."""
        rows = dicts(self.con.execute("SELECT * FROM entities WHERE id = ?", [entity_id]))
        if not rows:
            return None
        out = rows[0]
        out["aliases_seen"] = dicts(self.con.execute("""
            SELECT text, count(*) AS mentions, count(DISTINCT doc_id) AS documents FROM mentions
            WHERE entity_id = ? GROUP BY text ORDER BY mentions DESC, text""", [entity_id]))
        out["mentions"] = sum(a["mentions"] for a in out["aliases_seen"])
        out["documents"] = self.con.execute(
            "SELECT count(DISTINCT doc_id) FROM mentions WHERE entity_id = ?", [entity_id]).fetchone()[0]
        out["events"] = dict(self.con.execute("""
            SELECT role, count(DISTINCT (doc_id, event_id)) FROM event_actors WHERE entity_id = ? GROUP BY role""",
            [entity_id]).fetchall())
        out["events_by_month"] = dicts(self.con.execute("""
            SELECT strftime(date_trunc('month', e.date_start), '%Y-%m') AS month, x.role,
                   count(DISTINCT (e.doc_id, e.id)) AS events
            FROM event_actors x JOIN events e ON e.doc_id = x.doc_id AND e.id = x.event_id
            WHERE x.entity_id = ? AND e.date_start IS NOT NULL GROUP BY ALL ORDER BY month, x.role""", [entity_id]))
        out["counterparts"] = dicts(self.con.execute("""
            SELECT coalesce(o.code, o.entity_id, o.text) AS node, mode(coalesce(en.canonical_name, o.text)) AS name,
                   count(DISTINCT (o.doc_id, o.event_id)) AS events
            FROM event_actors x JOIN event_actors o
                 ON o.doc_id = x.doc_id AND o.event_id = x.event_id AND o.role <> x.role
            LEFT JOIN entities en ON en.id = o.entity_id
            WHERE x.entity_id = ? GROUP BY 1 ORDER BY events DESC, node LIMIT 15""", [entity_id]))
        return out
