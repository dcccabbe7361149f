"""The HTML pages: server-rendered with Jinja2 (autoescaped: article text is untrusted input), plus
one small script (`static/pantau.js`) that draws the timeline, network and map from the API.

Every page's filters are plain query parameters with the API's names, so a page's URL, its
API call and its CSV download share one query string.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Annotated, Any, Optional
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from pantau.model import PLOVER_TYPES
from pantau.web.api import (
    MAX_OFFSET, TEXT, ArticleFilters, EntityType, EventFilters, Granularity, db, entity_detail, event_json,
    load_article,
)
from pantau.web.security import http_url, public_source

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.tests["http_url"] = http_url  # `{% if doc.url is http_url %}`: only these become links
templates.env.filters["public_source"] = public_source  # no server path on a page
router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    params = {k: v for k, v in request.query_params.items() if k != "offset"}
    return templates.TemplateResponse(request, template, {
        "plover_types": PLOVER_TYPES, "quad_names": QUAD_NAMES, "params": params,
        "query": urlencode(params), "nav": template.split(".")[0], **context}, status_code=status_code)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status_code=status, status=status, message=message)


def pager(total: int, offset: int, size: int = PAGE_SIZE) -> dict:
    return {"total": total, "first": offset + 1 if total else 0, "last": min(offset + size, total),
            "prev": max(offset - size, 0) if offset else None, "next": offset + size if offset + size < total else None}


# ---------------------------------------------------------------------- articles

@router.get("/", response_class=HTMLResponse)
def articles_page(request: Request, f: Annotated[ArticleFilters, Depends()], offset: Offset = 0, st=Depends(db)):
    rows, total = st.articles(**f.filters, limit=PAGE_SIZE, offset=offset)
    if f.filters["q"] and rows:  # show where the words are, not the lead
        snippets = st.snippets([r["id"] for r in rows], f.filters["q"], width=260)
        for r in rows:
            r["snippet"] = highlight(snippets[r["id"]], f.filters["q"])
    return render(request, "articles.html", articles=rows, pager=pager(total, offset),
                  outlets=st.outlets(), searching=bool(f.filters["q"]))


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
    return render(request, "article.html", doc=d, marked=mark_up(d), original=original_lines(d),
                  sentences={s.index: s.text for s in d.sentences})


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
        spans.append((t.start, t.end, "date", {"title": f"{t.value or '?'} ({t.granularity or 'date'})"}))
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

def event_page(request: Request, template: str, f: EventFilters, offset: int, st, **extra: Any) -> HTMLResponse:
    rows = [event_json(r) for r in st.events(**f.filters, limit=PAGE_SIZE, offset=offset)]
    total = st.count_events(**f.filters)
    return render(request, template, events=rows, pager=pager(total, offset), **extra)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, f: Annotated[EventFilters, Depends()], offset: Offset = 0, st=Depends(db)):
    return event_page(request, "events.html", f, offset, st, outlets=st.outlets())


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, f: Annotated[EventFilters, Depends()], offset: Offset = 0,
                  granularity: Granularity = Granularity["month"], st=Depends(db)):
    return event_page(request, "timeline.html", f, offset, st, granularity=granularity.value)


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
