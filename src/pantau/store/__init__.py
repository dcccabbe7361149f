"""DuckDB storage: schema, transactional writes, full-text search and queries."""

from pantau.store.dates import iso_range
from pantau.store.schema import SCHEMA_VERSION
from pantau.store.store import Store, fts_extension_path

__all__ = ["Store", "SCHEMA_VERSION", "iso_range", "fts_extension_path"]
