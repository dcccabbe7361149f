"""How the listing commands print rows: a table, TSV, CSV or JSON.

`--format` is optional. Without it a command prints a table when stdout is a terminal wide enough
for that table, and TSV otherwise (piped, redirected, or a narrow terminal), so that a table never
loses columns and a pipe always gets whole rows.

- table: only the display columns; data are never read as Rich markup ("[x]" stays).
- tsv: a header row, then one line per row, every line with the same number of tab-separated
  fields. Tabs and line breaks inside a value (\\t \\n \\r and every other character that
  `str.splitlines` breaks on) become one space each; no quoting, no escapes. Empty = no value.
- csv: the same columns as TSV, RFC 4180 quoting (a value may then hold a newline).
- json: a JSON array of the rows with all their fields (nested actors and all).
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Optional

import typer
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from pantau.cli.common import err


class OutFormat(str, Enum):
    table = "table"
    tsv = "tsv"
    csv = "csv"
    json = "json"


FormatOption = Annotated[Optional[OutFormat], typer.Option(
    "--format", "-f", show_default=False,
    help="table, tsv, csv or json. Default: a table on a terminal wide enough for it, else TSV.")]

# Columns whose values are short codes, printed whole; the others wrap (fold) in a table.
SHORT_COLUMNS = {"date", "event_type", "cameo_code", "modality", "doc", "type", "country", "code",
                 "mentions", "documents", "score", "published", "kind", "cue", "key", "id"}
WRAP_MIN = 12  # a wrapping column narrower than this is unreadable: print TSV instead

# Everything str.splitlines() breaks on, and the tab: one space each in a TSV field.
_TSV_SPACES = str.maketrans({c: " " for c in "\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"})


def stdout_is_terminal() -> bool:
    """The real stdout is a terminal (FORCE_COLOR and the like do not make a pipe one)."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # no stdout, or a closed one
        return False


def out_console(width: int | None = None) -> Console:
    """A console on the current stdout that prints data as it is (no markup, no highlighting)."""
    return Console(markup=False, highlight=False, emoji=False, width=width)


def cell(v: Any) -> str:
    """A value as text: '' for None, ISO dates, lists joined with '; '."""
    if v is None:
        return ""
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return "; ".join(cell(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, default=str)
    return str(v)


def table_cell(v: Any) -> str:
    return cell(v).replace("\t", " ")  # a tab would widen the cell past its measured width


def tsv_field(v: Any) -> str:
    return cell(v).translate(_TSV_SPACES)


def _json_default(v: Any) -> Any:
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if isinstance(v, Decimal):  # a DuckDB DECIMAL: a number in JSON too
        return float(v)
    return str(v)


def write_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=_json_default) + "\n")


def write_tsv(rows: list[dict], columns: list[str]) -> None:
    out = sys.stdout
    out.write("\t".join(columns) + "\n")
    for r in rows:
        out.write("\t".join(tsv_field(r.get(c)) for c in columns) + "\n")


def write_csv(rows: list[dict], columns: list[str]) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(columns)
    for r in rows:
        writer.writerow([cell(r.get(c)) for c in columns])


def column_widths(rows: list[dict], columns: list[str], width: int | None) -> list[int] | None:
    """Content widths that fit a table of `columns` into `width` cells (None: any width), or
    None when it does not fit: short columns whole, wrapping ones at least WRAP_MIN (or their
    longest value, when shorter) each."""
    longest = [max([cell_len(c)] + [max((cell_len(line) for line in table_cell(r.get(c)).splitlines()), default=0)
                                    for r in rows]) for c in columns]
    least = [n if c in SHORT_COLUMNS else min(n, max(WRAP_MIN, cell_len(c))) for c, n in zip(columns, longest)]
    frame = 3 * len(columns) + 1  # "│ " + " │ " between + " │"
    if width is None or sum(longest) + frame <= width:
        return longest
    if sum(least) + frame > width:
        return None
    # wrapping columns start at their least width; the room left goes to them by what they lack
    spare = width - frame - sum(least)
    lack = [m - n for m, n in zip(longest, least)]
    total_lack = sum(lack)
    widths = [n + spare * k // total_lack for n, k in zip(least, lack)]
    for i in sorted(range(len(columns)), key=lambda i: lack[i] - (widths[i] - least[i]), reverse=True):
        if sum(widths) + frame >= width:
            break
        if widths[i] < longest[i]:
            widths[i] += 1
    return widths


def render_table(rows: list[dict], columns: list[str], widths: list[int] | None, title: str | None) -> Table:
    """A Rich table of `columns`, each cell a Text (never markup); `widths` None: Rich's choice."""
    table = Table(title=Text(title) if title else None, header_style="bold")
    for i, c in enumerate(columns):
        table.add_column(Text(c), width=None if widths is None else max(widths[i], 1),
                         no_wrap=c in SHORT_COLUMNS, overflow="fold")
    for r in rows:
        table.add_row(*(Text(table_cell(r.get(c))) for c in columns))
    return table


def print_table(table: Table) -> None:
    """Print a Rich table of the caller's making: on a terminal at its width, else whole
    (as wide as the table needs; nothing is cut when output goes to a file or a pipe)."""
    console = out_console()
    if not stdout_is_terminal():
        from rich.measure import Measurement

        console = out_console(width=max(Measurement.get(console, console.options.update_width(10**6), table).maximum, 20))
    console.print(table)


def emit(rows: list[dict], fmt: OutFormat | None, columns: list[str], *, full: list[str] | None = None,
         title: str | None = None) -> None:
    """Print `rows`: a table of `columns`, TSV or CSV of `full` (default `columns`), or JSON of
    every field. `fmt` None chooses a table or TSV as the module docstring says. A reader that
    stops early (`| head`) ends the command quietly."""
    try:
        _emit(rows, fmt, columns, full, title)
        sys.stdout.flush()
    except BrokenPipeError:
        import os

        try:  # Python would complain again when it flushes stdout on the way out
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        raise typer.Exit(0)


def _emit(rows: list[dict], fmt: OutFormat | None, columns: list[str], full: list[str] | None,
          title: str | None) -> None:
    if fmt is OutFormat.json:
        write_json(rows)
        return
    terminal = stdout_is_terminal()
    if fmt is None and not terminal:
        fmt = OutFormat.tsv
    if fmt is None or fmt is OutFormat.table:
        console = out_console()
        widths = column_widths(rows, columns, console.width if terminal else None)
        if fmt is None and (not terminal or widths is None):
            fmt = OutFormat.tsv
        else:
            if not terminal:  # a table asked for in a pipe: whole, as wide as it needs
                console = out_console(width=sum(widths) + 3 * len(columns) + 1)
            # (widths None: a table asked for on a narrow terminal; Rich folds what it must)
            console.print(render_table(rows, columns, widths, title))
            if not rows:
                err.print("(no rows)")
            return
    if fmt is OutFormat.tsv:
        write_tsv(rows, full or columns)
    else:
        write_csv(rows, full or columns)
