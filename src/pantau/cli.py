"""The `pantau` command.

Sections: shared options and helpers · query commands (events, entities, quotes, timeline,
search, show, stats) · export · pipeline commands (ingest, load, analyze, bench, serve). The
`evaluate` command and its subcommands live in `pantau.evaluate.commands`.

Every command takes `--db FILE` (default: $PANTAU_DB, else ./pantau.duckdb).
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

app = typer.Typer(
    name="pantau",
    help="Indonesian news → event data (PLOVER/CAMEO events, actors, dates, places, quotes).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True, soft_wrap=True, highlight=False)

# ====================================================================== shared options & helpers

DbOption = Annotated[
    Path, typer.Option("--db", envvar="PANTAU_DB", help="DuckDB file ($PANTAU_DB).", show_default=True)
]
DEFAULT_DB = Path("pantau.duckdb")


class OutFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[OutFormat, typer.Option("--format", "-f", help="Output format.")]
LimitOption = Annotated[Optional[int], typer.Option("--limit", "-n", help="At most N rows.")]
ActorOption = Annotated[Optional[str], typer.Option("--actor", help="Code prefix (TUR), country, entity id or name.")]
RecipientOption = Annotated[Optional[str], typer.Option("--recipient", help="Like --actor, for the recipient.")]
TypeOption = Annotated[Optional[str], typer.Option("--type", help="PLOVER event type, e.g. ASSAULT.")]
FromOption = Annotated[Optional[str], typer.Option("--from", help="From date (ISO, may be partial: 2017-11).")]
ToOption = Annotated[Optional[str], typer.Option("--to", help="To date (ISO, may be partial).")]
OutletOption = Annotated[Optional[str], typer.Option("--outlet", help="Outlet name (substring).")]


def open_store(db: Path):
    """Open the store read-only, or exit 1 with a one-line error when it does not exist or cannot
    be opened. While an ingest writes a batch, this waits its turn (store/access.py)."""
    from pantau.store import Store

    if not db.exists():
        err.print(f"error: no database at {db} (create one with `pantau ingest`, or pass --db)",
                  markup=False, highlight=False)
        raise typer.Exit(1)
    if db.is_dir():  # the Parquet output of `pantau ingest --engine ray`: queried in place
        from pantau.store.store import open_parquet

        if not (db / "articles").is_dir():
            err.print(f"error: {db} is a folder but not a Parquet output of `pantau ingest --engine ray`",
                      markup=False, highlight=False)
            raise typer.Exit(1)
        return open_parquet(db)  # read-only; search scans instead of using an index
    try:
        return Store(db, read_only=True)
    except Exception as exc:  # busy for longer than PANTAU_DB_WAIT, not a DuckDB file, ...
        err.print(f"error: cannot open {db}: {exc}".splitlines()[0], markup=False, highlight=False)
        raise typer.Exit(1)


def open_writable(db: Path):
    """Open (or create) the DuckDB store for writing, or exit 1 with a one-line error."""
    from pantau.store import Store

    try:
        return Store(db)
    except Exception as exc:  # locked by another process, not a DuckDB file, other schema version
        err.print(f"error: cannot open {db}: {exc}".splitlines()[0], markup=False, highlight=False)
        raise typer.Exit(1)


def progress_bar(*extra_columns):
    """A progress bar on stderr, shown only on a terminal (logs stay clean)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    *extra_columns, TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)


def _plain(v: Any) -> Any:
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v


SHORT_COLUMNS = {"date", "event_type", "cameo_code", "modality", "doc", "type", "country", "code",
                 "mentions", "documents", "score", "published", "kind", "cue", "key"}


def emit(rows: list[dict], fmt: OutFormat, columns: list[str], title: str | None = None) -> None:
    """Print rows as a rich table (only `columns`), JSON (all fields) or CSV (`columns`)."""
    if fmt is OutFormat.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=_plain) + "\n")
        return
    if fmt is OutFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        for r in rows:
            writer.writerow(["" if r.get(c) is None else _plain(r.get(c)) for c in columns])
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    for c in columns:
        table.add_column(c, overflow="fold", no_wrap=c in SHORT_COLUMNS)
    for r in rows:
        table.add_row(*("" if r.get(c) is None else str(_plain(r.get(c))) for c in columns))
    console.print(table)
    if not rows:
        err.print("(no rows)")


def _actors_str(actors: list[dict]) -> str:
    """"TURMIL (Hulusi Akar), RUS (Rusia)"; uncoded actors by their text."""
    return ", ".join(f"{a['code']} ({a['text']})" if a["code"] else a["text"] for a in actors)


def _event_rows(events: list[dict]) -> list[dict]:
    """Events with display columns added (actor/recipient strings, short doc id)."""
    for e in events:
        e["actor"] = _actors_str(e["actors"])
        e["recipient"] = _actors_str(e["recipients"])
        e["doc"] = e["doc_id"][:12]
        e["date"] = e["date"] or ""
    return events


# ====================================================================== query commands

EVENT_COLUMNS = ["date", "event_type", "actor", "recipient", "cameo_code", "modality", "location_name", "outlet", "doc"]


@app.command()
def events(
    db: DbOption = DEFAULT_DB, actor: ActorOption = None, recipient: RecipientOption = None,
    type: TypeOption = None, date_from: FromOption = None, date_to: ToOption = None,
    outlet: OutletOption = None, limit: LimitOption = None, format: FormatOption = OutFormat.table,
):
    """List events, filtered by actor, recipient, type, date window and outlet."""
    with open_store(db) as st:
        try:
            rows = st.events(actor=actor, recipient=recipient, event_type=type, date_from=date_from,
                             date_to=date_to, outlet=outlet, limit=limit)
        except ValueError as exc:
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(2)
    if format is not OutFormat.json:
        rows = _event_rows(rows)
    emit(rows, format, EVENT_COLUMNS if format is OutFormat.table else
         ["doc_id", "id", "date", "event_type", "actor", "recipient", "cameo_code", "goldstein",
          "quad_class", "modality", "location_name", "outlet", "evidence_text"], title="events")


@app.command()
def entities(
    db: DbOption = DEFAULT_DB,
    type: Annotated[Optional[str], typer.Option("--type", help="PER, ORG, LOC or GPE.")] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="Name substring, id or code.")] = None,
    limit: LimitOption = None, format: FormatOption = OutFormat.table,
):
    """List linked entities with mention and document counts."""
    with open_store(db) as st:
        rows = st.entities(type=type, name=name, limit=limit)
    emit(rows, format, ["id", "canonical_name", "type", "country", "code", "mentions", "documents"], title="entities")


@app.command()
def quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[Optional[str], typer.Option("--speaker", help="Speaker entity id or name.")] = None,
    doc: Annotated[Optional[str], typer.Option("--doc", help="Document id or prefix.")] = None,
    limit: LimitOption = None, format: FormatOption = OutFormat.table,
):
    """List quotes with their speakers."""
    with open_store(db) as st:
        rows = st.quotes(speaker=speaker, doc=doc, limit=limit)
    for r in rows:
        r["doc"] = r["doc_id"][:12]
    emit(rows, format, ["speaker_name", "kind", "cue", "text", "doc"] if format is OutFormat.table else
         ["doc_id", "speaker_entity_id", "speaker_name", "speaker_text", "kind", "cue", "text"], title="quotes")


@app.command()
def timeline(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[Optional[str], typer.Option("--actor", help="Events where it is actor or recipient.")] = None,
    limit: LimitOption = None, format: FormatOption = OutFormat.table,
):
    """Events in date order (undated last): date, type, actors → recipients, evidence."""
    with open_store(db) as st:
        rows = st.timeline(actor=actor, limit=limit)
    if format is OutFormat.json:
        emit(rows, format, [])
        return
    rows = _event_rows(rows)
    for r in rows:
        r["who"] = r["actor"] + (f" → {r['recipient']}" if r["recipient"] else "")
    emit(rows, format, ["date", "event_type", "who", "evidence_text"], title="timeline")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to look for (BM25, Indonesian stemming).")],
    db: DbOption = DEFAULT_DB, limit: Annotated[int, typer.Option("--limit", "-n")] = 20,
    format: FormatOption = OutFormat.table,
):
    """Full-text search over article titles and text."""
    with open_store(db) as st:  # read-only: a stale index (a killed ingest) is scanned past, not rebuilt
        rows = st.search(query, limit=limit)
    for r in rows:
        r["score"] = round(r["score"], 3)
        r["doc"] = r["id"][:12]
    emit(rows, format, ["score", "doc", "published", "outlet", "title", "snippet"] if format is OutFormat.table
         else ["id", "score", "published", "outlet", "title", "snippet"], title=f"search: {query}")


MENTION_STYLES = {"PER": "bold cyan underline", "ORG": "bold magenta underline",
                  "GPE": "bold green underline", "LOC": "bold yellow underline"}
TIME_STYLE = "black on bright_yellow"
QUOTE_STYLE = "italic"


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="Document id or unique prefix.")],
    db: DbOption = DEFAULT_DB,
    plain: Annotated[bool, typer.Option("--plain", help="No colour: mark spans inline as [text|TYPE].")] = False,
):
    """One article: the clean text with entities, dates and quotes marked, then its events and quotes."""
    with open_store(db) as st:
        try:
            d = st.document(doc)
        except LookupError as exc:
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(1)
    if d is None:
        err.print(f"error: no document {doc!r}", markup=False)
        raise typer.Exit(1)
    out = Console(color_system=None, highlight=False, soft_wrap=True) if plain else console

    meta = " · ".join(x for x in (d.outlet, d.published, d.dateline, d.url or d.source) if x)
    out.print(Text(d.title or "(untitled)", style="bold"))
    out.print(Text(f"{d.id}  {meta}", style="dim"))
    out.print()
    out.print(_plain_marked(d) if plain else _styled(d))
    if not plain:
        legend = Text("  ")
        for label, style in (*MENTION_STYLES.items(), ("date", TIME_STYLE), ("quote", QUOTE_STYLE)):
            legend.append(label, style=style).append("  ")
        out.print(legend)

    sents = {s.index: s.text for s in d.sentences}
    out.print()
    out.print(Text(f"Events ({len(d.events)})", style="bold"))
    for e in d.events:
        who = ", ".join(a.code or a.text for a in e.actors) or "?"
        whom = ", ".join(a.code or a.text for a in e.recipients)
        line = Text(f"  {e.date or 'undated':<12} ")
        line.append(e.event_type, style="" if plain else "bold red")
        line.append(f" {who}" + (f" → {whom}" if whom else ""))
        extra = [x for x in (e.cameo_code and f"CAMEO {e.cameo_code}", e.modality != "asserted" and e.modality,
                             e.location and e.location.name, e.reported_by and "via " + " / ".join(e.reported_by)) if x]
        if extra:
            line.append("  [" + "; ".join(extra) + "]", style="dim")
        out.print(line)
        out.print(Text(f"      “{e.evidence.text or sents.get(e.evidence.sentence, '')}”", style="dim"))
    out.print()
    out.print(Text(f"Quotes ({len(d.quotes)})", style="bold"))
    for q in d.quotes:
        out.print(Text(f"  {q.speaker_name or q.speaker_text or '?'} ({q.kind}, {q.cue or '-'}): “{q.text}”"))
        if q.sentence is not None and q.sentence in sents:
            out.print(Text(f"      {sents[q.sentence]}", style="dim"))


def _styled(d) -> Text:
    text = Text(d.clean_text)
    for q in d.quotes:
        text.stylize(QUOTE_STYLE, q.start, q.end)
    for m in d.mentions:
        text.stylize(MENTION_STYLES.get(m.type, "underline"), m.start, m.end)
    for t in d.time_values:
        text.stylize(TIME_STYLE, t.start, t.end)
    return text


def _plain_marked(d) -> Text:
    """Inline markers for no-colour output: [Akar|PER:Q6081347] and <Senin (2/2)|2023-02-02>."""
    marks: list[tuple[int, int, str]] = []  # (offset, order, marker): closers sort before openers
    for m in d.mentions:
        label = m.type + (f":{m.entity_id}" if m.entity_id else "")
        marks += [(m.start, 1, "["), (m.end, 0, f"|{label}]")]
    for t in d.time_values:
        marks += [(t.start, 1, "<"), (t.end, 0, f"|{t.value or '?'}>")]
    out, pos = [], 0
    for offset, _, marker in sorted(marks):
        out.append(d.clean_text[pos:offset])
        out.append(marker)
        pos = offset
    out.append(d.clean_text[pos:])
    return Text("".join(out))


@app.command()
def stats(db: DbOption = DEFAULT_DB, format: FormatOption = OutFormat.table):
    """Counts of articles, entities, events, ... and the date span."""
    with open_store(db) as st:
        s = st.stats()
    if format is OutFormat.json:
        sys.stdout.write(json.dumps(s, ensure_ascii=False, indent=2) + "\n")
        return
    rows = [{"key": k, "value": v if not isinstance(v, dict) else ", ".join(f"{a} {b}" for a, b in v.items())}
            for k, v in s.items()]
    emit(rows, format, ["key", "value"], title="pantau store")


# ====================================================================== export

class ExportFormat(str, Enum):
    gdelt = "gdelt"
    plover = "plover"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    graphml = "graphml"


@app.command("export")
def export_cmd(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file ('-' = stdout, not for parquet).")],
    db: DbOption = DEFAULT_DB, actor: ActorOption = None, recipient: RecipientOption = None,
    type: TypeOption = None, date_from: FromOption = None, date_to: ToOption = None,
    outlet: OutletOption = None, limit: LimitOption = None,
    header: Annotated[bool, typer.Option("--header", help="gdelt: write a header row.")] = False,
    zero_fill: Annotated[bool, typer.Option("--zero-fill", help="gdelt: partial dates as YYYYMM00.")] = False,
    array: Annotated[bool, typer.Option("--array", help="plover: one JSON array instead of JSONL.")] = False,
    table: Annotated[str, typer.Option("--table", help="csv/parquet: events, mentions, quotes, entities, "
                                                       "time_values or sentences.")] = "events",
):
    """Export events as GDELT 2.0 TSV, PLOVER JSON(L), analyze JSONL, CSV, Parquet or GraphML."""
    from pantau.export import export

    if format is ExportFormat.parquet and str(out) == "-":
        err.print("error: parquet needs a file (--out FILE)")
        raise typer.Exit(2)
    options = {"gdelt": {"header": header, "zero_fill": zero_fill}, "plover": {"array": array},
               "csv": {"table": table}, "parquet": {"table": table}}.get(format.value, {})
    with open_store(db) as st:
        try:
            n = export(st, format.value, out, actor=actor, recipient=recipient, event_type=type,
                       date_from=date_from, date_to=date_to, outlet=outlet, limit=limit, **options)
        except ValueError as exc:
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(2)
    if str(out) != "-":
        err.print(f"wrote {n} records to {out}", markup=False, highlight=False)


# ====================================================================== pipeline commands

class Engine(str, Enum):
    local = "local"
    ray = "ray"


PublishedOption = Annotated[Optional[str], typer.Option(
    "--published", help="Publication date for articles that carry none (ISO, e.g. 2018-09-14).")]


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: txt, html, jsonl, json, gz.")],
    published: PublishedOption = None,
    source: Annotated[Optional[str], typer.Option("--source", help="Source name for articles that carry none.")] = None,
    db: DbOption = DEFAULT_DB,
    processes: Annotated[int, typer.Option("--processes", "-j", help="spaCy worker processes.")] = 1,
    engine: Annotated[Engine, typer.Option("--engine", help="local: this process into --db; ray: a Ray cluster into --out (Parquet).")] = Engine.local,
    out: Annotated[Optional[Path], typer.Option("--out", help="With --engine ray: the Parquet output folder (its tables are replaced).")] = None,
    ray_address: Annotated[Optional[str], typer.Option("--ray-address", help="Join this Ray cluster (default: start a local Ray).")] = None,
    workers: Annotated[int, typer.Option("--workers", help="With --engine ray: actors, each with its own loaded pipeline.")] = 2,
):
    """Read, clean, analyse and store articles. Re-ingesting the same article stores it once.

    With `--engine ray` the same analysis runs on Ray Data and writes Parquet tables partitioned by
    publication month to --out (load them with `pantau load OUT --db FILE`)."""
    import time as _time

    if engine is Engine.ray:
        if out is None:
            err.print("error: --engine ray writes Parquet: give --out DIR", markup=False)
            raise typer.Exit(2)
        try:
            from pantau.scale import run as run_ray
        except ImportError:
            err.print("error: Ray is not installed (pip install 'pantau[ray]')", markup=False)
            raise typer.Exit(2)
        summary = run_ray([str(p) for p in paths], out, address=ray_address, workers=workers,
                          published=published, source=source)
        err.print(f"analysed {summary.articles} article(s), {summary.errors} error(s) (see {out}/errors); "
                  f"{summary.seconds:.1f} s -> {out}", markup=False, highlight=False)
        if summary.articles == 0:
            raise typer.Exit(1)
        return

    from rich.progress import TextColumn

    from pantau.runner import ingest as run_ingest
    from pantau.store.access import StoreUnavailable

    t0 = _time.perf_counter()
    done = 0
    try:
        with progress_bar(TextColumn("{task.fields[rate]}")) as progress:
            task = progress.add_task("ingesting", total=None, rate="")

            def tick(_what: str) -> None:
                nonlocal done
                done += 1
                rate = done / max(_time.perf_counter() - t0, 1e-9)
                progress.update(task, advance=1, rate=f"{rate:.1f} articles/s")

            # the path, not an open store: the file is held only while a batch is written
            summary = run_ingest([str(p) for p in paths], db, published=published, source=source,
                                 n_process=processes, on_article=tick)
    except StoreUnavailable as exc:  # what was written before stays; a re-run goes on from there
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(1)
    seconds = _time.perf_counter() - t0
    for failure in summary.failed:  # the reason names the line or item where there is one
        err.print(f"failed: {failure.path}: {failure.reason}", markup=False, highlight=False)
    err.print(f"ingested {summary.ingested}, skipped {summary.duplicates} duplicate(s), failed {len(summary.failed)}; "
              f"{summary.events} events; {seconds:.1f} s -> {db}", markup=False, highlight=False)
    if summary.read_nothing:
        raise typer.Exit(1)


@app.command()
def load(
    directory: Annotated[Path, typer.Argument(help="Output directory of the distributed engine (pantau.scale).")],
    db: DbOption = DEFAULT_DB,
    batch: Annotated[int, typer.Option("--batch", help="Documents per transaction.")] = 64,
):
    """Store the articles of a distributed-engine output directory (Parquet), as `ingest` would.

    Reads DIR/documents/month=YYYY-MM/*.parquet; stored articles are skipped, so a re-run adds nothing.

    To query DIR in place instead (any table, or errors), e.g. in DuckDB:
    SELECT * FROM read_parquet('DIR/events/**/*.parquet', hive_partitioning=true)
    """
    import time as _time

    from pantau.loader import count_documents, load_directory

    t0 = _time.perf_counter()
    try:
        total = count_documents(directory)  # before opening the store: no empty database on error
    except ValueError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(1)
    with open_writable(db) as store, progress_bar() as progress:
        task = progress.add_task("loading", total=total)
        summary = load_directory(directory, store, batch=batch,
                                 on_progress=lambda n: progress.update(task, advance=n))
    seconds = _time.perf_counter() - t0
    errors = f" (see {directory / 'errors'})" if summary.errors else ""
    err.print(f"loaded {summary.loaded}, skipped {summary.skipped_duplicates} duplicate(s), "
              f"{summary.errors} error(s) recorded by the engine{errors}; {summary.events} events; "
              f"{seconds:.1f} s -> {db}", markup=False, highlight=False)


@app.command()
def analyze(
    files: Annotated[list[Path], typer.Argument(help="Article files (any format `ingest` reads).")],
    published: PublishedOption = None,
    json_out: Annotated[bool, typer.Option("--json", help="One JSON object per article (JSON Lines).")] = False,
):
    """Analyse articles without storing anything; prints events, or JSON Lines with --json."""
    from pantau.ingest import IngestError, iter_articles
    from pantau.pipeline import analyze_documents, prepare

    failures = 0
    prepared = []
    for item in iter_articles([str(f) for f in files], published=published):
        if isinstance(item, IngestError):
            failures += 1
            err.print(f"failed: {item.path}: {item.reason}", markup=False, highlight=False)
            continue
        try:
            prepared.append(prepare(item.text, published=item.published, source=item.source or item.path,
                                    title=item.title, url=item.url, doc_id=item.content_hash))
        except Exception as exc:  # as in `ingest`: one bad article must not stop the others
            failures += 1
            unit = "item" if item.path.lower().endswith((".json", ".json.gz")) else "line"
            where = f"{unit} {item.line}: " if item.line else ""
            err.print(f"failed: {item.path}: {where}clean failed: {exc}", markup=False, highlight=False)
    def failed(document, stage, exc):
        nonlocal failures
        failures += 1
        err.print(f"failed: {document.source}: {stage} failed: {exc}", markup=False, highlight=False)

    analysed = 0
    for doc in analyze_documents(prepared, on_error=failed):
        analysed += 1
        if json_out:
            sys.stdout.write(json.dumps(doc.to_json_dict(), ensure_ascii=False) + "\n")
            continue
        console.rule(f"{doc.source}  ({doc.outlet or '?'}, {doc.published or 'no date'})")
        table = Table("type", "cameo", "actor", "recipient", "date", "modality", "evidence", show_lines=False)
        for e in doc.events:
            table.add_row(e.event_type, e.cameo_code or "", ";".join(a.code or "" for a in e.actors),
                          ";".join(r.code or "" for r in e.recipients), e.date or "", e.modality,
                          e.evidence.text[:90])
        console.print(table)
    if not analysed and failures:
        raise typer.Exit(1)


from pantau.evaluate.commands import evaluate_app  # noqa: E402 - the section's own sub-app

app.add_typer(evaluate_app, name="evaluate")


def _counts(value: str, option: str) -> list[int]:
    """A comma-separated list of process or worker counts ("1,2"); a one-line error otherwise."""
    try:
        counts = [int(p) for p in value.split(",") if p.strip()]
    except ValueError:
        counts = []
    if not counts or min(counts) < 1:
        err.print(f"error: {option} takes positive whole numbers, e.g. 2 or 1,2 (got {value!r})", markup=False)
        raise typer.Exit(2)
    return counts


@app.command()
def bench(
    corpus: Annotated[Path, typer.Argument(help="JSONL corpus with a `text` field.")] = Path("../shared/bench/kompas-pfsa-408.jsonl"),
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", help="Only the first N articles.")] = None,
    processes: Annotated[str, typer.Option("--processes", "-j", help=(
        "spaCy worker processes; several, comma-separated (-j 1,2), measure each in turn in one run."))] = "1",
    json_out: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    engine: Annotated[Engine, typer.Option("--engine", help="local, or ray (beside the local engine, same run).")] = Engine.local,
    workers: Annotated[str, typer.Option("--workers", help="With --engine ray: worker counts to measure, e.g. 1,2.")] = "1,2",
    parse: Annotated[bool, typer.Option("--parse/--no-parse", help="With the dependency parse, or the rules alone.")] = True,
    coder: Annotated[str, typer.Option("--coder", help="The event coder: combined (default), model or rules.")] = "combined",
):
    """Pipeline throughput (articles/s, tokens/s, peak RSS) against bare tokenisation, same run.
    With --engine ray: articles/s per Ray worker count and the scaling efficiency."""
    from pantau.bench import run, run_ray

    if not corpus.exists():
        err.print(f"error: no corpus at {corpus}", markup=False)
        raise typer.Exit(2)
    if engine is Engine.ray:
        rows = run_ray(corpus, worker_counts=_counts(workers, "--workers"), limit=limit)
        if json_out:
            print(json.dumps(rows, indent=2))
            return
        table = Table("engine", "workers", "articles", "seconds", "articles/s", "per worker", "scaling efficiency",
                      title=f"pantau bench --engine ray: {corpus.name}")
        for r in rows:
            table.add_row(r["engine"], str(r["workers"]), str(r["articles"]), f"{r['seconds']:.1f}",
                          f"{r['articles_per_s']:.2f}", f"{r['per_worker']:.2f}",
                          "" if r["efficiency"] is None else f"{r['efficiency']:.2f}")
        console.print(table)
        return
    counts = _counts(processes, "--processes")
    # one measurement per count, each with its own bare-tokenisation pass; the pipeline is loaded
    # once (load_seconds of the later runs is then near 0)
    from pantau.events.component import MODES

    if coder not in MODES:
        err.print(f"error: --coder must be one of {', '.join(MODES)}, not {coder!r}", markup=False)
        raise typer.Exit(2)
    results = [run(corpus, limit=limit, n_process=n, parse=parse, coder=coder).to_dict() for n in counts]
    if json_out:  # one count: the measurement's object; several: a list of them, in the order given
        print(json.dumps(results[0] if len(results) == 1 else results, indent=2))
        return
    values = ["value"] if len(results) == 1 else [f"-j {n}" for n in counts]
    table = Table("measure", *values, title=f"pantau bench: {corpus.name}")
    for key in ("articles", "tokens", "n_process", "load_seconds", "tokenize_seconds", "pipeline_seconds",
                "articles_per_s", "tokens_per_s", "tokenize_tokens_per_s", "slowdown_vs_tokenizer",
                "events", "mentions", "quotes", "peak_rss_mb"):
        table.add_row(key, *(f"{d[key]:.2f}" if isinstance(d[key], float) else str(d[key]) for d in results))
    console.print(table)


# ====================================================================== serve

@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    allow_ingest: Annotated[bool, typer.Option("--allow-ingest", help=(
        "Accept POST /api/articles from clients sending the bearer token in $PANTAU_TOKEN."))] = False,
    workers: Annotated[int, typer.Option("--workers", help="Server processes (read-only mode only).")] = 1,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Keep GET answers until the next write.")] = True,
):
    """The REST API (/api, documented at /api/docs) and the web UI over the store, read-only
    unless --allow-ingest."""
    import os

    import uvicorn

    token = os.environ.get("PANTAU_TOKEN") or None
    if allow_ingest and not token:
        err.print("error: --allow-ingest needs a token: set PANTAU_TOKEN", markup=False)
        raise typer.Exit(2)
    if allow_ingest and workers > 1:
        err.print("error: --allow-ingest runs one process (DuckDB has one writer); drop --workers", markup=False)
        raise typer.Exit(2)
    os.environ["PANTAU_SERVE_DB"] = str(db.resolve())
    os.environ["PANTAU_SERVE_INGEST"] = "1" if allow_ingest else ""
    os.environ["PANTAU_SERVE_NO_CACHE"] = "" if cache else "1"
    try:
        from pantau.web.app import app_from_environment

        app_from_environment().state.db.close()  # fail here, in one line, if the store cannot be opened
    except Exception as exc:  # missing, locked by another process, not a DuckDB file, other schema version
        err.print(f"error: cannot open {db}: {exc}".splitlines()[0], markup=False)
        raise typer.Exit(1)
    err.print(f"pantau: serving {db} on http://{host}:{port}/ ({'ingest allowed' if allow_ingest else 'read-only'})",
              markup=False)
    uvicorn.run("pantau.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning", access_log=False)


if __name__ == "__main__":
    app()
