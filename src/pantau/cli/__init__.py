"""The `pantau` command (Typer): `app` is the console script's entry point.

One module per group of commands:

- common.py  the consoles, shared options, opening the store, option checks (the API's validators)
- output.py  --format table|tsv|csv|json for the listing commands (table or TSV by default)
- query.py   events, entities, quotes, timeline, search, stats
- show.py    show
- export.py  export
- ingest.py  ingest, load, analyze
- bench.py   bench
- serve.py   serve
- `evaluate` and its subcommands live in pantau.evaluate.commands.

Every command takes `--db FILE` (default: $PANTAU_DB, else ./pantau.duckdb).
"""

from __future__ import annotations

from typing import Annotated

import typer

from pantau.cli import bench, export, ingest, query, serve, show

app = typer.Typer(
    name="pantau",
    help="Indonesian news → event data (PLOVER/CAMEO events, actors, dates, places, quotes).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def version() -> str:
    from importlib.metadata import PackageNotFoundError, version as dist_version

    try:
        return dist_version("pantau")
    except PackageNotFoundError:  # run from a source tree that is not installed
        from pantau import __version__

        return __version__


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"pantau {version()}")
        raise typer.Exit()


@app.callback()
def _main(
    show_version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    pass


# In the order `pantau --help` lists them.
for command in (query.events, query.entities, query.quotes, query.timeline, query.search, show.show, query.stats):
    app.command()(command)
app.command("export")(export.export_cmd)
for command in (ingest.ingest, ingest.load, ingest.analyze):
    app.command()(command)

from pantau.evaluate.commands import evaluate_app  # noqa: E402 - its own sub-app

app.add_typer(evaluate_app, name="evaluate")
for command in (bench.bench, serve.serve):
    app.command()(command)

__all__ = ["app"]
