"""The read commands that list rows: events, entities, quotes, timeline, search, stats.

Each opens the store read-only and prints through `output.emit` (--format table|tsv|csv|json).
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from pantau.cli.common import (
    DEFAULT_DB, ActorOption, DbOption, FromOption, LimitOption, LocationOption, OffsetOption,
    OutletOption, PartnerOption, PartyOption, RecipientOption, SortOption, ToOption, TypeOption,
    check_entity_type, check_sort, err, event_filters, fail, open_store,
)
from pantau.cli.output import FormatOption, OutFormat, emit, write_json

EVENT_COLUMNS = ["date", "event_type", "actor", "recipient", "cameo_code", "modality", "location_name", "outlet", "doc"]
EVENT_FIELDS = ["doc_id", "id", "date", "event_type", "actor", "recipient", "cameo_code", "goldstein",
                "quad_class", "modality", "location_name", "outlet", "evidence_text"]


def actors_str(actors: list[dict]) -> str:
    """"TURMIL (Hulusi Akar), RUS (Rusia)"; uncoded actors by their text, unnamed ones (a code the
    sentence implies, no words) by their code alone."""
    return ", ".join(f"{a['code']} ({a['text']})" if a["code"] and a["text"] else a["code"] or a["text"]
                     for a in actors)


def event_rows(events: list[dict]) -> list[dict]:
    """Events with display columns added (actor/recipient strings, short doc id)."""
    for e in events:
        e["actor"] = actors_str(e["actors"])
        e["recipient"] = actors_str(e["recipients"])
        e["doc"] = e["doc_id"][:12]
        # an inferred year is shown as such (JSON keeps the date and says `date_inferred`)
        e["date"] = (e["date"] or "") + (" (inferred)" if e["date"] and e.get("date_inferred") else "")
    return events


InferredOption = Annotated[bool, typer.Option(
    "--inferred/--no-inferred", help="Include events whose date rests on an inferred year (undated articles).")]


def say_resolved(filters: dict) -> None:
    """On stderr, what each actor filter given matches ("actor: RUS = country code RUS (Russia)
    and its sectors"), so that a reader knows what the rows were chosen by."""
    from pantau.store.query import explain_actor

    for name in ("actor", "recipient", "party", "partner"):
        line = explain_actor(filters.get(name))
        if line:
            err.print(f"{name}: {line}")


def events(
    db: DbOption = DEFAULT_DB, actor: ActorOption = None, recipient: RecipientOption = None,
    party: PartyOption = None, partner: PartnerOption = None,
    type: TypeOption = None, date_from: FromOption = None, date_to: ToOption = None,
    outlet: OutletOption = None, location: LocationOption = None,
    sort: SortOption = None, limit: LimitOption = None, offset: OffsetOption = 0, format: FormatOption = None,
    inferred: InferredOption = True,
):
    """List events, filtered by actor, recipient, party/partner, type, date window, outlet and place."""
    filters = event_filters(actor=actor, recipient=recipient, party=party, partner=partner, type=type,
                            date_from=date_from, date_to=date_to, outlet=outlet, location=location)
    if check_sort(sort):
        filters["sort"] = sort
    say_resolved(filters)
    with open_store(db) as st:
        try:
            rows = st.events(**filters, inferred=None if inferred else False, limit=limit, offset=offset)
        except ValueError as exc:  # what the checks above let by and the store refuses
            fail(str(exc))
    if format is OutFormat.json:
        emit(rows, format, [])
        return
    emit(event_rows(rows), format, EVENT_COLUMNS, full=EVENT_FIELDS, title="events")


def entities(
    db: DbOption = DEFAULT_DB,
    type: Annotated[Optional[str], typer.Option("--type", help="PER, ORG, LOC or GPE.")] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="Name substring, id or code.")] = None,
    limit: LimitOption = None, offset: OffsetOption = 0, format: FormatOption = None,
):
    """List linked entities with mention and document counts."""
    type = check_entity_type(type)
    with open_store(db) as st:
        rows = st.entities(type=type, name=name, limit=limit, offset=offset)
    emit(rows, format, ["id", "canonical_name", "type", "country", "code", "mentions", "documents"], title="entities")


def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[Optional[str], typer.Option("--speaker", help="Speaker entity id or name.")] = None,
    doc: Annotated[Optional[str], typer.Option("--doc", help="Document id or prefix.")] = None,
    limit: LimitOption = None, offset: OffsetOption = 0, format: FormatOption = None,
):
    """List quotes with their speakers."""
    with open_store(db) as st:
        rows = st.quotes(speaker=speaker, doc=doc, limit=limit, offset=offset)
    for r in rows:
        r["doc"] = r["doc_id"][:12]
    emit(rows, format, ["speaker_name", "kind", "cue", "text", "doc"],
         full=["doc_id", "speaker_entity_id", "speaker_name", "speaker_text", "kind", "cue", "text"], title="quotes")


def timeline(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[Optional[str], typer.Option("--actor", help="Events where it is actor or recipient.")] = None,
    sort: SortOption = None, limit: LimitOption = None, offset: OffsetOption = 0, format: FormatOption = None,
    inferred: InferredOption = True,
):
    """Events in date order (undated last; or as --sort asks): date, type, actors → recipients, evidence."""
    say_resolved({"party": actor})
    with open_store(db) as st:
        rows = st.events(party=actor, sort=check_sort(sort), inferred=None if inferred else False, limit=limit,
                         offset=offset)
    if format is OutFormat.json:
        emit(rows, format, [])
        return
    rows = event_rows(rows)
    for r in rows:
        r["who"] = r["actor"] + (f" → {r['recipient']}" if r["recipient"] else "")
    emit(rows, format, ["date", "event_type", "who", "evidence_text"], title="timeline")


def search(
    query: Annotated[str, typer.Argument(help='Words to look for, all of them (BM25, Indonesian stemming); '
                                              '"an exact phrase" in quotes; -word or -"phrase" to exclude.')],
    db: DbOption = DEFAULT_DB, limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 20,
    sort: Annotated[Optional[str], typer.Option("--sort", help="relevance (default), -date (newest first) or date.")] = None,
    format: FormatOption = None,
):
    """Full-text search over article titles and text."""
    from pantau.store.sql import ARTICLE_SORTS

    if sort is not None and sort not in ARTICLE_SORTS:
        fail(f"--sort: unknown order {sort!r}; one of {', '.join(ARTICLE_SORTS)}")
    with open_store(db) as st:  # read-only: a stale index (a killed ingest) is scanned past, not rebuilt
        rows = st.search(query, limit=limit, sort=sort)
    for r in rows:
        r["score"] = round(float(r["score"] or 0), 3)
        r["doc"] = r["id"][:12]
    emit(rows, format, ["score", "doc", "published", "outlet", "title", "snippet"],
         full=["id", "score", "published", "outlet", "title", "snippet"], title=f"search: {query}")


def stats(db: DbOption = DEFAULT_DB, format: FormatOption = None):
    """Counts of articles, entities, events, ... and the date span."""
    with open_store(db) as st:
        s = st.stats()
    if format is OutFormat.json:
        write_json(s)
        return
    rows = [{"key": k, "value": v if not isinstance(v, dict) else ", ".join(f"{a} {b}" for a, b in v.items())}
            for k, v in s.items()]
    emit(rows, format, ["key", "value"], title="pantau store")
