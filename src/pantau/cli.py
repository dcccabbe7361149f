"""The `pantau` command.

Sections: shared options and helpers · query commands (events, entities, quotes, timeline,
search, show, stats) · export · pipeline commands (ingest, analyze, evaluate, bench: added by the
pipeline module owners in the marked section below).

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


def open_store(db: Path, write: bool = False):
    """Open the store, or exit 1 with a one-line error when the file does not exist."""
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
        return open_parquet(db)  # read-only; search (which asks to write, to refresh its index) scans instead
    try:
        return Store(db, read_only=not write)
    except Exception as exc:  # locked by another process, not a DuckDB file, ...
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
    with open_store(db, write=True) as st:  # writable: a stale index is rebuilt first
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

    t0 = _time.perf_counter()
    with open_writable(db) as store, progress_bar(TextColumn("{task.fields[rate]}")) as progress:
        task = progress.add_task("ingesting", total=None, rate="")
        done = 0

        def tick(_what: str) -> None:
            nonlocal done
            done += 1
            rate = done / max(_time.perf_counter() - t0, 1e-9)
            progress.update(task, advance=1, rate=f"{rate:.1f} articles/s")

        summary = run_ingest([str(p) for p in paths], store, published=published, source=source,
                             n_process=processes, on_article=tick)
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


evaluate_app = typer.Typer(
    help="Score the pipeline against a gold file (`pantau evaluate --gold FILE`), or the trained models: "
         "`pantau evaluate ner FILE --scheme S`, `pantau evaluate ud FILE.conllu`.",
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(evaluate_app, name="evaluate")


class NerScheme(str, Enum):
    nerp = "nerp"
    nergrit = "nergrit"
    idner = "idner"


@evaluate_app.command("ner")
def evaluate_ner(
    file: Annotated[Path, typer.Argument(help="IOB file as in ../shared/data (NERP/NERGrit token<TAB>tag, idner token POS tag).")],
    scheme: Annotated[NerScheme, typer.Option("--scheme", help="The file's label set; harmonised to PER/ORG/LOC.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    model: Annotated[Optional[Path], typer.Option("--model", help="A spaCy model folder instead of the shipped NER.")] = None,
):
    """Precision, recall and F1 of the NER model per label and micro-averaged, on gold tokens."""
    from pantau.evaluate.ner import evaluate_model, read_iob

    if not file.is_file():
        err.print(f"error: no file at {file}", markup=False)
        raise typer.Exit(2)
    try:
        sents = read_iob(file, scheme.value)
    except (ValueError, UnicodeDecodeError) as exc:
        err.print(f"error: {file}: {exc}", markup=False)
        raise typer.Exit(2)
    if model is not None:
        from pantau.models import load_path

        nlp = load_path(model)
    else:
        from pantau.models import load_ner

        nlp = load_ner()
    report = {"file": str(file), "scheme": scheme.value, **evaluate_model(nlp, sents)}
    if json_out:
        print(json.dumps(report, indent=2))
        return
    table = Table("label", "precision", "recall", "F1", "gold", "predicted",
                  title=f"pantau evaluate ner: {file.name} ({scheme.value}, {report['sentences']} sentences)")
    for label, r in [*report["labels"].items(), ("micro", report["micro"])]:
        table.add_row(label, f"{r['precision']:.4f}", f"{r['recall']:.4f}", f"{r['f1']:.4f}", str(r["gold"]), str(r["pred"]))
    console.print(table)


@evaluate_app.command("ud")
def evaluate_ud(
    file: Annotated[Path, typer.Argument(help="CoNLL-U gold file; the model reads only its raw `# text`.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    model: Annotated[Optional[Path], typer.Option("--model", help="A spaCy model folder instead of the shipped UD model.")] = None,
    sentences: Annotated[str, typer.Option("--sentences", help="Who splits sentences: parser, or pantau (the pipeline's rules).")] = "parser",
):
    """Tokens, sentences, words, UPOS, lemma, UAS and LAS (F1, CoNLL 2018 style) from raw text."""
    from pantau.evaluate.ud import evaluate_file

    if not file.is_file():
        err.print(f"error: no file at {file}", markup=False)
        raise typer.Exit(2)
    nlp = None
    if model is not None:
        from pantau.models import load_path

        nlp = load_path(model)
    try:
        report = evaluate_file(file, nlp, sentences)
    except (ValueError, UnicodeDecodeError) as exc:
        err.print(f"error: {file}: {exc}", markup=False)
        raise typer.Exit(2)
    if report["seen_in_training"]:
        err.print(f"warning: {report['seen_in_training']} of {report['gold_sentences']} sentences of {file} were in "
                  "this model's training data, so these scores overstate it (the shipped UD model learnt from "
                  "the carved dev sets too; `make train` leaves a held-out run in training/output/ud/model-best: "
                  "training/README.md)", markup=False)
    if json_out:
        print(json.dumps(report, indent=2))
        return
    table = Table("metric", "precision", "recall", "F1", title=f"pantau evaluate ud: {file.name} ({report['gold_sentences']} sentences)")
    for key in ("tokens", "sentences", "words", "upos", "lemma", "uas", "las"):
        r = report[key]
        table.add_row(key, f"{r['precision']:.4f}", f"{r['recall']:.4f}", f"{r['f1']:.4f}")
    console.print(table)


@evaluate_app.command("participants")
def evaluate_participants(
    gold: Annotated[Path, typer.Option("--gold", help="Participants gold (pantau-participants/1).")] = Path("docs/gold/participants-kompas.json"),
    articles: Annotated[Optional[Path], typer.Option("--articles", help="JSONL corpus holding the gold's articles (default: the gold's `articles`, beside the repository).")] = None,
    split: Annotated[str, typer.Option("--split", help="dev, test or all.")] = "dev",
    parse: Annotated[bool, typer.Option("--parse/--no-parse", help="With the dependency parse, or the rules alone.")] = True,
    json_out: Annotated[bool, typer.Option("--json", help="Print the report as JSON (misses included).")] = False,
):
    """Actors and recipients of the events coded at each gold trigger: precision, recall and F1
    per role (rules: `pantau.evaluate.participants`)."""
    from pantau.evaluate.participants import load_gold as load_participants, score as score_participants
    from pantau.pipeline import analyze_documents, prepare

    if split not in ("dev", "test", "all"):
        err.print(f"error: --split must be dev, test or all, not {split!r}", markup=False)
        raise typer.Exit(2)
    try:
        gold_data = load_participants(gold)
    except (OSError, ValueError) as exc:
        err.print(f"error: {gold}: {exc}", markup=False)
        raise typer.Exit(2)
    corpus = articles or (gold.resolve().parents[2] / gold_data["articles"])
    wanted = {item["article"] for item in gold_data["items"] if split == "all" or item["split"] == split}
    if not corpus.is_file():
        err.print(f"error: no corpus at {corpus} (--articles)", markup=False)
        raise typer.Exit(2)
    prepared = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("id") in wanted:
                prepared.append(prepare(row["text"], doc_id=row["id"], source=str(corpus)))
    documents = {doc.id: doc for doc in analyze_documents(prepared, parse=parse)}
    try:
        report = score_participants(gold_data, documents, split=split).as_dict()
    except KeyError as exc:
        err.print(f"error: {exc.args[0]}", markup=False)
        raise typer.Exit(2)
    if json_out:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    table = Table("role", "precision", "recall", "F1", "system", "gold",
                  title=f"pantau evaluate participants: {gold.name} ({split}, {report['items']} triggers, "
                        f"parse {'on' if parse else 'off'})")
    for role in ("actor", "recipient", "both"):
        r = report[role]
        table.add_row(role, f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}", str(r["system"]), str(r["gold"]))
    console.print(table)
    if report["drifted"]:
        err.print(f"warning: {len(report['drifted'])} gold triggers no longer sit at their offsets (the cleaner "
                  f"changed?): {', '.join(report['drifted'])}", markup=False)


@evaluate_app.command("events")
def evaluate_events(
    gold: Annotated[list[Path], typer.Option("--gold", help=(
        "plover-id annotation files (JSON Lines) or a folder of them; more files may follow "
        "(`--gold annotations/*.jsonl`)."))],
    articles: Annotated[Path, typer.Option("--articles", help="JSONL corpus holding the gold's articles (`id`, `text`).")],
    more_gold: Annotated[Optional[list[Path]], typer.Argument(help="Further gold files.", show_default=False)] = None,
    split: Annotated[str, typer.Option("--split", help="all, or plover-id's dev (article numbers ending in 7) or train.")] = "all",
    coder: Annotated[str, typer.Option("--coder", help="combined (the default), model (learned alone) or rules (hand rules alone).")] = "combined",
    parse: Annotated[bool, typer.Option("--parse/--no-parse", help="With the dependency parse, or the rules alone.")] = True,
    json_out: Annotated[bool, typer.Option("--json", help="Print the report as JSON (with the missed gold events).")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes for the analysis.")] = 1,
):
    """Sentence-level event scores against exhaustive PLOVER annotation: recall and precision of
    actor-recipient pairs with the right type and countries, and recall of the type alone, of type +
    actor and of whole codes, per type (rules: `pantau.evaluate.events`)."""
    from pantau import nlp as nlp_module
    from pantau.evaluate.events import is_dev, load_gold as load_events, score as score_events
    from pantau.events.component import MODES
    from pantau.pipeline import analyze_documents, prepare

    if split not in ("all", "dev", "train"):
        err.print(f"error: --split must be all, dev or train, not {split!r}", markup=False)
        raise typer.Exit(2)
    if coder not in MODES:
        err.print(f"error: --coder must be one of {', '.join(MODES)}, not {coder!r}", markup=False)
        raise typer.Exit(2)
    gold = [f for p in [*gold, *(more_gold or [])] for f in (sorted(p.glob("*.jsonl")) if p.is_dir() else [p])]
    for path in [*gold, articles]:
        if not path.is_file():
            err.print(f"error: no file at {path}", markup=False)
            raise typer.Exit(2)
    try:
        golds = load_events(gold)
    except (ValueError, KeyError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2)
    if split != "all":
        golds = {a: g for a, g in golds.items() if is_dev(a) == (split == "dev")}
    prepared = []
    with open(articles, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("id") in golds:
                prepared.append(prepare(row["text"], doc_id=row["id"], source=str(articles)))
    missing = sorted(set(golds) - {d.id for d in prepared})
    if missing:
        err.print(f"error: {len(missing)} gold articles are not in {articles}: {', '.join(missing[:5])}", markup=False)
        raise typer.Exit(2)
    component = nlp_module.load(parse).get_pipe("pantau_events")
    if component.combiner is None and coder != "rules":
        err.print("warning: no trained event models in the package (run `make train`): the rules code alone",
                  markup=False)
    before, component.mode = component.mode, coder
    try:
        documents = {d.id: d for d in analyze_documents(prepared, parse=parse, n_process=jobs)}
    finally:
        component.mode = before
    report = score_events(golds, documents).as_dict(misses=json_out)
    if json_out:
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    table = Table("measure", "value", title=f"pantau evaluate events: {report['articles']} articles, "
                  f"{report['gold_events']} gold events ({split}, coder {coder}, parse {'on' if parse else 'off'})")
    for key in ("recall", "precision", "f1", "recall_type_in_sentence", "recall_type_actor", "recall_whole_codes",
                "modality_accuracy_of_found", "system_events", "system_pairs", "unplaced_gold"):
        table.add_row(key, str(report[key]))
    console.print(table)
    per_type = Table("type", "gold", "found", "recall", "system pairs", "precision")
    for t, r in report["per_type"].items():
        per_type.add_row(t, str(r["gold"]), str(r["found"]), "" if r["recall"] is None else f"{r['recall']:.3f}",
                         str(r["system_pairs"]), "" if r["precision"] is None else f"{r['precision']:.3f}")
    console.print(per_type)


@evaluate_app.callback(invoke_without_command=True)
def evaluate(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Option("--gold", help="Gold file (pantau-gold/1).")] = Path("../shared/gold/seeds.json"),
    seeds: Annotated[Optional[Path], typer.Option("--seeds", help="Folder of the gold's articles (default: ../seeds beside the gold).")] = None,
    with_published: Annotated[bool, typer.Option("--with-published", help="Supply each gold document's published_if_given.")] = False,
    markdown: Annotated[Optional[Path], typer.Option("--markdown", help="Also write the report as Markdown here.")] = None,
    json_report: Annotated[Optional[Path], typer.Option("--json", help="Also write the report as JSON here.")] = None,
    problems: Annotated[bool, typer.Option("--problems/--no-problems", help="List misses and false positives.")] = True,
    parse: Annotated[bool, typer.Option("--parse/--no-parse", help="With the dependency parse, or the rules alone.")] = True,
):
    """Score the pipeline against a gold file (rules: ../shared/gold/README.md).
    Subcommands `ner` and `ud` score the trained models instead."""
    if ctx.invoked_subcommand is not None:
        return
    from pantau.evaluate import load_gold, render_markdown, render_problems, render_table, report_to_json, score_documents
    from pantau.pipeline import analyze_documents, prepare

    gold_data = load_gold(gold)
    seeds_dir = seeds or gold.parent.parent / "seeds"
    prepared = []
    for gdoc in gold_data["documents"]:
        path = seeds_dir / f"{gdoc['doc']}.txt"
        if not path.exists():
            err.print(f"error: no article for gold document {gdoc['doc']} at {path}", markup=False)
            raise typer.Exit(2)
        published = gdoc.get("published_if_given") if with_published else None
        prepared.append(prepare(path.read_text(encoding="utf-8"), published=published, source=str(path),
                                doc_id=gdoc["doc"]))

    def failed(document, stage, exc):
        err.print(f"failed: {document.source}: {stage} failed: {exc}", markup=False, highlight=False)

    # keyed by id, not by position: an article that fails must not shift the others
    outputs = {doc.id: doc for doc in analyze_documents(prepared, on_error=failed, parse=parse)}
    report = score_documents(gold_data, outputs, with_published=with_published)
    console.print(render_table(report))
    if problems:
        console.print(render_problems(report), markup=False, highlight=False)
    command = "pantau evaluate --gold " + str(gold) + (" --with-published" if with_published else "") + (
        "" if parse else " --no-parse")
    if markdown:
        markdown.write_text(render_markdown(report, command=command), encoding="utf-8")
    if json_report:
        json_report.write_text(json.dumps(report_to_json(report), indent=2, ensure_ascii=False), encoding="utf-8")


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
