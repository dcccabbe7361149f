"""`pantau bench`: pipeline throughput on a JSONL corpus, against bare tokenisation in the same run.

Reports articles/s, tokens/s, peak RSS and the ratio to the spaCy tokenizer alone, so a slowdown
shows up as a number, not a feeling. Nothing is stored: this measures analysis, not DuckDB writes.
"""

from __future__ import annotations

import json
import resource
import time
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class BenchResult:
    corpus: str
    articles: int
    tokens: int
    load_seconds: float
    tokenize_seconds: float
    pipeline_seconds: float
    events: int
    mentions: int
    quotes: int
    n_process: int
    peak_rss_mb: float

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.pipeline_seconds if self.pipeline_seconds else 0.0

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.pipeline_seconds if self.pipeline_seconds else 0.0

    @property
    def tokenize_tokens_per_s(self) -> float:
        return self.tokens / self.tokenize_seconds if self.tokenize_seconds else 0.0

    @property
    def slowdown_vs_tokenizer(self) -> float:
        return self.pipeline_seconds / self.tokenize_seconds if self.tokenize_seconds else 0.0

    def to_dict(self) -> dict:
        d = asdict(self)
        d.update(articles_per_s=round(self.articles_per_s, 2), tokens_per_s=round(self.tokens_per_s),
                 tokenize_tokens_per_s=round(self.tokenize_tokens_per_s),
                 slowdown_vs_tokenizer=round(self.slowdown_vs_tokenizer, 1))
        return d


def read_texts(path: Path, limit: int | None = None) -> list[str]:
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
                if limit and len(texts) >= limit:
                    break
    return texts


def run(path: Path, *, limit: int | None = None, n_process: int = 1, parse: bool = True,
        coder: str = "combined") -> BenchResult:
    """`coder`: the event coder's mode (combined, model, rules), to measure what the models cost."""
    from pantau import assembly
    from pantau.pipeline import analyze_documents, prepare

    texts = read_texts(path, limit)
    t0 = time.perf_counter()
    nlp = assembly.load(parse)
    load_s = time.perf_counter() - t0
    nlp.get_pipe("pantau_events").mode = coder  # the worker processes are forked with it
    t0 = time.perf_counter()
    tokens = sum(len(d) for d in nlp.tokenizer.pipe(texts, batch_size=64))
    tokenize_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    events = mentions = quotes = 0
    for doc in analyze_documents((prepare(t) for t in texts), n_process=n_process, parse=parse):
        events += len(doc.events)
        mentions += len(doc.mentions)
        quotes += len(doc.quotes)
    pipeline_s = time.perf_counter() - t0
    nlp.get_pipe("pantau_events").mode = "combined"
    # ru_maxrss is KiB on Linux; children covers n_process > 1 workers
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return BenchResult(str(path), len(texts), tokens, load_s, tokenize_s, pipeline_s, events, mentions, quotes,
                       n_process, peak / 1024)


def run_ray(path: Path, *, worker_counts: list[int], limit: int | None = None) -> list[dict]:
    """Articles/s of the local engine and of the Ray engine at each worker count, in one run.

    Each Ray row is a full `pantau ingest --engine ray` into a temporary folder (read, analyse,
    write Parquet), timed after Ray has started; the first run also warms Ray up. Efficiency is
    articles/s per worker relative to the single-worker run (1.0 = linear scaling)."""
    import tempfile

    from pantau.scale import init_ray
    from pantau.scale import run as run_engine

    texts = read_texts(path, limit)
    local = run(path, limit=limit)
    rows = [{"engine": "local", "workers": 1, "articles": local.articles, "seconds": local.pipeline_seconds,
             "articles_per_s": local.articles_per_s, "per_worker": local.articles_per_s, "efficiency": None}]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
        init_ray(num_cpus=max(worker_counts) + 1)
        base = None
        for n in worker_counts:
            result = run_engine([str(corpus)], Path(tmp) / f"out{n}", workers=n)
            rate = result.articles / result.seconds if result.seconds else 0.0
            base = base or rate / n
            rows.append({"engine": "ray", "workers": n, "articles": result.articles, "seconds": result.seconds,
                         "articles_per_s": rate, "per_worker": rate / n, "efficiency": (rate / n) / base if base else None})
    return rows
