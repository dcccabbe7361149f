"""One article in, one analysed `Document` out: ingest → clean → nlp (time, entities, places,
quotes, events). The CLI, the Python API, the benchmark and the Ray runner all go through here."""

from __future__ import annotations

import itertools

from spacy.util import raise_error
from collections.abc import Callable, Iterable, Iterator

from pantau.clean import clean
from pantau.ingest import IngestError, RawArticle, content_hash
from pantau.model import Document
from pantau.settings import env_number


#: the longest clean text analysed, in characters (default 1,000,000, or the environment variable
#: PANTAU_MAX_ARTICLE_CHARS); a longer article fails in `prepare` (see docs/LIMITS.md). The
#: per-article time budget is `pantau.assembly.ARTICLE_TIMEOUT`.
MAX_ARTICLE_CHARS: int = env_number("PANTAU_MAX_ARTICLE_CHARS", 1_000_000)


class ArticleTooLong(ValueError):
    """An article whose clean text is over MAX_ARTICLE_CHARS."""


def prepare(text: str, *, published: str | None = None, source: str | None = None, title: str | None = None,
            url: str | None = None, doc_id: str | None = None) -> Document:
    """Clean an article and extract its metadata; no NLP yet. Raises `ArticleTooLong` when the
    clean text is over MAX_ARTICLE_CHARS (cleaning is linear, so it runs on any length)."""
    result = clean(text, title=title, published=published)
    if len(result.text) > MAX_ARTICLE_CHARS:
        raise ArticleTooLong(f"article too long ({len(result.text):,} characters > {MAX_ARTICLE_CHARS:,} limit)")
    return Document(
        id=doc_id or content_hash(text), raw_text=text, clean_text=result.text, title=result.title,
        outlet=result.outlet, dateline=result.dateline, published=result.published,
        published_source=result.published_source, url=url, source=source,
        byline=list(result.byline), removed=list(result.removed) + list(result.metadata_lines),
    )


def analyze_documents(documents: Iterable[Document], *, n_process: int = 1, batch_size: int = 16,
                      on_error: Callable[[Document, str, Exception], None] | None = None,
                      parse: bool = True) -> Iterator[Document]:
    """Run the spaCy pipeline over prepared documents, in order. An article on which a stage
    raises is reported to `on_error(document, stage, exception)` and left out; the others go on.
    That includes an article over the time budget (`pantau.assembly.ARTICLE_TIMEOUT`): a
    `TimeoutError` from the check after the stage that ran over ("pantau_entities_budget").
    (With n_process > 1 the report happens in the worker; callers notice the article is missing.)
    `parse=False`: without the dependency parse (see `pantau.assembly.load`)."""
    from pantau import assembly

    documents = iter(documents)
    first = next(documents, None)
    if first is None:
        return  # nothing to analyse: do not pay for loading the pipeline (a re-ingest of stored files)
    nlp = assembly.load(parse)

    def handler(name, _proc, docs, exc):
        if on_error is None:
            raise exc
        for sdoc in docs:
            document = sdoc._.document if sdoc._.document is not None else sdoc._context
            if isinstance(document, Document):
                on_error(document, name, exc)

    nlp.set_error_handler(handler)  # the cached nlp is shared: restored to raising in `finally`

    # The Document travels as the context of its text: worker processes pickle contexts both ways.
    pairs = ((d.clean_text, d) for d in itertools.chain([first], documents))
    try:
        for _sdoc, document in nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size):
            yield document
    finally:
        nlp.set_error_handler(raise_error)


def analyze_raw(items: Iterable[RawArticle | IngestError], *, on_failure: Callable[[str, int | None, str, str], None],
                skip: Callable[[RawArticle], bool] | None = None, published: str | None = None,
                source: str | None = None, n_process: int = 1, batch_size: int = 16) -> Iterator[Document]:
    """Articles as the readers give them (and their read errors) → analysed Documents, for the
    local runner and the Ray workers alike. Each article that cannot be read, cleaned or analysed
    is reported once to `on_failure(path, line, stage, reason)` (stage: read, clean, a pipeline
    component, or "analysis" for one lost in a worker process); the others go on. `skip` drops
    articles before any work (e.g. those already stored)."""
    origin: dict[str, tuple[str, int | None]] = {}  # article id → where it came from
    reported: set[str] = set()

    def prepared() -> Iterator[Document]:
        for item in items:
            if isinstance(item, IngestError):
                on_failure(item.path, item.line, "read", item.reason)
                continue
            if skip is not None and skip(item):
                continue
            origin[item.content_hash] = (item.path, item.line)
            try:
                yield prepare(item.text, published=item.published or published,
                              source=item.source or source or item.path, title=item.title, url=item.url,
                              doc_id=item.content_hash)
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
                reported.add(item.content_hash)
                on_failure(item.path, item.line, "clean", str(exc))

    def failed(document: Document, stage: str, exc: Exception) -> None:
        path, line = origin.get(document.id, (document.source or "", None))
        reported.add(document.id)
        on_failure(path, line, stage, str(exc))

    analysed: set[str] = set()
    for document in analyze_documents(prepared(), n_process=n_process, batch_size=batch_size, on_error=failed):
        analysed.add(document.id)
        yield document
    for doc_id, (path, line) in origin.items():  # failed in a worker process, out of `failed`'s reach
        if doc_id not in analysed and doc_id not in reported:
            on_failure(path, line, "analysis", "failed in a worker process")


def analyze(text: str, published: str | None = None, source: str | None = None, *, title: str | None = None,
            url: str | None = None) -> Document:
    """Analyse one article: the same pipeline the CLI uses."""
    docs = list(analyze_documents([prepare(text, published=published, source=source, title=title, url=url)]))
    return docs[0]  # a failing stage raises (no on_error here), so there is always one
