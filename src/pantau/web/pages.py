"""The HTML pages: server-rendered with Jinja2 (autoescaped: article text is untrusted input), plus
small scripts (`static/*.js`, no framework) that draw the timeline, network and map from the API.

Every page's filters are plain query parameters with the API's names, so a page's URL, its
API call and its CSV download share one query string.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape
from pathlib import Path
from typing import Annotated, Any, Optional
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from pantau.model import PLOVER_TYPES, event_date_inferred
from pantau.store.query import explain_actor
from pantau.web.api import (
    MAX_OFFSET, TEXT, ArticleFilters, ArticleSort, EntityType, EventFilters, EventSort, Granularity, db, entity_detail,
    event_json, load_article,
)
from pantau.web.head import add_head_routes
from pantau.web.security import http_url, public_source

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.tests["http_url"] = http_url  # `{% if doc.url is http_url %}`: only these become links
templates.env.filters["public_source"] = public_source  # no server path on a page
router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
PageSize = Annotated[int, Query(ge=1, le=200)]  # PAGE_SIZES


# Every filter a page's URL can carry, with the words its chip shows. A filter that the page's
# form has no field for still travels with the form (a hidden input) and shows as a chip, so a
# link that sets it (a timeline bar sets `party`) is visible and survives pressing Filter.
FILTER_LABELS = {"q": "search", "actor": "actor", "recipient": "recipient", "party": "involving",
                 "partner": "with", "type": "type", "from": "from", "to": "to", "outlet": "outlet",
                 "doc": "article", "location": "place", "name": "name", "min_events": "min. events",
                 "quad_class": "QuadClass", "modality": "modality", "country": "country", "sector": "sector",
                 "inferred": "inferred dates"}
# kept by the form (a hidden input where it has no field) but not a filter: no chip
SETTINGS = ("sort", "limit")
ACTOR_FILTERS = ("actor", "recipient", "party", "partner")  # read by query.resolve_actor
PAGE_SIZES = (25, 50, 100, 200)
# the form fields of each page (the rest of its active filters become hidden inputs)
EVENT_FIELDS = ("actor", "recipient", "type", "from", "to")
FORM_FIELDS = {
    "articles": ("q", "outlet", "from", "to", "actor", "type", "sort"),
    "events": (*EVENT_FIELDS, "outlet"),
    "timeline": ("party", "partner", "type", "from", "to", "granularity", "inferred"),
    "network": (*EVENT_FIELDS, "min_events"),
    "map": EVENT_FIELDS,
    "entities": ("name", "type"),
}


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    params = {k: v for k, v in request.query_params.items() if k != "offset"}
    nav = template.split(".")[0]
    # what each actor filter was read as, beside its chip (the API's `resolved`)
    resolved = {k: (FILTER_LABELS[k], explain_actor(params[k])) for k in ACTOR_FILTERS if params.get(k)}
    return templates.TemplateResponse(request, template, {
        "plover_types": PLOVER_TYPES, "quad_names": QUAD_NAMES, "params": params,
        "query": urlencode(params), "nav": nav,
        "api_query": urlencode({k: v for k, v in params.items() if k not in SETTINGS}),  # for the API calls
        "chips": filter_chips(request.url.path, params), "resolved": resolved, "page_sizes": PAGE_SIZES,
        "hidden": {k: v for k, v in params.items()
                   if v and (k in FILTER_LABELS or k in SETTINGS) and k not in FORM_FIELDS.get(nav, ())},
        **context}, status_code=status_code)


def filter_chips(path: str, params: dict[str, str]) -> list[dict]:
    """The active filters as chips: the filter's name, its value, and a link to the same page
    without it (and back to the first page)."""
    chips = []
    for k, v in params.items():
        if k in FILTER_LABELS and v:
            rest = urlencode({key: val for key, val in params.items() if key != k})
            shown = QUAD_NAMES.get(int(v), v) if k == "quad_class" and v.isdigit() else v
            chips.append({"name": k, "label": FILTER_LABELS[k], "value": shown, "href": path + ("?" + rest if rest else "")})
    return chips


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status_code=status, status=status, message=message)


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def participants(actors: list, names: dict[str, str] | None = None) -> list[dict]:
    """An event's actors (or recipients) as they are shown: the name first, the CAMEO code second.

    Each: `text` (as the article has it; the canonical name where the text is part of it:
    "Putin" → "Vladimir Putin"), `name` (whom a stand-in stands for: "ia" → "Donald Trump";
    None otherwise), `canonical` (the entity's canonical name, for the hover text), `code`,
    `code_label` ("Russia government") and `entity_id`. The same code with the same text (or the
    same entity) is listed once. `names`: entity id → canonical name known to the page (the
    article's mentions); else the knowledge base's."""
    from pantau.kb import KnowledgeBase

    kb = KnowledgeBase.load()
    out, seen = [], set()
    for a in actors:
        a = a if isinstance(a, dict) else a.__dict__
        text, code, eid = (a.get("text") or "").strip(), a.get("code"), a.get("entity_id")
        canonical = (names or {}).get(eid) if eid else None
        if eid and not canonical:
            known = kb.get(eid)
            canonical = known.canonical_name if known else None
        key = (code, eid or _fold(text))
        if key in seen:
            continue
        seen.add(key)
        name = None
        if canonical and _fold(canonical) != _fold(text):
            if text and _fold(text) in _fold(canonical):  # "Putin": say "Vladimir Putin"
                text = canonical
            elif not _same_name(text, canonical):  # "ia", "pihaknya", "Presiden": say whom
                name = canonical
        out.append({"text": text or canonical or code or "?", "name": name, "code": code, "canonical": canonical,
                    "code_label": kb.code_label(code) if code else None, "entity_id": eid})
    return out


def _same_name(text: str, canonical: str) -> bool:
    """Whether `text` is the name itself in another spelling or language ("Rusia" for "Russia",
    "Sergey Shoygu" for "Sergei Shoigu"): a word of each starts with the same three letters.
    A pronoun or a title ("ia", "pihaknya", "Presiden") is not, and is shown with whom it
    stands for."""
    heads = {w[:3] for w in re.findall(r"\w+", _fold(canonical)) if len(w) >= 3}
    return any(w[:3] in heads for w in re.findall(r"\w+", _fold(text)) if len(w) >= 3)


def cameo_label(code: str | None) -> str:
    """The CAMEO codebook's description of an event code ("190" → "Use conventional military
    force, not specified"); '' when unknown."""
    from pantau.events.coding import cameo_table

    info = cameo_table().get(code or "")
    return info.label if info else ""


def shorten(text: str | None, width: int) -> str:
    """`text` cut at a word boundary to at most `width` characters, with '…' where it was cut."""
    text = (text or "").strip()
    if len(text) <= width:
        return text
    cut = text[:width]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def sort_href(params: dict[str, str], sort: str) -> str:
    """The link of a sortable column header: this page's filters, the first page, that order."""
    return "?" + urlencode({**{k: v for k, v in params.items() if k != "sort"}, "sort": sort})


templates.env.globals["participants"] = participants
templates.env.globals["sort_href"] = sort_href
templates.env.filters["cameo_label"] = cameo_label
templates.env.filters["shorten"] = shorten


def pager(total: int, offset: int, size: int = PAGE_SIZE) -> dict:
    """Where this page lies in the list: its rows, the previous and next offsets, its number and
    the page numbers to show (`pages`: the first, the last, two either side of this one, None
    for a gap: 1 … 4 5 [6] 7 8 … 20), the page size and the sizes to choose from."""
    current, count = offset // size + 1, max(1, -(-total // size))
    shown = sorted({1, count, *range(max(1, current - 2), min(count, current + 2) + 1)})
    pages: list[dict | None] = []
    for n in shown:
        if pages and pages[-1] is not None and n - pages[-1]["number"] > 1:
            pages.append(None)
        pages.append({"number": n, "offset": (n - 1) * size, "current": n == current and offset % size == 0})
    return {"total": total, "first": offset + 1 if total else 0, "last": min(offset + size, total), "size": size,
            "prev": max(offset - size, 0) if offset else None, "next": offset + size if offset + size < total else None,
            "pages": pages if count > 1 else [], "sizes": sorted({*PAGE_SIZES, size})}


# ---------------------------------------------------------------------- articles

@router.get("/", response_class=HTMLResponse)
def articles_page(request: Request, f: Annotated[ArticleFilters, Depends()], offset: Offset = 0,
                  sort: ArticleSort = None, limit: PageSize = PAGE_SIZE, st=Depends(db)):
    rows, total = st.articles(**f.filters, limit=limit, offset=offset, sort=sort.value if sort else None)
    params = {k: v for k, v in request.query_params.items() if k != "offset"}
    if f.filters["q"] and rows:  # show where the words are, not the lead
        snippets = st.snippets([r["id"] for r in rows], f.filters["q"], width=260)
        for r in rows:
            r["snippet"] = highlight(snippets[r["id"]], f.filters["q"])
    return render(request, "articles.html", articles=rows, pager=pager(total, offset, limit),
                  outlets=st.outlets(), searching=bool(f.filters["q"]),
                  facets=facet_links(params, st.article_facets(**f.filters)))


def highlight(text: str, query: str) -> Markup:
    """`text` escaped, with the query's words (and words starting with their first five letters,
    as the stemmed search matches them) wrapped in <mark>."""
    stems = [w[:5] for w in re.findall(r"\w+", query.lower()) if len(w) >= 2]
    if not stems:
        return Markup(escape(text))
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + r")\w*", re.IGNORECASE)
    out, pos = [], 0
    for m in pattern.finditer(text):
        out += [escape(text[pos:m.start()]), "<mark>", escape(m.group()), "</mark>"]
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("".join(out))


@router.get("/articles/{doc_id}", response_class=HTMLResponse)
def article_page(request: Request, doc_id: str, st=Depends(db)):
    if len(doc_id) > TEXT:
        return error_page(request, 422, "article id too long")
    d = load_article(st, doc_id)
    names = {m.entity_id: m.canonical_name for m in d.mentions if m.entity_id and m.canonical_name}
    title = d.title or shorten(next((s.text for s in d.sentences if s.index == 0), ""), 160) or "Untitled article"
    inferred = {e.id for e in d.events if event_date_inferred(d, e)}
    return render(request, "article.html", doc=d, marked=mark_up(d), original=original_lines(d),
                  sentences={s.index: s.text for s in d.sentences}, names=names, title=title,
                  inferred_events=inferred)


def mark_up(d) -> Markup:
    """The clean text as HTML with entities, dates, quotes and event evidence marked.

    Spans overlap (a name inside a quote inside an event's sentence), so the text is cut at every
    span boundary and each piece becomes one <span> carrying the classes of all spans that cover
    it: no nesting to get wrong. Every piece of text is escaped."""
    spans: list[tuple[int, int, str, dict]] = []
    for i, e in enumerate(d.events):
        if e.evidence.start is not None and e.evidence.end is not None:
            spans.append((e.evidence.start, e.evidence.end, "ev", {"ev": f"e{i}"}))
    for q in d.quotes:
        spans.append((q.start, q.end, "quote", {"title": f"quote — {q.speaker_name or q.speaker_text or 'unknown'}"}))
    for t in d.time_values:
        guess = f", year inferred, confidence {t.confidence:.1f}" if t.inferred else ""
        spans.append((t.start, t.end, "date date-inferred" if t.inferred else "date",
                      {"title": f"{t.value or '?'} ({t.type or 'DATE'}, {t.granularity or 'date'}{guess})"}))
    for m in d.mentions:
        label = m.canonical_name or m.text
        spans.append((m.start, m.end, f"ent ent-{m.type}", {
            "title": f"{m.type} · {label}" + (f" · {m.code}" if m.code else "") + (f" · {m.entity_id}" if m.entity_id else ""),
            "href": "/entities/" + quote(m.entity_id, safe=":/") if m.entity_id else None}))
    text = d.clean_text
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        active = [(cls, attrs) for s, e, cls, attrs in spans if s <= a and b <= e]
        piece = escape(text[a:b])
        if not active:
            out.append(piece)
            continue
        classes = " ".join(dict.fromkeys(cls for cls, _ in active))
        title = " | ".join(attrs["title"] for _, attrs in active if attrs.get("title"))
        evs = " ".join(attrs["ev"] for _, attrs in active if attrs.get("ev"))
        href = next((attrs["href"] for _, attrs in active if attrs.get("href")), None)
        tag = "a" if href else "span"
        attrs = f' class="{escape(classes)}"' + (f' title="{escape(title)}"' if title else "") + \
            (f' data-ev="{escape(evs)}"' if evs else "") + (f' href="{escape(href)}"' if href else "")
        out.append(f"<{tag}{attrs}>{piece}</{tag}>")
    return Markup("".join(out))


def original_lines(d) -> list[tuple[str, bool]]:
    """The raw text line by line, each flagged True when the cleaner removed it as boilerplate."""
    removed = {r.strip() for r in d.removed if r and r.strip()}
    return [(line, line.strip() in removed) for line in (d.raw_text or "").splitlines()]


# ---------------------------------------------------------------------- events, timeline, network, map

DEFAULT_EVENT_SORT = "-date"  # newest first


def event_page(request: Request, template: str, f: EventFilters, offset: int, st, sort=None, limit: int = PAGE_SIZE,
               **extra: Any) -> HTMLResponse:
    order = sort.value if sort else DEFAULT_EVENT_SORT
    rows = [event_json(r) for r in st.events(**f.filters, limit=limit, offset=offset, sort=order)]
    total = st.count_events(**f.filters)
    return render(request, template, events=rows, pager=pager(total, offset, limit), sort=order, **extra)


FACET_TITLES = {"type": "Event type", "quad_class": "QuadClass", "modality": "Modality", "outlet": "Outlet",
                "country": "Participant country", "sector": "Participant sector", "location": "Place"}


def facet_links(params: dict[str, str], facets: dict[str, list[dict]]) -> list[dict]:
    """The facets as the page shows them: each value a link that sets its filter (back to the
    first page), the active one a link that removes it."""
    out = []
    for name, title in FACET_TITLES.items():
        items = []
        for i in facets.get(name, []):
            active = str(params.get(name, "")).lower() == str(i["value"]).lower()
            rest = {k: v for k, v in params.items() if k != name}
            href = "?" + urlencode(rest if active else {**rest, name: i["value"]})
            items.append({**i, "active": active, "href": href})
        if items:
            out.append({"name": name, "title": title, "items": items})
    return out


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, f: Annotated[EventFilters, Depends()], offset: Offset = 0, sort: EventSort = None,
                limit: PageSize = PAGE_SIZE, st=Depends(db)):
    params = {k: v for k, v in request.query_params.items() if k != "offset"}
    return event_page(request, "events.html", f, offset, st, sort, limit, outlets=st.outlets(),
                      facets=facet_links(params, st.event_facets(**f.filters)))


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, f: Annotated[EventFilters, Depends()], offset: Offset = 0,
                  granularity: Granularity = Granularity["month"], sort: EventSort = None,
                  limit: PageSize = PAGE_SIZE, st=Depends(db)):
    return event_page(request, "timeline.html", f, offset, st, sort, limit, granularity=granularity.value)


# The network and map pages draw from the API in the browser; their filters are taken here only
# so that a bad one shows as an error page rather than as an empty chart.
@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, f: Annotated[EventFilters, Depends()],
                 min_events: Annotated[int, Query(ge=1, le=100000)] = 1):
    return render(request, "network.html", min_events=min_events)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, f: Annotated[EventFilters, Depends()]):
    return render(request, "map.html")


# ---------------------------------------------------------------------- entities

@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, type: Optional[EntityType] = None,
                  name: Annotated[Optional[str], Query(max_length=TEXT)] = None, offset: Offset = 0, st=Depends(db)):
    t = type.value if type else None
    rows = st.entities(type=t, name=name, limit=PAGE_SIZE, offset=offset)
    return render(request, "entities.html", entities=rows, pager=pager(st.count_entities(type=t, name=name), offset))


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, st=Depends(db)):
    if len(entity_id) > TEXT:
        return error_page(request, 422, "entity id too long")
    e = entity_detail(st, entity_id)
    events = [event_json(r) for r in st.events(party=entity_id, limit=PAGE_SIZE)]
    articles, n_articles = st.articles(actor=entity_id, limit=20)
    return render(request, "entity.html", e=e, events=events, n_events=st.count_events(party=entity_id),
                  articles=articles, n_articles=n_articles)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    """The API reference, rendered here from the OpenAPI schema (no CDN: it must work offline)."""
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            params = [{"name": prm["name"], "in": prm["in"], "required": prm.get("required", False),
                       "type": _schema_type(prm.get("schema", {})), "description": prm.get("description") or
                       prm.get("schema", {}).get("description", ""),
                       "default": prm.get("schema", {}).get("default")} for prm in op.get("parameters", [])]
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "description": op.get("description", ""), "params": params,
                              "responses": sorted(op.get("responses", {}))})
    return render(request, "api_docs.html", endpoints=endpoints, spec=spec)


def _schema_type(schema: dict) -> str:
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return _schema_type(schema.get("items", {})) + "[]"
    bounds = [f"{k.replace('minimum', '≥').replace('maximum', '≤')} {schema[k]}" for k in ("minimum", "maximum") if k in schema]
    return schema.get("type", "any") + (f" ({', '.join(bounds)})" if bounds else "")


add_head_routes(router)  # after every page route above
