"""Human and machine views of a `Report`: a rich table, Markdown, and a JSON dict."""

from __future__ import annotations

import json
from typing import Any

from rich.table import Table
from rich.text import Text

from .score import DECISIONS, METRICS, Ratio, Report

REPORT_SCHEMA = "pantau-eval/1"


def _short(doc: str) -> str:
    """"000_ff502aa6677bc519" -> "000" for column headers."""
    return doc.split("_", 1)[0]


def _cell(r: Ratio | None) -> str:
    if r is None or r.value is None:
        return "–"
    return f"{r.value:.2f} ({r.hit}/{r.total})"


def _rows(report: Report) -> list[tuple[str, str, list[str], str]]:
    """(key, label, per-document cells, overall cell) for every metric, "–" where nothing scored."""
    rows = []
    for key, label in METRICS.items():
        cells = [_cell(d.scores.get(key)) for d in report.documents]
        rows.append((key, label, cells, _cell(report.overall[key])))
    return rows


def render_table(report: Report) -> Table:
    """Metrics per document and overall, then the bars, as a rich Table."""
    table = Table(title="pantau evaluation" + (" (with published dates)" if report.with_published else ""))
    table.add_column("metric", no_wrap=True)
    for d in report.documents:
        table.add_column(_short(d.doc) + (" (no output)" if d.missing_output else ""), justify="right")
    table.add_column("overall", justify="right", style="bold")
    group = None
    for key, label, cells, overall in _rows(report):
        if group is not None and key.split(".")[0] != group:
            table.add_section()
        group = key.split(".")[0]
        table.add_row(label, *cells, overall)
    table.add_section()
    blanks = [""] * len(report.documents)
    for bar in report.bars:
        # Text, not markup: the consoles print data with markup off ("[...]" in a label stays)
        mark = Text("PASS", style="green") if bar.passed else Text("FAIL", style="red")
        table.add_row(Text(f"bar: {bar.description}"), *blanks, Text.assemble(mark, f" {bar.value}"))
    return table


def render_text(report: Report, *, problems: bool = True) -> str:
    """The table as plain text (no colour), optionally followed by the problem lists."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=200, color_system=None, force_terminal=False, markup=False).print(render_table(report))
    out = buffer.getvalue()
    if problems:
        out += "\n" + render_problems(report)
    return out


def _fmt_item(item: dict[str, Any]) -> str:
    return "; ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in item.items())


def render_problems(report: Report) -> str:
    """Misses and false positives per document, one line each (for debugging)."""
    lines = []
    for d in report.documents:
        if not d.problems:
            continue
        lines.append(f"{d.doc}:")
        for key in sorted(d.problems):
            for item in d.problems[key]:
                lines.append(f"  {key}: {_fmt_item(item)}")
    if report.unscored_outputs:
        lines.append("outputs with no gold document: " + ", ".join(report.unscored_outputs))
    return "\n".join(lines) + ("\n" if lines else "")


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: Report, *, command: str | None = None, problems: bool = True) -> str:
    """A Markdown section for docs/EVALUATION.md."""
    out = ["## Gold seeds", ""]
    if command:
        out += ["Produced by:", "", "```", command, "```", ""]
    out += [f"Publication dates supplied: {'yes' if report.with_published else 'no'}.", ""]

    out += ["| bar | result | value |", "|---|---|---|"]
    for bar in report.bars:
        out.append(f"| {_md_escape(bar.description)} | {'PASS' if bar.passed else 'FAIL'} | {_md_escape(bar.value)} |")
    out.append("")

    header = ["metric"] + [_short(d.doc) for d in report.documents] + ["overall"]
    out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for _, label, cells, overall in _rows(report):
        out.append("| " + " | ".join([_md_escape(label.strip())] + cells + [f"**{overall}**"]) + " |")
    out.append("")
    out.append("Scores are micro-averaged over documents: hits / total, summed.")
    out.append("")

    if problems:
        text = render_problems(report)
        if text:
            out += ["### Misses and false positives", "", "```", text.rstrip("\n"), "```", ""]
    out += ["### Scoring choices", "", DECISIONS]
    return "\n".join(out)


def _ratio_json(r: Ratio) -> dict[str, Any]:
    return {"hit": r.hit, "total": r.total, "value": r.value}


def report_to_json(report: Report) -> dict[str, Any]:
    return {
        "schema": REPORT_SCHEMA,
        "with_published": report.with_published,
        "passed": report.passed,
        "bars": [{"name": b.name, "description": b.description, "passed": b.passed, "value": b.value}
                 for b in report.bars],
        "overall": {k: _ratio_json(r) for k, r in report.overall.items()},
        "documents": [
            {
                "doc": d.doc,
                "missing_output": d.missing_output,
                "body_checked": d.body_checked,
                "scores": {k: _ratio_json(d.scores[k]) for k in METRICS if k in d.scores},
                "problems": d.problems,
            }
            for d in report.documents
        ],
        "unscored_outputs": report.unscored_outputs,
    }
