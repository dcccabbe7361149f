"""pantau: Indonesian news → event data (PLOVER/CAMEO events, actors, dates, places, quotes)."""

from pantau.model import Document, Event, Quote, TimeValue  # noqa: F401

__version__ = "0.1.0"


def analyze(text: str, published: str | None = None, source: str | None = None, **kwargs) -> "Document":
    """Analyse one Indonesian news article and return the typed `Document`.

    >>> doc = pantau.analyze(open("examples/001_7cbe7c7a494aa669.txt").read())
    >>> [(e.event_type, e.actors[0].code) for e in doc.events][:1]
    """
    from pantau.pipeline import analyze as _analyze

    return _analyze(text, published=published, source=source, **kwargs)
