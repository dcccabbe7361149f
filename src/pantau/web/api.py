"""The REST API: `/api/...`, JSON, paginated (`limit`, `offset` → `total`, `next_offset`), filtered
with the same names and meanings as the CLI's options (`actor`, `recipient`, `type`, `from`,
`to`, `outlet`). Bad parameters answer 422 with a readable `error`; unknown ids 404.
"""

from __future__ import annotations

import dataclasses
import json
import os
import secrets
import tempfile
from datetime import date, datetime
from enum import Enum
from pathlib import PurePath
from typing import Annotated, Any, Optional

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from starlette.background import BackgroundTask
from starlette.datastructures import UploadFile as StarletteUpload

from pantau.export import FORMATS, OTHER_TABLES
from pantau.model import ENTITY_TYPES, MODALITIES, PLOVER_TYPES
from pantau.store.dates import valid_iso
from pantau.store.explore import GRANULARITIES, auto_granularity
from pantau.store.query import explain_filters
from pantau.store.sql import ARTICLE_SORTS, EVENT_SORTS, highlights
from pantau.web import schemas
from pantau.web.head import add_head_routes
from pantau.web.security import check_gzip, limited_body, public_source


def query_names(dependant) -> set[str]:
    """The query parameters a route reads, through all its dependencies (EventFilters...)."""
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= query_names(sub)
    return names


_KNOWN: dict[int, set[str]] = {}  # id(route) → its query parameters, worked out once per route


def known_parameters(request: Request) -> None:
    """422 for a query parameter a GET endpoint does not read: a misspelt filter (`actr=RUS`,
    `form=2017`) would otherwise be ignored in silence and answer for everything."""
    route = request.scope.get("route")
    if request.method not in ("GET", "HEAD") or route is None:
        return
    known = _KNOWN.get(id(route))
    if known is None:
        known = _KNOWN[id(route)] = query_names(route.dependant)
    unknown = sorted({k for k in request.query_params.keys() if k not in known})
    if unknown:
        names = ", ".join(repr(u[:40]) for u in unknown[:5]) + (", ..." if len(unknown) > 5 else "")
        raise bad(f"{names}: unknown parameter{'s' if len(unknown) > 1 else ''}; "
                  f"{request.url.path[:80]} takes: {', '.join(sorted(known)) or 'no parameters'}")


router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(known_parameters)])

MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000
TEXT = 200  # longest accepted filter value


def _plain(v: Any) -> Any:
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    raise TypeError(f"not JSON: {type(v).__name__}")


class JSON(JSONResponse):
    """JSON with dates as ISO strings and non-ASCII text as is."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, default=_plain, separators=(",", ":")).encode("utf-8")


def db(request: Request):
    """A read connection to the store, this request's alone until it is answered."""
    with request.app.state.db.reading() as store:
        yield store


def bad(message: str) -> HTTPException:
    return HTTPException(status_code=422, detail=message)


# ---------------------------------------------------------------------- parameters

def checked(event_type: str | None, date_from: str | None, date_to: str | None) -> str | None:
    """422 for an unknown PLOVER type or a date that is not ISO; the type upper-cased."""
    if event_type and event_type.upper() not in PLOVER_TYPES:
        raise bad(f"type: unknown PLOVER event type {event_type!r}; one of {', '.join(PLOVER_TYPES)}")
    for name, value in (("from", date_from), ("to", date_to)):
        if value and not valid_iso(value):  # the one date check: the store would raise on what it lets by
            raise bad(f"{name}: not an ISO date (2017, 2017-11, 2017-11-05, 2018-W52 or 2017-11/2018): {value[:40]!r}")
    return event_type.upper() if event_type else None


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Text = Annotated[Optional[str], Query(max_length=TEXT)]


Modality = Enum("Modality", {m: m for m in MODALITIES}, type=str)


class EventFilters:
    """The event filters shared by /api/events, /api/timeline, /api/network, /api/map, /api/export."""

    def __init__(
        self,
        actor: Annotated[Optional[str], Query(max_length=TEXT, description=(
            "Actor: a CAMEO code (TUR matches TURMIL; a country code also its country's actors), an "
            "entity id (Q7747, pantau:per/joko-widodo), or a name: the entity or country it names "
            "(Rusia, Jokowi) or whole words of the actor's name (Putin), never a substring. `resolved` "
            "in the answer says how it was read."))] = None,
        recipient: Annotated[Optional[str], Query(max_length=TEXT, description="Like `actor`, for the recipient.")] = None,
        party: Annotated[Optional[str], Query(max_length=TEXT, description="Either side: actor or recipient.")] = None,
        partner: Annotated[Optional[str], Query(max_length=TEXT, description=(
            "With `party`: only events between the two, in either direction."))] = None,
        type: Annotated[Optional[str], Query(max_length=40, description="PLOVER event type, e.g. ASSAULT.")] = None,
        date_from: Annotated[Optional[str], Query(alias="from", max_length=40, description=(
            "From date, ISO, may be partial (2017-11); events whose period overlaps the window."))] = None,
        date_to: Annotated[Optional[str], Query(alias="to", max_length=40, description="To date, ISO, may be partial.")] = None,
        outlet: Annotated[Optional[str], Query(max_length=TEXT, description="Outlet name substring.")] = None,
        doc: Annotated[Optional[str], Query(max_length=64, description="Article id or id prefix.")] = None,
        location: Annotated[Optional[str], Query(max_length=TEXT, description=(
            "Event location: place id (Q858, geonames:169389) or name."))] = None,
        quad_class: Annotated[Optional[int], Query(ge=1, le=4, description=(
            "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."))] = None,
        modality: Annotated[Optional[Modality], Query(description="Modality of the event.")] = None,
        country: Annotated[Optional[str], Query(max_length=12, description=(
            "Events with a participant (actor or recipient) of this country code (RUS, IDN)."))] = None,
        sector: Annotated[Optional[str], Query(max_length=12, description=(
            "Events with a participant of this CAMEO sector (GOV, MIL, REB, CVL...)."))] = None,
        inferred: Annotated[bool, Query(description=(
            "Include events whose date rests on an inferred year (an undated article; each such "
            "event says `date_inferred`). false: only dates the sources state, e.g. for charts."))] = True,
    ):
        self.filters = {"actor": actor or None, "recipient": recipient or None, "party": party or None,
                        "partner": partner or None, "event_type": checked(type, date_from, date_to),
                        "date_from": date_from or None, "date_to": date_to or None, "outlet": outlet or None,
                        "doc": doc or None, "location": location or None, "quad_class": quad_class,
                        "modality": modality.value if modality else None, "country": country or None,
                        "sector": sector or None, "inferred": None if inferred else False}


def public(rows):
    """Rows (or one row) with `source` as it may leave the server: a file path cut to its name
    (see security.public_source). At the output, so the store keeps the full path for the CLI.
    Copies: the rows may be the store's own."""
    if isinstance(rows, dict):
        return {**rows, "source": public_source(rows["source"])} if "source" in rows else rows
    return [public(r) for r in rows]


class PublicSources:
    """The store as an export reads it, with each event's and article's `source` public."""

    def __init__(self, store):
        self._store = store

    def __getattr__(self, name):
        return getattr(self._store, name)

    def events(self, **filters):
        return public(self._store.events(**filters))

    def document(self, doc_id):
        d = self._store.document(doc_id)
        return None if d is None else dataclasses.replace(d, source=public_source(d.source))


def page(items: list, total: int, limit: int, offset: int, filters: dict | None = None) -> dict:
    """The one shape of every list answer; `resolved` (what the actor/party filters were read
    as, see query.resolve_actor) only where such a filter was given."""
    nxt = offset + limit if offset + limit < total else None
    out = {"total": total, "limit": limit, "offset": offset, "next_offset": nxt, "items": items}
    if resolved := explain_filters(filters or {}):
        out["resolved"] = resolved
    return out


def sort_param(name: str, sorts: dict, default: str, what: str):
    """A `sort` query parameter taking the keys of `sorts` (anything else: 422 listing them)."""
    return Annotated[Optional[Enum(name, {k: k for k in sorts}, type=str)], Query(description=(
        f"Order of the {what}: {', '.join(sorts)} (a leading - is descending). Default {default}."))]


EventSort = sort_param("EventSort", EVENT_SORTS, "date (oldest first, undated last)", "events")
ArticleSort = sort_param("ArticleSort", ARTICLE_SORTS, "relevance with `q`, else -date (newest first)", "articles")


# ---------------------------------------------------------------------- events

EVENT_DROP = ("ingested_at", "source", "evidence_doc_id", "date_start", "date_end")


def event_json(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in EVENT_DROP}


@router.get("/events", response_class=JSON, responses={200: {"model": schemas.Page[schemas.Event]}})
def list_events(f: Annotated[EventFilters, Depends()], sort: EventSort = None, limit: Limit = 50,
                offset: Offset = 0, st=Depends(db)):
    """Events in date order (undated last) or as `sort` asks, each with its actors, recipients,
    CAMEO/PLOVER coding, Goldstein score, date, place, modality and the evidence sentence."""
    rows = st.events(**f.filters, limit=limit, offset=offset, sort=sort.value if sort else None)
    return JSON(page([event_json(r) for r in rows], st.count_events(**f.filters), limit, offset, f.filters))


@router.get("/events/facets", response_class=JSON, responses={200: {"model": schemas.Facets}})
def event_facets(f: Annotated[EventFilters, Depends()],
                 top: Annotated[int, Query(ge=1, le=200, description="Values per facet, most events first.")] = 12,
                 st=Depends(db)):
    """The values of each facet of the filtered events, with the number of events of each: event
    `type`, `quad_class`, `modality`, `outlet`, `location` (place), participant `country` and
    `sector`. A facet's own filter is left out of its counts (as faceted search counts: with
    `type=ASSAULT` the type facet still lists every type under the other filters); its value is
    always listed (`active`). Each facet's key is the parameter that filters on it."""
    facets = st.event_facets(top=top, **f.filters)
    keys = {"type": "event_type"}
    for name, items in facets.items():
        active = f.filters.get(keys.get(name, name))
        for i in items:
            i["active"] = active is not None and str(i["value"]).lower() == str(active).lower()
    answer = {"total": st.count_events(**f.filters), "facets": facets}
    if resolved := explain_filters(f.filters):
        answer["resolved"] = resolved
    return JSON(answer)


SuggestKind = Enum("SuggestKind", {k: k for k in ("actor", "entity")}, type=str)


@router.get("/suggest", response_class=JSON, responses={200: {"model": schemas.Suggestions}})
def suggest(q: Annotated[str, Query(max_length=100, description="What has been typed so far.")] = "",
            kind: Annotated[SuggestKind, Query(description=(
                "actor: completions for an actor, recipient or party field (countries, entities, codes); "
                "entity: entities of this store (the entities page's name field)."))] = SuggestKind["actor"],
            limit: Annotated[int, Query(ge=1, le=10, description="At most this many.")] = 10,
            st=Depends(db)):
    """Completions of a name being typed: countries by name ("Rusia" → RUS), entities by a word
    of their canonical name or of an alias the knowledge base knows ("Jokowi" → Joko Widodo),
    and CAMEO actor codes seen in this store; each with what it resolves to as a filter."""
    return JSON({"q": q, "kind": kind.value, "items": st.suggest(q, kind.value, limit)})


# ---------------------------------------------------------------------- entities

EntityType = Enum("EntityType", {t: t for t in ENTITY_TYPES}, type=str)


@router.get("/entities", response_class=JSON, responses={200: {"model": schemas.Page[schemas.EntitySummary]}})
def list_entities(type: Optional[EntityType] = None, name: Text = None, limit: Limit = 50, offset: Offset = 0,
                  st=Depends(db)):
    """Entities seen in the articles, most mentioned first; `name` matches the id, the code, or a
    substring of the canonical name."""
    t = type.value if type else None
    rows = st.entities(type=t, name=name, limit=limit, offset=offset)
    return JSON(page(rows, st.count_entities(type=t, name=name), limit, offset))


def entity_detail(st, entity_id: str) -> dict:
    """The store's profile of an entity plus what the knowledge base knows (aliases, dated roles)."""
    from pantau.kb import KnowledgeBase

    profile = st.entity_profile(entity_id)
    if profile is None:
        raise HTTPException(404, f"no entity {entity_id!r} in this database")
    kb = KnowledgeBase.load()
    known = kb.get(entity_id)
    profile["kb_aliases"] = list(known.aliases) if known else []
    profile["roles"] = [dataclasses.asdict(r) for r in known.roles] if known else []
    profile["source"] = known.source if known else None
    for c in profile["counterparts"]:
        c["label"] = kb.code_label(c["node"]) or c["name"]
    return profile


@router.get("/entities/{entity_id:path}", response_class=JSON,
            responses={200: {"model": schemas.EntityDetail}, 404: {"model": schemas.Error}})
def get_entity(entity_id: str, st=Depends(db)):
    """One entity: canonical name, the aliases seen in the articles (with counts) and known to the
    knowledge base, its roles with dates, its events per month and its most frequent counterparts."""
    return JSON(entity_detail(st, entity_id))


# ---------------------------------------------------------------------- articles

class ArticleFilters:
    def __init__(
        self,
        q: Annotated[Optional[str], Query(max_length=TEXT, description=(
            'Search: words (all must occur; BM25 with Indonesian stemming), "exact phrases", -word and '
            '-"phrase" to exclude.'))] = None,
        outlet: Text = None,
        date_from: Annotated[Optional[str], Query(alias="from", max_length=40, description="Published from (ISO, may be partial).")] = None,
        date_to: Annotated[Optional[str], Query(alias="to", max_length=40, description="Published until.")] = None,
        actor: Annotated[Optional[str], Query(max_length=TEXT, description=(
            "Articles that mention this actor: code prefix, entity id, or a name (the entity it names, or "
            "whole words of a mention) as for /api/events."))] = None,
        type: Annotated[Optional[str], Query(max_length=40, description="Articles with an event of this PLOVER type.")] = None,
    ):
        self.filters = {"q": (q or "").strip() or None, "outlet": outlet or None, "date_from": date_from or None,
                        "date_to": date_to or None, "actor": actor or None,
                        "event_type": checked(type, date_from, date_to)}


@router.get("/articles", response_class=JSON, responses={200: {"model": schemas.Page[schemas.ArticleSummary]}})
def list_articles(f: Annotated[ArticleFilters, Depends()], sort: ArticleSort = None, limit: Limit = 50,
                  offset: Offset = 0, st=Depends(db)):
    """Articles, newest first (or by relevance with `q`: those with the words side by side,
    `exact`, first), with their event, mention and quote counts."""
    rows, total = st.articles(**f.filters, limit=limit, offset=offset, sort=sort.value if sort else None)
    return JSON(page(public(rows), total, limit, offset, f.filters))


def load_article(st, doc_id: str):
    try:
        d = st.document(doc_id, source_names_only=True)  # a path's folders stay unknown to clients
    except LookupError as exc:  # an ambiguous prefix
        raise bad(str(exc))
    if d is None:
        raise HTTPException(404, f"no article {doc_id!r}")
    return d


@router.get("/articles/{doc_id}", response_class=JSON,
            responses={200: {"model": schemas.Article}, 404: {"model": schemas.Error}})
def get_article(doc_id: Annotated[str, Path(max_length=TEXT)], st=Depends(db)):
    """One analysed article (id or unique id prefix): the cleaned text, and its sentences,
    mentions, dates, events and quotes with character offsets into `clean_text`; also the raw
    text and the boilerplate lines the cleaner removed."""
    return JSON(public(dataclasses.asdict(load_article(st, doc_id))))


# The body is read by the endpoint, not by FastAPI (no File/Body parameters): so the token is
# checked before any byte is read, and the body is counted against the limit while it streams.
INGEST_BODY = {"required": True, "content": {
    "application/json": {"schema": {"anyOf": [
        {"type": "object", "required": ["text"],
         "properties": {k: {"type": "string"} for k in ("text", "title", "url", "published", "source")}},
        {"type": "array", "items": {"type": "object"}}]}},
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "files": {"type": "array", "items": {"type": "string", "format": "binary"}, "description": "Article files"}}}},
}}


@router.post("/articles", response_class=JSON, status_code=201, openapi_extra={"requestBody": INGEST_BODY},
             responses={201: {"model": schemas.IngestResult}, 401: {"model": schemas.Error},
                        403: {"model": schemas.Error}, 413: {"model": schemas.Error}})
async def post_articles(request: Request, authorization: Annotated[Optional[str], Header()] = None):
    """Analyse and store articles (only when the server runs with `--allow-ingest`; send
    `Authorization: Bearer $PANTAU_TOKEN`). Body: a JSON object `{"text": ..., "title", "url",
    "published", "source"}` or a list of them, or a multipart upload of files (`files`) in any
    format `pantau ingest` reads (txt, HTML, JSON, JSONL, gzip). Articles already stored are
    skipped; each bad article is reported in `errors` and the others still go in. A body, or a
    gzip's content, over the server's upload limit (20 MB) is refused with 413."""
    app = request.app
    if not app.state.allow_ingest:
        raise HTTPException(403, "ingesting is off: start the server with --allow-ingest")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), app.state.token.encode()):
        raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})
    from pantau.ingest.readers import IngestError, articles_from_bytes

    limit = app.state.max_upload
    body = limited_body(request, limit)
    items: list = []
    if request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        async with body.form() as form:
            uploads = [f for f in form.getlist("files") if isinstance(f, StarletteUpload)]
            if not uploads:
                raise bad("files: a multipart upload needs one or more `files`")
            for upload in uploads:
                data = await upload.read()  # bounded: the whole body was held to `limit`
                name = upload.filename or "upload"
                check_gzip(data, limit, name)
                items += articles_from_bytes(data, name)
    else:
        # read as `pantau ingest` reads a .json file: item by item, so that a bad record (not an
        # object, no text, nested too deeply, a lone surrogate) is an error of its own and the
        # records beside it still go in
        items += articles_from_bytes(await body.body(), "request.json", limit)
        if all(isinstance(i, IngestError) for i in items):  # nothing readable at all: the request is wrong
            reasons = "; ".join(i.reason for i in items[:3]) + ("; ..." if len(items) > 3 else "")
            raise bad(f'body: {reasons} (send a JSON object {{"text": ...}} or a list of them)')
    from starlette.concurrency import run_in_threadpool

    result = await run_in_threadpool(_ingest, app.state.db, items)
    return JSON(result, status_code=201)


def _ingest(database, items: list) -> dict:
    """Analyse, then write in one short window (DuckDB has one writer)."""
    from pantau.pipeline import analyze_raw

    errors: list[dict] = []
    seen: set[str] = set()
    duplicates = 0

    def already_stored(raw) -> bool:  # stored before, or twice in this request
        nonlocal duplicates
        if raw.content_hash in seen:
            duplicates += 1
            return True
        seen.add(raw.content_hash)
        return False

    hashes = [i.content_hash for i in items if hasattr(i, "content_hash")]
    with database.reading() as store:  # analysed without holding the file; stored ones skipped
        seen |= set(hashes) - store.new_ids(hashes)
    docs = list(analyze_raw(items, skip=already_stored, on_failure=lambda path, line, stage, reason: errors.append(
        {"source": path, "line": line, "stage": stage, "reason": reason})))
    written = 0
    if docs:
        with database.writing() as store:
            written = store.write_documents(docs)
            if written and store.fts:
                store.rebuild_search_index()
    return {"ingested": written, "duplicates": duplicates + len(docs) - written, "ids": [d.id for d in docs],
            "errors": errors}


# ---------------------------------------------------------------------- quotes, search, stats

@router.get("/quotes", response_class=JSON, responses={200: {"model": schemas.Page[schemas.Quote]}})
def list_quotes(speaker: Text = None, doc: Annotated[Optional[str], Query(max_length=64)] = None,
                limit: Limit = 50, offset: Offset = 0, st=Depends(db)):
    """Quotes (direct, colon-form and indirect speech) with their speakers."""
    rows = st.quotes(speaker=speaker, doc=doc, limit=limit, offset=offset)
    return JSON(page(rows, st.count_quotes(speaker=speaker, doc=doc), limit, offset))


@router.get("/search", response_class=JSON, responses={200: {"model": schemas.Page[schemas.SearchHit]}})
def search(q: Annotated[str, Query(min_length=1, max_length=TEXT, description=(
               'Words (all must occur), "exact phrases", -word and -"phrase" to exclude.'))],
           limit: Limit = 20, offset: Offset = 0, st=Depends(db)):
    """Full-text search over titles and text (BM25 with Indonesian stemming when the store has a
    search index), best first: articles with the words side by side (`exact`) before the
    others. Each hit has a snippet around the phrase or first word, and `highlights`: the
    [start, end) character offsets in the snippet of the phrase and words."""
    if not q.strip():
        raise bad("q: empty query")
    rows, total = st.articles(q=q.strip(), limit=limit, offset=offset)
    snippets = st.snippets([r["id"] for r in rows], q)
    for r in rows:
        r["snippet"] = snippets[r["id"]]
        r["highlights"] = highlights(r["snippet"], q)
    return JSON(page(public(rows), total, limit, offset))


@router.get("/stats", response_class=JSON)
def stats(st=Depends(db)):
    """Counts of articles, entities, events, mentions, quotes; the date spans; events per type."""
    out = st.stats()
    out["path"] = PurePath(out["path"]).name  # the database's name only: no server path leaves the server
    return JSON(out)


# ---------------------------------------------------------------------- aggregates

Granularity = Enum("Granularity", {g: g for g in (*GRANULARITIES, "auto")}, type=str)


@router.get("/timeline", response_class=JSON, responses={200: {"model": schemas.Timeline}})
def timeline(f: Annotated[EventFilters, Depends()], granularity: Granularity = Granularity["month"], st=Depends(db)):
    """Dated events per day, week, month or year (by the first day of each event's date), with the
    count per QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    4 material conflict) and the mean Goldstein score. For one actor use `party`, for a pair
    `party` and `partner`. `auto` picks the step from the span of the events (the 1st to
    the 99th percentile of their dates): day up to two months, week up to ~20 months, month up
    to 12 years, else year; `granularity` in the answer says which."""
    step = granularity.value
    if step == "auto":
        step = auto_granularity(*st.event_span(**f.filters))
    buckets: dict[str, dict] = {}
    for r in st.event_buckets(step, **f.filters):
        b = buckets.setdefault(r["period"], {"period": r["period"], "events": 0, "goldstein_sum": 0.0,
                                             "scored": 0, "by_quad_class": {}})
        b["events"] += r["events"]
        b["by_quad_class"][str(r["quad_class"] or 0)] = r["events"]
        if r["goldstein"] is not None:
            b["goldstein_sum"] += r["goldstein"] * r["events"]
            b["scored"] += r["events"]
    out = []
    for b in buckets.values():
        b["goldstein"] = round(b.pop("goldstein_sum") / b["scored"], 2) if b["scored"] else None
        b.pop("scored")
        out.append(b)
    total = st.count_events(**f.filters)
    answer = {"granularity": step, "buckets": out, "undated": total - sum(b["events"] for b in out)}
    if resolved := explain_filters(f.filters):
        answer["resolved"] = resolved
    return JSON(answer)


@router.get("/network", response_class=JSON, responses={200: {"model": schemas.Network}})
def network(f: Annotated[EventFilters, Depends()],
            min_events: Annotated[int, Query(ge=1, le=100000, description="Drop edges with fewer events.")] = 1,
            limit: Annotated[int, Query(ge=1, le=2000, description="Keep the heaviest edges.")] = 150,
            st=Depends(db)):
    """Actor → recipient edges (CAMEO actor codes as nodes) with the number of events and their
    mean Goldstein score (−10 conflictual … +10 cooperative)."""
    from pantau.kb import KnowledgeBase

    kb = KnowledgeBase.load()
    net = st.network(min_events=min_events, limit=limit, **f.filters)
    for n in net["nodes"]:
        name = n.pop("name")
        n["label"] = kb.code_label(n["id"]) or name or n["id"]
    if resolved := explain_filters(f.filters):
        net["resolved"] = resolved
    return JSON(net)


MAX_PLACES = 5000  # the map draws one page: by default every place of a corpus, heaviest first


@router.get("/map", response_class=JSON, responses={200: {"model": schemas.Page[schemas.Place]}})
def places(f: Annotated[EventFilters, Depends()],
           limit: Annotated[int, Query(ge=1, le=MAX_PLACES, description="Page size.")] = MAX_PLACES,
           offset: Offset = 0, st=Depends(db)):
    """Geocoded event locations with their number of events, mean Goldstein score and event types,
    most events first, paged like every list."""
    rows = st.event_places(**f.filters)  # one row per place: few enough to page here
    return JSON(page(rows[offset:offset + limit], len(rows), limit, offset, f.filters))


# ---------------------------------------------------------------------- export

ExportFormat = Enum("ExportFormat", {f: f for f in FORMATS}, type=str)


EXPORT_FILES = {"gdelt": ("tsv", "text/tab-separated-values; charset=utf-8"),
                "plover": ("jsonl", "application/x-ndjson; charset=utf-8"),
                "csv": ("csv", "text/csv; charset=utf-8"),
                "parquet": ("parquet", "application/vnd.apache.parquet"),
                "jsonl": ("jsonl", "application/x-ndjson; charset=utf-8"),
                "graphml": ("graphml", "application/xml")}


ExportTable = Enum("ExportTable", {t: t for t in ("events", *OTHER_TABLES)}, type=str)


@router.get("/export", responses={200: {"content": {"text/csv": {}, "application/vnd.apache.parquet": {}}}})
def export(f: Annotated[EventFilters, Depends()], format: ExportFormat,
           table: ExportTable = ExportTable["events"], header: bool = True,
           limit: Annotated[Optional[int], Query(ge=1, description="At most this many events.")] = None,
           st=Depends(db)):
    """Download the filtered events as GDELT 2.0 TSV (`header` adds a header row), PLOVER JSON
    Lines, CSV or Parquet (`table` picks events, mentions, quotes, ... for csv/parquet), analyze
    JSONL or GraphML."""
    from pantau.export import export as write_export

    ext, media = EXPORT_FILES[format.value]
    fd, path = tempfile.mkstemp(prefix="pantau-export-", suffix="." + ext)
    os.close(fd)
    options: dict[str, Any] = {}
    if format.value == "gdelt":
        options["header"] = header
    if format.value in ("csv", "parquet"):
        options["table"] = table.value
    filters = {k: v for k, v in f.filters.items() if v is not None}
    if limit:
        filters["limit"] = limit
    try:
        write_export(PublicSources(st), format.value, path, **filters, **options)
    except ValueError as exc:  # e.g. filters on a table other than events
        os.unlink(path)
        raise bad(str(exc))
    except Exception:
        os.unlink(path)
        raise
    name = f"pantau-{table.value if format.value in ('csv', 'parquet') else 'events'}.{ext}"
    return FileResponse(path, media_type=media, filename=name, background=BackgroundTask(os.unlink, path))


add_head_routes(router)
