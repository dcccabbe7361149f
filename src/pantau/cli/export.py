"""`pantau export`: the events (or another table) as GDELT, PLOVER, JSONL, CSV, Parquet or GraphML,
to a file (-o) or to stdout. Parquet is binary and needs -o FILE."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from pantau.cli.common import (
    DEFAULT_DB, ActorOption, DbOption, FromOption, LimitOption, LocationOption, OffsetOption,
    OutletOption, PartnerOption, PartyOption, RecipientOption, ToOption, TypeOption, err, event_filters,
    fail, open_store,
)


class ExportFormat(str, Enum):
    gdelt = "gdelt"
    plover = "plover"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    graphml = "graphml"


BINARY = {ExportFormat.parquet}  # the others are text (TSV, JSON Lines, CSV, XML): stdout is fine


def export_cmd(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")],
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="Output file. Default (or '-'): stdout; parquet needs a file.")] = None,
    db: DbOption = DEFAULT_DB, actor: ActorOption = None, recipient: RecipientOption = None,
    party: PartyOption = None, partner: PartnerOption = None,
    type: TypeOption = None, date_from: FromOption = None, date_to: ToOption = None,
    outlet: OutletOption = None, location: LocationOption = None, limit: LimitOption = None,
    offset: OffsetOption = 0,
    header: Annotated[bool, typer.Option("--header", help="gdelt: write a header row.")] = False,
    zero_fill: Annotated[bool, typer.Option("--zero-fill", help="gdelt: partial dates as YYYYMM00.")] = False,
    array: Annotated[bool, typer.Option("--array", help="plover: one JSON array instead of JSONL.")] = False,
    table: Annotated[str, typer.Option("--table", help="csv/parquet: events, mentions, quotes, entities, "
                                                       "time_values or sentences.")] = "events",
):
    """Export events as GDELT 2.0 TSV, PLOVER JSON(L), analyze JSONL, CSV, Parquet or GraphML."""
    from pantau.export import export

    to_stdout = out is None or str(out) == "-"
    if format in BINARY and to_stdout:
        fail(f"{format.value} is a binary format: give a file with --out FILE")
    filters = event_filters(actor=actor, recipient=recipient, party=party, partner=partner, type=type,
                            date_from=date_from, date_to=date_to, outlet=outlet, location=location)
    options = {"gdelt": {"header": header, "zero_fill": zero_fill}, "plover": {"array": array},
               "csv": {"table": table}, "parquet": {"table": table}}.get(format.value, {})
    with open_store(db) as st:
        try:
            n = export(st, format.value, "-" if to_stdout else out, **filters, limit=limit,
                       offset=offset or None, **options)
        except ValueError as exc:  # e.g. filters with --table mentions
            fail(str(exc))
    if not to_stdout:
        err.print(f"wrote {n} records to {out}")
