"""Shared fixtures."""

from __future__ import annotations

import pytest

POISON = "RACUN-UJI"  # a marker word: the event stage raises on any article that contains it


@pytest.fixture
def poisoned_event_stage(monkeypatch):
    """Make the event coder raise "boom" on articles containing POISON, as a real bug would."""
    from pantau.events import EventsComponent as EventCoder

    original = EventCoder.__call__

    def explode_on_marker(self, doc):
        if POISON in doc.text:
            raise RuntimeError("boom")
        return original(self, doc)

    monkeypatch.setattr(EventCoder, "__call__", explode_on_marker)
    return POISON


@pytest.fixture
def rules_coder():
    """The hand-written rule coder alone in the pipeline (the component's "rules" mode), for the
    tests that state one rule each; restored afterwards."""
    from pantau import assembly

    components = [assembly.load(parse).get_pipe("pantau_events") for parse in (True, False)]
    before = [c.mode for c in components]
    for c in components:
        c.mode = "rules"
    yield
    for c, mode in zip(components, before):
        c.mode = mode


# ---------------------------------------------------------------- a store over the seed articles

XSS_MARK = "pantau-xss"
XSS_ARTICLE = (
    "Jakarta - Pemerintah Indonesia mengecam serangan terhadap kedutaan di Kairo, Senin (4/3/2019).\n"
    f'Sebuah komentar berisi <script>window.__pwned = "{XSS_MARK}"</script> dan <img src=x '
    f'onerror="window.__pwned=\'{XSS_MARK}\'"> ditulis pembaca.\n'
    '"Kami menolak kekerasan," kata Menteri Luar Negeri Retno Marsudi.\n'
)


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory):
    """The bundled sample articles (the five seeds) plus one hostile article, ingested by the real
    pipeline into a DuckDB file: what `make demo` builds."""
    from pathlib import Path

    from pantau.runner import ingest
    from pantau.store import Store

    root = Path(__file__).resolve().parents[1]
    folder = tmp_path_factory.mktemp("seeddb")
    hostile = folder / "hostile.txt"
    hostile.write_text(XSS_ARTICLE, encoding="utf-8")
    path = folder / "seeds.duckdb"
    with Store(path) as st:
        summary = ingest([root / "examples", hostile], st)
    assert summary.ingested == 6 and not summary.failed
    return path


@pytest.fixture
def writable(seed_db, tmp_path):
    """The web app over a private copy of the seed store that accepts ingest with
    factories.INGEST_TOKEN."""
    import shutil

    from fastapi.testclient import TestClient

    from factories import INGEST_TOKEN
    from pantau.web import create_app

    path = tmp_path / "copy.duckdb"
    shutil.copy(seed_db, path)
    with TestClient(create_app(path, allow_ingest=True, token=INGEST_TOKEN)) as c:
        yield c
