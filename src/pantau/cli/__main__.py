"""`python -m pantau.cli ...`, the same as the `pantau` command."""

from pantau.cli import app

app(prog_name="pantau")
