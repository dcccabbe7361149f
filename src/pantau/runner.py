"""`pantau ingest`: files → analysed articles → DuckDB, with progress and a summary.

Analysed articles are written in small batches, each batch one transaction (DuckDB's fixed cost
per insert makes one transaction per article ~20 ms). An interrupted run therefore leaves only
whole articles behind, and a re-run skips what is stored (ids are content hashes)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pantau.ingest import IngestError, RawArticle, iter_articles
from pantau.pipeline import analyze_documents, prepare
from pantau.store import Store


@dataclass
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    failed: list[IngestError] = field(default_factory=list)
    events: int = 0

    @property
    def read_nothing(self) -> bool:
        return self.ingested == 0 and self.duplicates == 0


def ingest(paths: Iterable[str | Path], store: Store, *, published: str | None = None, source: str | None = None,
           n_process: int = 1, batch_size: int = 32, write_batch: int = 16, on_article: Callable[[str], None] | None = None) -> IngestSummary:
    summary = IngestSummary()
    seen: set[str] = set()
    origin: dict[str, tuple[str, int | None]] = {}  # article id → where it came from
    errors: dict[str, str] = {}  # article id → why its analysis failed
    clean_failed: set[str] = set()  # article ids already reported by the clean step

    def fresh_documents():
        for item in iter_articles(list(paths), published=published, source=source):
            if isinstance(item, IngestError):
                summary.failed.append(item)
                if on_article:
                    on_article("failed")
                continue
            raw: RawArticle = item
            if raw.content_hash in seen or store.has_article(raw.content_hash):
                summary.duplicates += 1
                if on_article:
                    on_article("duplicate")
                continue
            seen.add(raw.content_hash)
            origin[raw.content_hash] = (raw.path, raw.line)
            try:
                yield prepare(raw.text, published=raw.published, source=raw.source or raw.path, title=raw.title,
                              url=raw.url, doc_id=raw.content_hash)
            except Exception as exc:  # one bad article must not stop the run
                unit = "item" if raw.path.lower().endswith((".json", ".json.gz")) else "line"  # as the readers say
                where = f"{unit} {raw.line}: " if raw.line else ""
                summary.failed.append(IngestError(raw.path, f"{where}clean failed: {exc}", raw.line))
                clean_failed.add(raw.content_hash)
                if on_article:
                    on_article("failed")

    pending: list = []

    def flush():
        stored_before = {d.id for d in pending if store.has_article(d.id)}
        written = store.write_documents(pending)
        summary.ingested += written
        summary.duplicates += len(pending) - written
        summary.events += sum(len(d.events) for d in pending if d.id not in stored_before)
        pending.clear()

    analysed: set[str] = set()
    for document in analyze_documents(fresh_documents(), n_process=n_process, batch_size=batch_size,
                                      on_error=lambda d, stage, exc: errors.setdefault(d.id, f"{stage} failed: {exc}")):
        analysed.add(document.id)
        pending.append(document)
        if on_article:
            on_article("ingested")
        if len(pending) >= write_batch:
            flush()
    if pending:
        flush()
    for doc_id, (path, line) in origin.items():
        if doc_id not in analysed and doc_id not in clean_failed:
            summary.failed.append(IngestError(path, errors.get(doc_id, "analysis failed"), line))
    if summary.ingested and store.fts:
        store.rebuild_search_index()  # (an interrupted run leaves the index marked dirty; search rebuilds it)
    return summary
