"""What the commands share: the consoles, the common options, opening the store, and the checks
on option values (the API's own validators, so that the CLI and the API accept the same values).

Errors are one line on stderr; a bad option value exits 2, a store that cannot be opened 1.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.console import Console

# Data never goes through Rich markup: "[rekannya dari Suriah]" is text, not a style tag.
console = Console(markup=False, highlight=False, emoji=False)
err = Console(stderr=True, soft_wrap=True, markup=False, highlight=False, emoji=False)

DEFAULT_DB = Path("pantau.duckdb")
DbOption = Annotated[
    Path, typer.Option("--db", envvar="PANTAU_DB", help="DuckDB file ($PANTAU_DB).", show_default=True)
]
LimitOption = Annotated[Optional[int], typer.Option("--limit", "-n", min=0, help="At most N rows.")]
OffsetOption = Annotated[int, typer.Option("--offset", min=0, help="Skip the first N rows.")]
ActorOption = Annotated[Optional[str], typer.Option("--actor", help="Code prefix (TUR), country, entity id or name.")]
RecipientOption = Annotated[Optional[str], typer.Option("--recipient", help="Like --actor, for the recipient.")]
PartyOption = Annotated[Optional[str], typer.Option("--party", help="Like --actor, on either side (actor or recipient).")]
PartnerOption = Annotated[Optional[str], typer.Option(
    "--partner", help="With --party: only events between the two, in either direction.")]
LocationOption = Annotated[Optional[str], typer.Option("--location", help="Event place: id (Q858, geonames:169389) or name.")]
SortOption = Annotated[Optional[str], typer.Option(
    "--sort", help="date (default), -date (newest first), goldstein, -goldstein or type.")]
TypeOption = Annotated[Optional[str], typer.Option("--type", help="PLOVER event type, e.g. ASSAULT.")]
FromOption = Annotated[Optional[str], typer.Option("--from", help="From date (ISO, may be partial: 2017-11).")]
ToOption = Annotated[Optional[str], typer.Option("--to", help="To date (ISO, may be partial).")]
OutletOption = Annotated[Optional[str], typer.Option("--outlet", help="Outlet name (substring).")]
PublishedOption = Annotated[Optional[str], typer.Option(
    "--published", help="Publication date for articles that carry none (ISO, e.g. 2018-09-14).")]


class Engine(str, Enum):
    local = "local"
    ray = "ray"


def fail(message: str, code: int = 2) -> NoReturn:
    """A one-line error on stderr, then exit `code` (2: a bad value, 1: it could not be done)."""
    err.print(f"error: {message}".splitlines()[0])
    raise typer.Exit(code)


# ---------------------------------------------------------------------- option checks

ISO_EXAMPLES = "2017, 2017-11, 2017-11-05, 2018-W52 or 2017-11/2018"


def check_date(option: str, value: str | None) -> str | None:
    """An ISO date as the API's `from`/`to` accept it (pantau.store.dates.valid_iso), else exit 2."""
    from pantau.store.dates import valid_iso

    if value is not None and not valid_iso(value):
        fail(f"{option}: not an ISO date ({ISO_EXAMPLES}): {value[:60]!r}")
    return value


def check_window(date_from: str | None, date_to: str | None) -> None:
    """Valid --from/--to, and a window that is not empty (--from after --to), else exit 2."""
    from pantau.store.dates import iso_range

    check_date("--from", date_from)
    check_date("--to", date_to)
    if date_from and date_to and iso_range(date_from)[0] > iso_range(date_to)[1]:
        fail(f"--from {date_from} is after --to {date_to}: no date lies in that window")


def check_event_type(value: str | None) -> str | None:
    """A PLOVER event type (any case) as the API accepts it, upper-cased; else exit 2."""
    from pantau.model import PLOVER_TYPES

    if value is not None and value.upper() not in PLOVER_TYPES:
        fail(f"--type: unknown PLOVER event type {value!r}; one of {', '.join(PLOVER_TYPES)}")
    return value.upper() if value else None


def check_entity_type(value: str | None) -> str | None:
    from pantau.model import ENTITY_TYPES

    if value is not None and value.upper() not in ENTITY_TYPES:
        fail(f"--type: unknown entity type {value!r}; one of {', '.join(ENTITY_TYPES)}")
    return value.upper() if value else None


def check_sort(value: str | None) -> str | None:
    """--sort: one of the store's event orders (pantau.store.sql.EVENT_SORTS), else exit 2."""
    from pantau.store.sql import EVENT_SORTS

    if value is None:
        return None
    if value not in EVENT_SORTS:
        fail(f"--sort: unknown order {value!r}; one of {', '.join(EVENT_SORTS)}")
    return value


def check_published(value: str | None) -> str | None:
    """--published: an ISO date that exists (2020-02-30 does not), else exit 2."""
    return check_date("--published", value)


def event_filters(*, actor=None, recipient=None, party=None, partner=None, type=None, date_from=None,
                  date_to=None, outlet=None, location=None) -> dict:
    """The keyword arguments of `Store.events` (and `export`), checked as the API checks them."""
    check_window(date_from, date_to)
    return {"actor": actor, "recipient": recipient, "party": party, "partner": partner,
            "event_type": check_event_type(type), "date_from": date_from, "date_to": date_to,
            "outlet": outlet, "location": location}


# ---------------------------------------------------------------------- the store

def open_store(db: Path):
    """Open the store read-only, or exit 1 with a one-line error when it does not exist or cannot
    be opened. While an ingest writes a batch, this waits its turn (store/access.py)."""
    from pantau.store import Store

    if not db.exists():
        fail(f"no database at {db} (create one with `pantau ingest`, or pass --db)", 1)
    if db.is_dir():  # the Parquet output of `pantau ingest --engine ray`: queried in place
        from pantau.store.store import open_parquet

        if not (db / "articles").is_dir():
            fail(f"{db} is a folder but not a Parquet output of `pantau ingest --engine ray`", 1)
        return open_parquet(db)  # read-only; search scans instead of using an index
    try:
        return Store(db, read_only=True)
    except Exception as exc:  # busy for longer than PANTAU_DB_WAIT, not a DuckDB file, ...
        fail(f"cannot open {db}: {exc}", 1)


def open_writable(db: Path):
    """Open (or create) the DuckDB store for writing, or exit 1 with a one-line error."""
    from pantau.store import Store

    try:
        return Store(db)
    except Exception as exc:  # locked by another process, not a DuckDB file, other schema version
        fail(f"cannot open {db}: {exc}", 1)


def progress_bar(*extra_columns):
    """A progress bar on stderr, shown only on a terminal (logs stay clean)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    *extra_columns, TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal)
