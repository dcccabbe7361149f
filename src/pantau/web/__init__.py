"""`pantau serve`: the REST API and the web UI over one store (see app.py)."""

from pantau.web.app import create_app

__all__ = ["create_app"]
