"""Response models of the REST API, for the OpenAPI schema (`/api/openapi.json`, `/api/docs`).

The endpoints build their JSON directly from the store's rows (validating thousands of rows
through pydantic on every request would cost more than the query); these models document that
JSON, and `tests/test_api.py` checks real responses against them.
"""

from __future__ import annotations

from typing import Any, Generic, Optional, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class Model(BaseModel):
    model_config = ConfigDict(extra="allow")  # rows may carry more columns than documented


class Resolved(Model):
    """How an actor-like filter value was read (`pantau.store.query.resolve_actor`).
    kind: "code" (actors whose CAMEO code starts with `code`; a three-letter country code also
    takes the actors of that country), "entity" (exactly the entity in `entity_ids`), "name"
    (the entities in `entity_ids` the knowledge base knows by that name, or actors whose name
    has `words` as whole words, any case: never a substring)."""
    input: str
    kind: str
    code: Optional[str] = None
    entity_ids: list[str] = []
    words: Optional[str] = None
    description: str  # e.g. "RUS = country code RUS (Russia) and its sectors (RUSGOV, RUSMIL, …)"


class Page(Model, Generic[T]):
    """Every list answer: one page of `items` and where the next one starts (null at the end)."""
    total: int
    limit: int
    offset: int
    next_offset: Optional[int] = None
    items: list[T]
    # present where an actor, recipient, party or partner filter was given, keyed by its name
    resolved: Optional[dict[str, Resolved]] = None


class Actor(Model):
    code: Optional[str] = None
    country: Optional[str] = None
    sector: Optional[str] = None
    entity_id: Optional[str] = None
    text: str


class Event(Model):
    doc_id: str
    id: str
    event_type: str
    cameo_code: Optional[str] = None
    goldstein: Optional[float] = None
    quad_class: Optional[int] = None
    date: Optional[str] = None
    date_granularity: Optional[str] = None
    date_text: Optional[str] = None
    date_inferred: Optional[bool] = None  # the date rests on an inferred year (an undated article)
    location_name: Optional[str] = None
    location_lat: Optional[float] = None
    location_lon: Optional[float] = None
    modality: str
    reported_by: list[str] = []
    trigger: Optional[str] = None
    evidence_text: Optional[str] = None
    evidence_start: Optional[int] = None
    evidence_end: Optional[int] = None
    actors: list[Actor]
    recipients: list[Actor]
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    url: Optional[str] = None


class EntitySummary(Model):
    id: str
    canonical_name: Optional[str] = None
    type: Optional[str] = None
    country: Optional[str] = None
    code: Optional[str] = None
    mentions: int
    documents: int


class Role(Model):
    office: str
    country: Optional[str] = None
    code: Optional[str] = None
    start: Optional[str] = None
    end: Optional[str] = None
    source: Optional[str] = None


class EntityDetail(EntitySummary):
    aliases_seen: list[dict[str, Any]]
    kb_aliases: list[str]
    roles: list[Role]
    events: dict[str, int]
    events_by_month: list[dict[str, Any]]
    counterparts: list[dict[str, Any]]


class ArticleSummary(Model):
    id: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    url: Optional[str] = None
    source: Optional[str] = None
    lead: str
    events: int
    mentions: int
    quotes: int
    score: Optional[float] = None  # BM25 (or the number of word hits in a scan) with `q`
    exact: Optional[bool] = None  # with `q`: whether its bare words occur side by side (null: one word)


class SearchHit(ArticleSummary):
    snippet: str
    highlights: list[list[int]] = []  # [start, end) offsets in `snippet` of the phrase and words


class Article(Model):
    """An analysed article: the `Document` of `pantau analyze --json` (docs/analyze.schema.json);
    all offsets are character offsets into `clean_text`."""
    id: str
    clean_text: str
    raw_text: str
    removed: list[str]
    sentences: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    time_values: list[dict[str, Any]]
    events: list[dict[str, Any]]
    quotes: list[dict[str, Any]]


class Quote(Model):
    doc_id: str
    text: str
    kind: str
    cue: Optional[str] = None
    speaker_entity_id: Optional[str] = None
    speaker_name: Optional[str] = None
    speaker_text: Optional[str] = None
    start_char: int
    end_char: int


class Bucket(Model):
    period: str
    events: int
    goldstein: Optional[float] = None
    by_quad_class: dict[str, int]


class Timeline(Model):
    granularity: str
    buckets: list[Bucket]
    undated: int
    resolved: Optional[dict[str, Resolved]] = None  # as in Page


class Node(Model):
    id: str
    label: str
    country: Optional[str] = None
    events: int


class Edge(Model):
    source: str
    target: str
    events: int
    goldstein: Optional[float] = None
    top_type: Optional[str] = None


class Network(Model):
    nodes: list[Node]
    edges: list[Edge]
    resolved: Optional[dict[str, Resolved]] = None  # as in Page


class Place(Model):
    name: str
    id: Optional[str] = None
    country: Optional[str] = None
    lat: float
    lon: float
    events: int
    goldstein: Optional[float] = None
    event_types: list[str]


class IngestResult(Model):
    ingested: int
    duplicates: int
    ids: list[str]
    errors: list[dict[str, Any]]


class Error(Model):
    error: str


class FacetValue(Model):
    value: Any  # what the facet's parameter takes (an int for quad_class)
    label: str  # readable: "material conflict", "Jakarta", "Russia", "military"
    count: int  # events under the other filters (the facet's own left out)
    active: bool = False  # the value its filter is set to


class Facets(Model):
    """`/api/events/facets`: per facet (its key is the parameter that filters on it: type,
    quad_class, modality, outlet, location, country, sector) its values, most events first."""
    total: int  # events matching every filter
    facets: dict[str, list[FacetValue]]
    resolved: Optional[dict[str, Resolved]] = None  # as in Page


class Suggestion(Model):
    value: str  # what goes into the field: a country code, an entity's name (or id), a CAMEO code
    label: str  # "Rusia → Russia (RUS)", "Joko Widodo (“Jokowi”) · PER"
    kind: str  # country | entity | code
    id: Optional[str] = None  # the entity's id
    code: Optional[str] = None  # its CAMEO code
    events: int  # events in this store with it as a participant
    resolves: Optional[str] = None  # what the value means as a filter (query.resolve_actor); null for kind=entity


class Suggestions(Model):
    q: str
    kind: str
    items: list[Suggestion]
