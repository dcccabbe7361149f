"""Numbers a user may set through the environment (limits and waits), read once at import.

    PANTAU_MAX_ARTICLE_CHARS  the longest clean text analysed (pantau.pipeline)
    PANTAU_ARTICLE_TIMEOUT    seconds of analysis per article, 0 = none (pantau.assembly)
    PANTAU_DB_WAIT            seconds to wait for the store while another process holds it (pantau.store.access)
"""

from __future__ import annotations

import os


def env_number(name: str, default: float) -> float:
    """The environment variable `name` as a number (of `default`'s type), or `default` where it is
    unset or not a number: a typo in a limit must not stop pantau from starting."""
    raw = os.environ.get(name, "").strip()
    try:
        return type(default)(float(raw)) if raw else default
    except ValueError:
        return default
