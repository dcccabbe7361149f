"""Ingest: read source files (txt, HTML, JSONL, JSON, gzip, folders) into `RawArticle`s."""

from pantau.ingest.readers import (
    MAX_BYTES,
    IngestError,
    RawArticle,
    content_hash,
    decode,
    iter_articles,
    normalise_text,
)

__all__ = ["MAX_BYTES", "IngestError", "RawArticle", "content_hash", "decode", "iter_articles",
           "normalise_text"]
