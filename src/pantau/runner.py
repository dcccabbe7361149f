"""`pantau ingest`: files → analysed articles → DuckDB, with progress and a summary.

Analysed articles are written in small batches, each batch one transaction (DuckDB's fixed cost
per insert makes one transaction per article ~20 ms). An interrupted run therefore leaves only
whole articles behind, and a re-run skips what is stored (ids are content hashes)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pantau.ingest import IngestError, RawArticle, iter_articles
from pantau.pipeline import analyze_raw
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

    def tick(what: str) -> None:
        if on_article:
            on_article(what)

    def already_stored(raw: RawArticle) -> bool:
        if raw.content_hash in seen or store.has_article(raw.content_hash):
            summary.duplicates += 1
            tick("duplicate")
            return True
        seen.add(raw.content_hash)
        return False

    def failure(path: str, line: int | None, stage: str, reason: str) -> None:
        if stage != "read":  # read errors already name their line and say what is wrong
            unit = "item" if path.lower().endswith((".json", ".json.gz")) else "line"  # as the readers say
            reason = (f"{unit} {line}: " if line else "") + f"{stage} failed: {reason}"
        summary.failed.append(IngestError(path, reason, line))
        tick("failed")

    pending: list = []

    def flush():
        stored_before = {d.id for d in pending if store.has_article(d.id)}
        written = store.write_documents(pending)
        summary.ingested += written
        summary.duplicates += len(pending) - written
        summary.events += sum(len(d.events) for d in pending if d.id not in stored_before)
        pending.clear()

    items = iter_articles(list(paths), published=published, source=source)
    for document in analyze_raw(items, on_failure=failure, skip=already_stored, n_process=n_process,
                                batch_size=batch_size):
        pending.append(document)
        tick("ingested")
        if len(pending) >= write_batch:
            flush()
    if pending:
        flush()
    if summary.ingested and store.fts:
        store.rebuild_search_index()  # (an interrupted run leaves the index marked dirty; search rebuilds it)
    return summary
